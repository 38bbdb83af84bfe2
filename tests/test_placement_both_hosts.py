"""One placement scenario, two hosts: the same answers give the same questions and the same level
in the Open edX block (workbench runtime) and through the LTI tool (demo LMS, lti1p3platform)."""

import random

import pytest
from django.test import Client

from lti_tool import activity_flow
from tests.lti_tool.harness import demo, launch, post_json, sent_to_platform  # noqa: F401  (fixtures)
from tests.lti_tool.test_placement_and_progress import urls
from tests.xblocks.conftest import clock, post  # noqa: F401  (fixtures)
from tests.xblocks.test_placement_test import knows, placement_factory  # noqa: F401  (fixtures)


def run(first, send, choose):
    """Answer from the first payload to the outcome; returns the item ids asked and the outcome."""
    payload, asked = first, []
    while payload["item"]:
        asked.append(payload["item"]["id"])
        payload = send({"item_id": payload["item"]["id"], "choice": choose(payload["item"]["id"])})
    return asked, payload["outcome"]


@pytest.mark.parametrize("levels", [("N5",), ("N5", "N4", "N3")])
def test_same_answers_same_level_in_both_hosts(levels, placement_factory, demo, monkeypatch):  # noqa: F811
    monkeypatch.setattr(activity_flow, "rng", lambda: random.Random(2026))  # as placement_factory's
    block = placement_factory()
    in_openedx = run(post(block, "next")[1], lambda body: post(block, "answer", body)[1], knows(levels))

    monkeypatch.setattr("portal.demo_lms.launches.DRILL_SETTINGS",
                        {"activity": "placement_test", "item_count": "1"})
    client = Client()
    url = urls(launch(client, "lan").page)
    through_lti = run(post_json(client, url["next"]).json(),
                      lambda body: post_json(client, url["answer"], body).json(), knows(levels))

    assert in_openedx[0] == through_lti[0]  # the same questions, in the same order
    assert in_openedx[1]["level"] == through_lti[1]["level"] == levels[-1]
    assert in_openedx[1]["plan"]["target"] == through_lti[1]["plan"]["target"]
