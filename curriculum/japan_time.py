"""The programme's clock: days and weeks are counted in Japan time, weeks from Monday to Sunday.

One definition for every part that counts days or weeks (drills, sync, the weekly-login rule,
the question log, reports), so a learner's Sunday-night login lands in the same week everywhere.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

PROGRAMME_TZ = ZoneInfo("Asia/Tokyo")


def japan_date(moment: datetime) -> date:
    """The calendar day in Japan at an aware ``moment``."""
    return moment.astimezone(PROGRAMME_TZ).date()


def monday(day: date) -> date:
    """The Monday that starts ``day``'s week."""
    return day - timedelta(days=day.weekday())
