"""``nihongo sync | status | rules | hosts``: the sync and the rules, as the operators run them."""

from __future__ import annotations

import os
import sys
from datetime import datetime, timezone
from pathlib import Path

from curriculum.terminal import progress as _progress

from .sources.base import SOURCE_NAMES

SOURCE_OPTIONS = {recorded: option for option, recorded in SOURCE_NAMES.items()}


def cmd_sync(args) -> int:
    from sync_service.status import configured_sources

    now = datetime.now(timezone.utc)
    if args.all:
        names = [SOURCE_OPTIONS.get(name, name) for name in configured_sources(ever_run=False)]
        paths = {"openedx-logs": os.environ.get("OPENEDX_TRACKING_LOGS")}
    else:
        names, paths = [args.source], {args.source: args.path}
    worst = 0
    for name in names:  # in order: one source failing does not keep the others from running
        worst = max(worst, _sync_one(name, paths.get(name), now))
    return worst


def _sync_one(name: str, path, now: datetime) -> int:
    from sync_service.sync import sync

    try:
        source = _source(name, Path(path) if path else None, now)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    try:
        result = sync(source, now, progress=_progress("sync"))
    except Exception as exc:  # recorded as a failed run: `rules run --apply` refuses until a good one
        print(f"error: {source.name}: the sync failed, nothing after its last checkpoint was read: {exc}",
              file=sys.stderr)
        return 1
    held = " (held for review: `nihongo identities list`)" if result.unmatched_subjects else ""
    print(f"{result.source}: {result.events_read} new events, {result.rows_changed} daily rows changed, "
          f"{result.unmatched_subjects} users matching no learner{held}")
    for problem in result.problems:
        print(f"PROBLEM: {result.source}: {problem}")
    return 1 if result.problems else 0


def _source(name: str, path: Path | None, now: datetime):
    """The source named by ``--source``: the LTI tool's records, Open edX (logs or API), or a CSV file."""
    if name in ("openedx-logs", "csv") and not path:
        raise ValueError(f"--source {name} needs a path (the logs folder or the CSV file; "
                         "for --all, OPENEDX_TRACKING_LOGS)")
    if name == "openedx-logs":
        from sync_service.sources.openedx_tracking import OpenEdxTrackingLogs

        return OpenEdxTrackingLogs(path)
    if name == "openedx-api":
        from sync_service.sources.openedx_rest import OpenEdxApiConfig, OpenEdxRestApi

        return OpenEdxRestApi(OpenEdxApiConfig.from_env(), now)
    if name == "csv":
        from sync_service.sources.csv_import import CsvImport

        return CsvImport(path)
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
    if args.apply and not args.force:
        from sync_service.status import sync_problems

        # Deciding on missing data would warn learners who studied: not until every source is read.
        problems = sync_problems(datetime.now(timezone.utc))
        if problems:
            for problem in problems:
                print(f"refused: {problem}", file=sys.stderr)
            print("error: the weekly-login rule is not applied on an incomplete sync; fix the sync and run "
                  "it again, or pass --force after checking the data", file=sys.stderr)
            return 1
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
    p.add_argument("--source", choices=list(SOURCE_NAMES), default="lti",
                   help="where to read from (default: the LTI tool's own records)")
    p.add_argument("--all", action="store_true",
                   help="every configured source in order (NIHONGO_SYNC_SOURCES, e.g. lti,openedx-logs,"
                        "openedx-api; the logs folder from OPENEDX_TRACKING_LOGS); exit 1 if any failed")
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
    p.add_argument("--force", action="store_true",
                   help="apply although a configured source's last sync failed or is stale (checked by you)")
    p.set_defaults(func=cmd_rules_run, django=True)

    hosts = sub.add_parser("hosts", help="tell the host LMS what the rules decided (Open edX unenrollments)")
    hosts = hosts.add_subparsers(dest="kind", required=True)
    p = hosts.add_parser("push", help="send pending and failed host actions; exit 1 if any failed",
                         epilog="reads OPENEDX_BASE_URL, OPENEDX_CLIENT_ID, OPENEDX_CLIENT_SECRET and "
                                "OPENEDX_COURSE_IDS (the programme's courses, comma-separated).")
    p.add_argument("--dry-run", action="store_true", help="show what would be sent; send and change nothing")
    p.set_defaults(func=cmd_hosts_push, django=True)
