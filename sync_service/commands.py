"""``nihongo sync | status | rules | hosts``: the sync and the rules, as the operators run them."""

from __future__ import annotations

import sys
from datetime import datetime, timezone
from pathlib import Path

from curriculum.terminal import progress as _progress


def cmd_sync(args) -> int:
    from sync_service.sync import sync

    now = datetime.now(timezone.utc)
    try:
        source = _source(args, now)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    result = sync(source, now, progress=_progress("sync"))
    print(f"{result.source}: {result.events_read} new events, {result.rows_changed} daily rows changed, "
          f"{result.unmatched_subjects} unknown users skipped")
    return 0


def _source(args, now: datetime):
    """The source named by ``--source``: the LTI tool's records, Open edX (logs or API), or a CSV file."""
    if args.source in ("openedx-logs", "csv") and not args.path:
        raise ValueError(f"--source {args.source} needs a path (the logs folder or the CSV file)")
    if args.source == "openedx-logs":
        from sync_service.sources.openedx_tracking import OpenEdxTrackingLogs

        return OpenEdxTrackingLogs(args.path)
    if args.source == "openedx-api":
        from sync_service.sources.openedx_rest import OpenEdxApiConfig, OpenEdxRestApi

        return OpenEdxRestApi(OpenEdxApiConfig.from_env(), now)
    if args.source == "csv":
        from sync_service.sources.csv_import import CsvImport

        return CsvImport(args.path)
    from django.conf import settings
    from django.utils.module_loading import import_string

    # The LTI tool's records: an adapter wired at the composition root (the sync never imports the tool).
    return import_string(settings.NIHONGO_LTI_SOURCE)()


def cmd_status(args) -> int:
    from sync_service.status import status

    found = status(datetime.now(timezone.utc))
    for line in found.lines:
        print(line)
    for problem in found.problems:
        print(f"PROBLEM: {problem}")
    return 1 if found.problems else 0


def cmd_rules_run(args) -> int:
    from programme.models import Company, Learner
    from sync_service.rules_run import run

    now = datetime.fromisoformat(args.now) if args.now else datetime.now(timezone.utc)
    if now.tzinfo is None:
        print("error: --now needs a time zone, e.g. 2026-11-27T09:00+09:00", file=sys.stderr)
        return 2
    report = run(now, apply_changes=args.apply)
    names = dict(Company.objects.values_list("id", "name"))
    logins = dict(Learner.objects.values_list("id", "login_id"))
    for line in report.lines(names, logins):
        print(line)
    verb = "applied" if args.apply else "would apply (dry run; --apply to do it)"
    print(f"{len(report.decisions) + len(report.replacements)} decisions {verb}"
          + (f", {report.notices} notices queued" if args.apply else ""))
    return 0


def cmd_hosts_push(args) -> int:
    from sync_service.hosts import push
    from sync_service.sources.openedx_actions import OpenEdxEnrollments, config_from_env

    try:
        config = config_from_env()
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    client = None if args.dry_run else OpenEdxEnrollments(config)
    result = push(client, datetime.now(timezone.utc), dry_run=args.dry_run, course_ids=config.course_ids)
    for found in result.results:
        print(found.line())
    print(result.summary())
    return 1 if result.failed else 0


def register(sub) -> None:
    """Add this package's commands to ``nihongo``'s subparsers."""
    p = sub.add_parser("sync", help="read logins and answers from the hosts into daily activity",
                       epilog="openedx-api reads OPENEDX_BASE_URL, OPENEDX_CLIENT_ID, OPENEDX_CLIENT_SECRET "
                              "and OPENEDX_COURSE_IDS (comma-separated) from the environment.")
    p.add_argument("--source", choices=["lti", "openedx-logs", "openedx-api", "csv"], default="lti",
                   help="where to read from (default: the LTI tool's own records)")
    p.add_argument("path", nargs="?", type=Path,
                   help="openedx-logs: the tracking-log folder (or one file); csv: the CSV file")
    p.set_defaults(func=cmd_sync, django=True)

    p = sub.add_parser("status", help="last sync and its lag, the rule, the outbox; exit 1 on a problem")
    p.set_defaults(func=cmd_status, django=True)

    rules = sub.add_parser("rules", help="the weekly-login rule: nudges, warnings, suspensions, replacements")
    rules = rules.add_subparsers(dest="kind", required=True)
    p = rules.add_parser("run", help="decide from daily activity: --dry-run (default) shows, --apply does")
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--dry-run", action="store_true", help="show what would happen (the default)")
    mode.add_argument("--apply", action="store_true", help="record decisions, queue notices, stop learners")
    p.add_argument("--now", help="decide as of this time (ISO 8601 with zone), for audits and tests")
    p.set_defaults(func=cmd_rules_run, django=True)

    hosts = sub.add_parser("hosts", help="tell the host LMS what the rules decided (Open edX unenrollments)")
    hosts = hosts.add_subparsers(dest="kind", required=True)
    p = hosts.add_parser("push", help="send pending and failed host actions; exit 1 if any failed",
                         epilog="reads OPENEDX_BASE_URL, OPENEDX_CLIENT_ID, OPENEDX_CLIENT_SECRET and "
                                "OPENEDX_COURSE_IDS (the programme's courses, comma-separated).")
    p.add_argument("--dry-run", action="store_true", help="show what would be sent; send and change nothing")
    p.set_defaults(func=cmd_hosts_push, django=True)
