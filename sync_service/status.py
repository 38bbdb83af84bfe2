"""``nihongo status``: is the programme's machinery running? For operators and for monitoring (O1)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Max

from .models import Learner, Notice, RuleDecision, SyncRun
from .quota import PROGRAMME_PLACES

#: A source not synced for this long is reported as a problem (sync runs hourly or daily).
STALE_AFTER = timedelta(hours=36)


@dataclass(frozen=True)
class Status:
    lines: list[str]
    problems: list[str]


def _ago(delta: timedelta) -> str:
    hours = delta.total_seconds() / 3600
    return f"{hours:.1f} h ago" if hours < 48 else f"{hours / 24:.1f} days ago"


def status(now: datetime) -> Status:
    lines, problems = [], []
    runs = SyncRun.objects.values("source").annotate(last=Max("finished_at")).order_by("source")
    if not runs:
        problems.append("no sync has run yet: run `nihongo sync`")
    for run in runs:
        last = SyncRun.objects.filter(source=run["source"], finished_at=run["last"]).first()
        lag = now - run["last"]
        lines.append(f"sync {run['source']}: last {run['last']:%Y-%m-%d %H:%M} ({_ago(lag)}), "
                     f"{last.records_read} events, {last.rows_changed} rows changed")
        if lag > STALE_AFTER:
            problems.append(f"sync {run['source']} is {_ago(lag)}: check its cron job or timer")
    decided = RuleDecision.objects.aggregate(last=Max("decided_at"))["last"]
    lines.append("rules: " + (f"last run {decided:%Y-%m-%d %H:%M} ({_ago(now - decided)})" if decided
                              else "no decision recorded yet"))
    active = Learner.objects.filter(status=Learner.Status.ACTIVE).count()
    stopped = Learner.objects.filter(status=Learner.Status.STOPPED).count()
    lines.append(f"learners: {active} active of {PROGRAMME_PLACES} places, {stopped} stopped")
    queued = Notice.objects.filter(status=Notice.Status.QUEUED).count()
    lines.append(f"outbox: {queued} notices waiting")
    try:
        from .inquiries.models import Inquiry

        lines.append(f"questions: {Inquiry.objects.filter(answered_at__isnull=True).count()} open")
    except ImportError:
        pass
    return Status(lines, problems)
