"""Rebuild the generated item bank from the open datasets: ``python -m curriculum.build``.

Writes ``curriculum/content/generated/n5_vocabulary.json``, ``n5_kanji.json`` … ``n2_kanji.json``.
Deterministic: running it twice writes the same bytes (a test checks the shipped files).
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from pathlib import Path

from .bank import CONTENT_DIR, dump_file

GENERATED_DIR = CONTENT_DIR / "generated"


def build(out_dir: Path = GENERATED_DIR) -> dict[str, Counter]:
    """Write every generated bank file into ``out_dir``; returns file name → count per item type."""
    from .generate import build_items  # needs the ``bank`` extra

    out_dir.mkdir(parents=True, exist_ok=True)
    counts = {}
    for name, items in build_items().items():
        dump_file(items, out_dir / name)
        counts[name] = Counter(i.type.value for i in items)
    return counts


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=GENERATED_DIR)
    args = parser.parse_args(argv)
    start = time.perf_counter()
    for name, counts in build(args.out).items():
        detail = ", ".join(f"{t} {n}" for t, n in sorted(counts.items()))
        print(f"{name}: {sum(counts.values())} items ({detail})")
    print(f"built in {time.perf_counter() - start:.1f} s")


if __name__ == "__main__":
    main()
