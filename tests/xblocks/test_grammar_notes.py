"""The grammar notes XBlock (文法ノート) on xblock-sdk's workbench runtime: list, search, lesson, language."""

import configparser
import itertools
from importlib import metadata
from pathlib import Path
from unittest.mock import Mock

import pytest
from workbench.runtime import WorkbenchRuntime
from xblock import plugin
from xblock.core import XBlock

from curriculum import grammar
from tests.xblocks.conftest import as_learner, post
from xblocks.grammar_notes.block import GrammarNotesBlock

ROOT = Path(__file__).resolve().parents[2]
_numbers = itertools.count()


def test_setup_cfg_registers_the_block_for_open_edx():
    config = configparser.ConfigParser()
    config.read(ROOT / "setup.cfg")
    assert "grammar_notes = xblocks.grammar_notes.block:GrammarNotesBlock" in config["options.entry_points"][
        "xblock.v1"]


@pytest.fixture
def registered(monkeypatch):
    """The block under its entry point's name even in an environment installed before setup.cfg had it
    (``pip install -e .`` refreshes the installed entry points)."""
    if not metadata.entry_points(group="xblock.v1", name="grammar_notes"):
        entry = Mock(dist=Mock(key="kagoshima-nihongo"), load=Mock(return_value=GrammarNotesBlock),
                     group="xblock.v1")
        entry.name = "grammar_notes"
        monkeypatch.setattr(XBlock, "extra_entry_points",
                            [*XBlock.extra_entry_points, ("grammar_notes", entry)])
        monkeypatch.setattr(plugin, "PLUGIN_CACHE", {})


@pytest.fixture
def notes_factory(db, registered):
    def make(olx='<grammar_notes level="N5"/>', user_id="alice"):
        runtime = WorkbenchRuntime(user_id)
        runtime.id_generator.set_scenario(f"grammar{next(_numbers)}")
        return runtime.get_block(runtime.parse_xml_string(olx))
    return make


def html(block):
    return block.runtime.render(block, "student_view").body_html()


def test_the_page_lists_the_levels_points_phone_first(notes_factory):
    block = notes_factory('<grammar_notes level="N4"/>')
    page = html(block)
    n4 = grammar.points("N4")
    assert page.count('class="ngr-point"') == len(n4) and f"{len(n4)} grammar points" in page
    assert 'class="ngr-q"' in page and "Grammar notes" in page


def test_search_then_a_lesson_then_back_and_a_reload_shows_what_the_learner_left(notes_factory):
    block = notes_factory()
    status, screen = post(block, "search", {"query": "temo"})
    assert status == 200 and "n5-temo-ii" in [p["id"] for p in screen["points"]]
    status, screen = post(block, "open", {"point": "n5-temo-ii"})
    assert status == 200 and screen["lesson"]["id"] == "n5-temo-ii"
    page = html(as_learner(block, "alice"))
    assert 'class="nl-pattern"' in page and "<ruby>" in page and "How to make it" in page
    _status, screen = post(block, "open", {"point": None})
    assert screen["lesson"] is None and screen["query"] == "temo"


def test_bad_input_is_a_400_with_a_message_and_changes_nothing(notes_factory):
    block = notes_factory()
    post(block, "open", {"point": "n5-wa"})
    status, body = post(block, "open", {"point": "n5-nope"})
    assert status == 400 and "n5-nope" in body["error"]
    assert as_learner(block, "alice").notes_state["point"] == "n5-wa"


def test_the_language_switch_translates_the_page_and_the_lesson(notes_factory):
    block = notes_factory()
    post(block, "open", {"point": "n5-wa"})
    status, screen = post(block, "set_language", {"language": "vi"})
    assert status == 200 and screen["text"]["meaning"] == "Ý nghĩa"
    assert screen["lesson"]["meaning"] == grammar.point("n5-wa").meaning["vi"]
    assert 'lang="vi"' in html(as_learner(block, "alice"))


def test_studio_refuses_a_level_without_grammar_notes(notes_factory):
    block = notes_factory()
    block.level = "N1"
    validation = block.validate()
    assert not validation.empty and "N1" in validation.messages[0].text


def test_a_unit_set_to_its_weeks_points_lists_only_them_and_studio_refuses_another_levels(notes_factory):
    block = notes_factory('<grammar_notes level="N5" grammar_points=\'["n5-wa", "n5-temo-ii"]\'/>')
    page = html(block)
    assert page.count('class="ngr-point"') == 2 and "2 grammar points" in page
    assert block.student_view_data() == {"display_name": "Grammar notes", "level": "N5",
                                         "grammar_points": ["n5-wa", "n5-temo-ii"]}
    block.grammar_points = ["n4-plain-form"]
    validation = block.validate()
    assert not validation.empty and "not N5 points" in validation.messages[0].text
