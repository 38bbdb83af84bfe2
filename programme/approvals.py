"""Approve an applicant learner (利用承認, P5) without ever exceeding a quota (P1, P2).

One transaction locks the programme's counter row, then the company's row (always in that order,
so two approvals cannot deadlock), counts the places taken *after* taking the locks, asks the pure
rules in ``quota`` and only then creates the learner. Two approvals that could take the same last
place therefore run one after the other; the second sees the first's learner and is refused.
A refusal changes nothing and says why, naming login IDs and counts only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.db import transaction

from . import inactivity, places, quota
from .models import ApplicationLearner, Company, Learner, ProgrammeCounter


class ApprovalRefused(Exception):
    """The approval would break a rule; nothing was changed. The message names login IDs only."""


@dataclass(frozen=True)
class Places:
    """What the locked rows said when the decision was taken (the evidence for the record)."""

    company_taken: int
    company_quota: int
    programme_taken: int
    programme_places: int


def programme_counter(for_update: bool = False) -> ProgrammeCounter:
    """The programme's single row (``places.counter``; kept here for the approvals' lock order)."""
    return places.counter(for_update)


def recruitment_window(counter: ProgrammeCounter) -> quota.RecruitmentWindow:
    """The window as configured on the counter row (P3); an empty start means "from contract start"."""
    return quota.RecruitmentWindow(counter.recruitment_opens_on or date.min,
                                   counter.recruitment_closes_on or quota.RECRUITMENT_ENDS_ON,
                                   counter.places)


def places_taken() -> int:
    """Learners in the programme now (``places.active_learners``): stopped learners' places are free (P7)."""
    return places.active_learners()


def approve_learner(applicant: ApplicationLearner | int, reviewer: str, reason: str,
                    now: datetime) -> Learner:
    """Make ``applicant`` a learner, recording who approved, when and why; refuse if a quota is full."""
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    if not reviewer.strip():
        raise ValueError("an approval needs its reviewer")
    applicant_id = applicant if isinstance(applicant, int) else applicant.id
    with transaction.atomic():
        counter = programme_counter(for_update=True)
        row = ApplicationLearner.objects.select_for_update().get(id=applicant_id)
        company = Company.objects.select_for_update().get(id=row.company_id)
        _check(row, company, counter)
        learner = Learner.objects.create(
            company=company, login_id=row.login_id, lms_user_id=row.login_id, display_name=row.display_name,
            nationality=row.nationality, residence_status=row.residence_status,
            help_language=row.help_language, joined_on=inactivity.today_in_japan(now))
        row.status, row.learner = ApplicationLearner.Status.APPROVED, learner
        row.reviewer, row.reason, row.decided_at = reviewer.strip(), reason, now
        row.save(update_fields=["status", "learner", "reviewer", "reason", "decided_at"])
    return learner


def _check(row: ApplicationLearner, company: Company, counter: ProgrammeCounter) -> Places:
    if row.status != ApplicationLearner.Status.PENDING:
        raise ApprovalRefused(f"{row.login_id}: already {row.status}")
    places = Places(
        company_taken=company.learners.filter(status=Learner.Status.ACTIVE).count(),
        company_quota=quota.company_quota(company.employees),
        programme_taken=places_taken(), programme_places=counter.places)
    granted, _ = quota.decide_places(1, places.company_taken, places.company_quota,
                                     places.programme_taken, places.programme_places)
    if granted:
        return places
    if places.company_taken >= places.company_quota:
        raise ApprovalRefused(
            f"{row.login_id}: company #{company.id} already has {places.company_taken} of its "
            f"{places.company_quota} places ({company.employees} employees); add the applicant to the "
            "waiting list instead")
    raise ApprovalRefused(
        f"{row.login_id}: the programme's {places.programme_places} places are all taken; add the "
        "applicant to the waiting list instead")
