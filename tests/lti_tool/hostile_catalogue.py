"""The catalogue of hostile or malformed LTI launches the tool must refuse (issue 5).

Each case starts with a real login round trip (demo LMS → tool login → demo LMS auth, which signs a
genuine id_token for the learner), then tampers with the token or with the browser's request. The
expectation is the HTTP status and a fragment of the error page's message.
``test_hostile_catalogue.py`` runs every case; ``python -m tests.lti_tool.hostile_catalogue`` runs
them and prints the table with each verdict as Markdown (``--no-run``: the table only).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import html
import json
import re
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

LTI = "https://purl.imsglobal.org/spec/lti/claim/"
DL_SETTINGS = "https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings"
OURS = "nihongo-demo-lms"
#: Personal data the tokens carry; no log record may contain them.
NAME = "Nguyen Thi Lan"
EMAIL = "lan.nguyen@example.com"
HTTP_BASE = "http://testserver"


# --- signing -------------------------------------------------------------------------------------

def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _json(value: object) -> str:
    return _b64(json.dumps(value).encode())


def _platform():
    from lti_tool.keys import public_jwk
    from portal.demo_lms.platform import platform_key

    key = platform_key()
    return key, public_jwk(key.public_pem)["kid"]


@cache
def _attacker():
    """A key pair of our own (an attacker's), with its JWK."""
    from lti_tool.keys import generate_key, public_jwk

    pair = generate_key()
    return pair, public_jwk(pair.public_pem)


def claims_of(token: str) -> dict:
    import jwt

    return jwt.decode(token, options={"verify_signature": False})


def sign(claims: dict, headers: dict | None = None, key_pem: str | None = None, alg: str = "RS256") -> str:
    """``claims`` signed with the platform's real key (or ``key_pem``); ``None`` header values are dropped."""
    import jwt

    key, kid = _platform()
    header = {k: v for k, v in {"kid": kid, **(headers or {})}.items() if v is not None}
    return jwt.encode(claims, key_pem or key.private_pem, algorithm=alg, headers=header)


def _with_pii(claims: dict) -> dict:
    return {**claims, "name": NAME, "email": EMAIL}


def resign(**changes) -> Callable[[str], str]:
    """The token with ``changes`` (``None`` deletes a claim; a callable gets the old value), re-signed."""
    def tamper(token: str) -> str:
        claims = _with_pii(claims_of(token))
        for name, value in changes.items():
            if value is None:
                claims.pop(name, None)
            else:
                claims[name] = value(claims.get(name)) if callable(value) else value
        return sign(claims)
    return tamper


def lti(**changes) -> Callable[[str], str]:
    """``resign`` for LTI claims, named without their URI prefix."""
    return resign(**{LTI + name: value for name, value in changes.items()})


def now(offset: int) -> Callable[[object], int]:
    """A time claim ``offset`` seconds from the moment of tampering."""
    return lambda _old: int(time.time()) + offset


def headers(**changes) -> Callable[[str], str]:
    """Re-signed with the platform's key and these header changes (``kid=None`` drops the kid)."""
    def tamper(token: str) -> str:
        import jwt

        key, kid = _platform()
        header = {"kid": kid, **changes}
        header = {k: v for k, v in header.items() if v is not None}
        alg = header.pop("alg", "RS256")
        return jwt.encode(_with_pii(claims_of(token)), key.private_pem, algorithm=alg, headers=header)
    return tamper


def by_attacker(**extra_headers) -> Callable[[str], str]:
    """Signed with a key of the attacker's; ``kid`` defaults to the attacker's own."""
    def tamper(token: str) -> str:
        import jwt

        pair, jwk = _attacker()
        header = {"kid": jwk["kid"], **extra_headers}
        if header.get("jwk") == "ATTACKER":
            header["jwk"] = {k: jwk[k] for k in ("kty", "n", "e", "kid")}
        if header.get("kid") == "PLATFORM":
            header["kid"] = _platform()[1]
        return jwt.encode(_with_pii(claims_of(token)), pair.private_pem, algorithm="RS256", headers=header)
    return tamper


def body_swapped(token: str) -> str:
    """The platform's signature over another body (another learner)."""
    header, _body, signature = token.split(".")
    return ".".join([header, _json(_with_pii({**claims_of(token), "sub": "sub-budi"})), signature])


def signature_stripped(token: str) -> str:
    return ".".join(token.split(".")[:2]) + "."


def alg_none(token: str) -> str:
    return _json({"alg": "none", "typ": "JWT", "kid": _platform()[1]}) + "." \
        + _json(_with_pii(claims_of(token))) + "."


def hs256_with_public_key(token: str) -> str:
    """Key confusion: an HMAC whose secret is the platform's published public key."""
    key, kid = _platform()
    header = {"alg": "HS256", "typ": "JWT", "kid": kid}
    signing_input = _json(header) + "." + _json(_with_pii(claims_of(token)))
    mac = hmac.new(key.public_pem.encode(), signing_input.encode(), hashlib.sha256).digest()
    return signing_input + "." + _b64(mac)


def deep_link_without_return_url(token: str) -> str:
    return resign(**{LTI + "message_type": "LtiDeepLinkingRequest",
                     DL_SETTINGS: {"accept_types": ["ltiResourceLink"],
                                   "accept_presentation_document_targets": ["iframe", "window"]}})(token)


# --- the browser's side --------------------------------------------------------------------------

@dataclass(frozen=True)
class Form:
    action: str
    id_token: str
    state: str


def login_round_trip(client, secure: bool = True, login_changes: dict | None = None):
    """Demo LMS → tool login → demo LMS auth: the auto-post ``Form``, or the login's refusal."""
    start = client.get("/demo-lms/launch/lan/", secure=secure)
    assert start.status_code == 302, start.content
    location = start["Location"]
    if login_changes:
        parts = urlsplit(location)
        query = {**dict(parse_qsl(parts.query)), **login_changes}
        location = urlunsplit(parts._replace(query=urlencode(query)))
    login = client.get(location, secure=secure)
    if login.status_code != 302:
        return login
    form = client.get(login["Location"], secure=secure)
    assert form.status_code == 200, form.content
    text = form.content.decode()

    def field(pattern):
        return html.unescape(re.search(pattern, text).group(1))
    return Form(field(r'action="([^"]+)"'), field(r'name="id_token" value="([^"]+)"'),
                field(r'name="state" value="([^"]+)"'))


def _post(client, form: Form, secure: bool = True, **fields):
    data = {"id_token": form.id_token, "state": form.state, **fields}
    return client.post(form.action, {k: v for k, v in data.items() if v is not None}, secure=secure,
                       follow=True)


def send_post(client, form):
    return _post(client, form)


def send_get(client, form):
    return client.get(form.action, {"id_token": form.id_token, "state": form.state}, secure=True)


def send_without_state(client, form):
    return _post(client, form, state=None)


def send_without_id_token(client, form):
    return _post(client, form, id_token=None)


def send_made_up_state(client, form):
    return _post(client, form, state="state-00000000-0000-0000-0000-000000000000")


def send_foreign_state(client, form):
    """This browser's id_token with the state of another browser's login."""
    from django.test import Client

    other = login_round_trip(Client())
    return _post(client, form, state=other.state)


def send_from_other_browser(client, form):
    """A captured form posted by a browser that never logged in (HTTPS: no session cookie)."""
    from django.test import Client

    return _post(Client(), form)


def send_over_plain_http(client, form):
    """Behind a TLS proxy that Django is not told about: the request looks like plain HTTP."""
    return _post(client, form, secure=False)


def send_twice(client, form):
    first = _post(client, form)
    assert first.status_code == 200, first.content
    return _post(client, form)


def send_with_used_nonce(client, form):
    """A first launch succeeds; the next login's token is re-signed with the first token's nonce."""
    first = _post(client, form)
    assert first.status_code == 200, first.content
    second = login_round_trip(client)
    used = claims_of(form.id_token)["nonce"]
    return _post(client, Form(second.action, resign(nonce=used)(second.id_token), second.state))


#: Cases whose round trip is not the standard HTTPS one: they set up and send everything themselves.
def http_mode_replay(client):
    """Plain-HTTP mode (a local demo): PyLTI1p3's keys are global, so after the learner's launch
    the same id_token+state passes its state check from any browser; the used nonce stops it."""
    from django.conf import settings
    from django.test import Client

    from portal.demo_lms.setup import ensure_demo_registration

    settings.NIHONGO_BASE_URL = HTTP_BASE
    ensure_demo_registration(HTTP_BASE)
    form = login_round_trip(client, secure=False)
    first = _post(client, form, secure=False)
    assert first.status_code == 200, first.content
    return _post(Client(), form, secure=False)


# --- the catalogue -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Case:
    id: str
    description: str
    tampering: str
    status: int
    fragment: str
    token: Callable[[str], str] | None = None
    send: Callable = send_post
    login_changes: dict | None = None
    run: Callable | None = None
    #: Launches that legitimately succeed on the way (replays): the LaunchRecords expected after.
    legit_launches: int = 0
    group: str = ""


def _cases() -> list[Case]:
    c = []

    def add(group, id_, description, tampering, status, fragment, **kw):
        c.append(Case(id_, description, tampering, status, fragment, group=group, **kw))

    g = "signature"
    add(g, "body-swapped", "Body changed under the platform's signature", "sub replaced, signature kept",
        403, "Signature verification failed", token=body_swapped)
    add(g, "signature-stripped", "Signature removed", "third part emptied", 403, "signature",
        token=signature_stripped)
    add(g, "alg-none", "Unsigned token", 'header alg "none", no signature', 403, "'none' is not allowed",
        token=alg_none)
    add(g, "hs256-public-key", "HS256 key confusion", "HMAC-SHA256 keyed with the platform's public PEM",
        403, "'HS256' is not allowed", token=hs256_with_public_key)
    add(g, "rs512", "Another RSA algorithm", "re-signed RS512 with the platform's key", 403,
        "'RS512' is not allowed", token=headers(alg="RS512"))
    add(g, "foreign-key-platform-kid", "Forged with another key", "attacker's key, platform's kid",
        403, "Signature verification failed", token=by_attacker(kid="PLATFORM"))
    add(g, "jku-injection", "Key URL injected (jku)", "attacker's key, header jku → attacker's JWKS",
        403, "jku header", token=by_attacker(jku="https://evil.example/jwks.json"))
    add(g, "jwk-injection", "Key injected (jwk)", "attacker's key, header jwk = attacker's public JWK",
        403, "jwk header", token=by_attacker(jwk="ATTACKER"))
    add(g, "x5u-injection", "Certificate URL injected (x5u)", "attacker's key, header x5u",
        403, "x5u header", token=by_attacker(x5u="https://evil.example/cert.pem"))
    add(g, "unknown-kid", "Key ID the platform never published", "platform's key, kid 'not-a-key'",
        403, "unknown kid", token=headers(kid="not-a-key"))
    add(g, "attacker-kid", "Attacker's own key and kid", "attacker's key and its kid",
        403, "unknown kid", token=by_attacker())
    add(g, "no-kid", "No key ID", "re-signed without kid", 403, "no signing key (kid)",
        token=headers(kid=None))
    add(g, "not-a-jwt", "Not a JWT", "id_token 'not-a-jwt'", 403, "not a signed JWT",
        token=lambda t: "not-a-jwt")
    add(g, "undecodable-jwt", "Three parts of garbage", "id_token 'abc.def.ghi'", 403, "not a signed JWT",
        token=lambda t: "abc.def.ghi")

    g = "issuer and audience"
    add(g, "wrong-iss", "Unknown issuer", "iss = https://evil.example/lms", 403, "No registration",
        token=resign(iss="https://evil.example/lms"))
    add(g, "no-iss", "No issuer", "iss removed", 403, "iss", token=resign(iss=None))
    add(g, "wrong-aud", "Token for another tool", "aud = 'someone-else', no azp", 403, "No registration",
        token=resign(aud="someone-else", azp=None))
    add(g, "aud-list-without-us", "Audience list without us", "aud = ['someone-else'], no azp", 403,
        "No registration", token=resign(aud=["someone-else"], azp=None))
    add(g, "several-aud-no-azp", "Several audiences, no azp (library gap)", "aud = [us, other], no azp",
        403, "no authorized party (azp)", token=resign(aud=[OURS, "someone-else"], azp=None))
    add(g, "foreign-azp", "Foreign authorized party (library gap)", "aud = [us], azp = 'someone-else'",
        403, "authorized party (azp)", token=resign(aud=[OURS], azp="someone-else"))
    add(g, "empty-aud", "Empty audience", "aud = []", 403, "no valid audience",
        token=resign(aud=[], azp=None))

    g = "time"
    add(g, "no-exp", "No expiry (library gap)", "exp removed", 403, '"exp"', token=resign(exp=None))
    add(g, "no-iat", "No issue time (library gap)", "iat removed", 403, '"iat"', token=resign(iat=None))
    add(g, "expired-beyond-leeway", "Expired beyond the 60 s leeway", "exp = now − 90 s", 403, "expired",
        token=resign(exp=now(-90), iat=now(-300)))
    add(g, "iat-future-beyond-leeway", "Issued in the future beyond the leeway", "iat = now + 90 s", 403,
        "not valid yet", token=resign(iat=now(90), exp=now(400)))
    add(g, "nbf-future-beyond-leeway", "Not valid before a future time", "nbf = now + 90 s", 403,
        "not valid yet", token=resign(nbf=now(90)))
    add(g, "stale-iat", "Issued two days ago, still unexpired (library gap)", "iat = now − 2 days", 403,
        "too old", token=resign(iat=now(-2 * 86400), exp=now(300)))
    add(g, "exp-not-a-number", "Expiry that is not a number", "exp = 'tomorrow'", 403, "must be numbers",
        token=resign(exp="tomorrow"))

    g = "nonce and replay"
    add(g, "replayed-launch", "The same form posted twice (library gap)", "first POST accepted, then again",
        403, "already used", send=send_twice, legit_launches=1)
    add(g, "replayed-nonce", "A used nonce in a new token (library gap)",
        "second login's token re-signed with the first token's nonce", 403, "replayed nonce",
        send=send_with_used_nonce, legit_launches=1)
    add(g, "no-nonce", "No nonce", "nonce removed", 403, "no nonce", token=resign(nonce=None))
    add(g, "unknown-nonce", "A nonce the tool never issued", "nonce = 'made-up'", 403,
        "nonce was not issued", token=resign(nonce="made-up"))

    g = "state, browser and transport"
    add(g, "no-state", "No state", "state field removed", 403, "has no state", send=send_without_state)
    add(g, "made-up-state", "Made-up state", "state = state-0000…", 403, "unknown state",
        send=send_made_up_state)
    add(g, "foreign-state", "Another browser's state", "this browser's token, another login's state",
        403, "unknown state", send=send_foreign_state)
    add(g, "other-browser", "Captured form posted from another browser (HTTPS)",
        "posted by a browser without the login's cookies", 403, "session cookie is missing",
        send=send_from_other_browser)
    add(g, "no-id-token", "No id_token", "id_token field removed", 403, "has no id_token",
        send=send_without_id_token)
    add(g, "get-not-post", "GET instead of POST", "id_token and state in the query string", 405,
        "arrives as a form POST", send=send_get)
    add(g, "plain-http-behind-proxy", "HTTPS site reached as plain HTTP (proxy header not trusted)",
        "launch POST without TLS while the tool's address is https://", 403, "NIHONGO_BEHIND_TLS_PROXY",
        send=send_over_plain_http)
    add(g, "http-mode-replay", "Plain-HTTP mode: captured form replayed from another browser (library gap)",
        "site on http://, learner launches, a cookieless browser posts the same form", 403, "already used",
        run=http_mode_replay, legit_launches=1)

    g = "target link"
    add(g, "foreign-target-claim", "Launch for another address (library gap)",
        "target_link_uri claim = https://testserver/elsewhere/", 403, "another address",
        token=lti(target_link_uri="https://testserver/elsewhere/"))
    add(g, "login-foreign-target", "Login asking to redirect elsewhere (open redirect)",
        "login's target_link_uri = https://evil.example/lti/launch/", 400, "not this tool's launch page",
        login_changes={"target_link_uri": "https://evil.example/lti/launch/"})
    add(g, "login-unknown-issuer", "Login from an unregistered platform", "login's iss = https://other-lms.example",
        403, "not registered", login_changes={"iss": "https://other-lms.example"})

    g = "LTI claims"
    add(g, "wrong-deployment", "Unknown deployment", "deployment_id = '99'", 403, "deployment",
        token=lti(deployment_id="99"))
    add(g, "no-deployment", "No deployment", "deployment_id removed", 403, "deployment",
        token=lti(deployment_id=None))
    add(g, "unknown-message-type", "Unknown message type", "message_type = 'LtiFooRequest'", 403,
        "message type is not one this tool handles", token=lti(message_type="LtiFooRequest"))
    add(g, "no-message-type", "No message type", "message_type removed", 403, "no message type",
        token=lti(message_type=None))
    add(g, "submission-review", "A message type this endpoint does not serve",
        "message_type = 'LtiSubmissionReviewRequest' (with its for_user claim)", 403, "resource link",
        token=lti(message_type="LtiSubmissionReviewRequest", for_user={"user_id": "sub-budi"}))
    add(g, "deep-link-no-return-url", "Deep-linking request without a return URL (library gap)",
        "message_type LtiDeepLinkingRequest, settings without deep_link_return_url", 403, "no return URL",
        token=deep_link_without_return_url)
    add(g, "wrong-version", "Wrong LTI version", "version = '1.1.0'", 403, "not LTI 1.3.0",
        token=lti(version="1.1.0"))
    add(g, "no-version", "No LTI version", "version removed", 403, "not LTI 1.3.0", token=lti(version=None))
    add(g, "no-sub", "No user", "sub removed", 403, "names no user", token=resign(sub=None))
    add(g, "empty-sub", "Empty user", "sub = ''", 403, "names no user", token=resign(sub=""))
    add(g, "no-roles", "No roles claim", "roles removed", 403, "no roles claim", token=lti(roles=None))
    add(g, "roles-string", "Roles as a string (library gap)", "roles = 'Learner'", 403,
        "must be a list of role URIs", token=lti(roles="http://purl.imsglobal.org/vocab/lis/v2/membership#Learner"))
    add(g, "roles-not-strings", "Roles that are not strings", "roles = [1, 2]", 403,
        "must be a list of role URIs", token=lti(roles=[1, 2]))
    add(g, "no-resource-link", "No resource link", "resource_link removed", 403, "no resource link id",
        token=lti(resource_link=None))
    add(g, "resource-link-without-id", "Resource link without id", "resource_link = {title}", 403,
        "no resource link id", token=lti(resource_link={"title": "N5 vocabulary drill"}))
    add(g, "unknown-activity", "Link names an activity the tool does not have",
        "custom.activity = 'rm -rf'", 400, "Unknown activity",
        token=lti(custom={"activity": "rm -rf"}))
    return c


CASES: list[Case] = _cases()


def run(case: Case, client):
    """Send ``case`` as a browser would: the response the tool gives."""
    if case.run:
        return case.run(client)
    form = login_round_trip(client, login_changes=case.login_changes)
    if not isinstance(form, Form):
        return form
    if case.token:
        form = Form(form.action, case.token(form.id_token), form.state)
    return case.send(client, form)


# --- the table -----------------------------------------------------------------------------------

def markdown(verdicts: dict[str, str] | None = None) -> str:
    """The catalogue as a Markdown table; with ``verdicts`` (case id → verdict), a verdict column."""
    head = ["#", "id", "group", "case", "tampering", "expected"]
    head += ["verdict"] if verdicts is not None else []
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for n, case in enumerate(CASES, start=1):
        row = [str(n), f"`{case.id}`", case.group, case.description, case.tampering.replace("|", "\\|"),
               f"{case.status} “{case.fragment}”"]
        if verdicts is not None:
            row.append(verdicts.get(case.id, "not run"))
        lines.append("| " + " | ".join(row) + " |")
    return "\n".join(lines)


class _Verdicts:
    """A pytest plugin that keeps each case's outcome."""

    def __init__(self):
        self.outcomes: dict[str, str] = {}

    def pytest_runtest_logreport(self, report):
        found = re.search(r"test_hostile_launch_is_refused\[(.+)\]$", report.nodeid)
        if not found:
            return
        if report.failed:
            line = str(report.longrepr).strip().splitlines()[-1] if report.longrepr else ""
            self.outcomes[found.group(1)] = f"FAIL ({line[:80]})"
        elif report.when == "call" and report.passed:
            self.outcomes[found.group(1)] = "refused as expected"


def main(argv: list[str]) -> int:
    if "--no-run" in argv:
        print(markdown())
        return 0
    import pytest

    verdicts = _Verdicts()
    code = pytest.main(["-q", "-p", "no:cacheprovider", "--no-header", "-k", "test_hostile_launch_is_refused",
                        __file__.replace("hostile_catalogue.py", "test_hostile_catalogue.py")],
                       plugins=[verdicts])
    print()
    print(markdown(verdicts.outcomes))
    refused = sum(v == "refused as expected" for v in verdicts.outcomes.values())
    print(f"\n{refused} of {len(CASES)} hostile launches refused as expected.")
    return int(code)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
