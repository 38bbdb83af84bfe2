"""The outbox's use cases. All mail the programme sends goes through ``queue`` and ``send_due``.

The rules (O10): several recipients go in BCC only (To is the programme's own address, no CC ever);
mail with personal data waits for an operator's approval, given after a double check of its
recipients and attachments; a personal-data attachment must be an encrypted zip; every mail is
held a few minutes so its sender can cancel; everything that happens to a mail is recorded.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, get_connection
from django.core.validators import validate_email
from django.db import transaction

from curriculum.japan_time import PROGRAMME_TZ

from .encryption import is_encrypted_zip
from .models import Attachment, MailEvent, OutgoingMail

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 5


class OutboxRefused(ValueError):
    """The request breaks an outbox rule; nothing was changed. The message says what to do."""


@dataclass(frozen=True)
class File:
    filename: str
    content: bytes
    content_type: str = "application/zip"


def hold_minutes() -> int:
    from django.conf import settings

    return settings.NIHONGO_MAIL_HOLD_MINUTES


def _record(mail: OutgoingMail, action: str, by: str, at: datetime, detail: str = "") -> None:
    log.info("mail %s %s by %s (%s, %s)", mail.pk, action, by, mail.channel, mail.purpose)
    MailEvent.objects.create(mail=mail, action=action, by=by, at=at, detail=detail)


def _addresses(recipients) -> list[str]:
    found = []
    for address in recipients:
        address = str(address).strip()
        try:
            validate_email(address)
        except ValidationError:
            raise OutboxRefused(f"{address!r} is not an e-mail address: correct it and queue again."
                                ) from None
        if address.lower() not in {a.lower() for a in found}:
            found.append(address)
    if not found:
        raise OutboxRefused("A mail needs at least one recipient.")
    return found


def queue(*, subject: str, body: str, recipients, purpose: str, personal_data: bool, created_by: str,
          now: datetime, attachments: tuple[File, ...] = (), hold: timedelta | None = None) -> OutgoingMail:
    """Put a mail in the outbox (nothing is sent yet)."""
    addresses = _addresses(recipients)
    if not subject.strip() or not body.strip():
        raise OutboxRefused("A mail needs a subject and a body.")
    for f in attachments:
        encrypted = is_encrypted_zip(f.content)
        if personal_data and not encrypted:
            raise OutboxRefused(f"{f.filename} would carry personal data unencrypted: attach it as an "
                                "encrypted zip (programme.outbox.encryption.encrypted_zip).")
    hold = timedelta(minutes=hold_minutes()) if hold is None else hold
    with transaction.atomic():
        mail = OutgoingMail.objects.create(
            subject=subject.strip(), body=body, recipients=addresses, personal_data=personal_data,
            purpose=purpose, created_by=created_by, created_at=now, hold_until=now + hold)
        for f in attachments:
            Attachment.objects.create(mail=mail, filename=f.filename, content_type=f.content_type,
                                      content=f.content, encrypted=is_encrypted_zip(f.content))
        _record(mail, "queued", created_by, now,
                f"{len(addresses)} recipient(s), {len(attachments)} attachment(s)")
    return mail


def _locked(mail_id: int) -> OutgoingMail:
    mail = OutgoingMail.objects.select_for_update().filter(pk=mail_id).first()
    if mail is None:
        raise OutboxRefused(f"There is no mail {mail_id}: `nihongo outbox list` shows them.")
    return mail


def cancel(mail_id: int, *, by: str, now: datetime) -> OutgoingMail:
    """Stop a mail before it is sent."""
    with transaction.atomic():
        mail = _locked(mail_id)
        if mail.status in (OutgoingMail.Status.SENT, OutgoingMail.Status.CANCELLED):
            raise OutboxRefused(f"Mail {mail.pk} is already {mail.status}.")
        mail.status = OutgoingMail.Status.CANCELLED
        mail.save(update_fields=["status"])
        _record(mail, "cancelled", by, now)
    return mail


@dataclass(frozen=True)
class DoubleCheck:
    """What the approver must look at before approving: the screen and the CLI show the same."""

    mail: OutgoingMail
    to: list[str]
    bcc: list[str]
    attachments: list[tuple[str, int, bool]]  # filename, size, encrypted

    @property
    def recipient_count(self) -> int:
        return len(self.to) + len(self.bcc)


def envelope(mail: OutgoingMail) -> tuple[list[str], list[str]]:
    """(To, BCC): one recipient is To; several are all BCC, To being the programme's own address."""
    if mail.is_group:
        return [settings.DEFAULT_FROM_EMAIL], list(mail.recipients)
    return list(mail.recipients), []


def double_check(mail_id: int) -> DoubleCheck:
    mail = OutgoingMail.objects.filter(pk=mail_id).first()
    if mail is None:
        raise OutboxRefused(f"There is no mail {mail_id}: `nihongo outbox list` shows them.")
    to, bcc = envelope(mail)
    return DoubleCheck(mail, to if not mail.is_group else [], bcc,
                       [(a.filename, len(a.content), a.encrypted) for a in mail.attachments.all()])


def approve(mail_id: int, *, by: str, now: datetime, confirmed_recipients: int) -> OutgoingMail:
    """The operator's approval of a personal-data mail, given after the double check.

    ``confirmed_recipients`` is the number of recipients the operator counted on the check screen;
    a different number means the check was not done on this mail, and nothing is approved.
    """
    with transaction.atomic():
        mail = _locked(mail_id)
        if mail.status != OutgoingMail.Status.QUEUED:
            raise OutboxRefused(f"Mail {mail.pk} is {mail.status}: only a queued mail can be approved.")
        if not mail.personal_data:
            raise OutboxRefused(f"Mail {mail.pk} holds no personal data: it needs no approval.")
        if by == mail.created_by:
            raise OutboxRefused("The sender cannot approve their own mail: ask another operator.")
        if confirmed_recipients != mail.addressees:
            raise OutboxRefused(f"Mail {mail.pk} has {mail.addressees} recipient(s), not "
                                f"{confirmed_recipients}: look at the double check again.")
        mail.status, mail.approved_by, mail.approved_at = OutgoingMail.Status.APPROVED, by, now
        mail.save(update_fields=["status", "approved_by", "approved_at"])
        _record(mail, "approved", by, now, f"{confirmed_recipients} recipient(s) checked")
    return mail


def due(now: datetime):
    """Mails that may go now: past their hold, and approved when they hold personal data."""
    ready = OutgoingMail.objects.filter(hold_until__lte=now, attempts__lt=MAX_ATTEMPTS,
                                        channel=OutgoingMail.Channel.MAIL)
    plain = ready.filter(personal_data=False, status__in=[OutgoingMail.Status.QUEUED,
                                                          OutgoingMail.Status.FAILED])
    approved = ready.filter(personal_data=True, status__in=[OutgoingMail.Status.APPROVED,
                                                            OutgoingMail.Status.FAILED],
                            approved_at__isnull=False)
    return (plain | approved).order_by("created_at", "id")


def message(mail: OutgoingMail, connection=None) -> EmailMessage:
    to, bcc = envelope(mail)
    email = EmailMessage(subject=mail.subject, body=mail.body, from_email=settings.DEFAULT_FROM_EMAIL,
                         to=to, bcc=bcc, connection=connection)
    for a in mail.attachments.all():
        email.attach(a.filename, bytes(a.content), a.content_type)
    return email


def send_due(now: datetime, *, by: str = "outbox", connection=None) -> tuple[int, int]:
    """Send every due mail through Django's mail backend; returns (sent, failed)."""
    connection = connection or get_connection()
    sent = failed = 0
    for mail_id in list(due(now).values_list("pk", flat=True)):
        with transaction.atomic():
            mail = _locked(mail_id)
            if mail.status in (OutgoingMail.Status.SENT, OutgoingMail.Status.CANCELLED):
                continue  # another sender took it, or its sender cancelled meanwhile
            mail.attempts += 1
            try:
                message(mail, connection).send()
            except Exception as exc:  # SMTP refused or down: recorded, retried on the next run
                mail.status, mail.error = OutgoingMail.Status.FAILED, f"{type(exc).__name__}: {exc}"
                failed += 1
                _record(mail, "failed", by, now, mail.error)
            else:
                mail.status, mail.sent_at, mail.error = OutgoingMail.Status.SENT, now, ""
                sent += 1
                _record(mail, "sent", by, now)
            mail.save(update_fields=["status", "attempts", "error", "sent_at"])
    return sent, failed


def waiting_for_approval():
    return OutgoingMail.objects.filter(personal_data=True, status=OutgoingMail.Status.QUEUED)


# Letters: companies without e-mail (printed and posted) ------------------------------------------------

def queue_letter(*, subject: str, body: str, addressee: str, postal_address: str, purpose: str,
                 created_by: str, now: datetime) -> OutgoingMail:
    """A notice for someone without e-mail, as a Japanese PDF letter waiting for approval and printing."""
    from programme.pdf import escape, render

    if not postal_address.strip():
        raise OutboxRefused("A letter needs a postal address: add it to the company's record in the admin.")
    page = (f'<p style="margin-bottom:12mm">{escape(postal_address).replace(chr(10), "<br>")}<br>'
            f"{escape(addressee)} 様</p>"
            f"<p style=\"text-align:right\">{now.astimezone(PROGRAMME_TZ):%Y年%m月%d日}"
            "<br>鹿児島県外国人材日本語学習支援事業 運営事務局</p>"
            f"<h1>{escape(subject)}</h1>"
            + "".join(f"<p>{escape(line)}</p>" for line in body.splitlines() if line))
    pdf = render(page, subject)
    with transaction.atomic():
        mail = OutgoingMail.objects.create(
            channel=OutgoingMail.Channel.LETTER, subject=subject.strip(), body=body, recipients=[],
            postal_address=f"{addressee}\n{postal_address}", personal_data=True, purpose=purpose,
            created_by=created_by, created_at=now, hold_until=now)
        Attachment.objects.create(mail=mail, filename=f"letter-{mail.pk}.pdf", content_type="application/pdf",
                                  content=pdf, encrypted=False)
        _record(mail, "queued", created_by, now, "letter to print")
    return mail


def letters_waiting():
    """Letters not yet printed (waiting for approval, or approved and waiting for the printer)."""
    return OutgoingMail.objects.filter(channel=OutgoingMail.Channel.LETTER,
                                       status__in=[OutgoingMail.Status.QUEUED, OutgoingMail.Status.APPROVED])


def print_letters(out_dir, *, by: str, now: datetime) -> list:
    """Write every approved letter's PDF into ``out_dir`` for printing and mark it sent (printed)."""
    from pathlib import Path

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for mail in OutgoingMail.objects.filter(channel=OutgoingMail.Channel.LETTER,
                                            status=OutgoingMail.Status.APPROVED).order_by("created_at", "id"):
        with transaction.atomic():
            for attachment in mail.attachments.all():
                path = out_dir / attachment.filename
                path.write_bytes(bytes(attachment.content))
                written.append(path)
            mail.status, mail.sent_at = OutgoingMail.Status.SENT, now
            mail.save(update_fields=["status", "sent_at"])
            _record(mail, "printed", by, now, str(out_dir))
    return written
