"""The ``placement_test`` XBlock: the adaptive placement of ``curriculum.placement`` inside Open edX.

The learner answers until the test knows their level (at most 20 items); no answer key ever reaches
the browser, not even afterwards. The level and the study plan it proposes go into the learner-wide
record (``xblocks.common.learner_record``), which the ``study_progress`` block shows. The grade is the
completion of the test (1 of 1), never the level. Contract: ``xblocks/NATIVE_API.md``.
"""

from __future__ import annotations

import json
import random
from datetime import datetime, timezone

from lxml import etree
from web_fragments.fragment import Fragment
from webob import Response
from xblock.completable import XBlockCompletionMode
from xblock.core import XBlock
from xblock.exceptions import JsonHandlerError
from xblock.fields import Dict, Float, Integer, Scope, String, UserScope  # noqa: F401
from xblock.utils.resources import ResourceLoader
from xblock.utils.studio_editable import StudioEditableXBlockMixin

from curriculum import placement
from curriculum.bank import default_bank
from xblocks.common import language as languages
from xblocks.common import page
from xblocks.common.learner_record import LearnerRecordMixin

loader = ResourceLoader(__name__)
PACKAGE = "xblocks.placement_test"
DEFAULT_TITLE = "Placement test"
HANDLERS = ("next", "answer", "set_language")


def _(text: str) -> str:
    """Mark a string for translation; it is translated at render time by the i18n service."""
    return text


#: Every UI string, rendered into the page and handed to placement.js.
TEXT = {
    "intro": _("Answer each question as well as you can. The test adapts to you and stops as soon as "
               "it knows your level (at most {max} questions)."),
    "progress": _("Question {n}"),
    "progress_label": _("Question {n}, at most {max}"),
    "choices": _("Choices"),
    "done": _("Placement finished"),
    "level": _("Your level: {level}"),
    "below": _("Below N5"),
    "plan": _("Your plan: {target} by {date}, about {minutes} minutes a week"),
    "next_step": _("Start with: {focus}"),
    "see_progress": _("Your week and your plan are on the “My week” page."),
    "error": _("Something went wrong. Please try again."),
    "empty": _("There are no questions yet."),
    "kanji": _("kanji"), "vocabulary": _("vocabulary"), "grammar": _("grammar"), "reading": _("reading"),
    "listening": _("listening"), "conversation": _("conversation"), "dialect": _("Kagoshima dialect"),
    "mock_test": _("a mock test"), "and": _(" and "), "language": _("Language"),
}
SKILLS = ("kanji", "vocabulary", "grammar", "reading", "listening", "conversation", "dialect", "mock_test")


@XBlock.needs("i18n")
class PlacementTestBlock(LearnerRecordMixin, StudioEditableXBlockMixin, XBlock):
    """Placement test."""

    display_name = String(display_name=_("Display name"), default=_(DEFAULT_TITLE), scope=Scope.settings)
    weight = Float(display_name=_("Problem weight"), default=1.0, scope=Scope.settings, values={"min": 0})
    placement_state = Dict(default={}, scope=Scope.user_state,
                           help="The learner's answers and ability estimate (curriculum.placement).")
    language = String(default="", scope=Scope.preferences,
                      help="The learner's choice of help language (en, ja, vi, id, tl, my); "
                           "empty: the LMS's language.")

    editable_fields = ("display_name", "weight")
    has_score = True
    has_custom_completion = True
    completion_mode = XBlockCompletionMode.COMPLETABLE
    icon_class = "problem"

    # -- the core's inputs, each read in one place --------------------------------------------

    def _now(self) -> datetime:
        """The only clock of the block (tests patch it)."""
        return datetime.now(timezone.utc)

    def _rng(self) -> random.Random:
        """The only randomness of the block: which of equally informative items comes next."""
        return random.Random()

    def _language(self) -> str:
        """The learner's choice (the switch), else the LMS's language (the i18n service)."""
        return self.language if self.language in languages.LANGUAGES else languages.runtime_language(self)

    def max_score(self) -> int:
        """Finishing the test earns 1 of 1, whatever the level; Open edX scales it by ``weight``."""
        return 1

    # -- views --------------------------------------------------------------------------------

    @XBlock.supports("multi_device")
    def student_view(self, context=None):
        """The current question (or the outcome), rendered on the server; placement.js takes over."""
        language = self._language()
        self.placement_state, payload = placement.present(self.placement_state or None, default_bank(),
                                                          self._rng(), self._now(), language)
        title = self.display_name
        if title == DEFAULT_TITLE:
            title = page.title(PACKAGE, DEFAULT_TITLE, language)
        html = loader.render_django_template("templates/placement.html", page_context(
            title, payload, page.text(PACKAGE, TEXT, language),
            {name: self.runtime.handler_url(self, name) for name in HANDLERS}, language))
        frag = Fragment(html)
        frag.add_css(loader.load_unicode("public/css/placement.css"))
        frag.add_javascript(loader.load_unicode("public/js/placement.js"))
        frag.initialize_js("PlacementTestBlock")
        return frag

    def student_view_data(self, context=None):
        """Settings only, the same for every learner: no items, no answers (NATIVE_API.md)."""
        return {"display_name": self.display_name, "max_items": placement.MAX_ITEMS}

    # -- handlers -----------------------------------------------------------------------------

    @XBlock.json_handler
    def next(self, data, suffix=""):
        """The question being asked (the same until answered), the progress, the outcome once done."""
        self.placement_state, payload = placement.present(self.placement_state or None, default_bank(),
                                                          self._rng(), self._now(), self._language())
        return payload

    @XBlock.json_handler
    def answer(self, data, suffix=""):
        """Take ``{"item_id", "choice"}``; answer with the next question, or the outcome at the end."""
        now = self._now()
        try:
            state, payload, graded = placement.submit(self.placement_state or None, default_bank(), data,
                                                      self._rng(), now, self._language())
        except placement.PlacementError as exc:
            raise JsonHandlerError(400, str(exc)) from None
        self.placement_state = state
        self.note_answer(now)
        self.runtime.publish(self, "nihongo.placement.answered", {
            "item_id": data["item_id"], "correct": graded.correct,
            "answered": payload["progress"]["answered"]})
        outcome = payload["outcome"]
        if outcome:
            self.note_placement(outcome["level"], outcome["plan"], now)
            self.runtime.publish(self, "nihongo.placement.finished", {
                "level": outcome["level"], "items": payload["progress"]["answered"],
                "ability": round(state["theta"], 3)})
            self.runtime.publish(self, "grade", {"value": 1, "max_value": 1})
            self.runtime.publish(self, "completion", {"completion": 1.0})
        return payload

    @XBlock.json_handler
    def set_language(self, data, suffix=""):
        """The language switch: ``{"language": "vi"}``; the question or outcome in it, with the strings."""
        try:
            code = languages.chosen(data)
        except languages.LanguageError as exc:
            raise JsonHandlerError(400, str(exc)) from None
        self.language = code
        self.placement_state, payload = placement.present(self.placement_state or None, default_bank(),
                                                          self._rng(), self._now(), code)
        return {**payload, "language": code, "text": page.text(PACKAGE, TEXT, code)}

    @XBlock.handler
    def student_view_user_state(self, request, suffix=""):
        """The learner's progress and outcome for native clients (GET or POST); never an answer."""
        state = self.placement_state or placement.empty_state()
        body = {"progress": placement.progress_of(state), "outcome": placement.outcome_of(state)}
        return Response(json.dumps(body), content_type="application/json", charset="utf8")

    # -- Studio -------------------------------------------------------------------------------

    def add_xml_to_node(self, node):
        """OLX carries settings only: a learner's state never leaves with an export."""
        super().add_xml_to_node(node)
        for name, field in self.fields.items():
            if getattr(field.scope, "user", UserScope.NONE) != UserScope.NONE:
                node.attrib.pop(name, None)

    @staticmethod
    def workbench_scenarios():
        """The ``scenarios/*.xml`` files, titled by their display_name (a vertical's only titles it)."""
        scenarios = []
        for _file_title, xml in loader.load_scenarios_from_path("scenarios"):
            root = etree.fromstring(xml.encode())
            title = root.get("display_name")
            if root.tag == "vertical_demo":
                root.attrib.pop("display_name")
                xml = etree.tostring(root, encoding="unicode")
            scenarios.append((title, xml))
        return scenarios


def focus_text(text: dict, focus: list) -> str:
    """``["listening", "grammar"]`` as "listening and grammar" in the learner's language."""
    return text["and"].join(text.get(skill, skill) for skill in focus)


def page_context(display_name: str, payload: dict, text: dict, urls: dict, language: str = "en") -> dict:
    """What ``templates/placement.html`` needs (both hosts render it with this)."""
    progress, outcome = payload["progress"], payload["outcome"]
    n = min(progress["answered"] + (1 if payload["item"] else 0), progress["max_items"])
    shown = {"intro": text["intro"].format(max=progress["max_items"]),
             "progress": text["progress"].format(n=n),
             "progress_label": text["progress_label"].format(n=n, max=progress["max_items"])}
    if outcome:
        plan = outcome["plan"]
        level = text["below"] if outcome["level"] == placement.BELOW else outcome["level"]
        shown["level"] = text["level"].format(level=level)
        shown["plan"] = text["plan"].format(target=plan["target"], date=plan["exam_date"],
                                            minutes=plan["weekly_minutes"])
        shown["next_step"] = text["next_step"].format(focus=focus_text(text, plan["first_week"]["focus"]))
    return {"display_name": display_name, "payload": payload, "text": text, "shown": shown,
            "text_json": json.dumps(text), "urls": urls, "language": language,
            "languages": languages.LANGUAGE_NAMES}
