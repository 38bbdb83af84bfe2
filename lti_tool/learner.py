"""Who is studying in a learner request: the tool's launch record plus the launch's claims."""

from __future__ import annotations

from dataclasses import dataclass

from .claims import Launch
from .models import LaunchRecord


@dataclass(frozen=True)
class Learner:
    """Who is practising, and how: the tool's launch record plus the launch's claims."""

    record: LaunchRecord
    launch: Launch
