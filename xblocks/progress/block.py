"""The ``study_progress`` XBlock ("My week"): days studied this week, reviews due, the plan's next step.

It reads the learner-wide record our other blocks write (``xblocks.common.learner_record``): study
days, the placement's level and plan, mock results, the drills' reviews due. Weekly, never a daily
streak (``curriculum.weekly_progress``). Nothing to answer, so no score; Open edX marks it complete
when viewed. Contract: ``xblocks/NATIVE_API.md``.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone

from lxml import etree
from web_fragments.fragment import Fragment
from webob import Response
from xblock.core import XBlock
from xblock.fields import Float, Integer, Scope, String, UserScope  # noqa: F401
from xblock.utils.resources import ResourceLoader
from xblock.utils.studio_editable import StudioEditableXBlockMixin
from xblock.validation import ValidationMessage

from curriculum import weekly_progress
from curriculum.placement import BELOW
from xblocks.common.learner_record import LearnerRecordMixin

loader = ResourceLoader(__name__)


def _(text: str) -> str:
    """Mark a string for translation; it is translated at render time by the i18n service."""
    return text


#: Every UI string of the page.
TEXT = {
    "week": _("Days studied this week: {days} of {goal}"),
    "goal_met": _("This week's goal is reached. Well done!"),
    "goal_left": _("Days still to study for this week's goal: {left}"),
    "weeks_met": _("Weeks at your goal so far: {weeks}"),
    "mon": _("Mon"), "tue": _("Tue"), "wed": _("Wed"), "thu": _("Thu"), "fri": _("Fri"), "sat": _("Sat"),
    "sun": _("Sun"),
    "studied": _("studied"), "not_studied": _("not studied"), "today": _("today"),
    "reviews": _("Reviews"),
    "due": _("Reviews due today: {due}"),
    "due_later": _("No reviews due today. Next reviews: {date}"),
    "due_none": _("No reviews yet: practising a drill starts them."),
    "plan": _("Your plan"),
    "level": _("Your level: {level}"),
    "below": _("Below N5"),
    "no_placement": _("Take the placement test to get your level and a study plan."),
    "next_step": _("This week: {focus} for {level}, about {minutes} minutes"),
    "plan_over": _("Your plan has ended. Take the placement test again for a new one."),
    "badges": _("Badges"),
    "no_badges": _("No badges yet. They come from studying each week, not from daily streaks."),
    "placement_done": _("Placement done"), "first_week": _("First week at your goal"),
    "four_weeks": _("Four weeks at your goal"), "hundred_items": _("100 answers"),
    "first_mock": _("First mock test"), "mock_passed": _("Mock test passed"),
    "kanji": _("kanji"), "vocabulary": _("vocabulary"), "grammar": _("grammar"), "reading": _("reading"),
    "listening": _("listening"), "conversation": _("conversation"), "dialect": _("Kagoshima dialect"),
    "mock_test": _("a mock test"), "and": _(" and "),
}
DAY_KEYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@XBlock.needs("i18n")
class ProgressBlock(LearnerRecordMixin, StudioEditableXBlockMixin, XBlock):
    """My week."""

    display_name = String(display_name=_("Display name"), default=_("My week"), scope=Scope.settings)
    weekly_goal_days = Integer(display_name=_("Days of study per week (goal)"), default=3,
                               scope=Scope.settings, values={"min": 1, "max": 7})

    editable_fields = ("display_name", "weekly_goal_days")
    has_score = False
    icon_class = "other"

    def _now(self) -> datetime:
        """The only clock of the block (tests patch it)."""
        return datetime.now(timezone.utc)

    def _text(self) -> dict:
        gettext = self.runtime.service(self, "i18n").gettext
        return {key: gettext(value) for key, value in TEXT.items()}

    def summary(self) -> dict:
        """The learner's week from the shared record (``weekly_progress.summary``)."""
        return weekly_progress.summary(self.learner_record(), self.weekly_goal_days,
                                       weekly_progress.merge_due(self.nihongo_due),
                                       self.nihongo_placement.get("plan"), self._now())

    @XBlock.supports("multi_device")
    def student_view(self, context=None):
        """The week as seven day cells, reviews due, the plan's next step and badges; no JS needed."""
        html = loader.render_django_template("templates/progress.html",
                                             page_context(self.display_name, self.summary(), self._text()))
        frag = Fragment(html)
        frag.add_css(loader.load_unicode("public/css/progress.css"))
        return frag

    def student_view_data(self, context=None):
        """Settings only, the same for every learner (NATIVE_API.md)."""
        return {"display_name": self.display_name, "weekly_goal_days": self.weekly_goal_days}

    @XBlock.handler
    def student_view_user_state(self, request, suffix=""):
        """The learner's week as JSON for native clients (GET or POST)."""
        return Response(json.dumps(self.summary()), content_type="application/json", charset="utf8")

    def validate_field_data(self, validation, data):
        """A week has 1 to 7 study days."""
        super().validate_field_data(validation, data)
        if not 1 <= data.weekly_goal_days <= 7:
            validation.add(ValidationMessage(ValidationMessage.ERROR,
                                             "The weekly goal must be between 1 and 7 days."))

    def add_xml_to_node(self, node):
        """OLX carries settings only: a learner's record never leaves with an export."""
        super().add_xml_to_node(node)
        for name, field in self.fields.items():
            if getattr(field.scope, "user", UserScope.NONE) != UserScope.NONE:
                node.attrib.pop(name, None)

    @staticmethod
    def workbench_scenarios():
        """The ``scenarios/*.xml`` files, titled by their display_name."""
        scenarios = loader.load_scenarios_from_path("scenarios")
        return [(etree.fromstring(xml.encode()).get("display_name"), xml) for _file_title, xml in scenarios]


def page_context(display_name: str, summary: dict, text: dict) -> dict:
    """What ``templates/progress.html`` needs (both hosts render it with this)."""
    days, goal = summary["days"], summary["goal"]
    cells = [{**cell, "label": text[DAY_KEYS[cell["weekday"]]],
              "state": text["studied"] if cell["studied"] else text["not_studied"]}
             for cell in summary["week"]]
    shown = {
        "week": text["week"].format(days=days, goal=goal),
        "goal": text["goal_met"] if summary["goal_met"] else text["goal_left"].format(left=goal - days),
        "weeks_met": text["weeks_met"].format(weeks=summary["weeks_met"]),
        "bar": round(100 * min(days, goal) / goal),
    }
    if summary["due"]:
        shown["due"] = text["due"].format(due=summary["due"])
    elif summary["next_due"]:
        shown["due"] = text["due_later"].format(date=summary["next_due"])
    else:
        shown["due"] = text["due_none"]
    level, step = summary["placement"], summary["next_step"]
    if level is None:
        shown["level"], shown["next_step"] = text["no_placement"], ""
    else:
        shown["level"] = text["level"].format(level=text["below"] if level == BELOW else level)
        shown["next_step"] = text["next_step"].format(
            focus=text["and"].join(text.get(s, s) for s in step["focus"]), level=step["level"],
            minutes=step["minutes"]) if step else text["plan_over"]
    badges = [text[b] for b in summary["badges"]]
    return {"display_name": display_name, "summary": summary, "text": text, "shown": shown, "cells": cells,
            "badges": badges}
