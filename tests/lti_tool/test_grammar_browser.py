"""Grammar in the LTI host, in Debian's Chromium at 360 px: the grammar notes page launched from the demo
LMS, and a drill set to two points whose feedback opens the point's lesson inside the drill's page."""

import os
from pathlib import Path

import pytest

from curriculum import grammar
from curriculum.bank import default_bank

from .harness import make_programme

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # Playwright's loop runs in the test's thread

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
NARROW = {"width": 360, "height": 780}
SHOTS = Path(__file__).resolve().parents[2] / "docs" / "learners" / "img"
pytestmark = pytest.mark.browser


def phone_page(playwright):
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
    return browser, browser.new_page(viewport=NARROW)


def shot(page, name, full=False):
    if os.environ.get("NIHONGO_SCREENSHOT") == "1":
        page.screenshot(path=str(SHOTS / name), full_page=full)


def test_a_learner_opens_the_grammar_notes_from_the_lms_on_a_phone(live_server, transactional_db, settings,
                                                                   monkeypatch):
    from playwright.sync_api import expect, sync_playwright

    settings.NIHONGO_BASE_URL = live_server.url
    make_programme(live_server.url)
    monkeypatch.setattr("portal.demo_lms.launches.DRILL_SETTINGS",
                        {"activity": "grammar_notes", "level": "N4"})
    with sync_playwright() as p:
        browser, page = phone_page(p)
        try:
            page.goto(live_server.url + "/demo-lms/")
            page.get_by_role("link", name="Launch drill as lan").click()  # lan studies in Vietnamese
            notes = page.locator(".nihongo-grammar")
            expect(notes.locator(".ngr-point")).to_have_count(len(grammar.points("N4")))
            expect(notes.locator(".ngr-search-button")).to_have_text("Tìm")
            notes.locator(".ngr-q").fill("uke")  # romaji, as typed: the list narrows
            expect(notes.locator(".ngr-point")).not_to_have_count(len(grammar.points("N4")))
            found = grammar.search("N4", "uke")
            expect(notes.locator(".ngr-point")).to_have_count(len(found))
            notes.locator(".ngr-point").first.click()
            lesson = notes.locator(".nihongo-lesson")
            expect(lesson.locator(".nl-meaning")).to_have_text(found[0].meaning["vi"])
            expect(lesson.locator(".nl-examples ruby").first).to_be_visible()
            assert page.evaluate("document.documentElement.scrollWidth") <= NARROW["width"]
            shot(page, "grammar-lesson-lti-vi.png", full=True)
        finally:
            browser.close()


def test_after_a_grammar_item_the_feedback_opens_its_lesson_in_the_drill(live_server, transactional_db,
                                                                         settings, monkeypatch):
    from playwright.sync_api import expect, sync_playwright

    settings.NIHONGO_BASE_URL = live_server.url
    make_programme(live_server.url)
    monkeypatch.setattr("portal.demo_lms.launches.DRILL_SETTINGS",
                        {"activity": "jlpt_drill", "level": "N5", "item_count": "3",
                         "grammar_points": "n5-temo-ii,n5-wa"})
    with sync_playwright() as p:
        browser, page = phone_page(p)
        try:
            page.goto(live_server.url + "/demo-lms/")
            page.get_by_role("link", name="Launch drill as lan").click()
            drill = page.locator(".nihongo-drill")
            item = default_bank().get(drill.get_attribute("data-item-id"))
            assert item.grammar_point in ("n5-temo-ii", "n5-wa")
            drill.locator(".nd-choice").nth(item.answer).click()
            link = drill.locator(".nd-grammar")
            pattern = grammar.point(item.grammar_point).pattern
            expect(link).to_have_text(f"Ngữ pháp: {pattern} — Đọc bài học")
            link.locator(".nd-read-lesson").click()
            lesson = drill.locator(".nd-lesson")
            expect(lesson.locator(".nl-pattern")).to_be_focused()
            expect(lesson.locator(".nl-meaning")).to_have_text(grammar.point(item.grammar_point).meaning["vi"])
            assert page.evaluate("document.documentElement.scrollWidth") <= NARROW["width"]
            shot(page, "drill-grammar-lesson-lti-vi.png", full=True)
            lesson.locator(".nd-lesson-close").click()
            expect(lesson).to_be_hidden()
            expect(drill.locator(".nd-next")).to_be_focused()
        finally:
            browser.close()
