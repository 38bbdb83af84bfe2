"""The mock test through LTI: demo LMS launch → CBT page → answers → finish → result and AGS score."""

import html
import json
import re
from datetime import datetime, timedelta

import pytest
from django.test import Client

from curriculum.bank import default_bank
from lti_tool.models import ActivityResult, ActivityState, AnswerRecord, ScoreRecord
from portal.demo_lms.models import Score

from .harness import launch, post_json

BANK = default_bank()


@pytest.fixture
def mock_link(monkeypatch):
    """The demo course's link set to a mock test (``item_count`` only sizes the demo's line item)."""
    settings = {"activity": "mock_test", "form": "N5", "item_count": "100"}
    monkeypatch.setattr("portal.demo_lms.launches.DRILL_SETTINGS", settings)
    return settings


def page_state(page: str) -> dict:
    return json.loads(html.unescape(re.search(r'data-state="([^"]*)"', page).group(1)))


def page_urls(page: str) -> dict:
    return json.loads(html.unescape(re.search(r'data-urls="([^"]*)"', page).group(1)))


def launched(client, login_id="lan"):
    result = launch(client, login_id)
    assert result.response.status_code == 200, result.page
    return result.page, page_urls(result.page)


def test_a_learner_takes_a_mock_test_and_the_lms_gets_the_score(demo, mock_link, sent_to_platform):
    client = Client()
    page, urls = launched(client)
    assert 'class="nihongo-mock"' in page and page_state(page)["status"] == "ready"
    assert "Bắt đầu làm bài" in page  # lan's help language is Vietnamese

    running = post_json(client, urls["start"]).json()
    assert running["status"] == "running" and '"answer"' not in json.dumps(running)
    vocabulary = [i["id"] for i in running["test"]["items"]]
    for item_id in vocabulary:
        response = post_json(client, urls["answer"], {"item_id": item_id, "choice": BANK.get(item_id).answer})
        assert response.status_code == 200, response.content
    assert post_json(client, urls["flag"], {"item_id": vocabulary[0], "flagged": True}).json()["flagged"]

    finished = post_json(client, urls["finish"]).json()

    result = finished["result"]
    assert finished["status"] == "finished" and result["correct"] == len(vocabulary) == result["answered"]
    grade = round(100 * len(vocabulary) / result["item_count"])
    stored = ActivityResult.objects.get(subject="sub-lan", activity="mock_test")
    assert stored.score == pytest.approx(len(vocabulary) / result["item_count"])
    assert stored.passed is result["report"]["passed"] is False  # listening was left unanswered
    assert stored.summary["form"] == "N5"  # as the link and the manager's view name it
    sections = stored.summary["report"]["sections"]
    assert [s["key"] for s in sections] == ["language_knowledge_reading", "listening"]
    assert sections[0]["correct"] == len(vocabulary) and sections[1]["score"] == 0
    assert not any(item_id in json.dumps(stored.summary) for item_id in vocabulary)  # no questions kept
    score = Score.objects.get(user_id="sub-lan")
    assert (score.score_given, score.score_maximum, score.grading_progress) == (grade, 100, "FullyGraded")
    assert ScoreRecord.objects.get(subject="sub-lan").delivered is True
    assert len(finished["review"]) == result["item_count"]  # the answers, now that it is over
    counted = AnswerRecord.objects.filter(subject="sub-lan", resource_link_id=stored.resource_link_id)
    assert sorted(counted.values_list("item_id", flat=True)) == sorted(vocabulary)  # the day's study
    assert all(counted.values_list("correct", flat=True))


def test_a_new_launch_resumes_the_running_test(demo, mock_link):
    client = Client()
    _page, urls = launched(client)
    first = post_json(client, urls["start"]).json()["test"]["items"][3]["id"]
    post_json(client, urls["answer"], {"item_id": first, "choice": 2})
    post_json(client, urls["go_to"], {"item_id": first})

    page, _urls = launched(Client())  # another tab, or after a dropped connection
    test = page_state(page)["test"]
    assert test["answers"] == {first: 2} and test["position"] == first
    assert ActivityState.objects.get(subject="sub-lan").activity == "mock_test"


@pytest.mark.parametrize(("endpoint", "body", "message"), [
    ("answer", "{broken", "not valid JSON"),
    ("answer", {"item_id": "not-in-this-test", "choice": 0}, "not in your test"),
    ("answer", {"item_id": "FIRST", "choice": 7}, "choice"),
    ("answer", {"item_id": "FIRST", "choice": 1, "correct": True}, "exactly"),
    ("finish", {"score": 180}, "exactly"),
    ("flag", {"item_id": "FIRST"}, "exactly"),
])
def test_forged_or_malformed_requests_get_400_and_change_nothing(demo, mock_link, endpoint, body, message):
    client = Client()
    _page, urls = launched(client)
    first = post_json(client, urls["start"]).json()["test"]["items"][0]["id"]
    before = ActivityState.objects.get(subject="sub-lan").state
    if isinstance(body, str):
        response = client.post(urls[endpoint], data=body, content_type="application/json", secure=True)
    else:
        response = post_json(client, urls[endpoint], json.loads(json.dumps(body).replace("FIRST", first)))
    assert response.status_code == 400 and message in response.json()["error"]
    assert ActivityState.objects.get(subject="sub-lan").state == before
    assert not ActivityResult.objects.exists() and not Score.objects.exists()


def test_answers_after_finishing_are_refused(demo, mock_link):
    client = Client()
    _page, urls = launched(client)
    first = post_json(client, urls["start"]).json()["test"]["items"][0]["id"]
    assert post_json(client, urls["finish"]).status_code == 200
    response = post_json(client, urls["answer"], {"item_id": first, "choice": 0})
    assert response.status_code == 400 and "finished" in response.json()["error"]
    assert post_json(client, urls["finish"]).status_code == 400
    assert ActivityResult.objects.count() == 1


def test_the_endpoints_belong_to_the_launch(demo, mock_link):
    client = Client()
    _page, urls = launched(client)
    response = post_json(client, re.sub(r"/mock-test/[^/]+/", "/mock-test/not-a-launch/", urls["start"]))
    assert response.status_code == 403 and "Unknown launch" in response.json()["error"]
    assert ActivityState.objects.get(subject="sub-lan").state["session"] is None  # nothing started


def test_an_unknown_form_is_refused_with_a_message(demo, mock_link):
    mock_link["form"] = "N1"
    result = launch(Client(), "lan")
    assert result.response.status_code == 400 and "Unknown test form" in result.page


def _items(payload: dict) -> set:
    return {i["id"] for i in payload["test"]["items"]}


def test_another_test_is_the_next_form_and_the_result_names_it(demo, mock_link):
    client = Client()
    page, urls = launched(client)
    assert page_state(page)["form"]["version"] == "A"
    seen = []
    for expected in ("A", "B", "C"):
        running = post_json(client, urls["start"]).json()
        assert running["form"]["version"] == expected
        seen.append(_items(running))
        finished = post_json(client, urls["finish"]).json()
        assert finished["result"]["version"] == expected
    assert not (seen[0] & seen[1] or seen[1] & seen[2] or seen[0] & seen[2])
    assert finished["versions"] == {"choice": "next", "taken": ["A", "B", "C"], "next": "A",
                                    "all_taken": True}
    assert [r.summary["version"] for r in ActivityResult.objects.filter(subject="sub-lan")] == ["A", "B", "C"]
    assert post_json(client, urls["start"]).json()["form"]["version"] == "A"  # the oldest, again


def test_the_next_form_counts_the_forms_taken_through_another_link(demo, mock_link):
    client = Client()
    _page, urls = launched(client)
    post_json(client, urls["start"])
    post_json(client, urls["finish"])
    elsewhere = ActivityResult.objects.get(subject="sub-lan")
    ActivityState.objects.filter(subject="sub-lan").delete()  # this link: never used
    elsewhere.resource_link_id = "another-link"
    elsewhere.save()
    page, urls = launched(client)
    assert page_state(page)["versions"]["taken"] == ["A"] and page_state(page)["form"]["version"] == "B"
    assert post_json(client, urls["start"]).json()["form"]["version"] == "B"


def test_a_link_can_fix_the_form_and_an_unknown_one_is_refused(demo, mock_link):
    mock_link["form_version"] = "c"
    client = Client()
    _page, urls = launched(client)
    running = post_json(client, urls["start"]).json()
    assert running["form"]["version"] == "C" and running["versions"]["choice"] == "C"
    post_json(client, urls["finish"])
    assert post_json(client, urls["start"]).json()["form"]["version"] == "C"
    mock_link["form_version"] = "D"
    result = launch(Client(), "lan")
    assert result.response.status_code == 400 and "Unknown form_version" in result.page


def test_a_learner_back_after_the_time_ran_out_finds_the_result_and_the_lms_the_score(demo, mock_link):
    client = Client()
    _page, urls = launched(client)
    first = post_json(client, urls["start"]).json()["test"]["items"][0]["id"]
    post_json(client, urls["answer"], {"item_id": first, "choice": BANK.get(first).answer})
    row = ActivityState.objects.get(subject="sub-lan")
    two_hours = timedelta(hours=2)  # the learner closed the tab two hours ago: every section is over
    for section in row.state["session"]["sections"]:
        for key in ("opened_at", "deadline"):
            if section[key]:
                section[key] = (datetime.fromisoformat(section[key]) - two_hours).isoformat()
    row.save()

    page, _urls = launched(Client())

    state = page_state(page)
    assert state["status"] == "finished" and state["result"]["correct"] == 1
    assert ActivityResult.objects.get(subject="sub-lan").summary["answered"] == 1
    assert Score.objects.get(user_id="sub-lan").score_given == state["result"]["grade"]


def test_the_launch_locale_is_the_default_and_the_switch_keeps_the_learners_choice(demo, mock_link):
    client = Client()
    page, urls = launched(client)
    assert '<option value="vi" lang="vi" selected>Tiếng Việt</option>' in page
    first = post_json(client, urls["start"]).json()["test"]["items"][0]["id"]
    switched = post_json(client, urls["set_language"], {"language": "my"}).json()
    assert switched["language"] == "my" and switched["text"]["flag"] == "ပြန်စစ်ရန် မှတ်ထားမယ်"
    assert switched["test"]["items"][0]["instruction"] == BANK.get(first).instruction["my"]
    state = post_json(client, urls["state"]).json()  # every later answer is in the choice, too
    assert state["test"]["items"][0]["instruction"] == BANK.get(first).instruction["my"]
    again, _urls = launched(Client())  # the next launch comes with vi: the learner chose my
    assert '<option value="my" lang="my" selected>မြန်မာ</option>' in again
    assert page_state(again)["status"] == "running"


@pytest.mark.parametrize("body", [{"language": "fr"}, {"language": 1}, {"language": "my", "also": 1}, "my"])
def test_a_bad_language_is_a_400_and_nothing_changes(demo, mock_link, body):
    client = Client()
    _page, urls = launched(client)
    post_json(client, urls["start"])
    before = ActivityState.objects.get().state
    response = post_json(client, urls["set_language"], body)
    assert response.status_code == 400 and "one of en, ja, vi, id, tl, my" in response.json()["error"]
    assert ActivityState.objects.get().state == before
