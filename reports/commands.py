"""``nihongo report monthly | company``: the prefecture's monthly report and a company's progress sheet."""

from __future__ import annotations

import sys
from datetime import datetime, timezone
from pathlib import Path


def cmd_report_monthly(args) -> int:
    from reports import data, monthly

    try:
        month = monthly.Month.parse(args.month)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    out = Path(args.out or f"monthly-report-{month}.xlsx")
    frames = monthly.build(month, *data.records(month), generated_at=datetime.now(timezone.utc),
                           decisions=data.decisions(month), questions=data.questions(month),
                           surveys=data.surveys(), operations=data.operations(month),
                           places=data.places())
    monthly.write_xlsx(frames, out)
    if args.html:
        from reports.html import write_html

        write_html(frames, args.html)
        out = f"{out} and {args.html}"
    summary = dict(frames["Summary"].values.tolist())
    print(f"wrote {out}: {summary['Companies']} companies, {summary['Learners']} learners, "
          f"{summary['Learners active this month']} active, due {summary['Due to the prefecture']}")
    return 0


def cmd_report_company(args) -> int:
    from reports import company, data, monthly

    try:
        month = monthly.Month.parse(args.month)
        name, learners, activity, decisions = data.company_records(args.company, month)
    except (ValueError, LookupError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    frames = company.build_company(name, month, learners, activity, decisions)
    out = Path(args.out or f"progress-company-{args.company}-{month}.xlsx")
    company.write_company_xlsx(frames, out)
    sheet = frames["Learners"]
    print(f"wrote {out}: {len(sheet)} learners, {int((sheet['Days logged in'] > 0).sum())} active, "
          f"{len(frames['Notices'])} notices")
    return 0


def register(sub) -> None:
    """Add this package's commands to ``nihongo``'s subparsers."""
    report = sub.add_parser("report", help="reports for the prefecture")
    report = report.add_subparsers(dest="kind", required=True)
    p = report.add_parser("monthly", help="the monthly report (.xlsx), due the 10th of the next month")
    p.add_argument("--month", required=True, help="YYYY-MM, e.g. 2026-10")
    p.add_argument("--out", help="where to write the .xlsx (default: monthly-report-YYYY-MM.xlsx)")
    p.add_argument("--html", type=Path, help="also write the report as one HTML page with charts")
    p.set_defaults(func=cmd_report_monthly, django=True)
    p = report.add_parser("company", help="a company's progress sheet (.xlsx) for its manager")
    p.add_argument("--company", type=int, required=True, help="the company's ID")
    p.add_argument("--month", required=True, help="YYYY-MM, e.g. 2026-10")
    p.add_argument("--out", help="where to write the .xlsx (default: progress-company-ID-YYYY-MM.xlsx)")
    p.set_defaults(func=cmd_report_company, django=True)
