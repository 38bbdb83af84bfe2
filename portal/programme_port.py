"""The programme as the LTI tool sees it: ``lti_tool.programme_port.ProgrammePort`` over the registry.

Lives at the composition root because it is the one place allowed to know both sides. Platforms'
users are the programme's learners through their links (``programme.identities``).
"""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

from django.utils import timezone

from curriculum.japan_time import japan_date
from lti_tool.programme_port import CompanyStatus, ProgrammePort, ProgrammeStatus
from programme import identities
from programme.inactivity import WATCH_MONTHS, add_months
from programme.models import Learner, RuleDecision


class RegistryPort(ProgrammePort):
    def identify(self, issuer: str, subject: str, hints: dict[str, str]) -> None:
        identities.identify(issuer, subject, hints, timezone.now())

    def may_study(self, issuer: str, subject: str) -> bool:
        learner = identities.subjects_of(issuer, [subject]).get(subject)
        return learner is None or learner.status != Learner.Status.STOPPED

    def status_of(self, issuer: str, subjects: set[str]) -> ProgrammeStatus:
        learners = identities.subjects_of(issuer, subjects)
        stopped = frozenset(s for s, lr in learners.items() if lr.status == Learner.Status.STOPPED)
        subject_of = {lr.pk: s for s, lr in learners.items()}
        warnings: dict[str, int] = {}
        decisions = RuleDecision.objects.filter(kind=RuleDecision.Kind.WARNING, learners__in=subject_of)
        for learner_id in decisions.values_list("learners__id", flat=True):
            if learner_id in subject_of:
                warnings[subject_of[learner_id]] = warnings.get(subject_of[learner_id], 0) + 1
        companies = Counter(lr.company_id for lr in learners.values())
        company = _company_status(companies.most_common(1)[0][0]) if companies else None
        return ProgrammeStatus(warnings, stopped, company)

    def record_access(self, *, issuer: str, viewer: str, subjects: set[str], what: str, where: str) -> None:
        from programme.audit import record

        companies = {lr.company_id for lr in identities.subjects_of(issuer, subjects).values()}
        record(who=f"{viewer} ({issuer})", action="export" if what.endswith("xlsx") else "view", what=what,
               where=where, company_ids=companies, subjects=subjects)


def _company_status(company_id: int) -> CompanyStatus:
    """The company's warnings, the watch the first warning after its last outcome opened, its stop."""
    kinds = [RuleDecision.Kind.WARNING, RuleDecision.Kind.SUSPENSION, RuleDecision.Kind.IMPROVED]
    decisions = list(RuleDecision.objects.filter(company_id=company_id, kind__in=kinds).order_by("week"))
    warned = [d.week for d in decisions if d.kind == RuleDecision.Kind.WARNING]
    suspension = next((d for d in decisions if d.kind == RuleDecision.Kind.SUSPENSION), None)
    closed = max((d.week for d in decisions if d.kind != RuleDecision.Kind.WARNING), default=None)
    opened = [w for w in warned if closed is None or w > closed]
    watch_ends = (add_months(opened[0] + timedelta(days=7), WATCH_MONTHS)
                  if opened and suspension is None else None)
    return CompanyStatus(warnings=len(warned), last_warning_week=warned[-1] if warned else None,
                         watch_ends=watch_ends,
                         stopped_on=japan_date(suspension.decided_at) if suspension else None)
