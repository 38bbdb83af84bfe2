"""Placement against learners who answer by a different model than the estimator (guessing on 3- and
4-choice items with partial knowledge, their own slips, noisy item difficulties and slopes, abilities
anywhere in a level). ``python benchmarks/placement.py`` prints the same figures for 1,000 learners.

Measured (seed 2026, 1,000 learners; ``python benchmarks/placement.py``): 89.7% right for learners around
the middle of their level and 86.4% for learners anywhere in it, in at most 20 items (18.2 on average).

The target (≥ 90% for learners anywhere in a level) is out of reach of any rule with 20 answers from these
learners: ``ceiling`` lets an oracle that knows each learner's nearest cut ask all 20 items there and split
the number right at the best threshold, and it places 89.7% of them (92.9% of those around the middle).
The test reaches 96% of that bound; it loses the rest finding the cut. Tried against the same learners
(common random numbers, 3,000 per variant): a flat prior over the levels, choosing items by the
information their answer gives about the level (not about θ at one cut), a guessing floor raised for
learners who rule out a choice (1/c → 0.27 and 0.37), other slopes (1.2–1.8) and slips (10%), a higher
stopping confidence (0.995) and at least 10 items: every one within ±0.5 point of the present rule
(89.3–89.8% around the middle), so the rule stays as it is.
"""

import random

from curriculum import placement
from curriculum.placement_simulation import SimulatedLearner, ceiling, simulate, simulation_bank, true_items


def test_learners_anywhere_in_a_level_are_mostly_placed_right_in_at_most_20_items():
    report = simulate(200, random.Random(2026), "uniform")
    print(f"\nuniform: {report.to_dict()}")
    assert report.max_items <= placement.MAX_ITEMS
    assert report.accuracy >= 0.84
    assert min(report.by_level.values()) >= 0.7
    assert report.below_placed_n5 <= 0.25  # was 79% before guessing was modelled


def test_learners_around_the_middle_of_a_level_are_placed_right_nearly_always():
    report = simulate(200, random.Random(2027), "typical")
    print(f"\ntypical: {report.to_dict()}")
    assert report.accuracy >= 0.86 and report.max_items <= placement.MAX_ITEMS


def test_the_learners_do_not_answer_by_the_estimators_model():
    """A learner who knows nothing still beats 1/4 on four choices by ruling out a wrong one."""
    rng = random.Random(1)
    bank = simulation_bank(20)
    truth = true_items(bank, rng)
    item = next(i for i in bank if len(i.choices) == 4)
    clueless = SimulatedLearner("below N5", -30.0, slip=0.0, partial=1.0)
    rate = sum(clueless.answer(item, truth[item.id], rng) == item.answer for _ in range(3000)) / 3000
    assert 0.30 < rate < 0.37  # 1/3, not the estimator's 1/4
    assert len({round(t.discrimination, 3) for t in truth.values()}) > 1
    assert any(abs(t.difficulty - placement.difficulty(bank.get(i))) > 0.3 for i, t in truth.items())


def test_no_rule_places_nine_in_ten_learners_anywhere_in_a_level_with_20_answers():
    """The oracle's ceiling: all 20 items at the learner's nearest cut, the best threshold there."""
    anywhere = ceiling(2000, random.Random(2026), "uniform")
    middle = ceiling(2000, random.Random(2026), "typical")
    assert 0.86 < anywhere < 0.91 < middle < 0.95
    assert ceiling(2000, random.Random(2026), "uniform", n_items=10) < anywhere  # more answers, more right
    report = simulate(200, random.Random(2026), "uniform")
    assert report.accuracy >= 0.9 * anywhere
