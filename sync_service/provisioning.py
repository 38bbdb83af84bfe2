"""Open edX accounts, enrollments and one CCX per company, through its REST APIs (a host write adapter;
``nihongo accounts issue --host openedx`` reaches it through ``NIHONGO_PROVISIONERS`` in settings).

Shapes read from openedx/openedx-platform (see docs/architecture.md, Sources: Open edX):

* ``POST /api/user/v1/account/registration/`` creates a user (form-encoded; Open edX requires an
  e-mail address, so each gets ``<login id>@learners.invalid``). Its payload fields (email,
  username, name, password, honor_code, terms_of_service) are what the LMS registration form posts
  (inferred: the reference did not read the view's payload). 409 means the username exists.
* ``POST /api/enrollment/v1/enrollment`` with ``{"user", "course_details": {"course_id"}}``
  (global staff may enroll others; 406 for an unknown user).
* ``POST /api/ccx/v0/ccx`` with ``master_course_id``, ``display_name``, ``coach_email``,
  ``max_students_allowed`` (the master course needs ``enable_ccx``; 403 otherwise).

The session is the OAuth2 client-credentials one the sync uses (a global-staff service user).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import requests

from programme.accounts.host_files import placeholder_email
from programme.accounts.packet import Row
from programme.accounts.provisioning import ProvisionFailed

REGISTRATION = "/api/user/v1/account/registration/"
ENROLLMENT = "/api/enrollment/v1/enrollment"
CCX = "/api/ccx/v0/ccx/"


@dataclass
class Provisioned:
    created: list[str] = field(default_factory=list)
    existed: list[str] = field(default_factory=list)
    enrolled: list[str] = field(default_factory=list)
    ccx_course_id: str = ""

    def as_dict(self) -> dict:
        return {"created": self.created, "existed": self.existed, "enrolled": self.enrolled,
                "ccx_course_id": self.ccx_course_id}


def _refusal(response: requests.Response) -> str:
    try:
        body = response.json()
    except ValueError:
        body = response.text[:200]
    return f"HTTP {response.status_code}: {body}"


def provision(session: requests.Session, base_url: str, rows: list[Row], *, course_id: str,
              company_name: str, quota: int) -> Provisioned:
    """Create the users, enroll them, and open the company's CCX with its manager as coach."""
    base = base_url.rstrip("/")
    done = Provisioned()
    for r in rows:
        response = session.post(base + REGISTRATION, data={
            "email": placeholder_email(r.login_id), "username": r.login_id, "name": r.name or r.login_id,
            "password": r.password, "honor_code": "true", "terms_of_service": "true"}, timeout=30)
        if response.status_code == 409:
            done.existed.append(r.login_id)
        elif response.status_code >= 400:
            raise ProvisionFailed(f"registering {r.login_id}: {_refusal(response)}")
        else:
            done.created.append(r.login_id)
        response = session.post(base + ENROLLMENT, json={
            "user": r.login_id, "is_active": True, "course_details": {"course_id": course_id}}, timeout=30)
        if response.status_code >= 400:
            raise ProvisionFailed(f"enrolling {r.login_id} in {course_id}: {_refusal(response)}")
        done.enrolled.append(r.login_id)
    coaches = [r for r in rows if r.role == "manager"]
    if coaches:
        response = session.post(base + CCX, json={
            "master_course_id": course_id, "display_name": f"{company_name}",
            "coach_email": placeholder_email(coaches[0].login_id), "max_students_allowed": quota}, timeout=30)
        if response.status_code >= 400:
            raise ProvisionFailed(f"creating the company's CCX: {_refusal(response)}")
        done.ccx_course_id = response.json().get("ccx_course_id", "")
    return done


def openedx_provisioner(course: str):
    """What ``accounts issue --host openedx`` calls: the sync's OAuth2 session, from the environment."""
    from .sources.openedx_actions import config_from_env
    from .sources.openedx_rest import oauth_session

    config = config_from_env()
    session = oauth_session(config)

    def run(rows, company, quota):
        return provision(session, config.base_url, rows, course_id=course, company_name=company.name,
                         quota=quota).as_dict()
    return run
