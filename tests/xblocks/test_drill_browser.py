"""The drill in Debian's Chromium at phone size, served by the workbench on pytest-django's live server."""

import os
import re
from pathlib import Path
from urllib.parse import urljoin

import pytest
from playwright.sync_api import Page, expect

from curriculum.bank import default_bank

pytestmark = pytest.mark.browser

SCREENSHOT = Path(__file__).resolve().parents[2] / "docs" / "img" / "drill-phone.png"
THREE_ITEMS = "JLPT N5 vocabulary drill (3 items)"


def served_item(page: Page):
    return default_bank().get(page.locator(".nihongo-drill").get_attribute("data-item-id"))


def choose(page: Page, index: int):
    page.locator(".nd-choice").nth(index).click()


def block_alone(page: Page, index_url: str, description: str) -> str:
    """The scenario's block without the workbench's debug panes, as a course page embeds it."""
    page.goto(index_url)
    href = page.get_by_role("link", name=description).get_attribute("href")
    return urljoin(index_url, href.replace("/scenario/", "/view/"))


def test_a_learner_plays_a_round_on_a_phone(workbench, phone):
    phone.goto(block_alone(phone, workbench, THREE_ITEMS))
    drill = phone.locator(".nihongo-drill")
    expect(drill.locator(".nd-progress")).to_have_text("1 / 3")
    expect(drill.locator(".nd-choice")).to_have_count(4)

    item = served_item(phone)
    expect(drill.locator(".nd-prompt")).to_have_text(item.prompt)
    wrong = (item.answer + 1) % len(item.choices)
    choose(phone, wrong)
    expect(drill.locator(".nd-feedback")).to_contain_text("Not quite")
    expect(drill.locator(".nd-feedback")).to_contain_text(item.explanation_in("en"))
    expect(drill.locator(".nd-choice").nth(item.answer)).to_have_class(re.compile(r"\bnd-right\b"))
    expect(drill.locator(".nd-choice").nth(wrong)).to_have_class(re.compile(r"\bnd-wrong\b"))
    expect(drill.locator(".nd-next")).to_be_focused()
    if os.environ.get("NIHONGO_SCREENSHOT") == "1":
        SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
        phone.screenshot(path=str(SCREENSHOT))

    drill.locator(".nd-next").click()
    expect(drill.locator(".nd-feedback")).to_be_hidden()
    for n in (2, 3):
        expect(drill.locator(".nd-progress")).to_have_text(f"{n} / 3")  # the next question has arrived
        choose(phone, served_item(phone).answer)
        expect(drill.locator(".nd-feedback")).to_contain_text("Correct!")
        drill.locator(".nd-next").click()

    expect(drill.locator(".nd-score")).to_have_text("Your score: 2 / 3")
    drill.get_by_role("button", name="Practice again").click()
    expect(drill.locator(".nd-progress")).to_have_text("1 / 3")
    expect(drill.locator(".nd-choice")).to_have_count(4)


def test_the_drill_fits_a_small_phone_and_works_from_the_keyboard(workbench, phone):
    phone.set_viewport_size({"width": 360, "height": 740})
    phone.goto(workbench)
    phone.get_by_role("link", name=THREE_ITEMS).click()  # the workbench's full scenario page

    expect(phone.locator(".nd-choice")).to_have_count(4)
    assert phone.evaluate("document.scrollingElement.scrollWidth") <= 360
    buttons = phone.locator(".nihongo-drill button:visible").all()
    assert len(buttons) == 4 and min(b.bounding_box()["height"] for b in buttons) >= 44  # touch targets

    phone.locator(".nd-choice").first.focus()
    phone.keyboard.press("Enter")
    expect(phone.locator(".nd-feedback")).to_contain_text(re.compile("Correct!|Not quite"))
    expect(phone.locator(".nd-next")).to_be_focused()
    assert phone.evaluate("document.scrollingElement.scrollWidth") <= 360
    phone.keyboard.press("Enter")
    expect(phone.locator(".nd-progress")).to_have_text("2 / 3")


def test_the_language_switch_redraws_the_drill_and_a_reload_keeps_it(workbench, phone):
    phone.set_viewport_size({"width": 360, "height": 740})
    phone.goto(block_alone(phone, workbench, THREE_ITEMS))
    drill = phone.locator(".nihongo-drill")
    item = served_item(phone)
    expect(drill.locator(".nd-instruction")).to_have_text(item.instruction["en"])
    switch = drill.get_by_label("Language")
    assert switch.bounding_box()["height"] >= 44
    assert phone.evaluate("document.scrollingElement.scrollWidth") <= 360

    switch.select_option("vi")
    expect(drill.locator(".nd-instruction")).to_have_text(item.instruction["vi"])
    expect(drill).to_have_attribute("lang", "vi")
    expect(drill.locator(".nd-lang-text")).to_have_text("Ngôn ngữ")
    choose(phone, item.answer)
    expect(drill.locator(".nd-feedback")).to_contain_text("Đúng rồi!")
    expect(drill.locator(".nd-feedback")).to_contain_text(item.explanation_in("vi"))

    drill.get_by_label("Ngôn ngữ").select_option("my")  # while the feedback is on screen
    expect(drill.locator(".nd-feedback")).to_contain_text("မှန်ပါတယ်!")
    expect(drill.locator(".nd-feedback")).to_contain_text(item.explanation_in("my"))
    expect(drill.locator(".nd-next")).to_have_text("နောက်တစ်ခု")

    phone.reload()
    expect(drill).to_have_attribute("lang", "my")
    expect(drill.get_by_label("ဘာသာစကား")).to_have_value("my")
    expect(drill.locator(".nd-progress")).to_have_text("2 / 3")
