"""The LTI launch with legal but long claims, malformed claims and odd charsets: stored within the
columns' limits or refused with a 4xx in plain words, on SQLite and PostgreSQL alike; never a 500,
never Python's exception text on the page."""

from urllib.parse import urlencode

import pytest
import requests
from django.test import Client

from lti_tool import services
from lti_tool.claims import LTI
from lti_tool.models import LaunchRecord
from tests.lti_tool.harness import BASE, demo, launch, sent_to_platform  # noqa: F401  (fixtures)
from tests.lti_tool.test_dynamic_registration import moodle, open_registration  # noqa: F401  (fixture)
from tests.lti_tool.test_launch_security import resign

PYTHON_TEXT = ("Traceback", "KeyError", "TypeError", "AttributeError", "NoneType", "object has no attribute",
               "'https://purl.imsglobal.org")


def page_is_plain(response) -> bool:
    text = response.content.decode(errors="replace")
    return not any(marker in text for marker in PYTHON_TEXT)


def test_a_long_name_and_title_are_stored_cut_to_their_columns(demo):  # noqa: F811
    launched = launch(Client(), "lan", tamper=lambda t: resign(t, name="N" * 300, given_name="G" * 300))
    assert launched.response.status_code == 200
    record = LaunchRecord.objects.get()
    assert record.name == "N" * 200


@pytest.mark.parametrize("claim, value", [
    ("sub", "s" * 256),
    (LTI + "context", {"id": "c" * 256, "title": "Course"}),
    (LTI + "resource_link", {"id": "r" * 256, "title": "Drill"}),
])
def test_ids_longer_than_lti_allows_are_refused_with_a_4xx(demo, claim, value):  # noqa: F811
    launched = launch(Client(), "lan", tamper=lambda t: resign(t, **{claim: value}))
    assert 400 <= launched.response.status_code < 500
    assert "255" in launched.page and page_is_plain(launched.response)
    assert not LaunchRecord.objects.exists()


@pytest.mark.parametrize("claim, value", [
    (LTI + "resource_link", None),
    (LTI + "resource_link", "not-an-object"),
    (LTI + "resource_link", {"title": "no id"}),
    (LTI + "context", ["a", "list"]),
    (LTI + "custom", "not-an-object"),
    (LTI + "launch_presentation", 42),
    ("name", {"an": "object"}),
])
def test_malformed_claims_get_a_plain_refusal(demo, claim, value):  # noqa: F811
    launched = launch(Client(), "lan", tamper=lambda t: resign(t, **{claim: value}))
    assert launched.response.status_code < 500
    assert page_is_plain(launched.response), launched.page
    if launched.response.status_code >= 400:
        assert not LaunchRecord.objects.exists()


CHARSETS = ["utf-16", "x-unknown", "utf-7", "rot13", "idna", "utf-32-be", "cp932", "bogus charset"]


@pytest.mark.parametrize("charset", CHARSETS)
@pytest.mark.parametrize("url", ["/lti/launch/", "/lti/login/", "/accounts/login/", "/apply/",
                                 "/admin/login/", "/lti/register/", "/lti/drill/unknown/answer/",
                                 "/apply/review/login/"])
def test_an_odd_charset_is_not_a_server_error(demo, url, charset):  # noqa: F811
    body = urlencode({"id_token": "x.y.z", "state": "s", "iss": BASE, "username": "u", "password": "p"})
    try:
        data = body.encode(charset)
    except (LookupError, UnicodeError):
        data = b"\xff\xfe" + body.encode()
    response = Client().generic("POST", url, data, secure=True,
                                content_type=f"application/x-www-form-urlencoded; charset={charset}")
    assert response.status_code < 500
    assert page_is_plain(response)


def test_invalid_bytes_in_a_launch_are_not_a_server_error(demo):  # noqa: F811
    response = Client().generic("POST", "/lti/launch/", b"id_token=\xff\xfe\xfd&state=%FF%00",
                                content_type="application/x-www-form-urlencoded", secure=True)
    assert 400 <= response.status_code < 500 and page_is_plain(response)


def test_an_unreachable_platform_at_registration_gets_plain_words(moodle, monkeypatch):  # noqa: F811
    class Down(requests.adapters.BaseAdapter):
        def send(self, request, **kwargs):
            raise requests.ConnectionError("HTTPSConnectionPool(host='moodle.example.jp', port=443): Max "
                                           "retries exceeded (Caused by NewConnectionError('<urllib3...>'))")

        def close(self):
            pass

    def session():
        s = requests.Session()
        s.mount("https://", Down())
        return s

    monkeypatch.setattr(services, "http_session", session)
    response = open_registration(Client(), moodle)
    assert response.status_code == 400
    page = response.content.decode()
    assert "could not be reached" in page
    assert "HTTPSConnectionPool" not in page and "NewConnectionError" not in page and page_is_plain(response)
