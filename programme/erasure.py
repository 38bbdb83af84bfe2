"""Erasure of personal data (O11): a company's, or the whole programme's at the contract's end.

What identifies a person is deleted or overwritten; what the reports and the five-year records (O12) need
stays as numbers: companies and learners keep their row (so past months still count them) under a
pseudonym, with names, contacts, nationality, residence status, addresses and free texts gone. Mail that
went to or about them (bodies, recipients, attachments) is deleted with its events. Every step counts what
it changed; the counts go into the erasure certificate (``portal/erasure.py``).
"""

from __future__ import annotations

from collections import Counter

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q

from .accounts.models import Account
from .inquiries.models import AnswerRevision, Inquiry
from .models import (
    Application,
    ApplicationLearner,
    Company,
    Learner,
    LmsIdentity,
    Manager,
    Notice,
    WaitingListEntry,
)
from .outbox.models import OutgoingMail
from .surveys.models import SurveyResponse

ERASED = "(erased)"


def _emails(companies) -> set[str]:
    found = set(Application.objects.filter(company__in=companies).values_list("support_email", flat=True))
    for model in (ApplicationLearner, WaitingListEntry):
        found |= set(model.objects.filter(company__in=companies).values_list("email", flat=True))
    return {e.lower() for e in found if e}


def _mail_about(companies, emails: set[str], everything: bool):
    if everything:
        return OutgoingMail.objects.all()
    ids = [
        m.pk
        for m in OutgoingMail.objects.only("id", "recipients")
        if {str(r).lower() for r in (m.recipients or [])} & emails
    ]
    return OutgoingMail.objects.filter(pk__in=ids)


@transaction.atomic
def erase(company_ids: list[int] | None) -> Counter:
    """Erase the personal data of these companies (``None``: every company); returns counts by kind."""
    everything = company_ids is None
    companies = Company.objects.all() if everything else Company.objects.filter(pk__in=company_ids)
    if not everything and companies.count() != len(set(company_ids)):
        missing = sorted(set(company_ids) - set(companies.values_list("pk", flat=True)))
        raise LookupError(f"no company {missing}: see `nihongo applications list`")
    done: Counter = Counter()
    emails = _emails(companies)
    mails = _mail_about(companies, emails, everything)
    done["mails deleted (with attachments and events)"] = mails.count()
    mails.delete()
    users = get_user_model().objects.filter(nihongo__company__in=companies)
    done["sign-in accounts deleted"] = users.count()
    Account.objects.filter(company__in=companies).delete()
    users.delete()
    learners = Learner.objects.filter(company__in=companies)
    # What the hosts said about their users (names, e-mail) for the operators' review (identities.py).
    identities = LmsIdentity.objects.all() if everything else LmsIdentity.objects.filter(learner__in=learners)
    done["host identities' names erased"] = identities.exclude(hints={}).update(hints={})
    done["learners anonymised"] = learners.update(display_name=ERASED, nationality="", residence_status="")
    done["managers anonymised"] = Manager.objects.filter(company__in=companies).update(display_name=ERASED)
    done["applicants anonymised"] = ApplicationLearner.objects.filter(company__in=companies).update(
        display_name=ERASED, nationality="", residence_status="", email=""
    )
    done["waiting-list entries anonymised"] = WaitingListEntry.objects.filter(company__in=companies).update(
        display_name=ERASED, nationality="", residence_status="", email=""
    )
    done["applications anonymised"] = Application.objects.filter(company__in=companies).update(
        company_name=ERASED,
        address="",
        corporate_number="",
        support_name=ERASED,
        support_email="",
        support_phone="",
    )
    inquiries = Inquiry.objects.filter(company__in=companies)
    done["question texts erased"] = inquiries.update(question=ERASED, answer=ERASED)
    done["answer revisions deleted"] = AnswerRevision.objects.filter(inquiry__in=inquiries).delete()[0]
    done["notices erased"] = Notice.objects.filter(
        Q(learner__company__in=companies)
        | Q(manager__company__in=companies)
        | Q(decision__company__in=companies)
    ).update(body=ERASED, subject=ERASED)
    responses = SurveyResponse.objects.filter(company__in=companies)
    for response in responses:
        response.answers = {k: v for k, v in response.answers.items() if isinstance(v, int | float)}
        response.respondent, response.learner = f"erased:{response.pk}", None
        response.save(update_fields=["answers", "respondent", "learner"])
    done["survey responses stripped to their scores"] = responses.count()
    for company in companies:
        company.name, company.address, company.corporate_number = f"{ERASED} #{company.pk}", "", ""
        company.save(update_fields=["name", "address", "corporate_number"])
    done["companies anonymised"] = companies.count()
    return done


def learner_subjects(company_ids: list[int] | None) -> list[str]:
    """The LMS user ids of these companies' learners and managers (for the hosts' own records)."""
    learners = (
        Learner.objects.all() if company_ids is None else Learner.objects.filter(company_id__in=company_ids)
    )
    managers = (
        Manager.objects.all() if company_ids is None else Manager.objects.filter(company_id__in=company_ids)
    )
    linked = LmsIdentity.objects.filter(learner__in=learners).values_list("subject", flat=True)
    return sorted(
        set(learners.values_list("lms_user_id", flat=True))
        | set(managers.values_list("lms_user_id", flat=True))
        | set(linked)
    )
