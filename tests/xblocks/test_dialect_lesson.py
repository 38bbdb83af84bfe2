"""The dialect_lesson XBlock on the workbench runtime: what a learner, an author and the LMS notice."""

import gettext
import gzip
import itertools
import json
import random
from pathlib import Path

import lxml.html
import pytest
import webob
from django.test import Client
from lxml import etree
from workbench.runtime import WorkbenchRuntime

from curriculum import dialect
from curriculum.activities import dialect_lesson as page
from xblocks.common import catalogue as catalogues
from xblocks.common import page as block_page
from xblocks.common.language import PROBE
from xblocks.dialect_lesson.block import DialectLessonBlock

from .conftest import TUESDAY, as_learner

_numbers = itertools.count()
CHORU = '<dialect_lesson lesson="grammar_choru"/>'  # six drills, all scored


@pytest.fixture
def lesson_factory(db, monkeypatch):
    """Make a lesson block from OLX, as one learner sees it; its clock and dice held still."""
    monkeypatch.setattr(DialectLessonBlock, "_now", lambda block: TUESDAY)
    seeds = itertools.count()
    monkeypatch.setattr(DialectLessonBlock, "_rng", lambda block: random.Random(next(seeds)))

    def make(olx=CHORU, user_id="alice"):
        runtime = WorkbenchRuntime(user_id)
        runtime.id_generator.set_scenario(f"dialect{next(_numbers)}")
        return runtime.get_block(runtime.parse_xml_string(olx))
    return make


def post(block, handler, body=None):
    raw = body if isinstance(body, bytes) else json.dumps({} if body is None else body).encode()
    response = block.runtime.handle(block, handler, webob.Request.blank("/", method="POST", body=raw))
    return response.status_code, response.json


def stored(block):
    return as_learner(block, str(block.scope_ids.user_id)).lesson_state


def answer_current(block, correct=True):
    """Answer the exercise being asked, right or wrong; returns the answer's payload."""
    _status, payload = post(block, "next")
    state = stored(block)
    right = state["exercises"][state["position"]]["answer"]
    choice = right if correct else (right + 1) % len(payload["exercise"]["choices"])
    status, result = post(block, "answer", {"exercise_id": payload["exercise"]["id"], "choice": choice})
    assert status == 200, result
    return result


def rendered(block):
    return lxml.html.fromstring(block.render("student_view").body_html())


def texts(page_, css_class):
    return [el.text_content().strip() for el in page_.find_class(css_class)]


# -- what the learner sees -------------------------------------------------------------------------

def test_the_page_shows_the_rule_its_examples_and_an_exercise_but_no_answer(lesson_factory):
    block = lesson_factory()
    html = block.render("student_view").body_html()
    view = lxml.html.fromstring(html)
    lesson = dialect.lesson("grammar_choru")
    assert texts(view, "ndl-lesson") == [lesson.title["en"]]
    assert texts(view, "ndl-explanation") == [lesson.explanation["en"]]
    assert "ふっちょっど" in texts(view, "ndl-examples")[0]
    assert "MITSU" in texts(view, "ndl-sources")[0]
    state = stored(block)
    exercise = state["exercises"][0]
    assert texts(view, "ndl-choice") == exercise["choices"]
    assert [b.tag for b in view.find_class("ndl-choice")] == ["button"] * 4
    assert texts(view, "ndl-progress") == ["1 / 6"]
    assert "correct_index" not in html
    assert "&quot;answer&quot;" not in html and "&quot;entry&quot;" not in html


def test_the_page_tells_the_browser_where_to_post_and_a_reload_keeps_the_exercise(lesson_factory):
    block = lesson_factory()
    root = rendered(block).find_class("nihongo-dialect")[0]
    for attribute, handler in [("data-next-url", "next"), ("data-answer-url", "answer"),
                               ("data-new-round-url", "new_round"), ("data-language-url", "language")]:
        assert f"/{handler}/" in root.get(attribute)
    again = rendered(as_learner(block, "alice")).find_class("nihongo-dialect")[0]
    assert again.get("data-exercise-id") == root.get("data-exercise-id") == "r1-01"
    assert again.get("data-payload") == root.get("data-payload")


def test_a_full_round_publishes_events_a_grade_and_completion(lesson_factory, published):
    block = lesson_factory()
    outcomes = [answer_current(block, correct=n != 2) for n in range(6)]
    assert [o["round_complete"] for o in outcomes] == [False] * 5 + [True]
    answered = [data for kind, data in published if kind == "nihongo.dialect.answered"]
    assert [a["correct"] for a in answered] == [True, True, False, True, True, True]
    assert all(set(a) == {"lesson", "entry", "kind", "correct", "scored"} for a in answered)  # no person
    assert [data for kind, data in published if kind == "nihongo.dialect.finished"] == [
        {"lesson": "grammar_choru", "scored_correct": 5, "scored_total": 6, "best": 5}]
    assert [data for kind, data in published if kind == "grade"] == [{"value": 5, "max_value": 6}]
    assert [data for kind, data in published if kind == "completion"] == [{"completion": 1.0}]
    view = rendered(as_learner(block, "alice"))
    assert texts(view, "ndl-score") == ["Your score: 5 / 6"]
    assert view.find_class("ndl-question")[0].get("hidden") is not None


def test_practice_only_items_carry_the_notice_and_stay_out_of_the_grade(lesson_factory, published):
    block = lesson_factory('<dialect_lesson lesson="greetings"/>')
    entries = dialect.default_content().entries("greetings")
    practice = [e for e in entries if e.practice_only]
    assert practice, "the greetings lesson has practice-only rows (kd-001 conflict, kd-007 single source)"
    assert block.max_score() == len(entries) - len(practice)
    notices = []
    for _ in entries:
        _status, payload = post(block, "next")
        if payload["exercise"]["practice_only"]:
            view = rendered(as_learner(block, "alice"))
            notices.append(texts(view, "ndl-notice")[0])
        state = stored(block)
        practice_now = not state["exercises"][state["position"]]["scored"]
        answer_current(block, correct=practice_now)  # only the practice-only ones right
    assert len(notices) == len(practice) and all("Check with a local colleague" in n for n in notices)
    grades = [data for kind, data in published if kind == "grade"]
    assert grades == [{"value": 0, "max_value": block.max_score()}]
    view = rendered(as_learner(block, "alice"))
    assert texts(view, "ndl-score") == [f"Your score: 0 / {block.max_score()}"]
    assert texts(view, "ndl-not-counted") == [f"Practice-only exercises not counted: {len(practice)}"]


def test_the_language_switch_answers_in_that_language_and_refuses_others(lesson_factory):
    block = lesson_factory()
    status, payload = post(block, "language", {"language": "my"})
    assert status == 200 and payload["language"] == "my"
    assert payload["lesson"]["explanation"] == dialect.lesson("grammar_choru").explanation["my"]
    assert payload["text"]["next"] == "နောက်တစ်ခု"
    view = rendered(as_learner(block, "alice"))
    assert texts(view, "ndl-next") == ["နောက်တစ်ခု"]
    assert view.find_class("nihongo-dialect")[0].get("lang") == "my"
    before = stored(block)
    status, payload = post(block, "language", {"language": "fr"})
    assert status == 400 and "one of en, ja, vi, id, tl, my" in payload["error"]
    assert stored(block) == before


def test_the_default_language_is_the_runtimes(lesson_factory, monkeypatch):
    block = lesson_factory()
    folder = str(catalogues.folder("dialect_lesson"))
    vietnamese = gettext.translation("text", localedir=folder, languages=["vi"])
    original = block.runtime.service
    monkeypatch.setattr(block.runtime, "service",
                        lambda b, name: vietnamese if name == "i18n" else original(b, name))
    view = rendered(block)
    assert view.find_class("nihongo-dialect")[0].get("lang") == "vi"
    assert texts(view, "ndl-title") == ["Bài học tiếng địa phương Kagoshima"]
    assert texts(view, "ndl-instruction")[0] in {"Chọn tiếng Nhật chuẩn.", "Chọn cách nói Kagoshima."}


def test_the_listen_button_is_labelled_honestly_and_the_script_is_always_there(lesson_factory):
    view = rendered(lesson_factory('<dialect_lesson lesson="work"/>'))
    assert texts(view, "ndl-voice-note") == ["Synthetic voice — standard accent, not Kagoshima's"]
    assert view.find_class("ndl-listen")[0].get("hidden") is not None  # shown by JS only with a ja-JP voice
    assert texts(view, "ndl-show-script") == ["Show the script"]


# -- what the block refuses ------------------------------------------------------------------------

REFUSED = {
    "malformed JSON": lambda block: b'{"exercise_id": ',
    "an exercise never served": lambda block: {"exercise_id": "r1-05", "choice": 0},
    "a score instead of an answer": lambda block: {"score": 6},
    "an extra field": lambda block: {"exercise_id": "r1-02", "choice": 0, "correct": True},
    "a choice out of range": lambda block: {"exercise_id": "r1-02", "choice": 4},
    "a boolean choice": lambda block: {"exercise_id": "r1-02", "choice": True},
    "a list body": lambda block: [1, 2],
}


@pytest.mark.parametrize("make_body", REFUSED.values(), ids=REFUSED.keys())
def test_forged_or_malformed_answers_are_refused_and_change_nothing(lesson_factory, published, make_body):
    block = lesson_factory()
    answer_current(block)
    post(block, "next")
    published.clear()
    before = stored(block)
    status, payload = post(block, "answer", make_body(block))
    assert status == 400 and payload["error"]
    assert stored(block) == before and published == []


def test_a_replayed_answer_is_refused_and_changes_nothing(lesson_factory, published):
    block = lesson_factory()
    answer_current(block, correct=False)
    before = stored(block)
    replay = {"exercise_id": "r1-01", "choice": before["exercises"][0]["answer"]}
    status, payload = post(block, "answer", replay)
    assert status == 400 and "already answered" in payload["error"]
    assert stored(block) == before and len(published) == 1


def test_handlers_want_a_post(lesson_factory):
    block = lesson_factory()
    assert block.runtime.handle(block, "answer", webob.Request.blank("/", method="GET")).status_code == 405


def test_each_learner_has_their_own_round(lesson_factory):
    alice = lesson_factory(user_id="alice")
    answer_current(alice)
    bob = as_learner(alice, "bob")
    _status, payload = post(bob, "next")
    assert payload["progress"]["answered"] == 0
    assert post(as_learner(alice, "alice"), "next")[1]["progress"]["answered"] == 1


# -- the mobile / native contract ------------------------------------------------------------------

def test_student_view_data_is_settings_only(lesson_factory):
    block = lesson_factory('<dialect_lesson display_name="Week 2: safety words" lesson="safety" weight="2"/>')
    answer_current(block)
    assert block.student_view_data() == {"display_name": "Week 2: safety words", "lesson": "safety",
                                         "weight": 2.0}


def test_student_view_user_state_reports_progress_without_answers(lesson_factory):
    block = lesson_factory()
    answer_current(block, correct=True)
    response = block.runtime.handle(block, "student_view_user_state", webob.Request.blank("/"))
    body = response.json
    assert response.status_code == 200 and body["round_complete"] is False
    assert body["progress"]["answered"] == 1 and body["progress"]["scored_correct"] == 1
    assert "exercises" not in json.dumps(body) and "\"answer\"" not in json.dumps(body)
    assert block.has_support(block.student_view, "multi_device")


# -- authors, OLX and the gradebook ----------------------------------------------------------------

def test_olx_round_trip_keeps_the_settings_and_leaves_learner_state_behind(lesson_factory):
    block = lesson_factory('<dialect_lesson display_name="Ash and rain" lesson="weather" weight="2.5"/>')
    post(block, "next")
    assert block.lesson_state
    node = etree.Element("placeholder")
    block.add_xml_to_node(node)
    olx = etree.tostring(node, encoding="unicode")
    runtime = WorkbenchRuntime("carol")
    runtime.id_generator.set_scenario("dialect-reimport")
    copy = runtime.get_block(runtime.parse_xml_string(olx))
    assert node.tag == "dialect_lesson" and "lesson_state" not in olx and "nihongo_" not in olx
    assert (copy.display_name, copy.lesson, copy.weight) == ("Ash and rain", "weather", 2.5)


def test_scoring_for_the_gradebook(lesson_factory):
    block = lesson_factory()
    assert (block.has_score, block.icon_class, block.max_score(), block.weight) == (True, "problem", 6, 1)


def test_studio_offers_the_lessons_and_refuses_an_unknown_one(lesson_factory):
    block = lesson_factory()
    html = block.render("studio_view").body_html()
    for name in ("display_name", "lesson", "weight"):
        assert f'data-field-name="{name}"' in html
    assert 'value="grammar_polite_endings"' in html and 'value="false_friends"' in html
    status, payload = post(block, "submit_studio_edits", {"values": {"lesson": "nope"}, "defaults": []})
    assert status == 400 and "Unknown lesson 'nope'" in json.dumps(payload)
    assert block.lesson == "grammar_choru"
    status, _payload = post(block, "submit_studio_edits", {"values": {"lesson": "safety"}, "defaults": []})
    assert status == 200 and block.lesson == "safety"


def test_the_workbench_lists_the_scenarios(db):
    from workbench.scenarios import init_scenarios

    init_scenarios()
    listing = Client().get("/workbench/").content.decode()
    assert "Kagoshima dialect: safety" in listing and "Kagoshima dialect: greetings" in listing


# -- languages and weight --------------------------------------------------------------------------

def test_every_ui_string_is_translated_and_the_catalogues_are_current():
    here = catalogues.folder("dialect_lesson")
    sources = set(page.TEXT.values()) | {page.DEFAULT_TITLE, PROBE}
    assert catalogues.problems(catalogues.table(here), sources) == []
    assert catalogues.stale(here) == [], "run python -m xblocks.common.catalogue"
    tagalog = block_page.text(page.PAGE.package, page.TEXT, "tl")
    assert tagalog["voice_note"] == "Sintetikong boses — karaniwang punto, hindi ang sa Kagoshima"


def test_the_blocks_own_weight_is_small():
    folder = Path(DialectLessonBlock.__module__.replace(".", "/")).parent  # the block's own package
    folder = Path(__file__).resolve().parents[2] / folder
    own = b"".join((folder / p).read_bytes() for p in ("public/js/dialect.js", "public/css/dialect.css",
                                                        "templates/dialect.html"))
    assert len(gzip.compress(own)) <= 15 * 1024
