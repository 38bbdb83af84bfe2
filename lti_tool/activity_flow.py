"""Every activity through LTI, one way: the core's contract (``curriculum.activity``) plus the tool's
storage. A use case loads the learner's state for (link, activity), calls the contract, saves the new
state, records the answers it checked and a finished attempt, in one transaction; the grade goes to the
platform after the commit, so a platform that is down never costs the learner an answer.

The learner's choice of language is kept beside the core's state (``ui_language``): the core never sees
it, it comes in as ``Context.language``.
"""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Callable
from datetime import datetime

from django.db import transaction

from curriculum import activities
from curriculum.activity import Context, SettingsError, Step
from curriculum.bank import default_bank

from . import grades, records
from .endpoints import Refused
from .models import ActivityResult, AnswerRecord

#: Where the tool keeps a learner's choice inside an activity's stored state (the core never sees it).
STATE_KEY = "ui_language"


def split(state: dict | None) -> tuple[dict | None, str | None]:
    """A stored activity state without the learner's choice, and the choice (None when never made)."""
    if not state or STATE_KEY not in state:
        return state, None
    rest = {key: value for key, value in state.items() if key != STATE_KEY}
    return rest or None, state[STATE_KEY]


def joined(state: dict, code: str | None) -> dict:
    """The core's new state with the learner's choice put back (unchanged when there is none)."""
    return state if code is None else {**state, STATE_KEY: code}


def rng() -> random.Random:
    """The only randomness of the tool's activities (tests patch it)."""
    return random.Random()


def settings(learner, history: bool = False):
    """The link's settings for its activity, or ``Refused`` (400) saying what to change.

    ``history``: a mock test set to each learner's next form also gets the forms of that test the learner
    finished through any link (``mock_history``), so "next" is a form not taken elsewhere either."""
    try:
        config = activities.get(learner.launch.activity).settings(dict(learner.launch.custom))
    except SettingsError as exc:
        raise Refused(str(exc), 400) from None
    if history and learner.launch.activity == "mock_test" and config.version == "next":
        config = dataclasses.replace(config, history=mock_history(learner, config.form))
    return config


#: The mock test's calls that never show which forms were taken (they answer a question on screen).
NO_HISTORY = frozenset({"answer", "flag", "go_to", "lesson"})


def mock_history(learner, form: str) -> tuple[str, ...]:
    """The forms (A, B, C) of mock test ``form`` this learner finished, oldest first, in any link."""
    record = learner.record
    summaries = ActivityResult.objects.filter(
        registration=record.registration, subject=record.subject, activity="mock_test",
    ).values_list("summary", flat=True)
    return tuple(s["version"] for s in summaries
                 if isinstance(s, dict) and s.get("form") == form and s.get("version"))


def chosen_language(learner) -> str:
    """The learner's choice on the switch for this (link, activity), else the launch's locale."""
    row = records.saved_state(learner.record, learner.launch.activity)
    return (split(row.state)[1] if row else None) or learner.launch.language


def run(learner, ml, now: datetime, call: Callable[..., Step], *args, choose: str | None = None) -> Step:
    """``call(state, settings, *args, ctx)`` on the learner's saved state, then keep what it returns.

    ``choose``: the language the learner just chose (kept). The core's input errors propagate with
    nothing saved.
    """
    name = learner.launch.activity
    config = settings(learner, history=getattr(call, "__name__", "") not in NO_HISTORY)
    record = learner.record
    with transaction.atomic():
        row = records.activity_state(record, name)
        state, chosen = split(row.state or None)
        chosen = choose or chosen
        ctx = Context(now, chosen or learner.launch.language, default_bank(), rng())
        step = call(state, config, *args, ctx)
        row.state = joined(step.state, chosen)
        row.context_id = record.context_id
        row.save()
        AnswerRecord.objects.bulk_create([AnswerRecord(
            registration=record.registration, subject=record.subject, context_id=record.context_id,
            resource_link_id=record.resource_link_id, item_id=answered.item_id, correct=answered.correct,
            answered_at=now) for answered in step.answered])
        if step.finished:
            ActivityResult.objects.create(
                registration=record.registration, subject=record.subject, context_id=record.context_id,
                resource_link_id=record.resource_link_id, activity=name, score=step.finished.score,
                passed=step.finished.passed, summary=dict(step.finished.summary), finished_at=now)
    if step.grade and ml is not None:
        grades.deliver(ml, step.grade, record, now)
    return step
