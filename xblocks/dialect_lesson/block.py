"""The ``dialect_lesson`` XBlock: a Kagoshima dialect lesson of ``curriculum.dialect`` inside Open edX.

Every handler parses, calls the core, saves the learner's state, publishes and returns; the rules
(which exercise, what is scored, what counts as a replay) live in ``curriculum.dialect``. The page is
``page.py``'s, shared with the LTI tool. Contract: ``xblocks/NATIVE_API.md`` (dialect lesson).
"""

from __future__ import annotations

import json

from web_fragments.fragment import Fragment
from webob import Response
from xblock.completable import XBlockCompletionMode
from xblock.core import XBlock
from xblock.exceptions import JsonHandlerError
from xblock.fields import Dict, Float, Integer, Scope, String, UserScope  # noqa: F401
from xblock.utils.studio_editable import StudioEditableXBlockMixin
from xblock.validation import ValidationMessage

from curriculum import dialect
from curriculum.activities import dialect_lesson
from curriculum.activity import Context
from xblocks.common.language import LanguageError, chosen, runtime_language
from xblocks.common.learner_record import LearnerRecordMixin
from xblocks.common.mixin import ActivityBlockMixin


def _(text: str) -> str:
    return text


def _lesson_values() -> list[dict]:
    """The lessons an author can pick (Studio's dropdown), from ``curriculum.dialect.lessons()``."""
    try:
        return [{"display_name": lesson.title_in("en"), "value": lesson.id} for lesson in dialect.lessons()]
    except dialect.DialectError:  # broken content: Studio still opens, and says so on saving
        return []


@XBlock.needs("i18n")
class DialectLessonBlock(ActivityBlockMixin, LearnerRecordMixin, StudioEditableXBlockMixin, XBlock):
    """Kagoshima dialect lesson: exercises with feedback; the grade is the best round's scored answers."""

    ACTIVITY = dialect_lesson.ACTIVITY

    display_name = String(display_name=_("Display name"), default=_("Kagoshima dialect lesson"),
                          scope=Scope.settings)
    lesson = String(display_name=_("Lesson"), default="greetings", scope=Scope.settings,
                    values=_lesson_values,
                    help=_("The lesson's ID in curriculum/content/dialect (see `nihongo content check`)"))
    weight = Float(display_name=_("Problem weight"), default=1.0, scope=Scope.settings, values={"min": 0})
    lesson_state = Dict(default={}, scope=Scope.user_state,
                        help="The learner's round, best score and language (curriculum.dialect).")

    editable_fields = ("display_name", "lesson", "weight")
    has_score = True
    has_custom_completion = True
    completion_mode = XBlockCompletionMode.COMPLETABLE
    icon_class = "problem"

    # -- the core's inputs (the clock, the randomness: ActivityBlockMixin) -----------------------

    def _runtime_language(self) -> str:
        """The LMS's language for this learner (the learner's own choice is kept in the lesson's state)."""
        return runtime_language(self)

    def max_score(self) -> int:
        """Raw points of a perfect round: the lesson's scored exercises (practice-only ones never count)."""
        try:
            return dialect.scored_total(self.lesson)
        except (KeyError, dialect.DialectError):
            return 0

    # -- views --------------------------------------------------------------------------------

    @XBlock.supports("multi_device")
    def student_view(self, context=None):
        """The lesson and its current exercise, rendered on the server; dialect.js takes over."""
        try:
            step = self.ACTIVITY.present(self.lesson_state or None, self.lesson,
                                         Context(self._now(), self._runtime_language(), rng=self._rng()))
        except dialect.DialectError as exc:
            return Fragment(f"<p>{exc}</p>")
        self.lesson_state = step.state  # the served exercise stays pending across reloads
        return self.render_page(step.screen, step.screen["language"])

    def student_view_data(self, context=None):
        """Settings only, the same for every learner: no exercise, no answer, no user state."""
        return {"display_name": self.display_name, "lesson": self.lesson, "weight": self.weight}

    # -- handlers -----------------------------------------------------------------------------

    @XBlock.json_handler
    def next(self, data, suffix=""):
        """The exercise being asked (or the round's end) and the learner's progress."""
        step = self._step("present", self.lesson_state, self.lesson)
        self.lesson_state = step.state
        return step.screen

    @XBlock.json_handler
    def answer(self, data, suffix=""):
        """Check ``{"exercise_id", "choice"}``; publish the grade when a round ends."""
        now = self._now()
        step = self._step("answer", self.lesson_state, self.lesson, data, now=now)
        self.lesson_state, payload, grade = step.state, step.screen, step.grade
        self.note_answer(now)  # the learner-wide record the progress block reads
        self.runtime.publish(self, "nihongo.dialect.answered", {
            "lesson": self.lesson, "entry": payload["entry"], "kind": payload["kind"],
            "correct": payload["correct"], "scored": payload["scored"]})
        if payload["round_complete"]:
            progress = payload["progress"]
            self.runtime.publish(self, "nihongo.dialect.finished", {
                "lesson": self.lesson, "scored_correct": progress["scored_correct"],
                "scored_total": progress["scored_total"], "best": progress["best"]})
            if grade:
                self.runtime.publish(self, "grade", {"value": grade.earned, "max_value": grade.possible})
            self.runtime.publish(self, "completion", {"completion": 1.0})
        return payload

    @XBlock.json_handler
    def new_round(self, data, suffix=""):
        """Start another round once this one is finished, then present its first exercise."""
        step = self._step("restart", self.lesson_state, self.lesson)
        self.lesson_state = step.state
        return step.screen

    @XBlock.json_handler
    def language(self, data, suffix=""):
        """The language switch: ``{"language": "vi"}``; the lesson again, with the UI strings."""
        try:
            code = chosen(data)
        except LanguageError as exc:
            raise JsonHandlerError(400, str(exc)) from None
        step = self._step("change_language", self.lesson_state, self.lesson, language=code)
        self.lesson_state = step.state
        return {**step.screen, "text": self._text(step.screen["language"])}

    @XBlock.handler
    def student_view_user_state(self, request, suffix=""):
        """The learner's progress for native clients (GET or POST); never an exercise or an answer."""
        body = dialect.user_state(self.lesson_state, self.lesson, self._runtime_language())
        return Response(json.dumps(body), content_type="application/json", charset="utf8")

    # -- Studio -------------------------------------------------------------------------------

    def validate_field_data(self, validation, data):
        """Refuse a lesson that does not exist or a negative weight, with a message for the author."""
        super().validate_field_data(validation, data)
        try:
            ids = [lesson.id for lesson in dialect.lessons()]
        except dialect.DialectError as exc:
            validation.add(ValidationMessage(ValidationMessage.ERROR, str(exc)))
            return
        if data.lesson not in ids:
            message = f"Unknown lesson {data.lesson!r}: choose one of {', '.join(ids)}"
            validation.add(ValidationMessage(ValidationMessage.ERROR, message))
        if data.weight is None or data.weight < 0:
            validation.add(ValidationMessage(ValidationMessage.ERROR, "The weight must be 0 or more."))
