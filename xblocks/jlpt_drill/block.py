"""The ``jlpt_drill`` XBlock: the drill of ``curriculum.drill_api`` inside Open edX.

Every handler parses, calls the core, saves the learner's state, publishes and returns; the rules
(which question, what counts as a replay, the grade) live in ``curriculum``. The browser and the
mobile contract are documented in ``xblocks/NATIVE_API.md``.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone

from lxml import etree
from web_fragments.fragment import Fragment
from webob import Response
from xblock.core import XBlock
from xblock.exceptions import JsonHandlerError
from xblock.fields import Dict, Float, Integer, List, Scope, String, UserScope
from xblock.utils.resources import ResourceLoader
from xblock.utils.studio_editable import StudioEditableXBlockMixin
from xblock.validation import ValidationMessage

from curriculum import drill_api
from curriculum.bank import default_bank
from curriculum.drill import DrillConfig, DrillError
from curriculum.items import ItemType, Level
from xblocks.common import language as languages
from xblocks.common import page
from xblocks.common.learner_record import LearnerRecordMixin

from . import switch

loader = ResourceLoader(__name__)
PACKAGE = "xblocks.jlpt_drill"
HANDLERS = ("next", "answer", "new_round", "set_language")


def _(text: str) -> str:
    """Mark a string for translation; it is translated at render time by the i18n service."""
    return text


#: Every UI string, rendered into the page and handed to drill.js, so one catalogue serves both.
TEXT = {
    "correct": _("Correct!"),
    "wrong": _("Not quite"),
    "next": _("Next"),
    "again": _("Practice again"),
    "progress": _("{n} / {total}"),
    "progress_label": _("Question {n} of {total}"),
    "days": _("Days studied this week: {days}"),
    "done": _("Round complete!"),
    "score": _("Your score: {correct} / {total}"),
    "best": _("Best round: {best} / {total}"),
    "empty": _("There are no questions for this level yet."),
    "error": _("Something went wrong. Please try again."),
    "choices": _("Choices"),
    "language": _("Language"),
}


@XBlock.needs("i18n")
class JlptDrillBlock(LearnerRecordMixin, StudioEditableXBlockMixin, XBlock):
    """Rounds of multiple-choice questions from the item bank; the best round is the grade."""

    display_name = String(display_name=_("Display name"), default=_("JLPT vocabulary drill"),
                          scope=Scope.settings)
    level = String(display_name=_("Level"), default="N5", scope=Scope.settings,
                   values=[level.value for level in Level],
                   help=_("Exam level the questions are drawn from."))
    item_count = Integer(display_name=_("Questions per round"), default=10, scope=Scope.settings,
                         values={"min": 1, "max": 100},
                         help=_("The grade is the best round's correct answers out of this number."))
    item_types = List(display_name=_("Question types"), default=[], scope=Scope.settings,
                      help=_("Item types to draw from (e.g. kanji_reading); empty: every type."))
    weight = Float(display_name=_("Problem weight"), default=1, scope=Scope.settings,
                   values={"min": 0, "step": 0.1},
                   help=_("How much this drill counts in the course grade."))
    drill_state = Dict(default={}, scope=Scope.user_state,
                       help="The learner's cards, current round and study days (curriculum.drill).")
    language = String(default="", scope=Scope.preferences,
                      help="The learner's choice of help language (en, ja, vi, id, tl, my); "
                           "empty: the LMS's language.")

    editable_fields = ("display_name", "level", "item_count", "item_types", "weight")
    has_score = True
    icon_class = "problem"

    # -- the core's inputs, each read in one place --------------------------------------------

    def _now(self) -> datetime:
        """The only clock of the block (tests patch it)."""
        return datetime.now(timezone.utc)

    def _config(self) -> DrillConfig:
        return DrillConfig(level=self.level, item_count=self.item_count, types=tuple(self.item_types))

    def _language(self) -> str:
        """The learner's choice (the switch), else the LMS's language (the i18n service)."""
        return self.language if self.language in languages.LANGUAGES else languages.runtime_language(self)

    def max_score(self) -> int:
        """Raw points of a perfect round; Open edX scales them by ``weight``."""
        return self.item_count

    # -- views --------------------------------------------------------------------------------

    @XBlock.supports("multi_device")
    def student_view(self, context=None):
        """The current question, rendered on the server; drill.js takes over from there."""
        language = self._language()
        state, payload = drill_api.present(self.drill_state, self._config(), default_bank(),
                                           self._now(), language)
        self.drill_state = state  # the served item stays pending across reloads
        text = page.text(PACKAGE, TEXT, language)
        html = loader.render_django_template("templates/drill.html", {
            "display_name": self.display_name, "payload": payload, "shown": _shown(text, payload),
            "text": text, "text_json": json.dumps(text), "language": language,
            "languages": languages.LANGUAGE_NAMES,
            "urls": {name: self.runtime.handler_url(self, name) for name in HANDLERS},
        })
        frag = Fragment(html)
        frag.add_css(loader.load_unicode("public/css/drill.css"))
        frag.add_javascript(loader.load_unicode("public/js/drill.js"))
        frag.initialize_js("JlptDrillBlock")
        return frag

    def student_view_data(self, context=None):
        """Settings only, the same for every learner: no answers, no user state (NATIVE_API.md)."""
        return {"display_name": self.display_name, "level": self.level, "item_count": self.item_count}

    # -- handlers -----------------------------------------------------------------------------

    @XBlock.json_handler
    def next(self, data, suffix=""):
        """The question being asked (or the round's end) and the learner's progress."""
        self.drill_state, payload = drill_api.present(self.drill_state, self._config(), default_bank(),
                                                      self._now(), self._language())
        return payload

    @XBlock.json_handler
    def answer(self, data, suffix=""):
        """Check ``{"item_id", "choice"}``; publish the grade when a round ends."""
        try:
            state, payload, grade = drill_api.submit(self.drill_state, self._config(), default_bank(),
                                                     data, self._now(), self._language())
        except DrillError as exc:
            raise JsonHandlerError(400, str(exc)) from None
        self.drill_state = state
        self.note_answer(self._now())  # the learner-wide record the progress block reads
        self.note_due(state["cards"])
        self.runtime.publish(self, "nihongo.drill.answered",
                             {"item_id": data["item_id"], "correct": payload["correct"], "level": self.level})
        if grade:
            self.runtime.publish(self, "grade", {"value": grade.earned, "max_value": grade.possible})
        return payload

    @XBlock.json_handler
    def new_round(self, data, suffix=""):
        """Start another round once this one is finished, then present its first question."""
        self.drill_state, payload = drill_api.restart(self.drill_state, self._config(), default_bank(),
                                                      self._now(), self._language())
        return payload

    @XBlock.json_handler
    def set_language(self, data, suffix=""):
        """The language switch: ``{"language": "vi"}``; the screen again in it, with the UI strings."""
        try:
            code = languages.chosen(data)
        except languages.LanguageError as exc:
            raise JsonHandlerError(400, str(exc)) from None
        self.language = code
        self.drill_state, payload = switch.switched(self.drill_state, self._config(), default_bank(),
                                                    self._now(), code)
        payload["text"] = page.text(PACKAGE, TEXT, code)
        return payload

    @XBlock.handler
    def student_view_user_state(self, request, suffix=""):
        """The learner's progress for native clients (GET or POST); never an answer."""
        _state, payload = drill_api.present(self.drill_state, self._config(), default_bank(),
                                            self._now(), self._language())
        body = {"round_complete": payload["round_complete"], "progress": payload["progress"]}
        return Response(json.dumps(body), content_type="application/json", charset="utf8")

    # -- Studio -------------------------------------------------------------------------------

    def validate_field_data(self, validation, data):
        """Refuse settings the core would refuse, with a message for the author."""
        super().validate_field_data(validation, data)
        try:
            DrillConfig(level=Level(data.level).value, item_count=data.item_count)
            unknown = sorted(set(data.item_types) - {t.value for t in ItemType})
            if unknown:
                raise ValueError(f"Unknown question types: {', '.join(unknown)}")
        except ValueError as exc:
            validation.add(ValidationMessage(ValidationMessage.ERROR, str(exc)))

    def add_xml_to_node(self, node):
        """OLX carries settings only: a learner's state never leaves with an export, whoever exports."""
        super().add_xml_to_node(node)
        for name, field in self.fields.items():
            if getattr(field.scope, "user", UserScope.NONE) != UserScope.NONE:  # children/parent: sentinels
                node.attrib.pop(name, None)

    @staticmethod
    def workbench_scenarios():
        """The ``scenarios/*.xml`` files, titled by their display_name."""
        scenarios = loader.load_scenarios_from_path("scenarios")
        return [(etree.fromstring(xml.encode()).get("display_name"), xml) for _file_title, xml in scenarios]


def _shown(text: dict, payload: dict) -> dict:
    """The formatted status lines, as drill.js formats them (question on screen, or the last one)."""
    progress = payload["progress"]
    total = progress["item_count"]
    n = min(progress["answered"] + (1 if payload["item"] else 0), total)
    return {
        "progress": text["progress"].format(n=n, total=total),
        "progress_label": text["progress_label"].format(n=n, total=total),
        "days": text["days"].format(days=progress["days_this_week"]),
        "score": text["score"].format(correct=progress["correct"], total=total),
        "best": text["best"].format(best=progress["best"], total=total),
    }
