"""Deep linking round trip: demo LMS (lti1p3platform) → the tool's picker → signed response → new link.

lti1p3platform 0.1.8 checks only the response's signature, message type and item types, so these
tests decode what the tool sends back and check it against LTI Deep Linking 2.0 §4.2 themselves.
"""

from __future__ import annotations

import html
import re

import jwt
import pytest
from django.test import Client

from curriculum.bank import default_bank
from curriculum.item_types import TYPES
from lti_tool import keys
from lti_tool.claims import LTI
from lti_tool.deep_linking import DL, SETTINGS_CLAIM
from lti_tool.models import LaunchRecord
from portal.demo_lms.models import ContentLink, LineItem, Score
from portal.demo_lms.platform import CLIENT_ID, DEPLOYMENT_ID, issuer

from .harness import BASE, post_json
from .test_launch_security import resign


def _field(text: str, pattern: str) -> str:
    return html.unescape(re.search(pattern, text).group(1))


def through_platform(client: Client, start: str, tamper=None):
    """Follow the demo LMS's start URL to the tool's launch page; returns (response, id_token)."""
    login = client.get(start, secure=True)
    assert login.status_code == 302, login.content
    auth = client.get(login["Location"], secure=True)
    assert auth.status_code == 302, auth.content
    form = client.get(auth["Location"], secure=True).content.decode()
    action = _field(form, r'action="([^"]+)"')
    id_token = _field(form, r'name="id_token" value="([^"]+)"')
    state = _field(form, r'name="state" value="([^"]+)"')
    if tamper:
        id_token = tamper(id_token)
    # A resource-link launch answers with a redirect to its page (post/redirect/get): followed.
    return client.post(action, {"id_token": id_token, "state": state}, secure=True, follow=True), id_token


def open_picker(client: Client, tamper=None):
    response, id_token = through_platform(client, "/demo-lms/deep-link/manager1/", tamper)
    return response, id_token


def picker_action(page: str) -> str:
    return _field(page, r'<form class="dl-form" method="post" action="([^"]+)"')


def choose(client: Client, action: str, **fields):
    return client.post(action, fields, secure=True)


def returned(page: str) -> tuple[str, str]:
    """The auto-submitting form's action and JWT."""
    return (_field(page, r'<form id="dl-return" method="post" action="([^"]+)"'),
            _field(page, r'name="JWT" value="([^"]+)"'))


def decode_response(token: str) -> dict:
    """Verify the response as a strict platform would: our published key, aud = platform, iss = client."""
    header = jwt.get_unverified_header(token)
    jwk = next(k for k in keys.jwks()["keys"] if k["kid"] == header["kid"])
    return jwt.decode(token, jwt.PyJWK(jwk).key, algorithms=["RS256"], audience=issuer(BASE),
                      issuer=CLIENT_ID,
                      options={"require": ["iss", "aud", "exp", "iat", "nonce"]})


def test_deep_link_round_trip_creates_a_graded_drill_link(demo):
    client = Client()
    picker, id_token = open_picker(client)
    assert picker.status_code == 200, picker.content
    page = picker.content.decode()
    assert 'name="viewport"' in page and '<label for="dl-activity">' in page
    assert '<select id="dl-form-version" name="form_version"' in page  # the mock test's A, B, C or next
    assert '<option value="next" selected>' in page and '<option value="C">Form C</option>' in page
    request_settings = jwt.decode(id_token, options={"verify_signature": False})[SETTINGS_CLAIM]
    assert not LaunchRecord.objects.exists()  # a deep-linking launch is no use of an activity

    answer = choose(client, picker_action(page), activity="jlpt_drill", level="N5", skill="vocabulary",
                    item_count="5", title="")
    assert answer.status_code == 200, answer.content
    action, token = returned(answer.content.decode())
    assert action == request_settings["deep_link_return_url"] == BASE + "/demo-lms/deep-link-return/"

    claims = decode_response(token)
    assert claims["aud"] == [issuer(BASE)] and claims["iss"] == CLIENT_ID
    assert claims["exp"] > claims["iat"] and len(claims["nonce"]) >= 16
    assert claims[LTI + "deployment_id"] == DEPLOYMENT_ID
    assert claims[LTI + "message_type"] == "LtiDeepLinkingResponse"
    assert claims[LTI + "version"] == "1.3.0"
    assert claims[DL + "data"] == request_settings["data"]  # echoed unchanged
    vocabulary_types = sorted(t.value for t, info in TYPES.items()
                              if info.skill == "vocabulary" and "N5" in info.levels)
    assert claims[DL + "content_items"] == [{
        "type": "ltiResourceLink", "title": "N5 vocabulary drill (5 questions)", "url": BASE + "/lti/launch/",
        "custom": {"activity": "jlpt_drill", "level": "N5", "item_count": "5",
                   "types": ",".join(t for t in (x.value for x in TYPES) if t in vocabulary_types)},
        "lineItem": {"scoreMaximum": 5, "label": "N5 vocabulary drill (5 questions)",
                     "resourceId": "jlpt_drill:N5:vocabulary", "tag": "jlpt_drill"},
    }]

    back = client.post(action, {"JWT": token}, secure=True)
    assert back.status_code == 302 and back["Location"].endswith("?added=1"), back.content
    link = ContentLink.objects.get()
    assert link.custom["item_count"] == "5" and link.line_item.score_maximum == 5
    index = client.get(back["Location"], secure=True).content.decode()
    assert "1 activity added by deep linking." in index
    assert f"?link={link.pk}" in index
    replay = client.post(action, {"JWT": token}, secure=True)
    assert replay.status_code == 400 and ContentLink.objects.count() == 1

    # A learner opens the new link: a 5-question vocabulary round whose score lands in its line item.
    learner = Client()
    launched, _ = through_platform(learner, f"/demo-lms/launch/lan/?link={link.pk}")
    assert launched.status_code == 200, launched.content
    launch_id = re.search(r'data-next-url="/lti/drill/([^/"]+)/next/"', launched.content.decode()).group(1)
    assert LaunchRecord.objects.get(launch_id=launch_id).resource_link_id == f"dl-{link.pk}"
    for _ in range(5):
        item = post_json(learner, f"/lti/drill/{launch_id}/next/").json()["item"]
        assert default_bank().get(item["id"]).type.value in vocabulary_types
        right = default_bank().get(item["id"]).answer
        result = post_json(learner, f"/lti/drill/{launch_id}/answer/",
                           {"item_id": item["id"], "choice": right})
    assert result.json()["round_complete"] is True
    score = Score.objects.get()
    assert score.line_item == link.line_item and (score.score_given, score.score_maximum) == (5, 5)


@pytest.mark.parametrize("fields, message", [
    ({"activity": "jlpt_drill", "level": "N5", "item_count": "0"},
     "Questions per round must be from 1 to 100."),
    ({"activity": "jlpt_drill", "level": "N5", "item_count": "ten"}, "must be a whole number"),
    ({"activity": "jlpt_drill", "level": "N9"}, "Choose a level"),
    ({"activity": "jlpt_drill", "level": "N5", "skill": "conversation"}, "The N5 exam has no conversation"),
    ({"activity": "mock_test", "form": "N1"}, "Choose the mock test&#x27;s form"),
    ({"activity": "mock_test", "form": "N5", "form_version": "D"}, "Choose which form of the test"),
    ({"activity": "dialect_lesson", "lesson": "nowhere"}, "Choose a dialect lesson"),
    ({"activity": "chess"}, "Choose an activity."),
    ({"activity": "progress", "title": "x" * 201}, "The title is too long"),
    ({"activity": "grammar_notes", "level": "N1"}, "Grammar notes have the levels N5, N4, N3, N2"),
    ({"activity": "grammar_notes", "level": "N5", "grammar_points": "n4-plain-form"}, "are not N5 points"),
    ({"activity": "jlpt_drill", "level": "N5", "grammar_points": "n5-wa, n5-nope"},
     "Unknown grammar points n5-nope"),
])
def test_a_bad_choice_is_shown_again_with_a_message(demo, fields, message):
    client = Client()
    picker, _ = open_picker(client)
    again = choose(client, picker_action(picker.content.decode()), **fields)
    assert again.status_code == 400
    page = again.content.decode()
    assert message in page and 'class="lt-error dl-error" role="alert"' in page
    assert 'name="JWT"' not in page


@pytest.mark.parametrize("fields, custom, line_item", [
    ({"activity": "mock_test", "form": "JFT"}, {"activity": "mock_test", "form": "JFT"},
     {"scoreMaximum": 100, "label": "Mock test JFT", "resourceId": "mock_test:JFT", "tag": "mock_test"}),
    ({"activity": "mock_test", "form": "N3", "form_version": "next"}, {"activity": "mock_test", "form": "N3"},
     {"scoreMaximum": 100, "label": "Mock test N3", "resourceId": "mock_test:N3", "tag": "mock_test"}),
    ({"activity": "mock_test", "form": "N4", "form_version": "B"},
     {"activity": "mock_test", "form": "N4", "form_version": "B"},
     {"scoreMaximum": 100, "label": "Mock test N4 (form B)", "resourceId": "mock_test:N4:B",
      "tag": "mock_test"}),
    ({"activity": "dialect_lesson", "lesson": "greetings", "title": "  Kagoshima  greetings "},
     {"activity": "dialect_lesson", "lesson": "greetings"},
     {"scoreMaximum": 100, "label": "Kagoshima greetings", "resourceId": "dialect_lesson:greetings",
      "tag": "dialect_lesson"}),
    ({"activity": "placement_test"}, {"activity": "placement_test"},
     {"scoreMaximum": 100, "label": "Placement test", "resourceId": "placement_test",
      "tag": "placement_test"}),
    ({"activity": "progress"}, {"activity": "progress"}, None),
    ({"activity": "grammar_notes", "level": "N4"}, {"activity": "grammar_notes", "level": "N4"}, None),
    ({"activity": "grammar_notes", "level": "N5", "grammar_points": "n5-wa、n5-temo-ii"},
     {"activity": "grammar_notes", "level": "N5", "grammar_points": "n5-wa,n5-temo-ii"}, None),
    ({"activity": "jlpt_drill", "level": "N5", "skill": "grammar", "item_count": "5",
      "grammar_points": "n5-temo-ii, n5-wa", "title": "Permission"},
     {"activity": "jlpt_drill", "level": "N5", "item_count": "5", "grammar_points": "n5-temo-ii,n5-wa",
      "types": "grammar_form,sentence_composition,text_grammar"},
     {"scoreMaximum": 5, "label": "Permission", "resourceId": "jlpt_drill:N5:grammar", "tag": "jlpt_drill"}),
])
def test_each_activity_gets_its_custom_parameters_and_graded_ones_a_line_item(demo, fields, custom,
                                                                              line_item):
    client = Client()
    picker, _ = open_picker(client)
    answer = choose(client, picker_action(picker.content.decode()), **fields)
    assert answer.status_code == 200, answer.content
    (item,) = decode_response(returned(answer.content.decode())[1])[DL + "content_items"]
    assert item["custom"] == custom
    assert item.get("lineItem") == line_item


def _settings_changed(token: str, **changes) -> str:
    claims = jwt.decode(token, options={"verify_signature": False})
    settings = dict(claims[SETTINGS_CLAIM])
    for name, value in changes.items():
        if value is None:
            settings.pop(name, None)
        else:
            settings[name] = value
    return resign(token, **{SETTINGS_CLAIM: settings})


@pytest.mark.parametrize("tamper, message", [
    (lambda t: _settings_changed(t, deep_link_return_url=None), "has no return URL (deep_link_return_url)"),
    # PyLTI1p3 refuses this one itself (deep_linking.read_request would too).
    (lambda t: _settings_changed(t, accept_types=["link"]), "Must support resource link placement types"),
    (lambda t: resign(t, **{LTI + "roles": ["http://purl.imsglobal.org/vocab/lis/v2/membership#Learner"]}),
     "Only teachers and course authors"),
], ids=["no-return-url", "no-resource-links", "learner"])
def test_a_deep_linking_request_we_cannot_answer_gets_a_clear_page(demo, tamper, message):
    response, _ = open_picker(Client(), tamper)
    assert response.status_code in (400, 403)
    page = response.content.decode()
    assert message in page and 'class="lt-error"' in page
    assert "dl-form" not in page


def test_without_data_in_the_request_the_response_has_no_data_claim(demo):
    """PyLTI1p3 sends ``data: null``; DL 2.0 says echo it only when the request had it."""
    client = Client()
    picker, _ = open_picker(client, lambda t: _settings_changed(t, data=None))
    answer = choose(client, picker_action(picker.content.decode()), activity="progress")
    claims = decode_response(returned(answer.content.decode())[1])
    assert DL + "data" not in claims


def test_the_platform_refuses_a_response_it_did_not_ask_for(demo):
    """The demo LMS checks what lti1p3platform does not: aud, iss and the echoed data."""
    client = Client()
    picker, _ = open_picker(client)
    answer = choose(client, picker_action(picker.content.decode()), activity="progress")
    action, token = returned(answer.content.decode())
    claims = decode_response(token)
    signing = keys.signing_key()
    forged = jwt.encode({**claims, DL + "data": {"request": "made-up"}}, signing.private_pem,
                        algorithm="RS256",
                        headers={"kid": signing.kid})
    refused = client.post(action, {"JWT": forged}, secure=True)
    assert refused.status_code == 400 and b"answers no open request" in refused.content
    foreign = jwt.encode({**claims, "aud": ["https://elsewhere.example"]}, signing.private_pem,
                         algorithm="RS256", headers={"kid": signing.kid})
    assert client.post(action, {"JWT": foreign}, secure=True).status_code == 400
    assert not ContentLink.objects.exists()
    assert not LineItem.objects.filter(resource_link_id__startswith="dl-").exists()


def test_the_choice_needs_the_browser_that_launched(demo):
    client = Client()
    picker, _ = open_picker(client)
    action = picker_action(picker.content.decode())
    stranger = Client().post(action, {"activity": "progress"}, secure=True)
    assert stranger.status_code == 403 and b"has expired" in stranger.content


def test_a_whole_course_plan_becomes_one_link_per_activity(demo):
    from curriculum import course_plan as plans

    course = plans.plan("n5")
    client = Client()
    picker, _ = open_picker(client)
    page = picker.content.decode()
    assert '<option value="course">' in page
    assert '<option value="n5">JLPT N5 · Kagoshima Nihongo</option>' in page
    answer = choose(client, picker_action(page), activity="course", course="n5")
    assert answer.status_code == 200, answer.content
    action, token = returned(answer.content.decode())
    items = decode_response(token)[DL + "content_items"]
    assert [i["title"] for i in items] == [a.title for a in course.activities]
    assert [i["custom"] for i in items] == [a.lti_custom() for a in course.activities]
    graded = [i for i in items if "lineItem" in i]
    assert len(graded) == sum(1 for a in course.activities if a.graded_as)
    assert all(i["lineItem"]["scoreMaximum"] > 0 for i in graded)
    back = client.post(action, {"JWT": token}, secure=True)
    assert back.status_code == 302 and back["Location"].endswith(f"?added={len(items)}")
    assert ContentLink.objects.count() == len(items)
    assert LineItem.objects.filter(resource_link_id__startswith="dl-").count() == len(graded)


def test_a_place_that_takes_one_activity_gets_no_whole_course(demo):
    client = Client()
    picker, _ = open_picker(client, lambda t: _settings_changed(t, accept_multiple=False))
    page = picker.content.decode()
    assert '<option value="course">' not in page
    refused = choose(client, picker_action(page), activity="course", course="n5")
    assert refused.status_code == 400 and "takes one activity at a time" in refused.content.decode()


def test_a_platform_that_keeps_one_link_per_response_gets_no_whole_course(demo, settings):
    """Open edX's LTI block says accept_multiple but keeps one resource link: its issuer is configured, and
    its authors pick one activity at a time (a whole course there would share one progress row)."""
    from lti_tool.models import PlatformRegistration

    settings.NIHONGO_SINGLE_LINK_ISSUERS = (PlatformRegistration.objects.get().issuer + "/",)
    client = Client()
    picker, _ = open_picker(client)
    page = picker.content.decode()
    assert '<option value="course">' not in page and '<option value="jlpt_drill"' in page
    refused = choose(client, picker_action(page), activity="course", course="n5")
    assert refused.status_code == 400 and "takes one activity at a time" in refused.content.decode()
