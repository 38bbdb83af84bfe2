"""The ``grammar_notes`` XBlock (文法ノート): a level's grammar points, searchable, each opening its lesson.

Every handler parses, calls the core's contract (``curriculum.activities.grammar_notes``), keeps what the
learner was looking at and returns the screen; nothing is scored (a reading page). The page is the
core's, shared with the LTI tool. Contract: ``xblocks/NATIVE_API.md`` (grammar notes).
"""

from __future__ import annotations

from xblock.core import XBlock
from xblock.exceptions import JsonHandlerError
from xblock.fields import Dict, List, Scope, String
from xblock.utils.studio_editable import StudioEditableXBlockMixin
from xblock.validation import ValidationMessage

from curriculum import grammar
from curriculum.activities import grammar_notes
from curriculum.activity import SettingsError
from xblocks.common import language as languages
from xblocks.common.mixin import ActivityBlockMixin


def _(text: str) -> str:
    return text


@XBlock.needs("i18n")
class GrammarNotesBlock(ActivityBlockMixin, StudioEditableXBlockMixin, XBlock):
    """Grammar notes: the level's grammar points and their lessons (not graded)."""

    ACTIVITY = grammar_notes.ACTIVITY

    display_name = String(display_name=_("Display name"), default=_("Grammar notes"), scope=Scope.settings)
    level = String(display_name=_("Level"), default="N5", scope=Scope.settings, values=list(grammar.LEVELS),
                   help=_("The JLPT level whose grammar points the page lists."))
    grammar_points = List(display_name=_("Grammar points"), default=[], scope=Scope.settings,
                          help=_("Only these points of the level (their IDs, like n5-temo-ii), as a course "
                                 "unit lists its week's grammar; empty: every point of the level."))
    notes_state = Dict(default={}, scope=Scope.user_state,
                       help="What the learner was looking at: the search and the open lesson.")
    language = String(default="", scope=Scope.preferences,
                      help="The learner's choice of help language (en, ja, vi, id, tl, my); "
                           "empty: the LMS's language.")

    editable_fields = ("display_name", "level", "grammar_points")
    has_score = False
    icon_class = "other"

    def _selection(self) -> grammar_notes.Selection:
        try:
            return self.ACTIVITY.settings({"level": self.level, "grammar_points": self.grammar_points})
        except SettingsError:  # Studio refuses such settings (validate_field_data); older data: the level
            try:
                return self.ACTIVITY.settings({"level": self.level})
            except SettingsError:
                return grammar_notes.Selection("N5")

    def _call(self, call: str, *args, language: str | None = None) -> dict:
        step = self._step(call, self.notes_state, self._selection(), *args, language=language)
        self.notes_state = step.state
        return step.screen

    @XBlock.supports("multi_device")
    def student_view(self, context=None):
        """The list (or the lesson the learner had open), rendered on the server; grammar.js takes over."""
        language = self._language()
        return self.render_page(self._call("present", language=language), language)

    def student_view_data(self, context=None):
        """Settings only, the same for every learner (NATIVE_API.md)."""
        selection = self._selection()
        return {"display_name": self.display_name, "level": selection.level,
                "grammar_points": list(selection.points)}

    @XBlock.json_handler
    def show(self, data, suffix=""):
        """The screen as the learner left it."""
        return self._call("present")

    @XBlock.json_handler
    def search(self, data, suffix=""):
        """``{"query": text}``: the level's points whose pattern, romaji or meaning contain it."""
        return self._call("search", data)

    @XBlock.json_handler
    def open(self, data, suffix=""):
        """``{"point": id}``: that point's lesson; ``{"point": null}``: the list again."""
        return self._call("open", data)

    @XBlock.json_handler
    def set_language(self, data, suffix=""):
        """The language switch: ``{"language": "vi"}``; the screen again in it, with the UI strings."""
        try:
            code = languages.chosen(data)
        except languages.LanguageError as exc:
            raise JsonHandlerError(400, str(exc)) from None
        self.language = code
        return {**self._call("change_language", language=code), "text": self._text(code)}

    def validate_field_data(self, validation, data):
        """Refuse a level without grammar notes, or points not of the level, with a message for the author."""
        super().validate_field_data(validation, data)
        try:
            self.ACTIVITY.settings({"level": data.level, "grammar_points": data.grammar_points})
        except SettingsError as exc:
            validation.add(ValidationMessage(ValidationMessage.ERROR, str(exc)))
