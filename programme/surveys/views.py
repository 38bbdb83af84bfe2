"""The public survey form at ``/surveys/<survey_id>/<token>/``: no login, the signed link is the key."""

from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from programme.models import Company

from . import flows, tokens
from .definitions import Kind
from .texts import LANGUAGE_NAMES, UI


def _fields(form, language: str, data, errors) -> list[dict]:
    """What the template shows per question, in one language (values as strings, to re-check on error)."""
    shown = []
    for q in form.questions:
        shown.append({
            "id": q.id, "kind": str(q.kind), "text": q.text[language], "required": q.required,
            "low": q.low.get(language, ""), "high": q.high.get(language, ""),
            "options": [(o.value, o.text[language]) for o in q.options],
            "scale": [str(n) for n in range(1, 6)] if q.kind == Kind.SCALE else [],
            "value": (data.get(q.id) or "").strip(), "error": errors.get(q.id),
        })
    return shown


def _respondent(survey_id: str, token: str) -> tokens.Respondent:
    try:
        respondent = tokens.read(survey_id, token)
    except tokens.BadToken:
        raise Http404("This survey link is not valid.") from None
    if not Company.objects.filter(pk=respondent.company_id).exists():
        raise Http404("This survey link is no longer valid.")
    return respondent


@require_http_methods(["GET", "POST"])
def survey_form(request, survey_id: str, token: str):
    try:
        form = flows.survey(survey_id)
    except flows.SurveyError:
        raise Http404("No such survey.") from None
    respondent = _respondent(survey_id, token)
    language = flows.language_for(form, respondent, request.GET.get("lang") or request.POST.get("lang"))
    context = {"survey": form, "lang": language, "ui": UI[language], "title": form.title[language],
               "languages": [(code, LANGUAGE_NAMES[code]) for code in form.languages]}
    if flows.already_answered(respondent):
        return render(request, "surveys/thanks.html", {**context, "message": UI[language]["already"]})
    errors = {}
    if request.method == "POST":
        response, errors = flows.submit(respondent, request.POST, language, timezone.now())
        if not errors:
            key = "thanks" if response else "already"
            return render(request, "surveys/thanks.html", {**context, "message": UI[language][key]})
    context.update(intro=form.intro[language], errors=errors,
                   fields=_fields(form, language, request.POST if errors else {}, errors))
    return render(request, "surveys/form.html", context)
