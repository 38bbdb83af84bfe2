"""The drill behind the LTI endpoints: ``curriculum.drill_api`` plus the tool's storage.

Each use case opens the learner's drill (``drill_storage``: a small state row, one row per card),
calls the core, saves what changed and records what happened, in one transaction (its writes sent
together at the end: ``statements.Writes``). A round's last answer writes its score in that
transaction too; the grade goes to the platform from the worker after the commit, so a platform
that is down never costs the learner an answer.
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction

from curriculum import drill_api
from curriculum.activities import drill
from curriculum.activity import chosen_language
from curriculum.bank import default_bank
from curriculum.drill import DrillConfig

from . import drill_storage, grades
from .activity_flow import split
from .learner import Learner
from .models import DrillProgress, ScoreRecord


def _config(learner: Learner) -> DrillConfig:
    """The link's drill settings (checked at launch: a link with bad ones never gets here)."""
    return drill.settings(dict(learner.launch.custom))


def _open(learner: Learner, item_id: str | None = None) -> drill_storage.DrillStorage:
    record = learner.record
    return drill_storage.open_for_update(record.registration, record.subject, record.resource_link_id,
                                         record.context_id, item_id)


def _load(storage: drill_storage.DrillStorage, learner: Learner) -> tuple[dict | None, str, str | None]:
    """The core's state, the language to use, and the learner's own choice (kept beside the state)."""
    state, chosen = storage.state()
    return state, chosen or learner.launch.language, chosen


def language(learner: Learner) -> str:
    """The learner's choice on the switch, else the launch's locale."""
    record = learner.record
    progress = DrillProgress.objects.filter(
        registration=record.registration, subject=record.subject,
        resource_link_id=record.resource_link_id).first()
    chosen = split(progress.state or None)[1] if progress else None
    return chosen or learner.launch.language


def _save(storage: drill_storage.DrillStorage, state: dict, learner: Learner,
          chosen: str | None = None) -> None:
    storage.save(state, chosen, learner.record.context_id)
    storage.flush()


def present(learner: Learner, now: datetime) -> dict:
    """The question being asked (it stays pending across reloads) and the progress."""
    with transaction.atomic():
        storage = _open(learner)
        state, language, chosen = _load(storage, learner)
        state, payload = drill_api.present(state, _config(learner), default_bank(), now, language)
        _save(storage, state, learner, chosen)
    return payload


def answer(learner: Learner, data: object, now: datetime, ml) -> tuple[dict, ScoreRecord | None]:
    """Check one answer and record it; a round's last answer also writes its score, pending, in the same
    transaction (``ml``: the launch, whose grade service it names). Raises ``DrillError`` with nothing
    saved. The caller hands the score to the grade worker once this has returned (committed)."""
    record = learner.record
    answered = data.get("item_id") if isinstance(data, dict) else None
    with transaction.atomic():
        storage = _open(learner, answered if isinstance(answered, str) else None)
        state, language, chosen = _load(storage, learner)
        state, payload, grade = drill_api.submit(state, _config(learner), default_bank(), data, now,
                                                 language)
        storage.save(state, chosen, record.context_id)
        drill_storage.record_answer(storage, record, data["item_id"], payload["correct"], now)
        score = grades.pending(ml, grade, record, now, writes=storage.writes) if grade else None
        storage.flush()  # the card, the state row, the answer record, older scores superseded: one trip
    return payload, score


def new_round(learner: Learner, now: datetime) -> dict:
    """Another round once this one is finished, and its first question."""
    with transaction.atomic():
        storage = _open(learner)
        state, language, chosen = _load(storage, learner)
        state, payload = drill_api.restart(state, _config(learner), default_bank(), now, language)
        _save(storage, state, learner, chosen)
    return payload


def set_language(learner: Learner, data: object, now: datetime) -> dict:
    """The language switch: keep ``{"language": code}`` as the learner's choice; the screen in it.

    Raises ``LanguageError`` with nothing saved for anything but one of our languages.
    """
    code = chosen_language(data)
    with transaction.atomic():
        storage = _open(learner)
        state, _language, _chosen = _load(storage, learner)
        state, payload = drill.switched(state, _config(learner), default_bank(), now, code)
        _save(storage, state, learner, code)
    return payload
