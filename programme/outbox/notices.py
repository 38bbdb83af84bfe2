"""The weekly rule's notices (``Notice``) into the outbox, each to the person it is for.

A manager's notice goes to the company's learning-support person (the address on its latest
application); a learner's to the e-mail the learner gave, else to that support person, who passes
it on. Notices name learners, so each waits for an operator's approval like any personal data.
A notice with nobody to send it to stays queued and is counted, never dropped.
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
    queued = missing = 0
    waiting = Notice.objects.filter(status=Notice.Status.QUEUED).select_related(
        "learner__company", "manager__company").order_by("created_at", "id")
    for notice in waiting:
        address = _address(notice)
        if not address:
            missing += 1
            continue
        with transaction.atomic():
            flows.queue(subject=notice.subject, body=notice.body, recipients=[address], purpose="notice",
                        personal_data=True, created_by=by, now=now)
            Notice.objects.filter(pk=notice.pk).update(status=Notice.Status.SENT)  # handed to the outbox
        queued += 1
    return HandOver(queued, missing)
