"""The question log's figures for the monthly report (docs/programme.md P8: questions and answers)."""

from __future__ import annotations

from statistics import median

from .flows import days_between, month_bounds
from .models import Inquiry


def monthly_summary(year: int, month: int) -> dict:
    """Figures for one month (Japan time).

    - ``received``: questions received in the month; ``by_channel`` and ``by_category`` split them
      (every channel and category is present, zero included).
    - ``answered``: questions first answered in the month, whenever they were received.
    - ``open``: questions received by the month's end and still unanswered at its end.
    - ``median_days_to_answer``: over the questions answered in the month, from receipt to first
      answer, in days rounded to one decimal; ``None`` when nothing was answered.
    """
    start, end = month_bounds(year, month)
    received = list(Inquiry.objects.filter(received_at__gte=start, received_at__lt=end)
                    .values_list("channel", "category"))
    answered = list(Inquiry.objects.filter(answered_at__gte=start, answered_at__lt=end)
                    .values_list("received_at", "answered_at"))
    still_open = (Inquiry.objects.filter(received_at__lt=end)
                  .exclude(answered_at__lt=end).count())
    waits = [days_between(got, done) for got, done in answered]
    return {
        "year": year,
        "month": month,
        "received": len(received),
        "answered": len(answered),
        "open": still_open,
        "by_channel": {c: sum(1 for ch, _ in received if ch == c) for c in Inquiry.Channel.values},
        "by_category": {c: sum(1 for _, cat in received if cat == c) for c in Inquiry.Category.values},
        "median_days_to_answer": round(median(waits), 1) if waits else None,
    }
