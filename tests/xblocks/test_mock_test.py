"""The mock test block on xblock-sdk's WorkbenchRuntime: the CBT flow, resume, grading and refusals."""

import gettext
import gzip
import itertools
import json
import random
import re
from datetime import timedelta
from pathlib import Path

import pytest
import webob
from django.test import Client
from lxml import etree
from workbench.runtime import WorkbenchRuntime

from curriculum.bank import default_bank
from curriculum.mock_test import planned_count
from xblocks.common import catalogue as catalogues
from xblocks.common import language as ui_language
from xblocks.mock_test import block as mock_block
from xblocks.mock_test.block import TEXT, MockTestBlock

from .conftest import TUESDAY, as_learner, post

#: The N5 test a first start gives: form A (the full form less what the bank lacks).
N5_COUNT = planned_count("N5", default_bank(), "A")

BANK = default_bank()
_numbers = itertools.count()

HERE = catalogues.folder("mock_test")
TRANSLATIONS = catalogues.table(HERE)


@pytest.fixture
def clock(monkeypatch):
    """The block's clock held still (set ``clock.now`` to move it) and a seeded item draw."""
    class Clock:
        now = TUESDAY

    monkeypatch.setattr(MockTestBlock, "_now", lambda block: Clock.now)
    monkeypatch.setattr(MockTestBlock, "_rng", lambda block: random.Random(7))
    return Clock


@pytest.fixture
def mock_factory(db, clock):
    def make(olx='<mock_test form="N5"/>', user_id="alice"):
        runtime = WorkbenchRuntime(user_id)
        runtime.id_generator.set_scenario(f"mock{next(_numbers)}")
        return runtime.get_block(runtime.parse_xml_string(olx))
    return make


def started(block):
    status, payload = post(block, "start")
    assert status == 200, payload
    return payload


def open_items(payload):
    return [i["id"] for i in payload["test"]["items"]]


def answer_all(block, payload, right=True):
    """Answer every open question, right or wrong; returns how many were answered right."""
    count = 0
    for item_id in open_items(payload):
        item = BANK.get(item_id)
        choice = item.answer if right else (item.answer + 1) % len(item.choices)
        status, small = post(block, "answer", {"item_id": item_id, "choice": choice})
        assert status == 200, small
        count += right
    return count


def events(published, name):
    return [data for event, data in published if event == name]


# -- the screen and the flow -----------------------------------------------------------------------

def test_the_page_offers_the_test_and_holds_no_answers(mock_factory):
    html = mock_factory().render("student_view").body_html()
    assert "Start the test" in html and "nihongo-mock" in html
    state = json.loads(etree.HTML(html).find(".//div[@class='nihongo-mock']").get("data-state"))
    assert state["status"] == "ready" and state["test"] is None
    assert (state["form"]["level"], state["form"]["minutes"], state["form"]["item_count"]) == ("N5", 90, 67)


def test_starting_shows_the_first_paper_with_its_clock_and_no_answers(mock_factory):
    payload = started(mock_factory())
    test = payload["test"]
    assert payload["status"] == "running" and test["remaining_seconds"] == 20 * 60
    assert [s["open"] for s in test["sections"]] == [True, False, False]
    assert {i["section"] for i in test["items"]} == {"vocabulary"}
    assert test["position"] == test["items"][0]["id"]
    text = json.dumps(payload)
    assert '"answer"' not in text and '"explanation"' not in text and payload["review"] is None


def test_starting_twice_continues_the_same_test(mock_factory):
    block = mock_factory()
    first = started(block)
    assert started(block)["test"]["items"] == first["test"]["items"]


def test_answers_flags_and_position_survive_a_reload(mock_factory, clock, published):
    block = mock_factory()
    ids = open_items(started(block))
    status, small = post(block, "answer", {"item_id": ids[2], "choice": 1})
    assert status == 200 and small == {"item_id": ids[2], "choice": 1, "flagged": False, "position": ids[2],
                                       "answered_count": 1, "remaining_seconds": 20 * 60}
    assert post(block, "flag", {"item_id": ids[4], "flagged": True})[1]["flagged"] is True
    assert post(block, "go_to", {"item_id": ids[5]})[0] == 200
    assert events(published, "nihongo.mock.answered") == [
        {"item_id": ids[2], "form": "N5", "answered_count": 1}]

    clock.now += timedelta(minutes=3)  # the tab was closed; the learner comes back
    html = as_learner(block, "alice").render("student_view").body_html()
    test = json.loads(etree.HTML(html).find(".//div[@class='nihongo-mock']").get("data-state"))["test"]
    assert test["answers"] == {ids[2]: 1} and test["flags"] == [ids[4]] and test["position"] == ids[5]
    assert test["remaining_seconds"] == 17 * 60
    assert post(block, "flag", {"item_id": ids[4], "flagged": False})[1]["flagged"] is False


def test_ending_a_paper_opens_the_next_and_there_is_no_way_back(mock_factory):
    block = mock_factory()
    vocabulary = open_items(started(block))
    status, payload = post(block, "next_section")
    assert status == 200 and {i["section"] for i in payload["test"]["items"]} == {"grammar_reading"}
    assert payload["test"]["remaining_seconds"] == 40 * 60
    status, body = post(block, "answer", {"item_id": vocabulary[0], "choice": 0})
    assert status == 400 and "Time is up" in body["error"]


def test_finishing_grades_on_the_server_and_publishes_grade_and_event(mock_factory, published):
    block = mock_factory()
    payload = started(block)
    answer_all(block, payload, right=True)
    post(block, "next_section")  # grammar/reading and listening stay unanswered
    status, payload = post(block, "finish")

    assert status == 200 and payload["status"] == "finished"
    result = payload["result"]
    answered = result["answered"]
    assert result["correct"] == answered and result["item_count"] == N5_COUNT
    grade = round(100 * answered / N5_COUNT)
    assert events(published, "grade") == [{"value": grade, "max_value": 100}]
    finished = events(published, "nihongo.mock.finished")
    assert len(finished) == 1 and finished[0]["form"] == "N5" and finished[0]["grade"] == grade
    report = result["report"]
    assert report["passed"] is False and [s["key"] for s in report["sections"]] == [
        "language_knowledge_reading", "listening"]
    assert report["sections"][1]["score"] == 0 and report["study_next"][0]["name"]
    # only now does the browser see the answers, with the learner's own choices beside them
    assert len(payload["review"]) == N5_COUNT and all("answer" in row for row in payload["review"])
    assert sum(row["correct"] for row in payload["review"]) == answered
    # the shared learner record keeps the summary, for the progress block
    assert as_learner(block, "alice").nihongo_mock_results[-1]["form"] == "N5"


def test_a_learner_who_leaves_finds_the_result_when_the_time_is_up(mock_factory, clock, published):
    block = mock_factory()
    started(block)
    clock.now += timedelta(minutes=91)
    html = as_learner(block, "alice").render("student_view").body_html()
    state = json.loads(etree.HTML(html).find(".//div[@class='nihongo-mock']").get("data-state"))
    assert state["status"] == "finished" and state["result"]["grade"] == 0
    assert events(published, "grade") == [{"value": 0, "max_value": 100}]
    post(as_learner(block, "alice"), "state")  # looking again (a new request) publishes nothing more
    assert len(events(published, "grade")) == 1


def test_another_test_can_follow_a_finished_one(mock_factory):
    block = mock_factory()
    started(block)
    post(block, "finish")
    payload = started(block)
    assert payload["status"] == "running" and payload["test"]["answers"] == {}


def _session_ids(block):
    return {i for s in as_learner(block, "alice").mock_record["session"]["sections"] for i in s["items"]}


def test_another_test_is_a_form_not_taken_and_after_all_three_the_oldest_again(mock_factory, published):
    block = mock_factory()
    assert started(block)["form"]["version"] == "A"
    seen, order = [], []
    for expected in ("A", "B", "C"):
        if expected != "A":
            payload = started(block)
            assert payload["form"]["version"] == expected
        seen.append(_session_ids(block))
        status, payload = post(block, "finish")
        assert status == 200 and payload["result"]["version"] == expected  # the results page names it
        assert payload["form"]["version"] == expected
        order.append(events(published, "nihongo.mock.finished")[-1]["version"])
    assert order == ["A", "B", "C"]
    assert not (seen[0] & seen[1] or seen[0] & seen[2] or seen[1] & seen[2]), "three different tests"
    assert payload["versions"] == {"choice": "next", "taken": ["A", "B", "C"], "next": "A", "all_taken": True}
    assert started(block)["form"]["version"] == "A"  # the retake offered: the one taken longest ago
    post(block, "finish")
    status, payload = post(block, "state")
    assert payload["versions"]["taken"] == ["B", "C", "A"] and payload["versions"]["next"] == "B"
    assert [r.get("version") for r in as_learner(block, "alice").nihongo_mock_results] == ["A", "B", "C", "A"]


def test_the_next_form_counts_the_forms_taken_in_another_block(mock_factory):
    week4 = mock_factory()
    started(week4)
    post(week4, "finish")  # form A, in week 4's block
    jft = mock_factory('<mock_test form="JFT"/>')
    assert started(jft)["form"]["version"] == "A", "another test's forms are its own"
    week8 = mock_factory()
    assert post(week8, "state")[1]["versions"]["taken"] == ["A"]
    assert started(week8)["form"]["version"] == "B"


def test_an_author_can_fix_the_form_and_studio_refuses_an_unknown_one(mock_factory):
    block = mock_factory('<mock_test form="N4" form_version="C"/>')
    payload = started(block)
    assert payload["form"]["version"] == "C" and payload["versions"]["choice"] == "C"
    c_items = _session_ids(block)
    post(block, "finish")
    payload = started(block)  # "another test" here is form C again, as the author chose
    assert payload["form"]["version"] == "C" and _session_ids(block) == c_items
    html = block.render("studio_view").body_html()
    assert 'data-field-name="form_version"' in html
    status, _body = post(block, "submit_studio_edits", {"values": {"form_version": "D"}, "defaults": []})
    assert status == 400 and block.form_version == "C"
    status, _body = post(block, "submit_studio_edits", {"values": {"form_version": "B"}, "defaults": []})
    assert status == 200 and block.form_version == "B"


def test_a_jft_test_opens_every_section_for_60_minutes_and_scores_on_10_to_250(mock_factory, published):
    block = mock_factory('<mock_test form="JFT"/>')
    payload = started(block)
    test = payload["test"]
    assert test["level"] == "JFT-Basic" and test["remaining_seconds"] == 60 * 60
    assert all(s["open"] for s in test["sections"]) and len(test["items"]) == payload["form"]["planned_count"]
    answer_all(block, payload, right=True)
    report = post(block, "finish")[1]["result"]["report"]
    assert (report["total"], report["maximum"], report["passed"]) == (250, 250, True)
    assert len(report["sections"]) == 4 and report["study_next"] == []
    assert events(published, "grade") == [{"value": 100, "max_value": 100}]
    assert events(published, "nihongo.mock.finished")[0]["form"] == "JFT"
    assert as_learner(block, "alice").nihongo_mock_results[-1] == {
        "form": "JFT", "version": "A", "total": 250, "passed": True, "finished_at": TUESDAY.isoformat()}


# -- refusals: 400, a message, nothing changed -----------------------------------------------------

@pytest.mark.parametrize(("handler", "body", "message"), [
    ("answer", b"{not json", "Invalid JSON"),
    ("answer", {"item_id": "no-such-item", "choice": 0}, "not in your test"),
    ("answer", {"item_id": "FIRST", "choice": 9}, "choice"),
    ("answer", {"item_id": "FIRST", "choice": "1"}, "choice"),
    ("answer", {"item_id": "FIRST", "choice": 1, "score": 100}, "exactly"),
    ("answer", ["FIRST", 1], "object"),
    ("flag", {"item_id": "FIRST", "flagged": "yes"}, "true or false"),
    ("go_to", {"item_id": "LISTENING"}, "not started"),
    ("finish", {"score": 180, "passed": True}, "exactly"),
    ("start", {"form": "N1"}, "exactly"),
    ("next_section", {"section": "listening"}, "exactly"),
])
def test_malformed_or_forged_requests_are_refused_and_change_nothing(mock_factory, published, handler, body,
                                                                     message):
    block = mock_factory()
    payload = started(block)
    first = open_items(payload)[0]
    listening = next(i for s in block.mock_record["session"]["sections"] if s["key"] == "listening"
                     for i in s["items"])
    if isinstance(body, (dict, list)):
        body = json.loads(json.dumps(body).replace("FIRST", first).replace("LISTENING", listening))
    before = as_learner(block, "alice").mock_record
    published.clear()

    status, answer = post(block, handler, body)

    assert status == 400 and message in answer["error"]
    assert as_learner(block, "alice").mock_record == before
    assert published == []


def test_answers_after_time_up_or_after_finishing_are_refused(mock_factory, clock, published):
    block = mock_factory()
    first = open_items(started(block))[0]
    clock.now += timedelta(minutes=20)
    status, body = post(block, "answer", {"item_id": first, "choice": 0})
    assert status == 400 and "Time is up" in body["error"]
    post(block, "finish")
    published.clear()
    for handler, request in (("answer", {"item_id": first, "choice": 0}), ("finish", {}),
                             ("flag", {"item_id": first, "flagged": True})):
        status, body = post(block, handler, request)
        assert status == 400 and "finished" in body["error"]
    assert published == []


def test_nothing_can_be_answered_before_the_test_starts(mock_factory):
    status, body = post(mock_factory(), "answer", {"item_id": next(iter(BANK)).id, "choice": 0})
    assert status == 400 and "Start the test first" in body["error"]


def test_handlers_want_a_post(mock_factory):
    block = mock_factory()
    assert block.runtime.handle(block, "finish", webob.Request.blank("/", method="GET")).status_code == 405


def test_each_learner_has_their_own_test(mock_factory):
    alice = mock_factory()
    first = open_items(started(alice))[0]
    post(alice, "answer", {"item_id": first, "choice": 0})
    bob = as_learner(alice, "bob")
    assert post(bob, "answer", {"item_id": first, "choice": 0})[0] == 400  # Bob has not started
    assert started(bob)["test"]["answers"] == {}


# -- native clients, authors, OLX, the gradebook, languages ----------------------------------------

def test_student_view_data_is_settings_only(mock_factory):
    block = mock_factory('<mock_test display_name="Practice N4" form="N4"/>')
    started(block)
    data = block.student_view_data()
    assert data == {"display_name": "Practice N4", "form": "N4", "form_version": "next", "level": "N4",
                    "minutes": 115, "item_count": 85, "timed_by_section": True, "max_score": 100}
    assert block.has_support(block.student_view, "multi_device")


def test_student_view_user_state_says_where_the_learner_is_without_answers(mock_factory):
    block = mock_factory()
    first = open_items(started(block))[0]
    post(block, "answer", {"item_id": first, "choice": 0})
    post(block, "flag", {"item_id": first, "flagged": True})
    response = block.runtime.handle(block, "student_view_user_state", webob.Request.blank("/"))
    assert response.status_code == 200
    assert response.json == {"status": "running", "level": "N5", "version": "A", "answered_count": 1,
                             "item_count": N5_COUNT,
                             "flagged_count": 1, "remaining_seconds": 1200, "result": None}


def test_olx_round_trip_keeps_the_settings_and_leaves_learner_state_behind(mock_factory):
    block = mock_factory('<mock_test display_name="Week 8 check" form="JFT" weight="2.5"/>')
    started(block)
    node = etree.Element("placeholder")
    block.add_xml_to_node(node)
    olx = etree.tostring(node, encoding="unicode")
    runtime = WorkbenchRuntime("carol")
    runtime.id_generator.set_scenario("mock-reimport")
    copy = runtime.get_block(runtime.parse_xml_string(olx))
    assert node.tag == "mock_test" and "mock_record" not in olx and "nihongo_" not in olx
    assert (copy.display_name, copy.form, copy.weight) == ("Week 8 check", "JFT", 2.5)


def test_scoring_for_the_gradebook(mock_factory):
    block = mock_factory()
    assert (block.has_score, block.max_score(), block.weight) == (True, 100, 1.0)


def test_studio_edits_the_settings_and_refuses_an_unknown_form(mock_factory):
    block = mock_factory()
    html = block.render("studio_view").body_html()
    assert all(f'data-field-name="{name}"' in html for name in ("display_name", "form", "weight"))
    status, _body = post(block, "submit_studio_edits", {"values": {"form": "N1"}, "defaults": []})
    assert status == 400 and block.form == "N5"
    status, _body = post(block, "submit_studio_edits", {"values": {"form": "N3"}, "defaults": []})
    assert status == 200 and block.form == "N3"


def test_the_workbench_lists_the_scenarios(db):
    from workbench.scenarios import init_scenarios

    init_scenarios()
    page = Client().get("/workbench/").content.decode()
    assert "JLPT N5 mock test" in page and "JFT-Basic mock test" in page


def test_every_ui_string_has_a_translation_in_every_language():
    sources = set(TEXT.values()) | {mock_block.DEFAULT_TITLE, ui_language.PROBE}
    assert sources - set(TRANSLATIONS) == set(), "add them to translations/<lang>/LC_MESSAGES/text.po"
    assert set(TRANSLATIONS) - sources == set(), "remove strings the block no longer uses"
    for source, targets in TRANSLATIONS.items():
        assert set(targets) == set(catalogues.LANGUAGES), source
        for language, text in targets.items():
            assert text.strip(), (source, language)
            placeholders = set(re.findall(r"\{\w+\}", source))
            assert placeholders == set(re.findall(r"\{\w+\}", text)), (source, language)


def test_the_shipped_catalogues_are_the_compiled_source():
    assert catalogues.stale(HERE) == [], "run python -m xblocks.common.catalogue"


@pytest.mark.parametrize(("language", "flag"), [("ja", "あとで見なおす"), ("vi", "Đánh dấu để xem lại"),
                                                ("my", "ပြန်စစ်ရန် မှတ်ထားမယ်")])
def test_the_catalogues_load_as_gettext_reads_them(language, flag):
    translation = gettext.translation("text", localedir=str(HERE), languages=[language])
    assert translation.gettext(TEXT["flag"]) == flag


def test_the_blocks_own_html_js_and_css_stay_under_15_kb_gzipped():
    folder = Path(mock_block.__file__).parent
    own = b"".join((folder / p).read_bytes() for p in ("templates/mock.html", "public/js/mock.js",
                                                        "public/css/mock.css"))
    assert len(gzip.compress(own)) <= 15 * 1024


# -- the learner's language: the runtime's by default, and the switch -------------------------------

def _with_runtime_language(block, monkeypatch, code):
    """The block's i18n service speaking ``code`` through the block's own catalogue."""
    translation = gettext.translation("text", localedir=str(HERE), languages=[code])
    original = block.runtime.service
    monkeypatch.setattr(block.runtime, "service",
                        lambda b, name: translation if name == "i18n" else original(b, name))


def _page(block):
    import lxml.html
    return lxml.html.fromstring(block.render("student_view").body_html()).find_class("nihongo-mock")[0]


def test_the_default_language_is_the_runtimes(mock_factory, monkeypatch):
    block = mock_factory()
    _with_runtime_language(block, monkeypatch, "vi")
    root = _page(block)
    assert root.get("lang") == "vi"
    assert json.loads(root.get("data-text"))["start"] == TRANSLATIONS[TEXT["start"]]["vi"]
    assert root.find_class("nm-title")[0].text_content() == TRANSLATIONS["Mock test"]["vi"]
    assert [o.get("value") for o in root.xpath(".//select[@class='nm-lang']/option[@selected]")] == ["vi"]
    payload = started(block)
    item = BANK.get(payload["test"]["items"][0]["id"])
    assert payload["test"]["items"][0]["instruction"] == item.instruction["vi"]


def test_the_switch_offers_six_languages_and_changes_the_running_test(mock_factory, monkeypatch):
    block = mock_factory()
    _with_runtime_language(block, monkeypatch, "vi")
    root = _page(block)
    options = root.xpath(".//label/select[@class='nm-lang']/option")
    assert [(o.get("value"), o.text_content()) for o in options] == list(ui_language.LANGUAGE_NAMES)
    assert "/set_language/" in json.loads(root.get("data-urls"))["set_language"]
    first = started(block)["test"]["items"][0]["id"]
    status, payload = post(block, "set_language", {"language": "my"})
    assert status == 200 and payload["language"] == "my" and payload["status"] == "running"
    assert payload["test"]["items"][0]["id"] == first
    assert payload["test"]["items"][0]["instruction"] == BANK.get(first).instruction["my"]
    assert payload["text"]["flag"] == "ပြန်စစ်ရန် မှတ်ထားမယ်"
    again = as_learner(block, "alice")
    assert again.language == "my" and _page(again).get("lang") == "my"
    assert _page(as_learner(block, "bob")).get("lang") == "en"


def test_the_result_review_follows_the_switch(mock_factory):
    block = mock_factory()
    payload = started(block)
    answer_all(block, payload)
    assert post(block, "finish")[0] == 200
    status, payload = post(block, "set_language", {"language": "vi"})
    assert status == 200 and payload["status"] == "finished"
    row = payload["review"][0]
    assert row["explanation"] == BANK.get(row["id"]).explanation_in("vi")


@pytest.mark.parametrize("body", [{"language": "fr"}, {"language": "VI"}, {"language": "vi", "x": 1}, ["vi"],
                                  {}])
def test_a_bad_language_is_refused_and_changes_nothing(mock_factory, body):
    block = mock_factory()
    started(block)
    post(block, "set_language", {"language": "ja"})
    before = json.dumps(block.mock_record, sort_keys=True)
    status, payload = post(block, "set_language", body)
    assert status == 400 and "one of en, ja, vi, id, tl, my" in payload["error"]
    again = as_learner(block, "alice")
    assert again.language == "ja" and json.dumps(again.mock_record, sort_keys=True) == before
