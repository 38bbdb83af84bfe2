"""The grade worker's tasks (Celery, ``portal/celery.py``): grades leave the learner's request.

``queue_score`` runs in the request and hands the score's ID to a publishing thread: the score is
already a ``pending`` row (``score_queue.enqueue``), so a broker that is down only delays it. The thread
publishes what has come in since its last message as one message (at most ``BATCH`` scores): alone, a
round end is published at once; when many learners end a round together, their scores share messages
(publishing is about a millisecond of the server's CPU, and a message costs the worker as much again).
``send_scores`` claims each and sends it once, one connection and access token per platform;
``retry_scores`` (every minute, Celery beat) sends what waits: scores the LMS refused for now, with
their backoff, and any whose message was lost. A score is never lost: it leaves the table only as
delivered, refused by the platform, superseded by a newer one, or out of tries (then ``nihongo status``
says so).
"""

from __future__ import annotations

import logging
import threading
from collections import deque
from concurrent.futures import ThreadPoolExecutor

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from . import score_queue

log = logging.getLogger(__name__)


#: Scores per message at most: a burst of round ends still spreads over the worker's threads, and a
#: message's scores are all tried within their lease (``score_queue.CLAIMED_AT_ONCE``).
BATCH = score_queue.CLAIMED_AT_ONCE


@shared_task(name="lti_tool.send_scores", ignore_result=True)
def send_scores(score_ids: list[int]) -> list[str]:
    """Send queued scores now, each unless another try holds it or it is no longer waiting."""
    return score_queue.send_now(score_ids, timezone.now)


@shared_task(name="lti_tool.send_score", ignore_result=True)
def send_score(score_id: int) -> str:
    """One score: messages published before scores were batched (an upgrade with messages in the broker)."""
    return send_scores([score_id])[0]


@shared_task(name="lti_tool.retry_scores", ignore_result=True)
def retry_scores() -> dict:
    """Every score whose next try has come (what ``nihongo lti retry-scores`` does by hand)."""
    run = score_queue.retry_due(timezone.now())
    return {"tried": run.tried, "delivered": run.delivered, "waiting": run.waiting}


_publisher: ThreadPoolExecutor | None = None
_publisher_lock = threading.Lock()
_waiting: deque[int] = deque()  # scores committed, not yet published (append and popleft are thread-safe)


def queue_score(score_id: int) -> None:
    """Hand the score to the worker, from a thread of the process's own: the learner's answer does not wait
    for the broker (publishing costs about a millisecond of CPU, and a broker that hangs would hold the
    request). Without a broker the task runs here and now (tests, a one-process install). The pending
    row is the queue of record: a message lost with the process is sent by ``retry_scores``."""
    if getattr(settings, "CELERY_TASK_ALWAYS_EAGER", True):
        _hand([score_id])
        return
    global _publisher
    with _publisher_lock:  # one per process, started by its first round end (after gunicorn's fork)
        if _publisher is None:
            _publisher = ThreadPoolExecutor(max_workers=1, thread_name_prefix="grade-publisher")
    _waiting.append(score_id)
    _publisher.submit(_publish_waiting)


def _publish_waiting() -> None:
    """What waits, in one message (up to ``BATCH``; the jobs queued behind this one take the rest)."""
    ids: list[int] = []
    while _waiting and len(ids) < BATCH:
        ids.append(_waiting.popleft())
    if ids:
        _hand(ids)


def _hand(score_ids: list[int]) -> None:
    try:
        send_scores.apply_async((score_ids,), retry=False)
    except Exception as exc:  # the broker is unreachable: the pending rows are the queue of record
        log.warning("grades %s not handed to the worker (%s); the minute's retry will send them",
                    score_ids, exc)
