"""The timed mock test (``mock_test``) on a CBT screen like the exams': JLPT N5–N2 or JFT-Basic. Rules in
``curriculum.mock_test``; this is its activity contract and page. Besides the contract's four calls it
has the exam screen's own actions (``ACTIONS``: flag, go to, next section, finish), same shape."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from .. import mock_test
from ..activity import Answered, Context, Finished, Page, SettingsError, State, Step
from ..bank import Bank, default_bank
from ..languages import LANGUAGE_NAMES
from . import grammar_notes

NAME = "mock_test"
FORMS = ("N5", "N4", "N3", "N2", "JFT")
#: Which of the level's stored forms (``curriculum.forms``): A, B, C, or each learner's next form.
VERSIONS = (*mock_test.VERSIONS, mock_test.NEXT)


@dataclass(frozen=True)
class Settings:
    """The author's settings: the test (``form``: N5…N2 or JFT) and which of its forms (``version``)."""

    form: str = "N5"
    version: str = mock_test.NEXT
    #: Not the author's: the forms of this test the learner finished anywhere (oldest first), which a host
    #: with a learner-wide record adds, so "next" is a form not taken in another block or link either.
    history: tuple[str, ...] = ()


def _settings(value: Settings | str) -> Settings:
    """Settings, also from a bare test name (as callers before the forms A, B, C passed them)."""
    return value if isinstance(value, Settings) else Settings(value)


def _(text: str) -> str:
    """Mark a string for translation (each host translates it with the block's catalogue)."""
    return text


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
    "version": _("Form {version}"),
    "retake": _("Take form {version} again"),
    "all_taken": _("You have taken all three forms of this test (A, B and C). You can take form {version} "
                   "again: the one you took longest ago."),
    "language": _("Language"),
    # in the review, after a grammar question: its point, and the lesson opened in place
    "grammar": _("Grammar: {pattern}"),
    "read_lesson": _("Read the lesson"),
    **grammar_notes.LESSON_TEXT,
}
DEFAULT_TITLE = "Mock test"


def context(title: str, screen: dict, text: dict, urls: dict, language: str = "en", uid: str = "lti") -> dict:
    """What ``templates/mock.html`` needs (both hosts render it with this; ``uid`` tells two tests on
    one Open edX page apart)."""
    return {"display_name": title, "text": text, "text_json": json.dumps(text), "language": language,
            "languages": LANGUAGE_NAMES, "payload_json": json.dumps(screen), "uid": uid,
            "urls_json": json.dumps(urls)}


PAGE = Page(package="xblocks.mock_test", template="mock.html", css="public/css/mock.css",
            js="public/js/mock.js", init="MockTestBlock", mount="NihongoMock", root="nihongo-mock",
            default_title=DEFAULT_TITLE, text=TEXT, context=context,
            handlers={"start": "start", "state": "present", "answer": "answer", "flag": "flag",
                      "go_to": "go_to", "next_section": "next_section", "finish": "finish",
                      "set_language": "change_language", "lesson": "lesson"})


def settings(raw: Mapping[str, str]) -> Settings:
    """The test (``form``: N5…N2 or JFT) and which of its forms (``form_version``: A, B, C or next, each
    learner's next form; the default)."""
    form = raw.get("form") or "N5"
    if form not in FORMS:
        raise SettingsError(f"Unknown test form {form!r} in the link's custom parameters: use one of "
                            f"{', '.join(FORMS)}.")
    version = str(raw.get("form_version") or mock_test.NEXT).strip()
    version = version.upper() if version.upper() in mock_test.VERSIONS else version.lower()
    if version not in VERSIONS:
        raise SettingsError(f"Unknown form_version {version!r}: use A, B or C (always that form of the "
                            f"test) or next (each learner's next form).")
    return Settings(form, version)


def finished_of(done: mock_test.Finished, record: dict, bank: Bank) -> tuple[tuple[Answered, ...], Finished]:
    """A finished test as the contract reports it: its answers judged now, and the result to keep."""
    answered = []
    for item_id, choice in sorted(record["session"]["answers"].items()):
        try:
            correct = bank.get(item_id).answer == choice
        except KeyError:  # an item withdrawn from the bank since: it still was studied, not judged right
            correct = False
        answered.append(Answered(item_id, correct))
    result = done.result
    correct = sum(s.correct for s in result.report.sections)
    return tuple(answered), Finished(correct / result.item_count if result.item_count else 0.0,
                                     result.report.passed, {"form": done.form, **result.to_dict()})


def _run(state: State | None, ctx: Context, act: Callable, history: tuple[str, ...] = ()) -> Step:
    """Catch up with the clock (a test whose time ran out is finished), count the forms taken elsewhere
    (``history``), ``act(record)``, report."""
    bank = ctx.bank or default_bank()
    record, finished = mock_test.sync(state or None, bank, ctx.now)
    record = mock_test.with_history(record, history)
    record, screen, done = act(record, bank)
    finished = finished or done
    if finished is None:
        return Step(record, screen)
    answered, result = finished_of(finished, record, bank)
    return Step(record, screen, answered, finished.grade, result)


def _screen(form: Settings | str, ctx: Context):
    config = _settings(form)
    return lambda record, bank: (record, mock_test.payload(record, config.form, bank, ctx.now, ctx.language,
                                                           config.version), None)


class MockTest:
    name = NAME
    page = PAGE
    errors = (mock_test.MockTestError, grammar_notes.GrammarNotesError)

    @staticmethod
    def lesson(state: State | None, form: Settings | str, data: object, ctx: Context) -> Step:
        """``{"point": id}``: a grammar point's lesson, which the review's "Read the lesson" opens in place
        (the test's record is returned unchanged)."""
        return Step(state or {}, grammar_notes.lesson_screen(data, ctx.language))

    @staticmethod
    def settings(raw: Mapping[str, str]) -> Settings:
        return settings(raw)

    @staticmethod
    def present(state: State | None, form: Settings | str, ctx: Context) -> Step:
        """The whole page state (the intro, the running test, or the result and review)."""
        return _run(state, ctx, _screen(form, ctx), _settings(form).history)

    @staticmethod
    def answer(state: State | None, form: Settings | str, data: object, ctx: Context) -> Step:
        """``{"item_id", "choice"}``: keep the choice; it is judged when the test is finished."""
        return _run(state, ctx,
                    lambda record, bank: (*mock_test.act_answer(record, bank, data, ctx.now), None))

    @staticmethod
    def restart(state: State | None, form: Settings | str, ctx: Context) -> Step:
        """A new test (after a finished one, another); a running test just continues."""
        return MockTest.start(state, form, {}, ctx)

    @staticmethod
    def start(state: State | None, form: Settings | str, data: object, ctx: Context) -> Step:
        """``{}``: ``restart``, from the exam screen's start button (any other body is refused)."""
        config = _settings(form)
        return _run(state, ctx, lambda record, bank: (*mock_test.act_start(
            record, config.form, bank, data, ctx.now, ctx.rng, ctx.language, config.version), None),
            config.history)

    @staticmethod
    def change_language(state: State | None, form: Settings | str, ctx: Context) -> Step:
        step = MockTest.present(state, form, ctx)
        return Step(step.state, {**step.screen, "language": ctx.language}, step.answered, step.grade,
                    step.finished)

    @staticmethod
    def flag(state: State | None, form: Settings | str, data: object, ctx: Context) -> Step:
        """``{"item_id", "flagged"}``: mark a question for review, or clear the mark."""
        return _run(state, ctx, lambda record, bank: (*mock_test.act_flag(record, data, ctx.now), None))

    @staticmethod
    def go_to(state: State | None, form: Settings | str, data: object, ctx: Context) -> Step:
        """``{"item_id"}``: the question on screen, kept so a reload comes back to it."""
        return _run(state, ctx, lambda record, bank: (*mock_test.act_go_to(record, data, ctx.now), None))

    @staticmethod
    def next_section(state: State | None, form: Settings | str, data: object, ctx: Context) -> Step:
        """``{}``: end the open JLPT section early; after the last one the test is finished."""
        config = _settings(form)
        return _run(state, ctx, lambda record, bank: mock_test.act_next_section(
            record, bank, data, ctx.now, ctx.language, config.version), config.history)

    @staticmethod
    def finish(state: State | None, form: Settings | str, data: object, ctx: Context) -> Step:
        """``{}``: end the test now and grade it on the server."""
        config = _settings(form)
        return _run(state, ctx, lambda record, bank: mock_test.act_finish(record, bank, data, ctx.now,
                                                                          ctx.language, config.version),
                    config.history)


ACTIVITY = MockTest()
