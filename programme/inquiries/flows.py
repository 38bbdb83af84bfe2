"""Use cases of the question log: add, answer, list. The CLI and the operator view both call these.

Time is passed in (timezone-aware). Question and answer texts are personal data: nothing here logs them,
and error messages name questions by ID only.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import QuerySet

from curriculum.japan_time import PROGRAMME_TZ
from programme.models import Company, Learner

from .models import AnswerRevision, Inquiry

log = logging.getLogger(__name__)
JST = PROGRAMME_TZ


class InquiryError(ValueError):
    """A request the log refuses; the message says what to do instead."""


class AlreadyAnswered(InquiryError):
    """The question has an answer: replacing it must be asked for explicitly (``amend``)."""


def parse_month(text: str) -> tuple[int, int]:
    """``"2026-10"`` → ``(2026, 10)``."""
    try:
        parsed = datetime.strptime(text, "%Y-%m")
    except ValueError:
        raise InquiryError(f"month must look like 2026-10, not {text!r}") from None
    return parsed.year, parsed.month


def month_bounds(year: int, month: int) -> tuple[datetime, datetime]:
    """The month in Japan time, as [start, end) instants: the programme counts months in JST."""
    start = datetime(year, month, 1, tzinfo=JST)
    end = datetime(year + month // 12, month % 12 + 1, 1, tzinfo=JST)
    return start, end


def _choice(value: str, choices: type, what: str) -> str:
    if value not in choices.values:
        raise InquiryError(f"{what} must be one of {', '.join(choices.values)}, not {value!r}")
    return value


def _asker(company_id: int, learner_login_id: str | None) -> tuple[Company, Learner | None]:
    company = Company.objects.filter(pk=company_id).first()
    if company is None:
        raise InquiryError(f"no company with ID {company_id}")
    if not learner_login_id:
        return company, None
    learner = Learner.objects.filter(login_id=learner_login_id).first()
    if learner is None:
        raise InquiryError(f"no learner with login ID {learner_login_id!r}")
    if learner.company_id != company.pk:
        raise InquiryError(f"learner {learner_login_id} belongs to company {learner.company_id}, "
                           f"not {company.pk}")
    return company, learner


def add(*, company_id: int, channel: str, question: str, received_at: datetime,
        learner_login_id: str | None = None, category: str = Inquiry.Category.OTHER,
        asker_kind: str | None = None) -> Inquiry:
    """Record a question received by mail, chat, phone or the web form; it starts open.

    The asker is the learner when a learner is named, unless ``asker_kind`` says the company asked
    about that learner.
    """
    if not question.strip():
        raise InquiryError("the question is empty: write what was asked")
    _choice(channel, Inquiry.Channel, "channel")
    _choice(category, Inquiry.Category, "category")
    company, learner = _asker(company_id, learner_login_id)
    kind = asker_kind or (Inquiry.AskerKind.LEARNER if learner else Inquiry.AskerKind.COMPANY)
    _choice(kind, Inquiry.AskerKind, "asker")
    if kind == Inquiry.AskerKind.LEARNER and learner is None:
        raise InquiryError("a learner asked: name the learner's login ID")
    inquiry = Inquiry.objects.create(received_at=received_at, channel=channel, asker_kind=kind,
                                     company=company, learner=learner, category=category,
                                     question=question.strip())
    log.info("question %s recorded (%s, %s)", inquiry.pk, channel, category)
    return inquiry


@transaction.atomic
def answer(inquiry_id: int, *, text: str, by: str, now: datetime, amend: bool = False) -> Inquiry:
    """Record the answer given. A second answer is refused unless ``amend``; then the earlier one is kept."""
    if not text.strip():
        raise InquiryError("the answer is empty: write what was answered")
    if not by.strip():
        raise InquiryError("say who answered (operator name)")
    inquiry = Inquiry.objects.select_for_update().filter(pk=inquiry_id).first()
    if inquiry is None:
        raise InquiryError(f"no question with ID {inquiry_id}")
    amending = inquiry.status == Inquiry.Status.ANSWERED
    if amending:
        _keep_earlier_answer(inquiry, amend, now)
    else:
        inquiry.answered_at = now
        inquiry.status = Inquiry.Status.ANSWERED
    inquiry.answer, inquiry.answered_by = text.strip(), by.strip()
    inquiry.save()
    log.info("question %s %s", inquiry.pk, "amended" if amending else "answered")
    return inquiry


def _keep_earlier_answer(inquiry: Inquiry, amend: bool, now: datetime) -> None:
    if not amend:
        when = inquiry.answered_at.astimezone(JST).strftime("%Y-%m-%d")
        raise AlreadyAnswered(f"question {inquiry.pk} was already answered on {when} by "
                              f"{inquiry.answered_by}; amend it to replace the answer "
                              "(the earlier answer is kept)")
    AnswerRevision.objects.create(inquiry=inquiry, answer=inquiry.answer, answered_by=inquiry.answered_by,
                                  written_at=inquiry.amended_at or inquiry.answered_at, replaced_at=now)
    inquiry.amended_at = now


def list_inquiries(*, open_only: bool = False, month: tuple[int, int] | None = None,
                   company_id: int | None = None) -> QuerySet[Inquiry]:
    """Questions, newest first; ``month`` is (year, month) of receipt in Japan time."""
    found = Inquiry.objects.select_related("company", "learner")
    if open_only:
        found = found.filter(status=Inquiry.Status.OPEN)
    if month:
        start, end = month_bounds(*month)
        found = found.filter(received_at__gte=start, received_at__lt=end)
    if company_id is not None:
        found = found.filter(company_id=company_id)
    return found


def days_between(start: datetime, end: datetime) -> float:
    """Elapsed days, as a fraction (a reply after 36 hours is 1.5 days)."""
    return (end - start) / timedelta(days=1)
