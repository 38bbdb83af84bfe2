"""Sending a learner's grade to the platform through AGS: queued in the request, sent by the worker.

The request writes the score as a ``pending`` row and hands its ID to the grade worker
(``tasks``); the learner's answer returns at once, whether the LMS is fast, slow or down.
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction

from curriculum.drill import Grade

from . import score_queue, statements, tasks
from .models import LaunchRecord, ScoreRecord

describe = score_queue.describe


def deliver(message_launch, grade: Grade, record: LaunchRecord, now: datetime, final: bool = True,
            label: str = "") -> ScoreRecord:
    """Queue the grade for the worker (which tries it at once). Never raises: the answers are saved.

    ``final``: a finished attempt (``Completed``/``FullyGraded``, which LMSs publish); otherwise the
    score is sent as ``InProgress``/``Pending``. ``grade`` needs ``earned`` and ``possible``.
    """
    with transaction.atomic():  # the score and the superseding of older waiting ones: one commit
        score = pending(message_launch, grade, record, now, final, label)
    tasks.queue_score(score.id)
    return score


def pending(message_launch, grade: Grade, record: LaunchRecord, now: datetime, final: bool = True,
            label: str = "", writes: statements.Writes | None = None) -> ScoreRecord:
    """The grade as a pending score row, in the caller's transaction (the drill writes it in its answer's):
    the caller hands it to the worker (``tasks.queue_score``) once committed. ``writes``: the superseding
    of older waiting scores joins the caller's other writes."""
    body = message_launch.get_launch_data() or {}
    claim = body.get(score_queue.AGS_CLAIM)
    title = label or str((body.get("https://purl.imsglobal.org/spec/lti/claim/resource_link") or {})
                         .get("title") or "")
    return score_queue.enqueue(record, grade.earned, grade.possible, now,
                               claim if isinstance(claim, dict) else None,
                               score_queue.FINAL if final else score_queue.IN_PROGRESS, title, writes)
