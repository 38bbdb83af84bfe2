"""A dialect lesson in Debian's Chromium at phone size, served by the workbench on the live server."""

import os
import re

import pytest
from playwright.sync_api import Page, expect

from curriculum import dialect

from .test_drill_browser import SCREENSHOT, block_alone

pytestmark = pytest.mark.browser

CHORU = "Kagoshima dialect: ～ちょっ (～ている)"
DIALECT_SHOT = SCREENSHOT.parent / "dialect-phone.png"


def answers(lesson_id: str) -> dict:
    """Each drill's prompt and its right answer (what a teacher with the lesson sheet knows)."""
    return {drill.prompt: drill.answer for drill in dialect.lesson(lesson_id).drills}


def choose(page: Page, text: str, right: bool):
    buttons = page.locator(".ndl-choice")
    texts = buttons.all_inner_texts()
    index = texts.index(text) if right else next(i for i, t in enumerate(texts) if t != text)
    buttons.nth(index).click()
    return index


def test_a_learner_finishes_a_lesson_on_a_phone(workbench, phone):
    key = answers("grammar_choru")
    phone.goto(block_alone(phone, workbench, CHORU))
    lesson = phone.locator(".nihongo-dialect")
    expect(lesson.locator(".ndl-progress")).to_have_text("1 / 6")
    expect(lesson.locator(".ndl-explanation")).to_contain_text("～ちょっ")
    expect(lesson.locator(".ndl-examples")).to_contain_text("ふっちょっど")
    expect(lesson.locator(".ndl-choice")).to_have_count(4)
    # no Japanese voice in this Chromium: no Listen button, and no promise of one
    expect(lesson.locator(".ndl-listen")).to_be_hidden()

    prompt = lesson.locator(".ndl-prompt").inner_text()
    wrong = choose(phone, key[prompt], right=False)
    expect(lesson.locator(".ndl-feedback")).to_contain_text("Not quite")
    expect(lesson.locator(".ndl-feedback")).to_contain_text(key[prompt])
    expect(lesson.locator(".ndl-choice").nth(wrong)).to_have_class(re.compile(r"\bndl-wrong\b"))
    expect(lesson.locator(".ndl-choice.ndl-right")).to_have_text(key[prompt])
    expect(lesson.locator(".ndl-next")).to_be_focused()
    if os.environ.get("NIHONGO_SCREENSHOT") == "1":
        DIALECT_SHOT.parent.mkdir(parents=True, exist_ok=True)
        phone.screenshot(path=str(DIALECT_SHOT), full_page=True)

    for n in range(2, 7):
        lesson.locator(".ndl-next").click()
        expect(lesson.locator(".ndl-progress")).to_have_text(f"{n} / 6")
        choose(phone, key[lesson.locator(".ndl-prompt").inner_text()], right=True)
        expect(lesson.locator(".ndl-feedback")).to_contain_text("Correct!")
    lesson.locator(".ndl-next").click()
    expect(lesson.locator(".ndl-score")).to_have_text("Your score: 5 / 6")
    expect(lesson.locator(".ndl-done-title")).to_have_text("Lesson complete!")
    lesson.get_by_role("button", name="Practice again").click()
    expect(lesson.locator(".ndl-progress")).to_have_text("1 / 6")


def test_the_language_switch_fits_a_small_phone_and_works_from_the_keyboard(workbench, phone):
    phone.set_viewport_size({"width": 360, "height": 740})
    phone.goto(block_alone(phone, workbench, CHORU))
    lesson = phone.locator(".nihongo-dialect")
    expect(lesson.locator(".ndl-choice")).to_have_count(4)
    lesson.get_by_label("Language").select_option("vi")
    expect(lesson.locator(".ndl-lesson")).to_have_text(dialect.lesson("grammar_choru").title["vi"])
    expect(lesson.locator(".ndl-instruction")).to_have_text(re.compile("Chọn"))
    assert phone.evaluate("document.scrollingElement.scrollWidth") <= 360
    targets = lesson.locator("button:visible, select:visible, summary:visible").all()
    assert min(t.bounding_box()["height"] for t in targets) >= 44  # touch targets

    lesson.locator(".ndl-choice").first.focus()
    phone.keyboard.press("Enter")
    expect(lesson.locator(".ndl-feedback")).to_contain_text(re.compile("Đúng rồi!|Chưa đúng"))
    expect(lesson.locator(".ndl-next")).to_be_focused()
    expect(lesson.locator(".ndl-next")).to_have_text("Tiếp theo")
    phone.keyboard.press("Enter")
    expect(lesson.locator(".ndl-progress")).to_have_text("2 / 6")
    assert phone.evaluate("document.scrollingElement.scrollWidth") <= 360
