"""The manager's view of one course: its learners' recent practice, from the tool's own records.

``summarise`` is pure (records in, rows out); ``learner_rows`` does the queries, always scoped to
one registration and one context so a manager never sees another company's learners.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from curriculum.japan_time import PROGRAMME_TZ

from .models import AnswerRecord, LaunchRecord, PlatformRegistration

WINDOW_DAYS = 7


@dataclass(frozen=True)
class Visit:
    subject: str
    name: str
    at: datetime


@dataclass(frozen=True)
class Answer:
    subject: str
    correct: bool
    at: datetime


@dataclass(frozen=True)
class LearnerRow:
    subject: str
    name: str
    days_active: int
    answered: int
    correct: int
    last_activity: datetime

    @property
    def accuracy(self) -> int | None:
        """Percent correct, or None before the first answer."""
        return round(100 * self.correct / self.answered) if self.answered else None


def _recent_days(times: Iterable[datetime], now: datetime) -> int:
    """Distinct Japan-time days among ``times`` in the last seven days, today included."""
    today = now.astimezone(PROGRAMME_TZ).date()
    first = today - timedelta(days=WINDOW_DAYS - 1)
    return len({d for d in (t.astimezone(PROGRAMME_TZ).date() for t in times) if first <= d <= today})


def summarise(visits: list[Visit], answers: list[Answer], now: datetime) -> list[LearnerRow]:
    """One row per learner who launched, by name; answers without a launch are ignored."""
    rows = []
    for subject in {v.subject for v in visits}:
        own_visits = sorted((v for v in visits if v.subject == subject), key=lambda v: v.at)
        own_answers = [a for a in answers if a.subject == subject]
        times = [v.at for v in own_visits] + [a.at for a in own_answers]
        rows.append(LearnerRow(
            subject=subject, name=own_visits[-1].name or subject,
            days_active=_recent_days(times, now), answered=len(own_answers),
            correct=sum(a.correct for a in own_answers), last_activity=max(times),
        ))
    return sorted(rows, key=lambda r: (r.name.casefold(), r.subject))


def learner_rows(registration: PlatformRegistration, context_id: str, now: datetime) -> list[LearnerRow]:
    """The learners of one course (platform + context) and their practice."""
    course = {"registration": registration, "context_id": context_id}
    launches = LaunchRecord.objects.filter(is_instructor=False, **course)
    answers = AnswerRecord.objects.filter(**course)
    return summarise(
        [Visit(s, n, at) for s, n, at in launches.values_list("subject", "name", "launched_at")],
        [Answer(s, c, at) for s, c, at in answers.values_list("subject", "correct", "answered_at")],
        now,
    )
