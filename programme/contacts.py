"""Who the programme writes to at a company: the contact on its latest *confirmed* application.

Anyone can send the entry form, so an application never redirects a company's mail, packets or zip
passwords by itself: its contact counts once the prefecture approved the company's first application
(``front_office.flows.decide``) or an operator confirmed it (``nihongo applications confirm``).
"""

from __future__ import annotations

from .models import Application, Company


def confirmed_contact(company: Company) -> Application | None:
    """The company's latest application whose contact was confirmed, or None."""
    return company.applications.filter(contact_confirmed_at__isnull=False).order_by(
        "-contact_confirmed_at", "-id").first()


def support_email(company: Company) -> str:
    """The learning-support person's address from the confirmed contact, or ''."""
    application = confirmed_contact(company)
    return application.support_email if application else ""
