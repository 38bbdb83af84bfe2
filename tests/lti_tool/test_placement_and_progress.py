"""Placement and "My week" through the whole LTI flow: demo LMS (lti1p3platform) → tool → AGS score."""

import random
import re
from datetime import datetime, timezone

import pytest
from django.test import Client

from curriculum.bank import default_bank
from lti_tool import activity_flow
from lti_tool.models import ActivityResult, ActivityState, AnswerRecord, LaunchRecord, ScoreRecord
from portal.demo_lms.models import Score

from .harness import launch, post_json

BANK = default_bank()
DRILL = {"activity": "jlpt_drill", "level": "N5", "item_count": "3"}


@pytest.fixture
def activity(monkeypatch):
    """Point the demo LMS's link at an activity (its custom parameters)."""
    monkeypatch.setattr(activity_flow, "rng", lambda: random.Random(2026))

    def use(custom):
        monkeypatch.setattr("portal.demo_lms.launches.DRILL_SETTINGS", {"item_count": "1", **custom})
    return use


def urls(page):
    launch_id = re.search(r'data-next-url="/lti/placement-test/([^/"]+)/next/"', page).group(1)
    return {name: f"/lti/placement-test/{launch_id}/{name}/" for name in ("next", "answer")}


def knows(levels):
    def choose(item_id):
        item = BANK.get(item_id)
        return item.answer if item.level in levels else (item.answer + 1) % len(item.choices)
    return choose


def take(client, url, choose):
    payload = post_json(client, url["next"]).json()
    answers = 0
    while payload["item"]:
        response = post_json(client, url["answer"], {"item_id": payload["item"]["id"],
                                                     "choice": choose(payload["item"]["id"])})
        assert response.status_code == 200, response.content
        payload = response.json()
        answers += 1
    return answers, payload


def test_placement_then_progress(demo, activity, sent_to_platform):
    client = Client()
    activity({"activity": "placement_test"})
    launched = launch(client, "lan")
    assert launched.response.status_code == 200, launched.page
    page = launched.page
    assert 'class="nihongo-placement"' in page and "window.NihongoPlacement.mount" in page
    assert 'lang="vi"' in page and "Câu 1" in page  # lan's help language is Vietnamese
    assert "correct_index" not in page

    answers, last = take(client, urls(page), knows(("N5", "N4")))

    assert last["outcome"]["level"] == "N4" and last["outcome"]["plan"]["target"] == "N3"
    result = ActivityResult.objects.get(activity="placement_test")
    assert (result.subject, result.score, result.summary["level"], result.summary["items"]) == (
        "sub-lan", 1.0, "N4", answers)
    assert "responses" not in result.summary
    assert AnswerRecord.objects.filter(subject="sub-lan").count() == answers
    score = Score.objects.get()
    assert (score.user_id, score.score_given, score.score_maximum) == ("sub-lan", 1, 1)
    assert ScoreRecord.objects.get().delivered is True

    activity({"activity": "progress", "weekly_goal_days": "2"})
    shown = launch(client, "lan")
    assert shown.response.status_code == 200, shown.page
    assert "Trình độ của bạn: N4" in shown.page  # "Your level: N4" in Vietnamese
    assert "Tuần này:" in shown.page  # the plan's next step
    assert "Đã làm bài xếp lớp" in shown.page  # the placement badge
    assert shown.page.count("ns-day ns-studied") == 1  # today: the placement's answers count as study


def test_progress_counts_drill_days_and_reviews_per_learner(demo, activity):
    client = Client()
    activity(DRILL)
    drilled = launch(client, "lan")
    item = post_json(client, drilled.url("next")).json()["item"]["id"]
    assert post_json(client, drilled.url("answer"), {"item_id": item, "choice": 0}).status_code == 200
    AnswerRecord.objects.create(  # long ago: counts as an answer, not as a day of this week
        registration=AnswerRecord.objects.get().registration, subject="sub-lan", resource_link_id="x",
        item_id=item, correct=True, answered_at=datetime(2020, 1, 5, 14, 30, tzinfo=timezone.utc))

    activity({"activity": "progress"})
    shown = launch(client, "lan")
    assert shown.response.status_code == 200
    assert shown.page.count("ns-day ns-studied") == 1
    launch_id = LaunchRecord.objects.filter(subject="sub-lan", activity="progress").last().launch_id
    summary = post_json(client, f"/lti/progress/{launch_id}/summary/").json()
    assert (summary["days"], summary["answers"], summary["goal"]) == (1, 2, 3)
    assert summary["due"] == 1 or summary["next_due"]  # the drill's one card: due today, or later

    other = launch(Client(), "budi")
    assert other.page.count("ns-day ns-studied") == 0 and "Ikuti tes penempatan" in other.page  # Indonesian


@pytest.mark.parametrize("body", [
    b"{not json", [1], {"level": "N2"}, {"item_id": "n5-not-served", "choice": 0}, {"score": 1},
])
def test_forged_or_malformed_answers_are_400_and_change_nothing(demo, activity, body):
    client = Client()
    activity({"activity": "placement_test"})
    url = urls(launch(client, "lan").page)
    before = ActivityState.objects.get().state
    if isinstance(body, bytes):
        response = client.post(url["answer"], data=body, content_type="application/json", secure=True)
    else:
        response = post_json(client, url["answer"], body)
    assert response.status_code == 400 and response.json()["error"]
    assert ActivityState.objects.get().state == before
    assert not AnswerRecord.objects.exists() and not ActivityResult.objects.exists()


def test_a_replay_and_an_answer_after_the_end_are_refused(demo, activity):
    client = Client()
    activity({"activity": "placement_test"})
    url = urls(launch(client, "lan").page)
    first = post_json(client, url["next"]).json()["item"]["id"]
    assert post_json(client, url["answer"], {"item_id": first, "choice": 0}).status_code == 200
    assert post_json(client, url["answer"], {"item_id": first, "choice": 0}).status_code == 400
    take(client, url, knows(()))
    response = post_json(client, url["answer"], {"item_id": first, "choice": 0})
    assert response.status_code == 400
    assert ActivityResult.objects.count() == 1 and ScoreRecord.objects.count() == 1


def test_a_bad_weekly_goal_is_a_clear_error(demo, activity):
    activity({"activity": "progress", "weekly_goal_days": "9"})
    shown = launch(Client(), "lan")
    assert shown.response.status_code == 400 and "weekly_goal_days" in shown.page


def test_the_launch_locale_is_the_default_and_the_switch_keeps_the_learners_choice(demo, activity):
    client = Client()
    activity({"activity": "placement_test"})
    page = launch(client, "lan").page
    assert '<option value="vi" lang="vi" selected>Tiếng Việt</option>' in page
    switch = re.search(r'data-language-url="([^"]+)"', page).group(1)
    served = post_json(client, urls(page)["next"]).json()["item"]["id"]
    switched = post_json(client, switch, {"language": "id"}).json()
    assert switched["language"] == "id" and switched["text"]["language"] == "Bahasa"
    assert switched["item"]["id"] == served
    assert switched["item"]["instruction"] == BANK.get(served).instruction["id"]
    after = post_json(client, urls(page)["answer"], {"item_id": served, "choice": 0}).json()
    assert after["item"]["instruction"] == BANK.get(after["item"]["id"]).instruction["id"]
    again = launch(Client(), "lan").page  # the next launch comes with vi: the learner chose id
    assert '<option value="id" lang="id" selected>Bahasa Indonesia</option>' in again


@pytest.mark.parametrize("body", [{"language": "fr"}, {"language": ["vi"]}, {"language": "id", "also": 1},
                                  "id"])
def test_a_bad_language_is_a_400_and_nothing_changes(demo, activity, body):
    client = Client()
    activity({"activity": "placement_test"})
    page = launch(client, "lan").page
    switch = re.search(r'data-language-url="([^"]+)"', page).group(1)
    before = ActivityState.objects.get().state
    response = post_json(client, switch, body)
    assert response.status_code == 400 and "one of en, ja, vi, id, tl, my" in response.json()["error"]
    assert ActivityState.objects.get().state == before
