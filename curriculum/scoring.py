"""Estimated scores for a mock test, shaped like the real exams' score reports.

JLPT: scoring sections on 0–60 (N4/N5 combine language knowledge and reading into 0–120), a total on
0–180, an overall pass mark and a minimum in every scoring section (``exam_formats.md`` §1.3).
JFT-Basic: one score on 10–250 and, from August 2026, the bands A1 / A2.1 / A2 (§2).

The mapping from raw answers to scores is an ESTIMATE. The real exams equate scores with item
response theory from answer patterns and publish no conversion, so we do not pretend to one: a
section's score is its share of correct answers placed linearly on the section's scale. We chose a
straight line over a fitted curve because there is no public data to fit a curve to; a curve would
look more precise without being more right, and a learner can check a line by hand. Every report
carries ``estimate=True`` and ``ESTIMATE_MESSAGE``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

ESTIMATE_MESSAGE = (
    "This is an estimate, not an official score. The JLPT and JFT-Basic calculate scores from answer "
    "patterns with item response theory and publish no conversion table; we place your share of "
    "correct answers on each section's scale."
)

LK_READING = "language_knowledge_reading"
LANGUAGE_KNOWLEDGE = "language_knowledge"
READING = "reading"
LISTENING = "listening"
SCRIPT_VOCABULARY = "script_vocabulary"
CONVERSATION_EXPRESSION = "conversation_expression"

JFT = "JFT-Basic"
JFT_MIN, JFT_MAX = 10, 250
JFT_A2_LINE = 200  # the SSW(i) standard, before and after the August 2026 change
JFT_BANDS_FROM = date(2026, 8, 1)
JFT_BANDS = ((200, "A2"), (175, "A2.1"), (145, "A1"))  # "A2" is 200–250, officially A2.2 from Aug 2026


@dataclass(frozen=True)
class ScoringSection:
    key: str
    name: str
    maximum: int
    minimum: int  # the sectional pass mark; 0 where the exam has none


@dataclass(frozen=True)
class PassRule:
    level: str
    sections: tuple[ScoringSection, ...]
    pass_mark: int

    @property
    def maximum(self) -> int:
        return sum(s.maximum for s in self.sections)


def _jlpt(level: str, pass_mark: int, *sections: tuple[str, str, int, int]) -> PassRule:
    return PassRule(level, tuple(ScoringSection(*s) for s in sections), pass_mark)


_LKR = (LK_READING, "言語知識（文字・語彙・文法）・読解", 120, 38)
_LK = (LANGUAGE_KNOWLEDGE, "言語知識（文字・語彙・文法）", 60, 19)
_R = (READING, "読解", 60, 19)
_L = (LISTENING, "聴解", 60, 19)

RULES: dict[str, PassRule] = {
    "N5": _jlpt("N5", 80, _LKR, _L),
    "N4": _jlpt("N4", 90, _LKR, _L),
    "N3": _jlpt("N3", 95, _LK, _R, _L),
    "N2": _jlpt("N2", 90, _LK, _R, _L),
}

#: JFT-Basic reports one score; its sections are shown as percentages (the certificate does so).
JFT_SECTIONS = (
    ScoringSection(SCRIPT_VOCABULARY, "文字と語彙", 100, 0),
    ScoringSection(CONVERSATION_EXPRESSION, "会話と表現", 100, 0),
    ScoringSection(LISTENING, "聴解", 100, 0),
    ScoringSection(READING, "読解", 100, 0),
)


@dataclass(frozen=True)
class SectionScore:
    key: str
    name: str
    correct: int
    total: int
    score: int | None  # None when the test held no items for this section
    maximum: int
    minimum: int

    def to_dict(self) -> dict:
        return dict(self.__dict__)

    @classmethod
    def from_dict(cls, data: dict) -> SectionScore:
        return cls(**data)


@dataclass(frozen=True)
class TypeResult:
    type: str
    correct: int
    total: int

    def to_dict(self) -> dict:
        return dict(self.__dict__)

    @classmethod
    def from_dict(cls, data: dict) -> TypeResult:
        return cls(**data)


@dataclass(frozen=True)
class ScoreReport:
    """What a learner sees after a mock test. ``passed`` is None when it cannot be judged."""

    level: str
    sections: tuple[SectionScore, ...]
    total: int | None
    maximum: int
    pass_mark: int
    passed: bool | None
    reasons: tuple[str, ...]
    band: str | None = None
    study_next: tuple[TypeResult, ...] = ()
    estimate: bool = True
    message: str = ESTIMATE_MESSAGE

    def to_dict(self) -> dict:
        return {
            "level": self.level, "sections": [s.to_dict() for s in self.sections], "total": self.total,
            "maximum": self.maximum, "pass_mark": self.pass_mark, "passed": self.passed,
            "reasons": list(self.reasons), "band": self.band,
            "study_next": [t.to_dict() for t in self.study_next],
            "estimate": self.estimate, "message": self.message,
        }

    @classmethod
    def from_dict(cls, data: dict) -> ScoreReport:
        return cls(
            level=data["level"], sections=tuple(SectionScore.from_dict(s) for s in data["sections"]),
            total=data["total"], maximum=data["maximum"], pass_mark=data["pass_mark"],
            passed=data["passed"], reasons=tuple(data["reasons"]), band=data["band"],
            study_next=tuple(TypeResult.from_dict(t) for t in data["study_next"]),
            estimate=data["estimate"], message=data["message"],
        )


def scaled(correct: int, total: int, maximum: int, minimum: int = 0) -> int:
    """The share ``correct/total`` placed linearly on ``minimum..maximum``, rounded half up.

    Monotone: one more correct answer never lowers the score. Integer arithmetic, so a
    boundary does not wobble with floating point.
    """
    if total <= 0 or not 0 <= correct <= total:
        raise ValueError(f"need 0 <= correct <= total and total > 0, got {correct}/{total}")
    span = maximum - minimum
    return minimum + (2 * span * correct + total) // (2 * total)


def judge(level: str, scores: Mapping[str, int]) -> tuple[bool, tuple[str, ...]]:
    """Pass or fail from scaled JLPT section scores, with every reason it fails.

    Both the total and each section must reach its mark, as in the real exam.
    """
    rule = RULES[level]
    reasons = []
    total = sum(scores[s.key] for s in rule.sections)
    if total < rule.pass_mark:
        reasons.append(f"The total {total} is below the pass mark {rule.pass_mark} of {rule.maximum}.")
    for section in rule.sections:
        if scores[section.key] < section.minimum:
            reasons.append(f"{section.name}: {scores[section.key]} is below the sectional minimum "
                           f"{section.minimum} of {section.maximum}.")
    return not reasons, tuple(reasons)


def jft_band(score: int, on: date) -> str | None:
    """The JFT-Basic judgment for ``score`` on the date ``on``: None means no level is shown ("*").

    Until July 2026 only A2 (200 and over) is judged; from August 2026 also A1 and A2.1.
    """
    if on < JFT_BANDS_FROM:
        return "A2" if score >= JFT_A2_LINE else None
    return next((band for line, band in JFT_BANDS if score >= line), None)


def study_next(by_type: Mapping[str, tuple[int, int]], count: int = 3) -> tuple[TypeResult, ...]:
    """The weakest item types: lowest share correct first, then the type with more items to gain."""
    results = [TypeResult(t, c, n) for t, (c, n) in by_type.items() if n and c < n]
    results.sort(key=lambda r: (r.correct / r.total, -(r.total - r.correct), r.type))
    return tuple(results[:count])


def report(level: str, raw: Mapping[str, tuple[int, int]], by_type: Mapping[str, tuple[int, int]],
           on: date) -> ScoreReport:
    """Estimated scores from raw ``(correct, total)`` per scoring section and per item type.

    ``on`` is the day of the test (it decides which JFT-Basic bands apply).
    """
    if level == JFT:
        return _jft_report(raw, by_type, on)
    rule = RULES[level]
    sections = tuple(_section_score(s, raw.get(s.key, (0, 0))) for s in rule.sections)
    missing = [s.name for s in sections if s.score is None]
    if missing:
        reason = f"The test held no items for {', '.join(missing)}, so pass or fail cannot be judged."
        return ScoreReport(level, sections, None, rule.maximum, rule.pass_mark, None, (reason,),
                           study_next=study_next(by_type))
    passed, reasons = judge(level, {s.key: s.score for s in sections})
    total = sum(s.score for s in sections)
    return ScoreReport(level, sections, total, rule.maximum, rule.pass_mark, passed, reasons,
                       study_next=study_next(by_type))


def _section_score(section: ScoringSection, raw: tuple[int, int]) -> SectionScore:
    correct, total = raw
    score = scaled(correct, total, section.maximum) if total else None
    return SectionScore(section.key, section.name, correct, total, score, section.maximum, section.minimum)


def _jft_report(raw: Mapping[str, tuple[int, int]], by_type: Mapping[str, tuple[int, int]],
                on: date) -> ScoreReport:
    sections = tuple(_section_score(s, raw.get(s.key, (0, 0))) for s in JFT_SECTIONS)
    correct = sum(s.correct for s in sections)
    total = sum(s.total for s in sections)
    if not total:
        return ScoreReport(JFT, sections, None, JFT_MAX, JFT_A2_LINE, None,
                           ("The test held no items, so it cannot be scored.",))
    score = scaled(correct, total, JFT_MAX, JFT_MIN)
    band = jft_band(score, on)
    passed = score >= JFT_A2_LINE
    reasons = () if passed else (f"The score {score} is below {JFT_A2_LINE}, the A2 line.",)
    return ScoreReport(JFT, sections, score, JFT_MAX, JFT_A2_LINE, passed, reasons, band=band,
                       study_next=study_next(by_type))
