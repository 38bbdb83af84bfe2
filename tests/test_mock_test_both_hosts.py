"""One mock test scenario, two hosts: the XBlock on the workbench and the LTI tool give the same result.

The same draw of questions (a seeded ``random.Random``), the same answers, flags and section moves:
the score report, the published grade and the review must match.
"""

import random
from datetime import datetime, timezone

import pytest
from django.test import Client

from curriculum.bank import default_bank
from lti_tool import activity_flow
from portal.demo_lms.models import Score
from tests.lti_tool.harness import demo, launch, post_json, sent_to_platform  # noqa: F401  (fixtures)
from tests.lti_tool.test_mock_test import page_urls
from tests.xblocks.conftest import (
    post,
    published,  # noqa: F401  (fixture)
)
from tests.xblocks.test_mock_test import mock_factory  # noqa: F401  (fixture)
from xblocks.mock_test.block import MockTestBlock

BANK = default_bank()
SEED = 11


@pytest.fixture
def clock(monkeypatch):
    """The block's clock is the real one here, as the tool's is: both finish on the same day."""
    monkeypatch.setattr(MockTestBlock, "_now", lambda block: datetime.now(timezone.utc))
    monkeypatch.setattr(MockTestBlock, "_rng", lambda block: random.Random(SEED))


def scenario(call) -> dict:
    """Start, answer every other question of the first paper right, flag one, move on, answer the next
    paper right, end it, leave listening empty and finish. ``call(handler, body) -> (status, json)``."""
    status, payload = call("start", {})
    assert status == 200, payload
    first = [i["id"] for i in payload["test"]["items"]]
    for n, item_id in enumerate(first):
        item = BANK.get(item_id)
        choice = item.answer if n % 2 == 0 else (item.answer + 1) % len(item.choices)
        assert call("answer", {"item_id": item_id, "choice": choice})[0] == 200
    assert call("flag", {"item_id": first[1], "flagged": True})[0] == 200
    assert call("answer", {"item_id": "forged", "choice": 0})[0] == 400
    status, payload = call("next_section", {})
    for item_id in [i["id"] for i in payload["test"]["items"]]:
        assert call("answer", {"item_id": item_id, "choice": BANK.get(item_id).answer})[0] == 200
    status, payload = call("next_section", {})
    assert payload["status"] == "running" and payload["test"]["sections"][2]["open"]
    status, payload = call("finish", {})
    assert status == 200 and payload["status"] == "finished"
    return payload


def test_the_same_answers_give_the_same_result_in_both_hosts(demo, mock_factory, published, monkeypatch,  # noqa: F811
                                                              clock):
    block = mock_factory('<mock_test form="N5"/>')
    on_workbench = scenario(lambda handler, body: post(block, handler, body))

    monkeypatch.setattr(activity_flow, "rng", lambda: random.Random(SEED))
    monkeypatch.setattr("portal.demo_lms.launches.DRILL_SETTINGS",
                        {"activity": "mock_test", "form": "N5", "item_count": "100"})
    client = Client()
    urls = page_urls(launch(client, "lan").page)

    def over_lti(handler, body):
        response = post_json(client, urls[handler], body)
        return response.status_code, response.json()
    through_lti = scenario(over_lti)

    assert through_lti["result"] == on_workbench["result"]
    assert through_lti["result"]["report"]["passed"] is False  # listening below its minimum
    assert [(r["id"], r["choice"]) for r in through_lti["review"]] == [
        (r["id"], r["choice"]) for r in on_workbench["review"]]
    grade = [data for event, data in published if event == "grade"]
    assert grade == [{"value": on_workbench["result"]["grade"], "max_value": 100}]
    assert Score.objects.get(user_id="sub-lan").score_given == grade[0]["value"]
