"""Pure: fold activity events into per-learner, per-day totals (Japan time)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from zoneinfo import ZoneInfo

from .sources.base import ActivityEvent

PROGRAMME_TZ = ZoneInfo("Asia/Tokyo")


@dataclass(frozen=True)
class DayTotals:
    logins: int = 0
    items_answered: int = 0
    items_correct: int = 0
    best_score: float | None = None

    def add(self, event: ActivityEvent) -> DayTotals:
        if event.kind == "login":
            return replace(self, logins=self.logins + 1)
        if event.kind == "answer":
            return replace(self, items_answered=self.items_answered + 1,
                           items_correct=self.items_correct + int(bool(event.correct)))
        if event.kind == "score" and event.score is not None:
            best = event.score if self.best_score is None else max(self.best_score, event.score)
            return replace(self, best_score=best)
        return self

    def merge(self, other: DayTotals) -> DayTotals:
        scores = [s for s in (self.best_score, other.best_score) if s is not None]
        return DayTotals(self.logins + other.logins, self.items_answered + other.items_answered,
                         self.items_correct + other.items_correct, max(scores) if scores else None)


def fold(events: Iterable[ActivityEvent]) -> dict[tuple[str, date], DayTotals]:
    """Totals per (subject, Japan-time day)."""
    totals: dict[tuple[str, date], DayTotals] = defaultdict(DayTotals)
    for event in events:
        key = (event.subject, event.at.astimezone(PROGRAMME_TZ).date())
        totals[key] = totals[key].add(event)
    return dict(totals)
