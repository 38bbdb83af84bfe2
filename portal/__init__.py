"""The Django project: settings, URLs, the public site and the demo LMS."""

# The Celery app is loaded with Django, so ``@shared_task`` binds to it (portal/celery.py).
from .celery import app as celery_app  # noqa: E402

__all__ = ["celery_app"]
