"""The ``progress`` activity ("My week") through LTI: the core contract (``curriculum.activities.progress``)
over the tool's own records, on the page every activity has.

Open edX keeps the learner-wide record in ``Scope.user_info``; here it is read from what the tool
already stores for this learner (same registration and subject, every resource link): the dates of
answers and finished activities (study days, Japan time), drill states (reviews due), finished
placements and mock tests. The week goal is the link's ``weekly_goal_days`` custom parameter (1 to 7,
default 3).
"""

from __future__ import annotations

from datetime import timedelta

from django.shortcuts import render as _render
from django.urls import path

from curriculum import weekly_progress
from curriculum.activities import progress
from curriculum.activity import Context
from curriculum.japan_time import japan_date

from .. import activity_flow, activity_views, drill_storage
from ..endpoints import Refused, json_endpoint
from ..models import ActivityResult, AnswerRecord, DrillProgress


def week(learner, now) -> progress.Week:
    """The learner's record from the tool's records, as My week reads it."""
    mine = {"registration": learner.record.registration, "subject": learner.record.subject}
    since = now - timedelta(days=weekly_progress.KEEP_DAYS)
    answered = AnswerRecord.objects.filter(**mine)
    results = ActivityResult.objects.filter(**mine)  # ordered by finished_at
    moments = [*answered.filter(answered_at__gte=since).values_list("answered_at", flat=True),
               *results.filter(finished_at__gte=since).values_list("finished_at", flat=True)]
    days = sorted({japan_date(t).isoformat() for t in moments})
    drills = list(DrillProgress.objects.filter(**mine).values_list("pk", flat=True))
    due = weekly_progress.merge_due({source: weekly_progress.due_by_day(cards)
                                     for source, cards in drill_storage.due_by_day(drills).items()})
    placed = results.filter(activity="placement_test").last()
    mocks = tuple({"form": r.summary.get("form", ""), "passed": bool(r.passed)}
                  for r in results.filter(activity="mock_test"))
    record = weekly_progress.Record(study_days=tuple(days), answers=answered.count(),
                                    placement_level=placed.summary.get("level") if placed else None,
                                    mock_results=mocks)
    return progress.Week(record, due, placed.summary.get("plan") if placed else None)


def summary(learner, now, language: str = "en") -> dict:
    """The learner's week (the contract's present; ``Refused`` for a link with a bad goal)."""
    goal = activity_flow.settings(learner)
    return progress.ACTIVITY.present(week(learner, now), goal, Context(now, language)).screen


def _summary(learner, ml, data, now):
    """The week as JSON (what ``student_view_user_state`` gives in Open edX)."""
    return summary(learner, now)


urlpatterns = [
    path("<str:launch_id>/summary/", json_endpoint(_summary, (ValueError,)), name="progress_summary"),
]


def render(request, learner, now):
    """The launch page: seven day cells, reviews due, the plan's next step, badges."""
    try:
        screen = summary(learner, now, learner.launch.language)
    except Refused as exc:
        return _render(request, "lti_tool/error.html", {"message": str(exc)}, status=exc.status)
    return activity_views.page(request, progress.NAME, learner.record.launch_id, screen,
                               learner.launch.language, learner.launch.title)
