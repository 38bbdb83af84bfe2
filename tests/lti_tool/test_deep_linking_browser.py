"""In Debian's Chromium at phone size: a manager adds a drill by deep linking and a learner opens it;
a learner inside the LMS's frame opens the drill in a new window and carries on there."""

import os
from pathlib import Path

import pytest

from lti_tool.models import AnswerRecord
from portal.demo_lms.models import ContentLink

from .harness import make_programme
from .test_browser import ARGS, CHROMIUM

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # see test_browser.py
SCREENSHOT = Path(__file__).resolve().parents[2] / "docs" / "img" / "deep-link-picker-phone.png"


@pytest.mark.browser
def test_a_manager_picks_an_activity_and_a_learner_opens_it(live_server, transactional_db, settings):
    from playwright.sync_api import expect, sync_playwright

    settings.NIHONGO_BASE_URL = live_server.url
    make_programme(live_server.url)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 390, "height": 844})
            page.goto(live_server.url + "/demo-lms/")
            page.get_by_role("link", name="Add activities (deep linking) as manager1").click()
            expect(page.get_by_role("heading", name="Add an activity")).to_be_visible()
            expect(page.get_by_label("Mock test form")).to_be_hidden()  # only the drill's fields show
            page.get_by_label("Level").select_option("N5")
            conversation = page.locator('#dl-skill option[value="conversation"]')
            page.get_by_label("Level").select_option("JFT-A1")
            expect(conversation).to_be_enabled()
            page.get_by_label("Skill").select_option("conversation")
            page.get_by_label("Level").select_option("N5")  # the JLPT has no conversation section
            expect(conversation).to_be_disabled()
            assert page.get_by_label("Skill").input_value() == ""
            page.get_by_label("Skill").select_option("kanji")
            page.get_by_label("Questions per round").fill("5")
            assert page.evaluate("document.documentElement.scrollWidth") <= 390
            box = page.get_by_role("button", name="Add to the course").bounding_box()
            assert box["height"] >= 44
            if os.environ.get("NIHONGO_SCREENSHOT") == "1":
                page.screenshot(path=str(SCREENSHOT), full_page=True)
            page.get_by_role("button", name="Add to the course").click()
            expect(page.get_by_text("1 activity added by deep linking.")).to_be_visible()
            page.get_by_role("link", name="Open “N5 kanji drill (5 questions)” as lan").click()
            expect(page.locator(".nihongo-drill")).to_be_visible()
            expect(page.locator(".nd-progress")).to_contain_text("5")
            expect(page.locator(".lt-new-window")).to_be_hidden()  # a window of its own already
        finally:
            browser.close()
    link = ContentLink.objects.get()
    assert link.custom["types"] and link.line_item.score_maximum == 5


@pytest.mark.browser
def test_open_in_a_new_window_from_the_lms_frame(live_server, transactional_db, settings):
    """The drill inside a frame shows the button; the new window continues the same launch."""
    from playwright.sync_api import expect, sync_playwright

    settings.NIHONGO_BASE_URL = live_server.url
    make_programme(live_server.url)
    course_page = (f'<!doctype html><body><iframe src="{live_server.url}/demo-lms/launch/lan/" '
                   'style="width:370px;height:760px"></iframe></body>')

    def without_frame_options(route):
        """The demo LMS's pages forbid framing (X-Frame-Options, CSP frame-ancestors 'none'); a real LMS
        frames the tool. The redirects to the tool's login and back to the demo LMS's auth page are
        followed here (Playwright routes no redirects)."""
        response = route.fetch()
        headers = {k: v for k, v in response.headers.items()
                   if k.lower() not in ("x-frame-options", "content-security-policy")}
        route.fulfill(response=response, headers=headers)

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 390, "height": 844})
            page.route(f"{live_server.url}/course-page/", lambda route: route.fulfill(
                status=200, content_type="text/html", body=course_page))
            page.route(lambda url: "/demo-lms/" in url, without_frame_options)
            page.goto(live_server.url + "/course-page/")
            tool = page.frame_locator("iframe")
            expect(tool.locator(".nihongo-drill")).to_be_visible()
            button = tool.get_by_role("button", name="Mở trong cửa sổ mới")  # lan's language (vi)
            expect(button).to_be_visible()
            with page.expect_popup() as opened:
                button.click()
            window = opened.value
            expect(window.locator(".nihongo-drill")).to_be_visible()
            expect(window.locator(".nd-prompt")).not_to_be_empty()
            expect(window.locator(".lt-new-window")).to_be_hidden()
            window.locator(".nd-choice").first.click()
            expect(window.locator(".nd-feedback .nd-result")).to_be_visible()
        finally:
            browser.close()
    assert AnswerRecord.objects.filter(subject="sub-lan").count() == 1
