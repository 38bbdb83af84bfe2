"""A second real platform: Open edX's own LTI 1.3 consumer (lti-consumer-xblock 11.4.4 from PyPI) drives the
tool through launch, AGS, NRPS and deep linking.

The package's platform side, ``lti_consumer.lti_1p3.consumer.LtiAdvantageConsumer``, builds and signs the
messages exactly as Open edX does (OIDC preflight URL, id_token, access tokens, checks of the tool's
deep-linking response). What lives in edx-platform is played here in a few lines: the HTTP endpoints
that call the consumer (token, score, memberships) and the browser's hops.

Why not ``import lti_consumer``: the package's ``__init__`` imports the XBlock (``lti_xblock``), which needs
edx-platform's runtime services, its Django models (``LtiConfiguration``, ``config_models``, edx-platform's
``openedx.core`` through ``plugin.compat``) and Mako templates. The ``lti_1p3`` sub-package needs only
Django, PyJWT, edx-django-utils and edx-opaque-keys, so it is loaded without the package's ``__init__``
from where ``make install`` unpacks it (``pip install --no-deps --target .venv/opt/lti-consumer-xblock``).
"""

from __future__ import annotations

import html
import importlib
import json
import re
import sys
import types
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest
import requests
from django.test import Client

from lti_tool import keys, services
from lti_tool.models import LaunchRecord, PlatformRegistration, ScoreRecord
from programme.models import LmsIdentity

from .harness import BASE, InProcessAdapter
from .test_dashboard import answer

OE = "https://lms.openedx.test"
CLIENT_ID = "6f0c6a2e-oe-block-client"  # Open edX gives every LTI block its own client
COURSE = "course-v1:Kagoshima+N5+2026"
LINEITEM = OE + "/api/lti_consumer/v1/lti/7/lti-ags/3"
MEMBERSHIPS = OE + "/api/lti_consumer/v1/lti/7/memberships"
DL_RETURN = OE + "/api/lti_consumer/v1/lti/7/lti-dl/response"
SCORE_SCOPE = "https://purl.imsglobal.org/spec/lti-ags/scope/score"
NRPS_SCOPE = "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly"


#: Where ``make install`` unpacks the package (``pip install --no-deps --target``): outside site-packages,
#: so its ``xblock.v1`` entry point stays unregistered (the workbench would load the XBlock and fail).
PACKAGE = Path(sys.prefix) / "opt" / "lti-consumer-xblock" / "lti_consumer"


def lti_consumer_modules():
    """``lti_consumer.lti_1p3.consumer`` and ``lti_consumer.data``, without the XBlock package's __init__."""
    if "lti_consumer" not in sys.modules:
        if not (PACKAGE / "lti_1p3" / "consumer.py").is_file():
            pytest.skip(f"lti-consumer-xblock is not unpacked in {PACKAGE.parent} (make install does it)")
        package = types.ModuleType("lti_consumer")
        package.__path__ = [str(PACKAGE)]
        sys.modules["lti_consumer"] = package
    return (importlib.import_module("lti_consumer.lti_1p3.consumer"),
            importlib.import_module("lti_consumer.data"))


class OpenEdx(requests.adapters.BaseAdapter):
    """The LMS's LTI endpoints, each a call to the consumer as lti_consumer/plugin/views.py makes it."""

    def __init__(self, consumer, members: list[dict]):
        super().__init__()
        self.consumer, self.members = consumer, members
        self.scores: list[dict] = []
        self.token_requests = 0

    def send(self, request, **kwargs):
        url = request.url.split("?")[0]
        answer = requests.Response()
        answer.request, answer.url = request, request.url
        answer.headers["Content-Type"] = "application/json"
        bearer = (request.headers.get("Authorization") or "").removeprefix("Bearer ")
        if url.endswith("/token/7"):
            self.token_requests += 1
            status, body = 200, self.consumer.access_token(dict(parse_qsl(request.body)))
        elif url == LINEITEM + "/scores":
            assert self.consumer.check_token(bearer, [SCORE_SCOPE])
            self.scores.append(json.loads(request.body))
            status, body = 200, {}
        elif url == MEMBERSHIPS:
            assert self.consumer.check_token(bearer, [NRPS_SCOPE])
            status = 200
            body = {"id": MEMBERSHIPS, "context": {"id": COURSE, "label": COURSE, "title": "Japanese N5"},
                    "members": self.members}
            answer.headers["Content-Type"] = "application/vnd.ims.lti-nrps.v2.membershipcontainer+json"
        else:
            status, body = 404, {"detail": "Not found."}
        answer.status_code = status
        answer._content = json.dumps(body).encode()
        return answer

    def close(self):
        pass


@pytest.fixture
def openedx(demo, settings, monkeypatch):
    """An Open edX LTI block registered with the tool, and the tool's calls answered by it."""
    consumer_module, data_module = lti_consumer_modules()
    settings.PLATFORM_NAME = "Kagoshima Open edX"
    platform_key = keys.generate_key()
    tool_key = keys.signing_key()
    consumer = consumer_module.LtiAdvantageConsumer(
        iss=OE, lti_oidc_url=BASE + "/lti/login/", lti_launch_url=BASE + "/lti/launch/", client_id=CLIENT_ID,
        deployment_id="1", rsa_key=platform_key.private_pem, rsa_key_id="oe-key-1",
        redirect_uris=[BASE + "/lti/launch/"], tool_key=tool_key.public_pem)
    PlatformRegistration.objects.create(
        name="Open edX block (lti-consumer-xblock)", issuer=OE, client_id=CLIENT_ID,
        auth_login_url=OE + "/api/lti_consumer/v1/launch/",
        auth_token_url=OE + "/api/lti_consumer/v1/token/7",
        key_set=consumer.get_public_keyset(), deployment_ids=["1"])
    lms = OpenEdx(consumer, [])

    def session():
        s = services._TimeoutSession()
        s.mount(BASE, InProcessAdapter([]))
        s.mount(OE, lms)
        return s

    monkeypatch.setattr(services, "http_session", session)
    return types.SimpleNamespace(consumer=consumer, data=data_module, lms=lms, demo=demo)


def open_edx_launch(client: Client, oe, *, user_id: str, role: str, username: str | None = None,
                    name: str | None = None, custom: dict | None = None, deep_linking: bool = False,
                    accept_language: str = "en"):
    """The browser between Open edX and the tool, as the LTI block's launch does it (plugin/views.py)."""
    consumer = oe.consumer
    launch_data = oe.data.Lti1p3LaunchData(
        user_id=user_id, user_role=role, config_id="7", resource_link_id=BLOCK,
        external_user_id=user_id, preferred_username=username, name=name,
        message_type="LtiDeepLinkingRequest" if deep_linking else "LtiResourceLinkRequest",
        context_id=COURSE, context_type=["course_offering"], context_title="Japanese N5",
        context_label=COURSE)
    # What plugin/views.py's launch_gate_endpoint sets on the consumer before generating the launch.
    consumer.set_user_data(user_id=user_id, role=role, full_name=name, preferred_username=username)
    consumer.set_resource_link_claim(launch_data.resource_link_id)
    consumer.set_launch_presentation_claim(document_target="iframe")
    consumer.set_context_claim(COURSE, ["course_offering"], "Japanese N5", COURSE)
    consumer.set_custom_parameters(custom or {"activity": "jlpt_drill", "level": "N5", "item_count": "1"})
    consumer.enable_ags(lineitems_url=OE + "/api/lti_consumer/v1/lti/7/lti-ags", lineitem_url=LINEITEM)
    consumer.enable_nrps(MEMBERSHIPS)
    if deep_linking:
        consumer.enable_deep_linking(BASE + "/lti/launch/", DL_RETURN)
    else:
        consumer.dl = None
    login = client.get(consumer.prepare_preflight_url(launch_data), secure=True,
                       HTTP_ACCEPT_LANGUAGE=accept_language)
    assert login.status_code == 302 and login["Location"].startswith(OE), login.content.decode()[:300]
    preflight = dict(parse_qsl(urlsplit(login["Location"]).query))
    form = consumer.generate_launch_request(preflight)
    return client.post(preflight["redirect_uri"], form, secure=True, follow=True,
                       HTTP_ACCEPT_LANGUAGE=accept_language)


BLOCK = "block-v1:Kagoshima+N5+2026+type@lti_consumer+block@drill"
LEARNER_ID = "9d8a3c57-2b1e-4f0c-9d8b-0f3c5e6a7b81"  # Open edX's external user id (a UUID)


def test_launch_and_score_back_through_open_edx_consumer(openedx):
    client = Client()
    response = open_edx_launch(client, openedx, user_id=LEARNER_ID, role="student", username="aung",
                               name="Aung Ko Ko", accept_language="my")
    assert response.status_code == 200, response.content.decode()[:500]
    page = response.content.decode()
    assert "nihongo-drill" in page and 'lang="my"' in page  # no locale from Open edX: the browser's language
    identity = LmsIdentity.objects.get(issuer=OE, subject=LEARNER_ID)
    assert (identity.learner.login_id, identity.via) == ("aung", "preferred_username")

    launch_id = re.search(r'data-next-url="/lti/drill/([^/"]+)/next/"', page).group(1)
    launched = types.SimpleNamespace(url=lambda endpoint: f"/lti/drill/{launch_id}/{endpoint}/")
    answer(client, launched, True)  # a round of one item: its score goes back through AGS
    [score] = openedx.lms.scores
    assert (score["userId"], score["scoreGiven"], score["scoreMaximum"]) == (LEARNER_ID, 1, 1)
    assert (score["activityProgress"], score["gradingProgress"]) == ("Completed", "FullyGraded")
    assert ScoreRecord.objects.get().delivered


def test_the_manager_sees_the_roster_open_edx_sends(openedx):
    openedx.lms.members = [
        {"user_id": LEARNER_ID, "roles": ["http://purl.imsglobal.org/vocab/lis/v2/membership#Learner"],
         "status": "Active", "name": "Aung Ko Ko"},
        {"user_id": "0c1d", "roles": ["http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor"],
         "status": "Active"},
    ]
    open_edx_launch(Client(), openedx, user_id=LEARNER_ID, role="student", username="aung", name="Aung Ko Ko")
    page = open_edx_launch(Client(), openedx, user_id="0c1d", role="instructor", name="Sato Hanako",
                           accept_language="ja").content.decode()
    assert "学習者の学習状況" in page and "Aung Ko Ko" in page  # the roster, in the manager's language
    assert openedx.lms.token_requests == 1  # the token of the learner's score is reused for the roster


def test_deep_linking_response_is_accepted_by_open_edx_decoder(openedx):
    client = Client()
    picker = open_edx_launch(client, openedx, user_id="0c1d", role="instructor", name="Sato Hanako",
                             deep_linking=True)
    assert picker.status_code == 200, picker.content.decode()[:500]
    page = picker.content.decode()
    action = html.unescape(re.search(r'<form class="dl-form" method="post" action="([^"]+)"', page).group(1))
    chosen = client.post(action, {"activity": "jlpt_drill", "level": "N5", "item_count": "5", "title": ""},
                         secure=True)
    assert chosen.status_code == 200, chosen.content.decode()[:500]
    text = chosen.content.decode()
    return_url = html.unescape(re.search(r'<form id="dl-return" method="post" action="([^"]+)"',
                                         text).group(1))
    token = html.unescape(re.search(r'name="JWT" value="([^"]+)"', text).group(1))
    assert return_url == DL_RETURN
    items = openedx.consumer.check_and_decode_deep_linking_token(token)  # Open edX's own check
    assert [item["type"] for item in items] == ["ltiResourceLink"]
    assert items[0]["custom"]["activity"] == "jlpt_drill"
    assert not LaunchRecord.objects.filter(registration__issuer=OE).exists()
