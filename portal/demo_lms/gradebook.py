"""The demo LMS's AGS: line items per course, and the scores the tool posts to them.

lti1p3platform 0.1.8 leaves score validation to us ("TODO" in ``handle_update_score``); we check
the shape, require ``scoreMaximum > 0`` with ``scoreGiven`` and refuse a timestamp that is not newer
than the stored one, as Open edX does.
"""

from __future__ import annotations

import math
from datetime import datetime

from lti1p3platform.exceptions import LineItemNotFoundException, LtiServiceException
from lti1p3platform.lineitem import TLineItem
from lti1p3platform.score import UpdateScoreStatus
from lti1p3platform.service_connector import AssignmentsGradesService, TPage

from .models import LineItem, Score
from .platform import RESOURCE_LINK_ID, platform_url
from .users import Course

DRILL_LABEL = "N5 vocabulary drill"


def line_item_for(course: Course, score_maximum: int) -> LineItem:
    """The course's drill line item (declarative: the LMS creates it, the tool only scores)."""
    item, _created = LineItem.objects.get_or_create(
        context_id=course.context_id, resource_link_id=RESOURCE_LINK_ID,
        defaults={"label": DRILL_LABEL, "score_maximum": score_maximum, "resource_id": "jlpt_drill"},
    )
    return item


def as_lineitem(item: LineItem, base: str | None = None) -> TLineItem:
    return {"id": platform_url("lineitem", base, line_item_id=item.pk), "label": item.label,
            "scoreMaximum": item.score_maximum, "resourceLinkId": item.resource_link_id,
            "resourceId": item.resource_id, "tag": item.tag}


def _number(score: dict, key: str) -> float | None:
    value = score.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) \
            or value < 0:
        raise LtiServiceException(f"{key} must be a number of zero or more", 400)
    return float(value)


def _timestamp(score: dict) -> datetime:
    try:
        stamp = datetime.fromisoformat(score["timestamp"])
    except (KeyError, TypeError, ValueError):
        raise LtiServiceException("timestamp must be an ISO 8601 date-time", 400) from None
    if stamp.tzinfo is None:
        raise LtiServiceException("timestamp needs a time zone", 400)
    return stamp


def check_score(score: object) -> dict:
    """The fields we store, or ``LtiServiceException(400)``."""
    if not isinstance(score, dict) or not isinstance(score.get("userId"), str) or not score["userId"]:
        raise LtiServiceException("A score needs a userId", 400)
    given, maximum = _number(score, "scoreGiven"), _number(score, "scoreMaximum")
    if given is not None and not maximum:
        raise LtiServiceException("scoreMaximum must be more than zero when scoreGiven is sent", 400)
    for key in ("activityProgress", "gradingProgress"):
        if not isinstance(score.get(key), str):
            raise LtiServiceException(f"A score needs {key}", 400)
    return {"user_id": score["userId"], "score_given": given, "score_maximum": maximum,
            "activity_progress": score["activityProgress"], "grading_progress": score["gradingProgress"],
            "timestamp": _timestamp(score)}


class DemoGrades(AssignmentsGradesService):
    """Scores land in ``Score``; line items are read-only for the tool."""

    def _item(self, line_item_id: str) -> LineItem:
        item = LineItem.objects.filter(pk=int(line_item_id) if str(line_item_id).isdigit() else None).first()
        if item is None:
            raise LineItemNotFoundException(line_item_id)
        return item

    def find_lineitems(self, page=1, limit=None, line_item_id=None, resource_link_id=None,
                       resource_id=None, tag=None, **kwargs) -> TPage:
        items = LineItem.objects.order_by("pk")
        if resource_link_id:
            items = items.filter(resource_link_id=resource_link_id)
        if resource_id:
            items = items.filter(resource_id=resource_id)
        if tag:
            items = items.filter(tag=tag)
        base = self.platform_config.base_url
        return {"content": [as_lineitem(i, base) for i in items], "has_next": False, "next": None}

    def find_lineitem(self, line_item_id: str) -> TLineItem:
        return as_lineitem(self._item(line_item_id), self.platform_config.base_url)

    def create_lineitem(self, creation_data: TLineItem) -> TLineItem:
        raise LtiServiceException("Line items are declared by the course, not created by the tool", 403)

    def update_lineitem(self, update_data: TLineItem) -> TLineItem:
        raise LtiServiceException("Line items are declared by the course", 403)

    def delete_lineitem(self, line_item_id: str) -> None:
        raise LtiServiceException("Line items are declared by the course", 403)

    def get_results(self, line_item_id: str, page=1, limit=None, user_id=None, **kwargs) -> TPage:
        scores_of = self._item(line_item_id)
        scores = scores_of.scores.order_by("user_id")
        if user_id:
            scores = scores.filter(user_id=user_id)
        line_item_url = platform_url("lineitem", self.platform_config.base_url, line_item_id=scores_of.pk)
        results = [{"userId": s.user_id, "resultScore": s.score_given, "resultMaximum": s.score_maximum,
                    "scoreOf": line_item_url} for s in scores]
        return {"content": results, "has_next": False, "next": None}

    def update_score(self, line_item_id: str, score) -> UpdateScoreStatus:
        item = self._item(line_item_id)
        fields = check_score(score)
        stamp = fields.pop("timestamp")
        existing = item.scores.filter(user_id=fields["user_id"]).first()
        if existing and datetime.fromisoformat(existing.timestamp) >= stamp:
            return UpdateScoreStatus.OLD_TIMESTAMP
        Score.objects.update_or_create(line_item=item, user_id=fields.pop("user_id"),
                                       defaults={**fields, "timestamp": stamp.isoformat()})
        return UpdateScoreStatus.SUCCESS if existing else UpdateScoreStatus.CREATED
