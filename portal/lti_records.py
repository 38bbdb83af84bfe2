"""The LTI tool's own records (launches, answers, scores) as the sync's activity events.

At the composition root: the one adapter that knows both the tool's models and the sync's port
(wired by ``NIHONGO_LTI_SOURCE`` in settings). Each event names its platform (the registration's
issuer) and the platform's user (``sub``); the sync finds the learner through the link the launch
made (``programme.identities``).
"""

from __future__ import annotations

from collections.abc import Iterator

from lti_tool.models import AnswerRecord, LaunchRecord, ScoreRecord
from sync_service.sources.base import ActivityEvent, ActivitySource


class LtiToolRecords(ActivitySource):
    name = "lti_tool"

    def events_since(self, checkpoint: dict) -> tuple[Iterator[ActivityEvent], dict]:
        launches = LaunchRecord.objects.filter(id__gt=checkpoint.get("launch", 0), is_instructor=False)
        answers = AnswerRecord.objects.filter(id__gt=checkpoint.get("answer", 0))
        scores = ScoreRecord.objects.filter(id__gt=checkpoint.get("score", 0))
        new_checkpoint = {
            "launch": _max_id(LaunchRecord, checkpoint.get("launch", 0)),
            "answer": _max_id(AnswerRecord, checkpoint.get("answer", 0)),
            "score": _max_id(ScoreRecord, checkpoint.get("score", 0)),
        }
        launches = launches.filter(id__lte=new_checkpoint["launch"])
        answers = answers.filter(id__lte=new_checkpoint["answer"])
        scores = scores.filter(id__lte=new_checkpoint["score"])

        def generate() -> Iterator[ActivityEvent]:
            issuer = "registration__issuer"
            for host, subject, at in launches.values_list(issuer, "subject", "launched_at").iterator():
                yield ActivityEvent(subject, at, "login", issuer=host)
            for host, subject, at, correct in answers.values_list(
                    issuer, "subject", "answered_at", "correct").iterator():
                yield ActivityEvent(subject, at, "answer", correct=correct, issuer=host)
            for host, subject, at, earned, possible in scores.values_list(
                issuer, "subject", "sent_at", "earned", "possible"
            ).iterator():
                yield ActivityEvent(subject, at, "score", score=earned / possible if possible else None,
                                    issuer=host)

        return generate(), new_checkpoint


def _max_id(model, floor: int) -> int:
    last = model.objects.order_by("-id").values_list("id", flat=True).first()
    return max(last or 0, floor)
