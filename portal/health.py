"""Health endpoints for a load balancer or an uptime checker (O1).

* ``/healthz``: the process answers (no database, no cache): 200 ``ok``.
* ``/readyz``: can this instance serve? The database answers a query, the cache stores and returns a
  value, and the task queue's broker (when one is configured) answers. 503 when any of these fails, so a
  load balancer stops sending traffic. The age of each source's last sync is reported too, but never fails
  readiness: a stale sync is an operator's problem (``nihongo status`` says so), not a reason to take the site
  down.
"""

from __future__ import annotations

import time
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


@require_GET
@never_cache
def healthz(request):
    return HttpResponse("ok\n", content_type="text/plain")


def _database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return "ok"


def _cache() -> str:
    key, value = f"readyz:{uuid.uuid4().hex}", "1"
    cache.set(key, value, 10)
    found = cache.get(key)
    cache.delete(key)
    if found != value:
        raise RuntimeError("the cache did not return what was stored")
    return "ok"


def _task_queue() -> str:
    broker = getattr(settings, "CELERY_BROKER_URL", "") or ""
    if not broker or getattr(settings, "CELERY_TASK_ALWAYS_EAGER", False):
        return "not used (tasks run in the request)"
    if broker.startswith(("redis://", "rediss://")):
        import redis

        redis.Redis.from_url(broker, socket_connect_timeout=1, socket_timeout=1).ping()
        return "ok"
    return f"not checked ({broker.split(':', 1)[0]} broker)"


def _sync_ages() -> dict[str, float | None]:
    from django.db.models import Max

    from programme.models import SyncRun

    now = timezone.now()
    return {row["source"]: round((now - row["last"]).total_seconds() / 3600, 1) if row["last"] else None
            for row in SyncRun.objects.values("source").annotate(last=Max("finished_at")).order_by("source")}


@require_GET
@never_cache
def readyz(request):
    started = time.monotonic()
    checks, ready = {}, True
    for name, check in (("database", _database), ("cache", _cache), ("task_queue", _task_queue)):
        try:
            checks[name] = check()
        except Exception as exc:  # noqa: BLE001 — any failure means "not ready"; the kind is enough
            checks[name] = f"failed: {type(exc).__name__}"
            ready = False
    try:
        sync = _sync_ages()
    except Exception as exc:  # noqa: BLE001
        sync = {"error": type(exc).__name__}
    body = {"ready": ready, "checks": checks, "last_sync_hours_ago": sync,
            "took_ms": round((time.monotonic() - started) * 1000, 1)}
    return JsonResponse(body, status=200 if ready else 503)
