"""The weekly rule's notices (``Notice``) into the outbox, each to the person it is for.

A manager's notice goes to the company's learning-support person (the address on its latest
application); a learner's to the e-mail the learner gave, else to that support person, who passes
it on. Notices name learners, so each waits for an operator's approval like any personal data.
A company without e-mail gets the notice as a letter to print (``nihongo outbox letters``); a notice with
neither an e-mail nor a postal address stays queued and is counted, never dropped.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction

from programme.models import Learner, Notice

from . import flows


@dataclass(frozen=True)
class HandOver:
    queued: int
    no_address: int
    letters: int = 0


def _learner_email(learner: Learner) -> str:
    application = getattr(learner, "application", None)
    return application.email if application is not None else ""


def _address(notice: Notice) -> str:
    from programme.contacts import support_email

    company = (notice.learner or notice.manager).company
    if notice.recipient_kind == "learner" and notice.learner is not None:
        return _learner_email(notice.learner) or support_email(company)
    return support_email(company)


def hand_over(now: datetime, by: str = "rules") -> HandOver:
    """Queue every waiting notice in the outbox; returns how many went and how many have no address."""
    queued = missing = letters = 0
    waiting = Notice.objects.filter(status=Notice.Status.QUEUED).select_related(
        "learner__company", "manager__company").order_by("created_at", "id")
    for notice in waiting:
        address = _address(notice)
        if not address:
            if _letter(notice, now, by):
                letters += 1
            else:
                missing += 1
            continue
        with transaction.atomic():
            flows.queue(subject=notice.subject, body=notice.body, recipients=[address], purpose="notice",
                        personal_data=True, created_by=by, now=now)
            Notice.objects.filter(pk=notice.pk).update(status=Notice.Status.SENT)  # handed to the outbox
        queued += 1
    return HandOver(queued, missing, letters)


def _letter(notice: Notice, now: datetime, by: str) -> bool:
    """A company without e-mail gets its notice as a letter to print (Japanese PDF), if it has an address."""
    company = (notice.learner or notice.manager).company
    if not company.address.strip():
        return False
    from programme.contacts import confirmed_contact

    application = confirmed_contact(company)
    addressee = f"{company.name} {application.support_name}" if application else company.name
    with transaction.atomic():
        flows.queue_letter(subject=notice.subject, body=notice.body, addressee=addressee,
                           postal_address=company.address, purpose="notice", created_by=by, now=now)
        Notice.objects.filter(pk=notice.pk).update(status=Notice.Status.SENT)
    return True
