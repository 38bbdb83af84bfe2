"""What a survey is, as plain data: questions, their kinds and their texts per language.

No Django here: the catalogue (``catalogue.py``) is data, checked by :func:`problems`, and the
same definitions drive the web form, validation and the totals.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

LEARNER_LANGUAGES = ("ja", "en", "vi", "id", "tl", "my")
COMPANY_LANGUAGES = ("ja", "en")
SCALE = (1, 2, 3, 4, 5)


class Audience(StrEnum):
    LEARNER = "learner"
    COMPANY = "company"


class Kind(StrEnum):
    SCALE = "scale"  # 1–5, with a label for each end
    CHOICE = "choice"  # exactly one option
    TEXT = "text"  # free text


@dataclass(frozen=True)
class Option:
    value: str
    text: dict[str, str]

    def to_dict(self) -> dict:
        return {"value": self.value, "text": dict(self.text)}

    @classmethod
    def from_dict(cls, data: dict) -> Option:
        return cls(value=data["value"], text=dict(data["text"]))


@dataclass(frozen=True)
class Question:
    id: str
    kind: Kind
    text: dict[str, str]
    required: bool = True
    options: tuple[Option, ...] = ()
    low: dict[str, str] = field(default_factory=dict)  # scale: what 1 means
    high: dict[str, str] = field(default_factory=dict)  # scale: what 5 means

    def to_dict(self) -> dict:
        return {"id": self.id, "kind": str(self.kind), "text": dict(self.text), "required": self.required,
                "options": [o.to_dict() for o in self.options], "low": dict(self.low),
                "high": dict(self.high)}

    @classmethod
    def from_dict(cls, data: dict) -> Question:
        return cls(id=data["id"], kind=Kind(data["kind"]), text=dict(data["text"]),
                   required=data.get("required", True),
                   options=tuple(Option.from_dict(o) for o in data.get("options", ())),
                   low=dict(data.get("low", {})), high=dict(data.get("high", {})))


@dataclass(frozen=True)
class Survey:
    id: str
    audience: Audience
    languages: tuple[str, ...]
    default_language: str
    title: dict[str, str]
    intro: dict[str, str]
    questions: tuple[Question, ...]

    def question(self, question_id: str) -> Question:
        return next(q for q in self.questions if q.id == question_id)

    def to_dict(self) -> dict:
        return {"id": self.id, "audience": str(self.audience), "languages": list(self.languages),
                "default_language": self.default_language, "title": dict(self.title),
                "intro": dict(self.intro), "questions": [q.to_dict() for q in self.questions]}

    @classmethod
    def from_dict(cls, data: dict) -> Survey:
        return cls(id=data["id"], audience=Audience(data["audience"]), languages=tuple(data["languages"]),
                   default_language=data["default_language"], title=dict(data["title"]),
                   intro=dict(data["intro"]),
                   questions=tuple(Question.from_dict(q) for q in data["questions"]))


def _texts(survey: Survey) -> list[tuple[str, dict[str, str]]]:
    found = [("title", survey.title), ("intro", survey.intro)]
    for q in survey.questions:
        found.append((q.id, q.text))
        if q.kind == Kind.SCALE:
            found += [(f"{q.id}.low", q.low), (f"{q.id}.high", q.high)]
        found += [(f"{q.id}.{o.value}", o.text) for o in q.options]
    return found


def problems(survey: Survey) -> list[str]:
    """What is wrong with a definition: missing or extra translations, choices without options, duplicates."""
    found = []
    if survey.default_language not in survey.languages:
        found.append(f"{survey.id}: default language {survey.default_language} is not offered")
    ids = [q.id for q in survey.questions]
    twice = sorted({i for i in ids if ids.count(i) > 1})
    found += [f"{survey.id}: question id {i} is used twice" for i in twice]
    for q in survey.questions:
        if (q.kind == Kind.CHOICE) != bool(q.options):
            found.append(f"{survey.id}.{q.id}: only single-choice questions have options")
    for where, text in _texts(survey):
        missing = [lang for lang in survey.languages if not text.get(lang, "").strip()]
        extra = sorted(set(text) - set(survey.languages))
        if missing:
            found.append(f"{survey.id}.{where}: no text in {', '.join(missing)}")
        if extra:
            found.append(f"{survey.id}.{where}: text in a language not offered: {', '.join(extra)}")
    return found
