"""The tool's own records of use, written as things happen (read by the dashboard and the sync)."""

from __future__ import annotations

from datetime import datetime

from . import restored
from .claims import Launch
from .models import ActivityState, LaunchRecord, PlatformRegistration


def platform_for(launch: Launch) -> PlatformRegistration:
    return PlatformRegistration.objects.get(issuer=launch.issuer, client_id=launch.client_id)


def record_launch(launch: Launch, launch_id: str, now: datetime, body: dict | None = None,
                  browser: str = "") -> LaunchRecord:
    """One row per successful launch, with what its requests need of it (``restored``)."""
    return LaunchRecord.objects.create(claims=restored.kept(body or {}), browser=browser,
        registration=platform_for(launch), launch_id=launch_id, subject=launch.subject, name=launch.name,
        context_id=launch.context_id, resource_link_id=launch.resource_link_id, activity=launch.activity,
        is_instructor=launch.is_instructor, launched_at=now,
    )


def activity_state(record: LaunchRecord, activity: str) -> ActivityState:
    """The learner's saved state of ``activity`` in this link, locked for this transaction (created
    empty on first use). Keyed by (link, activity): a link a course author points at another activity
    starts that one afresh, and finds the first one's state again when pointed back."""
    row, _created = ActivityState.objects.select_for_update().get_or_create(
        registration=record.registration, subject=record.subject, resource_link_id=record.resource_link_id,
        activity=activity, defaults={"context_id": record.context_id, "state": {}})
    return row


def saved_state(record: LaunchRecord, activity: str) -> ActivityState | None:
    """The learner's saved state of ``activity`` in this link, unlocked (None before the first use)."""
    return ActivityState.objects.filter(
        registration=record.registration, subject=record.subject, resource_link_id=record.resource_link_id,
        activity=activity).first()
