"""Build and write the monthly report for 300 learners with a full month of activity.

Prints the seconds taken and the ratio to the DESIGN.md target (300 learners ≤ 3 s).
"""

import random
import sys
import tempfile
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reports.monthly import Month, build, write_xlsx  # noqa: E402

TARGET_S = 3.0


def fake_programme(learners: int, month: Month, rng: random.Random):
    companies = [{"company": f"Company {c:03d}", "employees": rng.choice([12, 25, 40, 120])}
                 for c in range(learners // 4)]
    people = [{"login_id": f"k26-{n:04d}", "company": companies[n % len(companies)]["company"],
               "level": rng.choice(["N5", "N4", "N3"]), "status": "active", "joined_on": date(2026, 6, 1)}
              for n in range(learners)]
    activity = []
    for person in people:
        d = month.first
        while d <= month.last:
            if rng.random() < 0.4:
                answered = rng.randrange(5, 40)
                activity.append({"login_id": person["login_id"], "day": d, "logins": 1,
                                 "items_answered": answered, "items_correct": rng.randrange(answered + 1)})
            d += timedelta(days=1)
    return companies, people, activity


def main(learners: int = 300) -> None:
    month = Month(2026, 10)
    companies, people, activity = fake_programme(learners, month, random.Random(7))
    start = time.perf_counter()
    frames = build(month, companies, people, activity, datetime.now(timezone.utc))
    with tempfile.TemporaryDirectory() as tmp:
        path = write_xlsx(frames, Path(tmp) / "report.xlsx")
        size = path.stat().st_size
    seconds = time.perf_counter() - start
    print(f"learners: {learners}, activity rows: {len(activity)}, xlsx: {size / 1024:.0f} KB")
    print(f"build + write: {seconds:.2f} s; ratio to target ({TARGET_S} s) = {seconds / TARGET_S:.3f}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 300)
