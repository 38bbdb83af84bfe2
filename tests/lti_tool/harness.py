"""One Django process plays the browser, the demo LMS (lti1p3platform) and the tool (PyLTI1p3).

``django.test.Client(secure=True)`` is the browser, so PyLTI1p3 runs in its HTTPS mode (per-browser
session cookie). The tool's calls to the platform (token, AGS) go through ``InProcessAdapter``,
which hands them to another test client: no network, and every request is kept for inspection.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlsplit

import pytest
import requests
from django.test import Client

from lti_tool import services
from portal.demo_lms.setup import ensure_demo_registration
from programme.models import Company, Learner, Manager

BASE = "https://testserver"


class InProcessAdapter(requests.adapters.BaseAdapter):
    """Answers ``requests`` calls with the Django test client; remembers what was sent."""

    def __init__(self, sent: list):
        super().__init__()
        self.sent = sent

    def send(self, request, **kwargs):
        self.sent.append(request)
        url = urlsplit(request.url)
        headers = {"HTTP_" + k.upper().replace("-", "_"): v for k, v in request.headers.items()
                   if k.lower() not in ("content-type", "content-length", "host")}
        body = request.body or b""
        content_type = request.headers.get("Content-Type", "application/octet-stream")
        answer = Client().generic(request.method, url.path + ("?" + url.query if url.query else ""),
                                  data=body.encode() if isinstance(body, str) else body,
                                  content_type=content_type, secure=url.scheme == "https", **headers)
        response = requests.Response()
        response.status_code = answer.status_code
        response._content = answer.content
        response.headers = requests.structures.CaseInsensitiveDict(dict(answer.items()))
        response.url = request.url
        response.request = request
        return response

    def close(self):
        pass


@pytest.fixture
def sent_to_platform(monkeypatch) -> list:
    """Every request the tool sends to the platform, answered in-process."""
    sent: list = []

    def session():
        s = requests.Session()
        s.mount(BASE, InProcessAdapter(sent))
        return s

    monkeypatch.setattr(services, "http_session", session)
    return sent


def make_programme(base_url: str) -> dict:
    """Two companies, a manager and learners each, and the demo LMS registered with the tool."""
    people = {}
    for n, (company_name, learners) in enumerate([("Sakurajima Foods", [("lan", "vi"), ("budi", "id")]),
                                                   ("Kirishima Care", [("aung", "my")])], start=1):
        company = Company.objects.create(name=company_name, employees=40, joined_on=date(2026, 4, 1))
        people[f"manager{n}"] = Manager.objects.create(company=company, login_id=f"manager{n}",
                                                       display_name=f"Manager {n}", lms_user_id=f"sub-m{n}")
        for login_id, language in learners:
            people[login_id] = Learner.objects.create(
                company=company, login_id=login_id, display_name=login_id.title(), nationality="Secretland",
                residence_status="特定技能1号", help_language=language, lms_user_id=f"sub-{login_id}",
                joined_on=date(2026, 4, 1))
    people["registration"] = ensure_demo_registration(base_url)
    return people


@pytest.fixture
def demo(db, settings, sent_to_platform):
    """The programme, with the site at ``BASE`` (what ``Client(secure=True)`` requests)."""
    settings.NIHONGO_BASE_URL = BASE
    return make_programme(BASE)


@dataclass
class Launched:
    response: object
    id_token: str
    state: str
    launch_url: str

    @property
    def page(self) -> str:
        return self.response.content.decode()

    @property
    def launch_id(self) -> str:
        return re.search(r'data-next-url="/lti/drill/([^/"]+)/next/"', self.page).group(1)

    def url(self, endpoint: str) -> str:
        return f"/lti/drill/{self.launch_id}/{endpoint}/"


def auth_form(client: Client, login_id: str) -> tuple[str, str, str]:
    """Demo LMS → tool login → demo LMS auth: the auto-post form's action, id_token and state."""
    start = client.get(f"/demo-lms/launch/{login_id}/", secure=True)
    assert start.status_code == 302, start.content
    login = client.get(start["Location"], secure=True)
    assert login.status_code == 302, login.content
    assert login["Location"].startswith(BASE + "/demo-lms/auth/")
    form = client.get(login["Location"], secure=True)
    assert form.status_code == 200, form.content
    text = form.content.decode()

    def field(pattern):
        return html.unescape(re.search(pattern, text).group(1))
    return (field(r'action="([^"]+)"'), field(r'name="id_token" value="([^"]+)"'),
            field(r'name="state" value="([^"]+)"'))


def launch(client: Client, login_id: str, tamper=None) -> Launched:
    """The whole launch as a browser does it; ``tamper`` may rewrite the id_token on the way."""
    action, id_token, state = auth_form(client, login_id)
    if tamper:
        id_token = tamper(id_token)
    # The tool answers the launch with a redirect to the launch's page (post/redirect/get).
    response = client.post(action, {"id_token": id_token, "state": state}, secure=True, follow=True)
    return Launched(response, id_token, state, action)


def post_json(client: Client, url: str, body: object = None, **kwargs):
    data = json.dumps(body if body is not None else {})
    return client.post(url, data=data, content_type="application/json", secure=True, **kwargs)
