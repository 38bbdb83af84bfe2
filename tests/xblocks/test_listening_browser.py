"""Listening in the XBlock on a 360 px phone: the synthetic audio plays, the script stays hidden until
the answer, and the browser keeps the file (it is downloaded once); the mock test plays it once."""

import os
import time
from pathlib import Path

import pytest
from playwright.sync_api import expect

from curriculum import audio
from curriculum.bank import default_bank
from curriculum.furigana import plain

from .conftest import CHROMIUM, CHROMIUM_ARGS
from .test_drill_browser import block_alone

pytestmark = pytest.mark.browser
LISTENING = "JLPT N5 listening drill (2 items)"
SCREENSHOT = Path(__file__).resolve().parents[2] / "docs" / "img" / "listening-phone.png"


@pytest.fixture
def small_phone():
    """A 360 px phone whose Chromium may start audio from a script (the test plays it)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        autoplay = ["--autoplay-policy=no-user-gesture-required"]
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS + autoplay)
        yield browser.new_context(viewport={"width": 360, "height": 740}).new_page()
        browser.close()


@pytest.fixture
def served_audio(monkeypatch):
    """The names of the audio files the server sent, one entry per request that reached it."""
    sent = []
    real = audio.file_response

    def counting(name, range_header):
        sent.append(name)
        return real(name, range_header)
    monkeypatch.setattr(audio, "file_response", counting)
    monkeypatch.setattr("xblocks.common.audio.file_response", counting)
    return sent



def heard_by(page, player: str, seconds: float, timeout: float = 15.0):
    """Wait until the player's clock passes ``seconds`` (polled: the page's CSP forbids eval'd waits)."""
    deadline = time.monotonic() + timeout
    while page.evaluate(f"document.querySelector('{player}').currentTime") <= seconds:
        assert time.monotonic() < deadline, f"{player} did not play (no audio decoded)"
        page.wait_for_timeout(100)

def play(page, seconds=1.0, player=".nd-audio"):
    """Play the question's audio until ``seconds`` have been heard (the audio really decodes)."""
    page.evaluate(f"document.querySelector('{player}').play()")
    heard_by(page, player, seconds)
    page.evaluate(f"document.querySelector('{player}').pause()")


def test_a_learner_listens_and_answers_on_a_phone(workbench, small_phone, served_audio):
    page = small_phone
    page.goto(block_alone(page, workbench, LISTENING))
    drill = page.locator(".nihongo-drill")
    item = default_bank().get(drill.get_attribute("data-item-id"))
    stimulus = default_bank().stimuli[item.stimulus]
    expect(drill.locator(".nd-audio")).to_be_visible()
    expect(drill.locator(".nd-audio-note")).to_have_text("Synthetic voice (computer speech)")
    expect(drill.locator(".nd-stimulus-text")).to_be_empty()  # the script waits for the answer
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 360

    play(page)
    assert served_audio and set(served_audio) == {stimulus["audio"]}
    page.evaluate("document.querySelector('.nd-audio').currentTime = 0")  # practice: replay freely
    play(page, 0.5)
    requests_before = len(served_audio)  # the browser keeps the file: asking again does not reach the server
    assert page.evaluate("fetch(document.querySelector('.nd-audio').src).then(r => r.status)") == 200
    assert len(served_audio) == requests_before, "the audio was downloaded again"

    drill.locator(".nd-choice").nth(item.answer).click()
    expect(drill.locator(".nd-feedback")).to_contain_text("Correct!")
    expect(drill.locator(".nd-feedback .nd-script")).to_have_text(plain(stimulus["text"]))
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 360
    if os.environ.get("NIHONGO_SCREENSHOT") == "1":
        page.screenshot(path=str(SCREENSHOT), full_page=True)


def first_question_of(page, workbench, section: str):
    """The JFT-Basic mock test started, at the first question of ``section`` (聴解, 読解) in its palette."""
    page.goto(block_alone(page, workbench, "JFT-Basic mock test"))
    mock = page.locator(".nihongo-mock")
    mock.get_by_role("button", name="Start the test").click()
    mock.locator(f"xpath=//span[contains(@class, 'nm-palette-head')][text()='{section}']"
                 "/following-sibling::button[1]").click()
    return mock


def test_the_mock_test_plays_each_listening_script_once(workbench, small_phone):
    page = small_phone
    mock = first_question_of(page, workbench, "聴解")
    expect(mock.locator(".nm-audio")).to_be_visible()
    expect(mock.locator(".nm-audio-note")).to_have_text(
        "Synthetic voice (computer speech) · The audio plays once, as in the exam.")
    expect(mock.locator(".nm-stimulus-text")).to_be_empty()
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 360

    play(page, 1.0, ".nm-audio")
    page.evaluate("document.querySelector('.nm-audio').currentTime = 0")  # no going back
    assert page.evaluate("document.querySelector('.nm-audio').currentTime") > 0.9
    mock.locator(".nm-choice").first.click()
    mock.get_by_role("button", name="Next").click()
    mock.get_by_role("button", name="Previous").click()
    expect(mock.locator(".nm-audio")).to_be_hidden()  # heard once: no second play
    expect(mock.locator(".nm-audio-note")).to_be_visible()
    page.reload()  # nor after a reload (which comes back to this question, even when the jump to it had
    # not reached the server, or crossed the reloaded page's own request: the tab keeps where it went)
    mock.locator(".nm-palette button[aria-current='true']").click()
    expect(mock.locator(".nm-audio")).to_be_hidden()


def test_the_mock_tests_reading_passage_has_readings_over_kanji_above_the_level(workbench, small_phone):
    page = small_phone
    mock = first_question_of(page, workbench, "読解")
    text = mock.locator(".nm-stimulus-text")
    expect(text).to_be_visible()
    expect(text.locator("ruby rt").first).to_be_attached()  # drawn from text_ruby, not the plain text
    readings = text.locator("rt").all_text_contents()
    assert readings and all(readings)
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 360
