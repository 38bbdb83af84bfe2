"""At the first sign-in (and after a reset) a learner or manager must choose their own password."""

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

ALLOWED = ("accounts:password", "accounts:logout")


class FirstLoginPasswordChange:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return self.get_response(request)  # nobody signed in (every LTI request): no session to load
        user = getattr(request, "user", None)
        account = getattr(user, "nihongo", None) if user is not None and user.is_authenticated else None
        if account is not None and account.must_change_password:
            allowed = {reverse(name) for name in ALLOWED}
            if request.path not in allowed:
                return redirect("accounts:password")
        return self.get_response(request)
