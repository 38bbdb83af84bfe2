"""The ``mock_test`` activity through LTI: the XBlock's CBT screen, the tool's storage, AGS grades.

The link's custom parameters choose the test: ``activity=mock_test form=N5`` (N5, N4, N3, N2 or JFT).
Each use case loads the learner's record (``ActivityState``), calls the contract of
``curriculum.mock_test``, saves it and, when a test ends, keeps the result (``ActivityResult``, no
answers) in one transaction. The grade goes to the platform after the commit.
"""

from __future__ import annotations

import logging
import random
from datetime import datetime

from django.db import transaction
from django.shortcuts import render as _render
from django.urls import path, reverse

from curriculum import mock_test
from curriculum.bank import default_bank
from curriculum.mock_test import MockTestError
from xblocks.common import language as languages
from xblocks.mock_test.block import FORMS, HANDLERS

from .. import grades, mock_page, records
from ..endpoints import Refused, json_endpoint, learner_for
from ..models import ActivityResult, ActivityState, AnswerRecord

log = logging.getLogger(__name__)
ACTIVITY = "mock_test"


def rng() -> random.Random:
    """The only randomness of the activity: which items make up a new test (tests patch it)."""
    return random.Random()


def form_of(learner) -> str:
    """The link's test form, or ``Refused`` (400) naming the ones there are."""
    form = learner.launch.setting("form", "N5")
    if form not in FORMS:
        raise Refused(f"Unknown test form {form!r} in the link's custom parameters: use one of "
                      f"{', '.join(FORMS)}.", 400)
    return form


def _row(learner) -> ActivityState:
    return records.activity_state(learner.record, ACTIVITY)


def _keep(row: ActivityState, learner, record: dict, finished: mock_test.Finished | None,
          now: datetime, chosen: str | None = None) -> None:
    """Save the record (with the learner's language choice) and, for a test that has just ended, its
    result (in the caller's transaction)."""
    row.state = languages.joined(record, chosen)
    row.context_id = learner.record.context_id
    row.save()
    if finished:
        result = finished.result
        correct = sum(s.correct for s in result.report.sections)
        ActivityResult.objects.create(
            registration=learner.record.registration, subject=learner.record.subject,
            context_id=learner.record.context_id, resource_link_id=learner.record.resource_link_id,
            activity=ACTIVITY, score=correct / result.item_count if result.item_count else 0.0,
            passed=result.report.passed, summary={"form": finished.form, **result.to_dict()}, finished_at=now)
        _record_answers(learner, record["session"], now)


def _record_answers(learner, session: dict, now: datetime) -> None:
    """The finished test's answers as answered items (judged now), so they count as the day's study."""
    bank = default_bank()
    rows = []
    for item_id, choice in sorted(session["answers"].items()):
        try:
            correct = bank.get(item_id).answer == choice
        except KeyError:  # an item withdrawn from the bank since: it still was studied, not judged right
            correct = False
        rows.append(AnswerRecord(
            registration=learner.record.registration, subject=learner.record.subject,
            context_id=learner.record.context_id, resource_link_id=learner.record.resource_link_id,
            item_id=item_id, correct=correct, answered_at=now))
    AnswerRecord.objects.bulk_create(rows)


def _run(learner, ml, now: datetime, act, choose: str | None = None) -> dict:
    """Load, ``act(record, language) -> (record, body, finished)``, save; then send a new grade to the
    platform. The language is ``choose`` (the switch; kept), else the learner's earlier choice, else the
    launch's locale."""
    with transaction.atomic():
        row = _row(learner)
        stored, chosen = languages.split(row.state or None)
        chosen = choose or chosen
        record, finished = mock_test.sync(stored, default_bank(), now)
        record, body, done = act(record, chosen or learner.launch.language)
        finished = finished or done
        _keep(row, learner, record, finished, now, chosen)
    if finished and ml is not None:
        grades.deliver(ml, finished.grade, learner.record, now)
    return body


def _payload(learner, record: dict, now: datetime, language: str) -> dict:
    return mock_test.payload(record, form_of(learner), default_bank(), now, language)


def chosen_language(learner) -> str:
    """The learner's choice on the switch, else the launch's locale."""
    record = learner.record
    row = ActivityState.objects.filter(registration=record.registration, subject=record.subject,
                                       resource_link_id=record.resource_link_id, activity=ACTIVITY).first()
    return (languages.split(row.state)[1] if row else None) or learner.launch.language


# -- the use cases behind the endpoints -------------------------------------------------------------

def _state(learner, ml, data, now):
    """The whole page state (after a reload, a section change or time up)."""
    return _run(learner, ml, now, lambda record, lang: (record, _payload(learner, record, now, lang), None))


def _start(learner, ml, data, now):
    """``{}``: a new test (after a finished one, another); a running test just continues."""
    def act(record, lang):
        record, body = mock_test.act_start(record, form_of(learner), default_bank(), data, now, rng(), lang)
        return record, body, None
    return _run(learner, ml, now, act)


def _answer(learner, ml, data, now):
    """``{"item_id", "choice"}``: keep the choice; it is judged when the test is finished."""
    return _run(learner, ml, now,
                lambda record, lang: (*mock_test.act_answer(record, default_bank(), data, now), None))


def _flag(learner, ml, data, now):
    """``{"item_id", "flagged"}``: mark a question for review, or clear the mark."""
    return _run(learner, ml, now, lambda record, lang: (*mock_test.act_flag(record, data, now), None))


def _go_to(learner, ml, data, now):
    """``{"item_id"}``: the question on screen, so a reload comes back to it."""
    return _run(learner, ml, now, lambda record, lang: (*mock_test.act_go_to(record, data, now), None))


def _next_section(learner, ml, data, now):
    """``{}``: end the open JLPT section early (the last one ends the test)."""
    return _run(learner, ml, now, lambda record, lang: mock_test.act_next_section(
        record, default_bank(), data, now, lang))


def _finish(learner, ml, data, now):
    """``{}``: end the test, grade it on the server, keep the result and send the grade."""
    return _run(learner, ml, now, lambda record, lang: mock_test.act_finish(
        record, default_bank(), data, now, lang))


def _set_language(learner, ml, data, now):
    """``{"language": "vi"}``: the learner's choice, kept; the page state in it, with the UI strings."""
    code = languages.chosen(data)
    body = _run(learner, ml, now, lambda record, lang: (record, _payload(learner, record, now, lang), None),
                choose=code)
    return {**body, "language": code, "text": mock_page.text(code)}


#: One endpoint per XBlock handler, under the same names (mock.js reads them from data-urls).
USE_CASES = {"state": _state, "start": _start, "answer": _answer, "flag": _flag, "go_to": _go_to,
             "next_section": _next_section, "finish": _finish, "set_language": _set_language}

urlpatterns = [
    path(f"<str:launch_id>/{name}/", json_endpoint(use_case, errors=(MockTestError, languages.LanguageError)),
         name=f"mock_test_{name}")
    for name, use_case in USE_CASES.items()
]


def render(request, learner, now):
    """The learner's launch page: the intro, the running test (resumed) or the last result."""
    launch_id = learner.record.launch_id
    try:
        form_of(learner)
    except Refused as exc:
        return _render(request, "lti_tool/error.html", {"message": str(exc)}, status=400)
    try:
        _learner, ml = learner_for(request, launch_id)
    except Refused as exc:  # no grade service for a test that ran out while away; it is still kept
        log.info("mock test page without a restorable launch: %s", exc)
        ml = None
    payload = _state(learner, ml, {}, now)
    urls = {name: reverse(f"lti_tool:mock_test_{name}", kwargs={"launch_id": launch_id}) for name in HANDLERS}
    language = chosen_language(learner)
    return _render(request, "lti_tool/mock_test.html", {
        "language": language, "launch_id": launch_id,
        "mock": mock_page.markup(payload, urls, language, learner.launch.title),
        "css": mock_page.css(), "js": mock_page.js(),
    })
