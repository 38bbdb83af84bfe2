"""``nihongo log | questions | survey | identities``: the operations log, the question log, the surveys
and the hosts' users (who is which learner, and the review list of those who match no one)."""

from __future__ import annotations

import sys
from datetime import datetime, timezone

from curriculum.terminal import table as _table
from curriculum.terminal import when as _when


def cmd_log_add(args) -> int:
    from programme.operations import OperationsError, add

    try:
        started = datetime.fromisoformat(args.started) if args.started else datetime.now(timezone.utc)
        ended = datetime.fromisoformat(args.ended) if args.ended else None
        if args.notify and args.kind != "maintenance":
            raise OperationsError("--notify is for planned maintenance")
        entry = add(args.kind, args.title, started, args.by, args.details or "", ended,
                    impact=args.impact or "", cause=args.cause or "")
    except (OperationsError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"recorded {entry.kind} #{entry.pk}: {entry.title} ({_when(entry.started_at)} JST)")
    if args.notify:
        from programme.maintenance import announce

        done = announce(entry, by=args.by, now=datetime.now(timezone.utc))
        print(f"announced: {done.companies} companies by mail, {done.letters} by letter, "
              f"{done.learners} learners by mail in their language; "
              f"{done.without_address} companies without any address")
    return 0


def cmd_log_list(args) -> int:
    from programme.month import Month
    from programme.operations import in_month

    month = Month.parse(args.month)
    for row in in_month(month.first, month.last):
        until = f" (until {row['Ended']})" if row["Ended"] else ""
        print(f"{row['Started']}  {row['Kind']:<11} {row['Title']}{until}")
    return 0


def cmd_questions_add(args) -> int:
    from programme.inquiries import flows

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
    from programme.inquiries import flows

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
    from programme.inquiries import flows

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

    from programme.surveys import flows

    try:
        respondent = flows.respondent_for(args.survey, company_id=args.company, learner_login_id=args.learner)
    except flows.SurveyError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(flows.link(respondent, settings.NIHONGO_BASE_URL))
    return 0


def cmd_survey_totals(args) -> int:
    from programme.surveys import flows

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


def cmd_audit(args) -> int:
    from programme import audit
    from programme.month import Month

    try:
        month = Month.parse(args.month) if args.month else None
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    since = until = None
    if month:
        from curriculum.japan_time import PROGRAMME_TZ

        since = datetime.combine(month.first, datetime.min.time(), PROGRAMME_TZ)
        nxt = Month(month.year + month.month // 12, month.month % 12 + 1)
        until = datetime.combine(nxt.first, datetime.min.time(), PROGRAMME_TZ)
    found = audit.rows(since, until, who=args.who, company_id=args.company)
    if args.csv:
        import csv

        writer = csv.writer(sys.stdout)
        writer.writerow(["at (Japan time)", "who", "action", "what", "companies", "people", "where"])
        for r in found:
            writer.writerow([_when(r.at), r.who, r.action, r.what, " ".join(map(str, r.company_ids)),
                             " ".join(r.subjects), r.where])
        return 0
    rows = [[_when(r.at), r.who, r.action, r.what, ",".join(map(str, r.company_ids)) or "-",
             str(len(r.subjects)), r.where or "-"] for r in found]
    print("\n".join(_table(["at (JST)", "who", "action", "what", "companies", "people", "where"], rows))
          if rows else "No access recorded for this selection.")
    return 0


def register(sub) -> None:
    """Add this package's commands to ``nihongo``'s subparsers."""
    log = sub.add_parser("log", help="the operations log: incidents, maintenance, work done")
    log = log.add_subparsers(dest="kind_", required=True)
    p = log.add_parser("add", help="record an incident, a planned maintenance or work done")
    p.add_argument("--kind", required=True, choices=["incident", "maintenance", "work"])
    p.add_argument("--title", required=True)
    p.add_argument("--details", help="what happened and what was done (no learners' personal data)")
    p.add_argument("--started", help="ISO 8601 with zone (default: now)")
    p.add_argument("--ended", help="ISO 8601 with zone")
    p.add_argument("--by", required=True, help="who records it")
    p.add_argument("--impact", help="incidents: who or what was affected, and how")
    p.add_argument("--cause", help="incidents: the cause, once known")
    p.add_argument("--notify", action="store_true",
                   help="maintenance: tell every company and learner now, through the outbox (O9)")
    p.set_defaults(func=cmd_log_add, django=True)
    p = log.add_parser("list", help="the month's entries")
    p.add_argument("--month", required=True, help="YYYY-MM")
    p.set_defaults(func=cmd_log_list, django=True)

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

    p = sub.add_parser("audit", help="who viewed or exported whose personal data, when, from where (O11)")
    p.add_argument("--month", help="YYYY-MM (Japan time); default: everything")
    p.add_argument("--who", help="one user or operator")
    p.add_argument("--company", type=int, help="access to this company's people")
    p.add_argument("--csv", action="store_true", help="CSV on standard output, for the auditor")
    p.set_defaults(func=cmd_audit, django=True)

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
    register_identities(sub)


def cmd_identities_list(args) -> int:
    from programme.models import LmsIdentity

    rows = LmsIdentity.objects.select_related("learner").order_by("status", "first_seen", "id")
    if not args.all:
        rows = rows.filter(status=LmsIdentity.Status.UNMATCHED)
    table = [[str(r.pk), r.status, r.issuer, r.subject, _when(r.first_seen), str(len(r.held)),
              r.learner.login_id if r.learner else "-", r.via or _hints(r.hints)] for r in rows]
    for line in _table(["ID", "STATUS", "HOST", "SUBJECT", "FIRST SEEN (JST)", "DAYS HELD", "LEARNER",
                        "HOW / WHAT THE HOST SAID"], table):
        print(line.rstrip())
    what = "identities" if args.all else "unmatched: link (or ignore) them so their study counts"
    print(f"{len(table)} {what}")
    return 0


def _hints(hints: dict) -> str:
    return " ".join(f"{k}={v}" for k, v in hints.items())[:80] or "-"


def cmd_identities_link(args) -> int:
    from programme.identities import IdentityError, link

    try:
        row = link(args.id, args.login_id, args.by, datetime.now(timezone.utc))
    except IdentityError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"identity {row.pk} ({row.issuer} {row.subject}) linked to {row.learner}; held activity added")
    return 0


def cmd_identities_ignore(args) -> int:
    from programme.identities import IdentityError, ignore

    try:
        row = ignore(args.id, args.by, datetime.now(timezone.utc))
    except IdentityError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"identity {row.pk} ({row.issuer} {row.subject}) ignored: not a learner of the programme")
    return 0


def register_identities(sub) -> None:
    identities = sub.add_parser("identities", help="hosts' users and the learners they are; the review list")
    identities = identities.add_subparsers(dest="kind", required=True)
    p = identities.add_parser("list", help="users the hosts sent that match no learner (--all: every link)")
    p.add_argument("--all", action="store_true", help="every identity, linked and ignored too")
    p.set_defaults(func=cmd_identities_list, django=True)
    p = identities.add_parser("link", help="link an unmatched user to a learner; its held study is added")
    p.add_argument("id", type=int)
    p.add_argument("login_id")
    p.add_argument("--by", required=True, help="the operator who checked it")
    p.set_defaults(func=cmd_identities_link, django=True)
    p = identities.add_parser("ignore", help="a user who is not a learner (a teacher, a test account)")
    p.add_argument("id", type=int)
    p.add_argument("--by", required=True)
    p.set_defaults(func=cmd_identities_ignore, django=True)
