"""A learner on a phone: demo LMS → LTI launch → the drill, in Debian's Chromium."""

import os

import pytest

from lti_tool.models import AnswerRecord

from .harness import make_programme

# Playwright's sync API runs an asyncio loop in this thread, and Django then refuses ORM calls
# from it (SynchronousOnlyOperation). The test's own ORM use is plain synchronous setup.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]


@pytest.mark.browser
def test_a_learner_launches_from_the_lms_and_answers(live_server, transactional_db, settings):
    from playwright.sync_api import expect, sync_playwright

    # The tool and the demo LMS must agree with the address the browser uses.
    settings.NIHONGO_BASE_URL = live_server.url
    make_programme(live_server.url)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 390, "height": 844})
            page.goto(live_server.url + "/demo-lms/")
            page.get_by_role("link", name="Launch drill as lan").click()
            drill = page.locator(".nihongo-drill")
            expect(drill).to_be_visible()
            expect(page.locator(".nd-prompt")).not_to_be_empty()
            assert page.evaluate("document.documentElement.scrollWidth") <= 390  # no sideways scrolling
            page.locator(".nd-choice").first.click()
            expect(page.locator(".nd-feedback .nd-result")).to_be_visible()
            expect(page.locator(".nd-next")).to_be_visible()
        finally:
            browser.close()
    # Outside Playwright's greenlet: a query inside it would open a second connection that is never
    # closed (Django's connections are per context), and PostgreSQL then cannot drop the test database.
    assert AnswerRecord.objects.filter(subject="sub-lan").count() == 1
