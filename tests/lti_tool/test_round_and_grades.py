"""A whole round through the drill endpoints: answers recorded, the grade lands in the LMS."""

from urllib.parse import parse_qs

import jwt
import pytest
import requests
from django.test import Client
from lti1p3platform.score import UpdateScoreStatus

from curriculum.bank import default_bank
from lti_tool import keys, services
from lti_tool.models import AnswerRecord, ScoreRecord
from portal.demo_lms.gradebook import DemoGrades
from portal.demo_lms.models import Score
from portal.demo_lms.platform import CLIENT_ID

from .harness import BASE, launch, post_json

WRONG_ON = {2, 5, 8}  # answer 7 of 10 right


def answer_round(client, launched, wrong_on=frozenset()):
    """Answer every item of the round; returns the last answer's response."""
    for n in range(10):
        item = post_json(client, launched.url("next")).json()["item"]
        right = default_bank().get(item["id"]).answer
        choice = (right + 1) % len(item["choices"]) if n in wrong_on else right
        result = post_json(client, launched.url("answer"), {"item_id": item["id"], "choice": choice})
        assert result.status_code == 200, result.content
    return result


def test_a_finished_round_sends_its_score_to_the_lms(demo, sent_to_platform):
    client = Client()
    launched = launch(client, "lan")
    last = answer_round(client, launched, WRONG_ON).json()
    assert last["round_complete"] is True and last["correct_count"] == 7
    assert AnswerRecord.objects.filter(subject="sub-lan").count() == 10
    assert AnswerRecord.objects.filter(subject="sub-lan", correct=True).count() == 7
    score = Score.objects.get()
    assert (score.user_id, score.score_given, score.score_maximum) == ("sub-lan", 7, 10)
    assert (score.activity_progress, score.grading_progress) == ("Completed", "FullyGraded")
    assert score.line_item.context_id == f"company-{demo['lan'].company_id}"
    record = ScoreRecord.objects.get()
    assert (record.earned, record.possible, record.delivered, record.error) == (7, 10, True, "")


def test_the_client_assertion_names_the_tool_and_its_key(demo, sent_to_platform):
    """lti1p3platform 0.1.8 does not check these claims, so we check what the tool sends."""
    client = Client()
    answer_round(client, launch(client, "lan"))
    token_requests = [r for r in sent_to_platform if r.url == BASE + "/demo-lms/token/"]
    assert len(token_requests) == 1
    form = {k: v[0] for k, v in parse_qs(token_requests[0].body).items()}
    assert form["grant_type"] == "client_credentials"
    assert form["client_assertion_type"] == "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
    assertion = form["client_assertion"]
    signing = keys.signing_key()
    assert jwt.get_unverified_header(assertion)["kid"] == signing.kid
    claims = jwt.decode(assertion, signing.public_pem, algorithms=["RS256"],
                        audience=BASE + "/demo-lms/token/",
                        options={"require": ["iss", "sub", "aud", "iat", "exp", "jti"]})
    assert claims["iss"] == claims["sub"] == CLIENT_ID
    score_post = [r for r in sent_to_platform if r.url.endswith("/scores")]
    assert len(score_post) == 1 and score_post[0].headers["Authorization"].startswith("Bearer ")


def test_after_key_rotation_the_new_key_signs_and_the_lms_still_accepts(demo, sent_to_platform):
    old = keys.signing_key()
    new = keys.rotate_keys()
    assert {k["kid"] for k in keys.jwks()["keys"]} == {old.kid, new.kid}
    client = Client()
    answer_round(client, launch(client, "lan"))
    token_request = next(r for r in sent_to_platform if r.url.endswith("/token/"))
    assertion = parse_qs(token_request.body)["client_assertion"][0]
    assert jwt.get_unverified_header(assertion)["kid"] == new.kid
    assert ScoreRecord.objects.get().delivered is True
    keys.retire_key(old.kid)
    assert [k["kid"] for k in keys.jwks()["keys"]] == [new.kid]
    with pytest.raises(ValueError):
        keys.retire_key(new.kid)


class _Down(requests.adapters.BaseAdapter):
    def send(self, request, **kwargs):
        raise requests.ConnectionError("platform unreachable")

    def close(self):
        pass


def test_a_failed_delivery_keeps_the_answer_and_records_why(demo, monkeypatch):
    client = Client()
    launched = launch(client, "lan")

    def down():
        s = requests.Session()
        s.mount("https://", _Down())
        return s
    monkeypatch.setattr(services, "http_session", down)
    last = answer_round(client, launched)
    assert last.json()["round_complete"] is True
    assert AnswerRecord.objects.count() == 10
    record = ScoreRecord.objects.get()
    assert record.delivered is False and "platform unreachable" in record.error
    assert not Score.objects.exists()


def test_the_lms_refusing_the_score_is_recorded(demo, sent_to_platform, monkeypatch):
    client = Client()
    launched = launch(client, "lan")
    monkeypatch.setattr(DemoGrades, "update_score", lambda self, item_id, score: UpdateScoreStatus.NOTAPPLIED)
    answer_round(client, launched)
    record = ScoreRecord.objects.get()
    assert record.delivered is False and "403" in record.error
