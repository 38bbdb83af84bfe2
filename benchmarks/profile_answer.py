"""Where one drill answer's server time goes: Python (by function) and SQL (by statement), in-process.

A learner is launched from the demo LMS (in-process, as the tests do), given a simulated history of
``--cards`` cards, and answers ``--answers`` questions through the tool's views (the Django test
client, no HTTP). Prints per question (its answer, and its "next" when a checkout asks for the next
question in a request of its own): wall time, CPU time, time in SQL, the queries, and cProfile's top
functions by cumulative time. Runs against any checkout (``--root``), so the same script profiles
the code before and after a change; with DATABASE_URL=postgres://… it uses a throw-away database.

    python benchmarks/profile_answer.py --cards 1700 --answers 200 [--root /path/to/checkout]
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cards", type=int, default=1700)
    parser.add_argument("--answers", type=int, default=200)
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parent.parent)
    parser.add_argument("--top", type=int, default=22)
    parser.add_argument("--callers", default="", help="also print who calls the functions matching this")
    parser.add_argument("--broker", default="", help="a Redis URL: round ends queue their grade there "
                                                        "(nobody consumes it); empty: sent in the request")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    sys.path.insert(0, str(root))
    sys.path.insert(1, str(Path(__file__).resolve().parent))
    from lti_answers import ThrowAwayPostgres

    database = os.environ.get("DATABASE_URL", "")
    with tempfile.TemporaryDirectory(prefix="nihongo-profile-") as tmp:
        if database.startswith("postgres"):
            with ThrowAwayPostgres(database) as url:
                return _profile(args, root, tmp, url)
        return _profile(args, root, tmp, f"sqlite:///{tmp}/profile.sqlite3")


def _profile(args, root: Path, tmp: str, url: str) -> int:
    os.environ.update(DATABASE_URL=url, NIHONGO_VAR_DIR=tmp, NIHONGO_BASE_URL="https://testserver",
                      NIHONGO_DEMO="1", NIHONGO_DEBUG="0", DJANGO_SETTINGS_MODULE="portal.settings",
                      NIHONGO_BROKER_URL=args.broker)
    os.chdir(root)
    import django

    django.setup()
    from datetime import date, datetime, timezone

    import requests
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()
    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    from lti_answers import simulated_history

    from curriculum.bank import default_bank
    from lti_tool import models, services
    from portal.demo_lms.setup import ensure_demo_registration
    from programme.models import Company, Learner
    from tests.lti_tool.harness import BASE, InProcessAdapter, launch

    def session():
        s = requests.Session()
        s.mount(BASE, InProcessAdapter([]))
        return s
    services.http_session = session
    company = Company.objects.create(name="Profile", employees=40, joined_on=date(2026, 4, 1))
    Learner.objects.create(company=company, login_id="lan", display_name="Lan", nationality="-",
                           residence_status="特定技能1号", help_language="vi", lms_user_id="sub-lan",
                           joined_on=date(2026, 4, 1))
    ensure_demo_registration(BASE)
    client = Client()
    launched = launch(client, "lan")
    del client.cookies["sessionid"]  # the tool's page in the LMS's iframe has no Django session
    state = simulated_history(args.cards, datetime.now(timezone.utc))
    progress = models.DrillProgress.objects.get()
    if hasattr(models, "DrillCard"):  # cards in their own rows
        progress.state = {k: v for k, v in state.items() if k != "cards"}
        models.DrillCard.objects.bulk_create([models.DrillCard(
            progress=progress, item_id=i, card=c, due=datetime.fromisoformat(c["due"]))
            for i, c in state["cards"].items()])
        layout = "cards in DrillCard rows"
    else:  # the whole state in one JSON column
        progress.state = state
        layout = f"one JSON state of {len(str(state)) // 1024} KB"
    progress.save()
    bank = default_bank()

    sql_ms: list[float] = []
    queries: list[str] = []
    cpu_ms: list[float] = []  # this thread's CPU time per answer: the server's own work, whatever the load

    def timer(execute, sql, params, many, context):
        began = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            sql_ms.append((time.perf_counter() - began) * 1000)
            table = re.search(r'(?:FROM|INTO|UPDATE)\s+[`"]?(\w+)', sql)
            queries.append(sql.split(" ")[0] + " " + (table.group(1) if table else ""))

    upcoming: list[dict] = []  # the question the last answer came with (one request per question)

    per_question: list[int] = []  # drill requests per question: 1 when the answer brings the next, else 2

    def one(n: int) -> tuple[float, float, int, list[str], bool]:
        """One question as a learner meets it: its "next" (an older checkout: a request of its own, timed
        with the answer) and its answer."""
        sql_ms.clear()
        queries.clear()
        began, cpu_began = time.perf_counter(), time.thread_time()
        with connection.execute_wrapper(timer):
            if upcoming:
                shown, asked = upcoming.pop(), 1
            else:
                shown, asked = client.post(launched.url("next"), data="{}", content_type="application/json",
                                           secure=True).json(), 2
            item = bank.get(shown["item"]["id"])
            choice = item.answer if n % 5 else (item.answer + 1) % len(item.choices)
            result = client.post(launched.url("answer"), data={"item_id": item.id, "choice": choice},
                                 content_type="application/json", secure=True).json()
        per_question.append(asked)
        took = (time.perf_counter() - began) * 1000
        cpu_ms.append((time.thread_time() - cpu_began) * 1000)
        if result.get("round_complete"):
            upcoming[:] = [client.post(launched.url("new_round"), data="{}", content_type="application/json",
                                       secure=True).json()]
        elif result.get("next", {}).get("item"):
            upcoming[:] = [result["next"]]
        return took, sum(sql_ms), len(queries), list(queries), bool(result.get("round_complete"))

    for n in range(10):  # warm-up: imports, caches, first queries
        one(n)
    walls, sqls, counts, ends = [], [], [], []
    cpu_ms.clear()
    per_question.clear()
    backend = _backend_cpu(connection)
    for n in range(args.answers):  # the figures, without the profiler's overhead
        took, sql, count, seen, end = one(n)
        (ends if end else walls).append(took)
        sqls.append(sql)
        counts.append(count)
    backend = (_backend_cpu(connection) - backend) / args.answers if backend is not None else None
    cpu = sorted(cpu_ms)
    profiler = cProfile.Profile()
    profiler.enable()
    for n in range(min(args.answers, 100)):  # then where the time goes
        one(n)
    profiler.disable()
    ordered = sorted(walls)
    print(f"{layout}; {args.answers} answers ({len(ends)} round ends) on {connection.vendor}; "
          f"load average {' '.join(Path('/proc/loadavg').read_text().split()[:3])}")
    print(f"drill requests per question: {statistics.mean(per_question):.2f} (the next question "
          f"{'with the answer' if statistics.mean(per_question) < 1.5 else 'asked for on its own'})")
    print(f"question (next + answer) wall (in-process, no HTTP): p50 {statistics.median(ordered):.2f} ms, "
          f"p95 {ordered[int(0.95 * len(ordered))]:.2f} ms; round end p50 "
          f"{statistics.median(ends) if ends else float('nan'):.2f} ms")
    print(f"question CPU time in the server's thread (Python and the driver; the database's own work is "
          f"not in it): p50 {statistics.median(cpu):.2f} ms, p95 {cpu[int(0.95 * len(cpu))]:.2f} ms")
    if backend is not None:
        print(f"the database's own CPU per question (the PostgreSQL backend serving this connection; the "
              f"new rounds' share included): mean {backend:.3f} ms")
    print(f"SQL per question: p50 {statistics.median(sqls):.2f} ms, "
          f"queries p50 {statistics.median(counts):.0f}: {', '.join(seen)}")
    buffer = io.StringIO()
    stats = pstats.Stats(profiler, stream=buffer).strip_dirs().sort_stats("cumulative")
    stats.print_stats(args.top)
    stats.sort_stats("tottime").print_stats(args.top)
    if args.callers:
        stats.print_callers(args.callers)
    print("\n".join(line for line in buffer.getvalue().splitlines() if line.strip()
                    and not line.lstrip().startswith(("Ordered by", "List reduced")))[:12000])
    return 0


def _backend_cpu(connection) -> float | None:
    """CPU time (ms) of the PostgreSQL backend process serving ``connection`` (same machine), else None."""
    if connection.vendor != "postgresql":
        return None
    connection.ensure_connection()
    stat = Path(f"/proc/{connection.connection.info.backend_pid}/stat").read_text()
    fields = stat.rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")


if __name__ == "__main__":
    sys.exit(main())
