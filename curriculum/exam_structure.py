"""The exams' composition: each level's test sections, their timing and their 大問 with item counts.

A form lists each test section with its current time and its 大問 (item types) with approximate
item counts (``exam_formats.md`` §1.1–1.2, the counts in use since December 2020), and which scoring
section each feeds (§1.3). JFT-Basic: four sections, about 50 items, 60 minutes for the whole test
and no limit per section (§2). ``curriculum.mock_test`` runs tests in it; ``curriculum.forms`` fills
forms A, B and C of each level with items.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import scoring
from .item_types import ItemType
from .scoring import (
    CONVERSATION_EXPRESSION,
    LANGUAGE_KNOWLEDGE,
    LISTENING,
    LK_READING,
    READING,
    SCRIPT_VOCABULARY,
)

K = ItemType


@dataclass(frozen=True)
class Part:
    """One 大問: its item type, about how many items, and the scoring section it counts towards."""

    type: ItemType
    count: int
    scoring: str


@dataclass(frozen=True)
class ExamSection:
    """A test section as timed on the day (a JLPT paper; a JFT-Basic section)."""

    key: str
    name: str
    minutes: int | None  # None: no limit of its own (JFT-Basic)
    parts: tuple[Part, ...]

    @property
    def item_count(self) -> int:
        return sum(p.count for p in self.parts)


@dataclass(frozen=True)
class Form:
    level: str
    sections: tuple[ExamSection, ...]
    minutes: int
    bank_levels: tuple[str, ...]  # the bank levels its items come from

    @property
    def timed_by_section(self) -> bool:
        return all(s.minutes is not None for s in self.sections)

    @property
    def item_count(self) -> int:
        return sum(s.item_count for s in self.sections)


def _parts(scoring_key: str, *pairs: tuple[ItemType, int]) -> tuple[Part, ...]:
    return tuple(Part(t, n, scoring_key) for t, n in pairs)


def _basic(level: str, minutes: tuple[int, int, int], vocab, grammar, reading, listening) -> Form:
    """N5/N4: both papers feed one 0–120 scoring section."""
    v, g, listen = minutes
    return Form(level, (
        ExamSection("vocabulary", "言語知識（文字・語彙）", v, _parts(LK_READING, *vocab)),
        ExamSection("grammar_reading", "言語知識（文法）・読解", g, _parts(LK_READING, *grammar, *reading)),
        ExamSection("listening", "聴解", listen, _parts(LISTENING, *listening)),
    ), v + g + listen, (level,))


_GRAMMAR_BASIC = ((K.GRAMMAR_FORM, 9), (K.SENTENCE_COMPOSITION, 4), (K.TEXT_GRAMMAR, 4))

FORMS: dict[str, Form] = {
    "N5": _basic(
        "N5", (20, 40, 30),
        ((K.KANJI_READING, 7), (K.ORTHOGRAPHY, 5), (K.CONTEXTUAL_MEANING, 6), (K.PARAPHRASE, 3)),
        _GRAMMAR_BASIC,
        ((K.COMPREHENSION_SHORT, 2), (K.COMPREHENSION_MID, 2), (K.INFORMATION_RETRIEVAL, 1)),
        ((K.TASK_LISTENING, 7), (K.POINT_LISTENING, 6), (K.UTTERANCE_EXPRESSION, 5), (K.QUICK_RESPONSE, 6)),
    ),
    "N4": _basic(
        "N4", (25, 55, 35),
        ((K.KANJI_READING, 7), (K.ORTHOGRAPHY, 5), (K.CONTEXTUAL_MEANING, 8), (K.PARAPHRASE, 4),
         (K.USAGE, 4)),
        ((K.GRAMMAR_FORM, 13), (K.SENTENCE_COMPOSITION, 4), (K.TEXT_GRAMMAR, 4)),
        ((K.COMPREHENSION_SHORT, 3), (K.COMPREHENSION_MID, 3), (K.INFORMATION_RETRIEVAL, 2)),
        ((K.TASK_LISTENING, 8), (K.POINT_LISTENING, 7), (K.UTTERANCE_EXPRESSION, 5), (K.QUICK_RESPONSE, 8)),
    ),
    # N3: the vocabulary paper and the grammar part of the second paper form "language knowledge".
    "N3": Form("N3", (
        ExamSection("vocabulary", "言語知識（文字・語彙）", 30, _parts(
            LANGUAGE_KNOWLEDGE, (K.KANJI_READING, 8), (K.ORTHOGRAPHY, 6), (K.CONTEXTUAL_MEANING, 11),
            (K.PARAPHRASE, 5), (K.USAGE, 5))),
        ExamSection("grammar_reading", "言語知識（文法）・読解", 70, _parts(
            LANGUAGE_KNOWLEDGE, (K.GRAMMAR_FORM, 13), (K.SENTENCE_COMPOSITION, 5), (K.TEXT_GRAMMAR, 5),
        ) + _parts(READING, (K.COMPREHENSION_SHORT, 4), (K.COMPREHENSION_MID, 6), (K.COMPREHENSION_LONG, 4),
                   (K.INFORMATION_RETRIEVAL, 2))),
        ExamSection("listening", "聴解", 40, _parts(
            LISTENING, (K.TASK_LISTENING, 6), (K.POINT_LISTENING, 6), (K.SUMMARY_LISTENING, 3),
            (K.UTTERANCE_EXPRESSION, 4), (K.QUICK_RESPONSE, 9))),
    ), 140, ("N3",)),
    "N2": Form("N2", (
        ExamSection("language_knowledge_reading", "言語知識（文字・語彙・文法）・読解", 105, _parts(
            LANGUAGE_KNOWLEDGE, (K.KANJI_READING, 5), (K.ORTHOGRAPHY, 5), (K.WORD_FORMATION, 5),
            (K.CONTEXTUAL_MEANING, 7), (K.PARAPHRASE, 5), (K.USAGE, 5), (K.GRAMMAR_FORM, 12),
            (K.SENTENCE_COMPOSITION, 5), (K.TEXT_GRAMMAR, 5),
        ) + _parts(READING, (K.COMPREHENSION_SHORT, 5), (K.COMPREHENSION_MID, 9), (K.INTEGRATED_READING, 2),
                   (K.THEMATIC_COMPREHENSION, 3), (K.INFORMATION_RETRIEVAL, 2))),
        ExamSection("listening", "聴解", 50, _parts(
            LISTENING, (K.TASK_LISTENING, 5), (K.POINT_LISTENING, 6), (K.SUMMARY_LISTENING, 5),
            (K.QUICK_RESPONSE, 12), (K.INTEGRATED_LISTENING, 4))),
    ), 155, ("N2",)),
    # About 50 items: a later guide gives about 12 each for the first two sections; the split of the
    # rest between listening and reading is ours (exam_formats.md §2 marks it unconfirmed).
    scoring.JFT: Form(scoring.JFT, (
        ExamSection(SCRIPT_VOCABULARY, "文字と語彙", None, _parts(
            SCRIPT_VOCABULARY, (K.JFT_WORD_MEANING, 3), (K.JFT_WORD_USAGE, 3), (K.JFT_KANJI_READING, 3),
            (K.JFT_KANJI_USAGE, 3))),
        ExamSection(CONVERSATION_EXPRESSION, "会話と表現", None, _parts(
            CONVERSATION_EXPRESSION, (K.JFT_GRAMMAR, 6), (K.JFT_EXPRESSION, 6))),
        ExamSection(LISTENING, "聴解", None, _parts(
            LISTENING, (K.JFT_LISTENING_CONVERSATION, 5), (K.JFT_LISTENING_PLACES, 5),
            (K.JFT_LISTENING_ANNOUNCEMENTS, 4))),
        ExamSection(READING, "読解", None, _parts(
            READING, (K.JFT_READING, 8), (K.JFT_INFORMATION_SEARCH, 4))),
    ), 60, ("JFT-A1", "JFT-A2")),
}
FORM_ALIASES = {"JFT": scoring.JFT, "JFT-A1": scoring.JFT, "JFT-A2": scoring.JFT}
