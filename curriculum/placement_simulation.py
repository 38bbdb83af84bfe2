"""Simulated learners for the placement test, answering by a DIFFERENT model than the estimator assumes.

The estimator (``placement.py``) assumes one slope, a guess of exactly 1/choices, a slip of 5% and
items exactly as hard as their stated prior. Real learners and items are not like that, so here:

- every item's true difficulty is its prior plus N(0, ``DIFFICULTY_NOISE``²), and its true
  discrimination is e^N(0, 0.3²) (about 0.55–1.8) instead of 1;
- a learner knows an item with probability 1 / (1 + e^(−a(θ − b))); one who knows it still slips
  at their own rate (2–10%); one who does not know it guesses on the 3 or 4 choices, and with
  their own probability (0–40%) first rules out one wrong choice (partial knowledge), so their
  guessing is often better than 1/choices;
- abilities are drawn anywhere in the level's band (uniform up to the cuts, the hard case), or
  around its middle (``typical``).

``ceiling`` says what no placement rule can beat with these learners in a given number of answers
(about 90% anywhere in a level and 93% around the middle with 20). Deterministic for a given ``rng``.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

from .bank import Bank
from .instructions import default_instruction
from .item_types import ItemType
from .items import TRANSLATION_LANGUAGES, Item, Level, Skill
from .placement import BELOW, CUTS, LEVELS, SLOPE, Placement, _band, answer, difficulty, next_item, result

DIFFICULTY_NOISE = 0.5
DISCRIMINATION_SD = 0.3

#: Types and skills of the synthetic bank: four-choice items and three-choice listening items.
_SIM_TYPES = ((ItemType.KANJI_READING, Skill.KANJI), (ItemType.CONTEXTUAL_MEANING, Skill.VOCABULARY),
              (ItemType.GRAMMAR_FORM, Skill.GRAMMAR), (ItemType.QUICK_RESPONSE, Skill.LISTENING),
              (ItemType.PARAPHRASE, Skill.VOCABULARY), (ItemType.UTTERANCE_EXPRESSION, Skill.LISTENING))
_INSTRUCTION = {code: "-" for code in ("ja", *TRANSLATION_LANGUAGES)}
_SCRIPT = {"id": "sim-script", "kind": "script", "text": "-"}


def simulation_bank(per_level: int = 60) -> Bank:
    """A synthetic bank: ``per_level`` items at each level over skills, a third of them three-choice."""
    items = []
    for level in LEVELS:
        for k in range(per_level):
            item_type, skill = _SIM_TYPES[k % len(_SIM_TYPES)]
            three = item_type in (ItemType.QUICK_RESPONSE, ItemType.UTTERANCE_EXPRESSION)
            choices = ("a", "b", "c") if three else ("a", "b", "c", "d")
            items.append(Item(
                id=f"sim-{level}-{k}", level=Level(level), skill=skill, type=item_type,
                prompt=f"{level} {k}", choices=choices, answer=k % len(choices), explanation="-",
                instruction=default_instruction(item_type) or dict(_INSTRUCTION),
                source="simulation", licence="CC0", stimulus="sim-script" if three else None))
    return Bank(items, {"sim-script": _SCRIPT})


@dataclass(frozen=True)
class TrueItem:
    difficulty: float
    discrimination: float


def true_items(bank: Bank, rng: random.Random, noise: float = DIFFICULTY_NOISE) -> dict[str, TrueItem]:
    """How hard each item really is: our prior off by N(0, noise²), and a slope of its own."""
    return {item.id: TrueItem(difficulty(item) + rng.gauss(0.0, noise),
                              SLOPE * math.exp(rng.gauss(0.0, DISCRIMINATION_SD))) for item in bank}


@dataclass(frozen=True)
class SimulatedLearner:
    level: str
    ability: float
    slip: float  # chance of a wrong tap on a known item
    partial: float  # chance of ruling out one wrong choice before guessing

    @classmethod
    def draw(cls, rng: random.Random, spread: str = "uniform") -> SimulatedLearner:
        """A level uniformly among the five outcomes; an ability in its band (``uniform``: anywhere up to
        the cuts; ``typical``: around the middle, SD a quarter of the band)."""
        level = rng.choice((BELOW, *LEVELS))
        low, high = _band(level)
        width = CUTS["N4"] - CUTS["N5"]
        low, high = max(low, CUTS["N5"] - width), min(high, CUTS["N2"] + width)
        if spread == "uniform":
            ability = rng.uniform(low, high)
        else:
            ability = min(max(rng.gauss((low + high) / 2, width / 4), low + 1e-6), high - 1e-6)
        return cls(level, ability, rng.uniform(0.02, 0.10), rng.uniform(0.0, 0.4))

    def answer(self, item: Item, truth: TrueItem, rng: random.Random) -> int:
        """The index of the choice this learner taps."""
        known = 1.0 / (1.0 + math.exp(-truth.discrimination * (self.ability - truth.difficulty)))
        knows = rng.random() < known
        wrong = [k for k in range(len(item.choices)) if k != item.answer]
        if knows:
            return rng.choice(wrong) if rng.random() < self.slip else item.answer
        options = list(range(len(item.choices)))
        if rng.random() < self.partial:
            options.remove(rng.choice(wrong))
        return rng.choice(options)


def place(learner: SimulatedLearner, bank: Bank, truth: dict[str, TrueItem], rng: random.Random) -> Placement:
    """One adaptive placement, through the same functions a host calls."""
    state, item = next_item(None, bank, rng)
    while item is not None:
        state, _ = answer(state, bank, item.id, learner.answer(item, truth[item.id], rng))
        state, item = next_item(state, bank, rng)
    return result(state)


@dataclass(frozen=True)
class SimulationReport:
    learners: int
    accuracy: float  # share placed at their true level
    mean_items: float
    max_items: int
    by_level: dict[str, float]  # accuracy per true level
    below_placed_n5: float  # share of learners below N5 placed at N5

    def to_dict(self) -> dict:
        return dict(self.__dict__)


def simulate(n_learners: int, rng: random.Random, spread: str = "uniform", bank: Bank | None = None,
             noise: float = DIFFICULTY_NOISE) -> SimulationReport:
    """Place ``n_learners`` simulated learners; how often is the level right, in how many items?"""
    bank = bank or simulation_bank()
    truth = true_items(bank, rng, noise)
    right, counts = 0, []
    seen: dict[str, list[bool]] = {level: [] for level in (BELOW, *LEVELS)}
    below_at_n5 = 0
    for _ in range(n_learners):
        learner = SimulatedLearner.draw(rng, spread)
        placement = place(learner, bank, truth, rng)
        hit = placement.level == learner.level
        right += hit
        seen[learner.level].append(hit)
        below_at_n5 += learner.level == BELOW and placement.level == "N5"
        counts.append(placement.items)
    below = max(1, len(seen[BELOW]))
    return SimulationReport(n_learners, right / n_learners, sum(counts) / n_learners, max(counts),
                            {lv: sum(h) / max(1, len(h)) for lv, h in seen.items()}, below_at_n5 / below)


def ceiling(n_learners: int, rng: random.Random, spread: str = "uniform", n_items: int = 20) -> float:
    """What no placement rule can beat with ``n_items`` answers from these learners: an oracle that knows
    which cut each learner is nearest, asks all ``n_items`` there (four-choice items at the best
    difficulty, a little below the cut), and splits the number right at the best threshold for that cut
    (chosen knowing the learners' true levels). A real test must also find the cut, and cannot know the
    threshold; its accuracy is below this."""
    item = Item(id="ceiling", level=Level.N5, skill=Skill.KANJI, type=ItemType.KANJI_READING, prompt="-",
                choices=("a", "b", "c", "d"), answer=0, explanation="-", instruction=dict(_INSTRUCTION),
                source="simulation", licence="CC0")
    by_cut: dict[float, list[tuple[int, bool]]] = {cut: [] for cut in CUTS.values()}
    for _ in range(n_learners):
        learner = SimulatedLearner.draw(rng, spread)
        cut = min(CUTS.values(), key=lambda c: abs(learner.ability - c))
        right = 0
        for _ in range(n_items):
            truth = TrueItem(cut - 0.2 + rng.gauss(0.0, DIFFICULTY_NOISE),
                             SLOPE * math.exp(rng.gauss(0.0, DISCRIMINATION_SD)))
            right += learner.answer(item, truth, rng) == item.answer
        by_cut[cut].append((right, learner.ability >= cut))
    placed = 0
    for found in by_cut.values():
        placed += max(sum((count >= t) == above for count, above in found) for t in range(n_items + 2))
    return placed / n_learners
