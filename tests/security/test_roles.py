"""Roles by the course: the manager's view (every classmate's name and activity) only for the course's
teaching staff; a course Learner studies whatever other roles come with the launch."""

import pytest

from lti_tool.claims import LTI, is_instructor, read_launch

LIS = "http://purl.imsglobal.org/vocab/lis/v2/"
COURSE = LIS + "membership#"
INSTITUTION = LIS + "institution/person#"
SYSTEM = LIS + "system/person#"


@pytest.mark.parametrize("roles", [
    # Canvas: an institution-wide Instructor/Administrator enrolled as a student in this course
    [INSTITUTION + "Instructor", COURSE + "Learner"],
    [INSTITUTION + "Administrator", SYSTEM + "Administrator", COURSE + "Learner"],
    # Open edX: a learner who moderates the course's discussions
    [COURSE + "Learner", LIS + "membership/Instructor#TeachingAssistant"],
    # a course Learner and a course Instructor role together: the Learner role wins
    [COURSE + "Learner", COURSE + "Instructor"],
    ["Learner", "Instructor"],
    # institution or system roles alone are no course role
    [INSTITUTION + "Administrator"],
    [SYSTEM + "Administrator"],
    [INSTITUTION + "Instructor"],
    # look-alikes are not roles
    ["http://example.com/Instructor"], [COURSE + "Mentor"], [COURSE + "ContentDeveloper"], "Instructor",
])
def test_these_launches_are_learners_not_managers(roles):
    assert is_instructor(roles) is False


@pytest.mark.parametrize("roles", [
    [COURSE + "Instructor"],
    [COURSE + "Administrator"],
    [LIS + "membership/Instructor#TeachingAssistant"],
    [COURSE + "Instructor", INSTITUTION + "Faculty"],
    ["Instructor"],
])
def test_course_teaching_staff_get_the_managers_view(roles):
    assert is_instructor(roles) is True


def test_the_launch_reads_the_role_from_the_course_roles():
    body = {"iss": "https://lms.example", "aud": "c", "sub": "s1",
            LTI + "resource_link": {"id": "r1"},
            LTI + "roles": [INSTITUTION + "Administrator", COURSE + "Learner"]}
    assert read_launch(body).is_instructor is False
