"""The drill endpoints refuse what the drill refuses, and what is not theirs, writing nothing."""

import lxml.html
import pytest
from django.test import Client

from curriculum.bank import default_bank
from curriculum.item_types import OWN_TYPES
from lti_tool.models import AnswerRecord, DrillProgress, LaunchRecord

from .harness import launch, post_json


@pytest.fixture
def learner(demo):
    client = Client()
    launched = launch(client, "lan")
    assert launched.response.status_code == 200
    return client, launched


@pytest.mark.parametrize("body, content_type", [
    (b"{not json", "application/json"),
    (b'{"item_id": "x", "choice": 0}', "text/plain"),
    (b'{"item_id": "x", "choice": 0}', "application/x-www-form-urlencoded"),
])
def test_a_malformed_body_is_a_400(learner, body, content_type):
    client, launched = learner
    response = client.post(launched.url("answer"), data=body, content_type=content_type, secure=True)
    assert response.status_code == 400
    assert "error" in response.json()
    assert not AnswerRecord.objects.exists()


def test_an_item_that_was_not_served_is_refused_and_nothing_changes(learner):
    client, launched = learner
    before = DrillProgress.objects.get().state
    served = post_json(client, launched.url("next")).json()["item"]["id"]
    for body in ({"item_id": "n5-not-served", "choice": 0}, {"item_id": served, "choice": 99},
                 {"item_id": served, "choice": "1"}, {"item_id": served, "choice": 0, "score": 10}, [served]):
        response = post_json(client, launched.url("answer"), body)
        assert response.status_code == 400, body
    assert not AnswerRecord.objects.exists()
    assert DrillProgress.objects.get().state == before


def test_an_answer_counts_once(learner):
    client, launched = learner
    item = post_json(client, launched.url("next")).json()["item"]["id"]
    assert post_json(client, launched.url("answer"), {"item_id": item, "choice": 0}).status_code == 200
    assert post_json(client, launched.url("answer"), {"item_id": item, "choice": 0}).status_code == 400
    assert AnswerRecord.objects.count() == 1


def test_an_unknown_launch_id_is_a_403(learner):
    client, _launched = learner
    response = post_json(client, "/lti/drill/lti1p3-launch-00000000-0000-0000-0000-000000000000/answer/",
                         {"item_id": "x", "choice": 0})
    assert response.status_code == 403
    assert not AnswerRecord.objects.exists()


def test_a_launch_id_is_useless_in_another_browser(learner):
    _client, launched = learner
    response = post_json(Client(), launched.url("next"))
    assert response.status_code == 403


def test_an_instructor_launch_cannot_drive_the_drill(demo):
    client = Client()
    manager = launch(client, "manager1")
    launch_id = LaunchRecord.objects.get(subject="sub-m1").launch_id
    assert manager.response.status_code == 200
    assert post_json(client, f"/lti/drill/{launch_id}/next/").status_code == 403


def test_get_is_not_allowed(learner):
    client, launched = learner
    assert client.get(launched.url("next"), secure=True).status_code == 405


def test_new_round_only_after_the_round(learner):
    client, launched = learner
    first = post_json(client, launched.url("next")).json()["item"]["id"]
    again = post_json(client, launched.url("new_round")).json()
    assert again["item"]["id"] == first  # an unfinished round goes on


def test_the_launch_locale_is_the_default_and_the_switch_keeps_the_learners_choice(learner):
    client, launched = learner
    assert 'lang="vi"' in launched.page and 'data-language-url="/lti/drill/' in launched.page
    assert '<option value="vi" lang="vi" selected>Tiếng Việt</option>' in launched.page
    served = post_json(client, launched.url("next")).json()["item"]["id"]
    switched = post_json(client, launched.url("language"), {"language": "my"}).json()
    assert switched["language"] == "my" and switched["text"]["next"] == "နောက်တစ်ခု"
    assert switched["item"]["id"] == served
    shown = post_json(client, launched.url("next")).json()["item"]
    assert shown["instruction"] == switched["item"]["instruction"]
    again = launch(Client(), "lan")  # the next launch comes with vi, the learner chose my
    assert '<option value="my" lang="my" selected>မြန်မာ</option>' in again.page
    assert "နောက်တစ်ခု" in again.page


def test_the_prompt_is_marked_with_its_language_for_the_launch_locale(learner):
    # issue 16: our own types ask a meaning in the learner's language; the element says which language
    client, launched = learner
    page = lxml.html.fromstring(launched.page)
    item = default_bank().get(page.find_class("nihongo-drill")[0].get("data-item-id"))
    prompt = page.find_class("nd-prompt")[0]
    expected = "vi" if item.type in OWN_TYPES else "ja"
    assert prompt.get("lang") == expected
    assert prompt.text_content().strip() == item.public_dict("vi")["prompt"]
    switched = post_json(client, launched.url("language"), {"language": "my"}).json()["item"]
    assert switched["prompt_lang"] == ("my" if item.type in OWN_TYPES else "ja")


@pytest.mark.parametrize("body", [{"language": "fr"}, {"language": None}, {"language": "my", "also": 1},
                                  "my"])
def test_a_bad_language_is_a_400_and_nothing_changes(learner, body):
    client, launched = learner
    before = DrillProgress.objects.get().state
    response = post_json(client, launched.url("language"), body)
    assert response.status_code == 400 and "one of en, ja, vi, id, tl, my" in response.json()["error"]
    assert DrillProgress.objects.get().state == before
