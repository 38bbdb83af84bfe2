"""The sync use case: read new events from a source, add them to daily activity, checkpoint.

Idempotent (a rerun finds no new events and changes nothing) and atomic per run: the new totals
and the checkpoint are written in one transaction, so a crash leaves the last good checkpoint.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction

from .activity import DayTotals, fold
from .models import DailyActivity, Learner, SyncCheckpoint, SyncRun
from .sources.base import ActivitySource


@dataclass(frozen=True)
class SyncResult:
    source: str
    events_read: int
    rows_changed: int
    unmatched_subjects: int


def sync(source: ActivitySource, now: datetime,
         progress: Callable[[int, int], None] | None = None) -> SyncResult:
    started = now
    with transaction.atomic():
        checkpoint_row, _ = SyncCheckpoint.objects.select_for_update().get_or_create(source=source.name)
        events, new_checkpoint = source.events_since(checkpoint_row.position)
        events = list(events)
        totals = fold(events)
        learners = dict(Learner.objects.filter(
            lms_user_id__in={subject for subject, _ in totals}).values_list("lms_user_id", "id"))
        unmatched = {subject for subject, _ in totals if subject not in learners}
        changed = 0
        keys = [k for k in totals if k[0] in learners]
        for done, (subject, day) in enumerate(keys, 1):
            changed += _add(learners[subject], day, totals[(subject, day)])
            if progress:
                progress(done, len(keys))
        checkpoint_row.position = new_checkpoint
        checkpoint_row.save()
        SyncRun.objects.create(source=source.name, started_at=started, finished_at=now,
                               records_read=len(events), rows_changed=changed,
                               unmatched_subjects=len(unmatched))
    return SyncResult(source.name, len(events), changed, len(unmatched))


def _add(learner_id: int, day, extra: DayTotals) -> int:
    row, _ = DailyActivity.objects.select_for_update().get_or_create(learner_id=learner_id, day=day)
    current = DayTotals(row.logins, row.items_answered, row.items_correct, row.best_score)
    merged = current.merge(extra)
    if merged == current:
        return 0
    row.logins, row.items_answered = merged.logins, merged.items_answered
    row.items_correct, row.best_score = merged.items_correct, merged.best_score
    row.save()
    return 1
