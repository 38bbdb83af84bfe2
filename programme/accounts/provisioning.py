"""Creating accounts in a host LMS, as the programme sees it: a port the host adapters implement.

``nihongo accounts issue --host X`` looks up ``NIHONGO_PROVISIONERS[X]`` (a dotted path to a function
``(course) -> run(rows, company, quota) -> dict``) in settings; the Open edX one is
``sync_service.provisioning.openedx_provisioner``.
"""

from __future__ import annotations


class ProvisionFailed(Exception):
    """The host refused a step; the message says which user and why."""


def provisioner(host: str, course: str):
    """The wired provisioner for ``host``, or None when the host gets upload files instead."""
    from django.conf import settings
    from django.utils.module_loading import import_string

    path = getattr(settings, "NIHONGO_PROVISIONERS", {}).get(host)
    return import_string(path)(course) if path else None
