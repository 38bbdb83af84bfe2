"""Grammar notes in Open edX's host (the workbench on the live server), in Debian's Chromium at 360 px:
the list, a search, a lesson with furigana, a related point, back to the list, no sideways scrolling."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from curriculum import grammar
from curriculum.furigana import plain

from .test_drill_browser import block_alone
from .test_grammar_notes import registered  # noqa: F401  (fixture)

pytestmark = pytest.mark.browser

SHOTS = Path(__file__).resolve().parents[2] / "docs" / "learners" / "img"
NARROW = {"width": 360, "height": 780}


def no_sideways_scrolling(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= NARROW["width"]


def test_a_learner_searches_the_n5_grammar_and_reads_a_lesson_on_a_phone(workbench, phone,
                                                                        registered):  # noqa: F811
    phone.set_viewport_size(NARROW)
    phone.goto(block_alone(phone, workbench, "Grammar notes N5"))
    notes = phone.locator(".nihongo-grammar")
    total = len(grammar.points("N5"))
    expect(notes.locator(".ngr-point")).to_have_count(total)
    expect(notes.locator(".ngr-status")).to_have_text(f"{total} grammar points")
    no_sideways_scrolling(phone)
    if os.environ.get("NIHONGO_SCREENSHOT") == "1":
        phone.screenshot(path=str(SHOTS / "grammar-list-openedx.png"))

    notes.locator(".ngr-q").fill("permission")
    notes.locator(".ngr-search-button").click()
    expect(notes.locator(".ngr-point").first).to_contain_text("ても いい")
    notes.locator(".ngr-point").first.click()
    lesson = notes.locator(".nihongo-lesson")
    expect(lesson.locator(".nl-pattern")).to_be_focused()
    expect(lesson.locator(".nl-examples ruby").first).to_be_visible()  # furigana over the kanji
    expect(lesson).to_contain_text("Common mistakes")
    no_sideways_scrolling(phone)
    if os.environ.get("NIHONGO_SCREENSHOT") == "1":
        phone.screenshot(path=str(SHOTS / "grammar-lesson-openedx.png"), full_page=True)

    (related,) = grammar.point("n5-temo-ii").related[:1]  # a related point opens in place
    lesson.locator(f'[data-point="{related}"]').click()
    expect(lesson.locator(".nl-pattern")).to_have_text(plain(grammar.point(related).pattern))
    notes.locator(".ngr-back").click()
    expect(notes.locator(".ngr-q")).to_have_value("permission")
    expect(notes.locator(".ngr-lesson-view")).to_be_hidden()

    notes.locator(".ngr-lang").select_option("vi")
    expect(notes.locator(".ngr-search-button")).to_have_text("Tìm")
