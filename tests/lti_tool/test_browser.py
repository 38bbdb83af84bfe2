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
            drill_requests: list[str] = []
            page.on("request", lambda r: "/lti/drill/" in r.url
                    and drill_requests.append(r.url.split("/")[-2]))
            first = drill.get_attribute("data-item-id")
            page.locator(".nd-choice").first.click()
            expect(page.locator(".nd-feedback .nd-result")).to_be_visible()
            expect(page.locator(".nd-next")).to_be_visible()
            # Next shows the question the answer came with: one request per question, none on Next
            page.locator(".nd-next").click()
            expect(page.locator(".nd-feedback .nd-result")).to_be_hidden()
            expect(page.locator(".nd-prompt")).not_to_be_empty()
            expect(page.locator(".nd-choice").first).to_be_enabled()
            assert drill.get_attribute("data-item-id") not in (first, "")
            assert drill_requests == ["answer"]
        finally:
            browser.close()
    # Outside Playwright's greenlet: a query inside it would open a second connection that is never
    # closed (Django's connections are per context), and PostgreSQL then cannot drop the test database.
    assert AnswerRecord.objects.filter(subject="sub-lan").count() == 1


@pytest.mark.browser
def test_a_manager_reads_the_dashboard_on_a_phone(live_server, transactional_db, settings):
    from pathlib import Path

    from playwright.sync_api import expect, sync_playwright

    settings.NIHONGO_BASE_URL = live_server.url
    make_programme(live_server.url)
    screenshot = Path(__file__).resolve().parents[2] / "docs" / "img" / "dashboard-phone.png"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 390, "height": 844})
            page.goto(live_server.url + "/demo-lms/")
            page.get_by_role("link", name="Launch drill as lan").click()
            page.locator(".nd-choice").first.click()
            expect(page.locator(".nd-feedback .nd-result")).to_be_visible()
            page.goto(live_server.url + "/demo-lms/")
            page.get_by_role("link", name="Launch drill as manager1").click()
            expect(page.get_by_role("heading", name="学習者の学習状況")).to_be_visible()  # managers: Japanese
            expect(page.locator('[data-subject="sub-lan"] .lt-answered')).to_have_text("1")
            expect(page.locator('[data-subject="sub-budi"]')).to_contain_text("未開始")  # from the roster
            assert page.evaluate("document.documentElement.scrollWidth") <= 390
            if os.environ.get("NIHONGO_SCREENSHOT") == "1":
                page.screenshot(path=str(screenshot), full_page=True)
            with page.expect_download() as download:
                page.get_by_role("link", name="ダウンロード（.xlsx）").click()
            assert download.value.suggested_filename.startswith("learners-")
        finally:
            browser.close()
