"""Names and Role Provisioning Services: every member of the launch's context, all pages.

PyLTI1p3 2.0.0 finds the next page with ``re.search(r'<([^>]*)>;\\s*rel="next"', header.lower())``:
it lower-cases the URL it returns, and it misses the unquoted ``rel=next`` that RFC 8288 allows
(and lti1p3platform sends), so paging silently stops after page 1. ``members()`` parses the
``Link`` header itself and keeps the URL as sent.
"""

from __future__ import annotations

import re
from urllib.parse import quote, urljoin, urlsplit

from pylti1p3.exception import LtiException

NRPS_CLAIM = "https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice"
SCOPE = "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly"
ACCEPT = "application/vnd.ims.lti-nrps.v2.membershipcontainer+json"
#: A platform that links pages in a circle or without end must not keep the request running.
MAX_PAGES = 200

_LINK_VALUE = re.compile(r"<([^>]*)>([^<]*)")
_REL = re.compile(r';\s*rel\s*=\s*(?:"([^"]*)"|([^\s;,"]+))', re.IGNORECASE)


def next_link(header: str | None, base: str = "") -> str | None:
    """The ``rel="next"`` (or ``rel=next``) target of a ``Link`` header, case kept, resolved on ``base``."""
    for target, params in _LINK_VALUE.findall((header or "").replace("\n", " ")):
        for quoted, bare in _REL.findall(params):
            if "next" in (quoted or bare).lower().split():
                return urljoin(base, target.strip())
    return None


def _origin(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    return parts.scheme.lower(), parts.netloc.lower()


def members(launch, resource_link_id: str | None = None) -> list[dict]:
    """Every member the platform lists for the launch's context, following ``Link: rel=next`` pages.

    The next-page URL must stay on the memberships URL's origin: our access token goes with it.
    """
    service = launch.get_launch_data().get(NRPS_CLAIM) or {}
    url = service.get("context_memberships_url")
    if not url:
        raise LtiException("This launch offers no names and roles service (no context_memberships_url).")
    if resource_link_id:
        url += ("&" if "?" in url else "?") + "rlid=" + quote(resource_link_id, safe="")
    origin = _origin(url)
    connector = launch.get_service_connector()
    found: list[dict] = []
    seen: set[str] = set()
    while url:
        if url in seen or len(seen) >= MAX_PAGES:
            raise LtiException(f"The names and roles pages do not end (stopped at {url}).")
        seen.add(url)
        page = connector.make_service_request([SCOPE], url, accept=ACCEPT, case_insensitive_headers=True)
        found.extend((page.get("body") or {}).get("members", []))
        following = next_link(page["headers"].get("Link"), url)
        if following and _origin(following) != origin:
            raise LtiException(f"The names and roles service links to another site: {following}")
        url = following
    return found
