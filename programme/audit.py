"""The audit of personal-data access (O11): record who viewed or exported whose data, and report it.

``record`` is called by every place that shows or exports names, contacts, nationality or residence status:
the admin's registry pages (``AuditedAdmin``), the prefecture's review pages, the exports (applications sheet,
credentials packets, reports) and the manager's view (through the LTI tool's port). ``nihongo audit`` prints
the records of a month, a person or a company.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.contrib import admin
from django.utils import timezone

from .models import AccessRecord

MAX_IDS = 500  # a list page may show many rows: their IDs are kept up to this many


def client_ip(request) -> str:
    """The client's address as the TLS proxy saw it (its X-Forwarded-For's last hop), else REMOTE_ADDR."""
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    return (forwarded.split(",")[-1].strip() if forwarded else request.META.get("REMOTE_ADDR", ""))[:100]


def record(*, who: str, action: str, what: str, where: str, company_ids: Iterable[int] = (),
           subjects: Iterable[str] = (), at: datetime | None = None) -> AccessRecord:
    return AccessRecord.objects.create(
        at=at or timezone.now(), who=(who or "anonymous")[:150], action=action, what=what[:100],
        company_ids=sorted({int(c) for c in company_ids if c is not None})[:MAX_IDS],
        subjects=sorted({str(s) for s in subjects if s})[:MAX_IDS], where=where[:100])


def record_request(request, *, action: str, what: str, company_ids: Iterable[int] = (),
                   subjects: Iterable[str] = ()) -> AccessRecord:
    user = getattr(request, "user", None)
    who = user.get_username() if user is not None and user.is_authenticated else "anonymous"
    return record(who=who, action=action, what=what, where=client_ip(request), company_ids=company_ids,
                  subjects=subjects)


def _ids(obj) -> tuple[list[int], list[str]]:
    company = getattr(obj, "company_id", None) or (obj.pk if obj.__class__.__name__ == "Company" else None)
    subject = getattr(obj, "login_id", None)
    return ([company] if company else []), ([subject] if subject else [])


class AuditedAdmin(admin.ModelAdmin):
    """A registry page in the admin that records who looked at which rows (list, detail) and changed them."""

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        rows = getattr(getattr(response, "context_data", None) or {}, "get", lambda _k: None)("cl")
        shown = list(rows.result_list) if rows is not None else []
        companies, subjects = [], []
        for obj in shown:
            c, s = _ids(obj)
            companies += c
            subjects += s
        record_request(request, action="view", what=f"admin:{self.model._meta.model_name}:list",
                       company_ids=companies, subjects=subjects)
        return response

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        obj = self.get_object(request, object_id)
        if obj is not None:
            companies, subjects = _ids(obj)
            action = "change" if request.method == "POST" else "view"
            record_request(request, action=action, what=f"admin:{self.model._meta.model_name}",
                           company_ids=companies, subjects=subjects)
        return response


def rows(since: datetime | None = None, until: datetime | None = None, who: str | None = None,
         company_id: int | None = None) -> list[AccessRecord]:
    found = AccessRecord.objects.all()
    if since:
        found = found.filter(at__gte=since)
    if until:
        found = found.filter(at__lt=until)
    if who:
        found = found.filter(who=who)
    records = list(found.order_by("at", "id"))
    if company_id is not None:  # a JSON containment lookup differs by database: filter here
        records = [r for r in records if company_id in r.company_ids]
    return records
