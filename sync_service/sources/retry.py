"""Retries with backoff that respect a host's rate limits, for the connectors' HTTP calls.

Open edX answers a throttled call with 429 and a ``Retry-After`` header in seconds (Django REST
framework's ``Throttled``); its enrollment list allows 120 calls a minute for staff and its token
endpoint 120 a minute per IP (docs/architecture.md, Sources: Open edX). We wait what the host
asks, back off exponentially with jitter on 5xx and network errors, and pace ourselves below a
known limit so that a long sync is not throttled in the first place.
"""

from __future__ import annotations

import random
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

import requests

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


class GaveUp(requests.RequestException):
    """The host kept failing after every retry; the sync stops at its last checkpoint."""


@dataclass
class Backoff:
    """How long to wait between attempts: exponential, capped, with full jitter (seeded)."""

    attempts: int = 6
    base: float = 0.5
    cap: float = 60.0
    rng: random.Random = field(default_factory=lambda: random.Random(0))

    def delay(self, attempt: int, retry_after: float | None = None) -> float:
        """Seconds to wait before attempt ``attempt + 1``; a host's ``Retry-After`` wins."""
        if retry_after is not None:
            return min(retry_after, self.cap)
        return self.rng.uniform(0, min(self.cap, self.base * 2 ** attempt))


class RateLimit:
    """At most ``calls`` calls in any ``per`` seconds: sleeps before a call that would exceed it."""

    def __init__(self, calls: int, per: float = 60.0, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep):
        self.calls, self.per, self.clock, self.sleep = calls, per, clock, sleep
        self._sent: deque[float] = deque()

    def wait(self) -> None:
        now = self.clock()
        while self._sent and now - self._sent[0] >= self.per:
            self._sent.popleft()
        if len(self._sent) >= self.calls:
            self.sleep(self.per - (now - self._sent[0]))
            self._sent.popleft()
        self._sent.append(self.clock())


def get_json(session: requests.Session, url: str, *, params: dict | None = None,
             backoff: Backoff | None = None, limit: RateLimit | None = None,
             sleep: Callable[[float], None] = time.sleep, timeout=(3.05, 30), ok_missing: bool = False):
    """GET ``url`` and decode its JSON, retrying throttling, server errors and dropped connections.

    ``ok_missing`` turns a 404 into ``None`` (a lookup that found nobody). Other 4xx are raised at
    once: retrying a refused or malformed call only spends the host's rate limit.
    """
    backoff = backoff or Backoff()
    for attempt in range(backoff.attempts):
        if limit:
            limit.wait()
        try:
            response = session.get(url, params=params, timeout=timeout)
        except (requests.ConnectionError, requests.Timeout) as exc:
            problem, retry_after = exc, None
        else:
            if response.status_code == 404 and ok_missing:
                return None
            if response.status_code not in RETRY_STATUSES:
                response.raise_for_status()
                return response.json()
            problem, retry_after = f"HTTP {response.status_code}", _retry_after(response)
        if attempt + 1 < backoff.attempts:
            sleep(backoff.delay(attempt, retry_after))
    raise GaveUp(f"GET {url} failed {backoff.attempts} times; last: {problem}")


def _retry_after(response: requests.Response) -> float | None:
    value = response.headers.get("Retry-After")
    try:
        return max(0.0, float(value)) if value is not None else None
    except ValueError:  # an HTTP date: rare from Django REST framework; fall back to backoff
        return None
