"""Open edX accounts, enrollments and one CCX per company, through its REST APIs (a host write adapter;
``nihongo accounts issue --host openedx`` reaches it through ``NIHONGO_PROVISIONERS`` in settings).

Shapes read from openedx/openedx-platform (see docs/architecture.md, Sources: Open edX):

* ``POST /api/user/v1/account/registration/`` creates a user (form-encoded; Open edX requires an
  e-mail address, so each gets ``<login id>@learners.invalid``). Its payload fields (email,
  username, name, password, honor_code, terms_of_service) are what the LMS registration form posts
  (inferred: the reference did not read the view's payload). 409 means the username exists. The
  view is rate-limited per client address (``REGISTRATION_RATELIMIT``, 60 a week by default): a 403 or
  429 stops the run's registrations, and every person not yet registered is reported "failed".
  Accounts are usable without e-mail activation only where the LMS sets
  ``FEATURES["SKIP_EMAIL_VALIDATION"] = True`` (docs/deployers/open-edx.md).
* ``POST /api/enrollment/v1/enrollment`` with ``{"user", "course_details": {"course_id"}}``
  (global staff may enroll others; 406 for an unknown user). Learners are enrolled in their company's
  CCX (a ``ccx-v1:`` key), so its coach, the company's manager, sees only them.
* ``POST /api/ccx/v0/ccx`` with ``master_course_id``, ``display_name``, ``coach_email``,
  ``max_students_allowed`` (the master course needs ``enable_ccx``; 403 otherwise).

Every person gets an outcome (created, existed or failed; enrolled or why not): nothing is raised
for one person's refusal, so the caller never hands out a password the host does not hold.
The session is the OAuth2 client-credentials one the sync uses (a global-staff service user).
"""

from __future__ import annotations

import requests

from programme.accounts.host_files import placeholder_email
from programme.accounts.packet import Row

REGISTRATION = "/api/user/v1/account/registration/"
ENROLLMENT = "/api/enrollment/v1/enrollment"
CCX = "/api/ccx/v0/ccx/"
CREATED, EXISTED, FAILED = "created", "existed", "failed"
#: The registration view's rate limit (per client address) answers with one of these.
RATE_LIMITED = frozenset({403, 429})


def _refusal(response: requests.Response) -> str:
    try:
        body = response.json()
    except ValueError:
        body = response.text[:200]
    return f"HTTP {response.status_code}: {body}"


def _post(session, url: str, **kwargs) -> tuple[requests.Response | None, str]:
    try:
        return session.post(url, timeout=30, **kwargs), ""
    except requests.RequestException as exc:
        return None, f"{type(exc).__name__}: {exc}"


def provision(session: requests.Session, base_url: str, rows: list[Row], *, course_id: str,
              company_name: str, quota: int, ccx_course_id: str = "") -> dict:
    """Register the people with a password (others only get enrolled), open the company's CCX with its
    manager as coach unless ``ccx_course_id`` names it already, and enroll everyone in it.

    Returns ``{"people": {login_id: {"account", "enrolled_in", "error"}}, "ccx_course_id", "problems"}``.
    """
    base = base_url.rstrip("/")
    people: dict[str, dict] = {}
    problems: list[str] = []
    limited = ""
    for r in rows:
        outcome = people.setdefault(r.login_id, {"account": "", "enrolled_in": "", "error": ""})
        if not r.password:  # already on the host: enrollment only
            continue
        if limited:
            outcome.update(account=FAILED, error=limited)
            continue
        response, error = _post(session, base + REGISTRATION, data={
            "email": placeholder_email(r.login_id), "username": r.login_id, "name": r.name or r.login_id,
            "password": r.password, "honor_code": "true", "terms_of_service": "true"})
        if response is not None and response.status_code == 409:
            outcome["account"] = EXISTED
        elif response is not None and response.status_code < 400:
            outcome["account"] = CREATED
        else:
            error = error or _refusal(response)
            outcome.update(account=FAILED, error=f"registration refused: {error}")
            if response is not None and response.status_code in RATE_LIMITED:
                limited = (f"the LMS limits registrations ({error}); raise REGISTRATION_RATELIMIT "
                           "for the service's address, then issue again")
                outcome["error"] = f"registration refused: {limited}"
    coaches = [r for r in rows if r.role == "manager"
               and (people[r.login_id]["account"] in (CREATED, EXISTED) or not r.password)]
    if not ccx_course_id and coaches:
        response, error = _post(session, base + CCX, json={
            "master_course_id": course_id, "display_name": company_name,
            "coach_email": placeholder_email(coaches[0].login_id), "max_students_allowed": quota})
        if response is not None and response.status_code < 400:
            ccx_course_id = response.json().get("ccx_course_id", "")
        else:
            problems.append(f"the company's CCX was not created ({error or _refusal(response)}): nobody was "
                            "enrolled; issue again once the master course allows CCX (enable_ccx)")
    elif not ccx_course_id:
        problems.append("no manager on the host to coach the company's CCX yet: nobody was enrolled")
    for r in rows:
        outcome = people[r.login_id]
        on_host = outcome["account"] in (CREATED, EXISTED) or not r.password
        if not (ccx_course_id and on_host):
            if on_host:
                outcome["error"] = outcome["error"] or "not enrolled: the company's CCX does not exist yet"
            continue
        response, error = _post(session, base + ENROLLMENT, json={
            "user": r.login_id, "is_active": True, "course_details": {"course_id": ccx_course_id}})
        if response is not None and response.status_code < 400:
            outcome["enrolled_in"] = ccx_course_id
        else:
            outcome["error"] = f"not enrolled in {ccx_course_id}: {error or _refusal(response)}"
    return {"people": people, "ccx_course_id": ccx_course_id, "problems": problems,
            "created": [k for k, v in people.items() if v["account"] == CREATED],
            "existed": [k for k, v in people.items() if v["account"] == EXISTED],
            "failed": [k for k, v in people.items() if v["account"] == FAILED],
            "enrolled": [k for k, v in people.items() if v["enrolled_in"]]}


def openedx_provisioner(course: str):
    """What ``accounts issue --host openedx`` calls: the sync's OAuth2 session, from the environment."""
    from .sources.openedx_actions import config_from_env
    from .sources.openedx_rest import oauth_session

    config = config_from_env()
    session = oauth_session(config)

    def run(rows, company, quota, ccx_course_id=""):
        return provision(session, config.base_url, rows, course_id=course, company_name=company.name,
                         quota=quota, ccx_course_id=ccx_course_id)
    return run
