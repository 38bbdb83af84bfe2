"""Server time of one drill answer in the curriculum core: present the next item, then submit.

Prints p50/p95/max over N answers and the ratio to the target in docs/architecture.md (p95 ≤ 10 ms).
The hosts add their own overhead (JSON, the database row); this is the floor they share.
"""

import statistics
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from curriculum import drill_api  # noqa: E402
from curriculum.bank import default_bank  # noqa: E402
from curriculum.drill import DrillConfig  # noqa: E402

TARGET_P95_MS = 10.0


def main(answers: int = 2000) -> None:
    bank, config = default_bank(), DrillConfig(item_count=100)
    now = datetime(2026, 11, 27, tzinfo=timezone.utc)
    state, timings = None, []
    for k in range(answers):
        start = time.perf_counter()
        state, shown = drill_api.present(state, config, bank, now)
        item = bank.get(shown["item"]["id"])
        state, _, _ = drill_api.submit(state, config, bank, {"item_id": item.id,
                                                                 "choice": k % len(item.choices)}, now)
        if drill_api.drill.round_complete(state, config):
            state = drill_api.drill.start_new_round(state, config)
        timings.append((time.perf_counter() - start) * 1000)
        now += timedelta(seconds=20)
    timings.sort()
    p95 = timings[int(0.95 * len(timings))]
    print(f"answers: {answers}, cards in state: {len(state['cards'])}")
    print(f"p50 {statistics.median(timings):.3f} ms, p95 {p95:.3f} ms, max {timings[-1]:.3f} ms")
    print(f"p95 / target ({TARGET_P95_MS} ms) = {p95 / TARGET_P95_MS:.3f}")


if __name__ == "__main__":
    main()
