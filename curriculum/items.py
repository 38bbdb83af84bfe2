"""Items: one question each, with a stable ID, and the vocabulary a course talks in."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from .furigana import FuriganaError, plain, segments
from .instructions import default_instruction
from .item_types import OWN_TYPES, TYPES, ItemType, Stimulus
from .languages import TRANSLATION_LANGUAGES

#: The help and UI languages besides Japanese (docs/programme.md). Content translations use these codes.


class Level(enum.StrEnum):
    """Exam levels the programme prepares for (docs/programme.md L1)."""

    N5 = "N5"
    N4 = "N4"
    N3 = "N3"
    N2 = "N2"
    JFT_A1 = "JFT-A1"
    JFT_A2 = "JFT-A2"


class Skill(enum.StrEnum):
    """Skills (分野) an item trains."""

    VOCABULARY = "vocabulary"
    KANJI = "kanji"
    GRAMMAR = "grammar"
    READING = "reading"
    LISTENING = "listening"
    CONVERSATION = "conversation"
    DIALECT = "dialect"


#: Work domains an item can be tagged with (the learners' industries, plus daily life).
WORK_DOMAINS = frozenset({"agriculture", "livestock", "fisheries", "food_processing", "care", "construction",
                          "manufacturing", "daily_life"})


class ItemError(ValueError):
    """An item or a bank file that does not hold together; the message says where and why."""


@dataclass(frozen=True)
class Item:
    """One multiple-choice question. ``answer`` is the index of the correct choice."""

    id: str
    level: Level
    skill: Skill
    type: ItemType
    prompt: str
    choices: tuple[str, ...]
    answer: int
    explanation: str
    instruction: dict[str, str]
    source: str
    licence: str
    tags: tuple[str, ...] = field(default=())
    explanation_translations: dict[str, str] = field(default_factory=dict)
    # the prompt in the learners' languages (our own types, whose prompt is an English meaning)
    prompt_translations: dict[str, str] = field(default_factory=dict)
    stimulus: str | None = None  # the ID of a shared passage or listening script
    grammar_point: str | None = None  # the ID of the grammar point it tests (curriculum.grammar)

    def __post_init__(self):
        info = TYPES[self.type]
        if len(self.choices) != info.choices:
            raise ItemError(f"item {self.id}: {self.type} items have {info.choices} choices, "
                            f"not {len(self.choices)}")
        if (info.stimulus is not Stimulus.NONE) != bool(self.stimulus):
            need = f"a {info.stimulus} (stimulus)" if info.stimulus is not Stimulus.NONE else "no stimulus"
            raise ItemError(f"item {self.id}: {self.type} items need {need}")
        unknown = set(self.tags) - WORK_DOMAINS
        if unknown:
            raise ItemError(f"item {self.id}: unknown work-domain tags {sorted(unknown)}")
        try:
            for text in (self.prompt, self.explanation, *self.choices):
                segments(text)
        except FuriganaError as exc:
            raise ItemError(f"item {self.id}: {exc}") from None
        if len({plain(c) for c in self.choices}) != len(self.choices):
            raise ItemError(f"item {self.id}: choices repeat: {self.choices}")
        if len(set(self.choices)) != len(self.choices):
            raise ItemError(f"item {self.id}: choices repeat: {self.choices}")
        if not 0 <= self.answer < len(self.choices):
            raise ItemError(f"item {self.id}: answer index {self.answer} is outside the choices")
        missing = [code for code in TRANSLATION_LANGUAGES if not self.instruction.get(code)]
        if missing:
            raise ItemError(f"item {self.id}: instruction lacks {', '.join(missing)}")

    def to_dict(self) -> dict:
        extra = {}
        if self.explanation_translations:
            extra["explanation_translations"] = dict(self.explanation_translations)
        if self.prompt_translations:
            extra["prompt_translations"] = dict(self.prompt_translations)
        if self.stimulus:
            extra["stimulus"] = self.stimulus
        if self.grammar_point:
            extra["grammar_point"] = self.grammar_point
        if self.instruction != default_instruction(self.type):
            extra["instruction"] = dict(self.instruction)
        return extra | {
            "id": self.id,
            "level": self.level.value,
            "skill": self.skill.value,
            "type": self.type.value,
            "prompt": self.prompt,
            "choices": list(self.choices),
            "answer": self.answer,
            "explanation": self.explanation,
            "source": self.source,
            "licence": self.licence,
            "tags": list(self.tags),
        }

    @classmethod
    def from_dict(cls, data: dict) -> Item:
        try:
            return cls(
                id=data["id"],
                level=Level(data["level"]),
                skill=Skill(data["skill"]),
                type=ItemType(data["type"]),
                prompt=data["prompt"],
                choices=tuple(data["choices"]),
                answer=int(data["answer"]),
                explanation=data["explanation"],
                instruction=dict(data.get("instruction") or default_instruction(ItemType(data["type"]))),
                source=data["source"],
                licence=data["licence"],
                tags=tuple(data.get("tags", ())),
                explanation_translations=dict(data.get("explanation_translations", {})),
                prompt_translations=dict(data.get("prompt_translations", {})),
                stimulus=data.get("stimulus"),
                grammar_point=data.get("grammar_point"),
            )
        except (KeyError, ValueError, TypeError) as exc:
            if isinstance(exc, ItemError):
                raise
            raise ItemError(f"item {data.get('id', '?')}: {exc!r}") from exc

    def public_dict(self, language: str = "en") -> dict:
        """What a browser may see before the learner answers: no answer, no explanation.

        ``prompt_lang`` is the language the prompt is shown in, for the element's ``lang``: the
        learner's own where the bank translates the prompt, else the original's ("ja", or "en" for our
        own types' English meanings, English being the stated fallback)."""
        translated = self.prompt_translations.get(language)
        shown = {
            "id": self.id,
            "level": self.level.value,
            "type": self.type.value,
            "prompt": translated or plain(self.prompt),
            "prompt_lang": language if translated else self.prompt_language,
            "choices": [plain(c) for c in self.choices],
            "instruction": self.instruction.get(language) or self.instruction["en"],
        }
        if not translated and any(reading for _, reading in segments(self.prompt)):
            shown["prompt_ruby"] = segments(self.prompt)
        return shown

    @property
    def prompt_language(self) -> str:
        """The language of the original prompt: English for our own types (a meaning), else Japanese."""
        return "en" if self.type in OWN_TYPES else "ja"

    def explanation_in(self, language: str) -> str:
        """The explanation in the learner's language when the bank has it, else the original."""
        return self.explanation_translations.get(language) or plain(self.explanation)
