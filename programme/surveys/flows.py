"""Use cases of the surveys: make a link, open a form, submit answers once, add them up.

The CLI, the public form and the reports call these. Time is passed in.
"""

from __future__ import annotations

from datetime import datetime

from django.db import IntegrityError, transaction
from django.urls import reverse

from programme.models import Company, Learner

from . import answers, catalogue, tokens
from .definitions import Audience, Survey
from .models import SurveyResponse


class SurveyError(ValueError):
    """A request refused; the message says what to do instead."""


def survey(survey_id: str) -> Survey:
    found = catalogue.get(survey_id)
    if found is None:
        raise SurveyError(f"no survey {survey_id!r}; known: {', '.join(catalogue.SURVEYS)}")
    return found


def respondent_for(survey_id: str, *, company_id: int | None = None,
                   learner_login_id: str | None = None) -> tokens.Respondent:
    """Who a link is for: a learner (learner surveys) or a company (company surveys)."""
    wanted = survey(survey_id).audience
    if wanted == Audience.LEARNER:
        learner = Learner.objects.filter(login_id=learner_login_id or "").first()
        if learner is None:
            raise SurveyError(f"{survey_id} is for learners: name an existing learner's login ID")
        return tokens.Respondent(survey_id, learner.company_id, learner.pk)
    if company_id is None or not Company.objects.filter(pk=company_id).exists():
        raise SurveyError(f"{survey_id} is for companies: name an existing company ID")
    return tokens.Respondent(survey_id, company_id)


def link(respondent: tokens.Respondent, base_url: str) -> str:
    """The respondent's personal form address."""
    token = tokens.make(respondent)
    path = reverse("surveys:form", kwargs={"survey_id": respondent.survey_id, "token": token})
    return base_url.rstrip("/") + path


def language_for(form: Survey, respondent: tokens.Respondent, requested: str | None) -> str:
    """``?lang=`` if the survey has it, else the learner's help language, else the survey's default."""
    if requested in form.languages:
        return requested
    if respondent.learner_id:
        learner = Learner.objects.filter(pk=respondent.learner_id).first()
        if learner and learner.help_language in form.languages:
            return learner.help_language
    return form.default_language


def already_answered(respondent: tokens.Respondent) -> bool:
    return SurveyResponse.objects.filter(survey_id=respondent.survey_id, respondent=respondent.key).exists()


def submit(respondent: tokens.Respondent, data: dict[str, str], language: str,
           now: datetime) -> tuple[SurveyResponse | None, dict[str, str]]:
    """Store valid answers once. Returns (response, {}) when stored, (None, errors) when not valid,
    and (None, {}) when this link has already been answered."""
    form = survey(respondent.survey_id)
    kept, errors = answers.validate(form, data, language)
    if errors:
        return None, errors
    try:
        with transaction.atomic():
            response = SurveyResponse.objects.create(
                survey_id=form.id, company_id=respondent.company_id, learner_id=respondent.learner_id,
                respondent=respondent.key, language=language, submitted_at=now, answers=kept)
    except IntegrityError:  # a second submit, or two at once: the first one counts
        return None, {}
    return response, {}


def totals(survey_id: str) -> dict:
    """Per-question counts and means of every response so far (for the survey totals report, P9)."""
    form = survey(survey_id)
    rows = SurveyResponse.objects.filter(survey_id=survey_id).values_list("answers", flat=True)
    return answers.tally(form, rows)
