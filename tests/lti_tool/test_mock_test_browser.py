"""A learner on a phone: demo LMS → LTI launch → the mock test, in Debian's Chromium."""

import os

import pytest

from lti_tool.models import ActivityResult

from .harness import make_programme

# Playwright's sync API runs an asyncio loop in this thread, and Django then refuses ORM calls
# from it (SynchronousOnlyOperation). The test's own ORM use is plain synchronous setup.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]


@pytest.mark.browser
def test_a_learner_takes_a_mock_test_launched_from_the_lms(live_server, transactional_db, settings,
                                                            monkeypatch):
    from playwright.sync_api import expect, sync_playwright

    settings.NIHONGO_BASE_URL = live_server.url
    make_programme(live_server.url)
    monkeypatch.setattr("portal.demo_lms.launches.DRILL_SETTINGS",
                        {"activity": "mock_test", "form": "JFT", "item_count": "100"})
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 390, "height": 844})
            page.goto(live_server.url + "/demo-lms/")
            page.get_by_role("link", name="Launch drill as lan").click()
            mock = page.locator(".nihongo-mock")
            mock.get_by_role("button", name="Bắt đầu làm bài").click()  # lan reads Vietnamese
            expect(mock.locator(".nm-timer")).to_have_text("60:00")  # JFT-Basic: one hour for everything
            sections = ["文字と語彙", "会話と表現", "聴解", "読解"]
            expect(mock.locator(".nm-palette-head")).to_have_text(sections)  # the palette, by section
            last = mock.locator(".nm-palette button").last
            last.click()
            mock.locator(".nm-choice").first.click()
            expect(last).to_have_class("nm-cell nm-answered")
            assert page.evaluate("document.documentElement.scrollWidth") <= 390
            mock.get_by_role("button", name="Nộp bài").click()
            mock.get_by_role("button", name="Đồng ý").click()
            expect(mock.locator(".nm-result-title")).to_have_text("Kết quả của bạn")
            expect(mock.locator(".nm-scores tr")).to_have_count(4)  # the four JFT-Basic sections
            expect(mock.locator(".nm-result-version")).to_have_text("Đề A")  # the result names the form
            for form in ("B", "C"):  # "another test" is the next form, each named on its result
                mock.get_by_role("button", name="Làm bài thi khác").click()
                expect(mock.locator(".nm-timer")).to_have_text("60:00")
                mock.get_by_role("button", name="Nộp bài").click()
                mock.get_by_role("button", name="Đồng ý").click()
                expect(mock.locator(".nm-result-version")).to_have_text(f"Đề {form}")
            # after all three: the page says so, and offers the form taken longest ago
            expect(mock.locator(".nm-all-taken")).to_be_visible()
            expect(mock.locator(".nm-all-taken")).to_contain_text("đề A")
            expect(mock.locator(".nm-again")).to_have_text("Làm lại đề A")
            assert page.evaluate("document.documentElement.scrollWidth") <= 390
        finally:
            browser.close()
    # Outside Playwright's greenlet (see tests/lti_tool/test_browser.py).
    result, *others = ActivityResult.objects.filter(subject="sub-lan")
    assert result.activity == "mock_test" and result.summary["form"] == "JFT"
    assert result.summary["report"]["level"] == "JFT-Basic"
    assert [r.summary["version"] for r in (result, *others)] == ["A", "B", "C"]
