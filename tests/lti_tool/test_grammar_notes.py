"""Grammar notes through the LTI tool: a link set to one week's points (custom parameter grammar_points,
as the course plans' units send it) lists only them, and searches only among them."""

import re

from django.test import Client

from .harness import launch, post_json

WEEK = {"activity": "grammar_notes", "level": "N5", "grammar_points": "n5-wa,n5-temo-ii"}


def test_a_link_set_to_a_weeks_points_lists_only_them(demo, monkeypatch):
    monkeypatch.setattr("portal.demo_lms.launches.DRILL_SETTINGS", dict(WEEK))
    client = Client()
    launched = launch(client, "lan")
    page = launched.response.content.decode()
    assert launched.response.status_code == 200, page
    assert page.count('class="ngr-point"') == 2
    search = re.search(r'data-search-url="([^"]+)"', page).group(1)
    found = post_json(client, search, {"query": "permission"}).json()
    assert [p["id"] for p in found["points"]] == ["n5-temo-ii"] and found["total"] == 2
    assert post_json(client, search, {"query": "desu"}).json()["points"] == []


def test_a_link_naming_another_levels_point_is_refused_with_the_fix(demo, monkeypatch):
    other_level = {**WEEK, "grammar_points": "n4-plain-form"}
    monkeypatch.setattr("portal.demo_lms.launches.DRILL_SETTINGS", other_level)
    launched = launch(Client(), "lan")
    assert launched.response.status_code == 400
    assert "are not N5 points" in launched.response.content.decode()
