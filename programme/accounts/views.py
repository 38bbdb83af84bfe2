"""Sign-in for learners and managers (login ID + password, no e-mail), the first-login password change."""

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse_lazy


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def get_default_redirect_url(self):
        return reverse_lazy("accounts:home")


class PasswordView(auth_views.PasswordChangeView):
    template_name = "accounts/password.html"
    success_url = reverse_lazy("accounts:home")

    def form_valid(self, form):
        response = super().form_valid(form)
        account = getattr(self.request.user, "nihongo", None)
        if account is not None and account.must_change_password:
            account.must_change_password = False
            account.save(update_fields=["must_change_password"])
        return response


@login_required(login_url=reverse_lazy("accounts:login"))
def home(request):
    from django.conf import settings

    account = getattr(request.user, "nihongo", None)
    study_url = settings.NIHONGO_STUDY_URL.format(login_id=request.user.get_username()) if account else ""
    return render(request, "accounts/home.html", {"account": account, "study_url": study_url})
