"""``nihongo report monthly | company``: the prefecture's monthly report and a company's progress sheet."""

from __future__ import annotations

import sys
from datetime import datetime, timezone
from pathlib import Path


def _month(text: str, now: datetime):
    """``YYYY-MM``, or ``last``: the month before this one in Japan (what the schedule runs on the 1st)."""
    from curriculum.japan_time import japan_date
    from reports import monthly

    if text == "last":
        today = japan_date(now)
        return monthly.Month(today.year - (today.month == 1), (today.month - 2) % 12 + 1)
    return monthly.Month.parse(text)


def cmd_report_monthly(args) -> int:
    from reports import data, monthly

    now = datetime.now(timezone.utc)
    try:
        month = _month(args.month, now)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    stem = "月次報告書" if args.lang == "ja" else "monthly-report"
    out = Path(args.out or f"{stem}-{month}.xlsx")
    if out.is_dir():
        out = out / f"{stem}-{month}.xlsx"
    frames = monthly.build(month, *data.records(month), generated_at=now,
                           decisions=data.decisions(month), questions=data.questions(month),
                           surveys=data.surveys(), operations=data.operations(month),
                           places=data.places())
    monthly.write_xlsx(frames, out, lang=args.lang)
    written = [out]
    if args.pdf or args.queue:
        from reports.pdf import write_pdf

        written.append(write_pdf(frames, out.with_suffix(".pdf"), lang=args.lang))
    if args.html:
        from reports.html import write_html

        written.append(write_html(frames, args.html))
    summary = dict(frames["Summary"].values.tolist())
    print(f"wrote {', '.join(map(str, written))}: {summary['Companies']} companies, {summary['Learners']} "
          f"learners, {summary['Learners active this month']} active, due {summary['Due to the prefecture']}")
    if args.queue:
        from reports.delivery import queue_for_prefecture

        try:
            mail, password = queue_for_prefecture(month, written[:2], now=now, by=args.by or "schedule")
        except ValueError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        print(f"queued as mail {mail.pk} to the prefecture: an operator approves it after "
              f"`nihongo outbox show {mail.pk}`. Zip password (tell it by phone): {password}")
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
    p = report.add_parser("monthly", help="the monthly report (.xlsx, Japanese), due the 10th")
    p.add_argument("--month", required=True, help="YYYY-MM, e.g. 2026-10, or `last` (last month)")
    p.add_argument("--out", help="the .xlsx, or a folder (default: 月次報告書-YYYY-MM.xlsx here)")
    p.add_argument("--lang", choices=["ja", "en"], default="ja", help="ja (default) or en, on request")
    p.add_argument("--pdf", action="store_true", help="also write the PDF (same charts) beside the .xlsx")
    p.add_argument("--html", type=Path, help="also write the report as one HTML page with charts")
    p.add_argument("--queue", action="store_true",
                   help="the .xlsx and .pdf, encrypted, to the outbox for the prefecture")
    p.add_argument("--by", help="who queues it (default: schedule)")
    p.set_defaults(func=cmd_report_monthly, django=True)
    p = report.add_parser("company", help="a company's progress sheet (.xlsx) for its manager")
    p.add_argument("--company", type=int, required=True, help="the company's ID")
    p.add_argument("--month", required=True, help="YYYY-MM, e.g. 2026-10")
    p.add_argument("--out", help="where to write the .xlsx (default: progress-company-ID-YYYY-MM.xlsx)")
    p.set_defaults(func=cmd_report_company, django=True)
