"""Grammar notes, two hosts: the same steps (search, open a lesson) give the same screens and page in
the XBlock and the LTI tool, and nothing is graded."""

import re

from django.test import Client

from portal.demo_lms.models import Score
from tests.lti_tool.harness import demo, launch, post_json, sent_to_platform  # noqa: F401  (fixtures)
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
