"""'Open in a new window' when the browser blocks the tool's cookies inside the LMS's iframe."""

from __future__ import annotations

import html
import re
from urllib.parse import urlsplit

import pytest
from django.test import Client

from lti_tool.models import AnswerRecord, LaunchRecord

from .harness import launch, post_json


def new_window_url(page: str) -> str:
    return html.unescape(re.search(r'<div class="lt-new-window" data-url="([^"]+)"', page).group(1))


def test_a_learner_continues_the_same_launch_in_a_new_window(demo):
    iframe = Client()
    launched = launch(iframe, "lan")
    assert launched.response.status_code == 200
    assert "Mở trong cửa sổ mới" in launched.page  # the learner's language (vi)
    issued = post_json(iframe, new_window_url(launched.page))
    assert issued.status_code == 200, issued.content
    resume = issued.json()["url"]
    assert re.fullmatch(r"/lti/resume/[\w-]{40,}/", resume)

    window = Client()  # a top-level window: none of the iframe's cookies
    page = window.get(resume, secure=True)
    assert page.status_code == 200, page.content
    assert 'class="nihongo-drill"' in page.content.decode()
    assert page["Referrer-Policy"] == "no-referrer"
    cookie = page.cookies["lti1p3-session-id"]
    assert cookie.value == iframe.cookies["lti1p3-session-id"].value
    assert cookie["secure"] and cookie["httponly"] and cookie["samesite"] == "None"

    item = post_json(window, launched.url("next")).json()["item"]
    answered = post_json(window, launched.url("answer"), {"item_id": item["id"], "choice": 0})
    assert answered.status_code == 200, answered.content
    assert AnswerRecord.objects.filter(subject="sub-lan").count() == 1

    again = Client().get(resume, secure=True)
    assert again.status_code == 410 and "already used" in again.content.decode()


def test_only_the_launching_browser_gets_a_new_window_link(demo):
    launched = launch(Client(), "lan")
    url = new_window_url(launched.page)
    stranger = post_json(Client(), url)
    assert stranger.status_code == 403 and "expired" in stranger.json()["error"]
    form = Client().post(url, {"x": "1"}, secure=True)
    assert form.status_code == 400  # a cross-site form cannot ask for one


def test_an_unknown_token_says_what_to_do(demo):
    response = Client().get("/lti/resume/not-a-token/", secure=True, HTTP_ACCEPT_LANGUAGE="ja")
    assert response.status_code == 410
    assert "もう一度「新しいウィンドウで開く」を押してください" in response.content.decode()


def _login_url(client: Client) -> str:
    start = client.get("/demo-lms/launch/lan/", secure=True)
    parts = urlsplit(start["Location"])
    return parts.path + "?" + parts.query


def test_a_login_inside_an_iframe_checks_cookies_before_going_on(demo):
    client = Client()
    url = _login_url(client)
    page = client.get(url, secure=True, HTTP_SEC_FETCH_DEST="iframe")
    assert page.status_code == 200
    text = page.content.decode()
    assert 'target="_blank"' in text and "Open in a new window" in text
    assert text.count('name="lti_storage_checked" value="1"') == 2
    assert text.count('name="login_hint" value="sub-lan"') == 2
    assert "X-Frame-Options" not in page  # it is shown inside the LMS's iframe

    checked = client.get(url + "&lti_storage_checked=1", secure=True, HTTP_SEC_FETCH_DEST="iframe")
    assert checked.status_code == 302 and "/demo-lms/auth/" in checked["Location"]
    top_level = Client().get(_login_url(Client()), secure=True, HTTP_SEC_FETCH_DEST="document")
    assert top_level.status_code == 302  # a window of its own needs no check


@pytest.mark.parametrize("settings_", [
    {"activity": "jlpt_drill", "level": "N5", "item_count": "10"},
    {"activity": "mock_test", "form": "N5"},
    {"activity": "placement_test"},
    {"activity": "progress"},
    {"activity": "dialect_lesson", "lesson": "safety"},
])
def test_every_activity_page_offers_the_new_window(demo, monkeypatch, settings_):
    monkeypatch.setattr("portal.demo_lms.launches.DRILL_SETTINGS", dict(settings_))
    page = launch(Client(), "lan").page
    launch_id = LaunchRecord.objects.get(subject="sub-lan").launch_id
    assert f'data-url="/lti/new-window/{launch_id}/"' in page
