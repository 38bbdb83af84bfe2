"""NRPS paging: quoted and unquoted ``rel=next``, mixed-case URLs, against a fake in-process endpoint."""

import json

import pytest
import requests
from django.test import Client, RequestFactory
from pylti1p3.exception import LtiException, LtiServiceException

from lti_tool import launch as lti_launch
from lti_tool import nrps, services

from .harness import BASE, InProcessAdapter, launch
from .test_launch_security import resign

NRPS_HOST = "https://roster.example"  # requests lower-cases hosts; paths and queries keep their case
PAGE1 = NRPS_HOST + "/Course/AbC/Members"
PAGE2 = NRPS_HOST + "/Course/AbC/Members?Page=2&Cursor=XyZ"
PAGE3 = NRPS_HOST + "/Course/AbC/Members?Page=3&Cursor=QwE"


def member(sub: str) -> dict:
    return {"user_id": sub, "status": "Active", "roles": ["Learner"]}


class FakeNrps(requests.adapters.BaseAdapter):
    """Three pages; only the exact (case-sensitive) URLs exist; every call needs a bearer token."""

    pages = {
        PAGE1: ([member("a"), member("b")], f'<{PAGE2}>; rel="next", <{PAGE1}>; rel="first"'),
        PAGE2: ([member("c")], f"<{PAGE1}>; rel=prev, <{PAGE3}>; rel=next"),
        PAGE3: ([member("d")], f'<{PAGE1}>; rel="first"'),
    }

    def __init__(self, pages=None):
        super().__init__()
        self.seen: list[str] = []
        if pages is not None:
            self.pages = pages

    def send(self, request, **kwargs):
        self.seen.append(request.url)
        response = requests.Response()
        response.url, response.request = request.url, request
        response.headers = requests.structures.CaseInsensitiveDict()
        if not request.headers.get("Authorization", "").startswith("Bearer "):
            response.status_code = 401
        elif request.url not in self.pages:
            response.status_code = 404
        else:
            members, link = self.pages[request.url]
            response.status_code = 200
            response.headers["Link"] = link
            response.headers["Content-Type"] = nrps.ACCEPT
            response._content = json.dumps({"id": request.url, "members": members}).encode()
        return response

    def close(self):
        pass


@pytest.fixture
def roster(monkeypatch, sent_to_platform):
    fake = FakeNrps()

    def session():
        s = requests.Session()
        s.mount(BASE, InProcessAdapter(sent_to_platform))
        s.mount(NRPS_HOST, fake)
        return s

    monkeypatch.setattr(services, "http_session", session)
    return fake


def launched_with_nrps(url: str = PAGE1):
    client = Client()
    claim = {"context_memberships_url": url, "service_versions": ["2.0"]}
    launched = launch(client, "lan", tamper=lambda t: resign(t, **{nrps.NRPS_CLAIM: claim}))
    assert launched.response.status_code == 200, launched.page
    request = RequestFactory().get("/", secure=True)
    request.COOKIES = {name: morsel.value for name, morsel in client.cookies.items()}
    return lti_launch.restore(request, launched.launch_id)


def test_members_follows_quoted_and_unquoted_next_links_keeping_case(demo, roster):
    assert [m["user_id"] for m in nrps.members(launched_with_nrps())] == ["a", "b", "c", "d"]
    assert roster.seen == [PAGE1, PAGE2, PAGE3]


def test_pylti1p3_alone_breaks_on_these_pages(demo, roster):
    """Why ``members()`` exists (lti_facts §1.6): the library lower-cases the next URL..."""
    with pytest.raises(LtiServiceException, match="404"):
        launched_with_nrps().get_nrps().get_members()
    assert roster.seen == [PAGE1, PAGE2.lower()]


def test_pylti1p3_alone_stops_at_an_unquoted_rel_next(demo, roster):
    """... and ignores ``rel=next`` without quotes, so it silently returns page 1 only."""
    roster.pages = {PAGE1: ([member("a")], f"<{PAGE2}>; rel=next"), PAGE2: ([member("b")], "")}
    ml = launched_with_nrps()
    assert [m["user_id"] for m in ml.get_nrps().get_members()] == ["a"]
    assert [m["user_id"] for m in nrps.members(ml)] == ["a", "b"]


def test_a_next_link_to_another_site_is_refused(demo, roster):
    roster.pages = {PAGE1: ([member("a")], '<https://evil.example/steal>; rel="next"')}
    with pytest.raises(LtiException, match="another site"):
        nrps.members(launched_with_nrps())
    assert roster.seen == [PAGE1]


def test_pages_in_a_circle_stop(demo, roster):
    roster.pages = {PAGE1: ([member("a")], f"<{PAGE2}>; rel=next"), PAGE2: ([], f"<{PAGE1}>; rel=next")}
    with pytest.raises(LtiException, match="do not end"):
        nrps.members(launched_with_nrps())


def test_a_launch_without_nrps_says_so(demo, roster):
    client = Client()
    launched = launch(client, "lan")
    request = RequestFactory().get("/", secure=True)
    request.COOKIES = {name: morsel.value for name, morsel in client.cookies.items()}
    with pytest.raises(LtiException, match="no names and roles service"):
        nrps.members(lti_launch.restore(request, launched.launch_id))


@pytest.mark.parametrize("header, expected", [
    ('<https://x.example/A?B=C>; rel="next"', "https://x.example/A?B=C"),
    ("<https://x.example/A?B=C>; rel=next", "https://x.example/A?B=C"),
    ('<https://x.example/p1>; rel="prev", <https://x.example/P3>; rel="next"', "https://x.example/P3"),
    ('<https://x.example/Q,1>; rel="first next"', "https://x.example/Q,1"),
    ("<https://x.example/N>;\n  REL=Next", "https://x.example/N"),
    ("</Rel/Page2>; rel=next", "https://x.example/Rel/Page2"),
    ('<https://x.example/p1>; rel="prev"', None),
    ('<https://x.example/nextpage>; rel="nextish"', None),
    ("", None),
    (None, None),
])
def test_next_link(header, expected):
    assert nrps.next_link(header, "https://x.example/Start") == expected
