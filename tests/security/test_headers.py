"""CSP on every page: the LMS may frame only the LTI pages, and only from the registered platforms'
origins (and the deployer's NIHONGO_FRAME_ANCESTORS); every other page says frame-ancestors 'none'."""

import dataclasses

import pytest
from django.test import Client

from portal import security


def csp(response) -> str:
    return response["Content-Security-Policy"]


@pytest.mark.parametrize("url", ["/", "/apply/", "/accounts/login/", "/admin/login/", "/apply/review/login/",
                                 "/no-such-page/"])
def test_pages_no_lms_frames_may_not_be_framed(db, url):
    response = Client().get(url)
    assert "frame-ancestors 'none'" in csp(response)
    assert "object-src 'none'" in csp(response) and "base-uri 'self'" in csp(response)
    assert response["Permissions-Policy"].startswith("camera=()")


def test_lti_pages_may_be_framed_by_the_registered_platforms_only(registration):
    page = Client().get("/lti/login/?target_link_uri=https://evil.example/", secure=True)  # a refusal page
    policy = csp(page)
    assert "frame-ancestors 'self' https://lms.example" in policy
    assert "'none'" not in policy.split("frame-ancestors")[1]
    assert "evil.example" not in policy and "*" not in policy


def test_the_deployer_adds_origins_for_an_lms_on_another_host(registration, monkeypatch):
    extra = dataclasses.replace(security.CONFIG, frame_ancestors=("https://school.instructure.com",))
    monkeypatch.setattr(security, "CONFIG", extra)
    policy = csp(Client().get("/lti/login/", secure=True))
    assert "https://lms.example" in policy and "https://school.instructure.com" in policy


def test_a_malformed_extra_origin_stops_the_start():
    bad = dataclasses.replace(security.CONFIG, frame_ancestors=("lms.example.jp/path",))
    assert any("NIHONGO_FRAME_ANCESTORS" in p for p in bad.problems())
