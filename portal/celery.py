"""The Celery app: the worker that sends grades to LMSs off the learners' requests (``lti_tool.tasks``).

Celery on Redis, as Open edX runs its own tasks. The broker is ``NIHONGO_BROKER_URL``
(``redis://host:6379/1``); without one, tasks run in the process that queues them (tests, a
one-process install). Start a worker with its schedule (the retry of waiting grades every minute):

    celery -A portal worker --beat --pool threads --concurrency 16 --loglevel INFO

``nihongo demo`` starts one on a Redis of its own (docs/deployers.md says how to run it in production).
The worker lowers its own CPU priority (``NIHONGO_WORKER_NICE``, 10): beside the web server, learners'
answers get the CPU first when a class ends a round together and the grades go out.
"""

from __future__ import annotations

import os

from celery import Celery
from celery.signals import celeryd_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

app = Celery("nihongo")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks(["lti_tool"])


@celeryd_init.connect
def lower_priority(**_kwargs) -> int:
    """At the worker's start, before its threads exist (they inherit it): nice it by
    ``NIHONGO_WORKER_NICE``. Returns the step taken."""
    from portal.config import Config

    step = Config.from_env().worker_nice
    if step > 0:
        os.nice(step)
    return step
