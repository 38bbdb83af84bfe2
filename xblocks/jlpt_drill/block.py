"""The ``jlpt_drill`` XBlock: the drill of ``curriculum.drill_api`` inside Open edX.

Every handler parses, calls the core, saves the learner's state, publishes and returns; the rules
(which question, what counts as a replay, the grade) live in ``curriculum``. The browser and the
mobile contract are documented in ``xblocks/NATIVE_API.md``.
"""

from __future__ import annotations

import json

from webob import Response
from xblock.core import XBlock
from xblock.exceptions import JsonHandlerError
from xblock.fields import Dict, Float, Integer, List, Scope, String
from xblock.utils.studio_editable import StudioEditableXBlockMixin
from xblock.validation import ValidationMessage

from curriculum import drill_api, grammar
from curriculum.activities import drill
from curriculum.activities.drill import TEXT  # noqa: F401  (the block's UI strings; tests read them here)
from curriculum.bank import default_bank
from curriculum.drill import DrillConfig
from curriculum.furigana import plain
from curriculum.items import ItemType, Level
from xblocks.common import language as languages
from xblocks.common.learner_record import LearnerRecordMixin
from xblocks.common.mixin import ActivityBlockMixin

from .cards import CardFields, FieldCards


def _grammar_values(level: str) -> list[dict]:
    """The grammar points an author can tick in Studio: the drill's level's, with questions."""
    return [{"display_name": f"{plain(p.pattern)} ({p.id})", "value": p.id}
            for p in grammar.points(level) if p.item_ids]


def _(text: str) -> str:
    """Mark a string for translation; it is translated at render time by the i18n service."""
    return text


@XBlock.needs("i18n")
class JlptDrillBlock(ActivityBlockMixin, LearnerRecordMixin, CardFields, StudioEditableXBlockMixin, XBlock):
    """Rounds of multiple-choice questions from the item bank; the best round is the grade."""

    ACTIVITY = drill.ACTIVITY

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
    grammar_points = List(display_name=_("Grammar points"), default=[], scope=Scope.settings,
                          list_style="set", list_values_provider=lambda block: _grammar_values(block.level),
                          help=_("Only these grammar points' questions (the level's points; see the "
                                 "grammar notes). Nothing ticked: no limit."))
    weight = Float(display_name=_("Problem weight"), default=1, scope=Scope.settings,
                   values={"min": 0, "step": 0.1},
                   help=_("How much this drill counts in the course grade."))
    drill_state = Dict(default={}, scope=Scope.user_state,
                       help="The learner's current round, this week's study days and counters "
                            "(curriculum.drill); the cards are in the nihongo_cards_* fields (cards.py).")
    language = String(default="", scope=Scope.preferences,
                      help="The learner's choice of help language (en, ja, vi, id, tl, my); "
                           "empty: the LMS's language.")

    editable_fields = ("display_name", "level", "item_count", "item_types", "grammar_points", "weight")
    has_score = True
    icon_class = "problem"

    # -- the core's inputs, each read in one place (the clock, the language: ActivityBlockMixin) --

    def _config(self) -> DrillConfig:
        return DrillConfig(level=self.level, item_count=self.item_count, types=tuple(self.item_types),
                           grammar_points=tuple(self.grammar_points or ()))

    def _state(self) -> dict:
        """The core's state: ``drill_state`` with the cards in their group fields (``cards.py``).

        A state kept before the groups existed has its cards inside; they move to the groups on the
        next save, none dropped.
        """
        head = dict(self.drill_state or {})
        cards = FieldCards(self)
        kept = head.pop("cards", None)
        if kept:
            cards.adopt(kept)
        return {**head, "cards": cards}

    def _keep(self, state: dict) -> None:
        """Save what the core changed: the changed cards' groups and the small state."""
        state["cards"].save()
        head = {key: value for key, value in state.items() if key != "cards"}
        if head != self.drill_state:
            self.drill_state = head

    def _note_due(self, cards: FieldCards) -> None:
        """This drill's reviews due per day in the learner record: the answered card moves from its old
        day to its new one; the first time, counted from every card."""
        usage = str(self.scope_ids.usage_id)
        if usage in self.nihongo_due:
            self.nihongo_due = {**self.nihongo_due, usage: cards.due_days_changed(self.nihongo_due[usage])}
        else:
            self.note_due({**cards.due_view(), **{i: {"due": c["due"]} for i, c in cards.changed.items()}})

    def max_score(self) -> int:
        """Raw points of a perfect round; Open edX scales them by ``weight``."""
        return self.item_count

    # -- views --------------------------------------------------------------------------------

    @XBlock.supports("multi_device")
    def student_view(self, context=None):
        """The current question, rendered on the server; drill.js takes over from there."""
        language = self._language()
        step = self._step("present", self._state(), self._config(), language=language)
        self._keep(step.state)  # the served item stays pending across reloads
        return self.render_page(step.screen, language, title=self.display_name)

    def student_view_data(self, context=None):
        """Settings only, the same for every learner: no answers, no user state (NATIVE_API.md)."""
        return {"display_name": self.display_name, "level": self.level, "item_count": self.item_count,
                "item_types": list(self.item_types), "grammar_points": list(self.grammar_points)}

    # -- handlers -----------------------------------------------------------------------------

    @XBlock.json_handler
    def next(self, data, suffix=""):
        """The question being asked (or the round's end) and the learner's progress."""
        step = self._step("present", self._state(), self._config())
        self._keep(step.state)
        return step.screen

    @XBlock.json_handler
    def answer(self, data, suffix=""):
        """Check ``{"item_id", "choice"}``; publish the grade when a round ends."""
        now = self._now()
        step = self._step("answer", self._state(), self._config(), data, now=now)
        self._note_due(step.state["cards"])
        self._keep(step.state)
        self.note_answer(now)  # the learner-wide record the progress block reads
        answered = step.answered[0]
        self.runtime.publish(self, "nihongo.drill.answered",
                             {"item_id": answered.item_id, "correct": answered.correct, "level": self.level})
        if step.grade:
            grade = step.grade
            self.runtime.publish(self, "grade", {"value": grade.earned, "max_value": grade.possible})
        return step.screen

    @XBlock.json_handler
    def new_round(self, data, suffix=""):
        """Start another round once this one is finished, then present its first question."""
        step = self._step("restart", self._state(), self._config())
        self._keep(step.state)
        return step.screen

    @XBlock.json_handler
    def set_language(self, data, suffix=""):
        """The language switch: ``{"language": "vi"}``; the screen again in it, with the UI strings."""
        try:
            code = languages.chosen(data)
        except languages.LanguageError as exc:
            raise JsonHandlerError(400, str(exc)) from None
        self.language = code
        step = self._step("change_language", self._state(), self._config(), language=code)
        self._keep(step.state)
        return {**step.screen, "text": self._text(code)}

    @XBlock.json_handler
    def lesson(self, data, suffix=""):
        """``{"point": id}``: the grammar point's lesson, shown in the drill's own fragment (the link in a
        grammar item's feedback opens it); the learner's drill is unchanged."""
        return self._step("lesson", self.drill_state, self._config(), data).screen

    @XBlock.handler
    def student_view_user_state(self, request, suffix=""):
        """The learner's progress for native clients (GET or POST); never an answer."""
        _state, payload = drill_api.present(self._state(), self._config(), default_bank(),
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
            drill.grammar_points(list(data.grammar_points or ()), data.level)
        except ValueError as exc:
            validation.add(ValidationMessage(ValidationMessage.ERROR, str(exc)))
