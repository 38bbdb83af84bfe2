"""The demo LMS: its pages, and the checks it adds to lti1p3platform 0.1.8's token and AGS endpoints."""

import json
import time
import uuid

import jwt
import pytest
from django.test import Client

from lti_tool import keys
from lti_tool.models import PlatformRegistration
from portal.demo_lms.gradebook import line_item_for
from portal.demo_lms.models import LineItem, Score
from portal.demo_lms.platform import CLIENT_ID
from portal.demo_lms.setup import ensure_demo_registration
from portal.demo_lms.users import by_login_id
from tests.lti_tool import harness
from tests.lti_tool.harness import BASE

demo = harness.demo  # the fixtures, shared with the tool's end-to-end tests
sent_to_platform = harness.sent_to_platform

SCORE_TYPE = "application/vnd.ims.lis.v1.score+json"


def assertion(**changes) -> str:
    key = keys.signing_key()
    claims = {"iss": CLIENT_ID, "sub": CLIENT_ID, "aud": BASE + "/demo-lms/token/", "iat": int(time.time()),
              "exp": int(time.time()) + 60, "jti": str(uuid.uuid4()), **changes}
    return jwt.encode({k: v for k, v in claims.items() if v is not None}, key.private_pem, algorithm="RS256",
                      headers={"kid": key.kid})


def token_request(client_assertion: str):
    return Client().post("/demo-lms/token/", {
        "grant_type": "client_credentials", "client_assertion": client_assertion,
        "client_assertion_type": "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
        "scope": "https://purl.imsglobal.org/spec/lti-ags/scope/score"}, secure=True)


def test_the_index_lists_each_company_course_and_never_nationality(demo):
    page = Client().get("/demo-lms/", secure=True).content.decode()
    assert 'name="viewport"' in page
    assert "Sakurajima Foods" in page and "Kirishima Care" in page
    for login_id in ("manager1", "lan", "budi", "manager2", "aung"):
        assert f'href="/demo-lms/launch/{login_id}/"' in page
        assert f"Launch drill as {login_id}" in page
    assert "Secretland" not in page


def test_registration_is_idempotent(demo):
    ensure_demo_registration(BASE)
    ensure_demo_registration(BASE)
    registration = PlatformRegistration.objects.get()
    assert registration.issuer == BASE + "/demo-lms"
    assert registration.key_set["keys"][0]["kid"]


def test_launch_redirects_to_the_tool_login(demo):
    response = Client().get("/demo-lms/launch/lan/", secure=True)
    assert response.status_code == 302
    assert response["Location"].startswith(BASE + "/lti/login/?")
    assert "login_hint=sub-lan" in response["Location"]
    assert Client().get("/demo-lms/launch/nobody/", secure=True).status_code == 404


def test_auth_issues_a_token_only_for_the_signed_in_user_and_our_launch_url(demo):
    client = Client()
    login = client.get(client.get("/demo-lms/launch/lan/", secure=True)["Location"], secure=True)
    auth_url = login["Location"]
    assert Client().get(auth_url, secure=True).status_code == 403  # another browser, nobody signed in
    evil = auth_url.replace("redirect_uri=https%3A%2F%2Ftestserver%2Flti%2Flaunch%2F",
                            "redirect_uri=https%3A%2F%2Fevil.example%2F")
    assert evil != auth_url and client.get(evil, secure=True).status_code == 400
    assert client.get(auth_url, secure=True).status_code == 200


@pytest.mark.parametrize("changes", [
    {"iss": "someone-else"}, {"sub": "someone-else"}, {"aud": "https://elsewhere.example/token"},
    {"jti": None}, {"exp": None}, {"exp": int(time.time()) - 10},
], ids=["iss", "sub", "aud", "no-jti", "no-exp", "expired"])
def test_the_token_endpoint_refuses_a_bad_client_assertion(demo, changes):
    response = token_request(assertion(**changes))
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_client"


def test_the_token_endpoint_refuses_a_replayed_assertion(demo):
    signed = assertion()
    assert token_request(signed).status_code == 200
    assert token_request(signed).status_code == 400


@pytest.fixture
def scores_url(demo):
    item = line_item_for(by_login_id("lan").course, 10)
    return f"/demo-lms/lineitems/{item.pk}/scores"


def post_score(url, score, token=None):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    return Client().post(url, data=json.dumps(score), content_type=SCORE_TYPE, secure=True, **headers)


def score(**changes):
    return {"userId": "sub-lan", "scoreGiven": 7, "scoreMaximum": 10, "activityProgress": "Completed",
            "gradingProgress": "FullyGraded", "timestamp": "2026-06-10T12:00:00+09:00", **changes}


def test_scores_need_a_token(scores_url):
    assert post_score(scores_url, score()).status_code == 401
    assert post_score(scores_url, score(), token="not-a-token").status_code == 401
    foreign = jwt.encode({"iss": BASE + "/demo-lms", "scopes": "https://purl.imsglobal.org/spec/lti-ags/scope/score"},
                         keys.signing_key().private_pem, algorithm="RS256")  # signed by the tool, not the LMS
    assert post_score(scores_url, score(), token=foreign).status_code == 401
    assert not Score.objects.exists()


def test_scores_are_checked_and_stored(scores_url):
    token = token_request(assertion()).json()["access_token"]
    for bad in ({"userId": ""}, {"scoreMaximum": 0}, {"scoreGiven": -1}, {"timestamp": "yesterday"},
                {"timestamp": "2026-06-10T12:00:00"}, {"activityProgress": None}):
        assert post_score(scores_url, score(**bad), token).status_code == 400, bad
    assert not Score.objects.exists()
    assert post_score(scores_url, score(), token).status_code == 201
    assert post_score(scores_url, score(scoreGiven=5), token).status_code == 409  # same timestamp
    newer = score(scoreGiven=9, timestamp="2026-06-11T12:00:00+09:00")
    assert post_score(scores_url, newer, token).status_code == 200
    stored = Score.objects.get()
    assert (stored.score_given, stored.score_maximum) == (9, 10)
    assert Client().post(scores_url.replace(f"/{stored.line_item_id}/", "/999/"), data=json.dumps(score()),
                         content_type=SCORE_TYPE, secure=True,
                         HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 404
    page = Client().get("/demo-lms/gradebook/", secure=True).content.decode()
    assert "lan" in page and "9 / 10" in page and LineItem.objects.get().label in page
