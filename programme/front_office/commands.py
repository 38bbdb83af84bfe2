"""``nihongo applications list|forward|import-decisions``: the operator's side of the front office."""

from __future__ import annotations

import getpass
import sys
from datetime import datetime, timezone
from pathlib import Path


def register(sub) -> None:
    """Add ``applications list|forward|import-decisions`` to the top-level subparsers."""
    apps = sub.add_parser("applications", help="companies' applications: list, forward to the prefecture, "
                                               "import the prefecture's decisions")
    kinds = apps.add_subparsers(dest="kind", required=True)

    p = kinds.add_parser("list", help="applications with their counts (no names), and the places left",
                         description="One line per application: receipt number, when (Japan time), company "
                                     "ID, employees, places, learners undecided/approved/rejected/waiting.")
    p.add_argument("--status", choices=["received", "forwarded", "decided"],
                   help="only applications in this state (default: all)")
    p.set_defaults(func=cmd_list, django=True)

    p = kinds.add_parser(
        "forward", help="write the undecided learners as an encrypted .xlsx (AES zip) for the prefecture",
        description="Writes a zip holding one .xlsx (AES-256; opens in 7-Zip or Explorer with the password). "
                    "The password is printed once and kept nowhere: give it to the prefecture by phone or "
                    "another channel than the file's. Applications sent are marked forwarded.")
    p.add_argument("--out", type=Path, help="the zip to write (default: applications-YYYYMMDD.zip here)")
    p.add_argument("--receipt", action="append", metavar="RECEIPT",
                   help="only this application (repeatable); also sends an application again")
    p.add_argument("--by", default=None, help="who forwards (default: your user name)")
    p.add_argument("--mail", metavar="ADDRESS", action="append",
                   help="also queue the zip to this address (repeatable) in the outbox, where another "
                        "operator approves it before it leaves")
    p.set_defaults(func=cmd_forward, django=True)

    p = kinds.add_parser(
        "confirm",
        help="after checking with the company: its contact and details from this application count",
        description="An application for a company we know changes nothing by itself: its company details, "
                    "contact person, e-mail (where packets go) and phone (where zip passwords are told) "
                    "count only once an operator has checked them with the company and confirms here.")
    p.add_argument("receipt", help="the application's receipt number")
    p.add_argument("--by", required=True, help="your operator name (recorded)")
    p.set_defaults(func=cmd_confirm, django=True)

    p = kinds.add_parser(
        "import-decisions", help="apply the decisions in the sheet the prefecture sent back",
        description="Reads the forwarded sheet with its Decision column (承認/不承認 or approve/reject) and "
                    "Reason. Every row is checked first; if any row has a problem nothing is applied and "
                    "the problems are listed by row (exit 2). A .zip asks for its password (or reads it "
                    "from standard input).")
    p.add_argument("file", type=Path, help="the returned .xlsx, or the .zip it came in")
    p.add_argument("--reviewer", required=True, help="the prefecture's reviewer who signed the sheet off")
    p.add_argument("--by", default=None, help="who imports (default: your user name)")
    p.set_defaults(func=cmd_import_decisions, django=True)


def _fail(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return 2


def _when(moment) -> str:
    from curriculum.japan_time import PROGRAMME_TZ

    return moment.astimezone(PROGRAMME_TZ).strftime("%Y-%m-%d %H:%M") if moment else "-"


def cmd_confirm(args) -> int:
    from . import flows

    try:
        application = flows.confirm_application(args.receipt, args.by, datetime.now(timezone.utc))
    except ValueError as exc:
        return _fail(str(exc))
    print(f"{application.receipt_number}: company #{application.company_id} updated; its contact now "
          "receives packets and zip passwords.")
    return 0


def cmd_list(args) -> int:
    from programme.approvals import places_taken, programme_counter, recruitment_window
    from programme.models import ApplicationLearner

    from . import flows

    rows = flows.summary(args.status)
    header = ["RECEIPT", "RECEIVED (JST)", "COMPANY", "EMPLOYEES", "PLACES", "UNDECIDED", "APPROVED",
              "REJECTED", "WAITING", "STATUS"]
    table = [header] + [[r["receipt"], _when(r["submitted_at"]), f"#{r['company_id']}", r["employees"],
                         r["places"], r["pending"], r["approved"], r["rejected"], r["waiting"], r["status"]]
                        for r in rows]
    widths = [max(len(str(line[i])) for line in table) for i in range(len(header))]
    for line in table:
        print("  ".join(str(cell).ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip())
    counter = programme_counter()
    window = recruitment_window(counter)
    now = datetime.now(timezone.utc)
    pending = ApplicationLearner.objects.filter(status=ApplicationLearner.Status.PENDING).count()
    taken = places_taken()
    print(f"{len(rows)} applications; {taken} of {counter.places} places taken, {pending} undecided; "
          f"the form is {window.state_at(now, taken)} (until {window.end.isoformat()})")
    return 0


def cmd_forward(args) -> int:
    from django.core.exceptions import ValidationError
    from django.core.validators import validate_email

    from curriculum.japan_time import japan_date
    from programme.outbox import flows as outbox
    from programme.outbox.encryption import new_password

    from . import flows

    now = datetime.now(timezone.utc)
    name = f"applications-{japan_date(now).strftime('%Y%m%d')}.zip"
    out = args.out or Path(name)
    if out.is_dir():
        out = out / name
    if out.exists():
        return _fail(f"{out} exists: choose another --out (the old file may be in use)")
    if not out.parent.exists():
        return _fail(f"no folder {out.parent}: create it or choose another --out")
    by = args.by or getpass.getuser()
    password = new_password()
    try:
        for address in args.mail or ():  # a mistyped address stops here, before anything is marked
            validate_email(address)
        forwarded = flows.forward(now, by, password, receipts=args.receipt)
    except ValidationError:
        return _fail(f"{address!r} is not an e-mail address: correct --mail")
    except ValueError as exc:
        return _fail(str(exc))
    out.write_bytes(forwarded.zip_bytes)
    print(f"wrote {out}: {forwarded.applicants} learners from {len(forwarded.applications)} applications "
          f"({', '.join(forwarded.applications)})")
    if args.mail:
        mail = outbox.queue(
            subject="Kagoshima Nihongo: 利用申請（承認依頼） / applications for approval",
            body="利用申請の一覧を添付します。判定と理由を記入のうえご返送ください。パスワードは別途お電話でお伝えします。\n"
                 "The applications are attached for your decision; the zip's password comes by phone.\n",
            recipients=args.mail, purpose="applications", personal_data=True, created_by=by, now=now,
            attachments=(outbox.File(forwarded.file_name, forwarded.zip_bytes),))
        print(f"queued as mail {mail.pk}; another operator approves it with `nihongo outbox show {mail.pk}`")
    print(f"zip password (shown once, not stored; tell the prefecture by phone, not in the same mail): "
          f"{password}")
    return 0


def cmd_import_decisions(args) -> int:
    from . import flows

    if not args.file.is_file():
        return _fail(f"no file {args.file}: give the .xlsx (or .zip) the prefecture sent back")
    data = args.file.read_bytes()
    if args.file.suffix.lower() == ".zip":
        password = getpass.getpass("zip password: ") if sys.stdin.isatty() else sys.stdin.readline().strip()
        try:
            data = flows.read_forwarded(data, password)
        except ValueError as exc:
            return _fail(str(exc))
    try:
        result = flows.import_decisions(data, args.reviewer, args.by or getpass.getuser(),
                                        datetime.now(timezone.utc))
    except flows.ImportRefused as refused:
        for problem in refused.errors:
            print(f"error: {problem}", file=sys.stderr)
        count = len(refused.errors)
        print(f"error: nothing imported; fix the {count} problem{'s' if count > 1 else ''} above and import "
              "again", file=sys.stderr)
        return 2
    print(f"imported: {result.approved} approved, {result.rejected} rejected, {result.undecided} left "
          f"undecided, {result.already} already recorded")
    return 0
