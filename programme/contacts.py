"""Who the programme writes to at a company."""

from __future__ import annotations

from .models import Company


def support_email(company: Company) -> str:
    """The company's learning-support person's address from its latest application, or ''."""
    application = company.applications.order_by("-submitted_at").first()
    return application.support_email if application else ""
