"""The programme's quota rules (受入上限, 募集期間) as pure functions: no Django, time passed in.

P1: at most the programme's places (``ProgrammeCounter.places``, 300 by default) learners.
P2: per company, fewer than 30
employees → 3 learners, 30 or more → 5. P3: applications from contract start to 2026-08-31,
closed as soon as the places are full; P7: beyond that, a waiting list for freed places.
``approvals`` applies these under row locks; nothing here reads the database.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date, datetime

from curriculum.japan_time import japan_date

#: The default of ``ProgrammeCounter.places``; callers ask ``programme.places.capacity()``, never this.
DEFAULT_PLACES = 300
SMALL_COMPANY_EMPLOYEES = 30  # "従業員 30 人未満" → 3 places; 30 or more → 5
SMALL_COMPANY_PLACES = 3
LARGE_COMPANY_PLACES = 5
RECRUITMENT_ENDS_ON = date(2026, 8, 31)  # 令和8年8月末 (spec 5(3)②); the prefecture may extend it


class WindowState(enum.StrEnum):
    """Whether the entry form takes applications, and if not, why (P3)."""

    OPEN = "open"
    NOT_YET = "not-yet"
    ENDED = "ended"
    FULL = "full"


def company_quota(employees: int) -> int:
    """Places for a company of ``employees`` people (P2)."""
    if employees < 0:
        raise ValueError("employees cannot be negative")
    return SMALL_COMPANY_PLACES if employees < SMALL_COMPANY_EMPLOYEES else LARGE_COMPANY_PLACES


@dataclass(frozen=True)
class RecruitmentWindow:
    """When applications are accepted (P3): ``start`` to ``end`` inclusive, both Japan-time dates."""

    start: date
    end: date = RECRUITMENT_ENDS_ON
    places: int = DEFAULT_PLACES

    def is_open(self, today: date, places_taken: int) -> bool:
        """True while ``today`` (a Japan-time date) is in the window and places remain."""
        return self.state(today, places_taken) is WindowState.OPEN

    def state(self, today: date, places_taken: int) -> WindowState:
        """Open, or why not: before the start, after the end, or every place taken (closes at once)."""
        if today < self.start:
            return WindowState.NOT_YET
        if today > self.end:
            return WindowState.ENDED
        if places_taken >= self.places:
            return WindowState.FULL
        return WindowState.OPEN

    def state_at(self, now: datetime, places_taken: int) -> WindowState:
        """``state`` at an aware moment, on the Japan calendar (a UTC date is wrong 9 hours a day)."""
        if now.tzinfo is None:
            raise ValueError("now must be timezone-aware")
        return self.state(japan_date(now), places_taken)

    def to_dict(self) -> dict:
        return {"start": self.start.isoformat(), "end": self.end.isoformat(), "places": self.places}

    @classmethod
    def from_dict(cls, data: dict) -> RecruitmentWindow:
        return cls(date.fromisoformat(data["start"]), date.fromisoformat(data["end"]), data["places"])


def decide_places(requested: int, company_taken: int, company_quota: int,
                  programme_taken: int, programme_places: int = DEFAULT_PLACES) -> tuple[int, int]:
    """Split ``requested`` learners into ``(granted, waiting)``: granted within both quotas, the rest wait."""
    if min(requested, company_taken, company_quota, programme_taken, programme_places) < 0:
        raise ValueError("counts cannot be negative")
    room = max(0, min(company_quota - company_taken, programme_places - programme_taken))
    granted = min(requested, room)
    return granted, requested - granted


@dataclass(frozen=True)
class Split:
    """How an application's learners are placed: ``fits`` applicants within the free places, the rest wait."""

    fits: int
    waiting: int


def split_application(learners: int, employees: int, company_taken: int, company_pending: int,
                      programme_taken: int, programme_pending: int,
                      programme_places: int = DEFAULT_PLACES) -> Split:
    """Place an application's ``learners`` (P1, P2, P7): pending applicants hold their places too.

    More learners than the company may ever have is an error (the form refuses it); learners beyond
    the places still free (the company's or the programme's) go on the waiting list.
    """
    allowed = company_quota(employees)
    if learners < 1:
        raise ValueError("an application names at least one learner")
    if learners > allowed:
        raise ValueError(f"{learners} learners, but a company of {employees} employees may have "
                         f"at most {allowed}")
    fits, waiting = decide_places(learners, company_taken + company_pending, allowed,
                                  programme_taken + programme_pending, programme_places)
    return Split(fits, waiting)


def pick_waiting(waiting: list[tuple[int, int, int]], free: int, held: dict[int, int],
                 closed: frozenset[int] = frozenset()) -> list[int]:
    """Who gets ``free`` places (P7): waiting ``(position, company_id, company_quota)`` in order,
    skipping companies that are closed (suspended) or already hold their quota (``held`` per company).
    Returns the chosen positions; does not mutate ``held``."""
    taken = dict(held)
    chosen: list[int] = []
    for position, company_id, allowed in sorted(waiting):
        if len(chosen) >= free:
            break
        if company_id in closed or taken.get(company_id, 0) >= allowed:
            continue
        chosen.append(position)
        taken[company_id] = taken.get(company_id, 0) + 1
    return chosen
