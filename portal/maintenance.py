"""Planned maintenance (O9): a banner on every page from N days before until it ends.

The operations log holds the windows (``nihongo log add --kind maintenance --started … --ended …``); this
context processor finds the next one that is on, or starts within ``NIHONGO_MAINTENANCE_NOTICE_DAYS`` days
(default 7), and gives every template ``maintenance`` (start, end, title, in Japan time). The lookup is cached
for a minute, so a page costs no query most of the time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.cache import cache
from django.db.models import Q
from django.utils import timezone

from curriculum.japan_time import PROGRAMME_TZ

CACHE_KEY, CACHE_SECONDS = "nihongo:maintenance-banner", 60


@dataclass(frozen=True)
class Window:
    title: str
    start: datetime
    end: datetime | None

    @property
    def when_ja(self) -> str:
        end = f"〜{self.end.astimezone(PROGRAMME_TZ):%m月%d日 %H:%M}" if self.end else "〜"
        return f"{self.start.astimezone(PROGRAMME_TZ):%Y年%m月%d日 %H:%M}{end} (日本時間)"

    @property
    def when_en(self) -> str:
        end = f" – {self.end.astimezone(PROGRAMME_TZ):%d %b %H:%M}" if self.end else ""
        return f"{self.start.astimezone(PROGRAMME_TZ):%d %b %Y %H:%M}{end} (Japan time)"


def upcoming(now: datetime, days: int) -> Window | None:
    from programme.models import OperationsEntry

    found = (
        OperationsEntry.objects.filter(
            kind=OperationsEntry.Kind.MAINTENANCE, started_at__lte=now + timedelta(days=days)
        )
        .filter(Q(ended_at__isnull=True, started_at__gte=now - timedelta(hours=12))
                     | Q(ended_at__gt=now))
        .order_by("started_at")
        .first()
    )
    return Window(found.title, found.started_at, found.ended_at) if found else None


def banner(request) -> dict:
    """Template context: ``maintenance`` (a ``Window``) or None."""
    cached = cache.get(CACHE_KEY)
    if cached is None:
        days = getattr(settings, "NIHONGO_MAINTENANCE_NOTICE_DAYS", 7)
        cached = {"window": upcoming(timezone.now(), days)}
        cache.set(CACHE_KEY, cached, CACHE_SECONDS)
    return {"maintenance": cached["window"]}


def forget() -> None:
    """Drop the cached banner (a window was added or changed)."""
    cache.delete(CACHE_KEY)
