"""The course plans: what each course holds, in the order a learner meets it, and its grading."""

import pytest

from curriculum.course_plan import (
    BLOCK_TAGS,
    MOCK,
    PRACTICE,
    UnknownCourse,
    courses,
    dialect_lessons,
    plan,
    skills,
)
from curriculum.item_types import TYPES, ItemType
from curriculum.items import Level
from lti_tool.claims import ACTIVITIES

LEVELS = {"n5": "N5", "n4": "N4", "n3": "N3", "n2": "N2"}


def test_every_course_is_listed_once():
    assert courses() == ("n5", "n4", "n3", "n2", "jft", "dialect")


@pytest.mark.parametrize("course_id", courses())
def test_settings_are_ones_the_blocks_accept(course_id):
    course = plan(course_id)
    assert course.activities, "a course without activities"
    for activity in course.activities:
        assert activity.kind in BLOCK_TAGS
        assert activity.settings["display_name"] == activity.title
        assert activity.lti_activity in ACTIVITIES
        if activity.kind == "jlpt_drill":
            assert activity.settings["level"] in {lv.value for lv in Level}
            assert 1 <= activity.settings["item_count"] <= 100
            assert activity.settings["item_types"], "an empty type list would mean every type"
            for t in activity.settings["item_types"]:
                assert activity.settings["level"] in TYPES[ItemType(t)].levels
        if activity.kind == "mock_test":
            assert activity.settings["form"] in ("N5", "N4", "N3", "N2", "JFT")


@pytest.mark.parametrize("course_id", courses())
def test_url_names_are_unique_and_safe(course_id):
    course = plan(course_id)
    names = ([c.url_name for c in course.chapters]
             + [s.url_name for c in course.chapters for s in c.subsections]
             + [u.url_name for u in course.units] + [a.url_name for a in course.activities])
    assert len(names) == len(set(names))
    assert all(n.replace("_", "").isalnum() and n.isascii() for n in names)


@pytest.mark.parametrize("course_id", LEVELS)
def test_a_level_course_starts_with_placement_then_weeks_of_drills_by_skill(course_id):
    course = plan(course_id)
    assert course.activities[0].kind == "placement_test"
    weeks = course.chapters[1:]
    assert [c.title for c in weeks] == [f"Week {n}" for n in range(1, 9)]
    exam_skills = [s for s, _ in skills(LEVELS[course_id])]
    assert exam_skills[:2] == ["kanji", "vocabulary"] and exam_skills[-1] == "listening"
    for week in weeks:
        kinds = [a.kind for s in week.subsections for u in s.units for a in u.activities]
        assert kinds[0] == "study_progress", "every week opens with the learner's week"
        activities = [a for s in week.subsections for u in s.units for a in u.activities]
        drills = [a for a in activities if a.kind == "jlpt_drill"]
        assert [d.title.split(": ")[1].lower() for d in drills] == exam_skills
        assert {d.settings["level"] for d in drills} == {LEVELS[course_id]}


@pytest.mark.parametrize("course_id", [*LEVELS, "jft"])
def test_mock_tests_close_weeks_4_and_8_and_grade_as_mock_tests(course_id):
    course = plan(course_id)
    mocks = [a for a in course.activities if a.kind == "mock_test"]
    assert [m.graded_as for m in mocks] == [MOCK, MOCK]
    subsections = [s for c in course.chapters for s in c.subsections]
    assert [s.graded_as for s in subsections if s.units[0].activities[0] in mocks] == [MOCK, MOCK]
    assert [c.title for c in course.chapters if any(a in mocks for s in c.subsections for u in s.units
                                                    for a in u.activities)] == ["Week 4", "Week 8"]
    assert {m.settings["form"] for m in mocks} == {"JFT" if course_id == "jft" else LEVELS[course_id]}


@pytest.mark.parametrize("course_id", courses())
def test_the_grading_policy_counts_what_the_course_grades(course_id):
    course = plan(course_id)
    assert sum(t.weight for t in course.grading) == pytest.approx(1.0)
    for kind in course.grading:
        graded = [a for a in course.activities if a.graded_as == kind.name]
        assert kind.min_count == len(graded)
        assert kind.drop_count < kind.min_count
    ungraded = [a for a in course.activities if a.kind in ("placement_test", "study_progress")]
    assert ungraded and all(a.graded_as is None for a in ungraded)


def test_canvas_points_give_mock_tests_the_policys_share():
    course = plan("n5")
    practice = sum(course.points(a) for a in course.activities if a.graded_as == PRACTICE)
    mock = sum(course.points(a) for a in course.activities if a.graded_as == MOCK)
    assert mock / (mock + practice) == pytest.approx(0.6)
    assert course.points(course.activities[0]) is None  # the placement test


def test_the_jft_course_drills_a1_first_then_a2():
    course = plan("jft")
    levels = [c.subsections[1].units[0].activities[0].settings["level"] for c in course.chapters[1:]]
    assert levels == ["JFT-A1"] * 4 + ["JFT-A2"] * 4


def test_the_dialect_course_has_one_lesson_per_lesson_id_and_the_week():
    course = plan("dialect")
    lessons = [a.settings["lesson"] for a in course.activities if a.kind == "dialect_lesson"]
    assert lessons == [lesson_id for lesson_id, _ in dialect_lessons()]
    assert {"greetings", "safety", "false_friends"} <= set(lessons)
    assert course.activities[0].kind == "study_progress"
    assert course.counts()["dialect_lesson"] == len(lessons)


def test_custom_parameters_are_the_names_the_tool_reads():
    drill = plan("n5").chapters[1].subsections[1].units[0].activities[0]
    assert drill.lti_custom() == {"activity": "jlpt_drill", "level": "N5", "item_count": "10",
                                  "types": "kanji_reading,orthography,meaning_to_kanji"}
    progress = plan("n5").chapters[1].subsections[0].units[0].activities[0]
    assert progress.lti_custom()["activity"] == "progress"


@pytest.mark.parametrize("bad", ["n1", "", "N5x"])
def test_an_unknown_course_names_the_courses(bad):
    with pytest.raises(UnknownCourse, match="n5, n4, n3, n2, jft, dialect"):
        plan(bad)


def test_course_ids_are_case_insensitive():
    assert plan("N5") == plan("n5")
