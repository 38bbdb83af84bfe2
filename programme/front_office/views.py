"""The public entry form at ``/apply/`` and the prefecture's review at ``/apply/review/``.

The form needs no login; the review needs a login with the group's permission. Views only parse and
show: ``flows`` decides. A refused submission keeps nothing but a count.
"""

from __future__ import annotations

import random

from django.contrib import messages
from django.contrib.auth.views import LoginView, redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from programme import audit, places, quota
from programme.models import Application, ApplicationLearner, RejectionCounter

from . import flows, throttle
from .forms import EntryForm

REVIEW = "programme.review_application"
VIEW = "programme.view_application"
CLOSED_TEXT = {
    quota.WindowState.NOT_YET: ("受付開始前です。", "Applications have not opened yet."),
    quota.WindowState.ENDED: ("受付期間は終了しました。", "The application period has ended."),
    quota.WindowState.FULL: ("定員（300人）に達したため受付を終了しました。",
                             "All places are taken, so applications are closed."),
}
_rng = random.SystemRandom()


TOO_MANY = ("送信が多すぎます。しばらく待ってからもう一度お試しください。"
            "急ぎの場合はプログラム事務局にお電話ください。",
            "Too many submissions. Please wait a while and try again, or call the programme office "
            "if it is urgent.")


def _too_many(request):
    ja, en = TOO_MANY
    response = render(request, "front_office/closed.html", {"ja": ja, "en": en}, status=429)
    response["Retry-After"] = "3600"
    return response


def _closed(request, state: quota.WindowState, status: int = 200):
    ja, en = CLOSED_TEXT[state]
    return render(request, "front_office/closed.html", {"ja": ja, "en": en}, status=status)


@require_http_methods(["GET", "POST"])
def apply_form(request):
    now = timezone.now()
    state = flows.window_state(now)
    if state is not quota.WindowState.OPEN:
        if request.method == "POST":
            flows.count_rejection(RejectionCounter.Kind.CLOSED, now)
            return _closed(request, state, status=403)
        return _closed(request, state)
    address = throttle.client_address(request)
    if request.method == "POST" and not throttle.post_allowed(address, now):
        flows.count_rejection(RejectionCounter.Kind.INVALID, now)
        return _too_many(request)
    form = EntryForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            number = form.company.cleaned_data["corporate_number"]
            try:
                if not throttle.application_allowed(address, number, now):
                    flows.count_rejection(RejectionCounter.Kind.INVALID, now)
                    return _too_many(request)
                receipt = flows.submit_application(form.submission(), now, _rng)
            except flows.ApplicationClosed as closed:
                flows.count_rejection(RejectionCounter.Kind.CLOSED, now)
                return _closed(request, closed.state, status=403)
            except ValueError as exc:  # the quota check again, under the lock
                form.errors.append(str(exc))
            else:
                if not receipt.repeated:
                    throttle.application_stored(address, number, now)
                request.session["front_office_receipt"] = {
                    "number": receipt.number, "applicants": receipt.applicants, "waiting": receipt.waiting}
                return redirect("front_office:done")
        flows.count_rejection(RejectionCounter.Kind.INVALID, now)
        status = 400
    shown = [{"form": learner, "number": n, "open": n == 1 or (form.learners[n - 1].is_bound
                                                                 and not learner.is_blank())}
             for n, learner in enumerate(form.learners, 1)]
    return render(request, "front_office/form.html",
                  {"company": form.company, "learners": shown, "problems": form.all_errors() if status == 400
                   else [], "consent_version": flows.CONSENT_VERSION}, status=status)


def done(request):
    receipt = request.session.pop("front_office_receipt", None)
    if receipt is None:
        return redirect("front_office:form")
    return render(request, "front_office/done.html", {"receipt": receipt})


# The prefecture's review -------------------------------------------------------------------------------

def _allowed(request, permission: str) -> None:
    if not request.user.has_perm(permission):
        raise PermissionDenied("This page is for the prefecture's reviewers and the programme's operators.")


def staff_view(permission: str):
    """Anonymous users go to the login page; logged-in users without ``permission`` get 403."""
    def wrap(view):
        def checked(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path(), "front_office:login")
            _allowed(request, permission)
            return view(request, *args, **kwargs)
        checked.__name__, checked.__doc__ = view.__name__, view.__doc__
        return checked
    return wrap


class ReviewLogin(LoginView):
    template_name = "front_office/login.html"
    redirect_authenticated_user = True

    def get_default_redirect_url(self):
        return self.get_redirect_url() or "/apply/review/"


@staff_view(VIEW)
def review_list(request):
    show = request.GET.get("show", "open")
    found = Application.objects.select_related("company").order_by("submitted_at", "id")
    if show == "open":
        found = found.exclude(status=Application.Status.DECIDED)
    rows = [{"application": a, "places": quota.company_quota(a.employees),
             "pending": sum(1 for p in a.applicants.all() if p.status == "pending"),
             "count": len(a.applicants.all()), "waiting": len(a.waiting.all())}
            for a in found.prefetch_related("applicants", "waiting")[:300]]
    audit.record_request(request, action="view", what="review:list",
                         company_ids=[r["application"].company_id for r in rows])
    return render(request, "front_office/review_list.html", {"rows": rows, "show": show,
                                                               "ledger": places.ledger()})


@staff_view(VIEW)
def review_application(request, receipt: str):
    application = get_object_or_404(Application.objects.select_related("company"), receipt_number=receipt)
    applicants = application.applicants.order_by("id").prefetch_related("decisions")
    audit.record_request(request, action="view", what=f"review:{application.receipt_number}",
                         company_ids=[application.company_id], subjects=[a.login_id for a in applicants])
    return render(request, "front_office/review_detail.html", {
        "application": application, "applicants": applicants,
        "places": quota.company_quota(application.employees),
        "waiting": application.waiting.order_by("position"), "can_decide": request.user.has_perm(REVIEW),
        "taken": application.company.learners.filter(status="active").count()})


@require_POST
@staff_view(REVIEW)
def decide(request, receipt: str, applicant_id: int):
    applicant = get_object_or_404(ApplicationLearner, pk=applicant_id, application__receipt_number=receipt)
    outcome = {"approve": "approved", "reject": "rejected"}.get(request.POST.get("outcome", ""), "")
    reason = request.POST.get("reason", "")
    try:
        flows.decide(applicant.pk, outcome, request.user.get_username(), reason, timezone.now())
    except flows.DecisionError as exc:
        text = str(exc)
        messages.error(request, text if applicant.login_id in text else f"{applicant.login_id}: {text}")
        response = review_application(request, receipt)
        response.status_code = 400
        return response
    said = "承認 approved" if outcome == "approved" else "不承認 rejected"
    messages.success(request, f"{applicant.login_id}: {said}")
    return redirect("front_office:review_application", receipt=receipt)
