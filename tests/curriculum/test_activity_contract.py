"""Every activity implements the one contract (curriculum/activity.py) and describes its one page."""

import random
from datetime import datetime, timezone
from importlib import resources

import pytest

from curriculum import activities, weekly_progress
from curriculum.activity import Context, LanguageError, Page, SettingsError, Step, chosen_language
from curriculum.bank import default_bank

NOW = datetime(2026, 11, 24, 9, 0, tzinfo=timezone.utc)
RAW = {"jlpt_drill": {"level": "N5", "item_count": "3"}, "mock_test": {"form": "N5"}, "placement_test": {},
       "dialect_lesson": {"lesson": "greetings"}, "progress": {"weekly_goal_days": "2"},
       "grammar_notes": {"level": "N5"}}


def ctx(language="en", seed=1):
    return Context(NOW, language, default_bank(), random.Random(seed))


def first_state(name):
    if name == "progress":
        return activities.module(name).Week(weekly_progress.Record(study_days=(), answers=0,
                                                                   placement_level=None, mock_results=()))
    return None


@pytest.mark.parametrize("name", activities.NAMES)
def test_every_activity_has_the_four_calls_and_a_page(name):
    activity = activities.get(name)
    assert activity.name == name
    assert isinstance(activity.page, Page) and activity.page.text and activity.page.default_title
    assert all(callable(getattr(activity, call)) for call in ("settings", "present", "answer", "restart",
                                                              "change_language"))
    package = resources.files(activity.page.package)
    assert package.joinpath("templates", activity.page.template).is_file()
    assert package.joinpath(activity.page.css).is_file()
    assert activity.page.js is None or package.joinpath(activity.page.js).is_file()


@pytest.mark.parametrize("name", activities.NAMES)
def test_present_then_change_language_then_restart_give_steps_the_page_can_show(name):
    activity = activities.get(name)
    settings = activity.settings(RAW[name])
    step = activity.present(first_state(name), settings, ctx())
    assert isinstance(step, Step) and isinstance(step.screen, dict)
    assert step.grade is None and step.finished is None and step.answered == ()
    again = activity.present(step.state, settings, ctx())
    assert again.screen == step.screen  # what is asked stays until answered (a reload changes nothing)
    switched = activity.change_language(step.state, settings, ctx("vi"))
    assert switched.state is not None
    text = dict(activity.page.text)
    urls = {h: f"/{h}" for h in activity.page.handlers}
    context = activity.page.context("Title", switched.screen, text, urls, "vi")
    assert context["display_name"] == "Title"
    assert isinstance(activity.restart(step.state, settings, ctx()), Step)


def test_an_answer_comes_back_checked_and_counted():
    drill = activities.get("jlpt_drill")
    settings = drill.settings(RAW["jlpt_drill"])
    step = drill.present(None, settings, ctx())
    item = default_bank().get(step.screen["item"]["id"])
    answered = drill.answer(step.state, settings, {"item_id": item.id, "choice": item.answer}, ctx())
    assert [(a.item_id, a.correct) for a in answered.answered] == [(item.id, True)]
    assert answered.screen["correct"] is True


def test_a_finished_placement_reports_its_level_and_a_grade_of_one():
    placement = activities.get("placement_test")
    bank = default_bank()
    step = placement.present(None, None, ctx())
    while step.screen["item"]:
        item = bank.get(step.screen["item"]["id"])
        step = placement.answer(step.state, None, {"item_id": item.id, "choice": item.answer}, ctx())
    assert step.finished.summary["level"] == step.screen["outcome"]["level"]
    assert (step.grade.earned, step.grade.possible, step.finished.score) == (1, 1, 1.0)


@pytest.mark.parametrize(("name", "raw"), [
    ("jlpt_drill", {"level": "N9"}), ("jlpt_drill", {"item_count": "0"}), ("mock_test", {"form": "N1"}),
    ("dialect_lesson", {"lesson": "nope"}), ("progress", {"weekly_goal_days": "8"}),
    ("grammar_notes", {"level": "N1"})])
def test_settings_an_author_got_wrong_are_refused_with_a_message(name, raw):
    with pytest.raises(SettingsError) as refused:
        activities.get(name).settings(raw)
    assert str(refused.value)


@pytest.mark.parametrize("name", ["jlpt_drill", "placement_test", "dialect_lesson", "mock_test", "progress",
                                  "grammar_notes"])
def test_a_malformed_answer_is_one_of_the_activitys_own_errors(name):
    activity = activities.get(name)
    settings = activity.settings(RAW[name])
    state = activity.present(first_state(name), settings, ctx()).state
    with pytest.raises(activity.errors):
        activity.answer(state, settings, {"forged": True}, ctx())


def test_the_language_switch_and_the_context_refuse_what_is_not_ours():
    assert chosen_language({"language": "tl"}) == "tl"
    for body in ({"language": "fr"}, {"language": "vi", "also": 1}, ["vi"]):
        with pytest.raises(LanguageError):
            chosen_language(body)
    with pytest.raises(ValueError):
        Context(datetime(2026, 1, 1), "en")
    with pytest.raises(ValueError):
        Context(NOW, "fr")


def test_an_unknown_activity_is_a_key_error():
    with pytest.raises(KeyError):
        activities.get("essay")
