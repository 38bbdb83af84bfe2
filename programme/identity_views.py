"""The operators' review list of hosts' users that match no learner (staff only): link or ignore."""

from django.contrib import messages
from django.contrib.auth.decorators import user_passes_test
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from . import identities
from .models import LmsIdentity

staff_required = user_passes_test(lambda user: user.is_active and user.is_staff)


@staff_required
@require_http_methods(["GET", "POST"])
def review(request):
    if request.method == "POST":
        by = request.user.get_full_name() or request.user.get_username()
        try:
            pk = int(request.POST.get("identity", ""))
            if request.POST.get("action") == "ignore":
                row = identities.ignore(pk, by, timezone.now())
                messages.success(request, f"#{row.pk} ignored.")
            else:
                row = identities.link(pk, request.POST.get("login_id", ""), by, timezone.now())
                messages.success(request, f"#{row.pk} linked to {row.learner}; its held study was added.")
        except (ValueError, identities.IdentityError) as exc:
            messages.error(request, str(exc))
        return redirect("identities:review")  # post/redirect/get: a reload does not post again
    rows = LmsIdentity.objects.filter(status=LmsIdentity.Status.UNMATCHED).order_by("first_seen", "id")
    linked = LmsIdentity.objects.filter(status=LmsIdentity.Status.LINKED).count()
    return render(request, "identities/review.html", {"rows": rows[:500], "linked": linked})


app_name = "identities"
urlpatterns = [path("", review, name="review")]
