"""The demo LMS's users and courses: the programme's managers and learners, one course per company.

Only what an LMS would hold: login, display name, LMS user ID, role and help language. Never
nationality or residence status. Like a real platform, the demo LMS names its users by its own opaque
IDs (``subject``), never by our login ID; it sends the login ID in the claim Moodle sends it in
(``ext.user_username``), so the tool links each user once, as it would on a real platform.
"""

from __future__ import annotations

import hashlib
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


def subject(login_id: str, lms_user_id: str = "") -> str:
    """The demo LMS's own user ID: opaque and stable, shaped like Canvas's (40 hex digits).

    A person whose ``lms_user_id`` an operator set to something else than the login ID keeps it (the
    tests' fixtures name users ``sub-lan``); the login ID itself is never sent as the ``sub``.
    """
    if lms_user_id and lms_user_id != login_id:
        return lms_user_id
    return hashlib.sha1(f"kagoshima-demo-lms:{login_id}".encode()).hexdigest()


def course_of(company: Company) -> Course:
    return Course(context_id=f"company-{company.pk}", title=f"Japanese N5 — {company.name}", label="N5")


def _manager(m: Manager) -> DemoUser:
    return DemoUser(m.login_id, m.display_name, subject(m.login_id, m.lms_user_id), True,
                    course_of(m.company), "ja")


def _learner(learner: Learner) -> DemoUser:
    return DemoUser(learner.login_id, learner.display_name, subject(learner.login_id, learner.lms_user_id),
                    False, course_of(learner.company), learner.help_language)


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
    """The user the demo LMS's own ID names (a demo has a handful of users: a scan is fine)."""
    login_id = login_ids().get(lms_user_id)
    return by_login_id(login_id) if login_id else None


def login_ids() -> dict[str, str]:
    """LMS user ID → login ID, for the gradebook."""
    people = list(Learner.objects.values_list("login_id", "lms_user_id"))
    people += list(Manager.objects.values_list("login_id", "lms_user_id"))
    return {subject(login, lms): login for login, lms in people}
