"""``nihongo outbox list|show|approve|cancel|send``: every mail the programme sends (O10)."""

from __future__ import annotations

import sys
from pathlib import Path

from django.utils import timezone


def _error(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return 2


def cmd_list(args) -> int:
    from .models import OutgoingMail

    mails = OutgoingMail.objects.all() if args.all else OutgoingMail.objects.exclude(
        status__in=[OutgoingMail.Status.SENT, OutgoingMail.Status.CANCELLED])
    rows = list(mails.order_by("created_at", "id"))
    if not rows:
        print("The outbox is empty." if args.all else "Nothing waiting: every mail is sent or cancelled.")
        return 0
    print(f"{'id':>5}  {'status':<9} {'personal':<8} {'rcpts':>5} {'att':>3}  "
          f"{'hold until (JST)':<16}  subject")
    for m in rows:
        hold = timezone.localtime(m.hold_until).strftime("%Y-%m-%d %H:%M")
        flag = "APPROVE" if m.personal_data and m.status == OutgoingMail.Status.QUEUED else (
            "yes" if m.personal_data else "no")
        print(f"{m.pk:>5}  {m.status:<9} {flag:<8} {len(m.recipients):>5} {m.attachments.count():>3}  "
              f"{hold:<16}  {m.subject[:50]}")
    return 0


def cmd_show(args) -> int:
    from .flows import OutboxRefused, double_check

    try:
        check = double_check(args.id)
    except OutboxRefused as exc:
        return _error(str(exc))
    mail = check.mail
    print(f"Mail {mail.pk} — {mail.status}; purpose: {mail.purpose}; queued by {mail.created_by}")
    print(f"Subject: {mail.subject}")
    print(f"To:  {', '.join(check.to) or '(the programme address; recipients in BCC)'}")
    print(f"BCC: {', '.join(check.bcc) or '-'}")
    print(f"Recipients to confirm: {check.recipient_count if not mail.is_group else len(check.bcc)}")
    for name, size, encrypted in check.attachments:
        print(f"Attachment: {name} ({size:,} bytes, {'encrypted' if encrypted else 'NOT encrypted'})")
    print("")
    print(mail.body)
    return 0


def cmd_approve(args) -> int:
    from .flows import OutboxRefused, approve

    try:
        mail = approve(args.id, by=args.by, now=timezone.now(), confirmed_recipients=args.recipients)
    except OutboxRefused as exc:
        return _error(str(exc))
    print(f"Mail {mail.pk} approved by {mail.approved_by}; `nihongo outbox send` sends it after its hold.")
    return 0


def cmd_cancel(args) -> int:
    from .flows import OutboxRefused, cancel

    try:
        mail = cancel(args.id, by=args.by, now=timezone.now())
    except OutboxRefused as exc:
        return _error(str(exc))
    print(f"Mail {mail.pk} cancelled.")
    return 0


def cmd_send(args) -> int:
    from .flows import send_due, waiting_for_approval

    sent, failed = send_due(timezone.now())
    waiting = waiting_for_approval().count()
    print(f"{sent} sent, {failed} failed (kept for the next run), {waiting} waiting for approval.")
    return 1 if failed else 0


def cmd_notices(args) -> int:
    from .notices import hand_over

    result = hand_over(timezone.now())
    print(f"{result.queued} notice(s) queued in the outbox (each waits for approval); "
          f"{result.letters} as letters to print (`nihongo outbox letters`); "
          f"{result.no_address} with neither an e-mail nor a postal address")
    return 1 if result.no_address else 0


def cmd_letters(args) -> int:
    from .flows import letters_waiting, print_letters

    if args.out is None:
        waiting = list(letters_waiting())
        for mail in waiting:
            print(f"{mail.pk:>5}  {mail.status:<9} {mail.subject[:60]}")
        print(f"{len(waiting)} letter(s) waiting: approve each (`nihongo outbox approve ID --recipients 1`), "
              "then `nihongo outbox letters --out DIR` writes them to print")
        return 0
    written = print_letters(args.out, by=args.by, now=timezone.now())
    print(f"{len(written)} letter(s) written to {args.out} and marked printed: print and post them today")
    return 0


def register(sub) -> None:
    outbox = sub.add_parser("outbox", help="every mail the programme sends: check, approve, send")
    outbox = outbox.add_subparsers(dest="kind", required=True)
    p = outbox.add_parser("list", help="mails not yet sent (APPROVE: waiting for an operator)")
    p.add_argument("--all", action="store_true", help="also sent and cancelled mails")
    p.set_defaults(func=cmd_list, django=True)
    p = outbox.add_parser("show", help="the double check: recipients (To/BCC), attachments, text")
    p.add_argument("id", type=int)
    p.set_defaults(func=cmd_show, django=True)
    p = outbox.add_parser("approve", help="approve a personal-data mail after `outbox show`",
                          epilog="--recipients is the number of recipients you counted in `outbox show`; "
                                 "the sender of a mail cannot approve it.")
    p.add_argument("id", type=int)
    p.add_argument("--by", required=True, help="your operator name")
    p.add_argument("--recipients", type=int, required=True, help="how many recipients you checked")
    p.set_defaults(func=cmd_approve, django=True)
    p = outbox.add_parser("cancel", help="stop a mail before it is sent")
    p.add_argument("id", type=int)
    p.add_argument("--by", required=True)
    p.set_defaults(func=cmd_cancel, django=True)
    p = outbox.add_parser("notices", help="queue the weekly rule's notices (after `rules run --apply`)")
    p.set_defaults(func=cmd_notices, django=True)
    p = outbox.add_parser("letters", help="letters for companies without e-mail: list, or print")
    p.add_argument("--out", type=Path, help="write the approved letters' PDFs here and mark them printed")
    p.add_argument("--by", default="operator", help="who prints them")
    p.set_defaults(func=cmd_letters, django=True)
    p = outbox.add_parser("send", help="send every due mail (run it from cron); exit 1 if any failed")
    p.set_defaults(func=cmd_send, django=True)
