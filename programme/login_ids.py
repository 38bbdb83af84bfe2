"""Login IDs the programme hands out: ``k26-00042`` for learners, ``k26-m0007`` for managers (fiscal year)."""

from __future__ import annotations

from datetime import date


def fiscal_year(day: date) -> int:
    """Japan's fiscal year: April to March (2027-03-31 is still fiscal 2026)."""
    return day.year if day.month >= 4 else day.year - 1


def learner_login_id(pk: int, today: date) -> str:
    return f"k{fiscal_year(today) % 100:02d}-{pk:05d}"


def manager_login_id(company_pk: int, today: date) -> str:
    return f"k{fiscal_year(today) % 100:02d}-m{company_pk:04d}"
