"""The monthly report on its way to the prefecture (P8, O10): encrypted, in the outbox, approved by an operator.

``nihongo report monthly --month last --queue`` (the schedule, on the 1st) writes the .xlsx and the PDF, puts them
in one AES-256 zip and queues a mail to ``NIHONGO_PREFECTURE_EMAIL`` that waits for an operator's double check.
The zip's password is printed once, to be told by phone. ``nihongo status`` warns from the 7th (Japan time)
while last month's report has not been sent.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from curriculum.japan_time import japan_date
from programme.month import Month

WARN_FROM_DAY = 7


def purpose(month: Month) -> str:
    return f"monthly report {month}"


def queue_for_prefecture(month: Month, files: list[Path], *, now: datetime, by: str):
    from django.conf import settings

    from programme.outbox import flows as outbox
    from programme.outbox.encryption import encrypted_zip, new_password

    address = getattr(settings, "NIHONGO_PREFECTURE_EMAIL", "")
    if not address:
        raise ValueError("set NIHONGO_PREFECTURE_EMAIL (the prefecture's address for the monthly report)")
    password = new_password()
    packet = encrypted_zip({f.name: f.read_bytes() for f in files}, password)
    body = (
        f"鹿児島県 外国人材政策推進課 御中\n\n{month.year}年{month.month}月分の月次報告書をお送りします"
        f"(提出期限 {month.due:%Y年%m月%d日})。\n添付の圧縮ファイルのパスワードは、別途お電話でお伝えします。\n\n"
        "鹿児島県外国人材日本語学習支援事業 運営事務局"
    )
    mail = outbox.queue(
        subject=f"【月次報告書】{month.year}年{month.month}月分",
        body=body,
        recipients=[address],
        purpose=purpose(month),
        personal_data=True,
        created_by=by,
        now=now,
        attachments=(outbox.File(f"monthly-report-{month}.zip", packet),),
    )
    return mail, password


def overdue_line(now: datetime) -> str | None:
    """From the 7th (Japan time), a problem while last month's report has not been sent."""
    from programme.outbox.models import OutgoingMail

    today = japan_date(now)
    if today.day < WARN_FROM_DAY:
        return None
    last = Month(today.year - (today.month == 1), (today.month - 2) % 12 + 1)
    if OutgoingMail.objects.filter(purpose=purpose(last), status=OutgoingMail.Status.SENT).exists():
        return None
    queued = OutgoingMail.objects.filter(purpose=purpose(last)).exclude(status=OutgoingMail.Status.CANCELLED)
    hint = (
        "approve it: `nihongo outbox list`"
        if queued.exists()
        else f"run `nihongo report monthly --month {last} --queue`"
    )
    days = (last.due - today).days
    return (
        f"the monthly report for {last} has not gone to the prefecture (due {last.due}, "
        f"{'in ' + str(days) + ' days' if days >= 0 else str(-days) + ' days late'}): {hint}"
    )


def status_check(now: datetime) -> tuple[str, list[str]]:
    """A line for ``nihongo status`` (wired by NIHONGO_STATUS_CHECKS) and the problem, if any."""
    problem = overdue_line(now)
    return ("monthly report: " + ("NOT SENT" if problem else "on time")), ([problem] if problem else [])
