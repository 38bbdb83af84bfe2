"""Sign-in for learners and managers (login ID + password, no e-mail), the first-login password change.

In the learner's language: the browser's (Accept-Language, through Django's LocaleMiddleware), or the one
picked on the page (``?lang=vi``, kept in Django's language cookie); strings in ``accounts/locale``.
"""

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse_lazy
from django.utils import translation


def _choose_language(request) -> str | None:
    """The language picked on the page, activated for this request (``None`` when none was picked)."""
    from curriculum.languages import LANGUAGES

    chosen = request.GET.get("lang")
    if chosen in LANGUAGES:
        translation.activate(chosen)
        request.LANGUAGE_CODE = chosen
        return chosen
    return None


def _remember(response, chosen: str | None):
    if chosen:
        response.set_cookie(settings.LANGUAGE_COOKIE_NAME, chosen, max_age=365 * 86400, samesite="Lax",
                            secure=settings.SESSION_COOKIE_SECURE)
    return response


class LanguageMixin:
    """Each sign-in page: the language switch, and the language it picked remembered."""

    def dispatch(self, request, *args, **kwargs):
        chosen = _choose_language(request)
        return _remember(super().dispatch(request, *args, **kwargs), chosen)

    def get_context_data(self, **kwargs):
        from curriculum.languages import LANGUAGE_NAMES

        return {**super().get_context_data(**kwargs), "languages": LANGUAGE_NAMES}


class LoginView(LanguageMixin, auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def get_default_redirect_url(self):
        return reverse_lazy("accounts:home")


class PasswordView(LanguageMixin, auth_views.PasswordChangeView):
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
    from curriculum.languages import LANGUAGE_NAMES

    chosen = _choose_language(request)
    account = getattr(request.user, "nihongo", None)
    study_url = settings.NIHONGO_STUDY_URL.format(login_id=request.user.get_username()) if account else ""
    return _remember(render(request, "accounts/home.html", {"account": account, "study_url": study_url,
                                                             "languages": LANGUAGE_NAMES}), chosen)
