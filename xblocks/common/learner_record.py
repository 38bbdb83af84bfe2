"""The learner record every one of our blocks shares: study days, placement, mock results, reviews due.

The fields are in ``Scope.user_info``: one value per user, shared by every block of every course
that mixes this in, whatever its type. The ``progress`` block reads them; it cannot read another
block's ``user_state``. Field names start with ``nihongo_`` because the scope is user-wide.

Where it persists:

- xblock-sdk workbench: ``XBlockState`` rows with scope "all" and no scenario, keyed by user and field
  (``tests/xblocks/test_learner_record.py`` checks two different blocks see each other's writes).
- Open edX LMS: ``courseware.models.XModuleStudentInfoField`` (user, field name), through the LMS's
  ``DjangoKeyValueStore``, which accepts ``Scope.user_info``.
- Studio preview keeps no learner state; the record then starts empty, as for a new learner.

The rules (bounded lists, Japan-time days, due counts per day) live in ``curriculum.weekly_progress``.
"""

from __future__ import annotations

from datetime import datetime

from xblock.core import XBlockMixin
from xblock.fields import Dict, Integer, List, Scope

from curriculum import weekly_progress


class LearnerRecordMixin(XBlockMixin):
    """User-wide fields and the ``note_*`` methods that keep them; mix in before ``XBlock``."""

    nihongo_study_days = List(default=[], scope=Scope.user_info,
                              help="ISO dates (Japan time) on which the learner answered something.")
    nihongo_answers = Integer(default=0, scope=Scope.user_info,
                              help="Answers given across our blocks (for the 100-items badge).")
    nihongo_placement = Dict(default={}, scope=Scope.user_info,
                             help="The last placement: level, plan summary, finished_at.")
    nihongo_mock_results = List(default=[], scope=Scope.user_info,
                                help="Small mock-test summaries: form, total, passed, finished_at.")
    nihongo_due = Dict(default={}, scope=Scope.user_info,
                       help="Per drill (usage id): reviews due per Japan date, {day: count}.")

    def note_study_day(self, now: datetime) -> None:
        """Count today (Japan time) as a study day; calling it again the same day changes nothing."""
        days = weekly_progress.add_study_day(self.nihongo_study_days, now)
        if days != self.nihongo_study_days:
            self.nihongo_study_days = days

    def note_answer(self, now: datetime) -> None:
        """One more answer given: counts towards the items badge and marks today as a study day."""
        self.nihongo_answers = self.nihongo_answers + 1
        self.note_study_day(now)

    def note_placement(self, level: str, plan: dict, now: datetime) -> None:
        """Keep the finished placement: its level and plan summary (``study_plan.plan_summary``)."""
        self.nihongo_placement = {"level": level, "plan": plan, "finished_at": now.isoformat()}

    def note_mock_result(self, summary: dict, now: datetime) -> None:
        """Add one mock test's summary (form, total, passed; finished_at defaults to ``now``).

        Raises ``ValueError`` when the summary has no form name; nothing is kept then.
        """
        self.nihongo_mock_results = weekly_progress.add_mock_result(self.nihongo_mock_results, summary, now)

    def note_due(self, cards: dict) -> None:
        """Keep this block's reviews due per day, from its spaced-repetition ``cards``."""
        due = dict(self.nihongo_due)
        due[str(self.scope_ids.usage_id)] = weekly_progress.due_by_day(cards)
        self.nihongo_due = due

    def learner_record(self) -> weekly_progress.Record:
        """The record as ``curriculum.weekly_progress`` reads it."""
        return weekly_progress.Record(
            study_days=tuple(self.nihongo_study_days), answers=self.nihongo_answers,
            placement_level=self.nihongo_placement.get("level"),
            mock_results=tuple(self.nihongo_mock_results))
