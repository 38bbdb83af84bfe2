"""Rate limits for the public entry form: per address and per company, counted in Django's cache.

The cache is shared by every worker (the database or Redis, never per-process memory), so the
limits hold however many processes serve the form. Time is passed in.
"""

from __future__ import annotations

import hashlib
from datetime import datetime

from django.conf import settings
from django.core.cache import cache

#: Any POST to the form from one address (typing mistakes included): per hour.
POSTS_PER_ADDRESS_PER_HOUR = 30
#: Applications stored from one address: per day (an office applying for several companies fits).
APPLICATIONS_PER_ADDRESS_PER_DAY = 10
#: Applications for one corporate number: per day (a company corrects a mistake once or twice).
APPLICATIONS_PER_COMPANY_PER_DAY = 3
HOUR, DAY = 3600, 86400


def client_address(request) -> str:
    """The visitor's address: behind the TLS proxy, the one it appended to X-Forwarded-For."""
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None) and forwarded:
        return forwarded.split(",")[-1].strip()[:64]
    return request.META.get("REMOTE_ADDR", "")[:64]


def _key(kind: str, who: str, window: int, now: datetime) -> str:
    digest = hashlib.sha256(who.encode()).hexdigest()[:32]
    return f"front-office:{kind}:{digest}:{int(now.timestamp()) // window}"


def count(kind: str, who: str, window: int, now: datetime) -> int:
    """Add one to ``who``'s count in the current window; the new count."""
    key = _key(kind, who, window, now)
    if cache.add(key, 1, timeout=window + 60):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired in between
        cache.add(key, 1, timeout=window + 60)
        return 1


def seen(kind: str, who: str, window: int, now: datetime) -> int:
    return cache.get(_key(kind, who, window, now), 0)


def post_allowed(address: str, now: datetime) -> bool:
    return count("post", address, HOUR, now) <= POSTS_PER_ADDRESS_PER_HOUR


def application_allowed(address: str, corporate_number: str, now: datetime) -> bool:
    return (seen("app-address", address, DAY, now) < APPLICATIONS_PER_ADDRESS_PER_DAY
            and seen("app-company", corporate_number, DAY, now) < APPLICATIONS_PER_COMPANY_PER_DAY)


def application_stored(address: str, corporate_number: str, now: datetime) -> None:
    count("app-address", address, DAY, now)
    count("app-company", corporate_number, DAY, now)
