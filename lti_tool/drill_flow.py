"""The drill behind the LTI endpoints: ``curriculum.drill_api`` plus the tool's storage.

Each use case loads the learner's state, calls the core, saves the new state and records what
happened, in one transaction. The grade goes to the platform after the commit, so a platform
that is down never costs the learner an answer.
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction

from curriculum import drill_api
from curriculum.activities import drill
from curriculum.activity import chosen_language
from curriculum.bank import default_bank
from curriculum.drill import DrillConfig, Grade

from .activity_flow import joined, split
from .learner import Learner
from .models import AnswerRecord, DrillProgress


def _config(learner: Learner) -> DrillConfig:
    """The link's drill settings (checked at launch: a link with bad ones never gets here)."""
    return drill.settings(dict(learner.launch.custom))


def _progress(learner: Learner) -> DrillProgress:
    record = learner.record
    progress, _created = DrillProgress.objects.select_for_update().get_or_create(
        registration=record.registration, subject=record.subject, resource_link_id=record.resource_link_id,
        defaults={"context_id": record.context_id},
    )
    return progress


def _load(progress: DrillProgress, learner: Learner) -> tuple[dict | None, str, str | None]:
    """The core's state, the language to use, and the learner's own choice (kept beside the state)."""
    state, chosen = split(progress.state or None)
    return state, chosen or learner.launch.language, chosen


def language(learner: Learner) -> str:
    """The learner's choice on the switch, else the launch's locale."""
    record = learner.record
    progress = DrillProgress.objects.filter(
        registration=record.registration, subject=record.subject,
        resource_link_id=record.resource_link_id).first()
    return _load(progress, learner)[1] if progress else learner.launch.language


def _save(progress: DrillProgress, state: dict, learner: Learner, chosen: str | None = None) -> None:
    progress.state = joined(state, chosen)
    progress.context_id = learner.record.context_id
    progress.save()


def present(learner: Learner, now: datetime) -> dict:
    """The question being asked (it stays pending across reloads) and the progress."""
    with transaction.atomic():
        progress = _progress(learner)
        state, language, chosen = _load(progress, learner)
        state, payload = drill_api.present(state, _config(learner), default_bank(), now, language)
        _save(progress, state, learner, chosen)
    return payload


def answer(learner: Learner, data: object, now: datetime) -> tuple[dict, Grade | None]:
    """Check one answer and record it. Raises ``DrillError`` with nothing saved."""
    record = learner.record
    with transaction.atomic():
        progress = _progress(learner)
        state, language, chosen = _load(progress, learner)
        state, payload, grade = drill_api.submit(state, _config(learner), default_bank(), data, now,
                                                 language)
        _save(progress, state, learner, chosen)
        AnswerRecord.objects.create(
            registration=record.registration, subject=record.subject, context_id=record.context_id,
            resource_link_id=record.resource_link_id, item_id=data["item_id"], correct=payload["correct"],
            answered_at=now,
        )
    return payload, grade


def new_round(learner: Learner, now: datetime) -> dict:
    """Another round once this one is finished, and its first question."""
    with transaction.atomic():
        progress = _progress(learner)
        state, language, chosen = _load(progress, learner)
        state, payload = drill_api.restart(state, _config(learner), default_bank(), now, language)
        _save(progress, state, learner, chosen)
    return payload


def set_language(learner: Learner, data: object, now: datetime) -> dict:
    """The language switch: keep ``{"language": code}`` as the learner's choice; the screen in it.

    Raises ``LanguageError`` with nothing saved for anything but one of our languages.
    """
    code = chosen_language(data)
    with transaction.atomic():
        progress = _progress(learner)
        state, _language, _chosen = _load(progress, learner)
        state, payload = drill.switched(state, _config(learner), default_bank(), now, code)
        _save(progress, state, learner, code)
    return payload
