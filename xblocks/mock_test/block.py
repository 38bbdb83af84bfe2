"""The ``mock_test`` XBlock: a JLPT or JFT-Basic mock test on a CBT screen inside Open edX.

Every handler parses, calls the contract of ``curriculum.mock_test``, saves the learner's record,
publishes and returns; the rules (clock, sections, scoring) live in ``curriculum``. Choices are kept
unjudged on the server until the test is finished. The browser and mobile contract is documented in
``xblocks/NATIVE_API.md``.
"""

from __future__ import annotations

import json
import random
from datetime import datetime, timezone

from lxml import etree
from web_fragments.fragment import Fragment
from webob import Response
from xblock.core import XBlock
from xblock.exceptions import JsonHandlerError
from xblock.fields import Dict, Float, Scope, String, UserScope
from xblock.utils.resources import ResourceLoader
from xblock.utils.studio_editable import StudioEditableXBlockMixin
from xblock.validation import ValidationMessage

from curriculum import mock_test
from curriculum.bank import default_bank
from curriculum.mock_test import MockTestError
from xblocks.common import language as languages
from xblocks.common import page
from xblocks.common.learner_record import LearnerRecordMixin

loader = ResourceLoader(__name__)
PACKAGE = "xblocks.mock_test"
FORMS = ("N5", "N4", "N3", "N2", "JFT")
HANDLERS = ("start", "state", "answer", "flag", "go_to", "next_section", "finish", "set_language")


def _(text: str) -> str:
    """Mark a string for translation; it is translated at render time by the i18n service."""
    return text


#: Every UI string, rendered into the page and handed to mock.js, so one catalogue serves both hosts.
TEXT = {
    "intro": _("{count} questions, {minutes} minutes"),
    "rules": _("The clock runs as in the exam: it keeps running if you leave, and you can come back to "
               "this page to go on. Move freely between the questions, and flag any you want to check."),
    "short": _("This test has {count} of the real exam's {full} questions: scores cover only the questions "
               "given."),
    "start": _("Start the test"),
    "section": _("Section {n} of {total}: {name}"),
    "time_left": _("Time left: {time}"),
    "minutes_left": _("{minutes} minutes left"),
    "time_up": _("Time is up for this section."),
    "answered_count": _("Answered {answered} of {total}"),
    "question": _("Question {n}"),
    "question_of": _("Question {n} of {total}"),
    "separator": _(", "),
    "answered": _("answered"),
    "unanswered": _("not answered"),
    "flagged": _("flagged"),
    "flag": _("Flag for review"),
    "unflag": _("Remove flag"),
    "prev": _("Previous"),
    "next": _("Next"),
    "palette": _("Questions"),
    "choices": _("Choices"),
    "next_section": _("End this section"),
    "next_section_confirm": _("End this section now? You cannot come back to it."),
    "finish": _("Finish the test"),
    "finish_confirm": _("Finish the test now? Questions not answered: {unanswered}."),
    "yes": _("Yes"),
    "no": _("No, go back"),
    "offline": _("Your answer is not saved yet: check your connection. It will be sent again."),
    "error": _("Something went wrong. Please try again."),
    "refused": _("That was not accepted. The test has been brought up to date."),
    "empty": _("There are no questions for this test yet."),
    "result": _("Your result"),
    "passed": _("Pass (estimate)"),
    "failed": _("Not a pass yet (estimate)"),
    "unjudged": _("Pass or fail cannot be judged: this test had no questions for a section."),
    "total": _("Total: {total} / {maximum} (pass mark {pass_mark})"),
    "band": _("Level: {band}"),
    "below_pass": _("The total is below the pass mark of {pass_mark}."),
    "correct_of": _("{correct} of {total} right"),
    "minimum": _("minimum {minimum}"),
    "below_minimum": _("below the minimum"),
    "study_next": _("Study next"),
    "nothing_missed": _("You missed nothing. Well done!"),
    "estimate": _("This is an estimate, not an official score: the real exams do not publish how they "
                  "convert answers to scores."),
    "review": _("Your answers"),
    "your_answer": _("Your answer: {choice}"),
    "right_answer": _("Answer: {choice}"),
    "no_answer": _("(none)"),
    "again": _("Take another test"),
    "language": _("Language"),
}
DEFAULT_TITLE = "Mock test"


@XBlock.needs("i18n")
class MockTestBlock(LearnerRecordMixin, StudioEditableXBlockMixin, XBlock):
    """A timed mock test from the item bank; the grade is the share of questions answered right."""

    display_name = String(display_name=_("Display name"), default=_(DEFAULT_TITLE), scope=Scope.settings)
    form = String(display_name=_("Test form"), default="N5", scope=Scope.settings,
                  values=list(FORMS),
                  help=_("JLPT N5–N2, or JFT-Basic (A2 pass line), as defined in curriculum.mock_test"))
    weight = Float(display_name=_("Problem weight"), default=1.0, scope=Scope.settings, values={"min": 0},
                   help=_("How much this test counts in the course grade."))
    mock_record = Dict(default={}, scope=Scope.user_state,
                       help="The learner's test in progress and last result (curriculum.mock_test).")
    language = String(default="", scope=Scope.preferences,
                      help="The learner's choice of help language (en, ja, vi, id, tl, my); "
                           "empty: the LMS's language.")

    editable_fields = ("display_name", "form", "weight")
    has_score = True
    icon_class = "problem"

    # -- the core's inputs, each read in one place --------------------------------------------

    def _now(self) -> datetime:
        """The only clock of the block (tests patch it)."""
        return datetime.now(timezone.utc)

    def _rng(self) -> random.Random:
        """The only randomness of the block: which items make up a new test (tests patch it)."""
        return random.Random()

    def _language(self) -> str:
        """The learner's choice (the switch), else the LMS's language (the i18n service)."""
        return self.language if self.language in languages.LANGUAGES else languages.runtime_language(self)

    def max_score(self) -> int:
        """A finished test scores 0–100 (percent right); Open edX scales it by ``weight``."""
        return 100

    # -- the record, and what a finished test publishes ----------------------------------------

    def _synced(self) -> dict:
        """The record, with a test whose time ran out while the learner was away finished and graded."""
        record, finished = mock_test.sync(self.mock_record or None, default_bank(), self._now())
        self._save(record, finished)
        return record

    def _save(self, record: dict, finished: mock_test.Finished | None = None) -> None:
        if record != self.mock_record:
            self.mock_record = record
        if finished:
            result = finished.result
            report = result.report
            self.runtime.publish(self, "grade", {"value": finished.grade.earned,
                                                 "max_value": finished.grade.possible})
            self.runtime.publish(self, "nihongo.mock.finished", {
                "form": finished.form, "total": report.total, "maximum": report.maximum,
                "passed": report.passed, "band": report.band, "answered": result.answered,
                "item_count": result.item_count, "grade": finished.grade.earned,
                "sections": {s.key: s.score for s in report.sections}})
            self.note_mock_result(finished.summary, self._now())

    # -- views --------------------------------------------------------------------------------

    @XBlock.supports("multi_device")
    def student_view(self, context=None):
        """The test page (intro, the running test, or the result); mock.js takes over from there."""
        payload = self._payload(self._synced())
        language = self._language()
        text = page.text(PACKAGE, TEXT, language)
        title = self.display_name
        if title == DEFAULT_TITLE:
            title = page.title(PACKAGE, DEFAULT_TITLE, language)
        html = loader.render_django_template("templates/mock.html", {
            "display_name": title, "text": text, "text_json": json.dumps(text),
            "language": language, "languages": languages.LANGUAGE_NAMES,
            "payload_json": json.dumps(payload), "uid": str(self.scope_ids.usage_id).replace(".", "-"),
            "urls_json": json.dumps({name: self.runtime.handler_url(self, name) for name in HANDLERS}),
        })
        frag = Fragment(html)
        frag.add_css(loader.load_unicode("public/css/mock.css"))
        frag.add_javascript(loader.load_unicode("public/js/mock.js"))
        frag.initialize_js("MockTestBlock")
        return frag

    def student_view_data(self, context=None):
        """Settings only, the same for every learner: no questions, no answers (NATIVE_API.md)."""
        form = mock_test.form_for(self.form)
        return {"display_name": self.display_name, "form": self.form, "level": form.level,
                "minutes": form.minutes, "item_count": form.item_count,
                "timed_by_section": form.timed_by_section, "max_score": self.max_score()}

    # -- handlers -----------------------------------------------------------------------------

    def _act(self, act):
        """Bring the record up to date, ``act(record) -> (record, body, finished)``, then save and publish.

        A refusal (``MockTestError``) answers 400 and saves nothing, not even the catching up.
        """
        record, finished = mock_test.sync(self.mock_record or None, default_bank(), self._now())
        try:
            record, body, done = act(record)
        except MockTestError as exc:
            raise JsonHandlerError(400, str(exc)) from None
        self._save(record, finished or done)
        return body

    @XBlock.json_handler
    def state(self, data, suffix=""):
        """The whole page state: after a reload, a section change or time up."""
        return self._act(lambda record: (record, self._payload(record), None))

    def _payload(self, record: dict) -> dict:
        return mock_test.payload(record, self.form, default_bank(), self._now(), self._language())

    @XBlock.json_handler
    def start(self, data, suffix=""):
        """``{}``: a new test (after a finished one, another); a running test just continues."""
        body = self._act(lambda record: (*mock_test.act_start(
            record, self.form, default_bank(), data, self._now(), self._rng(), self._language()), None))
        self.note_study_day(self._now())
        return body

    @XBlock.json_handler
    def answer(self, data, suffix=""):
        """``{"item_id", "choice"}``: keep the choice; it is judged when the test is finished."""
        small = self._act(lambda record: (
            *mock_test.act_answer(record, default_bank(), data, self._now()), None))
        self.note_study_day(self._now())
        self.runtime.publish(self, "nihongo.mock.answered", {
            "item_id": small["item_id"], "form": mock_test.form_name(self.mock_record["session"]["level"]),
            "answered_count": small["answered_count"]})
        return small

    @XBlock.json_handler
    def flag(self, data, suffix=""):
        """``{"item_id", "flagged"}``: mark a question for review, or clear the mark."""
        return self._act(lambda record: (*mock_test.act_flag(record, data, self._now()), None))

    @XBlock.json_handler
    def go_to(self, data, suffix=""):
        """``{"item_id"}``: the question on screen, so a reload comes back to it."""
        return self._act(lambda record: (*mock_test.act_go_to(record, data, self._now()), None))

    @XBlock.json_handler
    def next_section(self, data, suffix=""):
        """``{}``: end the open JLPT section early (the last one ends the test)."""
        return self._act(lambda record: mock_test.act_next_section(record, default_bank(), data, self._now(),
                                                                   self._language()))

    @XBlock.json_handler
    def finish(self, data, suffix=""):
        """``{}``: end the test, grade it on the server, publish the grade; the result and review."""
        return self._act(lambda record: mock_test.act_finish(record, default_bank(), data, self._now(),
                                                             self._language()))

    @XBlock.json_handler
    def set_language(self, data, suffix=""):
        """The language switch: ``{"language": "vi"}``; the page state again in it, with the UI strings."""
        try:
            code = languages.chosen(data)
        except languages.LanguageError as exc:
            raise JsonHandlerError(400, str(exc)) from None
        self.language = code
        body = self._act(lambda record: (record, self._payload(record), None))
        return {**body, "language": code, "text": page.text(PACKAGE, TEXT, code)}

    @XBlock.handler
    def student_view_user_state(self, request, suffix=""):
        """The learner's progress for native clients (GET or POST); never a question's answer."""
        body = mock_test.user_state(self._synced(), default_bank(), self._now())
        return Response(json.dumps(body), content_type="application/json", charset="utf8")

    # -- Studio -------------------------------------------------------------------------------

    def validate_field_data(self, validation, data):
        """Refuse settings the core would refuse, with a message for the author."""
        super().validate_field_data(validation, data)
        if data.form not in FORMS:
            message = f"Unknown test form {data.form!r}: choose one of {', '.join(FORMS)}."
            validation.add(ValidationMessage(ValidationMessage.ERROR, message))
        if data.weight is None or data.weight < 0:
            validation.add(ValidationMessage(ValidationMessage.ERROR, "The weight must be zero or more."))

    def add_xml_to_node(self, node):
        """OLX carries settings only: a learner's state never leaves with an export, whoever exports."""
        super().add_xml_to_node(node)
        for name, field in self.fields.items():
            if getattr(field.scope, "user", UserScope.NONE) != UserScope.NONE:  # children/parent: sentinels
                node.attrib.pop(name, None)

    @staticmethod
    def workbench_scenarios():
        """The ``scenarios/*.xml`` files, titled by their display_name."""
        scenarios = loader.load_scenarios_from_path("scenarios")
        return [(etree.fromstring(xml.encode()).get("display_name"), xml) for _file_title, xml in scenarios]
