"""The listening audio's weight: the repository's growth, bytes per item, and a learner's data in 15 minutes.

Measured from the committed files (``curriculum/content/audio``) and their manifest; the practice is
the real drill (``curriculum.drill``) drawing listening items of one level with a fixed seed, and a
learner who is quick: hears each recording once to the end (``--plays`` more times from the browser's
cache cost nothing more: the files are hash-named and cached for a year), then spends ``--answer``
seconds answering and reading the script. The JSON of the drill's two requests per item is added
(their JSON as the contract sends it, plus headers). Every recording a session plays is downloaded once.

Usage: ``python benchmarks/listening_data.py [--minutes 15] [--answer 10]``
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TARGET_BYTES = 1_000_000
HTTP_OVERHEAD = 1_500  # request and response headers of the two JSON calls and the audio's


def repository_growth() -> tuple[int, int]:
    """(bytes of the audio folder on disk, bytes git stores for it: packed objects, when committed)."""
    folder = ROOT / "curriculum" / "content" / "audio"
    on_disk = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
    listed = subprocess.run(["git", "-C", str(ROOT), "ls-files", "-s", "curriculum/content/audio"],
                            capture_output=True, text=True).stdout.split("\n")
    objects = "\n".join(line.split()[1] for line in listed if line.strip())
    sizes = subprocess.run(["git", "-C", str(ROOT), "cat-file", "--batch-check=%(objectsize:disk)"],
                           input=objects, capture_output=True, text=True).stdout.split()
    return on_disk, sum(int(s) for s in sizes if s.isdigit())


def practice(level: str, minutes: float, answer_seconds: float) -> tuple[int, int, float]:
    """(bytes, items, seconds) of one listening practice of ``minutes`` at ``level``."""
    from curriculum import drill_api
    from curriculum.bank import default_bank
    from curriculum.build_audio import LISTENING_TYPES
    from curriculum.drill import DrillConfig

    bank = default_bank()
    files = json.loads((ROOT / "curriculum/content/audio/manifest.json").read_text())["files"]
    config = DrillConfig(level=level, item_count=100, types=tuple(sorted(LISTENING_TYPES)))
    now = datetime(2026, 7, 14, 3, tzinfo=timezone.utc)
    state, spent, seconds, heard, items = None, 0, 0.0, set(), 0
    while seconds < minutes * 60:
        state, payload = drill_api.present(state, config, bank, now)
        item = payload["item"]
        if item is None:
            break
        stimulus = bank.stimuli[bank.get(item["id"]).stimulus]
        entry = files[stimulus["id"]]
        if entry["file"] not in heard:
            heard.add(entry["file"])
            spent += entry["bytes"]
        answer = {"item_id": item["id"], "choice": 0}
        state, result, _grade = drill_api.submit(state, config, bank, answer, now)
        spent += len(json.dumps(payload, ensure_ascii=False).encode()) + len(json.dumps(result).encode())
        spent += HTTP_OVERHEAD
        seconds += entry["seconds"] + answer_seconds
        items += 1
    return spent, items, seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=15)
    parser.add_argument("--answer", type=float, default=10, help="seconds to answer and read, per item")
    args = parser.parse_args()
    files = json.loads((ROOT / "curriculum/content/audio/manifest.json").read_text())["files"]
    listening = sorted(e["bytes"] for k, e in files.items() if not k.startswith("dialect/"))
    dialect = [e["bytes"] for k, e in files.items() if k.startswith("dialect/")]
    on_disk, stored = repository_growth()
    print(f"repository growth: {on_disk / 1e6:.2f} MB of audio files "
          f"({stored / 1e6:.2f} MB as git stores them)")
    print(f"listening scripts: {len(listening)}; bytes per item: median {statistics.median(listening):.0f}, "
          f"max {max(listening)}, mean {statistics.mean(listening):.0f}")
    print(f"dialect lines: {len(dialect)}; bytes per line: median {statistics.median(dialect):.0f}, "
          f"max {max(dialect)}")
    worst = 0
    for level in ("N5", "N4", "N3", "N2", "JFT-A1", "JFT-A2"):
        spent, items, seconds = practice(level, args.minutes, args.answer)
        worst = max(worst, spent)
        ran_out = " (every listening item of the level heard)" if seconds < args.minutes * 60 else ""
        print(f"{level:7} {args.minutes:g}-minute listening practice: {items} items, {seconds / 60:.1f} min "
              f"at {args.answer:g} s per answer: {spent / 1e3:.0f} KB{ran_out}")
    verdict = "within" if worst <= TARGET_BYTES else "over"
    print(f"worst level: {worst / 1e6:.2f} MB, {verdict} the {TARGET_BYTES / 1e6:.0f} MB target")
    return 0 if worst <= TARGET_BYTES else 1


if __name__ == "__main__":
    sys.exit(main())
