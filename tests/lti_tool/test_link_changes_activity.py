"""A course author changes what a link launches (its custom ``activity``): the learner's saved state of
the old activity must not break the new one. Saved state is kept per (link, activity)."""

import html
import json
import re

import pytest
from django.test import Client

from lti_tool.models import ActivityState

from .harness import launch, post_json


@pytest.fixture
def link(monkeypatch):
    """Set the demo course's one link to an activity (its custom parameters)."""
    def use(custom):
        monkeypatch.setattr("portal.demo_lms.launches.DRILL_SETTINGS", {"item_count": "3", **custom})
    return use


def urls(page: str) -> dict:
    return json.loads(html.unescape(re.search(r'data-urls="([^"]*)"', page).group(1)))


def test_a_link_changed_from_the_mock_test_to_the_placement_test_launches_the_placement(demo, link):
    client = Client()
    link({"activity": "mock_test", "form": "N5"})
    first = launch(client, "lan")
    assert first.response.status_code == 200, first.page
    assert post_json(client, urls(first.page)["start"]).json()["status"] == "running"

    link({"activity": "placement_test"})
    for _ in range(2):  # every later launch, not only the first
        again = launch(client, "lan")
        assert again.response.status_code == 200, again.page
        assert 'class="nihongo-placement"' in again.page and "Câu 1" in again.page

    link({"activity": "mock_test", "form": "N5"})  # and back: the running test is still there
    back = launch(client, "lan")
    assert back.response.status_code == 200, back.page
    assert '"status": "running"' in html.unescape(back.page)
    assert sorted(ActivityState.objects.filter(subject="sub-lan").values_list("activity", flat=True)) == [
        "mock_test", "placement_test"]


def test_a_link_changed_between_the_dialect_lesson_and_the_placement_test(demo, link):
    client = Client()
    link({"activity": "placement_test"})
    assert launch(client, "lan").response.status_code == 200
    link({"activity": "dialect_lesson", "lesson": "greetings"})
    changed = launch(client, "lan")
    assert changed.response.status_code == 200, changed.page
    assert 'class="nihongo-dialect"' in changed.page
