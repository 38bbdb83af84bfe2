"""The ``placement_test`` XBlock: the adaptive placement of ``curriculum.placement`` inside Open edX.

The learner answers until the test knows their level (at most 20 items); no answer key ever reaches
the browser, not even afterwards. The level and the study plan it proposes go into the learner-wide
record (``xblocks.common.learner_record``), which the ``study_progress`` block shows. The grade is the
completion of the test (1 of 1), never the level. Contract: ``xblocks/NATIVE_API.md``.
"""

from __future__ import annotations

import json

from webob import Response
from xblock.completable import XBlockCompletionMode
from xblock.core import XBlock
from xblock.exceptions import JsonHandlerError
from xblock.fields import Dict, Float, Scope, String
from xblock.utils.studio_editable import StudioEditableXBlockMixin

from curriculum import placement
from curriculum.activities import placement_test
from curriculum.activities.placement_test import DEFAULT_TITLE, SKILLS, TEXT, focus_text  # noqa: F401
from xblocks.common import language as languages
from xblocks.common.learner_record import LearnerRecordMixin
from xblocks.common.mixin import ActivityBlockMixin


def _(text: str) -> str:
    """Mark a string for translation; it is translated at render time by the i18n service."""
    return text


@XBlock.needs("i18n")
class PlacementTestBlock(ActivityBlockMixin, LearnerRecordMixin, StudioEditableXBlockMixin, XBlock):
    """Placement test."""

    ACTIVITY = placement_test.ACTIVITY

    display_name = String(display_name=_("Display name"), default=_(DEFAULT_TITLE), scope=Scope.settings)
    weight = Float(display_name=_("Problem weight"), default=1.0, scope=Scope.settings, values={"min": 0})
    placement_state = Dict(default={}, scope=Scope.user_state,
                           help="The learner's answers and ability estimate (curriculum.placement).")
    language = String(default="", scope=Scope.preferences,
                      help="The learner's choice of help language (en, ja, vi, id, tl, my); "
                           "empty: the LMS's language.")

    editable_fields = ("display_name", "weight")
    has_score = True
    has_custom_completion = True
    completion_mode = XBlockCompletionMode.COMPLETABLE
    icon_class = "problem"

    def max_score(self) -> int:
        """Finishing the test earns 1 of 1, whatever the level; Open edX scales it by ``weight``."""
        return 1

    # -- views --------------------------------------------------------------------------------

    @XBlock.supports("multi_device")
    def student_view(self, context=None):
        """The current question (or the outcome), rendered on the server; placement.js takes over."""
        language = self._language()
        step = self._step("present", self.placement_state, None, language=language)
        self.placement_state = step.state  # the served item stays pending across reloads
        return self.render_page(step.screen, language)

    def student_view_data(self, context=None):
        """Settings only, the same for every learner: no items, no answers (NATIVE_API.md)."""
        return {"display_name": self.display_name, "max_items": placement.MAX_ITEMS}

    # -- handlers -----------------------------------------------------------------------------

    @XBlock.json_handler
    def next(self, data, suffix=""):
        """The question being asked (the same until answered), the progress, the outcome once done."""
        step = self._step("present", self.placement_state, None)
        self.placement_state = step.state
        return step.screen

    @XBlock.json_handler
    def answer(self, data, suffix=""):
        """Take ``{"item_id", "choice"}``; answer with the next question, or the outcome at the end."""
        now = self._now()
        step = self._step("answer", self.placement_state, None, data, now=now)
        self.placement_state, payload = step.state, step.screen
        self.note_answer(now)
        self.runtime.publish(self, "nihongo.placement.answered", {
            "item_id": step.answered[0].item_id, "correct": step.answered[0].correct,
            "answered": payload["progress"]["answered"]})
        if step.finished:
            summary = step.finished.summary
            self.note_placement(summary["level"], summary["plan"], now)
            self.runtime.publish(self, "nihongo.placement.finished", {
                "level": summary["level"], "items": payload["progress"]["answered"],
                "ability": round(step.state["theta"], 3)})
            grade = step.grade
            self.runtime.publish(self, "grade", {"value": grade.earned, "max_value": grade.possible})
            self.runtime.publish(self, "completion", {"completion": 1.0})
        return payload

    @XBlock.json_handler
    def set_language(self, data, suffix=""):
        """The language switch: ``{"language": "vi"}``; the question or outcome in it, with the strings."""
        try:
            code = languages.chosen(data)
        except languages.LanguageError as exc:
            raise JsonHandlerError(400, str(exc)) from None
        self.language = code
        step = self._step("change_language", self.placement_state, None, language=code)
        self.placement_state = step.state
        return {**step.screen, "language": code, "text": self._text(code)}

    @XBlock.handler
    def student_view_user_state(self, request, suffix=""):
        """The learner's progress and outcome for native clients (GET or POST); never an answer."""
        state = self.placement_state or placement.empty_state()
        body = {"progress": placement.progress_of(state), "outcome": placement.outcome_of(state)}
        return Response(json.dumps(body), content_type="application/json", charset="utf8")
