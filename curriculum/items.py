"""Items: one question each, with a stable ID, and the vocabulary a course talks in."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

#: The help and UI languages besides Japanese (GLOSSARY.md). Content translations use these codes.
TRANSLATION_LANGUAGES = ("en", "vi", "id", "tl", "my")


class Level(enum.StrEnum):
    """Exam levels the programme prepares for (PROGRAMME.md L1)."""

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


class ItemType(enum.StrEnum):
    """Question formats (問題形式). More arrive with the curriculum issue."""

    MEANING_TO_WORD = "meaning_to_word"


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

    def __post_init__(self):
        if len(self.choices) < 2:
            raise ItemError(f"item {self.id}: needs at least two choices")
        if len(set(self.choices)) != len(self.choices):
            raise ItemError(f"item {self.id}: choices repeat: {self.choices}")
        if not 0 <= self.answer < len(self.choices):
            raise ItemError(f"item {self.id}: answer index {self.answer} is outside the choices")
        missing = [code for code in TRANSLATION_LANGUAGES if not self.instruction.get(code)]
        if missing:
            raise ItemError(f"item {self.id}: instruction lacks {', '.join(missing)}")

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "level": self.level.value,
            "skill": self.skill.value,
            "type": self.type.value,
            "prompt": self.prompt,
            "choices": list(self.choices),
            "answer": self.answer,
            "explanation": self.explanation,
            "instruction": dict(self.instruction),
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
                instruction=dict(data["instruction"]),
                source=data["source"],
                licence=data["licence"],
                tags=tuple(data.get("tags", ())),
            )
        except (KeyError, ValueError, TypeError) as exc:
            if isinstance(exc, ItemError):
                raise
            raise ItemError(f"item {data.get('id', '?')}: {exc!r}") from exc

    def public_dict(self, language: str = "en") -> dict:
        """What a browser may see before the learner answers: no answer, no explanation."""
        return {
            "id": self.id,
            "level": self.level.value,
            "prompt": self.prompt,
            "choices": list(self.choices),
            "instruction": self.instruction.get(language) or self.instruction["en"],
        }
