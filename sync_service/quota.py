"""The programme's quota rules (受入上限, 募集期間) as pure functions: no Django, time passed in.

P1: at most ``PROGRAMME_PLACES`` learners in the programme. P2: per company, fewer than 30
employees → 3 learners, 30 or more → 5. P3: applications from contract start to 2026-08-31,
closed as soon as the places are full; P7: beyond that, a waiting list for freed places.
``approvals`` applies these under row locks; nothing here reads the database.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

PROGRAMME_PLACES = 300
SMALL_COMPANY_EMPLOYEES = 30  # "従業員 30 人未満" → 3 places; 30 or more → 5
SMALL_COMPANY_PLACES = 3
LARGE_COMPANY_PLACES = 5
RECRUITMENT_ENDS_ON = date(2026, 8, 31)  # 令和8年8月末 (spec 5(3)②); the prefecture may extend it


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
    places: int = PROGRAMME_PLACES

    def is_open(self, today: date, places_taken: int) -> bool:
        """True while ``today`` (a Japan-time date) is in the window and places remain."""
        return self.start <= today <= self.end and places_taken < self.places

    def to_dict(self) -> dict:
        return {"start": self.start.isoformat(), "end": self.end.isoformat(), "places": self.places}

    @classmethod
    def from_dict(cls, data: dict) -> RecruitmentWindow:
        return cls(date.fromisoformat(data["start"]), date.fromisoformat(data["end"]), data["places"])


def decide_places(requested: int, company_taken: int, company_quota: int,
                  programme_taken: int, programme_places: int = PROGRAMME_PLACES) -> tuple[int, int]:
    """Split ``requested`` learners into ``(granted, waiting)``: granted within both quotas, the rest wait."""
    if min(requested, company_taken, company_quota, programme_taken, programme_places) < 0:
        raise ValueError("counts cannot be negative")
    room = max(0, min(company_quota - company_taken, programme_places - programme_taken))
    granted = min(requested, room)
    return granted, requested - granted
