"""The operator's outbox screen: waiting mail, the double check, approve or cancel (staff only)."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import user_passes_test
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from . import flows
from .models import OutgoingMail

staff_required = user_passes_test(lambda user: user.is_active and user.is_staff)


def _operator(user) -> str:
    return user.get_full_name() or user.get_username()


class ApproveForm(forms.Form):
    recipients = forms.IntegerField(min_value=0, label="Number of recipients you checked")
    checked = forms.BooleanField(label="I have checked every recipient and attachment against the request")


@staff_required
def mail_list(request):
    waiting = flows.waiting_for_approval()
    others = OutgoingMail.objects.exclude(pk__in=waiting.values("pk")).order_by("-created_at", "-id")[:100]
    return render(request, "outbox/list.html", {"waiting": waiting, "others": others})


@staff_required
@require_http_methods(["GET", "POST"])
def mail_check(request, pk: int):
    try:
        check = flows.double_check(pk)
    except flows.OutboxRefused as exc:
        messages.error(request, str(exc))
        return redirect("outbox:list")
    form = ApproveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            flows.approve(pk, by=_operator(request.user), now=timezone.now(),
                          confirmed_recipients=form.cleaned_data["recipients"])
        except flows.OutboxRefused as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"Mail {pk} approved; it is sent after its hold.")
            return redirect("outbox:list")
    return render(request, "outbox/check.html", {"check": check, "mail": check.mail, "form": form})


@staff_required
@require_POST
def mail_cancel(request, pk: int):
    try:
        flows.cancel(pk, by=_operator(request.user), now=timezone.now())
    except flows.OutboxRefused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"Mail {pk} cancelled.")
    return redirect("outbox:list")
