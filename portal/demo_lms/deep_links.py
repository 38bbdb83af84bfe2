"""The demo LMS's side of deep linking: ask the tool for content, check and store what it sends back.

lti1p3platform 0.1.8's ``validate_deeplinking_resp`` checks the signature, the message type and the
item types only; we add what LTI Deep Linking 2.0 §4.2 and the Security Framework ask of the
response (iss = client ID, aud = our issuer, exp, iat, nonce, deployment ID, version, ``data`` echoed
from a request we made, used once), as Moodle and Open edX do.
"""

from __future__ import annotations

import uuid

from django.core.cache import cache
from django.db import transaction

from .models import ContentLink, LineItem
from .platform import CLIENT_ID, DEPLOYMENT_ID, DemoPlatform, issuer

LTI = "https://purl.imsglobal.org/spec/lti/claim/"
DL = "https://purl.imsglobal.org/spec/lti-dl/claim/"
PENDING_SECONDS = 3600


class DeepLinkResponseError(ValueError):
    """A deep-linking response the demo LMS refuses; the message says why."""


def open_request(context_id: str, lms_user_id: str) -> str:
    """Remember a deep-linking request; its ID goes out in ``data`` and must come back."""
    request_id = uuid.uuid4().hex
    cache.set(f"demo-lms-dl-{request_id}", {"context_id": context_id, "user": lms_user_id}, PENDING_SECONDS)
    return request_id


def check_response(platform: DemoPlatform, token: str) -> tuple[dict, list[dict]]:
    """The pending request the response answers and its content items; ``DeepLinkResponseError``."""
    try:
        items = platform.validate_deeplinking_resp({"JWT": token})
        claims = platform.tool_validate_and_decode(token)
    except Exception as exc:
        raise DeepLinkResponseError(f"The tool's response does not verify: {exc}") from None
    aud = claims.get("aud")
    if claims.get("iss") != CLIENT_ID:
        raise DeepLinkResponseError("The response's iss must be the tool's client ID.")
    if issuer(platform.base_url) not in (aud if isinstance(aud, list) else [aud]):
        raise DeepLinkResponseError("The response's aud must be this platform's issuer.")
    for claim in ("exp", "iat", "nonce"):
        if not claims.get(claim):
            raise DeepLinkResponseError(f"The response has no {claim}.")
    if claims.get(LTI + "deployment_id") != DEPLOYMENT_ID or claims.get(LTI + "version") != "1.3.0":
        raise DeepLinkResponseError("The response names another deployment or LTI version.")
    data = claims.get(DL + "data")
    request_id = data.get("request") if isinstance(data, dict) else None
    pending = cache.get(f"demo-lms-dl-{request_id}") if isinstance(request_id, str) else None
    if pending is None or not cache.delete(f"demo-lms-dl-{request_id}"):
        raise DeepLinkResponseError("The response answers no open request of this LMS (data), "
                                    "or was already used.")
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        raise DeepLinkResponseError("content_items must be a list of objects.")
    for item in items:
        if item.get("type") != "ltiResourceLink":
            raise DeepLinkResponseError(
                f"This course takes LTI resource links only, not {item.get('type')!r}.")
        spec = item.get("lineItem")
        if spec is not None:
            top = spec.get("scoreMaximum") if isinstance(spec, dict) else None
            if isinstance(top, bool) or not isinstance(top, (int, float)) or top <= 0:
                raise DeepLinkResponseError("A lineItem needs a scoreMaximum above zero.")
    return pending, items


@transaction.atomic
def store(context_id: str, items: list[dict]) -> list[ContentLink]:
    """One ``ContentLink`` per resource link, with its line item when the tool asked for one."""
    links = []
    for item in items:
        custom = item.get("custom") or {}
        link = ContentLink.objects.create(context_id=context_id, title=str(item.get("title") or "Activity"),
                                          url=str(item.get("url") or ""),
                                          custom={str(k): str(v) for k, v in custom.items()})
        spec = item.get("lineItem")
        if isinstance(spec, dict):
            link.line_item = LineItem.objects.create(
                context_id=context_id, resource_link_id=link.resource_link_id,
                label=str(spec.get("label") or link.title), score_maximum=float(spec["scoreMaximum"]),
                tag=str(spec.get("tag") or ""), resource_id=str(spec.get("resourceId") or ""))
            link.save(update_fields=["line_item"])
        links.append(link)
    return links
