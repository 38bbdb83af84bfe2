"""The ``study_progress`` XBlock ("My week"): days studied this week, reviews due, the plan's next step.

It reads the learner-wide record our other blocks write (``xblocks.common.learner_record``): study
days, the placement's level and plan, mock results, the drills' reviews due. Weekly, never a daily
streak (``curriculum.weekly_progress``). Nothing to answer, so no score; Open edX marks it complete
when viewed. Contract: ``xblocks/NATIVE_API.md``.
"""

from __future__ import annotations

import json

from webob import Response
from xblock.core import XBlock
from xblock.fields import Integer, Scope, String
from xblock.utils.studio_editable import StudioEditableXBlockMixin
from xblock.validation import ValidationMessage

from curriculum import weekly_progress
from curriculum.activities import progress
from curriculum.activities.progress import DAY_KEYS, TEXT  # noqa: F401  (tests read them here)
from curriculum.activity import Context
from xblocks.common.learner_record import LearnerRecordMixin
from xblocks.common.mixin import ActivityBlockMixin


def _(text: str) -> str:
    """Mark a string for translation; it is translated at render time by the i18n service."""
    return text


@XBlock.needs("i18n")
class ProgressBlock(ActivityBlockMixin, LearnerRecordMixin, StudioEditableXBlockMixin, XBlock):
    """My week."""

    display_name = String(display_name=_("Display name"), default=_("My week"), scope=Scope.settings)
    weekly_goal_days = Integer(display_name=_("Days of study per week (goal)"), default=3,
                               scope=Scope.settings, values={"min": 1, "max": 7})

    editable_fields = ("display_name", "weekly_goal_days")
    has_score = False
    icon_class = "other"
    ACTIVITY = progress.ACTIVITY

    def _text(self, language: str = "en") -> dict:
        """The UI strings in the LMS's language (the i18n service: My week has no switch)."""
        gettext = self.runtime.service(self, "i18n").gettext
        return {key: gettext(value) for key, value in TEXT.items()}

    def summary(self) -> dict:
        """The learner's week from the shared record (the contract's present)."""
        week = progress.Week(self.learner_record(), weekly_progress.merge_due(self.nihongo_due),
                             self.nihongo_placement.get("plan"))
        return self.ACTIVITY.present(week, self.weekly_goal_days, Context(self._now())).screen

    @XBlock.supports("multi_device")
    def student_view(self, context=None):
        """The week as seven day cells, reviews due, the plan's next step and badges; no JS needed."""
        return self.render_page(self.summary(), "en", title=self.display_name)

    def student_view_data(self, context=None):
        """Settings only, the same for every learner (NATIVE_API.md)."""
        return {"display_name": self.display_name, "weekly_goal_days": self.weekly_goal_days}

    @XBlock.handler
    def student_view_user_state(self, request, suffix=""):
        """The learner's week as JSON for native clients (GET or POST)."""
        return Response(json.dumps(self.summary()), content_type="application/json", charset="utf8")

    def validate_field_data(self, validation, data):
        """A week has 1 to 7 study days."""
        super().validate_field_data(validation, data)
        if not 1 <= data.weekly_goal_days <= 7:
            validation.add(ValidationMessage(ValidationMessage.ERROR,
                                             "The weekly goal must be between 1 and 7 days."))
