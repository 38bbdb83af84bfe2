"""Adaptive placement from N5 to N2 in as few items as it takes (DESIGN.md: ≥ 90% right in ≤ 20 items).

The model is a 1PL with guessing and slips: a learner of ability θ answers an item of difficulty b
with c choices right with probability g + (1 − g − s) / (1 + e^(a(b − θ))), where g = 1/c (a learner
who does not know picks a choice at random), s = ``SLIP`` (one who knows sometimes taps the wrong
one) and a = ``SLOPE`` for every item. Our items are not calibrated yet, so each has a stated prior
difficulty: its level's cut point plus a small offset for its skill.

- ``CUTS[L]`` is the ability at which a learner just passes level L: they know a typical level-L
  item half the time. The cuts are 3 logits apart and the slope is 1.5, ASSUMPTIONS to revisit once
  real answers calibrate the bank: a learner in the middle of a level then knows about nine in ten
  items of the level below and one in ten of the level above.
- Ability is the posterior on a grid with a wide normal prior N(0, 3²); the level is the band with
  the most posterior mass (the Bayes choice for "right level"), the standard error its SD.
- The next item is the unused item with the most Fisher information at the cut the posterior is least
  sure about (the most mass on its lighter side; with guessing, the best item is a little easier than
  the cut); near-ties are broken by the injected ``rng`` so learners do not all see the same items.
- The test stops after ``MIN_ITEMS`` once the posterior puts ``CONFIDENCE`` of its mass inside one
  band, and always after ``MAX_ITEMS``. Measured against learners who guess, slip and half-know
  (1,000 each, seed 2026): see the figures in ``benchmarks/README.md``.
- Only the exams' own formats (Japanese questions) are asked: never an English meaning to match.

Simulation: ``placement_simulation.py`` draws learners who answer by a DIFFERENT model than this one
(their own guessing on 3- and 4-choice items, with partial knowledge; their own slip rate; items whose
true difficulty and discrimination differ from our priors; abilities anywhere in their level's band).
The figures are in ``tests/benchmarks/test_placement_guessing.py`` and ``benchmarks/placement.py``.

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

from . import forms
from .bank import Bank
from .drill_api import _shown as shown_item  # the same public view of an item as the drill
from .grading import AnswerError, Result, grade
from .item_types import is_exam_format
from .items import Item
from .japan_time import japan_date
from .levels import BELOW, LEVELS
from .study_plan import plan_after_placement, plan_summary

__all__ = ["BELOW", "LEVELS"]  # re-exported: hosts read them here

CUTS = {"N5": -4.5, "N4": -1.5, "N3": 1.5, "N2": 4.5}
#: Listening and reading items ask more of a learner than a word at the same level (stated prior).
SKILL_OFFSET = {"kanji": -0.2, "vocabulary": 0.0, "conversation": 0.0, "dialect": 0.0,
                "grammar": 0.1, "reading": 0.3, "listening": 0.3}
PRIOR_SD = 5.0
GRID = tuple(-9.0 + 0.1 * k for k in range(181))
SLIP = 0.05
SLOPE = 1.5
MIN_ITEMS = 6
MAX_ITEMS = 20
CONFIDENCE = 0.99
TARGET_CUTS = True
NEAR_TIE = 0.005  # information within this of the best counts as equally good


class PlacementError(ValueError):
    """A submission the placement test refuses. Nothing changes."""


def difficulty(item: Item) -> float:
    """The stated prior difficulty of ``item`` on the ability scale."""
    return CUTS[item.level] + SKILL_OFFSET.get(item.skill, 0.0)  # StrEnums hash as their text


def guessing(item: Item) -> float:
    """The chance of a right answer by picking at random: 1/3 or 1/4."""
    return 1.0 / len(item.choices)


def level_for(theta: float) -> str:
    """The highest level whose cut ``theta`` reaches, or ``BELOW``."""
    return next((lv for lv in reversed(LEVELS) if theta >= CUTS[lv]), BELOW)


def _band(level: str) -> tuple[float, float]:
    edges = [-math.inf, *CUTS.values(), math.inf]
    index = 0 if level == BELOW else LEVELS.index(level) + 1
    return edges[index], edges[index + 1]


def _p(theta: float, b: float) -> float:
    return 1.0 / (1.0 + math.exp(SLOPE * (b - theta)))


def p_right(theta: float, b: float, guess: float = 0.25, slip: float = SLIP) -> float:
    """The estimator's chance of a right answer: a guess if not known, a slip if known."""
    return guess + (1.0 - guess - slip) * _p(theta, b)


@lru_cache(maxsize=1024)
def _log_likelihood(b: float, correct: bool, guess: float) -> tuple[float, ...]:
    return tuple(math.log(p_right(t, b, guess) if correct else 1.0 - p_right(t, b, guess)) for t in GRID)


_LOG_PRIOR = tuple(-0.5 * (t / PRIOR_SD) ** 2 for t in GRID)


def posterior(responses: list) -> list[float]:
    """Normalised posterior weights over ``GRID`` for ``[[item_id, correct, difficulty, guess], ...]``
    (states saved before guessing was modelled have no ``guess``: a four-choice item)."""
    logs = list(_LOG_PRIOR)
    for response in responses:
        correct, b = response[1], response[2]
        guess = response[3] if len(response) > 3 else 0.25
        logs = [a + c for a, c in zip(logs, _log_likelihood(b, bool(correct), guess), strict=True)]
    top = max(logs)
    weights = [math.exp(v - top) for v in logs]
    total = sum(weights)
    return [w / total for w in weights]


def estimate(responses: list) -> tuple[float, float]:
    """Posterior-mean ability and its standard error (posterior SD) from the responses so far."""
    return _moments(posterior(responses))


def _moments(weights: list[float]) -> tuple[float, float]:
    mean = sum(w * t for w, t in zip(weights, GRID, strict=True))
    var = sum(w * (t - mean) ** 2 for w, t in zip(weights, GRID, strict=True))
    return mean, math.sqrt(var)


def _confidence(weights: list[float], level: str) -> float:
    low, high = _band(level)
    return sum(w for w, t in zip(weights, GRID, strict=True) if low <= t < high)


def likeliest_level(weights: list[float]) -> str:
    """The band holding the most posterior mass."""
    return max((BELOW, *LEVELS), key=lambda level: _confidence(weights, level))


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
    # only the exams' own formats, whose questions are Japanese: never an English meaning to match; never
    # a question of the mock tests' forms B and C, which stay unseen (curriculum.forms)
    held = forms.held_out(bank)
    pool = [i for i in bank if i.level in LEVELS and is_exam_format(i.type) and i.id not in asked
            and i.id not in held]
    if not pool:
        state["done"] = True
        state["pending"] = None
        return state, None
    target = _target(posterior(state["responses"])) if TARGET_CUTS else state["theta"]
    shapes = {i.id: (difficulty(i), guessing(i)) for i in pool}
    info = {shape: _information(target, *shape) for shape in set(shapes.values())}
    best = max(info.values())
    item = rng.choice([i for i in pool if info[shapes[i.id]] >= best - NEAR_TIE])
    state["pending"] = item.id
    return state, item


def _target(weights: list[float]) -> float:
    """The cut the posterior is least sure which side of: the most mass on its lighter side."""

    def doubt(cut: float) -> float:
        below = sum(w for w, t in zip(weights, GRID, strict=True) if t < cut)
        return min(below, 1.0 - below)

    return max(CUTS.values(), key=doubt)


def _information(theta: float, b: float, guess: float = 0.25) -> float:
    """Fisher information of a right/wrong answer about θ under the guessing-and-slip model."""
    logistic = _p(theta, b)
    slope = (1.0 - guess - SLIP) * SLOPE * logistic * (1.0 - logistic)
    p = p_right(theta, b, guess)
    return slope * slope / (p * (1.0 - p))


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
    state["responses"].append([item_id, result.correct, difficulty(item), guessing(item)])
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
    return _confidence(weights, likeliest_level(weights)) >= CONFIDENCE


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
    return Placement(likeliest_level(posterior(state["responses"])), round(state["theta"], 3),
                     round(state["se"], 3), len(state["responses"]), state["done"])


# --- the JSON contract both hosts serve (xblocks/NATIVE_API.md) ---------------------------------


def progress_of(state: dict) -> dict:
    """Answers so far, the most the test asks, and whether it is over."""
    return {"answered": len(state["responses"]), "max_items": MAX_ITEMS, "done": state["done"]}


def _finish(state: dict, now: datetime) -> None:
    """Fix the level and the plan it proposes, once, when the test ends."""
    level = likeliest_level(posterior(state["responses"]))
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
