"""Adaptive placement against a fixed-length test, on the same simulated learners and bank.

Prints accuracy (placed at the true level) and mean items for each, and the ratios to the docs/architecture.md
target (right level for ≥ 90% of learners in ≤ 20 items). The fixed test asks 10 items per level
(40 in all) and scores them with the same EAP estimate, so the difference is the choice of items.
Two learner populations: "typical" (abilities around the middle of their level's band) and
"uniform" (anywhere in the band, up to the cut: the harder case).
"""

import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from curriculum import placement  # noqa: E402

TARGET_ACCURACY, TARGET_ITEMS = 0.90, 20
PER_LEVEL = 10


def fixed_length(learner, bank, truth, rng) -> str:
    responses = []
    for level in placement.LEVELS:
        for item in rng.sample([i for i in bank if i.level == level], PER_LEVEL):
            right = learner.answers_right(truth[item.id], rng)
            responses.append([item.id, right, placement.difficulty(item)])
    return placement.level_for(placement.estimate(responses)[0])


def compare(learners: int, spread: str, seed: int) -> None:
    rng = random.Random(seed)
    bank = placement.simulation_bank()
    truth = placement.true_difficulties(bank, rng)
    adaptive_right = fixed_right = 0
    items = []
    start = time.perf_counter()
    for _ in range(learners):
        learner = placement.SimulatedLearner.draw(rng, spread)
        result = placement.place(learner, bank, truth, rng)
        adaptive_right += result.level == learner.level
        items.append(result.items)
        fixed_right += fixed_length(learner, bank, truth, rng) == learner.level
    elapsed = time.perf_counter() - start
    adaptive, fixed = adaptive_right / learners, fixed_right / learners
    mean = sum(items) / learners
    print(f"[{spread}] {learners} learners, seed {seed} ({elapsed:.1f} s)")
    print(f"  adaptive: accuracy {adaptive:.3f}, mean items {mean:.1f}, max {max(items)}")
    print(f"  fixed   : accuracy {fixed:.3f}, items {PER_LEVEL * len(placement.LEVELS)}")
    print(f"  adaptive accuracy / target ({TARGET_ACCURACY}) = {adaptive / TARGET_ACCURACY:.3f}; "
          f"max items / target ({TARGET_ITEMS}) = {max(items) / TARGET_ITEMS:.2f}")
    print(f"  adaptive / fixed: accuracy {adaptive / fixed:.3f}, items {mean / (PER_LEVEL * 4):.3f}")


def main(learners: int = 1000) -> None:
    for spread in ("typical", "uniform"):
        compare(learners, spread, seed=2026)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
