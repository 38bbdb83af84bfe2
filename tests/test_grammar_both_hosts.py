"""Grammar notes, two hosts: the same steps (search, open a lesson) give the same screens and page in
the XBlock and the LTI tool, and nothing is graded."""

import json
import re

from django.test import Client

from portal.demo_lms.models import Score
from tests.lti_tool.harness import demo, launch, post_json, sent_to_platform  # noqa: F401  (fixtures)
from tests.xblocks.conftest import clock, drill_factory  # noqa: F401  (fixtures)
from tests.xblocks.test_grammar_notes import html, notes_factory, post, registered  # noqa: F401


def lti_launch(client, monkeypatch, level="N5"):
    monkeypatch.setattr("portal.demo_lms.launches.DRILL_SETTINGS",
                        {"activity": "grammar_notes", "level": level})
    page = launch(client, "lan").page
    launch_id = re.search(r'data-show-url="/lti/grammar-notes/([^/"]+)/show/"', page).group(1)
    return page, f"/lti/grammar-notes/{launch_id}"


def test_the_same_list_search_and_lesson_in_both_hosts(notes_factory, demo, monkeypatch):  # noqa: F811
    block = notes_factory('<grammar_notes level="N5"/>')
    post(block, "set_language", {"language": "vi"})  # the demo LMS's learner "lan" launches in Vietnamese
    xblock_page = html(block)
    xblock_screens = [post(block, "search", {"query": "permission"})[1],
                      post(block, "open", {"point": "n5-temo-ii"})[1],
                      post(block, "open", {"point": "n5-wa"})[1]]  # a related link, or any point

    client = Client()
    lti_page, base = lti_launch(client, monkeypatch)
    lti_screens = [post_json(client, f"{base}/search/", {"query": "permission"}).json(),
                   post_json(client, f"{base}/open/", {"point": "n5-temo-ii"}).json(),
                   post_json(client, f"{base}/open/", {"point": "n5-wa"}).json()]

    assert xblock_screens == lti_screens
    assert lti_screens[1]["lesson"]["pattern"] and lti_screens[0]["points"][0]["id"] == "n5-temo-ii"
    for page in (xblock_page, lti_page):
        assert page.count('class="ngr-point"') == lti_screens[0]["total"]
        assert 'class="ngr-q"' in page
    assert not Score.objects.exists()  # a reading page sends no score


def test_the_lti_page_reopens_the_lesson_the_learner_left(demo, monkeypatch):  # noqa: F811
    client = Client()
    _page, base = lti_launch(client, monkeypatch)
    post_json(client, f"{base}/open/", {"point": "n5-temo-ii"})
    page, _base = lti_launch(client, monkeypatch)
    assert 'class="nl-pattern"' in page and "<ruby>" in page


def test_the_lti_tool_refuses_a_point_that_does_not_exist_with_a_400(demo, monkeypatch):  # noqa: F811
    client = Client()
    _page, base = lti_launch(client, monkeypatch)
    response = post_json(client, f"{base}/open/", {"point": "n5-nope"})
    assert response.status_code == 400 and "n5-nope" in response.json()["error"]


# -- the drill set to two points, the link after each grammar item, the lesson in the drill's page ------

POINTS = ("n5-temo-ii", "n5-wa")
DRILL_OLX = '<jlpt_drill level="N5" item_count="5" grammar_points=\'["n5-temo-ii", "n5-wa"]\'/>'


def test_a_drill_set_to_two_points_serves_only_their_items_and_each_feedback_links_its_lesson_in_both_hosts(
        drill_factory, demo, monkeypatch):  # noqa: F811
    from curriculum import grammar
    from tests.xblocks.conftest import right_choice

    theirs = {item.id for item in grammar.items_for(POINTS)}
    block = drill_factory(DRILL_OLX)
    assert 'data-lesson-url="' in html(block)
    xblock_links = []
    for _ in range(5):
        _status, screen = post(block, "next")
        assert screen["item"]["id"] in theirs
        _status, result = post(block, "answer", {"item_id": screen["item"]["id"],
                                                 "choice": right_choice(screen["item"]["id"])})
        xblock_links.append(result["grammar"]["id"])
    status, lesson = post(block, "lesson", {"point": xblock_links[0]})
    assert status == 200 and lesson["lesson"]["id"] == xblock_links[0] and lesson["lesson"]["examples"]
    assert post(block, "lesson", {"point": "n5-nope"})[0] == 400

    monkeypatch.setattr("portal.demo_lms.launches.DRILL_SETTINGS",
                        {"activity": "jlpt_drill", "level": "N5", "item_count": "5",
                         "grammar_points": "n5-temo-ii,n5-wa"})
    client = Client()
    page = launch(client, "lan").page
    launch_id = re.search(r'data-next-url="/lti/drill/([^/"]+)/next/"', page).group(1)
    assert f'data-lesson-url="/lti/drill/{launch_id}/lesson/"' in page
    base, lti_links = f"/lti/drill/{launch_id}", []
    for _ in range(5):
        screen = post_json(client, f"{base}/next/").json()
        assert screen["item"]["id"] in theirs
        result = post_json(client, f"{base}/answer/", {"item_id": screen["item"]["id"],
                                                      "choice": right_choice(screen["item"]["id"])}).json()
        lti_links.append(result["grammar"]["id"])
    response = post_json(client, f"{base}/lesson/", {"point": lti_links[0]})
    assert response.status_code == 200 and response.json()["lesson"]["id"] == lti_links[0]
    assert post_json(client, f"{base}/lesson/", {"point": "n5-nope"}).status_code == 400
    assert set(xblock_links) <= set(POINTS) and set(lti_links) <= set(POINTS)


def test_studio_offers_the_levels_points_to_tick_and_refuses_another_levels(drill_factory):  # noqa: F811
    block = drill_factory('<jlpt_drill level="N5"/>')
    info = block._make_field_info("grammar_points", block.fields["grammar_points"])
    values = [json.loads(v["value"]) for v in info["list_values"]]  # Studio sends them back as JSON
    assert info["type"] == "set" and "n5-temo-ii" in values and not any(v.startswith("n4-") for v in values)
    block.grammar_points = ["n4-plain-form"]
    validation = block.validate()
    assert not validation.empty and "not N5 points" in validation.messages[0].text


def test_the_mock_tests_review_links_each_grammar_question_to_its_lesson(db, monkeypatch):
    from datetime import datetime, timezone

    from workbench.runtime import WorkbenchRuntime

    from curriculum import grammar
    from curriculum.bank import default_bank
    from xblocks.mock_test.block import MockTestBlock

    monkeypatch.setattr(MockTestBlock, "_now", lambda block: datetime(2026, 7, 14, 3, tzinfo=timezone.utc))
    runtime = WorkbenchRuntime("alice")
    runtime.id_generator.set_scenario("grammar-mock")
    block = runtime.get_block(runtime.parse_xml_string('<mock_test form="N5"/>'))
    post(block, "start")
    _status, payload = post(block, "finish")
    linked = [row for row in payload["review"] if row.get("grammar")]
    assert linked, "an N5 mock test has grammar questions"
    assert all(row["grammar"]["id"] == default_bank().get(row["id"]).grammar_point for row in linked)
    point_id = linked[0]["grammar"]["id"]
    status, lesson = post(block, "lesson", {"point": point_id})
    assert status == 200 and lesson["lesson"]["id"] == point_id
    assert len(lesson["lesson"]["examples"]) == len(grammar.point(point_id).examples)
    assert post(block, "lesson", {"point": "n5-nope"})[0] == 400
