"""Sign-in hardened: every sign-in page throttles guessing (django-axes) with a plain message, chosen
passwords pass Django's validators, and the manager's download is a one-time, short-lived link."""

import re

import pytest
from django.contrib.auth.models import User
from django.test import Client

from lti_tool import manager_views
from lti_tool.models import LaunchRecord
from tests.lti_tool.harness import demo, launch, sent_to_platform  # noqa: F401  (fixtures)

SIGN_IN_PAGES = ["/accounts/login/", "/admin/login/", "/apply/review/login/"]


@pytest.mark.parametrize("page", SIGN_IN_PAGES)
def test_thirty_wrong_passwords_then_the_right_one_does_not_sign_in(db, page):
    User.objects.create_user("k26-0001", password="right-horse-battery", is_staff=True)
    client = Client()
    answers = [client.post(page, {"username": "k26-0001", "password": f"guess-{n}"}) for n in range(30)]
    assert all(r.status_code in (200, 429) for r in answers)
    assert answers[-1].status_code == 429
    right = client.post(page, {"username": "k26-0001", "password": "right-horse-battery"})
    assert right.status_code == 429
    assert "Too many wrong passwords" in right.content.decode()
    assert "_auth_user_id" not in client.session
    other = Client().post(page, {"username": "k26-0001", "password": "right-horse-battery"})
    assert other.status_code == 429  # the login ID is locked, whichever browser asks


def test_a_few_mistakes_then_the_right_password_signs_in(db):
    User.objects.create_user("k26-0002", password="right-horse-battery")
    client = Client()
    for n in range(3):
        wrong = client.post("/accounts/login/", {"username": "k26-0002", "password": f"x{n}"})
        assert wrong.status_code == 200
    assert client.post("/accounts/login/", {"username": "k26-0002", "password": "right-horse-battery"}
                       ).status_code == 302


@pytest.mark.parametrize("new, why", [
    ("1", "too short"), ("k26-0003k26", "too similar"), ("password123", "too common"),
    ("2026112233445", "entirely numeric")])
def test_a_chosen_password_must_pass_the_validators(db, new, why):
    user = User.objects.create_user("k26-0003", password="first-password-x")
    client = Client()
    client.force_login(user)
    response = client.post("/accounts/password/", {"old_password": "first-password-x",
                                                   "new_password1": new, "new_password2": new})
    assert response.status_code == 200 and why in response.content.decode()
    user.refresh_from_db()
    assert user.check_password("first-password-x")


def test_the_managers_download_link_is_one_time_and_carries_no_launch_id(demo):  # noqa: F811
    manager = Client()
    launched = launch(manager, "manager1")
    url = re.search(r'href="(/lti/dashboard/[^"]+/learners\.xlsx)"', launched.page).group(1)
    assert not any(launch_id in url for launch_id in LaunchRecord.objects.values_list("launch_id", flat=True))
    first = manager.get(url, secure=True)
    assert first.status_code == 200 and first["Cache-Control"] == "no-store"
    again = manager.get(url, secure=True)  # replayed from a log or the history
    assert again.status_code == 403 and "used or has expired" in again.content.decode()


def test_the_managers_download_link_expires(demo, monkeypatch):  # noqa: F811
    manager = Client()
    page = launch(manager, "manager1").page
    url = re.search(r'href="(/lti/dashboard/[^"]+/learners\.xlsx)"', page).group(1)
    monkeypatch.setattr(manager_views, "DOWNLOAD_MINUTES", -1)  # minted longer ago than the limit
    assert manager.get(url, secure=True).status_code == 403
