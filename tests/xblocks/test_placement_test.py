"""The placement_test block on xblock-sdk's workbench runtime: adaptive, no key in the browser, a plan."""

import json
import random

import pytest
import webob
from lxml import etree
from workbench.runtime import WorkbenchRuntime

from curriculum.bank import default_bank
from tests.xblocks.conftest import TUESDAY, _scenario_numbers, as_learner, post
from xblocks.placement_test.block import PlacementTestBlock

BANK = default_bank()


@pytest.fixture
def placement_factory(db, monkeypatch):
    """A placement test from OLX, as one learner sees it; its clock held still, its draws repeatable."""
    monkeypatch.setattr(PlacementTestBlock, "_now", lambda block: TUESDAY)
    monkeypatch.setattr(PlacementTestBlock, "_rng", lambda block: random.Random(2026))

    def make(olx="<placement_test/>", user_id="alice"):
        runtime = WorkbenchRuntime(user_id)
        runtime.id_generator.set_scenario(f"placement{next(_scenario_numbers)}")
        return runtime.get_block(runtime.parse_xml_string(olx))
    return make


def knows(levels):
    """A learner who answers items of ``levels`` right and every other item wrong."""
    def choose(item_id):
        item = BANK.get(item_id)
        return item.answer if item.level in levels else (item.answer + 1) % len(item.choices)
    return choose


def take(block, choose):
    """Answer until the outcome; returns (answers given, last payload)."""
    _status, payload = post(block, "next")
    answers = 0
    while payload["item"]:
        status, payload = post(block, "answer", {"item_id": payload["item"]["id"],
                                                 "choice": choose(payload["item"]["id"])})
        assert status == 200, payload
        answers += 1
    return answers, payload


def test_the_page_shows_a_question_and_never_a_key(placement_factory):
    block = placement_factory()
    html = block.render("student_view").body_html()
    item = BANK.get(block.placement_state["pending"])
    assert f'data-item-id="{item.id}"' in html
    assert html.count('class="np-choice"') == len(item.choices)
    assert "correct_index" not in html and '"answer"' not in html
    assert "at most 20 questions" in html


@pytest.mark.parametrize(("levels", "expected"), [((), "below N5"), (("N5",), "N5"), (("N5", "N4"), "N4"),
                                                  (("N5", "N4", "N3", "N2"), "N2")])
def test_the_level_follows_what_the_learner_knows(placement_factory, levels, expected):
    answers, payload = take(placement_factory(), knows(levels))
    assert payload["outcome"]["level"] == expected
    assert 5 <= answers <= 20 and payload["progress"] == {"answered": answers, "max_items": 20, "done": True}


def test_answers_carry_no_key_only_the_next_question(placement_factory):
    block = placement_factory()
    item_id = post(block, "next")[1]["item"]["id"]
    _status, payload = post(block, "answer", {"item_id": item_id, "choice": 0})
    assert set(payload) == {"item", "progress", "outcome"}
    assert "correct" not in json.dumps(payload) and payload["item"]["id"] != item_id


def test_finishing_stores_level_and_plan_for_every_block_and_grades_completion(placement_factory, published):
    block = placement_factory()
    _answers, payload = take(block, knows(("N5", "N4")))

    grades = [data for kind, data in published if kind == "grade"]
    assert grades == [{"value": 1, "max_value": 1}]  # completion, not the level
    assert [data for kind, data in published if kind == "completion"] == [{"completion": 1.0}]
    finished = [data for kind, data in published if kind == "nihongo.placement.finished"]
    assert finished[0]["level"] == "N4" and finished[0]["items"] == _answers
    answered = [data for kind, data in published if kind == "nihongo.placement.answered"]
    assert len(answered) == _answers and set(answered[0]) == {"item_id", "correct", "answered"}

    record = as_learner(block, "alice")
    assert record.nihongo_placement["level"] == "N4"
    assert record.nihongo_placement["plan"]["target"] == "N3"
    assert record.nihongo_placement["plan"]["starts"] == "2026-07-14"
    assert record.nihongo_placement["plan"]["exam_date"] == "2029-07-01"  # when N3 fits at 150 minutes a week
    assert record.nihongo_study_days == ["2026-07-14"]

    html = as_learner(block, "alice").render("student_view").body_html()
    assert "Your level: N4" in html and "Start with:" in html
    assert "Your plan: N3 by 2029-07-01, about 150 minutes a week" in html


def test_a_reload_shows_the_same_question(placement_factory):
    block = placement_factory()
    first = post(block, "next")[1]["item"]["id"]
    assert post(as_learner(block, "alice"), "next")[1]["item"]["id"] == first


def _served(block):
    return post(block, "next")[1]["item"]["id"]


REFUSED = {
    "malformed JSON": lambda block: b'{"item_id": ',
    "an item never served": lambda block: {"item_id": next(i.id for i in BANK if i.id != _served(block)),
                                           "choice": 0},
    "a level instead of an answer": lambda block: {"level": "N2"},
    "a score with the answer": lambda block: {"item_id": _served(block), "choice": 0, "score": 1},
    "a choice out of range": lambda block: {"item_id": _served(block), "choice": 9},
    "a list body": lambda block: [1, 2],
}


@pytest.mark.parametrize("make_body", REFUSED.values(), ids=REFUSED.keys())
def test_forged_or_malformed_answers_are_refused_and_change_nothing(placement_factory, published, make_body):
    block = placement_factory()
    body = make_body(block)
    before = as_learner(block, "alice").placement_state
    published.clear()

    status, payload = post(block, "answer", body)

    assert status == 400 and payload["error"]
    assert as_learner(block, "alice").placement_state == before
    assert as_learner(block, "alice").nihongo_answers == 0
    assert published == []


def test_a_replay_and_an_answer_after_the_end_are_refused(placement_factory, published):
    block = placement_factory()
    item_id = _served(block)
    assert post(block, "answer", {"item_id": item_id, "choice": 0})[0] == 200
    assert post(block, "answer", {"item_id": item_id, "choice": 0})[0] == 400

    take(block, knows(("N5",)))
    published.clear()
    before = as_learner(block, "alice").placement_state
    status, payload = post(block, "answer", {"item_id": item_id, "choice": 0})
    assert status == 400 and "not served" in payload["error"]
    assert as_learner(block, "alice").placement_state == before and published == []


def test_student_view_data_and_user_state_hold_no_answers(placement_factory):
    block = placement_factory('<placement_test display_name="Where do I start?"/>')
    assert block.student_view_data() == {"display_name": "Where do I start?", "max_items": 20}
    assert block.has_support(block.student_view, "multi_device")
    post(block, "answer", {"item_id": _served(block), "choice": 0})
    response = block.runtime.handle(block, "student_view_user_state", webob.Request.blank("/"))
    assert response.json == {"progress": {"answered": 1, "max_items": 20, "done": False}, "outcome": None}


def test_scoring_olx_and_studio(placement_factory):
    block = placement_factory('<placement_test display_name="Start here" weight="0.5"/>')
    assert (block.has_score, block.max_score(), block.weight) == (True, 1, 0.5)
    post(block, "next")
    node = etree.Element("placeholder")
    block.add_xml_to_node(node)
    olx = etree.tostring(node, encoding="unicode")
    assert "placement_state" not in olx and "nihongo_" not in olx
    runtime = WorkbenchRuntime("carol")
    runtime.id_generator.set_scenario("reimport-placement")
    copy = runtime.get_block(runtime.parse_xml_string(olx))
    assert (copy.display_name, copy.weight) == ("Start here", 0.5)
    html = block.render("studio_view").body_html()
    assert 'data-field-name="display_name"' in html and 'data-field-name="weight"' in html


def test_handlers_want_a_post(placement_factory):
    block = placement_factory()
    assert block.runtime.handle(block, "answer", webob.Request.blank("/", method="GET")).status_code == 405


# -- the learner's language: the runtime's by default, and the switch -------------------------------

def _with_runtime_language(block, monkeypatch, code):
    """The block's i18n service speaking ``code`` through the block's own catalogue."""
    import gettext

    from xblocks.common import catalogue
    folder = str(catalogue.folder("placement_test"))
    translation = gettext.translation("text", localedir=folder, languages=[code])
    original = block.runtime.service
    monkeypatch.setattr(block.runtime, "service",
                        lambda b, name: translation if name == "i18n" else original(b, name))


def _page(block):
    import lxml.html
    html = block.render("student_view").body_html()
    return lxml.html.fromstring(html).find_class("nihongo-placement")[0]


def test_the_default_language_is_the_runtimes(placement_factory, monkeypatch):
    block = placement_factory()
    _with_runtime_language(block, monkeypatch, "vi")
    root = _page(block)
    item = BANK.get(root.get("data-item-id"))
    assert root.get("lang") == "vi"
    assert root.find_class("np-instruction")[0].text_content() == item.instruction["vi"]
    assert root.find_class("np-title")[0].text_content() == "Bài kiểm tra xếp lớp"
    assert [o.get("value") for o in root.xpath(".//select[@class='np-lang']/option[@selected]")] == ["vi"]


def test_the_switch_changes_the_strings_and_the_question_and_persists(placement_factory, monkeypatch):
    from xblocks.common.language import LANGUAGE_NAMES
    block = placement_factory()
    _with_runtime_language(block, monkeypatch, "vi")
    root = _page(block)
    options = root.xpath(".//label/select[@class='np-lang']/option")
    assert [(o.get("value"), o.text_content()) for o in options] == list(LANGUAGE_NAMES)
    assert "/set_language/" in root.get("data-language-url")
    served = root.get("data-item-id")
    status, payload = post(block, "set_language", {"language": "tl"})
    assert status == 200 and payload["language"] == "tl" and payload["item"]["id"] == served
    assert payload["item"]["instruction"] == BANK.get(served).instruction["tl"]
    assert payload["text"]["language"] == "Wika"
    again = as_learner(block, "alice")
    assert again.language == "tl" and _page(again).get("lang") == "tl"
    assert _page(as_learner(block, "bob")).get("lang") == "en"


@pytest.mark.parametrize("body", [{"language": "fr"}, {"language": None}, {"language": "vi", "x": 1}, "vi",
                                  {}])
def test_a_bad_language_is_refused_and_changes_nothing(placement_factory, body):
    block = placement_factory()
    post(block, "set_language", {"language": "ja"})
    before = json.dumps(block.placement_state, sort_keys=True)
    status, payload = post(block, "set_language", body)
    assert status == 400 and "one of en, ja, vi, id, tl, my" in payload["error"]
    again = as_learner(block, "alice")
    assert again.language == "ja" and json.dumps(again.placement_state, sort_keys=True) == before
