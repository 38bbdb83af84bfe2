"""Accounts for the host LMS: Moodle's user upload CSV, Canvas's SIS import CSVs, Open edX's REST APIs.

Hosts that insist on an e-mail address get ``<login id>@learners.invalid``: ``.invalid`` is reserved
(RFC 2606) and never delivers, so no mail can reach anyone through it, and nobody needs a mailbox
to sign in (P5).
"""

from __future__ import annotations

from curriculum import safe_cells

from .packet import Row

PLACEHOLDER_DOMAIN = "learners.invalid"


def placeholder_email(login_id: str) -> str:
    return f"{login_id}@{PLACEHOLDER_DOMAIN}"


def _names(row: Row) -> tuple[str, str]:
    """First and last name for hosts that want both (a one-word name goes in both, as Moodle needs)."""
    parts = row.name.split()
    return (parts[0], " ".join(parts[1:]) or parts[0]) if parts else (row.login_id, row.login_id)


def _csv(header: list[str], rows: list[list[str]]) -> bytes:
    return safe_cells.csv_bytes(header, rows, lineterminator="\n")


def moodle_users_csv(rows: list[Row], course_shortname: str, group: str) -> bytes:
    """Site administration → Users → Upload users (admin/tool/uploaduser): one course, one group.

    Columns Moodle reads: username, password, firstname, lastname, email, idnumber, course1, role1, group1;
    ``auth`` manual. The ID number is the login ID too: Moodle sends it to LTI tools as the LIS person
    sourcedid, so the LTI tool links the Moodle user even if its username is changed later. Moodle forces
    a password change for uploaded passwords when "Force password change" is set on upload (the guide
    tells the operator to choose it).
    """
    body = []
    for r in rows:
        first, last = _names(r)
        role = "editingteacher" if r.role == "manager" else "student"
        body.append([r.login_id.lower(), r.password, first, last, placeholder_email(r.login_id), r.login_id,
                     "manual", course_shortname, role, group])
    return _csv(["username", "password", "firstname", "lastname", "email", "idnumber", "auth", "course1",
                 "role1", "group1"], body)


def canvas_sis_csvs(rows: list[Row], course_id: str, section_id: str) -> dict[str, bytes]:
    """Canvas SIS import (users.csv + enrollments.csv), zipped together by the operator's packet."""
    users = [[r.login_id, r.login_id, r.password, r.name or r.login_id, "active"] for r in rows]
    enrollments = [[course_id, r.login_id, "teacher" if r.role == "manager" else "student", section_id,
                    "active"] for r in rows]
    return {
        "canvas/users.csv": _csv(["user_id", "login_id", "password", "full_name", "status"], users),
        "canvas/enrollments.csv": _csv(["course_id", "user_id", "role", "section_id", "status"], enrollments),
    }
