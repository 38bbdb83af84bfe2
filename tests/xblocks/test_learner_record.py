"""The learner record (``Scope.user_info``): one per user, shared by different blocks, on the workbench."""

from datetime import timedelta

from workbench.runtime import WorkbenchRuntime

from tests.xblocks.conftest import TUESDAY, _scenario_numbers, answer_current


def make(olx, user_id="alice"):
    runtime = WorkbenchRuntime(user_id)
    runtime.id_generator.set_scenario(f"record{next(_scenario_numbers)}")
    return runtime.get_block(runtime.parse_xml_string(olx))


def reload(block, user_id):
    return WorkbenchRuntime(user_id).get_block(block.scope_ids.usage_id)


def test_a_drill_answer_is_seen_by_a_different_block_of_another_type(drill_factory):
    drill = drill_factory()
    progress = make('<study_progress weekly_goal_days="3"/>')
    assert reload(progress, "alice").nihongo_study_days == []

    answer_current(drill)

    again = reload(progress, "alice")  # a later request, another block, another scenario
    assert again.nihongo_study_days == ["2026-07-14"]
    assert again.nihongo_answers == 1
    assert sum(n for by_day in again.nihongo_due.values() for n in by_day.values()) == 1
    assert str(drill.scope_ids.usage_id) in again.nihongo_due


def test_the_record_is_per_user(drill_factory):
    answer_current(drill_factory(user_id="alice"))
    bob = make('<study_progress/>', user_id="bob")
    assert reload(bob, "bob").nihongo_study_days == []
    assert reload(bob, "alice").nihongo_study_days == ["2026-07-14"]


def test_writes_from_two_blocks_add_up(db):
    placement = make("<placement_test/>")
    progress = make("<study_progress/>")
    placement.note_placement("N4", {"target": "N3", "weeks": []}, TUESDAY)
    placement.note_study_day(TUESDAY)
    placement.save()
    progress = reload(progress, "alice")
    progress.note_study_day(TUESDAY + timedelta(days=1))
    progress.note_mock_result({"form": "N4", "total": 120, "passed": True}, TUESDAY)
    progress.save()

    seen = reload(placement, "alice")
    assert seen.nihongo_placement["level"] == "N4"
    assert seen.nihongo_study_days == ["2026-07-14", "2026-07-15"]
    assert seen.nihongo_mock_results[0]["passed"] is True


def test_a_second_answer_the_same_day_is_one_study_day(drill_factory):
    drill = drill_factory()
    answer_current(drill)
    answer_current(drill)
    assert reload(drill, "alice").nihongo_study_days == ["2026-07-14"]
    assert reload(drill, "alice").nihongo_answers == 2
