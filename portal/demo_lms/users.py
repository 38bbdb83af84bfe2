"""The demo LMS's users and courses: the programme's managers and learners, one course per company.

Only what an LMS would hold: login, display name, LMS user ID, role and help language. Never
nationality or residence status.
"""

from __future__ import annotations

from dataclasses import dataclass

from programme.models import Company, Learner, Manager

LEARNER_ROLE = "http://purl.imsglobal.org/vocab/lis/v2/membership#Learner"
INSTRUCTOR_ROLE = "http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor"
COURSE_TYPE = "http://purl.imsglobal.org/vocab/lis/v2/course#CourseOffering"


@dataclass(frozen=True)
class Course:
    context_id: str
    title: str
    label: str


@dataclass(frozen=True)
class DemoUser:
    login_id: str
    display_name: str
    lms_user_id: str
    is_manager: bool
    course: Course
    locale: str

    @property
    def role(self) -> str:
        return INSTRUCTOR_ROLE if self.is_manager else LEARNER_ROLE


def course_of(company: Company) -> Course:
    return Course(context_id=f"company-{company.pk}", title=f"Japanese N5 — {company.name}", label="N5")


def _manager(m: Manager) -> DemoUser:
    return DemoUser(m.login_id, m.display_name, m.lms_user_id, True, course_of(m.company), "ja")


def _learner(learner: Learner) -> DemoUser:
    return DemoUser(learner.login_id, learner.display_name, learner.lms_user_id, False,
                    course_of(learner.company), learner.help_language)


def rosters() -> list[tuple[Course, list[DemoUser]]]:
    """Every company's course with its manager(s) first, then its learners."""
    result = []
    for company in Company.objects.order_by("name", "pk"):
        users = [_manager(m) for m in company.managers.order_by("login_id")]
        users += [_learner(lr) for lr in company.learners.order_by("login_id")]
        result.append((course_of(company), users))
    return result


def by_login_id(login_id: str) -> DemoUser | None:
    """Learners first: a login ID is unique within each table."""
    learner = Learner.objects.select_related("company").filter(login_id=login_id).first()
    if learner:
        return _learner(learner)
    manager = Manager.objects.select_related("company").filter(login_id=login_id).first()
    return _manager(manager) if manager else None


def by_lms_user_id(lms_user_id: str) -> DemoUser | None:
    learner = Learner.objects.select_related("company").filter(lms_user_id=lms_user_id).first()
    if learner:
        return _learner(learner)
    manager = Manager.objects.select_related("company").filter(lms_user_id=lms_user_id).first()
    return _manager(manager) if manager else None


def login_ids() -> dict[str, str]:
    """LMS user ID → login ID, for the gradebook."""
    pairs = list(Learner.objects.values_list("lms_user_id", "login_id"))
    pairs += list(Manager.objects.values_list("lms_user_id", "login_id"))
    return dict(pairs)
