"""``nihongo status``: is the programme's machinery running? For operators and for monitoring (O1)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Max

from programme import places
from programme.models import Notice, RuleDecision, SyncRun
from sync_service.sources.base import SOURCE_NAMES

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


def _identities_line(problems: list[str]) -> str:
    from programme.models import LmsIdentity

    rows = LmsIdentity.objects
    unmatched = rows.filter(status=LmsIdentity.Status.UNMATCHED).count()
    if unmatched:
        problems.append(f"identities: {unmatched} host user(s) match no learner; their study is held, not "
                        "counted: see `nihongo identities list` or /operator/identities/")
    return (f"identities: {rows.filter(status=LmsIdentity.Status.LINKED).count()} linked, {unmatched} "
            f"unmatched, {rows.filter(status=LmsIdentity.Status.IGNORED).count()} ignored")


def configured_sources(env=None, ever_run: bool = True) -> list[str]:
    """The sources the programme reads, by their recorded names, in order: ``NIHONGO_SYNC_SOURCES``
    (comma-separated, ``lti,openedx-logs,openedx-api`` or the recorded names), else every source that
    ever ran (``ever_run``) or the LTI tool's records alone."""
    text = (env if env is not None else os.environ).get("NIHONGO_SYNC_SOURCES", "")
    names = [SOURCE_NAMES.get(n.strip(), n.strip()) for n in text.split(",") if n.strip()]
    if names:
        return names
    return sorted(set(SyncRun.objects.values_list("source", flat=True))) if ever_run else ["lti_tool"]


def sync_problems(now: datetime, env=None) -> list[str]:
    """Why the data may be incomplete: a configured source never ran, failed, skipped something, is stale."""
    names = configured_sources(env)
    if not names:
        return ["no sync has run yet: run `nihongo sync`"]
    problems = []
    for name in names:
        last = SyncRun.objects.filter(source=name).order_by("-finished_at", "-id").first()
        if last is None:
            problems.append(f"sync {name} has never run")
        elif not last.ok:
            first = (last.problems.splitlines() or ["no reason recorded"])[0]
            problems.append(f"sync {name}: its last run ({last.finished_at:%Y-%m-%d %H:%M} UTC) failed or "
                            f"skipped something: {first}")
        elif now - last.finished_at > STALE_AFTER:
            problems.append(f"sync {name} is {_ago(now - last.finished_at)}: check its cron job or timer")
    return problems


def status(now: datetime) -> Status:
    lines, problems = [], []
    runs = SyncRun.objects.values("source").annotate(last=Max("finished_at")).order_by("source")
    for run in runs:
        last = SyncRun.objects.filter(source=run["source"], finished_at=run["last"]).order_by("-id").first()
        lag = now - run["last"]
        outcome = "" if last.ok else " (FAILED or skipped something)"
        lines.append(f"sync {run['source']}: last {run['last']:%Y-%m-%d %H:%M} ({_ago(lag)}), "
                     f"{last.records_read} events, {last.rows_changed} rows changed{outcome}")
    problems.extend(sync_problems(now))
    decided = RuleDecision.objects.aggregate(last=Max("decided_at"))["last"]
    lines.append("rules: " + (f"last run {decided:%Y-%m-%d %H:%M} ({_ago(now - decided)})" if decided
                              else "no decision recorded yet"))
    lines.append(places.ledger().line())
    lines.append(_identities_line(problems))
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
