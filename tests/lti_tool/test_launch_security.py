"""Launches the tool must refuse, each without writing a LaunchRecord (1EdTech Security Framework §5.1.3)."""

import time
from urllib.parse import urlencode

import jwt
import pytest
from django.test import Client

from lti_tool.claims import LTI
from lti_tool.keys import public_jwk
from lti_tool.models import LaunchRecord
from portal.demo_lms.platform import platform_key

from .harness import BASE, auth_form, launch


def resign(token: str, **changes) -> str:
    """The platform's token with ``changes`` (None deletes a claim), signed again with its real key."""
    claims = jwt.decode(token, options={"verify_signature": False})
    for name, value in changes.items():
        if value is None:
            claims.pop(name, None)
        else:
            claims[name] = value
    key = platform_key()
    kid = public_jwk(key.public_pem)["kid"]
    return jwt.encode(claims, key.private_pem, algorithm="RS256", headers={"kid": kid})


def tampered(token: str) -> str:
    """Same signature, another learner in the body."""
    header, body, signature = token.split(".")
    claims = jwt.decode(token, options={"verify_signature": False})
    claims["sub"] = "sub-budi"
    forged = jwt.utils.base64url_encode(jwt.api_jws.json.dumps(claims).encode()).decode()
    return ".".join([header, forged, signature])


@pytest.mark.parametrize("tamper, reason", [
    (tampered, "Signature verification failed"),
    (lambda t: resign(t, exp=int(time.time()) - 60, iat=int(time.time()) - 400), "expired"),
    (lambda t: resign(t, exp=None), "exp"),
    (lambda t: resign(t, iat=None), "iat"),
    (lambda t: resign(t, iat=int(time.time()) - 3600, exp=int(time.time()) + 60), "too old"),
    (lambda t: resign(t, aud="someone-else", azp=None), "No registration"),
    (lambda t: resign(t, **{LTI + "deployment_id": "99"}), "deployment"),
    (lambda t: resign(t, **{LTI + "target_link_uri": BASE + "/elsewhere/"}), "another address"),
    (lambda t: t.split(".")[0] + "." + t.split(".")[1] + ".", "Signature"),
], ids=["tampered-body", "expired", "no-exp", "no-iat", "issued-long-ago", "foreign-aud",
        "unknown-deployment", "other-target", "no-signature"])
def test_a_bad_id_token_is_refused_with_a_message(demo, tamper, reason):
    launched = launch(Client(), "lan", tamper=tamper)
    assert launched.response.status_code == 403
    assert "could not be verified" in launched.page
    assert reason.lower() in launched.page.lower()
    assert not LaunchRecord.objects.exists()


def test_a_replayed_launch_is_refused(demo):
    client = Client()
    first = launch(client, "lan")
    assert first.response.status_code == 200
    again = client.post(first.launch_url, {"id_token": first.id_token, "state": first.state}, secure=True)
    assert again.status_code == 403
    assert "already used" in again.content.decode()
    assert LaunchRecord.objects.count() == 1


def test_a_launch_from_another_browser_is_refused(demo):
    action, id_token, state = auth_form(Client(), "lan")
    stolen = Client().post(action, {"id_token": id_token, "state": state}, secure=True)
    assert stolen.status_code == 403
    assert not LaunchRecord.objects.exists()


def test_a_launch_without_a_token_is_refused_not_crashed(demo):
    assert Client().post("/lti/launch/", {}, secure=True).status_code == 403
    assert Client().get("/lti/launch/", secure=True).status_code == 405


def _login(**params):
    query = {"iss": BASE + "/demo-lms", "login_hint": "sub-lan", "lti_message_hint": "drill-n5",
             "client_id": "nihongo-demo-lms", "target_link_uri": BASE + "/lti/launch/", **params}
    return Client().get("/lti/login/?" + urlencode(query), secure=True)


def test_login_refuses_a_foreign_target_link_uri(demo):
    response = _login(target_link_uri="https://evil.example/lti/launch/")
    assert response.status_code == 400
    assert "Location" not in response


def test_login_refuses_an_unknown_platform(demo):
    assert _login(iss="https://other-lms.example").status_code == 403
    assert _login(client_id="unknown-client").status_code == 403


def test_login_by_post_works_too(demo):
    query = {"iss": BASE + "/demo-lms", "login_hint": "sub-lan", "lti_message_hint": "drill-n5",
             "client_id": "nihongo-demo-lms", "target_link_uri": BASE + "/lti/launch/"}
    response = Client(enforce_csrf_checks=True).post("/lti/login/", query, secure=True)
    assert response.status_code == 302
    assert response["Location"].startswith(BASE + "/demo-lms/auth/?")



OURS = "nihongo-demo-lms"


@pytest.mark.parametrize("changes, reason", [
    ({"aud": ["someone-else"], "azp": None}, "No registration"),
    ({"aud": [], "azp": None}, "no valid audience"),
    ({"aud": [OURS, "someone-else"], "azp": None}, "no authorized party (azp)"),
    ({"aud": ["someone-else", OURS], "azp": None}, "no authorized party (azp)"),
    ({"aud": [OURS, "someone-else"], "azp": "someone-else"}, "No registration"),
    ({"aud": [OURS], "azp": "someone-else"}, "authorized party (azp)"),
    ({"aud": OURS, "azp": "someone-else"}, "authorized party (azp)"),
    ({"aud": ["someone-else"], "azp": OURS}, "authorized party (azp)"),
], ids=["list-without-us", "empty-list", "several-no-azp", "several-no-azp-us-second", "azp-other-audience",
        "azp-not-us-list", "azp-not-us-string", "azp-us-but-not-in-aud"])
def test_audience_rules_refuse_with_a_message(demo, changes, reason):
    """The demo LMS sends ``azp``; ``"azp": None`` removes it."""
    launched = launch(Client(), "lan", tamper=lambda t: resign(t, **changes))
    assert launched.response.status_code == 403
    assert "could not be verified" in launched.page
    assert reason.lower() in launched.page.lower()
    assert not LaunchRecord.objects.exists()


@pytest.mark.parametrize("changes", [
    {"aud": [OURS], "azp": None},
    {"aud": OURS, "azp": OURS},
    {"aud": ["someone-else", OURS], "azp": OURS},
], ids=["single-list", "string-with-azp", "several-with-our-azp"])
def test_audience_rules_accept_a_well_formed_audience(demo, changes):
    launched = launch(Client(), "lan", tamper=lambda t: resign(t, **changes))
    assert launched.response.status_code == 200, launched.page
    assert LaunchRecord.objects.get().registration.client_id == OURS
