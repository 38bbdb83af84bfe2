"""One dialect lesson, two hosts: the same answers give the same grade in the XBlock and the LTI tool.

The round's order and choices differ (each host draws them), so "the same answers" means the same
items answered right: every other item of the lesson, practice-only ones included.
"""

import pytest
from django.test import Client

from curriculum import dialect
from lti_tool.models import ActivityState
from portal.demo_lms.models import Score
from tests.lti_tool.harness import demo, launch, post_json, sent_to_platform  # noqa: F401  (fixtures)
from tests.xblocks.conftest import published  # noqa: F401  (fixture)
from tests.xblocks.test_dialect_lesson import lesson_factory, post, stored  # noqa: F401

LESSONS = ("safety", "greetings", "grammar_ke_question")


def right_entries(lesson_id: str) -> set[str]:
    """Every other item of the lesson, in content order: these are answered right, the rest wrong."""
    lesson = dialect.lesson(lesson_id)
    ids = [d.id for d in lesson.drills] if lesson.kind == "sound_rule" else \
        [e.id for e in dialect.default_content().entries(lesson_id)]
    return set(ids[::2])


def choice_for(state: dict, right: set[str]) -> int:
    exercise = state["exercises"][state["position"]]
    answer = exercise["answer"]
    return answer if exercise["entry"] in right else (answer + 1) % len(exercise["choices"])


@pytest.mark.parametrize("lesson_id", LESSONS)
def test_the_same_answers_give_the_same_grade(lesson_id, lesson_factory, published, demo,  # noqa: F811
                                              monkeypatch):
    right = right_entries(lesson_id)

    block = lesson_factory(f'<dialect_lesson lesson="{lesson_id}"/>')
    _status, payload = post(block, "next")
    while payload["exercise"]:
        body = {"exercise_id": payload["exercise"]["id"], "choice": choice_for(stored(block), right)}
        post(block, "answer", body)
        _status, payload = post(block, "next")
    xblock_grade = [data for kind, data in published if kind == "grade"]

    monkeypatch.setattr("portal.demo_lms.launches.DRILL_SETTINGS",
                        {"activity": "dialect_lesson", "lesson": lesson_id, "item_count": "10"})
    client = Client()
    page = launch(client, "lan").page
    launch_id = page.split('data-next-url="/lti/dialect-lesson/')[1].split("/")[0]
    base = f"/lti/dialect-lesson/{launch_id}"
    payload = post_json(client, f"{base}/next/").json()
    while payload["exercise"]:
        state = ActivityState.objects.get(activity="dialect_lesson").state
        post_json(client, f"{base}/answer/", {"exercise_id": payload["exercise"]["id"],
                                              "choice": choice_for(state, right)})
        payload = post_json(client, f"{base}/next/").json()
    score = Score.objects.get()

    assert xblock_grade == [{"value": score.score_given, "max_value": score.score_maximum}]
    assert score.score_maximum == dialect.scored_total(lesson_id)
