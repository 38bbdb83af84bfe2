"""The operations log: incidents, maintenance and work done, for the monthly report and audits."""

from __future__ import annotations

from datetime import date, datetime

from curriculum.japan_time import PROGRAMME_TZ

from .models import OperationsEntry


class OperationsError(ValueError):
    pass


def add(kind: str, title: str, started_at: datetime, recorded_by: str, details: str = "",
        ended_at: datetime | None = None, *, impact: str = "", cause: str = "") -> OperationsEntry:
    if kind not in OperationsEntry.Kind.values:
        raise OperationsError(f"kind must be one of {', '.join(OperationsEntry.Kind.values)}, not {kind!r}")
    if not title.strip():
        raise OperationsError("say what happened in --title")
    if started_at.tzinfo is None or (ended_at and ended_at.tzinfo is None):
        raise OperationsError("times need a zone, e.g. 2026-11-27T09:00+09:00")
    if ended_at and ended_at < started_at:
        raise OperationsError("--ended is before --started")
    entry = OperationsEntry.objects.create(kind=kind, title=title.strip(), details=details, impact=impact,
                                           cause=cause, started_at=started_at, ended_at=ended_at,
                                           recorded_by=recorded_by)
    if kind == OperationsEntry.Kind.MAINTENANCE:
        from django.core.cache import cache

        cache.delete("nihongo:maintenance-banner")  # the banner shows it at once (portal.maintenance)
    return entry


def in_month(first: date, last: date) -> list[dict]:
    """Entries that started in the month, as report rows (Japan time)."""
    rows = []
    for entry in OperationsEntry.objects.filter(started_at__date__range=(first, last)):
        started, ended = entry.started_at.astimezone(PROGRAMME_TZ), entry.ended_at
        rows.append({"Kind": entry.kind, "Started": f"{started:%Y-%m-%d %H:%M}",
                     "Ended": f"{ended.astimezone(PROGRAMME_TZ):%Y-%m-%d %H:%M}" if ended else "",
                     "Title": entry.title, "Details": entry.details, "Impact": entry.impact,
                     "Cause": entry.cause, "Recorded by": entry.recorded_by})
    return rows
