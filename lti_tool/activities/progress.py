"""The ``progress`` activity ("My week") through LTI: the XBlock's page over the tool's own records.

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
from curriculum.japan_time import japan_date
from xblocks.common import page
from xblocks.progress import block

from ..endpoints import json_endpoint
from ..models import ActivityResult, AnswerRecord, DrillProgress

PACKAGE = "xblocks.progress"
DEFAULT_GOAL = 3



def _goal(learner) -> int:
    raw = learner.launch.setting("weekly_goal_days", str(DEFAULT_GOAL))
    if not raw.isdigit() or not 1 <= int(raw) <= 7:
        raise ValueError(f"weekly_goal_days must be a whole number of days from 1 to 7, not {raw!r}")
    return int(raw)


def summary(learner, goal: int, now) -> dict:
    """The learner's week from the tool's records (``weekly_progress.summary``)."""
    mine = {"registration": learner.record.registration, "subject": learner.record.subject}
    since = now - timedelta(days=weekly_progress.KEEP_DAYS)
    answered = AnswerRecord.objects.filter(**mine)
    results = ActivityResult.objects.filter(**mine)  # ordered by finished_at
    moments = [*answered.filter(answered_at__gte=since).values_list("answered_at", flat=True),
               *results.filter(finished_at__gte=since).values_list("finished_at", flat=True)]
    days = sorted({japan_date(t).isoformat() for t in moments})
    due = weekly_progress.merge_due({
        str(pk): weekly_progress.due_by_day((state or {}).get("cards", {}))
        for pk, state in DrillProgress.objects.filter(**mine).values_list("pk", "state")})
    placed = results.filter(activity="placement_test").last()
    mocks = tuple({"form": r.summary.get("form", ""), "passed": bool(r.passed)}
                  for r in results.filter(activity="mock_test"))
    record = weekly_progress.Record(study_days=tuple(days), answers=answered.count(),
                                    placement_level=placed.summary.get("level") if placed else None,
                                    mock_results=mocks)
    return weekly_progress.summary(record, goal, due, placed.summary.get("plan") if placed else None, now)


def _summary(learner, ml, data, now):
    """The week as JSON (what ``student_view_user_state`` gives in Open edX)."""
    return summary(learner, _goal(learner), now)


urlpatterns = [
    path("<str:launch_id>/summary/", json_endpoint(_summary, (ValueError,)), name="progress_summary"),
]


def render(request, learner, now):
    """The launch page: seven day cells, reviews due, the plan's next step, badges."""
    try:
        goal = _goal(learner)
    except ValueError as exc:
        return _render(request, "lti_tool/error.html", {"message": str(exc)}, status=400)
    language = learner.launch.language
    text = page.text(PACKAGE, block.TEXT, language)
    title = learner.launch.title or page.title(PACKAGE, "My week", language)
    context = block.page_context(title, summary(learner, goal, now), text)
    markup = page.markup(PACKAGE, "progress.html", context)
    return _render(request, "lti_tool/progress.html", {
        "language": language, "markup": markup, "launch_id": learner.record.launch_id,
        "css": page.read(PACKAGE, "public", "css", "progress.css")})
