"""Pure: fold activity events into per-learner, per-day totals (Japan time)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from curriculum.japan_time import japan_date

from .sources.base import ActivityEvent

#: Answers closer together than this belong to one stretch of study; a longer gap is a break.
STUDY_GAP = timedelta(minutes=5)
#: Time credited for the first answer of a stretch (reading the question).
FIRST_ANSWER = timedelta(seconds=30)


@dataclass(frozen=True)
class DayTotals:
    logins: int = 0
    items_answered: int = 0
    items_correct: int = 0
    best_score: float | None = None
    minutes: float = 0.0
    other_events: int = 0

    @property
    def present(self) -> bool:
        """A day present for the weekly rule: any activity (docs/programme.md, P6)."""
        return bool(self.logins or self.items_answered or self.other_events)

    def add(self, event: ActivityEvent) -> DayTotals:
        if event.kind == "login":
            return replace(self, logins=self.logins + 1)
        if event.kind == "answer":
            return replace(self, items_answered=self.items_answered + 1,
                           items_correct=self.items_correct + int(bool(event.correct)))
        if event.kind == "score" and event.score is not None:
            best = event.score if self.best_score is None else max(self.best_score, event.score)
            return replace(self, best_score=best)
        if event.kind == "seen":
            return replace(self, other_events=self.other_events + 1)
        return self

    def merge(self, other: DayTotals) -> DayTotals:
        scores = [s for s in (self.best_score, other.best_score) if s is not None]
        return DayTotals(self.logins + other.logins, self.items_answered + other.items_answered,
                         self.items_correct + other.items_correct, max(scores) if scores else None,
                         round(self.minutes + other.minutes, 2), self.other_events + other.other_events)


def study_minutes(answer_times: list[datetime]) -> float:
    """Minutes of study from answer times: gaps up to ``STUDY_GAP`` count, longer ones are breaks.

    An estimate (hosts do not report time on task); the same answers always give the same minutes.
    """
    total, previous = timedelta(0), None
    for at in sorted(answer_times):
        gap = at - previous if previous else None
        total += gap if gap is not None and gap <= STUDY_GAP else FIRST_ANSWER
        previous = at
    return round(total.total_seconds() / 60, 2)


def fold(events: Iterable[ActivityEvent]) -> dict[tuple[str, date], DayTotals]:
    """Totals per (subject, Japan-time day)."""
    totals: dict[tuple[str, date], DayTotals] = defaultdict(DayTotals)
    answers: dict[tuple[str, date], list[datetime]] = defaultdict(list)
    for event in events:
        key = (event.subject, japan_date(event.at))
        totals[key] = totals[key].add(event)
        if event.kind == "answer":
            answers[key].append(event.at)
    for key, times in answers.items():
        totals[key] = replace(totals[key], minutes=study_minutes(times))
    return dict(totals)
