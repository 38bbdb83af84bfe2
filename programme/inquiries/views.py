"""The operators' question log in the browser (staff only): list, record, answer."""

from django.contrib import messages
from django.contrib.auth.decorators import user_passes_test
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from . import flows
from .forms import AddForm, AnswerForm
from .models import Inquiry

# Anonymous and non-staff users go to the login page (settings.LOGIN_URL) with ?next=.
staff_required = user_passes_test(lambda user: user.is_active and user.is_staff)


def _operator_name(user) -> str:
    return user.get_full_name() or user.get_username()


@staff_required
def question_list(request):
    show = request.GET.get("show", "open")
    month_text = request.GET.get("month", "")
    try:
        month = flows.parse_month(month_text) if month_text else None
    except flows.InquiryError as exc:
        messages.error(request, str(exc))
        month = None
    found = flows.list_inquiries(open_only=show == "open", month=month)
    return render(request, "inquiries/list.html",
                  {"inquiries": found[:200], "show": show, "month": month_text})


@staff_required
@require_http_methods(["GET", "POST"])
def question_add(request):
    form = AddForm(request.POST or None)
    if form.is_valid():
        data = form.cleaned_data
        try:
            inquiry = flows.add(company_id=data["company"].pk, channel=data["channel"],
                                question=data["question"], category=data["category"],
                                learner_login_id=data["learner"].strip() or None, received_at=timezone.now())
        except flows.InquiryError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"Question {inquiry.pk} recorded.")
            return redirect("inquiries:detail", pk=inquiry.pk)
    return render(request, "inquiries/add.html", {"form": form})


@staff_required
@require_http_methods(["GET", "POST"])
def question_detail(request, pk: int):
    inquiry = get_object_or_404(Inquiry.objects.select_related("company", "learner"), pk=pk)
    form = AnswerForm(request.POST or None)
    if form.is_valid():
        try:
            flows.answer(inquiry.pk, text=form.cleaned_data["answer"], by=_operator_name(request.user),
                         now=timezone.now(), amend=form.cleaned_data["amend"])
        except flows.InquiryError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"Answer to question {inquiry.pk} recorded.")
            return redirect("inquiries:list")
    return render(request, "inquiries/detail.html",
                  {"inquiry": inquiry, "form": form, "revisions": inquiry.revisions.all()})
