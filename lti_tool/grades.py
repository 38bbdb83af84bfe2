"""Sending a round's grade to the platform through AGS, and recording how that went."""

from __future__ import annotations

import logging
from datetime import datetime

from pylti1p3.grade import Grade as AgsGrade

from curriculum.drill import Grade

from .models import LaunchRecord, ScoreRecord

log = logging.getLogger(__name__)


def ags_grade(grade: Grade, subject: str, now: datetime) -> AgsGrade:
    """The AGS score: a finished round, fully graded (LMSs publish only those)."""
    return (AgsGrade().set_score_given(grade.earned).set_score_maximum(grade.possible)
            .set_user_id(subject).set_timestamp(now.isoformat())
            .set_activity_progress("Completed").set_grading_progress("FullyGraded"))


def describe(exc: Exception) -> str:
    """A readable reason (PyLTI1p3's HTTP errors already name the URL, status and body)."""
    return f"{type(exc).__name__}: {exc}"[:1000]


def deliver(message_launch, grade: Grade, record: LaunchRecord, now: datetime) -> ScoreRecord:
    """Put the grade to the launch's line item. Never raises: the answer is already saved."""
    score = ScoreRecord(registration=record.registration, subject=record.subject,
                        resource_link_id=record.resource_link_id, earned=grade.earned,
                        possible=grade.possible, sent_at=now)
    try:
        if not message_launch.has_ags():
            raise LookupError("the platform offered no grade service (AGS) in this launch")
        message_launch.get_ags().put_grade(ags_grade(grade, record.subject, now))
        score.delivered = True
    except Exception as exc:  # network, token, HTTP refusal: all recorded, none lose the answer
        score.error = describe(exc)
        log.warning("AGS score for %s not delivered: %s", record.registration, score.error)
    score.save()
    return score
