"""The grade worker's tasks (Celery, ``portal/celery.py``): grades leave the learner's request.

``queue_score`` runs in the request and hands the score's ID to a publishing thread: the score is
already a ``pending`` row (``score_queue.enqueue``), so a broker that is down only delays it;
``send_score`` claims it and sends it once; ``retry_scores`` (every minute, Celery beat) sends what
waits: scores the LMS refused for now, with their backoff, and any whose message was lost. A score is
never lost: it leaves the table only as delivered, refused by the platform, superseded by a newer one,
or out of tries (then ``nihongo status`` says so).
"""

from __future__ import annotations

import logging
import threading
from concurrent.futures import ThreadPoolExecutor

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from . import score_queue

log = logging.getLogger(__name__)


@shared_task(name="lti_tool.send_score", ignore_result=True)
def send_score(score_id: int) -> str:
    """Send one queued score now, unless another try holds it or it is no longer waiting."""
    score = score_queue.claim(score_id, timezone.now())
    if score is None:
        return "not waiting"
    return score_queue.attempt(score, score_queue.connector_for(score.registration), timezone.now()).state


@shared_task(name="lti_tool.retry_scores", ignore_result=True)
def retry_scores() -> dict:
    """Every score whose next try has come (what ``nihongo lti retry-scores`` does by hand)."""
    run = score_queue.retry_due(timezone.now())
    return {"tried": run.tried, "delivered": run.delivered, "waiting": run.waiting}


_publisher: ThreadPoolExecutor | None = None
_publisher_lock = threading.Lock()


def queue_score(score_id: int) -> None:
    """Hand the score to the worker, from a thread of the process's own: the learner's answer does not wait
    for the broker (publishing costs about a millisecond of CPU, and a broker that hangs would hold the
    request). Without a broker the task runs here and now (tests, a one-process install). The pending
    row is the queue of record: a message lost with the process is sent by ``retry_scores``."""
    if getattr(settings, "CELERY_TASK_ALWAYS_EAGER", True):
        _hand(score_id)
        return
    global _publisher
    with _publisher_lock:  # one per process, started by its first round end (after gunicorn's fork)
        if _publisher is None:
            _publisher = ThreadPoolExecutor(max_workers=1, thread_name_prefix="grade-publisher")
    _publisher.submit(_hand, score_id)


def _hand(score_id: int) -> None:
    try:
        send_score.apply_async((score_id,), retry=False)
    except Exception as exc:  # the broker is unreachable: the pending row is the queue of record
        log.warning("grade %s not handed to the worker (%s); the minute's retry will send it", score_id, exc)
