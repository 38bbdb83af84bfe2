"""Adaptive placement against learners who answer by a different model than the estimator assumes.

The learners (``curriculum/placement_simulation.py``) guess on 3- and 4-choice items, often after ruling
out a wrong choice; slip at their own rate; meet items whose true difficulty and slope differ from our
priors. Two populations: "typical" (abilities around the middle of their level's band) and "uniform"
(anywhere in the band, up to the cut: the harder case). Prints accuracy, per-level accuracy, the share
of learners below N5 placed at N5, mean and max items, and the ratios to the DESIGN.md target
(right level for ≥ 90% of learners in ≤ 20 items); then the ceiling no rule can beat with 20 answers
from these learners (``placement_simulation.ceiling``), and the ratio to it.
"""

import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from curriculum.placement_simulation import ceiling, simulate  # noqa: E402

TARGET_ACCURACY, TARGET_ITEMS = 0.90, 20


def main(learners: int = 1000, seed: int = 2026) -> None:
    for spread in ("typical", "uniform"):
        start = time.perf_counter()
        report = simulate(learners, random.Random(seed), spread)
        elapsed = time.perf_counter() - start
        levels = ", ".join(f"{level} {share:.2f}" for level, share in report.by_level.items())
        print(f"[{spread}] {learners} learners, seed {seed} ({elapsed:.1f} s)")
        print(f"  accuracy {report.accuracy:.3f} ({levels})")
        print(f"  below N5 placed at N5: {report.below_placed_n5:.2f}")
        print(f"  items: mean {report.mean_items:.1f}, max {report.max_items}")
        print(f"  accuracy / target ({TARGET_ACCURACY}) = {report.accuracy / TARGET_ACCURACY:.3f}; "
              f"max items / target ({TARGET_ITEMS}) = {report.max_items / TARGET_ITEMS:.2f}")
        bound = ceiling(4 * learners, random.Random(seed), spread, TARGET_ITEMS)
        print(f"  ceiling {bound:.3f} (an oracle: all {TARGET_ITEMS} items at each learner's nearest cut, "
              f"split at the best threshold); accuracy / ceiling = {report.accuracy / bound:.3f}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
