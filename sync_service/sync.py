"""The sync use case: read new events from a source, add them to daily activity, checkpoint.

Idempotent: a rerun finds no new events and changes nothing. A plain source is applied in one
transaction per run (new totals and checkpoint together). A paged source (``PagedSource``: the
Open edX APIs, tracking logs, CSV files) is applied one page or file at a time, each page's totals
committed with the checkpoint that follows it, so a crash or an interrupted run loses at most the
page in hand and the next run resumes there: the result equals an uninterrupted run.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from programme.models import DailyActivity, Learner, SyncCheckpoint, SyncRun

from .activity import DayTotals, fold
from .sources.base import ActivityEvent, ActivitySource, Page, PagedSource  # noqa: F401  (re-exported)


@dataclass(frozen=True)
class SyncResult:
    source: str
    events_read: int
    rows_changed: int
    unmatched_subjects: int


class ConcurrentSync(RuntimeError):
    """Another run of the same source moved the checkpoint under us: this page is not applied."""


def sync(source: ActivitySource, now: datetime,
         progress: Callable[[int, int], None] | None = None) -> SyncResult:
    if isinstance(source, PagedSource):
        return _sync_paged(source, now, progress)
    with transaction.atomic():
        checkpoint_row, _ = SyncCheckpoint.objects.select_for_update().get_or_create(source=source.name)
        events, new_checkpoint = source.events_since(checkpoint_row.position)
        events = list(events)
        changed, unmatched = _apply(events, progress)
        checkpoint_row.position = new_checkpoint
        checkpoint_row.save()
        return _record(source, now, len(events), changed, unmatched)


def _sync_paged(source: PagedSource, now: datetime, progress) -> SyncResult:
    with transaction.atomic():
        row = SyncCheckpoint.objects.get_or_create(source=source.name)[0]
    position, stamp = row.position, row.updated_at
    read = changed = 0
    unmatched: set[str] = set()
    for page in source.pages(position):
        with transaction.atomic():
            # The stamp, not the (large) position, tells whether another run moved the checkpoint.
            locked = SyncCheckpoint.objects.select_for_update().filter(pk=row.pk)
            if locked.values_list("updated_at", flat=True).get() != stamp:
                raise ConcurrentSync(f"{source.name}: the checkpoint moved during this run; run again")
            page_changed, page_unmatched = _apply(page.events)
            stamp = timezone.now()
            locked.update(position=page.checkpoint, updated_at=stamp)
        read, changed = read + len(page.events), changed + page_changed
        unmatched |= page_unmatched
        if progress:
            progress(page.done, page.total)
    return _record(source, now, read, changed, unmatched)


def _apply(events: Iterable[ActivityEvent], progress=None) -> tuple[int, set[str]]:
    """Add the events' totals to the learners' days (one read and two bulk writes); count changes."""
    totals = fold(events)
    learners = dict(Learner.objects.filter(
        lms_user_id__in={subject for subject, _ in totals}).values_list("lms_user_id", "id"))
    unmatched = {subject for subject, _ in totals if subject not in learners}
    wanted = {(learners[subject], day): extra
              for (subject, day), extra in totals.items() if subject in learners}
    rows = {(r.learner_id, r.day): r for r in DailyActivity.objects.select_for_update().filter(
        learner_id__in={learner for learner, _ in wanted}, day__in={day for _, day in wanted})}
    new, updated = [], []
    for done, ((learner, day), extra) in enumerate(wanted.items(), 1):
        row = rows.get((learner, day)) or DailyActivity(learner_id=learner, day=day)
        current = DayTotals(row.logins, row.items_answered, row.items_correct, row.best_score, row.minutes)
        merged = current.merge(extra)
        if merged != current:
            row.logins, row.items_answered = merged.logins, merged.items_answered
            row.items_correct, row.best_score = merged.items_correct, merged.best_score
            row.minutes = merged.minutes
            (updated if row.pk else new).append(row)
        if progress:
            progress(done, len(wanted))
    DailyActivity.objects.bulk_create(new)
    DailyActivity.objects.bulk_update(updated, ["logins", "items_answered", "items_correct", "best_score",
                                                "minutes"])
    return len(new) + len(updated), unmatched


def _record(source: ActivitySource, now: datetime, read: int, changed: int, unmatched: set) -> SyncResult:
    SyncRun.objects.create(source=source.name, started_at=now, finished_at=now, records_read=read,
                           rows_changed=changed, unmatched_subjects=len(unmatched))
    return SyncResult(source.name, read, changed, len(unmatched))
