"""The programme's places ledger (P1, P2, P7): one answer to "how many places are held, how many free".

``ProgrammeCounter.places`` (configurable in the admin) is the only capacity; every caller — approvals, the
entry form, the rules run, ``nihongo status``, the monthly report — asks here. Freed places go to the
waiting list by one path, ``offer_freed_places``: the first waiting applicants whose company has room,
each becoming a pending applicant for the prefecture to decide (P5) when their entry came from an
application. The choice itself is the pure ``quota.pick_waiting``.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from curriculum.japan_time import japan_date

from . import quota
from .login_ids import learner_login_id
from .models import Application, ApplicationLearner, Learner, ProgrammeCounter, WaitingListEntry


def counter(for_update: bool = False) -> ProgrammeCounter:
    """The programme's single row, created with the defaults the first time it is needed."""
    ProgrammeCounter.objects.get_or_create(id=1)
    rows = ProgrammeCounter.objects.select_for_update() if for_update else ProgrammeCounter.objects
    return rows.get(id=1)


def capacity() -> int:
    """The programme's places (P1): the counter row's, 300 unless the prefecture changed it."""
    return counter().places


def active_learners(company_id: int | None = None) -> int:
    """Learners holding a place now: stopped learners' places are free again (P7)."""
    rows = Learner.objects.filter(status=Learner.Status.ACTIVE)
    return (rows.filter(company_id=company_id) if company_id is not None else rows).count()


@dataclass(frozen=True)
class Ledger:
    """The places at one moment. Only what the prefecture approved holds a place (learners); applicants
    awaiting its decision are counted but hold none, so junk applications cannot push real companies out."""

    places: int
    active: int
    pending: int
    waiting: int
    stopped: int

    @property
    def held(self) -> int:
        return self.active

    @property
    def free(self) -> int:
        return max(0, self.places - self.held)

    def line(self) -> str:
        return (f"places: {self.held} of {self.places} held - {self.active} active learners, {self.pending} "
                f"awaiting the prefecture (holding none); {self.free} free, {self.waiting} on the waiting "
                f"list, {self.stopped} stopped")


def ledger() -> Ledger:
    """The ledger as the database has it now (read without locks: for display and monitoring)."""
    return Ledger(
        places=capacity(), active=active_learners(),
        pending=ApplicationLearner.objects.filter(status=ApplicationLearner.Status.PENDING).count(),
        waiting=WaitingListEntry.objects.filter(status=WaitingListEntry.Status.WAITING).count(),
        stopped=Learner.objects.filter(status=Learner.Status.STOPPED).count())


def held_by_company() -> Counter:
    """Places held per company: its active learners (applicants awaiting the prefecture hold none)."""
    return Counter(Learner.objects.filter(status=Learner.Status.ACTIVE).values_list("company_id", flat=True))


def offer_freed_places(now: datetime, closed_companies: frozenset[int] = frozenset(), *,
                       extra_free: int = 0, limit: int | None = None,
                       dry_run: bool = False) -> list[Offer]:
    """Give the free places to the waiting list, in order, skipping full or closed companies (P7).

    Runs inside the caller's transaction with the programme row locked. ``extra_free`` counts places
    being freed in the same transaction (a suspension not yet written); ``limit`` caps the offers (a run
    offers only what it freed). Each chosen entry is marked
    offered; one that came from an application becomes a pending applicant of it, for the prefecture.
    ``dry_run`` only chooses.
    """
    row = counter(for_update=not dry_run)
    free = row.places - active_learners() + extra_free
    free = free if limit is None else min(free, limit)
    waiting = WaitingListEntry.objects.filter(status=WaitingListEntry.Status.WAITING)
    waiting = waiting.select_related("company")
    if not dry_run:
        waiting = waiting.select_for_update(of=("self",))
    entries = list(waiting.order_by("position"))
    chosen = quota.pick_waiting(
        [(e.position, e.company_id, quota.company_quota(e.company.employees)) for e in entries],
        free, held_by_company(), closed_companies)
    picked = [e for e in entries if e.position in set(chosen)]
    return [Offer(e, None) for e in picked] if dry_run else [offer(e, now) for e in picked]


@dataclass(frozen=True)
class Offer:
    """A waiting entry given a freed place, and the pending applicant it became (if it had an application)."""

    entry: WaitingListEntry
    applicant_login_id: str | None


def offer(entry: WaitingListEntry, now: datetime) -> Offer:
    """Mark ``entry`` offered; from an application, it becomes a pending applicant for the prefecture."""
    entry.status, entry.offered_at = WaitingListEntry.Status.OFFERED, now
    entry.save(update_fields=["status", "offered_at"])
    if entry.application_id is None:
        return Offer(entry, None)
    today = japan_date(now)
    row = ApplicationLearner.objects.create(
        company=entry.company, application=entry.application, login_id=f"new-waiting-{entry.position}",
        display_name=entry.display_name, nationality=entry.nationality,
        residence_status=entry.residence_status, help_language=entry.help_language,
        level=entry.level, email=entry.email, applied_on=today)
    row.login_id = learner_login_id(row.pk, today)
    row.save(update_fields=["login_id"])
    Application.objects.filter(pk=entry.application_id).update(status=Application.Status.RECEIVED)
    return Offer(entry, row.login_id)
