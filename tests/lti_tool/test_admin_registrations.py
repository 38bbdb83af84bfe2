"""Operators add and edit platform registrations in Django's admin, with the CLI's checks."""

import pytest
from django.contrib.auth.models import User
from django.test import Client

from lti_tool.models import PlatformRegistration

ADD = "/admin/lti_tool/platformregistration/add/"
FIELDS = {"name": "Moodle (Kagoshima)", "issuer": "https://moodle.example.jp", "client_id": "Abc123",
          "auth_login_url": "https://moodle.example.jp/mod/lti/auth.php",
          "auth_token_url": "https://moodle.example.jp/mod/lti/token.php", "auth_audience": "",
          "key_set_url": "https://moodle.example.jp/mod/lti/certs.php", "deployment_ids": "7\n8\n7\n"}


@pytest.fixture
def operator(db):
    client = Client()
    client.force_login(User.objects.create_superuser("operator", "op@example.jp", "x"))
    return client


def test_an_operator_registers_a_platform(operator):
    response = operator.post(ADD, FIELDS)
    assert response.status_code == 302, response.content.decode()[:2000]
    reg = PlatformRegistration.objects.get()
    assert (reg.issuer, reg.client_id) == ("https://moodle.example.jp", "Abc123")
    assert reg.deployment_ids == ["7", "8"]
    listing = operator.get("/admin/lti_tool/platformregistration/").content.decode()
    assert "Moodle (Kagoshima)" in listing and "7, 8" in listing
    edit = operator.get(f"/admin/lti_tool/platformregistration/{reg.pk}/change/").content.decode()
    assert "7\n8</textarea>" in edit


@pytest.mark.parametrize("changes, message", [
    ({"auth_token_url": "token.php"}, "must be an absolute URL"),
    ({"deployment_ids": "  \n"}, "Give at least one deployment ID."),
])
def test_a_bad_registration_is_refused_with_the_reason(operator, changes, message):
    response = operator.post(ADD, {**FIELDS, **changes})
    assert response.status_code == 200 and message in response.content.decode()
    assert not PlatformRegistration.objects.exists()


def test_plain_http_urls_are_refused_in_production(operator, settings):
    settings.DEBUG = False
    response = operator.post(ADD, {**FIELDS, "key_set_url": "http://moodle.example.jp/mod/lti/certs.php"})
    assert response.status_code == 200 and "must use https" in response.content.decode()
