"""Load the monthly report's records from the programme's models (login IDs, never names)."""

from __future__ import annotations

from datetime import timedelta

from curriculum.japan_time import japan_date
from programme.models import Company, DailyActivity, Learner, RuleDecision

from .company import weeks_of
from .monthly import Month


def records(month: Month) -> tuple[list[dict], list[dict], list[dict]]:
    # A company that has only applied (no approved learner yet) is not in the programme.
    in_programme = Company.objects.filter(joined_on__lte=month.last, learners__isnull=False).distinct()
    companies = [{"company": c.name, "employees": c.employees} for c in in_programme]
    stopped = _stopped_by(month)
    learners = [
        {"login_id": x.login_id, "company": x.company.name, "level": x.level,
         "status": _status_at_month_end(x, stopped), "joined_on": x.joined_on}
        for x in Learner.objects.select_related("company").filter(joined_on__lte=month.last)
    ]
    activity = list(
        DailyActivity.objects.filter(day__range=(month.first, month.last))
        .values("day", "logins", "items_answered", "items_correct", "minutes", "other_events",
                login_id=_login_id())
    )
    return companies, learners, activity


def _stopped_by(month: Month) -> tuple[set[int], set[int]]:
    """Learners stopped by a suspension decided by the month's end (Japan time), and those ever stopped."""
    decided = RuleDecision.objects.filter(kind=RuleDecision.Kind.SUSPENSION)
    by_month_end = set(decided.filter(decided_at__date__lte=month.last).values_list("learners", flat=True))
    return by_month_end, set(decided.values_list("learners", flat=True))


def _status_at_month_end(learner: Learner, stopped: tuple[set[int], set[int]]) -> str:
    """The learner's status as the month ended: a stop decided later does not show in this month's report."""
    by_month_end, ever = stopped
    if learner.pk in by_month_end:
        return Learner.Status.STOPPED
    if learner.pk in ever:
        return Learner.Status.ACTIVE
    return learner.status  # stopped by hand (the admin), without a rule decision


def _login_id():
    from django.db.models import F

    return F("learner__login_id")


def company_records(company_id: int, month: Month) -> tuple[str, list[dict], list[dict], list[dict]]:
    """One company's name, learners, activity and rule decisions: no other company's rows are read.

    Activity covers the whole Monday–Sunday weeks touching the month, as the weekly-login rule sees them.
    Raises ``LookupError`` for an unknown company ID.
    """
    company = Company.objects.filter(pk=company_id).first()
    if company is None:
        raise LookupError(f"no company with ID {company_id}")
    learners = [
        {"login_id": x.login_id, "company": company.name, "level": x.level, "status": x.status,
         "joined_on": x.joined_on}
        for x in Learner.objects.filter(company=company, joined_on__lte=month.last)
    ]
    mondays = weeks_of(month)
    activity = list(
        DailyActivity.objects.filter(learner__company=company,
                                     day__range=(mondays[0], mondays[-1] + timedelta(days=6)))
        .values("day", "logins", "items_answered", "items_correct", "minutes", "other_events",
                login_id=_login_id())
    )
    return company.name, learners, activity, decisions(month, company_id=company.pk)


def decisions(month: Month, company_id: int | None = None) -> list[dict]:
    """The rule's decisions taken in the month (for one company if given), with learners as login IDs."""
    rows = []
    found = (RuleDecision.objects.filter(decided_at__date__range=(month.first, month.last))
             .select_related("company").prefetch_related("learners"))
    if company_id is not None:
        found = found.filter(company_id=company_id)
    for d in found:
        rows.append({"Decided": japan_date(d.decided_at).isoformat(), "Kind": d.kind,
                     "Company": d.company.name,
                     "Week of": d.week.isoformat(),
                     "Learners": ", ".join(sorted(x.login_id for x in d.learners.all())),
                     "Evidence": _evidence_text(d.evidence)})
    return rows


def _evidence_text(evidence: dict) -> str:
    return "; ".join(f"{k}: {v}" for k, v in evidence.items() if not isinstance(v, dict | list)) or "-"


def questions(month: Month) -> dict | None:
    """The question log's figures for the month, once the question log is installed."""
    try:
        from programme.inquiries.summary import monthly_summary
    except ImportError:
        return None
    return monthly_summary(month.year, month.month)


def surveys() -> list[dict]:
    """Every survey's totals so far (P9), once the surveys app is installed."""
    try:
        from programme.surveys.catalogue import SURVEYS
        from programme.surveys.flows import totals
    except ImportError:
        return []
    return [totals(survey_id) for survey_id in SURVEYS]


def operations(month: Month) -> list[dict]:
    """Incidents, maintenance and work done in the month (the operations log)."""
    from programme.operations import in_month

    return in_month(month.first, month.last)


def places() -> dict:
    """The programme's places ledger now (capacity from ``ProgrammeCounter.places``)."""
    from programme.places import ledger

    found = ledger()
    return {"places": found.places, "held": found.held, "free": found.free, "waiting": found.waiting}
