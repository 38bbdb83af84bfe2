"""Load the monthly report's records from the programme's models (login IDs, never names)."""

from __future__ import annotations

from sync_service.models import Company, DailyActivity, Learner, RuleDecision

from .monthly import Month


def records(month: Month) -> tuple[list[dict], list[dict], list[dict]]:
    companies = [{"company": c.name, "employees": c.employees}
                 for c in Company.objects.filter(joined_on__lte=month.last)]
    learners = [
        {"login_id": x.login_id, "company": x.company.name, "level": x.level, "status": x.status,
         "joined_on": x.joined_on}
        for x in Learner.objects.select_related("company").filter(joined_on__lte=month.last)
    ]
    activity = list(
        DailyActivity.objects.filter(day__range=(month.first, month.last))
        .values("day", "logins", "items_answered", "items_correct", login_id=_login_id())
    )
    return companies, learners, activity


def _login_id():
    from django.db.models import F

    return F("learner__login_id")


def decisions(month: Month) -> list[dict]:
    """The rule's decisions taken in the month, with learners as login IDs."""
    rows = []
    found = (RuleDecision.objects.filter(decided_at__date__range=(month.first, month.last))
             .select_related("company").prefetch_related("learners"))
    for d in found:
        rows.append({"Decided": d.decided_at.date().isoformat(), "Kind": d.kind, "Company": d.company.name,
                     "Week of": d.week.isoformat(),
                     "Learners": ", ".join(sorted(x.login_id for x in d.learners.all())),
                     "Evidence": _evidence_text(d.evidence)})
    return rows


def _evidence_text(evidence: dict) -> str:
    return "; ".join(f"{k}: {v}" for k, v in evidence.items() if not isinstance(v, dict | list)) or "-"


def questions(month: Month) -> dict | None:
    """The question log's figures for the month, once the question log is installed."""
    try:
        from sync_service.inquiries.summary import monthly_summary
    except ImportError:
        return None
    return monthly_summary(month.year, month.month)
