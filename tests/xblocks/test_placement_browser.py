"""The placement test, then "My week", in Debian's Chromium at phone size (workbench on the live server)."""

import os
import random
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.xblocks.test_drill_browser import SCREENSHOT, block_alone
from tests.xblocks.test_placement_test import knows
from xblocks.placement_test.block import PlacementTestBlock

pytestmark = pytest.mark.browser

ARTEFACTS = Path(SCREENSHOT).parent  # where the drill's browser test puts its screenshot
BOTH = "Placement test, then my week"


def screenshot(page, name):
    if os.environ.get("NIHONGO_SCREENSHOT") == "1":
        ARTEFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTEFACTS / name), full_page=True)


def fits(page, width):
    return page.evaluate("document.scrollingElement.scrollWidth") <= width


def test_a_learner_takes_the_placement_and_sees_the_level_and_next_step(workbench, phone, monkeypatch):
    monkeypatch.setattr(PlacementTestBlock, "_rng", lambda block: random.Random(2026))
    url = block_alone(phone, workbench, BOTH)
    phone.goto(url)
    test = phone.locator(".nihongo-placement")
    expect(test.locator(".np-progress")).to_have_text("Question 1")
    expect(phone.locator(".nihongo-progress .ns-level")).to_contain_text("Take the placement test")
    screenshot(phone, "placement-phone.png")

    choose = knows(("N5", "N4"))
    for n in range(1, 21):
        if test.locator(".np-outcome").is_visible():
            break
        expect(test.locator(".np-progress")).to_have_text(f"Question {n}")  # the next question has arrived
        item_id = test.get_attribute("data-item-id")
        assert test.locator(".np-choice").count() >= 2
        test.locator(".np-choice").nth(choose(item_id)).click()
        expect(test).not_to_have_attribute("data-item-id", item_id)  # the next question or the outcome is in
    expect(test.locator(".np-level")).to_have_text("Your level: N4")
    expect(test.locator(".np-done")).to_be_focused()  # screen readers hear the end
    expect(test.locator(".np-plan")).to_contain_text("Your plan: N3 by")
    assert test.locator(".np-choice:visible").count() == 0

    phone.reload()  # the progress block reads the record the placement wrote
    week = phone.locator(".nihongo-progress")
    expect(week.locator(".ns-level")).to_have_text("Your level: N4")
    expect(week.locator(".ns-next")).to_contain_text("This week:")
    expect(week.locator(".ns-day.ns-studied")).to_have_count(1)
    expect(week.locator(".ns-badge")).to_have_text(["Placement done"])
    week.scroll_into_view_if_needed()
    screenshot(phone, "progress-phone.png")


def test_both_fit_360_px_with_big_touch_targets_and_work_from_the_keyboard(workbench, phone):
    phone.set_viewport_size({"width": 360, "height": 740})
    phone.goto(block_alone(phone, workbench, BOTH))
    choices = phone.locator(".np-choice")
    expect(choices.first).to_be_visible()
    assert fits(phone, 360)
    assert min(b.bounding_box()["height"] for b in choices.all()) >= 44
    cells = phone.locator(".ns-day").all()
    assert len(cells) == 7 and min(c.bounding_box()["height"] for c in cells) >= 44
    assert phone.locator(".ns-sr").first.text_content().strip()  # each day is spoken, not just drawn

    before = phone.locator(".nihongo-placement").get_attribute("data-item-id")
    choices.first.focus()
    phone.keyboard.press("Enter")
    expect(phone.locator(".np-progress")).to_have_text("Question 2")
    assert phone.locator(".nihongo-placement").get_attribute("data-item-id") != before
    expect(phone.locator(".np-prompt")).to_be_focused()
    assert fits(phone, 360)


def test_the_language_switch_redraws_the_question_and_a_reload_keeps_it(workbench, phone):
    from curriculum.bank import default_bank
    phone.set_viewport_size({"width": 360, "height": 740})
    phone.goto(block_alone(phone, workbench, BOTH))
    test = phone.locator(".nihongo-placement")
    expect(test.locator(".np-progress")).to_have_text("Question 1")
    switch = test.get_by_label("Language")
    assert switch.bounding_box()["height"] >= 44 and fits(phone, 360)
    item = default_bank().get(test.get_attribute("data-item-id"))

    switch.select_option("vi")
    expect(test).to_have_attribute("lang", "vi")
    expect(test.locator(".np-instruction")).to_have_text(item.instruction["vi"])
    expect(test.locator(".np-progress")).to_have_text("Câu 1")
    from xblocks.common import catalogue
    from xblocks.placement_test.block import TEXT
    TRANSLATIONS = catalogue.table(catalogue.folder("placement_test"))
    expect(test.locator(".np-intro")).to_have_text(TRANSLATIONS[TEXT["intro"]]["vi"].format(max=20))
    expect(test).to_have_attribute("data-item-id", item.id)  # the same question, now in Vietnamese
    assert fits(phone, 360)

    phone.reload()
    expect(test).to_have_attribute("lang", "vi")
    expect(test.get_by_label("Ngôn ngữ")).to_have_value("vi")
    expect(test.locator(".np-instruction")).to_have_text(item.instruction["vi"])
