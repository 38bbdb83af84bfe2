"""``nihongo``: the operators' command line. Each command calls the same use case as any other entry point."""

from __future__ import annotations

import argparse
import importlib
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
    from .sync import sync

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
        from .sources.openedx_tracking import OpenEdxTrackingLogs

        return OpenEdxTrackingLogs(args.path)
    if args.source == "openedx-api":
        from .sources.openedx_rest import OpenEdxApiConfig, OpenEdxRestApi

        return OpenEdxRestApi(OpenEdxApiConfig.from_env(), now)
    if args.source == "csv":
        from .sources.csv_import import CsvImport

        return CsvImport(args.path)
    from .sources.lti_records import LtiToolRecords

    return LtiToolRecords()


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
                           surveys=data.surveys(), operations=data.operations(month))
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


def cmd_log_add(args) -> int:
    from .operations import OperationsError, add

    try:
        started = datetime.fromisoformat(args.started) if args.started else datetime.now(timezone.utc)
        ended = datetime.fromisoformat(args.ended) if args.ended else None
        entry = add(args.kind, args.title, started, args.by, args.details or "", ended)
    except (OperationsError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"recorded {entry.kind} #{entry.pk}: {entry.title}")
    return 0


def cmd_log_list(args) -> int:
    from reports.monthly import Month

    from .operations import in_month

    month = Month.parse(args.month)
    for row in in_month(month.first, month.last):
        until = f" (until {row['Ended']})" if row["Ended"] else ""
        print(f"{row['Started']}  {row['Kind']:<11} {row['Title']}{until}")
    return 0


def cmd_status(args) -> int:
    from .status import status

    found = status(datetime.now(timezone.utc))
    for line in found.lines:
        print(line)
    for problem in found.problems:
        print(f"PROBLEM: {problem}")
    return 1 if found.problems else 0


def cmd_rules_run(args) -> int:
    from .models import Company, Learner
    from .rules_run import run

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
    from .hosts import push
    from .sources.openedx_actions import OpenEdxEnrollments, config_from_env

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


def _table(headers: list[str], rows: list[list[str]]) -> list[str]:
    """Plain left-aligned columns; the last column is not padded (it may hold Japanese text)."""
    widths = [max(len(str(r[i])) for r in [headers, *rows]) for i in range(len(headers) - 1)]
    return ["  ".join([str(c).ljust(w) for c, w in zip(r, widths, strict=False)] + [str(r[-1])])
            for r in [headers, *rows]]


def _when(moment: datetime | None) -> str:
    from curriculum.japan_time import PROGRAMME_TZ

    return moment.astimezone(PROGRAMME_TZ).strftime("%Y-%m-%d %H:%M") if moment else "-"


def cmd_questions_add(args) -> int:
    from .inquiries import flows

    received = datetime.fromisoformat(args.received) if args.received else datetime.now(timezone.utc)
    if received.tzinfo is None:
        print("error: --received needs a time zone, e.g. 2026-11-02T10:30+09:00", file=sys.stderr)
        return 2
    try:
        inquiry = flows.add(company_id=args.company, channel=args.channel, question=args.question,
                            learner_login_id=args.learner, category=args.category, asker_kind=args.asker,
                            received_at=received)
    except flows.InquiryError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"question {inquiry.pk} recorded ({inquiry.channel}, {inquiry.category}, "
          f"asked by {inquiry.asker_kind}); status open")
    return 0


def cmd_questions_answer(args) -> int:
    from .inquiries import flows

    try:
        inquiry = flows.answer(args.id, text=args.answer, by=args.by, now=datetime.now(timezone.utc),
                               amend=args.amend)
    except flows.AlreadyAnswered as exc:
        print(f"error: {exc} (--amend)", file=sys.stderr)
        return 1
    except flows.InquiryError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"question {inquiry.pk} {'amended' if args.amend else 'answered'} by {inquiry.answered_by}")
    return 0


def cmd_questions_list(args) -> int:
    from .inquiries import flows

    try:
        month = flows.parse_month(args.month) if args.month else None
    except flows.InquiryError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    found = flows.list_inquiries(open_only=args.open, month=month, company_id=args.company)
    headers = ["ID", "RECEIVED (JST)", "CHANNEL", "CATEGORY", "STATUS", "ANSWERED (JST)", "LEARNER",
               "COMPANY"]
    rows = [[str(q.pk), _when(q.received_at), q.channel, q.category, q.status, _when(q.answered_at),
             q.learner.login_id if q.learner else "-", f"{q.company_id} {q.company.name}"] for q in found]
    if args.text:  # question texts may hold names: shown only when asked for, never logged
        headers.append("QUESTION")
        for row, q in zip(rows, found, strict=True):
            row.append(" ".join(q.question.split())[:40])
    for line in _table(headers, rows):
        print(line.rstrip())
    print(f"{len(rows)} questions")
    return 0


def cmd_survey_link(args) -> int:
    from django.conf import settings

    from .surveys import flows

    try:
        respondent = flows.respondent_for(args.survey, company_id=args.company, learner_login_id=args.learner)
    except flows.SurveyError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(flows.link(respondent, settings.NIHONGO_BASE_URL))
    return 0


def cmd_survey_totals(args) -> int:
    from .surveys import flows

    try:
        result = flows.totals(args.survey)
    except flows.SurveyError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"{result['survey']}: {result['responses']} responses")
    for qid, total in result["questions"].items():
        counts = " ".join(f"{value}:{n}" for value, n in total.get("counts", {}).items())
        mean = f" mean {total['mean']:.2f}" if total.get("mean") is not None else ""
        counts = f" | {counts}" if counts else ""
        print(f"{qid} ({total['kind']}): {total['answered']} answered{mean}{counts}")
    return 0


def cmd_lti_keys(args) -> int:
    from lti_tool.operations import key_rows

    rows = [[k.kid, _when(k.created_at), "yes" if k.active else "no", "yes" if k.signing else ""]
            for k in key_rows()]
    print("\n".join(_table(["kid", "created", "active", "signing"], rows)))
    return 0


def cmd_lti_rotate_keys(args) -> int:
    from lti_tool import keys

    key = keys.rotate_keys()
    print(f"new signing key {key.kid}; older keys stay published until `nihongo lti retire-key KID`")
    return 0


def cmd_lti_retire_key(args) -> int:
    from lti_tool import keys
    from lti_tool.models import ToolKey

    if not ToolKey.objects.filter(kid=args.kid, active=True).exists():
        print(f"error: no published key {args.kid!r} (see `nihongo lti keys`)", file=sys.stderr)
        return 2
    try:
        keys.retire_key(args.kid)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"key {args.kid} retired: no longer in the JWKS")
    return 0


def cmd_lti_retry_scores(args) -> int:
    from lti_tool.score_queue import retry_due, summary

    run = retry_due(datetime.now(timezone.utc), include_failed=args.include_failed)
    left = summary()
    print(f"tried {run.tried} scores: {run.delivered} delivered, {run.waiting} to retry, "
          f"{run.failed} failed; now {left.pending} waiting, {left.failed} failed")
    return 0


def cmd_lti_register(args) -> int:
    from lti_tool.operations import RegistrationError, register_platform, tool_urls

    try:
        registration, created = register_platform(
            name=args.name, issuer=args.issuer, client_id=args.client_id, login_url=args.login_url,
            token_url=args.token_url, jwks_url=args.jwks_url, deployment_ids=args.deployment_id)
    except RegistrationError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"{'registered' if created else 'updated'}: {registration} client {registration.client_id}, "
          f"deployments {', '.join(registration.deployment_ids)}")
    print("Give the platform these tool URLs:")
    for label, url in tool_urls().items():
        print(f"  {label:<7}{url}")
    return 0


def cmd_lti_registration_url(args) -> int:
    from lti_tool.registration import INVITE_DAYS, invitation_url

    print(invitation_url(args.name))
    print(f"Paste it into the LMS's tool registration (Moodle: Manage tools → Tool URL) within {INVITE_DAYS} "
          "days; it works once.")
    return 0


#: Modules that add their own commands: each has ``register(sub)``, given the top-level subparsers.
PLUGINS = (
    "course_exports.commands",        # export olx | cc
    "sync_service.front_office.commands",  # applications list | forward | import-decisions
    "sync_service.accounts.commands",  # accounts issue | reset
    "sync_service.outbox.commands",    # outbox list | approve | send
)


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="nihongo", description="Run the Kagoshima Nihongo programme.")
    sub = top.add_subparsers(dest="command", required=True)

    p = sub.add_parser("sync", help="read logins and answers from the hosts into daily activity",
                       epilog="openedx-api reads OPENEDX_BASE_URL, OPENEDX_CLIENT_ID, OPENEDX_CLIENT_SECRET "
                              "and OPENEDX_COURSE_IDS (comma-separated) from the environment.")
    p.add_argument("--source", choices=["lti", "openedx-logs", "openedx-api", "csv"], default="lti",
                   help="where to read from (default: the LTI tool's own records)")
    p.add_argument("path", nargs="?", type=Path,
                   help="openedx-logs: the tracking-log folder (or one file); csv: the CSV file")
    p.set_defaults(func=cmd_sync, django=True)

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

    p = sub.add_parser("seed-demo", help="fill an empty database with the demo companies and learners")
    p.add_argument("--base-url", default=None, help="where the demo portal is served")
    p.set_defaults(func=cmd_seed_demo, django=True)

    p = sub.add_parser("demo", help="migrate, seed and serve the portal, the demo LMS and the workbench")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--workbench-port", type=int, default=8001)
    p.add_argument("--var-dir", type=Path, default=None,
                   help="where the demo's databases live (default: var/)")
    p.set_defaults(func=cmd_demo, django=False)

    log = sub.add_parser("log", help="the operations log: incidents, maintenance, work done")
    log = log.add_subparsers(dest="kind_", required=True)
    p = log.add_parser("add", help="record an incident, a planned maintenance or work done")
    p.add_argument("--kind", required=True, choices=["incident", "maintenance", "work"])
    p.add_argument("--title", required=True)
    p.add_argument("--details", help="what happened and what was done (no learners' personal data)")
    p.add_argument("--started", help="ISO 8601 with zone (default: now)")
    p.add_argument("--ended", help="ISO 8601 with zone")
    p.add_argument("--by", required=True, help="who records it")
    p.set_defaults(func=cmd_log_add, django=True)
    p = log.add_parser("list", help="the month's entries")
    p.add_argument("--month", required=True, help="YYYY-MM")
    p.set_defaults(func=cmd_log_list, django=True)

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

    questions = sub.add_parser("questions", help="the question-and-answer log (質問対応記録)")
    questions = questions.add_subparsers(dest="kind", required=True)
    p = questions.add_parser("add", help="record a question received by mail, chat, phone or the web form")
    p.add_argument("--company", type=int, required=True, help="the asking (or concerned) company's ID")
    p.add_argument("--channel", required=True, choices=["mail", "chat", "phone", "form"])
    p.add_argument("--question", required=True, help="what was asked (personal data: never logged)")
    p.add_argument("--learner", help="login ID of the learner who asked, or whom the question is about")
    p.add_argument("--asker", choices=["company", "learner"],
                   help="who asked (default: the learner when --learner is given, else the company)")
    p.add_argument("--category", default="other",
                   choices=["account", "usage", "content", "technical", "rules", "other"])
    p.add_argument("--received", help="when it was received (ISO 8601 with zone; default: now)")
    p.set_defaults(func=cmd_questions_add, django=True)
    p = questions.add_parser("answer", help="record the answer given to a question")
    p.add_argument("id", type=int)
    p.add_argument("--answer", required=True)
    p.add_argument("--by", required=True, help="the operator who answered")
    p.add_argument("--amend", action="store_true",
                   help="replace an earlier answer (it is kept in the history)")
    p.set_defaults(func=cmd_questions_answer, django=True)
    p = questions.add_parser("list", help="questions as a table, newest first")
    p.add_argument("--open", action="store_true", help="only questions not yet answered")
    p.add_argument("--month", help="received in this month (YYYY-MM, Japan time)")
    p.add_argument("--company", type=int, help="only this company's questions")
    p.add_argument("--text", action="store_true", help="add the start of each question (may contain names)")
    p.set_defaults(func=cmd_questions_list, django=True)

    survey = sub.add_parser("survey", help="effect surveys of learners and companies (アンケート)")
    survey = survey.add_subparsers(dest="kind", required=True)
    p = survey.add_parser("link", help="print a respondent's personal survey link")
    p.add_argument("--survey", required=True, help="learner-end or company-effect")
    who = p.add_mutually_exclusive_group(required=True)
    who.add_argument("--learner", help="learner login ID (learner surveys)")
    who.add_argument("--company", type=int, help="company ID (company surveys)")
    p.set_defaults(func=cmd_survey_link, django=True)
    p = survey.add_parser("totals", help="per-question counts and means of the responses so far")
    p.add_argument("--survey", required=True)
    p.set_defaults(func=cmd_survey_totals, django=True)

    lti = sub.add_parser("lti", help="the LTI 1.3 tool: its signing keys and the platforms it trusts")
    lti = lti.add_subparsers(dest="kind", required=True)
    p = lti.add_parser("keys", help="the tool's keys: kid, created, published (active), signing")
    p.set_defaults(func=cmd_lti_keys, django=True)
    p = lti.add_parser("rotate-keys", help="a new signing key; the old one stays in the JWKS until retired")
    p.set_defaults(func=cmd_lti_rotate_keys, django=True)
    p = lti.add_parser("retire-key", help="stop publishing a key (never the signing key)")
    p.add_argument("kid")
    p.set_defaults(func=cmd_lti_retire_key, django=True)
    p = lti.add_parser("register", help="add or update (same issuer + client ID) a platform; prints our URLs")
    p.add_argument("--name", required=True)
    p.add_argument("--issuer", required=True)
    p.add_argument("--client-id", required=True)
    p.add_argument("--login-url", required=True, help="the platform's OIDC auth URL")
    p.add_argument("--token-url", required=True, help="the platform's access token URL")
    p.add_argument("--jwks-url", required=True, help="the platform's public keyset URL")
    p.add_argument("--deployment-id", required=True, action="append", help="repeat for several")
    p.set_defaults(func=cmd_lti_register, django=True)
    p = lti.add_parser("retry-scores", help="send the scores waiting for a platform (cron: every 5 min)")
    p.add_argument("--include-failed", action="store_true", help="also try once more the scores given up")
    p.set_defaults(func=cmd_lti_retry_scores, django=True)
    p = lti.add_parser("registration-url", help="a one-time URL (7 days) for LTI Dynamic Registration")
    p.add_argument("--name", default="", help="the registration's name, e.g. \"Moodle (Kagoshima)\"")
    p.set_defaults(func=cmd_lti_registration_url, django=True)

    for module in PLUGINS:
        importlib.import_module(module).register(sub)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.django:
        _setup_django()
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
