"""A dialect lesson through the LTI tool: demo LMS (lti1p3platform) → launch → every answer → the score."""

import html
import json
import re

import pytest
from django.test import Client

from curriculum import dialect
from lti_tool.models import ActivityResult, ActivityState, AnswerRecord, ScoreRecord
from portal.demo_lms.models import Score

from .harness import launch, post_json

SAFETY = {"activity": "dialect_lesson", "lesson": "safety", "item_count": "10"}


@pytest.fixture
def safety_link(monkeypatch):
    """The demo course's link opens the safety lesson (custom parameters activity and lesson)."""
    monkeypatch.setattr("portal.demo_lms.launches.DRILL_SETTINGS", dict(SAFETY))


def launch_id(page: str) -> str:
    return re.search(r'data-next-url="/lti/dialect-lesson/([^/"]+)/next/"', page).group(1)


def url(page: str, endpoint: str) -> str:
    return f"/lti/dialect-lesson/{launch_id(page)}/{endpoint}/"


def right_answer() -> int:
    state = ActivityState.objects.get(activity="dialect_lesson").state
    return state["exercises"][state["position"]]["answer"]


def answer_all(client, page, right=lambda n, practice: True):
    """Answer every exercise of the round; returns the answers' payloads."""
    results = []
    payload = post_json(client, url(page, "next")).json()
    n = 0
    while payload["exercise"]:
        exercise = payload["exercise"]
        correct = right_answer()
        choice = correct if right(n, exercise["practice_only"]) else (correct + 1) % len(exercise["choices"])
        result = post_json(client, url(page, "answer"), {"exercise_id": exercise["id"], "choice": choice})
        assert result.status_code == 200, result.content
        results.append(result.json())
        payload = post_json(client, url(page, "next")).json()
        n += 1
    return results


def test_a_learner_finishes_the_safety_lesson_and_the_lms_gets_the_score(demo, safety_link, sent_to_platform):
    client = Client()
    launched = launch(client, "lan")
    assert launched.response.status_code == 200, launched.page
    page = launched.page
    assert 'class="nihongo-dialect"' in page and 'lang="vi"' in page  # lan's help language
    assert dialect.lesson("safety").title["vi"] in page
    shown = json.loads(html.unescape(re.search(r'data-payload="([^"]+)"', page).group(1)))
    assert shown["exercise"]["id"] == "r1-01" and shown["exercise"]["kind"] == "safety"
    assert {"answer", "correct_index", "entry"}.isdisjoint(shown["exercise"])

    results = answer_all(client, page, right=lambda n, practice: n != 0)  # the first one wrong
    last = results[-1]
    assert last["round_complete"] is True
    total = dialect.scored_total("safety")
    first_scored = not results[0]["practice_only"]
    expected = total - (1 if first_scored else 0)
    assert (last["progress"]["scored_correct"], last["progress"]["scored_total"]) == (expected, total)

    score = Score.objects.get()
    assert (score.user_id, score.score_given, score.score_maximum) == ("sub-lan", expected, total)
    assert (score.activity_progress, score.grading_progress) == ("Completed", "FullyGraded")
    assert ScoreRecord.objects.get().delivered is True
    assert AnswerRecord.objects.filter(subject="sub-lan").count() == len(results)
    result = ActivityResult.objects.get(subject="sub-lan")
    assert result.activity == "dialect_lesson" and result.summary["lesson"] == "safety"
    assert result.score == pytest.approx(expected / total)


def test_refusals_answer_400_and_change_nothing(demo, safety_link):
    client = Client()
    page = launch(client, "lan").page
    exercise = post_json(client, url(page, "next")).json()["exercise"]
    before = ActivityState.objects.get().state
    for body in ({"score": 10}, {"exercise_id": exercise["id"], "choice": 9},
                 {"exercise_id": "r1-03", "choice": 0}, {"exercise_id": exercise["id"], "choice": True}):
        response = post_json(client, url(page, "answer"), body)
        assert response.status_code == 400 and response.json()["error"], body
    assert ActivityState.objects.get().state == before and AnswerRecord.objects.count() == 0
    ok = post_json(client, url(page, "answer"), {"exercise_id": exercise["id"], "choice": 0})
    replay = post_json(client, url(page, "answer"), {"exercise_id": exercise["id"], "choice": 1})
    assert ok.status_code == 200 and replay.status_code == 400
    assert AnswerRecord.objects.count() == 1


def test_the_language_switch_and_a_new_round(demo, safety_link):
    client = Client()
    page = launch(client, "lan").page
    switched = post_json(client, url(page, "language"), {"language": "my"}).json()
    assert switched["language"] == "my" and switched["text"]["next"] == "နောက်တစ်ခု"
    assert post_json(client, url(page, "language"), {"language": "xx"}).status_code == 400
    mid = post_json(client, url(page, "new_round")).json()
    assert mid["progress"]["answered"] == 0 and mid["exercise"]["id"] == "r1-01"  # nothing restarted
    answer_all(client, page)
    again = post_json(client, url(page, "new_round")).json()
    assert again["exercise"]["id"] == "r2-01" and again["progress"]["best"] == dialect.scored_total("safety")


def test_a_link_naming_no_lesson_we_have_is_refused(demo, monkeypatch):
    monkeypatch.setattr("portal.demo_lms.launches.DRILL_SETTINGS", dict(SAFETY, lesson="karaoke"))
    launched = launch(Client(), "lan")
    assert launched.response.status_code == 400
    assert "no dialect lesson we have ('karaoke')" in html.unescape(launched.page)
