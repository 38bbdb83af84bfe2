"""The Celery app: the worker that sends grades to LMSs off the learners' requests (``lti_tool.tasks``).

Celery on Redis, as Open edX runs its own tasks. The broker is ``NIHONGO_BROKER_URL``
(``redis://host:6379/1``); without one, tasks run in the process that queues them (tests, a
one-process install). Start a worker with its schedule (the retry of waiting grades every minute):

    celery -A portal worker --beat --pool threads --concurrency 16 --loglevel INFO

``nihongo demo`` starts one on a Redis of its own (docs/deployers.md says how to run it in production).
"""

from __future__ import annotations

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

app = Celery("nihongo")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks(["lti_tool"])
