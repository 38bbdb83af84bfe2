"""Bytes written and handler time per drill answer in the XBlock, against history (30, 300, 1,700 cards).

The jlpt_drill block runs on xblock-sdk's WorkbenchRuntime (its Django key-value store, a throw-away
SQLite database). A learner's block is given a simulated history (the core's own rounds over weeks),
then answers ``--answers`` questions through the block's handlers. Every field write is caught where
the runtime hands it to its key-value store, and counted two ways:

- **Open edX LMS**: ``Scope.user_state`` fields of a block are one ``StudentModule`` row (all of them
  rewritten when any changes); ``preferences`` and ``user_info`` fields are one row per field. The
  figure is the bytes of the rows an answer rewrites, as JSON.
- **workbench**: one ``XBlockState`` row per scope (all its fields, indented JSON), as saved.

    python benchmarks/xblock_answers.py [--answers 200] [--root /path/to/checkout]

``--root`` runs it against another checkout (the code before a change) with the same measurement.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from datetime import datetime, timezone
from pathlib import Path

HISTORIES = (30, 300, 1700)
TARGET_KB = 8.0


def setup(root: Path, var_dir: str) -> None:
    sys.path.insert(0, str(root))
    sys.path.insert(1, str(Path(__file__).resolve().parent))
    os.chdir(root)
    os.environ.update(NIHONGO_VAR_DIR=var_dir, NIHONGO_BASE_URL="https://testserver",
                      DJANGO_SETTINGS_MODULE="tests.settings")
    os.environ.pop("DATABASE_URL", None)
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", run_syncdb=True, verbosity=0)


def measure(cards: int, answers: int, user: str) -> dict:
    import webob
    from lti_answers import simulated_history
    from workbench.models import XBlockState
    from workbench.runtime import WorkbenchDjangoKeyValueStore, WorkbenchRuntime
    from xblock.fields import BlockScope

    from curriculum.bank import default_bank

    bank = default_bank()
    runtime = WorkbenchRuntime(user)
    runtime.id_generator.set_scenario(f"bench-{cards}")
    usage = runtime.parse_xml_string('<jlpt_drill level="N5" item_count="10"/>')
    block = runtime.get_block(usage)
    block.drill_state = simulated_history(cards, datetime.now(timezone.utc))  # the state as kept before
    block.save()

    writes: list[tuple] = []  # (scope, field, bytes) handed to the store
    saved: list[int] = []     # bytes of XBlockState rows the workbench saved
    original_set, original_save = WorkbenchDjangoKeyValueStore.set, XBlockState.save

    def caught_set(self, key, value):
        writes.append((key.scope.block, key.field_name, len(json.dumps(value).encode())))
        return original_set(self, key, value)

    def caught_save(self, *args, **kwargs):
        saved.append(len(self.state.encode()))
        return original_save(self, *args, **kwargs)
    WorkbenchDjangoKeyValueStore.set, XBlockState.save = caught_set, caught_save

    def post(handler, body):
        request = webob.Request.blank("/", method="POST", body=json.dumps(body).encode())
        fresh = WorkbenchRuntime(user).get_block(usage)  # a new request, as the LMS loads the block
        response = fresh.runtime.handle(fresh, handler, request)
        return fresh, response.json

    try:
        _block, shown = post("next", {})  # the old state moves to the new layout on first save (not timed)
        out = {"lms": [], "workbench": [], "ms": [], "round_end_ms": []}
        for n in range(answers):  # one request per question: each answer comes with the next question
            if shown["item"] is None:
                _block, shown = post("new_round", {})
            item = bank.get(shown["item"]["id"])
            choice = item.answer if n % 5 else (item.answer + 1) % len(item.choices)
            writes.clear()
            saved.clear()
            began = time.perf_counter()
            fresh, result = post("answer", {"item_id": item.id, "choice": choice})
            took = (time.perf_counter() - began) * 1000
            (out["round_end_ms"] if result["round_complete"] else out["ms"]).append(took)
            shown = result["next"]
            by_scope = defaultdict(list)
            for scope, field, size in writes:
                by_scope[scope].append((field, size))
            lms = 0
            if by_scope.get(BlockScope.USAGE):  # the StudentModule row: every user_state field of the block
                lms += len(json.dumps(_user_state(fresh)).encode())
            lms += sum(size for scope in (BlockScope.TYPE, BlockScope.ALL)
                       for _field, size in by_scope.get(scope, []))
            out["lms"].append(lms)
            out["workbench"].append(sum(saved))
        out["cards"] = _cards_now(fresh)
        return out
    finally:
        WorkbenchDjangoKeyValueStore.set, XBlockState.save = original_set, original_save


def _user_state(block) -> dict:
    from xblock.fields import Scope

    return {name: field.read_json(block) for name, field in block.fields.items()
            if field.scope == Scope.user_state}


def _cards_now(block) -> int:
    state = block.drill_state
    if "cards" in state:
        return len(state["cards"])
    from xblocks.jlpt_drill import cards

    return len(cards.FieldCards(block).due_view())


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(int(q * len(ordered)), len(ordered) - 1)] if ordered else float("nan")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--answers", type=int, default=200)
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parent.parent)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="nihongo-xblock-bench-") as tmp:
        setup(args.root.resolve(), tmp)
        load = " ".join(Path("/proc/loadavg").read_text().split()[:3])
        print(f"jlpt_drill on the workbench runtime ({args.root.resolve()}), {args.answers} answers "
              f"per history size; load average {load}")
        rows = []
        for cards in HISTORIES:
            out = measure(cards, args.answers, f"learner{cards}")
            lms, wb = out["lms"], out["workbench"]
            print(f"{cards:>5} cards (→ {out['cards']}): LMS rows written per answer p50 "
                  f"{statistics.median(lms) / 1024:6.1f} KB, max {max(lms) / 1024:6.1f} KB; "
                  f"workbench p50 {statistics.median(wb) / 1024:7.1f} KB; "
                  f"handler p50 {statistics.median(out['ms']):6.1f} ms, p95 {pct(out['ms'], 0.95):6.1f} ms "
                  f"[{len(out['ms'])} + {len(out['round_end_ms'])} round ends, "
                  f"p95 {pct(out['round_end_ms'], 0.95):.1f} ms]")
            rows.append((cards, pct(lms, 0.95) / 1024))
        print()
        print("| figure | target | measured | ratio to target |")
        print("|---|---|---|---|")
        for cards, kb in rows:
            print(f"| XBlock, {cards} cards: bytes written per answer, p95 (LMS rows) | "
                  f"≤ {TARGET_KB:.0f} KB | "
                  f"{kb:.1f} KB | {kb / TARGET_KB:.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
