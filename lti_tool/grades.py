"""Sending a learner's grade to the platform through AGS: queued in the request, sent by the worker.

The request writes the score as a ``pending`` row and hands its ID to the grade worker
(``tasks``); the learner's answer returns at once, whether the LMS is fast, slow or down.
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction

from curriculum.drill import Grade

from . import score_queue, tasks
from .models import LaunchRecord, ScoreRecord

describe = score_queue.describe


def deliver(message_launch, grade: Grade, record: LaunchRecord, now: datetime, final: bool = True,
            label: str = "") -> ScoreRecord:
    """Queue the grade for the worker (which tries it at once). Never raises: the answers are saved.

    ``final``: a finished attempt (``Completed``/``FullyGraded``, which LMSs publish); otherwise the
    score is sent as ``InProgress``/``Pending``. ``grade`` needs ``earned`` and ``possible``.
    """
    body = message_launch.get_launch_data() or {}
    claim = body.get(score_queue.AGS_CLAIM)
    title = label or str((body.get("https://purl.imsglobal.org/spec/lti/claim/resource_link") or {})
                         .get("title") or "")
    with transaction.atomic():  # the score and the superseding of older waiting ones: one commit
        score = score_queue.enqueue(record, grade.earned, grade.possible, now,
                                    claim if isinstance(claim, dict) else None,
                                    score_queue.FINAL if final else score_queue.IN_PROGRESS, title)
    tasks.queue_score(score.id)
    return score
