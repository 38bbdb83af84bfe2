"""The study_progress block ("My week") on the workbench: it shows what the other blocks recorded."""

import random
from datetime import timedelta

import pytest
import webob
from lxml import etree
from workbench.runtime import WorkbenchRuntime

from tests.xblocks.conftest import TUESDAY, _scenario_numbers, answer_current, as_learner, post
from tests.xblocks.test_placement_test import knows, take
from xblocks.placement_test.block import PlacementTestBlock
from xblocks.progress.block import ProgressBlock


@pytest.fixture
def make(db, clock, monkeypatch):
    """Blocks from OLX for one learner; every block's clock is ``clock.now``."""
    monkeypatch.setattr(ProgressBlock, "_now", lambda block: clock.now)
    monkeypatch.setattr(PlacementTestBlock, "_now", lambda block: clock.now)
    monkeypatch.setattr(PlacementTestBlock, "_rng", lambda block: random.Random(2026))

    def build(olx, user_id="alice"):
        runtime = WorkbenchRuntime(user_id)
        runtime.id_generator.set_scenario(f"progress{next(_scenario_numbers)}")
        return runtime.get_block(runtime.parse_xml_string(olx))
    return build


def page(block, user_id="alice"):
    return as_learner(block, user_id).render("student_view").body_html()


def test_a_new_learner_sees_an_empty_week_and_the_way_to_start(make):
    html = page(make('<study_progress weekly_goal_days="3"/>'))
    assert "Days studied this week: 0 of 3" in html
    assert html.count('<li class="ns-day') == 7 and "ns-studied" not in html
    assert "Take the placement test" in html and "No reviews yet" in html and "No badges yet" in html
    assert 'aria-current="date"' in html  # today is marked for screen readers, Tuesday in Japan


def test_drill_work_on_two_days_fills_two_cells_and_reviews_come_due(make, clock, drill_factory):
    progress = make('<study_progress weekly_goal_days="2"/>')
    drill = drill_factory()
    answer_current(drill)
    clock.now = TUESDAY + timedelta(days=1)
    answer_current(as_learner(drill, "alice"))

    html = page(progress)
    assert html.count("ns-studied") == 2
    assert "Days studied this week: 2 of 2" in html and "This week&#x27;s goal is reached" in html
    assert "First week at your goal" in html
    state = progress.runtime.handle(as_learner(progress, "alice"), "student_view_user_state",
                                    webob.Request.blank("/")).json
    assert state["days"] == 2 and state["goal_met"] is True and state["badges"] == ["first_week"]

    clock.now = TUESDAY + timedelta(days=30)  # the cards are due by now; a new week has no days yet
    state = progress.runtime.handle(as_learner(progress, "alice"), "student_view_user_state",
                                    webob.Request.blank("/")).json
    assert state["due"] == 2 and state["days"] == 0


def test_after_the_placement_it_shows_the_level_and_the_next_step(make):
    placement = make("<placement_test/>")
    progress = make("<study_progress/>")
    take(placement, knows(("N5", "N4")))
    html = page(progress)
    assert "Your level: N4" in html
    assert "This week:" in html and "for N3, about 150 minutes" in html
    assert "Placement done" in html


def test_a_mock_result_brings_its_badges(make):
    progress = make("<study_progress/>")
    other = make("<placement_test/>")
    other.note_mock_result({"form": "N4", "total": 100, "passed": True}, TUESDAY)
    other.save()
    html = page(progress)
    assert "First mock test" in html and "Mock test passed" in html


def test_one_learner_does_not_see_anothers_week(make, drill_factory):
    progress = make("<study_progress/>")
    answer_current(drill_factory(user_id="alice"))
    assert "ns-studied" in page(progress, "alice") and "ns-studied" not in page(progress, "bob")


def test_no_score_settings_only_data_olx_and_studio(make):
    block = make('<study_progress display_name="This week" weekly_goal_days="5"/>')
    assert block.has_score is False
    assert block.student_view_data() == {"display_name": "This week", "weekly_goal_days": 5}
    assert block.has_support(block.student_view, "multi_device")
    block.note_study_day(TUESDAY)
    node = etree.Element("placeholder")
    block.add_xml_to_node(node)
    olx = etree.tostring(node, encoding="unicode")
    assert node.tag == "study_progress" and "nihongo_" not in olx
    copy = make(olx, user_id="carol")
    assert (copy.display_name, copy.weekly_goal_days) == ("This week", 5)
    status, _body = post(block, "submit_studio_edits", {"values": {"weekly_goal_days": 8}, "defaults": []})
    assert status == 400 and block.weekly_goal_days == 5
    status, _body = post(block, "submit_studio_edits", {"values": {"weekly_goal_days": 4}, "defaults": []})
    assert status == 200 and block.weekly_goal_days == 4
    html = block.render("studio_view").body_html()
    assert 'data-field-name="weekly_goal_days"' in html


def test_the_workbench_lists_the_scenarios(db):
    from django.test import Client
    from workbench.scenarios import init_scenarios

    init_scenarios()
    listing = Client().get("/workbench/").content.decode()
    for title in ("My week (goal: 3 days)", "Placement test (N5 to N2)", "Placement test, then my week"):
        assert title in listing
