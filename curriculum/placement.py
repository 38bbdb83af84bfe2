"""Adaptive placement from N5 to N2 in as few items as it takes (docs/architecture.md: ≥ 90% in ≤ 20 items).

The model is Rasch (1PL): a learner of ability θ answers an item of difficulty b right with
probability 1 / (1 + e^(b − θ)). Our items are not calibrated yet, so each has a stated prior
difficulty: its level's cut point plus a small offset for its skill.

- ``CUTS[L]`` is the ability at which a learner just passes level L. JLPT pass marks sit near half
  of the scale (80–95 of 180), so a typical level-L item's difficulty is L's cut: a learner at the
  pass line answers it right half the time. The cuts are 3 logits apart, an ASSUMPTION to revisit
  once real answers calibrate the bank: a learner in the middle of a level then answers about four
  in five items of the level below right and one in five of the level above.
- Ability is the EAP (posterior mean) on a grid with a normal prior N(0, 2²); its standard error is
  the posterior standard deviation.
- The next item is the unused item with the most Fisher information p(1 − p) at the cut nearest the
  current estimate (the question to settle is which side of that cut the learner is on); near-ties
  are broken by the injected ``rng`` so learners do not all see the same items.
- The test stops after ``MIN_ITEMS`` once the standard error is below ``SE_STOP`` or the posterior
  puts ``CONFIDENCE`` of its mass inside the estimated level's band (the level is settled even if θ
  is not), and always after ``MAX_ITEMS``.

Simulation (``simulate``): learners of known level answer by the same model, while the bank's true
difficulties differ from our priors by N(0, 0.3²). With seed 2026 and 1,000 learners around the
middle of their level: 93% placed right, 16.9 items on average (``benchmarks/placement.py``). Learners
spread evenly up to the cuts are harder (about 89%): near a cut, no short test is sure.

The state is a JSON-safe dict; functions return a new one and never mutate their input. Hosts call
``present`` and ``submit`` (the JSON contract in ``xblocks/NATIVE_API.md``); the end fixes the level
and the study plan it proposes (``study_plan.plan_after_placement``).
"""

from __future__ import annotations

import copy
import math
import random
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

from .bank import Bank
from .drill_api import _shown as shown_item  # the same public view of an item as the drill
from .grading import AnswerError, Result, grade
from .instructions import default_instruction
from .item_types import ItemType, is_exam_format
from .items import TRANSLATION_LANGUAGES, Item, Level, Skill
from .japan_time import japan_date

LEVELS = ("N5", "N4", "N3", "N2")
BELOW = "below N5"
CUTS = {"N5": -4.5, "N4": -1.5, "N3": 1.5, "N2": 4.5}
#: Listening and reading items ask more of a learner than a word at the same level (stated prior).
SKILL_OFFSET = {"kanji": -0.2, "vocabulary": 0.0, "conversation": 0.0, "dialect": 0.0,
                "grammar": 0.1, "reading": 0.3, "listening": 0.3}
PRIOR_SD = 2.0
GRID = tuple(-7.0 + 0.1 * k for k in range(141))
MIN_ITEMS = 5
MAX_ITEMS = 20
SE_STOP = 0.45
CONFIDENCE = 0.97
TARGET_CUTS = True
NEAR_TIE = 0.005  # information within this of the best counts as equally good


class PlacementError(ValueError):
    """A submission the placement test refuses. Nothing changes."""


def difficulty(item: Item) -> float:
    """The stated prior difficulty of ``item`` on the ability scale."""
    return CUTS[item.level] + SKILL_OFFSET.get(item.skill, 0.0)  # StrEnums hash as their text


def level_for(theta: float) -> str:
    """The highest level whose cut ``theta`` reaches, or ``BELOW``."""
    return next((lv for lv in reversed(LEVELS) if theta >= CUTS[lv]), BELOW)


def _band(level: str) -> tuple[float, float]:
    edges = [-math.inf, *CUTS.values(), math.inf]
    index = 0 if level == BELOW else LEVELS.index(level) + 1
    return edges[index], edges[index + 1]


def _p(theta: float, b: float) -> float:
    return 1.0 / (1.0 + math.exp(b - theta))


@lru_cache(maxsize=512)
def _log_likelihood(b: float, correct: bool) -> tuple[float, ...]:
    return tuple(math.log(_p(t, b) if correct else 1.0 - _p(t, b)) for t in GRID)


_LOG_PRIOR = tuple(-0.5 * (t / PRIOR_SD) ** 2 for t in GRID)


def posterior(responses: list) -> list[float]:
    """Normalised posterior weights over ``GRID`` for ``[[item_id, correct, difficulty], ...]``."""
    logs = list(_LOG_PRIOR)
    for _, correct, b in responses:
        logs = [a + c for a, c in zip(logs, _log_likelihood(b, bool(correct)), strict=True)]
    top = max(logs)
    weights = [math.exp(v - top) for v in logs]
    total = sum(weights)
    return [w / total for w in weights]


def estimate(responses: list) -> tuple[float, float]:
    """EAP ability and its standard error (posterior SD) from the responses so far."""
    return _moments(posterior(responses))


def _moments(weights: list[float]) -> tuple[float, float]:
    mean = sum(w * t for w, t in zip(weights, GRID, strict=True))
    var = sum(w * (t - mean) ** 2 for w, t in zip(weights, GRID, strict=True))
    return mean, math.sqrt(var)


def _confidence(weights: list[float], level: str) -> float:
    low, high = _band(level)
    return sum(w for w, t in zip(weights, GRID, strict=True) if low <= t < high)


def empty_state() -> dict:
    theta, se = estimate([])
    return {"responses": [], "pending": None, "theta": theta, "se": se, "done": False}


def _asked(state: dict) -> set[str]:
    asked = {r[0] for r in state["responses"]}
    return asked | ({state["pending"]} if state["pending"] else set())


def next_item(state: dict | None, bank: Bank, rng: random.Random) -> tuple[dict, Item | None]:
    """The most informative unused item at the current estimate; None once placement is done.

    A pending item comes back unchanged (reload, lost tab).
    """
    state = copy.deepcopy(state) if state else empty_state()
    if state["done"]:
        return state, None
    if state["pending"] and state["pending"] in bank:
        return state, bank.get(state["pending"])
    asked = _asked(state)
    # only the exams' own formats, whose questions are Japanese: never an English meaning to match
    pool = [i for i in bank if i.level in LEVELS and is_exam_format(i.type) and i.id not in asked]
    if not pool:
        state["done"] = True
        state["pending"] = None
        return state, None
    target = _target(state["theta"]) if TARGET_CUTS else state["theta"]
    difficulties = {i.id: difficulty(i) for i in pool}
    info = {b: _information(target, b) for b in set(difficulties.values())}
    best = max(info.values())
    item = rng.choice([i for i in pool if info[difficulties[i.id]] >= best - NEAR_TIE])
    state["pending"] = item.id
    return state, item


def _target(theta: float) -> float:
    return min(CUTS.values(), key=lambda cut: abs(cut - theta))


def _information(theta: float, b: float) -> float:
    p = _p(theta, b)
    return p * (1.0 - p)


def answer(state: dict, bank: Bank, item_id: object, choice: object) -> tuple[dict, Result]:
    """Grade the learner's choice for the pending item and update the ability estimate."""
    state = copy.deepcopy(state)
    if state["done"] or not isinstance(item_id, str) or item_id != state["pending"]:
        raise PlacementError("This question was not served to you, or it was already answered.")
    item = bank.get(item_id)
    try:
        result = grade(item, choice)
    except AnswerError as exc:
        raise PlacementError(str(exc)) from None
    state["responses"].append([item_id, result.correct, difficulty(item)])
    state["pending"] = None
    weights = posterior(state["responses"])
    state["theta"], state["se"] = _moments(weights)
    state["done"] = _should_stop(state, weights)
    return state, result


def _should_stop(state: dict, weights: list[float]) -> bool:
    count = len(state["responses"])
    if count >= MAX_ITEMS:
        return True
    if count < MIN_ITEMS:
        return False
    settled = _confidence(weights, level_for(state["theta"])) >= CONFIDENCE
    return state["se"] < SE_STOP or settled


@dataclass(frozen=True)
class Placement:
    level: str  # "N5" … "N2", or "below N5"
    ability: float
    standard_error: float
    items: int
    done: bool

    def to_dict(self) -> dict:
        return dict(self.__dict__)

    @classmethod
    def from_dict(cls, data: dict) -> Placement:
        return cls(**data)


def result(state: dict) -> Placement:
    """The placement so far (final once ``done``)."""
    return Placement(level_for(state["theta"]), round(state["theta"], 3), round(state["se"], 3),
                     len(state["responses"]), state["done"])


# --- simulation ---------------------------------------------------------------------------------

_SIM_TYPES = ((ItemType.KANJI_READING, Skill.KANJI), (ItemType.CONTEXTUAL_MEANING, Skill.VOCABULARY),
              (ItemType.GRAMMAR_FORM, Skill.GRAMMAR), (ItemType.PARAPHRASE, Skill.VOCABULARY))
_INSTRUCTION = {code: "-" for code in ("ja", *TRANSLATION_LANGUAGES)}


def simulation_bank(per_level: int = 60) -> Bank:
    """A synthetic bank: ``per_level`` items at each level, spread over skills with different offsets."""
    items = []
    for level in LEVELS:
        for k in range(per_level):
            item_type, skill = _SIM_TYPES[k % len(_SIM_TYPES)]
            items.append(Item(
                id=f"sim-{level}-{k}", level=Level(level), skill=skill, type=item_type,
                prompt=f"{level} {k}", choices=("a", "b", "c", "d"), answer=k % 4, explanation="-",
                instruction=default_instruction(item_type) or dict(_INSTRUCTION),
                source="simulation", licence="CC0"))
    return Bank(items)


@dataclass(frozen=True)
class SimulatedLearner:
    """A learner of known level and ability answering by the Rasch model."""

    level: str
    ability: float

    @classmethod
    def draw(cls, rng: random.Random, spread: str = "typical") -> SimulatedLearner:
        """A level uniformly among the five outcomes; an ability in its band.

        ``typical``: around the band's middle (SD 0.5, a quarter of the band's width), as learners who
        clearly belong to a level. ``uniform``: anywhere in the band, up to the cut (a harder case).
        """
        level = rng.choice((BELOW, *LEVELS))
        low, high = _band(level)
        width = CUTS["N4"] - CUTS["N5"]
        low, high = max(low, CUTS["N5"] - width), min(high, CUTS["N2"] + width)
        if spread == "uniform":
            return cls(level, rng.uniform(low, high))
        middle = (low + high) / 2
        return cls(level, min(max(rng.gauss(middle, width / 4), low + 1e-6), high - 1e-6))

    def answers_right(self, true_difficulty: float, rng: random.Random) -> bool:
        return rng.random() < _p(self.ability, true_difficulty)


def true_difficulties(bank: Bank, rng: random.Random, noise: float = 0.3) -> dict[str, float]:
    """The bank's 'real' difficulties: our stated priors are off by N(0, noise²) per item."""
    return {item.id: difficulty(item) + rng.gauss(0.0, noise) for item in bank}


def place(learner: SimulatedLearner, bank: Bank, truth: dict[str, float], rng: random.Random) -> Placement:
    """Run one adaptive placement for a simulated learner, through the same functions a host calls."""
    state, item = next_item(None, bank, rng)
    while item is not None:
        right = learner.answers_right(truth[item.id], rng)
        choice = item.answer if right else (item.answer + 1) % len(item.choices)
        state, _ = answer(state, bank, item.id, choice)
        state, item = next_item(state, bank, rng)
    return result(state)


@dataclass(frozen=True)
class SimulationReport:
    learners: int
    accuracy: float  # share placed at their true level
    mean_items: float
    max_items: int

    def to_dict(self) -> dict:
        return dict(self.__dict__)


def simulate(n_learners: int, rng: random.Random, spread: str = "typical",
             bank: Bank | None = None) -> SimulationReport:
    """Place ``n_learners`` simulated learners of known levels; how often is the level right?"""
    bank = bank or simulation_bank()
    truth = true_difficulties(bank, rng)
    right, counts = 0, []
    for _ in range(n_learners):
        learner = SimulatedLearner.draw(rng, spread)
        placement = place(learner, bank, truth, rng)
        right += placement.level == learner.level
        counts.append(placement.items)
    return SimulationReport(n_learners, right / n_learners, sum(counts) / n_learners, max(counts))


# --- the JSON contract both hosts serve (xblocks/NATIVE_API.md) ---------------------------------


def progress_of(state: dict) -> dict:
    """Answers so far, the most the test asks, and whether it is over."""
    return {"answered": len(state["responses"]), "max_items": MAX_ITEMS, "done": state["done"]}


def _finish(state: dict, now: datetime) -> None:
    """Fix the level and the plan it proposes, once, when the test ends."""
    from .study_plan import plan_after_placement, plan_summary  # late: study_plan imports this module

    level = level_for(state["theta"])
    state["level"] = level
    state["plan"] = plan_summary(plan_after_placement(level, japan_date(now)))
    state["finished_at"] = now.isoformat()


def outcome_of(state: dict) -> dict | None:
    """The level, the plan and when the test ended; None while it runs."""
    if not state["done"] or "level" not in state:
        return None
    return {"level": state["level"], "plan": state["plan"], "finished_at": state["finished_at"]}


def present(state: dict | None, bank: Bank, rng: random.Random, now: datetime,
            language: str = "en") -> tuple[dict, dict]:
    """The question to answer (never its answer), the progress, and the outcome once done."""
    state, item = next_item(state, bank, rng)
    if state["done"] and "level" not in state:  # the bank ran out of items
        _finish(state, now)
    payload = {"item": shown_item(item, bank, language) if item else None, "progress": progress_of(state),
               "outcome": outcome_of(state)}
    return state, payload


def submit(state: dict | None, bank: Bank, data: object, rng: random.Random, now: datetime,
           language: str = "en") -> tuple[dict, dict, Result]:
    """Take ``{"item_id", "choice"}`` and present what comes next; the browser never learns the key.

    Raises ``PlacementError`` for anything malformed, forged, replayed or sent after the end (a client
    cannot post a level or a score: any other key is refused); the host's state is then unchanged.
    """
    if not isinstance(data, dict) or set(data) != {"item_id", "choice"}:
        raise PlacementError('Send {"item_id": "...", "choice": <number>} and nothing else.')
    state = copy.deepcopy(state) if state else empty_state()
    state, graded = answer(state, bank, data["item_id"], data["choice"])
    if state["done"]:
        _finish(state, now)
    state, payload = present(state, bank, rng, now, language)
    return state, payload, graded
