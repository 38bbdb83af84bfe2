"""Load the monthly report's records from the programme's models (login IDs, never names)."""

from __future__ import annotations

from sync_service.models import Company, DailyActivity, Learner

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
