"""A calendar month of the programme, as reports and the operations log count it (P8: due the 10th)."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True)
class Month:
    year: int
    month: int

    @classmethod
    def parse(cls, text: str) -> Month:
        try:
            parsed = datetime.strptime(text, "%Y-%m")
        except ValueError:
            raise ValueError(f"month must look like 2026-10, not {text!r}") from None
        return cls(parsed.year, parsed.month)

    @property
    def first(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def last(self) -> date:
        return date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])

    @property
    def due(self) -> date:
        nxt = date(self.year + self.month // 12, self.month % 12 + 1, 10)
        return nxt

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"
