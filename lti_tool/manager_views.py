"""The manager's pages: the course's learners (from an Instructor launch) and their .xlsx download.

The download link is a one-time token the dashboard page mints (``DOWNLOAD_MINUTES``, used once,
never the launch's ID), so a link seen in an access log or a browser history downloads nothing; it
serves only while its instructor launch is fresh (``DOWNLOAD_HOURS``) and covers that launch's course.
"""

from __future__ import annotations

import io
import logging
import secrets
from datetime import datetime, timedelta

from django.core.cache import cache
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone, translation
from django.views.decorators.http import require_GET

from . import dashboard, launch, nrps
from .claims import LANGUAGES
from .models import LaunchRecord
from .programme_port import programme

log = logging.getLogger(__name__)
DOWNLOAD_HOURS = 8
DOWNLOAD_MINUTES = 10
USED_OR_EXPIRED = ("This download link has been used or has expired: open the dashboard from your course "
                   "again and download from there.")


def download_token(launch_id: str, now, language: str = "en") -> str:
    """A one-time, short-lived token for this launch's download (kept in the shared cache), with the
    language the manager reads the page in (the workbook speaks it too)."""
    token = secrets.token_urlsafe(24)
    cache.set(f"lti:download:{token}", {"launch_id": launch_id, "at": now.isoformat(), "language": language},
              timeout=DOWNLOAD_MINUTES * 60)
    return token


def _redeem(token: str, now) -> dict | None:
    key = f"lti:download:{token}"
    data = cache.get(key)
    if not isinstance(data, dict) or not cache.delete(key):  # another request spent it first
        return None
    if now - datetime.fromisoformat(data["at"]) > timedelta(minutes=DOWNLOAD_MINUTES):
        return None
    return data


def redeem(token: str, now) -> str | None:
    """The launch ID of an unused, unexpired token; the token is spent either way."""
    data = _redeem(token, now)
    return data["launch_id"] if data else None


def roster(message_launch) -> tuple[list[dashboard.Member], str]:
    """The course's members through NRPS (all pages), or none and why not."""
    if not (message_launch.get_launch_data() or {}).get(nrps.NRPS_CLAIM):
        return [], ""
    try:
        return dashboard.members_from_nrps(nrps.members(message_launch)), ""
    except Exception as exc:  # the platform's service is down or refuses us: show what we have
        log.info("NRPS roster unavailable for a dashboard: %s", type(exc).__name__)
        return [], "The course's member list could not be read from the platform; learners who " \
                   "have not opened an activity yet are not shown."


def _audit(request, record: LaunchRecord, rows, what: str) -> None:
    """The programme's audit of who saw which learners (through the port: the tool keeps no log itself)."""
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    where = forwarded.split(",")[-1].strip() if forwarded else request.META.get("REMOTE_ADDR", "")
    programme().record_access(issuer=record.registration.issuer, viewer=record.subject,
                              subjects={r.subject for r in rows}, what=what, where=where)


def page(request, record: LaunchRecord, claims, now, message_launch):
    """The dashboard for an Instructor launch."""
    members, problem = roster(message_launch)
    rows, company = dashboard.course_view(record.registration, record.context_id, now, members)
    _audit(request, record, rows, "manager's view")
    with translation.override(claims.language):
        return render(request, "lti_tool/dashboard.html", {
            "language": claims.language, "rows": rows, "window_days": dashboard.WINDOW_DAYS,
            "week_starts": rows[0].week_starts if rows else (), "roster_problem": problem,
            "company": company,
            "download_url": reverse("lti_tool:dashboard_xlsx",
                                    kwargs={"token": download_token(record.launch_id, now, claims.language)}),
        })


@require_GET
def download(request, token: str):
    """The dashboard as an .xlsx, for the course of a fresh instructor launch (a one-time link)."""
    now = timezone.now()
    data = _redeem(token, now) or {}
    launch_id, language = data.get("launch_id"), data.get("language", "en")
    record = LaunchRecord.objects.select_related("registration").filter(
        launch_id=launch_id, is_instructor=True).first() if launch_id else None
    if record is None or now - record.launched_at > timedelta(hours=DOWNLOAD_HOURS):
        return render(request, "lti_tool/error.html", {"message": USED_OR_EXPIRED}, status=403)
    members: list[dashboard.Member] = []
    try:
        members, _problem = roster(launch.restore(request, launch_id))
    except Exception:  # launch data expired from the cache: the tool's own records still serve
        pass
    stream = io.BytesIO()
    rows = dashboard.learner_rows(record.registration, record.context_id, now, members)
    _audit(request, record, rows, "manager's view: xlsx")
    dashboard.workbook(rows, stream, language if language in LANGUAGES else "en")
    response = HttpResponse(
        stream.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="learners-{now:%Y-%m-%d}.xlsx"'
    response["Cache-Control"] = "no-store"
    return response
