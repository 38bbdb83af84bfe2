"""Telling companies and learners about planned maintenance in advance (O9), through the outbox.

Companies get the notice in Japanese at their learning-support person's address (a letter to print when
they have none); learners who gave an e-mail address get it in their help language (English only for a
language without the text). The banner on every page is ``portal.maintenance``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from curriculum.japan_time import PROGRAMME_TZ

from . import notice_texts
from .contacts import support_email
from .models import Company, Learner, OperationsEntry
from .outbox import flows as outbox


@dataclass(frozen=True)
class Announced:
    companies: int
    letters: int
    learners: int
    without_address: int


def when(entry: OperationsEntry) -> str:
    start = entry.started_at.astimezone(PROGRAMME_TZ)
    end = f"〜{entry.ended_at.astimezone(PROGRAMME_TZ):%m/%d %H:%M}" if entry.ended_at else ""
    return f"{start:%Y-%m-%d %H:%M}{end}"


def _text(language: str, entry: OperationsEntry) -> tuple[str, str]:
    subject, body = notice_texts.MAINTENANCE.get(language, notice_texts.MAINTENANCE["en"])
    return subject.format(when=when(entry)), body.format(when=when(entry), title=entry.title)


def announce(entry: OperationsEntry, *, by: str, now: datetime) -> Announced:
    """Queue the notice for every company in the programme and every learner with an e-mail address."""
    if entry.kind != OperationsEntry.Kind.MAINTENANCE:
        raise ValueError("only planned maintenance is announced")
    companies = letters = learners = missing = 0
    subject, body = _text("ja", entry)
    for company in Company.objects.filter(learners__status=Learner.Status.ACTIVE).distinct().order_by("pk"):
        address = support_email(company)
        if address:
            outbox.queue(
                subject=subject,
                body=body,
                recipients=[address],
                purpose="maintenance",
                personal_data=False,
                created_by=by,
                now=now,
            )
            companies += 1
        elif company.address.strip():
            outbox.queue_letter(
                subject=subject,
                body=body,
                addressee=company.name,
                postal_address=company.address,
                purpose="maintenance",
                created_by=by,
                now=now,
            )
            letters += 1
        else:
            missing += 1
    for learner in Learner.objects.filter(status=Learner.Status.ACTIVE).select_related("application"):
        application = getattr(learner, "application", None)
        address = application.email if application is not None else ""
        if address:
            subject_l, body_l = _text(learner.help_language, entry)
            outbox.queue(
                subject=subject_l,
                body=body_l,
                recipients=[address],
                purpose="maintenance",
                personal_data=False,
                created_by=by,
                now=now,
            )
            learners += 1
    return Announced(companies, letters, learners, missing)
