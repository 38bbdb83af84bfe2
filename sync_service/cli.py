"""``nihongo``: the operators' command line. Each command calls the same use case as any other entry point."""

from __future__ import annotations

import argparse
import os
import sys
from datetime import datetime, timezone
from pathlib import Path


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    import django

    django.setup()


def _progress(label: str):
    """A one-line progress bar on stderr for long work (only when a person is watching)."""
    interactive = sys.stderr.isatty()

    def update(done: int, total: int) -> None:
        if interactive and total:
            filled = int(30 * done / total)
            sys.stderr.write(f"\r{label} [{'#' * filled}{'.' * (30 - filled)}] {done}/{total}")
            if done == total:
                sys.stderr.write("\n")

    return update


def cmd_sync(args) -> int:
    from .sources.lti_records import LtiToolRecords
    from .sync import sync

    result = sync(LtiToolRecords(), datetime.now(timezone.utc), progress=_progress("sync"))
    print(f"{result.source}: {result.events_read} new events, {result.rows_changed} daily rows changed, "
          f"{result.unmatched_subjects} unknown users skipped")
    return 0


def cmd_report_monthly(args) -> int:
    from reports import data, monthly

    try:
        month = monthly.Month.parse(args.month)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    out = Path(args.out or f"monthly-report-{month}.xlsx")
    frames = monthly.build(month, *data.records(month), generated_at=datetime.now(timezone.utc))
    monthly.write_xlsx(frames, out)
    summary = dict(frames["Summary"].values.tolist())
    print(f"wrote {out}: {summary['Companies']} companies, {summary['Learners']} learners, "
          f"{summary['Learners active this month']} active, due {summary['Due to the prefecture']}")
    return 0


def cmd_seed_demo(args) -> int:
    from .demo_seed import seed

    counts = seed(datetime.now(timezone.utc), base_url=args.base_url)
    print(", ".join(f"{v} {k}" for k, v in counts.items()))
    return 0


def cmd_demo(args) -> int:
    from portal.demo import run

    return run(portal_port=args.port, workbench_port=args.workbench_port, var_dir=args.var_dir)


def cmd_bank_build(args) -> int:
    from curriculum.build import build

    for level, count in build().items():
        print(f"{level}: {count} items")
    return 0


def cmd_content_check(args) -> int:
    from curriculum.content_check import check, format_counts

    report = check()
    print(format_counts(report))
    for problem in report.problems:
        print(f"problem: {problem}", file=sys.stderr)
    if report.problems:
        print(f"{len(report.problems)} problems: fix them and run again", file=sys.stderr)
        return 1
    print("content check passed")
    return 0


def cmd_content_export(args) -> int:
    from curriculum.content_check import check, export

    report = check()
    if report.problems:
        print(f"{len(report.problems)} problems: run `nihongo content check` first", file=sys.stderr)
        return 1
    text = export(report)
    if args.out:
        Path(args.out).write_text(text + "\n", encoding="utf-8")
        print(f"wrote {len(report.items)} items to {args.out}", file=sys.stderr)
    else:
        sys.stdout.write(text + "\n")
    return 0


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="nihongo", description="Run the Kagoshima Nihongo programme.")
    sub = top.add_subparsers(dest="command", required=True)

    p = sub.add_parser("sync", help="read logins and answers from the hosts into daily activity")
    p.set_defaults(func=cmd_sync, django=True)

    report = sub.add_parser("report", help="reports for the prefecture")
    report = report.add_subparsers(dest="kind", required=True)
    p = report.add_parser("monthly", help="the monthly report (.xlsx), due the 10th of the next month")
    p.add_argument("--month", required=True, help="YYYY-MM, e.g. 2026-10")
    p.add_argument("--out", help="where to write the .xlsx (default: monthly-report-YYYY-MM.xlsx)")
    p.set_defaults(func=cmd_report_monthly, django=True)

    p = sub.add_parser("seed-demo", help="fill an empty database with the demo companies and learners")
    p.add_argument("--base-url", default=None, help="where the demo portal is served")
    p.set_defaults(func=cmd_seed_demo, django=True)

    p = sub.add_parser("demo", help="migrate, seed and serve the portal, the demo LMS and the workbench")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--workbench-port", type=int, default=8001)
    p.add_argument("--var-dir", type=Path, default=None,
                   help="where the demo's databases live (default: var/)")
    p.set_defaults(func=cmd_demo, django=False)

    content = sub.add_parser("content", help="check or export the item bank")
    content = content.add_subparsers(dest="kind", required=True)
    p = content.add_parser("check", help="validate every item; print counts per level and type")
    p.set_defaults(func=cmd_content_check, django=False)
    p = content.add_parser("export", help="the whole bank as a JSON list")
    p.add_argument("--format", choices=["json"], default="json")
    p.add_argument("--out", help="write to this file instead of standard output")
    p.set_defaults(func=cmd_content_export, django=False)

    bank = sub.add_parser("bank", help="the item bank").add_subparsers(dest="kind", required=True)
    p = bank.add_parser("build", help="rebuild curriculum/content from the open datasets")
    p.set_defaults(func=cmd_bank_build, django=False)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.django:
        _setup_django()
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
