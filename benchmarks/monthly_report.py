"""Build and write the monthly report at the two sizes of docs/architecture.md's targets, against raw pandas.

- 300 learners with a month of activity (lists of dicts, as ``reports.data`` loads them): ≤ 3 s.
- 100,000 learners × 365 days of activity (~40% study days, ~14.6 M rows, synthesised with numpy):
  ``build`` for one month plus writing the .xlsx (a 100,000-row Learners sheet): ≤ 60 s and ≤ 4 GB.
  Measured twice: given the month's rows (what the CLI passes) and given the whole year (it filters).

Baseline: raw pandas over the same frame — keep the month's rows, one group-by per learner (items,
correct, last day, days logged in). Prints seconds, the process's peak resident memory during the
step (VmHWM, reset before each step where Linux allows; it includes the input rows already in
memory) and the ratios to the baseline and to the targets.

    python benchmarks/monthly_report.py [LEARNERS ...]     # default: 300 100000
"""

import gc
import random
import resource
import sys
import tempfile
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reports.monthly import Month, build, write_xlsx  # noqa: E402

MONTH = Month(2026, 10)
SMALL_TARGET_S = 3.0
LARGE_TARGET_S, LARGE_TARGET_MB = 60.0, 4096.0
STUDY_SHARE = 0.4


def fake_programme(learners: int, month: Month, rng: random.Random):
    """A small programme as ``reports.data.records`` returns it: lists of dicts."""
    companies = [{"company": f"Company {c:03d}", "employees": rng.choice([12, 25, 40, 120])}
                 for c in range(learners // 4)]
    people = [{"login_id": f"k26-{n:04d}", "company": companies[n % len(companies)]["company"],
               "level": rng.choice(["N5", "N4", "N3"]), "status": "active", "joined_on": date(2026, 6, 1)}
              for n in range(learners)]
    activity = []
    for person in people:
        d = month.first
        while d <= month.last:
            if rng.random() < STUDY_SHARE:
                answered = rng.randrange(5, 40)
                activity.append({"login_id": person["login_id"], "day": d, "logins": 1,
                                 "items_answered": answered, "items_correct": rng.randrange(answered + 1)})
            d += timedelta(days=1)
    return companies, people, activity


def fake_year(learners: int, year: int, rng: np.random.Generator):
    """A large programme as DataFrames: a year of daily activity, vectorised (no per-row Python)."""
    ids = np.array([f"k26-{n:06d}" for n in range(learners)], dtype=object)
    company_of = np.arange(learners) // 4
    names = np.array([f"Company {c:05d}" for c in range(company_of.max() + 1)], dtype=object)
    companies = pd.DataFrame({"company": names, "employees": rng.choice([12, 25, 40, 120], len(names))})
    people = pd.DataFrame({"login_id": ids, "company": names[company_of],
                           "level": rng.choice(np.array(["N5", "N4", "N3"], dtype=object), learners),
                           "status": "active", "joined_on": date(year, 1, 1)})
    days = 366 if pd.Timestamp(year=year, month=1, day=1).is_leap_year else 365
    who, day = np.nonzero(rng.random((learners, days), dtype=np.float32) < STUDY_SHARE)
    answered = rng.integers(5, 40, len(who), dtype=np.int32)
    activity = pd.DataFrame({
        "login_id": ids[who],
        "day": np.datetime64(f"{year}-01-01", "D") + day.astype("timedelta64[D]"),
        "logins": np.ones(len(who), dtype=np.int32), "items_answered": answered,
        "items_correct": (rng.random(len(who)) * (answered + 1)).astype(np.int32),
    })
    activity["day"] = activity["day"].astype("datetime64[s]")
    return companies, people, activity


def baseline(activity: pd.DataFrame, month: Month) -> pd.DataFrame:
    """What raw pandas does for the month: filter, then one group-by per learner."""
    day = activity["day"]
    month_rows = activity[(day >= pd.Timestamp(month.first)) & (day <= pd.Timestamp(month.last))]
    return month_rows.groupby("login_id").agg(answered=("items_answered", "sum"),
                                              correct=("items_correct", "sum"), last=("day", "max"),
                                              days=("day", "nunique"))


def report(month: Month, companies, people, activity, tmp: Path) -> int:
    frames = build(month, companies, people, activity, datetime.now(timezone.utc))
    return write_xlsx(frames, tmp / "report.xlsx").stat().st_size


def measure(step, *args):
    """(seconds, peak MB during the step, result)."""
    gc.collect()
    _reset_peak()
    start = time.perf_counter()
    result = step(*args)
    return time.perf_counter() - start, _peak_mb(), result


def _reset_peak() -> None:
    try:
        Path("/proc/self/clear_refs").write_text("5")  # Linux ≥ 4.0: reset VmHWM
    except OSError:
        pass


def _peak_mb() -> float:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    # ru_maxrss: kilobytes on Linux, bytes on macOS; never reset, so an upper bound.
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024 if sys.platform == "darwin" else 1024)


def _line(label: str, seconds: float, peak: float, base: tuple[float, float] | None = None) -> str:
    text = f"  {label:<34} {seconds:7.2f} s  peak {peak:8.0f} MB"
    if base:
        text += f"  | ×{seconds / base[0]:5.1f} time, ×{peak / base[1]:4.2f} memory vs raw pandas"
    return text


def small(learners: int) -> None:
    companies, people, activity = fake_programme(learners, MONTH, random.Random(7))
    with tempfile.TemporaryDirectory() as tmp:
        seconds, peak, size = measure(report, MONTH, companies, people, activity, Path(tmp))
    frame = pd.DataFrame(activity).assign(day=lambda f: pd.to_datetime(f["day"]))
    base_s, base_mb, _ = measure(baseline, frame, MONTH)
    print(f"{learners} learners, {len(activity):,} activity rows (lists of dicts), xlsx {size / 1024:.0f} KB")
    print(_line("raw pandas (month group-by)", base_s, base_mb))
    print(_line("build + write .xlsx", seconds, peak, (base_s, base_mb)))
    print(f"  ratio to target ({SMALL_TARGET_S:g} s) = {seconds / SMALL_TARGET_S:.3f}")


def large(learners: int) -> None:
    start = time.perf_counter()
    companies, people, year = fake_year(learners, MONTH.year, np.random.default_rng(7))
    made = time.perf_counter() - start
    keep = (year["day"] >= pd.Timestamp(MONTH.first)) & (year["day"] <= pd.Timestamp(MONTH.last))
    month_rows = year[keep].reset_index(drop=True)
    print(f"{learners:,} learners × 365 days: {len(year):,} activity rows ({made:.1f} s to synthesise), "
          f"{len(month_rows):,} in {MONTH}, {len(companies):,} companies; rows as DataFrames")
    with tempfile.TemporaryDirectory() as tmp:
        for label, rows in (("given the month's rows", month_rows), ("given the whole year", year)):
            base_s, base_mb, _ = measure(baseline, rows, MONTH)
            build_s, build_mb, frames = measure(build, MONTH, companies, people, rows,
                                                datetime.now(timezone.utc))
            write_s, write_mb, path = measure(write_xlsx, frames, Path(tmp) / "report.xlsx")
            del frames
            total_s, total_mb = build_s + write_s, max(build_mb, write_mb)
            print(f" {label}:")
            print(_line("raw pandas (month group-by)", base_s, base_mb))
            print(_line("build", build_s, build_mb, (base_s, base_mb)))
            print(_line(f"write .xlsx ({path.stat().st_size / 2**20:.1f} MB)", write_s, write_mb))
            print(_line("build + write", total_s, total_mb, (base_s, base_mb))
                  + f"\n  ratio to target ({LARGE_TARGET_S:g} s, {LARGE_TARGET_MB:g} MB) = "
                    f"{total_s / LARGE_TARGET_S:.3f} time, {total_mb / LARGE_TARGET_MB:.3f} memory")


def main(sizes: list[int]) -> None:
    for learners in sizes:
        (small if learners <= 10_000 else large)(learners)


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [300, 100_000])
