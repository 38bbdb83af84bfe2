"""Reading passages against the exam's lengths: per level and reading type, how long ours are.

The JLPT's "purposes of test items" sheets give each reading type's approximate passage length in
characters (``../shared/reference/exam_formats.md`` §1.2, [Official-mirror]); JFT-Basic publishes none.
A passage is counted as the learner reads it: its plain text (furigana readings not counted), spaces
and line breaks left out. An integrated-reading pair (A and B in one passage) counts as one, as the sheet
gives the pair's total.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass

from .furigana import plain
from .item_types import ItemType

K = ItemType

#: (level, type) → the exam's approximate length in characters (a range's middle).
EXAM_LENGTHS: dict[tuple[str, ItemType], int] = {
    ("N5", K.COMPREHENSION_SHORT): 80, ("N5", K.COMPREHENSION_MID): 250,
    ("N5", K.INFORMATION_RETRIEVAL): 250,
    ("N4", K.COMPREHENSION_SHORT): 150, ("N4", K.COMPREHENSION_MID): 450,
    ("N4", K.INFORMATION_RETRIEVAL): 400,
    ("N3", K.COMPREHENSION_SHORT): 175, ("N3", K.COMPREHENSION_MID): 350, ("N3", K.COMPREHENSION_LONG): 550,
    ("N3", K.INFORMATION_RETRIEVAL): 600,
    ("N2", K.COMPREHENSION_SHORT): 200, ("N2", K.COMPREHENSION_MID): 500, ("N2", K.INTEGRATED_READING): 600,
    ("N2", K.THEMATIC_COMPREHENSION): 900, ("N2", K.INFORMATION_RETRIEVAL): 700,
}
#: A passage shorter than this share of the exam's length is reported as short.
SHORT_SHARE = 0.8


@dataclass(frozen=True)
class Lengths:
    level: str
    type: ItemType
    exam: int
    lengths: tuple[int, ...]

    @property
    def median(self) -> float:
        return statistics.median(self.lengths) if self.lengths else 0

    @property
    def short(self) -> int:
        return sum(1 for n in self.lengths if n < SHORT_SHARE * self.exam)

    @property
    def share(self) -> float:
        return self.median / self.exam if self.exam else 0


def length(text: str) -> int:
    """Characters a learner reads: the plain text without spaces or line breaks."""
    return sum(1 for ch in plain(text) if not ch.isspace())


def measure(items, stimuli: dict[str, dict]) -> list[Lengths]:
    """Per (level, type) of ``EXAM_LENGTHS``: the length of each passage its items read."""
    seen: dict[tuple[str, ItemType], dict[str, int]] = {key: {} for key in EXAM_LENGTHS}
    for item in items:
        key = (item.level.value, item.type)
        if key in seen and item.stimulus and item.stimulus in stimuli:
            seen[key][item.stimulus] = length(stimuli[item.stimulus]["text"])
    return [Lengths(level, kind, EXAM_LENGTHS[(level, kind)], tuple(sorted(found.values())))
            for (level, kind), found in seen.items()]


def format_report(rows: list[Lengths]) -> str:
    lines = ["reading passages against the exam's length (characters, plain text; short: under "
             f"{SHORT_SHARE:.0%} of the exam's):"]
    for row in rows:
        if not row.lengths:
            lines.append(f"  {row.level} {row.type.value}: no passages (exam ≈{row.exam})")
            continue
        lines.append(f"  {row.level} {row.type.value}: {len(row.lengths)} passages, median {row.median:.0f} "
                     f"(exam ≈{row.exam}, {row.share:.0%}), shortest {row.lengths[0]}, {row.short} short")
    return "\n".join(lines)
