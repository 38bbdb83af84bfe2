"""The tool's own records of use, written as things happen (read by the dashboard and the sync)."""

from __future__ import annotations

from datetime import datetime

from .claims import Launch
from .models import LaunchRecord, PlatformRegistration


def platform_for(launch: Launch) -> PlatformRegistration:
    return PlatformRegistration.objects.get(issuer=launch.issuer, client_id=launch.client_id)


def record_launch(launch: Launch, launch_id: str, now: datetime) -> LaunchRecord:
    """One row per successful launch."""
    return LaunchRecord.objects.create(
        registration=platform_for(launch), launch_id=launch_id, subject=launch.subject, name=launch.name,
        context_id=launch.context_id, resource_link_id=launch.resource_link_id, activity=launch.activity,
        is_instructor=launch.is_instructor, launched_at=now,
    )
