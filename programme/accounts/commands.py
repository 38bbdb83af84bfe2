"""``nihongo accounts issue|reset``: login IDs and first passwords, in an encrypted packet (P5)."""

from __future__ import annotations

import sys
from pathlib import Path

from django.utils import timezone


def _error(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return 2


def _write(out: Path, name: str, data: bytes) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    path = out / name
    path.write_bytes(data)
    path.chmod(0o600)
    return path


def _mail(issued, by: str) -> str:
    from programme.outbox import flows as outbox

    from .flows import support_email

    address = support_email(issued.record.company)
    if not address:
        return "no support e-mail on file: hand the packet over yourself"
    mail = outbox.queue(
        subject="Kagoshima Nihongo: ログイン情報 / sign-in details",
        body="学習者と担当者のログイン情報を添付します。パスワードは別にお電話でお伝えします。\n"
             "The sign-in details are attached. We will tell you the zip's password by phone.\n",
        recipients=[address], purpose="credentials", personal_data=True, created_by=by, now=timezone.now(),
        attachments=(outbox.File("kagoshima-nihongo-credentials.zip", issued.packet),))
    return f"queued as mail {mail.pk}; another operator approves it with `nihongo outbox show {mail.pk}`"


def _host_lines(issued) -> None:
    """Per person, what the host did: never a password the host does not hold without saying so."""
    result = issued.record.host_result or {}
    for login_id, outcome in sorted((result.get("people") or {}).items()):
        where = f"enrolled in {outcome['enrolled_in']}" if outcome.get("enrolled_in") else "not enrolled"
        error = f" ({outcome['error']})" if outcome.get("error") else ""
        print(f"  {result.get('host', 'openedx')} {login_id}: {outcome.get('account') or 'on the host'}, "
              f"{where}{error}")
    for problem in result.get("problems") or []:
        print(f"PROBLEM: {problem}")


def _report(issued, out: Path, stem: str, by: str, mail: bool) -> None:
    _host_lines(issued)
    if not issued.rows:
        print("No new password to hand out: only the host's enrollments were retried.")
        return
    path = _write(out, f"{stem}.zip", issued.packet)
    print(f"{len(issued.rows)} account(s): {', '.join(r.login_id for r in issued.rows)}")
    print(f"Packet: {path}")
    if issued.host_packet:
        host = _write(out, f"{stem}-host-upload.zip", issued.host_packet)
        print(f"Host upload files (same password): {host}")
    if mail:
        print(f"Mail: {_mail(issued, by)}")
    from programme.contacts import confirmed_contact

    contact = confirmed_contact(issued.record.company)
    to = (f" to {contact.support_name} at {contact.support_phone} (the confirmed contact)" if contact
          else " to the company's contact once you have checked who that is")
    print(f"Zip password (shown once; tell it by phone or SMS{to}, never in the same mail): "
          f"{issued.password}")


def cmd_issue(args) -> int:
    from .flows import AccountsRefused, issue
    from .provisioning import ProvisionFailed, provisioner

    now = timezone.now()
    try:
        provision = provisioner(args.host, args.course)
        issued = issue(args.company, by=args.by, now=now, host=args.host, course=args.course or "",
                       provision=provision)
    except (AccountsRefused, ProvisionFailed, ValueError) as exc:
        return _error(f"{exc} (nothing was issued)")
    stem = f"credentials-company-{args.company}-{now:%Y%m%d-%H%M}"
    _report(issued, Path(args.out), stem, args.by, args.mail)
    return 0


def cmd_reset(args) -> int:
    from .flows import AccountsRefused, reset

    now = timezone.now()
    try:
        issued = reset(args.login_id, by=args.by, now=now)
    except AccountsRefused as exc:
        return _error(str(exc))
    _report(issued, Path(args.out), f"reset-{args.login_id}-{now:%Y%m%d-%H%M}", args.by, args.mail)
    return 0


def register(sub) -> None:
    accounts = sub.add_parser("accounts",
                              help="login IDs and first passwords for approved learners and managers")
    accounts = accounts.add_subparsers(dest="kind", required=True)
    p = accounts.add_parser(
        "issue", help="accounts for everyone of a company who has none; writes the encrypted packet",
        epilog="--host openedx also creates the users in Open edX, enrolls them in --course and opens the "
               "company's CCX (reads OPENEDX_BASE_URL, OPENEDX_CLIENT_ID, OPENEDX_CLIENT_SECRET); "
               "moodle and canvas add their upload CSVs to a second encrypted zip.")
    p.add_argument("--company", type=int, required=True, help="the company's ID")
    p.add_argument("--by", required=True, help="your operator name (recorded)")
    p.add_argument("--host", choices=["none", "moodle", "canvas", "openedx"], default="none")
    p.add_argument("--course", help="the host's course: Open edX course ID, Moodle short name, Canvas SIS ID")
    p.add_argument("--out", default=".", help="folder for the packet (default: here)")
    p.add_argument("--mail", action="store_true",
                   help="also queue the packet to the company's support person "
                        "(another operator approves it in the outbox)")
    p.set_defaults(func=cmd_issue, django=True)
    p = accounts.add_parser("reset", help="a new first password for one account (changed at next sign-in)")
    p.add_argument("login_id")
    p.add_argument("--by", required=True)
    p.add_argument("--out", default=".")
    p.add_argument("--mail", action="store_true")
    p.set_defaults(func=cmd_reset, django=True)
