"""The ``mock_test`` XBlock: a JLPT or JFT-Basic mock test on a CBT screen inside Open edX.

Every handler parses, calls the contract of ``curriculum.mock_test``, saves the learner's record,
publishes and returns; the rules (clock, sections, scoring) live in ``curriculum``. Choices are kept
unjudged on the server until the test is finished. The browser and mobile contract is documented in
``xblocks/NATIVE_API.md``.
"""

from __future__ import annotations

import json

from webob import Response
from xblock.core import XBlock
from xblock.exceptions import JsonHandlerError
from xblock.fields import Dict, Float, Scope, String
from xblock.utils.studio_editable import StudioEditableXBlockMixin
from xblock.validation import ValidationMessage

from curriculum import mock_test
from curriculum.activities import mock_test as mock_activity
from curriculum.activities.mock_test import DEFAULT_TITLE, FORMS, TEXT  # noqa: F401  (tests read them here)
from curriculum.bank import default_bank
from xblocks.common import language as languages
from xblocks.common.learner_record import LearnerRecordMixin
from xblocks.common.mixin import ActivityBlockMixin


def _(text: str) -> str:
    """Mark a string for translation; it is translated at render time by the i18n service."""
    return text


@XBlock.needs("i18n")
class MockTestBlock(ActivityBlockMixin, LearnerRecordMixin, StudioEditableXBlockMixin, XBlock):
    """A timed mock test from the item bank; the grade is the share of questions answered right."""

    ACTIVITY = mock_activity.ACTIVITY

    display_name = String(display_name=_("Display name"), default=_(DEFAULT_TITLE), scope=Scope.settings)
    form = String(display_name=_("Test form"), default="N5", scope=Scope.settings,
                  values=list(FORMS),
                  help=_("JLPT N5–N2, or JFT-Basic (A2 pass line), as defined in curriculum.mock_test"))
    form_version = String(display_name=_("Which form"), default=mock_test.NEXT, scope=Scope.settings,
                          values=[{"display_name": _("Each learner's next form"), "value": mock_test.NEXT}]
                          + [{"display_name": _("Form {version}").format(version=v), "value": v}
                             for v in mock_test.VERSIONS],
                          help=_("Each test has three forms of different questions (A, B, C). \"Each "
                                 "learner's next form\" gives a form the learner has not taken yet; A, B or "
                                 "C always gives that form."))
    weight = Float(display_name=_("Problem weight"), default=1.0, scope=Scope.settings, values={"min": 0},
                   help=_("How much this test counts in the course grade."))
    mock_record = Dict(default={}, scope=Scope.user_state,
                       help="The learner's test in progress and last result (curriculum.mock_test).")
    language = String(default="", scope=Scope.preferences,
                      help="The learner's choice of help language (en, ja, vi, id, tl, my); "
                           "empty: the LMS's language.")

    editable_fields = ("display_name", "form", "form_version", "weight")
    has_score = True
    icon_class = "problem"

    def max_score(self) -> int:
        """A finished test scores 0–100 (percent right); Open edX scales it by ``weight``."""
        return 100

    # -- the record, and what a finished test publishes ----------------------------------------

    def _run(self, call: str, *args, language: str | None = None) -> dict:
        """The contract's ``call`` on the record (a test whose time ran out while the learner was away
        is finished and graded on the way); save and publish what it returns. A refusal answers 400 and
        saves nothing, not even the catching up."""
        step = self._step(call, self.mock_record, self._settings(), *args, language=language)
        if step.state != self.mock_record:
            self.mock_record = step.state
        if step.finished:
            self._published(step)
        return step.screen

    def _settings(self) -> mock_activity.Settings:
        """The author's fields as the core reads them (refused values were refused in Studio), and the
        forms of this test the learner finished in any block (the learner-wide record), so "each
        learner's next form" is one not taken in another block or course either."""
        version = self.form_version if self.form_version in mock_activity.VERSIONS else mock_test.NEXT
        history = ()
        if version == mock_test.NEXT:
            name = mock_test.form_name(self.form)
            history = tuple(r["version"] for r in self.nihongo_mock_results
                            if isinstance(r, dict) and r.get("form") == name and r.get("version"))
        return mock_activity.Settings(self.form, version, history)

    def _published(self, step) -> None:
        """A test that has just ended: its grade, its report as an event, the learner-wide summary."""
        summary = step.finished.summary
        result = mock_test.MockResult.from_dict({key: summary[key] for key in (
            "report", "answered", "item_count", "shortfall_message", "version")})
        finished = mock_test.Finished(result, step.grade)
        report = result.report
        self.runtime.publish(self, "grade", {"value": finished.grade.earned,
                                             "max_value": finished.grade.possible})
        self.runtime.publish(self, "nihongo.mock.finished", {
            "form": finished.form, "version": result.version, "total": report.total,
            "maximum": report.maximum, "passed": report.passed, "band": report.band,
            "answered": result.answered, "item_count": result.item_count, "grade": finished.grade.earned,
            "sections": {s.key: s.score for s in report.sections}})
        self.note_mock_result(finished.summary, self._now())

    # -- views --------------------------------------------------------------------------------

    @XBlock.supports("multi_device")
    def student_view(self, context=None):
        """The test page (intro, the running test, or the result); mock.js takes over from there."""
        language = self._language()
        payload = self._run("present", language=language)
        uid = str(self.scope_ids.usage_id).replace(".", "-")  # two tests on one page stay apart
        return self.render_page(payload, language, uid=uid)

    def student_view_data(self, context=None):
        """Settings only, the same for every learner: no questions, no answers (NATIVE_API.md)."""
        form = mock_test.form_for(self.form)
        return {"display_name": self.display_name, "form": self.form, "form_version": self.form_version,
                "level": form.level,
                "minutes": form.minutes, "item_count": form.item_count,
                "timed_by_section": form.timed_by_section, "max_score": self.max_score()}

    # -- handlers -----------------------------------------------------------------------------

    @XBlock.json_handler
    def state(self, data, suffix=""):
        """The whole page state: after a reload, a section change or time up."""
        return self._run("present")

    @XBlock.json_handler
    def start(self, data, suffix=""):
        """``{}``: a new test (after a finished one, another); a running test just continues."""
        body = self._run("start", data)
        self.note_study_day(self._now())
        return body

    @XBlock.json_handler
    def answer(self, data, suffix=""):
        """``{"item_id", "choice"}``: keep the choice; it is judged when the test is finished."""
        small = self._run("answer", data)
        self.note_study_day(self._now())
        self.runtime.publish(self, "nihongo.mock.answered", {
            "item_id": small["item_id"], "form": mock_test.form_name(self.mock_record["session"]["level"]),
            "answered_count": small["answered_count"]})
        return small

    @XBlock.json_handler
    def lesson(self, data, suffix=""):
        """``{"point": id}``: a grammar point's lesson for the review's "Read the lesson" (read-only)."""
        return self._step("lesson", self.mock_record, self._settings(), data).screen

    @XBlock.json_handler
    def flag(self, data, suffix=""):
        """``{"item_id", "flagged"}``: mark a question for review, or clear the mark."""
        return self._run("flag", data)

    @XBlock.json_handler
    def go_to(self, data, suffix=""):
        """``{"item_id"}``: the question on screen, so a reload comes back to it."""
        return self._run("go_to", data)

    @XBlock.json_handler
    def next_section(self, data, suffix=""):
        """``{}``: end the open JLPT section early (the last one ends the test)."""
        return self._run("next_section", data)

    @XBlock.json_handler
    def finish(self, data, suffix=""):
        """``{}``: end the test, grade it on the server, publish the grade; the result and review."""
        return self._run("finish", data)

    @XBlock.json_handler
    def set_language(self, data, suffix=""):
        """The language switch: ``{"language": "vi"}``; the page state again in it, with the UI strings."""
        try:
            code = languages.chosen(data)
        except languages.LanguageError as exc:
            raise JsonHandlerError(400, str(exc)) from None
        self.language = code
        body = self._run("present", language=code)
        return {**body, "language": code, "text": self._text(code)}

    @XBlock.handler
    def student_view_user_state(self, request, suffix=""):
        """The learner's progress for native clients (GET or POST); never a question's answer."""
        self._run("present")  # catch up with the clock first (a test that ran out is finished)
        body = mock_test.user_state(self.mock_record or None, default_bank(), self._now())
        return Response(json.dumps(body), content_type="application/json", charset="utf8")

    # -- Studio -------------------------------------------------------------------------------

    def validate_field_data(self, validation, data):
        """Refuse settings the core would refuse, with a message for the author."""
        super().validate_field_data(validation, data)
        if data.form not in FORMS:
            message = f"Unknown test form {data.form!r}: choose one of {', '.join(FORMS)}."
            validation.add(ValidationMessage(ValidationMessage.ERROR, message))
        if data.form_version not in mock_activity.VERSIONS:
            message = (f"Unknown form {data.form_version!r}: choose A, B, C or next (each learner's next "
                       "form).")
            validation.add(ValidationMessage(ValidationMessage.ERROR, message))
        if data.weight is None or data.weight < 0:
            validation.add(ValidationMessage(ValidationMessage.ERROR, "The weight must be zero or more."))
