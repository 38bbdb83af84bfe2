"""``nihongo status``: is the programme's machinery running? For operators and for monitoring (O1)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Max

from programme import places
from programme.models import Notice, RuleDecision, SyncRun

#: A source not synced for this long is reported as a problem (sync runs hourly or daily).
STALE_AFTER = timedelta(hours=36)


@dataclass(frozen=True)
class Status:
    lines: list[str]
    problems: list[str]


def _ago(delta: timedelta) -> str:
    hours = delta.total_seconds() / 3600
    return f"{hours:.1f} h ago" if hours < 48 else f"{hours / 24:.1f} days ago"


def _outbox_line(now: datetime, problems: list[str]) -> str:
    from programme.outbox.flows import MAX_ATTEMPTS
    from programme.outbox.models import OutgoingMail

    mails = OutgoingMail.objects
    approval = mails.filter(personal_data=True, status=OutgoingMail.Status.QUEUED).count()
    failed = mails.filter(status=OutgoingMail.Status.FAILED).count()
    given_up = mails.filter(status=OutgoingMail.Status.FAILED, attempts__gte=MAX_ATTEMPTS).count()
    overdue = mails.filter(status__in=[OutgoingMail.Status.QUEUED, OutgoingMail.Status.APPROVED],
                           personal_data=False, hold_until__lt=now - timedelta(hours=1)).count()
    if given_up:
        problems.append(f"outbox: {given_up} mail(s) failed {MAX_ATTEMPTS} times: see `nihongo outbox list`")
    if overdue:
        problems.append(f"outbox: {overdue} mail(s) due for over an hour: schedule `nihongo outbox send`")
    letters = mails.filter(channel=OutgoingMail.Channel.LETTER,
                           status__in=[OutgoingMail.Status.QUEUED, OutgoingMail.Status.APPROVED]).count()
    return f"outbox: {approval} waiting for approval, {failed} failed, {letters} letter(s) to print"


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
    lines.append(places.ledger().line())
    queued = Notice.objects.filter(status=Notice.Status.QUEUED).count()
    lines.append(f"notices: {queued} not yet handed to the outbox")
    lines.append(_outbox_line(now, problems))
    try:
        from programme.inquiries.models import Inquiry

        lines.append(f"questions: {Inquiry.objects.filter(answered_at__isnull=True).count()} open")
    except ImportError:
        pass
    from django.conf import settings
    from django.utils.module_loading import import_string

    for check in getattr(settings, "NIHONGO_STATUS_CHECKS", ()):  # the hosts' own queues, wired in settings
        line, found = import_string(check)(now)
        lines.append(line)
        problems.extend(found)
    return Status(lines, problems)
