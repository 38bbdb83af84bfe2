"""The sync use case: read new events from a source, add them to daily activity, checkpoint.

Idempotent: a rerun finds no new events and changes nothing. A plain source is applied in one
transaction per run (new totals and checkpoint together). A paged source (``PagedSource``: the
Open edX APIs, tracking logs, CSV files) is applied one page or file at a time, each page's totals
committed with the checkpoint that follows it, so a crash or an interrupted run loses at most the
page in hand and the next run resumes there: the result equals an uninterrupted run.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from programme import identities as identities_
from programme.models import DailyActivity, LmsIdentity, SeenLogin, SyncCheckpoint, SyncRun

from .activity import DayTotals, fold
from .sources.base import ActivityEvent, ActivitySource, Page, PagedSource  # noqa: F401  (re-exported)


@dataclass(frozen=True)
class SyncResult:
    source: str
    events_read: int
    rows_changed: int
    unmatched_subjects: int
    problems: tuple[str, ...] = ()  # what the source skipped (named); the run is recorded as not clean


class ConcurrentSync(RuntimeError):
    """Another run of the same source moved the checkpoint under us: this page is not applied."""


def sync(source: ActivitySource, now: datetime,
         progress: Callable[[int, int], None] | None = None) -> SyncResult:
    """One run of one source. A failed run is recorded as failed (the rules refuse to apply after it)."""
    try:
        if isinstance(source, PagedSource):
            return _sync_paged(source, now, progress)
        return _sync_plain(source, now, progress)
    except BaseException as exc:  # an interrupted run (Ctrl-C, a killed job) is an incomplete one too
        SyncRun.objects.create(source=source.name, started_at=now, finished_at=now, ok=False,
                               problems=f"{type(exc).__name__}: {exc}"[:2000])
        raise


def _sync_plain(source: ActivitySource, now: datetime, progress) -> SyncResult:
    with transaction.atomic():
        checkpoint_row, _ = SyncCheckpoint.objects.select_for_update().get_or_create(source=source.name)
        events, new_checkpoint = source.events_since(checkpoint_row.position)
        events = list(events)
        changed, unmatched = _apply(events, progress, source, now)
        checkpoint_row.position = new_checkpoint
        checkpoint_row.save()
        return _record(source, now, len(events), changed, unmatched)


def _sync_paged(source: PagedSource, now: datetime, progress) -> SyncResult:
    with transaction.atomic():
        row = SyncCheckpoint.objects.get_or_create(source=source.name)[0]
    position, stamp = row.position, row.updated_at
    read = changed = 0
    unmatched: set[str] = set()
    problems: list[str] = []
    for page in source.pages(position):
        problems.extend(page.problems)
        with transaction.atomic():
            # The stamp, not the (large) position, tells whether another run moved the checkpoint.
            locked = SyncCheckpoint.objects.select_for_update().filter(pk=row.pk)
            if locked.values_list("updated_at", flat=True).get() != stamp:
                raise ConcurrentSync(f"{source.name}: the checkpoint moved during this run; run again")
            page_changed, page_unmatched = _apply(page.events, source=source, now=now)
            stamp = timezone.now()
            locked.update(position=page.checkpoint, updated_at=stamp)
        read, changed = read + len(page.events), changed + page_changed
        unmatched |= page_unmatched
        if progress:
            progress(page.done, page.total)
    return _record(source, now, read, changed, unmatched, tuple(problems))


#: Two logins of one learner on one host read by two sources this close together are the same login
#: (Open edX's tracking log and its ``last_login`` are written in the same request).
SAME_LOGIN = timedelta(minutes=2)
COLUMNS = ("logins", "items_answered", "items_correct", "best_score", "minutes", "other_events")


def _apply(events: Iterable[ActivityEvent], progress=None, source: ActivitySource | None = None,
           now: datetime | None = None) -> tuple[int, set[str]]:
    """Add the events' totals to the learners' days; hold unmatched subjects' for review; count changes.

    Each (host, subject) is resolved to a learner through its link (``programme.identities``); a login
    another source of the same host already counted is not counted again.
    """
    events = list(events)
    now = now or timezone.now()
    by_login_id = bool(getattr(source, "subjects_are_usernames", False))
    identities = identities_.resolve({(e.issuer, e.subject) for e in events}, now, by_login_id=by_login_id)
    learner_of = {pair: row.learner_id for pair, row in identities.items()
                  if row.status == LmsIdentity.Status.LINKED}
    events = _new_logins(events, learner_of, source.name if source else "")
    by_issuer: dict[str, list[ActivityEvent]] = defaultdict(list)
    for event in events:
        by_issuer[event.issuer].append(event)
    wanted: dict[tuple[int, object], DayTotals] = {}
    unmatched: set[str] = set()
    held: dict[tuple[str, str], dict] = defaultdict(dict)
    for issuer, issued in by_issuer.items():
        for (subject, day), extra in fold(issued).items():
            learner = learner_of.get((issuer, subject))
            if learner is None:
                unmatched.add(f"{issuer} {subject}")
                if identities[(issuer, subject)].status == LmsIdentity.Status.UNMATCHED:
                    held[(issuer, subject)][day] = {c: getattr(extra, c) for c in COLUMNS}
                continue
            key = (learner, day)
            wanted[key] = wanted[key].merge(extra) if key in wanted else extra
    for pair, days in held.items():
        identities_.hold(identities[pair], days, now)
    rows = {(r.learner_id, r.day): r for r in DailyActivity.objects.select_for_update().filter(
        learner_id__in={learner for learner, _ in wanted}, day__in={day for _, day in wanted})}
    new, updated = [], []
    for done, ((learner, day), extra) in enumerate(wanted.items(), 1):
        row = rows.get((learner, day)) or DailyActivity(learner_id=learner, day=day)
        current = DayTotals(*(getattr(row, c) for c in COLUMNS))
        merged = current.merge(extra)
        if merged != current:
            for column in COLUMNS:
                setattr(row, column, getattr(merged, column))
            (updated if row.pk else new).append(row)
        if progress:
            progress(done, len(wanted))
    DailyActivity.objects.bulk_create(new)
    DailyActivity.objects.bulk_update(updated, list(COLUMNS))
    return len(new) + len(updated), unmatched


def _new_logins(events: list[ActivityEvent], learner_of: dict, source: str) -> list[ActivityEvent]:
    """The events without the logins another source of the same host already counted."""
    logins = [e for e in events if e.kind == "login" and (e.issuer, e.subject) in learner_of]
    if not logins:
        return events
    first, last = min(e.at for e in logins) - SAME_LOGIN, max(e.at for e in logins) + SAME_LOGIN
    seen = defaultdict(list)
    for learner, host, at, by in SeenLogin.objects.filter(
            learner_id__in={learner_of[(e.issuer, e.subject)] for e in logins},
            host__in={e.issuer for e in logins}, at__range=(first, last)).values_list(
                "learner_id", "host", "at", "source"):
        seen[(learner, host)].append((at, by))
    kept, records, login_ids = [], [], {id(e) for e in logins}
    for event in events:
        if id(event) in login_ids:
            learner = learner_of[(event.issuer, event.subject)]
            earlier = seen[(learner, event.issuer)]
            if any(by != source and abs(at - event.at) <= SAME_LOGIN for at, by in earlier):
                continue
            seen[(learner, event.issuer)].append((event.at, source))
            records.append(SeenLogin(learner_id=learner, host=event.issuer, at=event.at, source=source))
        kept.append(event)
    SeenLogin.objects.bulk_create(records)
    return kept


def _record(source: ActivitySource, now: datetime, read: int, changed: int, unmatched: set,
            problems: tuple[str, ...] = ()) -> SyncResult:
    SyncRun.objects.create(source=source.name, started_at=now, finished_at=now, records_read=read,
                           rows_changed=changed, unmatched_subjects=len(unmatched), ok=not problems,
                           problems="\n".join(problems)[:4000])
    return SyncResult(source.name, read, changed, len(unmatched), problems)
