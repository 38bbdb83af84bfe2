"""Start-up checks: a misconfigured deployment refuses to start and says why."""

from django.core.checks import Error, register
from django.core.exceptions import ImproperlyConfigured
from django.db import DatabaseError

from .config import CONFIG, DEMO_PASSWORDS


def demo_accounts_in_use() -> list[str]:
    """Accounts that still sign in with a password the demo publishes (outside the demo: a takeover)."""
    if CONFIG.demo:
        return []
    from django.contrib.auth import get_user_model

    found = []
    try:
        for user in get_user_model().objects.filter(username__in=DEMO_PASSWORDS):
            if user.check_password(DEMO_PASSWORDS[user.username]):
                found.append(user.username)
    except DatabaseError:  # before the first migrate: no accounts at all
        return []
    return found


def problems() -> list[str]:
    found = list(CONFIG.problems())
    for username in demo_accounts_in_use():
        found.append(f"The account {username!r} has the demo's published password: change it "
                     f"(`manage.py changepassword {username}`) or remove it before serving.")
    return found


@register()
def config_check(app_configs, **kwargs):
    return [Error(problem, id="nihongo.E001") for problem in problems()]


def refuse_unsafe_start() -> None:
    """The WSGI server's start (gunicorn never runs Django's checks): stop with the reasons."""
    found = problems()
    if found:
        raise ImproperlyConfigured("Kagoshima Nihongo will not start:\n  " + "\n  ".join(found))
