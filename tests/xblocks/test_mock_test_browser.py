"""The mock test in Debian's Chromium at phone size, on the workbench served by pytest-django."""

import os
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from playwright.sync_api import expect

from .conftest import PHONE

pytestmark = pytest.mark.browser

SCREENSHOT = Path(__file__).resolve().parents[2] / "docs" / "img" / "mock-test-phone.png"
N5 = "JLPT N5 mock test"


def block_alone(page, index_url: str) -> str:
    """The scenario's block without the workbench's debug panes, as a course page embeds it."""
    page.goto(index_url)
    href = page.get_by_role("link", name=N5).get_attribute("href")
    return urljoin(index_url, href.replace("/scenario/", "/view/"))


def fits(page, width: int) -> bool:
    return page.evaluate("document.scrollingElement.scrollWidth") <= width


def test_a_learner_takes_a_mock_test_on_a_phone(workbench, phone):
    url = block_alone(phone, workbench)
    phone.goto(url)
    mock = phone.locator(".nihongo-mock")
    mock.get_by_role("button", name="Start the test").click()

    expect(mock.locator(".nm-timer")).to_have_text(r"20:00")  # first paper: 20 minutes
    cells = mock.locator(".nm-palette button")
    count = cells.count()
    assert count > 5
    expect(mock.locator(".nm-number")).to_have_text(f"Question 1 of {count}")
    expect(cells.first).to_have_attribute("aria-label", "Question 1, not answered")

    mock.locator(".nm-choice").nth(1).click()
    expect(mock.locator(".nm-choice").nth(1)).to_have_attribute("aria-pressed", "true")
    mock.get_by_role("button", name="Flag for review").click()
    expect(cells.first).to_have_attribute("aria-label", "Question 1, answered, flagged")
    expect(mock.locator(".nm-count")).to_have_text(f"Answered 1 of {count}")

    mock.get_by_role("button", name="Question 5, not answered").click()  # jump through the palette
    expect(mock.locator(".nm-number")).to_have_text(f"Question 5 of {count}")
    expect(mock.locator(".nm-number")).to_be_focused()
    expect(cells.nth(4)).to_have_attribute("aria-current", "true")
    mock.locator(".nm-choice").first.click()
    expect(cells.nth(4)).to_have_attribute("aria-label", "Question 5, answered")
    if os.environ.get("NIHONGO_SCREENSHOT") == "1":
        SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
        phone.screenshot(path=str(SCREENSHOT))

    phone.wait_for_load_state("networkidle")  # the answer has reached the server
    phone.reload()  # a dropped connection or a closed tab: the test comes back as it was
    expect(cells.nth(4)).to_have_attribute("aria-current", "true")
    expect(cells.nth(4)).to_have_attribute("aria-label", "Question 5, answered")
    expect(cells.first).to_have_attribute("aria-label", "Question 1, answered, flagged")

    mock.get_by_role("button", name="Finish the test").click()
    expect(mock.locator(".nm-confirm-text")).to_have_text(
        f"Finish the test now? Questions not answered: {count - 2}.")
    mock.get_by_role("button", name="Yes").click()
    expect(mock.locator(".nm-result-title")).to_be_focused()
    expect(mock.locator(".nm-verdict")).to_have_text("Not a pass yet (estimate)")
    expect(mock.locator(".nm-total")).to_contain_text("/ 180 (pass mark 80)")
    expect(mock.locator(".nm-scores tr")).to_have_count(2)
    expect(mock.locator(".nm-study li").first).not_to_be_empty()
    assert mock.locator(".nm-review li").count() > count  # every question, with the answers, now
    assert fits(phone, PHONE["width"])


def test_the_test_fits_a_small_phone_and_works_from_the_keyboard(workbench, phone):
    phone.set_viewport_size({"width": 360, "height": 740})
    phone.goto(block_alone(phone, workbench))
    mock = phone.locator(".nihongo-mock")
    mock.get_by_role("button", name="Start the test").focus()
    phone.keyboard.press("Enter")
    expect(mock.locator(".nm-number")).to_be_focused()
    assert fits(phone, 360)
    buttons = mock.locator("button:visible").all()
    assert min(b.bounding_box()["height"] for b in buttons) >= 44  # touch targets
    assert min(b.bounding_box()["width"] for b in buttons) >= 44

    mock.locator(".nm-palette button").nth(2).focus()
    phone.keyboard.press("Enter")
    expect(mock.locator(".nm-number")).to_contain_text("Question 3 of")
    phone.keyboard.press("Tab")  # on to the first choice
    phone.keyboard.press("Tab")
    phone.keyboard.press("Enter")
    expect(mock.locator('.nm-choice[aria-pressed="true"]')).to_have_count(1)
    assert fits(phone, 360)

    # The connection drops: the choice shows, the learner is told, and it is sent once back online.
    phone.context.set_offline(True)
    mock.locator(".nm-choice").nth(3).click()
    expect(mock.locator(".nm-status")).to_contain_text("Your answer is not saved yet")
    phone.context.set_offline(False)
    expect(mock.locator(".nm-status")).to_be_hidden()
    phone.reload()
    expect(mock.locator(".nm-choice").nth(3)).to_have_attribute("aria-pressed", "true")

    # The tab is closed while an answer is on its way: the reloaded page sends it again.
    phone.route("**/answer/**", lambda route: route.abort())
    mock.locator(".nm-choice").nth(1).click()
    expect(mock.locator(".nm-status")).to_contain_text("Your answer is not saved yet")
    phone.unroute("**/answer/**")
    phone.reload()  # before this page's own retry: only the reloaded page can send it
    expect(mock.locator(".nm-choice").nth(1)).to_have_attribute("aria-pressed", "true")
    phone.wait_for_load_state("networkidle")
    phone.reload()  # the server has it now, not only this tab's storage
    phone.evaluate("sessionStorage.clear()")
    phone.reload()
    expect(mock.locator(".nm-choice").nth(1)).to_have_attribute("aria-pressed", "true")


def test_a_jump_while_an_answer_is_on_its_way_loses_neither(workbench, phone):
    """Each handler saves the whole record it read: a jump sent beside a slow answer would save the
    record without that answer. The page sends them one after another, so both are kept."""
    phone.goto(block_alone(phone, workbench))
    mock = phone.locator(".nihongo-mock")
    mock.get_by_role("button", name="Start the test").click()
    cells = mock.locator(".nm-palette button")
    expect(cells.first).to_have_attribute("aria-label", "Question 1, not answered")
    held, sent = [], []
    phone.route("**/answer/**", lambda route: held.append(route))  # the answer is slow to reach the server
    phone.on("request", lambda request: sent.append(urlsplit(request.url).path.rstrip("/").split("/")[-1]))
    mock.locator(".nm-choice").nth(1).click()
    mock.get_by_role("button", name="Question 4, not answered").click()
    mock.get_by_role("button", name="Flag for review").click()
    expect(cells.nth(3)).to_have_attribute("aria-label", "Question 4, not answered, flagged")
    phone.wait_for_timeout(300)
    assert len(held) == 1 and "go_to" not in sent and "flag" not in sent
    held[0].continue_()
    phone.unroute("**/answer/**")
    phone.wait_for_load_state("networkidle")
    phone.evaluate("sessionStorage.clear()")  # only what the server kept
    phone.reload()
    expect(cells.first).to_have_attribute("aria-label", "Question 1, answered")
    expect(cells.nth(3)).to_have_attribute("aria-label", "Question 4, not answered, flagged")
    expect(cells.nth(3)).to_have_attribute("aria-current", "true")


def test_the_language_switch_redraws_the_running_test_and_a_reload_keeps_it(workbench, phone):
    from curriculum.bank import default_bank
    from xblocks.common import catalogue
    from xblocks.mock_test.block import TEXT
    TRANSLATIONS = catalogue.table(catalogue.folder("mock_test"))

    def vi(key):
        return TRANSLATIONS[TEXT[key]]["vi"]

    phone.set_viewport_size({"width": 360, "height": 740})
    phone.goto(block_alone(phone, workbench))
    mock = phone.locator(".nihongo-mock")
    switch = mock.get_by_label("Language")
    assert switch.bounding_box()["height"] >= 44 and fits(phone, 360)
    mock.get_by_role("button", name="Start the test").click()
    cells = mock.locator(".nm-palette button")
    expect(cells.first).to_have_attribute("aria-label", "Question 1, not answered")  # the test is drawn
    count = cells.count()
    mock.locator(".nm-choice").nth(1).click()
    expect(cells.first).to_have_attribute("aria-label", "Question 1, answered")
    cells.nth(2).click()
    expect(mock.locator(".nm-number")).to_have_text(f"Question 3 of {count}")

    english = mock.locator(".nm-instruction").text_content()
    switch.select_option("vi")
    expect(mock).to_have_attribute("lang", "vi")
    expect(mock.locator(".nm-number")).to_have_text(vi("question_of").format(n=3, total=count))
    expect(mock.locator(".nm-flag")).to_have_text(vi("flag"))
    expect(mock.locator(".nm-finish")).to_have_text(vi("finish"))
    vietnamese = {i.instruction["vi"] for i in default_bank() if i.instruction["en"] == english}
    assert len(vietnamese) == 1 and english not in vietnamese
    expect(mock.locator(".nm-instruction")).to_have_text(vietnamese.pop())
    spoken = vi("question").format(n=1) + vi("separator") + vi("answered")
    expect(cells.first).to_have_attribute("aria-label", spoken)
    assert fits(phone, 360)

    phone.reload()
    expect(mock).to_have_attribute("lang", "vi")
    expect(mock.get_by_label(vi("language"))).to_have_value("vi")
    expect(mock.locator(".nm-number")).to_have_text(vi("question_of").format(n=3, total=count))
