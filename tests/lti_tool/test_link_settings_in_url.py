"""A link may carry its settings in the launch URL's query, as Moodle keeps them from a cartridge."""

import html
import re
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from django.test import Client

from lti_tool.claims import LTI, read_launch, url_settings
from lti_tool.services import launch_target

from .harness import BASE
from .test_launch_security import resign

LAUNCH = BASE + "/lti/launch/"


def login_with_target(client: Client, target: str):
    """The demo LMS's login initiation for lan, with ``target`` as target_link_uri."""
    start = client.get("/demo-lms/launch/lan/", secure=True)
    url = urlsplit(start["Location"])
    params = {k: v[0] for k, v in parse_qs(url.query).items()}
    params["target_link_uri"] = target
    return client.get(f"{url.path}?{urlencode(params)}", secure=True)


def test_settings_in_the_launch_url_choose_the_activity(demo):
    client = Client()
    target = LAUNCH + "?activity=dialect_lesson&lesson=safety"
    login = login_with_target(client, target)
    assert login.status_code == 302
    auth = parse_qs(urlsplit(login["Location"]).query)
    assert auth["redirect_uri"] == [LAUNCH]  # the registered redirect URI, without the query
    form = client.get(login["Location"], secure=True).content.decode()
    id_token = html.unescape(re.search(r'name="id_token" value="([^"]+)"', form).group(1))
    state = html.unescape(re.search(r'name="state" value="([^"]+)"', form).group(1))
    moodle_like = resign(id_token, **{LTI + "target_link_uri": target, LTI + "custom": None})
    page = client.post(LAUNCH, {"id_token": moodle_like, "state": state}, secure=True,
                       follow=True).content.decode()
    assert 'class="nihongo-dialect' in page


def test_a_token_for_another_query_than_the_login_is_refused(demo):
    client = Client()
    login = login_with_target(client, LAUNCH + "?activity=progress")
    form = client.get(login["Location"], secure=True).content.decode()
    id_token = html.unescape(re.search(r'name="id_token" value="([^"]+)"', form).group(1))
    state = html.unescape(re.search(r'name="state" value="([^"]+)"', form).group(1))
    other = resign(id_token, **{LTI + "target_link_uri": LAUNCH + "?activity=mock_test"})
    response = client.post(LAUNCH, {"id_token": other, "state": state}, secure=True)
    assert response.status_code >= 400 and "target_link_uri" in response.content.decode()


@pytest.mark.parametrize("target, ours", [
    (LAUNCH, True),
    (LAUNCH + "?activity=mock_test&form=N5", True),
    (LAUNCH + "?next=https://evil.example/", False),       # only link settings may ride along
    (LAUNCH + "?activity=mock_test#frag", False),
    ("https://evil.example/lti/launch/?activity=mock_test", False),
    (LAUNCH + "x?activity=mock_test", False),
    (None, False),
])
def test_only_our_launch_url_with_link_settings_passes_the_login(settings, target, ours):
    settings.NIHONGO_BASE_URL = BASE
    assert (launch_target(target) is not None) is ours


def test_custom_parameters_win_over_the_url_and_unknown_keys_are_ignored():
    assert url_settings(LAUNCH + "?activity=mock_test&form=N4&evil=1") == {"activity": "mock_test",
                                                                          "form": "N4"}
    body = {"iss": "https://lms.example", "aud": "c", "sub": "s", LTI + "resource_link": {"id": "r"},
            LTI + "target_link_uri": LAUNCH + "?activity=mock_test&form=N4",
            LTI + "custom": {"form": "JFT"}}
    launch = read_launch(body)
    assert (launch.activity, launch.setting("form")) == ("mock_test", "JFT")
