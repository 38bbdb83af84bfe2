"""Every item type has an example that both hosts render and grade: the XBlock and the LTI tool.

One scenario, two adapters (docs/architecture.md): the author asks for one question type; the learner sees its
prompt, its reading passage or listening script, answers, and gets the explanation.
"""

import json

import pytest
import webob

from curriculum.audio import CACHE_CONTROL
from curriculum.bank import default_bank
from curriculum.furigana import plain
from curriculum.item_types import OWN_TYPES, TYPES, ItemType, Stimulus
from tests.lti_tool.harness import demo, launch, post_json, sent_to_platform  # noqa: F401  (fixtures)
from tests.xblocks.conftest import clock, drill_factory, post  # noqa: F401  (fixtures)

BANK = default_bank()
EXAMPLES = {}
for _item in BANK:
    if _item.id.startswith("ex-"):
        EXAMPLES.setdefault(_item.type, _item)
AUTHORED_TYPES = sorted(t for t in ItemType if t not in OWN_TYPES)


def test_every_type_has_an_example():
    assert sorted(EXAMPLES) == AUTHORED_TYPES


def expect_shown(shown: dict, example):
    assert shown["type"] == example.type.value
    assert shown["prompt"] == plain(example.prompt)
    assert len(shown["choices"]) == TYPES[example.type].choices
    if TYPES[example.type].stimulus is not Stimulus.NONE:
        stimulus = BANK.stimuli[example.stimulus]
        assert shown["stimulus"]["kind"] == stimulus["kind"]
        if stimulus["kind"] == "script":  # heard: its audio now, its script only with the answer
            assert shown["stimulus"]["text"] is None and shown["stimulus"]["audio"] == stimulus["audio"]
        else:
            assert shown["stimulus"]["text"] == plain(stimulus["text"])


def expect_script(result: dict, item):
    if item.stimulus and BANK.stimuli[item.stimulus]["kind"] == "script":
        assert result["script"] == plain(BANK.stimuli[item.stimulus]["text"])


def olx(example) -> str:
    return (f'<jlpt_drill level="{example.level.value}" item_count="1" '
            f"item_types='{json.dumps([example.type.value])}'/>")


@pytest.mark.parametrize("item_type", AUTHORED_TYPES)
def test_the_xblock_renders_and_grades_it(item_type, drill_factory):  # noqa: F811
    example = EXAMPLES[item_type]
    block = drill_factory(olx(example))
    html = block.render("student_view").body_html()
    assert "nd-prompt" in html
    _status, payload = post(block, "next")
    shown = payload["item"]
    expect_shown(shown, BANK.get(shown["id"]))
    item = BANK.get(shown["id"])
    status, result = post(block, "answer", {"item_id": item.id, "choice": item.answer})
    assert status == 200 and result["correct"] is True
    assert result["explanation"] == item.explanation_in("en")
    expect_script(result, item)
    if shown.get("stimulus", {}).get("audio"):  # the block serves the file, cacheable for a year
        heard = block.runtime.handle(block, "audio", webob.Request.blank("/"), shown["stimulus"]["audio"])
        assert heard.status_code == 200 and heard.body[:4] == b"OggS"
        assert heard.headers["Cache-Control"] == CACHE_CONTROL and heard.content_type == "audio/ogg"


@pytest.mark.parametrize("item_type", AUTHORED_TYPES)
def test_the_lti_tool_renders_and_grades_it(item_type, demo, monkeypatch, client):  # noqa: F811
    example = EXAMPLES[item_type]
    monkeypatch.setattr("portal.demo_lms.launches.DRILL_SETTINGS",
                        {"activity": "jlpt_drill", "level": example.level.value, "item_count": "1",
                         "types": example.type.value})
    launched = launch(client, "lan")
    assert launched.response.status_code == 200, launched.page
    shown = post_json(client, launched.url("next")).json()["item"]
    item = BANK.get(shown["id"])
    expect_shown(shown, item)
    assert f'data-item-id="{item.id}"' in launched.page  # the page arrives with the question drawn
    result = post_json(client, launched.url("answer"), {"item_id": item.id, "choice": item.answer}).json()
    # lan's help language is Vietnamese: the explanation comes in Vietnamese where the bank has it
    assert result["correct"] is True and result["explanation"] == item.explanation_in("vi")
    expect_script(result, item)
    if shown.get("stimulus", {}).get("audio"):
        heard = client.get(f"/lti/audio/{shown['stimulus']['audio']}", secure=True)
        assert heard.status_code == 200 and heard["Cache-Control"] == CACHE_CONTROL
        assert heard["Content-Type"] == "audio/ogg" and heard.content[:4] == b"OggS"
