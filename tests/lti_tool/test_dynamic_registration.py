"""LTI Dynamic Registration against an in-process stand-in for Moodle's two endpoints.

``FakeMoodle`` answers as Moodle 4.x does (read from moodle/moodle):
* ``mod/lti/openid-configuration.php``: issuer = ``$CFG->wwwroot``, endpoints ``auth.php``,
  ``token.php``, ``certs.php``, ``openid-registration.php``, the lti-platform-configuration with
  ``product_family_code: moodle`` and ``messages_supported`` as plain strings; no token needed.
* ``mod/lti/openid-registration.php``: needs ``Authorization: Bearer <registration token>`` (a JWT
  Moodle signed, ``sub`` = the client ID it will issue, ``scope: reg``; a second use answers 401
  ``token_already_used``), then ``registration_helper::registration_to_config``'s checks
  (``response_types`` has ``id_token``, ``redirect_uris`` a list, ``token_endpoint_auth_method``
  ``private_key_jwt``, ``application_type`` ``web``, required ``initiate_login_uri``, ``client_name``,
  ``jwks_uri``, lti-tool-configuration ``domain`` and ``target_link_uri``), and answers with
  ``config_to_registration`` (``application_type: ["web"]``, ``deployment_id`` = the type ID as a string).
"""

from __future__ import annotations

import json
import re
import time
from urllib.parse import parse_qs, urlencode, urlsplit

import jwt
import pytest
import requests
from django.test import Client

from lti_tool import keys, registration, services
from lti_tool.claims import LTI
from lti_tool.models import PlatformRegistration
from lti_tool.registration import TOOL_CONFIG, invitation_url

from .harness import BASE

WWWROOT = "https://moodle.example.jp"
CONFIG_URL = WWWROOT + "/mod/lti/openid-configuration.php"


class FakeMoodle(requests.adapters.BaseAdapter):
    def __init__(self):
        super().__init__()
        self.key = keys.generate_key()
        self.registered: list[dict] = []
        self.used_client_ids: set[str] = set()
        self.requests: list = []
        self.issuer = WWWROOT

    def registration_token(self, client_id: str = "Abc123Def456Ghi") -> str:
        return jwt.encode({"sub": client_id, "scope": "reg", "iat": 1, "exp": 4102444800},
                          self.key.private_pem, algorithm="RS256", headers={"kid": self.key.kid})

    def configuration(self) -> dict:
        return {
            "issuer": self.issuer,
            "token_endpoint": WWWROOT + "/mod/lti/token.php",
            "token_endpoint_auth_methods_supported": ["private_key_jwt"],
            "token_endpoint_auth_signing_alg_values_supported": ["RS256"],
            "jwks_uri": WWWROOT + "/mod/lti/certs.php",
            "authorization_endpoint": WWWROOT + "/mod/lti/auth.php",
            "registration_endpoint": WWWROOT + "/mod/lti/openid-registration.php",
            "scopes_supported": ["https://purl.imsglobal.org/spec/lti-bo/scope/basicoutcome",
                                 "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem",
                                 "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem.readonly",
                                 "https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly",
                                 "https://purl.imsglobal.org/spec/lti-ags/scope/score",
                                 "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly",
                                 "openid"],
            "response_types_supported": ["id_token"],
            "subject_types_supported": ["public", "pairwise"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "claims_supported": ["sub", "iss", "name", "given_name", "family_name", "email"],
            "https://purl.imsglobal.org/spec/lti-platform-configuration": {
                "product_family_code": "moodle", "version": "4.5.2 (Build: 20250210)",
                "messages_supported": ["LtiResourceLinkRequest", "LtiDeepLinkingRequest"],
                "placements": ["AddContentMenu"], "variables": ["basic-lti-launch-request", "Context.id"],
            },
        }

    def _answer(self, request, status: int, body) -> requests.Response:
        response = requests.Response()
        response.status_code = status
        response._content = (json.dumps(body) if not isinstance(body, str) else body).encode()
        response.headers["Content-Type"] = "application/json; charset=utf-8"
        response.url, response.request = request.url, request
        return response

    def send(self, request, **kwargs):
        self.requests.append(request)
        path = urlsplit(request.url).path
        if path == "/mod/lti/openid-configuration.php" and request.method == "GET":
            return self._answer(request, 200, self.configuration())
        if path == "/mod/lti/openid-registration.php" and request.method == "POST":
            return self._register(request)
        return self._answer(request, 404, "not found")

    def _register(self, request):
        auth = request.headers.get("Authorization", "")
        if not auth.startswith("Bearer "):
            return self._answer(request, 401, "missing_registration_token")
        client_id = jwt.decode(auth[7:].strip(), self.key.public_pem, algorithms=["RS256"])["sub"]
        if client_id in self.used_client_ids:
            return self._answer(request, 401, "token_already_used")
        payload = json.loads(request.body)
        for key in ("response_types", "initiate_login_uri", "redirect_uris", "client_name", "jwks_uri",
                    "token_endpoint_auth_method", TOOL_CONFIG):
            if not payload.get(key):
                return self._answer(request, 400, f"missing required attribute {key}")
        tool = payload[TOOL_CONFIG]
        for key in ("domain", "target_link_uri"):
            if not tool.get(key):
                return self._answer(request, 400, f"missing required attribute {key}")
        if "id_token" not in payload["response_types"]:
            return self._answer(request, 400, "invalid_response_types")
        if not isinstance(payload["redirect_uris"], list):
            return self._answer(request, 400, "invalid_redirect_uris")
        if payload["token_endpoint_auth_method"] != "private_key_jwt":
            return self._answer(request, 400, "invalid_token_endpoint_auth_method")
        if payload.get("application_type") not in (None, "", "web"):
            return self._answer(request, 400, "invalid_application_type")
        self.used_client_ids.add(client_id)
        self.registered.append(payload)
        type_id = len(self.registered) + 6
        messages = [m for m in tool.get("messages", []) if m["type"] == "LtiDeepLinkingRequest"]
        return self._answer(request, 200, {
            "client_id": client_id, "token_endpoint_auth_method": "private_key_jwt",
            "response_types": ["id_token"], "jwks_uri": payload["jwks_uri"],
            "initiate_login_uri": payload["initiate_login_uri"],
            "grant_types": ["client_credentials", "implicit"],
            "redirect_uris": payload["redirect_uris"], "application_type": ["web"],
            "client_name": payload["client_name"], "logo_uri": "", "scope": payload.get("scope", ""),
            TOOL_CONFIG: {"deployment_id": str(type_id), "target_link_uri": tool["target_link_uri"],
                          "domain": tool["domain"], "description": tool.get("description", ""),
                          "messages": messages,
                          "claims": ["sub", "iss", "name", "family_name", "middle_name"]},
        })

    def close(self):
        pass


@pytest.fixture
def moodle(db, settings, monkeypatch):
    settings.NIHONGO_BASE_URL = BASE
    fake = FakeMoodle()

    def session():
        s = requests.Session()
        s.mount(WWWROOT, fake)
        return s

    monkeypatch.setattr(services, "http_session", session)
    monkeypatch.setattr(registration, "resolve", lambda host: {"133.18.0.10"})  # no DNS in tests
    return fake


def open_registration(client: Client, moodle: FakeMoodle, invite_url: str | None = None, **params):
    """What Moodle does with the Tool URL: append openid_configuration and registration_token."""
    url = invite_url or invitation_url("Moodle (Kagoshima)")
    query = {"openid_configuration": CONFIG_URL, "registration_token": moodle.registration_token()}
    query.update(params)
    path = urlsplit(url).path + "?" + urlsplit(url).query + "&" + urlencode(query)
    return client.get(path, secure=True)


def test_a_moodle_administrator_pastes_one_url_and_the_platform_is_registered(moodle):
    response = open_registration(Client(), moodle)
    assert response.status_code == 200, response.content
    page = response.content.decode()
    assert '{subject: "org.imsglobal.lti.close"}' in page and "window.opener || window.parent" in page
    assert "client ID <code>Abc123Def456Ghi</code>" in page and "deployment <code>7</code>" in page

    reg = PlatformRegistration.objects.get()
    assert (reg.name, reg.issuer, reg.client_id, reg.deployment_ids) == (
        "Moodle (Kagoshima)", WWWROOT, "Abc123Def456Ghi", ["7"])
    assert (reg.auth_login_url, reg.auth_token_url, reg.key_set_url) == (
        WWWROOT + "/mod/lti/auth.php", WWWROOT + "/mod/lti/token.php", WWWROOT + "/mod/lti/certs.php")

    (sent,) = moodle.registered
    post = moodle.requests[-1]
    assert post.headers["Authorization"] == "Bearer " + moodle.registration_token()
    assert sent["initiate_login_uri"] == BASE + "/lti/login/"
    assert sent["redirect_uris"] == [BASE + "/lti/launch/"]
    assert sent["jwks_uri"] == BASE + "/lti/jwks/"
    assert sent["grant_types"] == ["implicit", "client_credentials"]
    assert set(sent["scope"].split()) == {
        "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem.readonly",
        "https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly",
        "https://purl.imsglobal.org/spec/lti-ags/scope/score",
        "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly"}
    tool = sent[TOOL_CONFIG]
    assert tool["domain"] == "testserver" and tool["target_link_uri"] == BASE + "/lti/launch/"
    assert [m["type"] for m in tool["messages"]] == ["LtiResourceLinkRequest", "LtiDeepLinkingRequest"]
    assert all(m["target_link_uri"] == BASE + "/lti/launch/" for m in tool["messages"])


def test_an_invitation_works_once(moodle):
    url = invitation_url("Moodle")
    assert open_registration(Client(), moodle, url).status_code == 200
    again = open_registration(Client(), moodle, url)
    assert again.status_code == 400 and b"already used" in again.content
    assert len(moodle.registered) == 1


def test_without_an_invitation_nothing_is_fetched(moodle):
    response = Client().get("/lti/register/?" + urlencode(
        {"openid_configuration": CONFIG_URL, "registration_token": moodle.registration_token()}), secure=True)
    assert response.status_code == 400 and "not valid: use the whole URL" in response.content.decode()
    assert moodle.requests == [] and not PlatformRegistration.objects.exists()


def _issuer(m):
    m.issuer = "https://other.example.jp"


def _no_rs256(m):
    original = m.configuration
    m.configuration = lambda: {**original(), "id_token_signing_alg_values_supported": ["HS256"]}


@pytest.mark.parametrize("change, params, message", [
    (_issuer, {}, "does not match the address of its configuration"),
    (_no_rs256, {}, "does not support RS256"),
    (lambda m: None, {"openid_configuration": "http://moodle.example.jp/mod/lti/openid-configuration.php"},
     "must use https"),
    (lambda m: m.used_client_ids.add("Abc123Def456Ghi"), {}, "HTTP 401): token_already_used"),
    (lambda m: None, {"registration_token": ""}, "HTTP 401): missing_registration_token"),
], ids=["issuer-mismatch", "no-rs256", "plain-http", "token-used", "no-token"])
def test_an_untrustworthy_platform_gets_a_clear_message_and_nothing_is_stored(moodle, change, params,
                                                                              message):
    change(moodle)
    response = open_registration(Client(), moodle, **params)
    assert response.status_code == 400
    assert message in response.content.decode() and 'class="lt-error"' in response.content.decode()
    assert not PlatformRegistration.objects.exists()


def test_a_configuration_url_inside_our_network_is_refused(moodle, monkeypatch):
    monkeypatch.setattr(registration, "resolve", lambda host: {"10.0.0.5"})
    response = open_registration(Client(), moodle)
    assert response.status_code == 400 and "private address" in response.content.decode()
    assert moodle.requests == []


def test_without_openid_configuration_the_page_says_where_to_open_it(moodle):
    response = Client().get("/lti/register/", secure=True)
    assert response.status_code == 400 and "LTI Dynamic Registration" in response.content.decode()


def test_the_cli_prints_a_registration_url(moodle, capsys):
    from portal.cli import main

    assert main(["lti", "registration-url", "--name", "Moodle (Kagoshima)"]) == 0
    url = capsys.readouterr().out.splitlines()[0]
    assert re.fullmatch(re.escape(BASE) + r"/lti/register/\?invite=\S+", url)
    assert open_registration(Client(), moodle, url).status_code == 200
    assert PlatformRegistration.objects.get().name == "Moodle (Kagoshima)"


def test_a_learner_launches_from_the_dynamically_registered_moodle(moodle):
    """After registration the tool trusts Moodle's keys from certs.php: a launch signed by them works."""
    moodle_jwks = {"keys": [keys.public_jwk(moodle.key.public_pem)]}
    original = moodle.send

    def send(request, **kwargs):  # Moodle's public keyset
        if urlsplit(request.url).path == "/mod/lti/certs.php":
            moodle.requests.append(request)
            return moodle._answer(request, 200, moodle_jwks)
        return original(request, **kwargs)

    moodle.send = send
    assert open_registration(Client(), moodle).status_code == 200
    browser = Client()
    login = browser.get("/lti/login/?" + urlencode({
        "iss": WWWROOT, "target_link_uri": BASE + "/lti/launch/", "login_hint": "2",
        "lti_message_hint": "{\"cmid\":12}", "client_id": "Abc123Def456Ghi", "lti_deployment_id": "7"}),
        secure=True)
    assert login.status_code == 302 and login["Location"].startswith(WWWROOT + "/mod/lti/auth.php?")
    auth = {k: v[0] for k, v in parse_qs(urlsplit(login["Location"]).query).items()}
    now = int(time.time())
    id_token = jwt.encode({
        "iss": WWWROOT, "aud": "Abc123Def456Ghi", "sub": "sub-lan", "iat": now, "exp": now + 60,
        "nonce": auth["nonce"], LTI + "deployment_id": "7", LTI + "message_type": "LtiResourceLinkRequest",
        LTI + "version": "1.3.0", LTI + "target_link_uri": BASE + "/lti/launch/",
        LTI + "resource_link": {"id": "12", "title": "N5 drill"},
        LTI + "roles": ["http://purl.imsglobal.org/vocab/lis/v2/membership#Learner"],
        LTI + "custom": {"activity": "jlpt_drill", "level": "N5"}, "name": "Lan",
    }, moodle.key.private_pem, algorithm="RS256", headers={"kid": moodle.key.kid})
    launched = browser.post(auth["redirect_uri"], {"id_token": id_token, "state": auth["state"]}, secure=True,
                            follow=True)  # the launch's page is a GET (post/redirect/get)
    assert launched.status_code == 200, launched.content
    assert 'class="nihongo-drill"' in launched.content.decode()
    assert any(urlsplit(r.url).path == "/mod/lti/certs.php" for r in moodle.requests)
