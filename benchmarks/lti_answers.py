"""Drill answers through the LTI tool from 300 concurrent virtual learners, over loopback.

A real server process (the portal's WSGI app on the stdlib's WSGI server, with a pool of worker
threads as gunicorn's gthread workers have) on a fresh SQLite database in a temp folder (or a
throw-away PostgreSQL database next to DATABASE_URL's when that is set).
Setup seeds the learners and launches each one from the demo LMS (OIDC login, id_token, launch).
Then every learner, in its own thread and all at once, asks for the next question and answers it,
``--answers`` times (fewer than the round's 10, so no AGS call to the LMS is timed); after each
answer it also calls a bare Django view (JSON in, JSON out, same middleware) for comparison.
The server measures its own time per request (a WSGI wrapper, reported in ``Server-Timing``).

    python benchmarks/lti_answers.py [--learners 300] [--answers 5]

Prints p50/p95/max server time of the answers and of the bare view, and p95 against the target
(p95 ≤ 10 ms).
"""

from __future__ import annotations

import argparse
import html
import json
import os
import re
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
TARGET_P95_MS = 10.0
PER_COMPANY = 30


# --- the server process --------------------------------------------------------------------------

def bare(request):
    """The comparison: a Django view that reads a JSON body and answers JSON, nothing else."""
    from django.http import JsonResponse

    return JsonResponse({"ok": True, "echo": json.loads(request.body or b"{}")})


urlpatterns: list = []  # filled in by ``serve`` (this module is the server's ROOT_URLCONF)


def timed(app):
    """The WSGI app, with its own time per request in a ``Server-Timing`` header."""
    from time import perf_counter

    def wrapper(environ, start_response):
        started = perf_counter()
        seen = {}

        def capture(status, headers, exc_info=None):
            seen["args"] = (status, headers, exc_info)
            return lambda data: None

        result = app(environ, capture)
        try:
            body = b"".join(result)
        finally:
            if hasattr(result, "close"):
                result.close()  # Django's request_finished: connection clean-up is server work too
        status, headers, exc_info = seen["args"]
        took = (perf_counter() - started) * 1000
        start_response(status, [*headers, ("Server-Timing", f"app;dur={took:.3f}")], exc_info)
        return [body]
    return wrapper


def seed(learners: int, base: str) -> None:
    from datetime import date

    from portal.demo_lms.setup import ensure_demo_registration
    from programme.models import Company, Learner

    for n in range(learners):
        if n % PER_COMPANY == 0:
            company = Company.objects.create(name=f"Bench company {n // PER_COMPANY + 1}", employees=40,
                                             joined_on=date(2026, 4, 1))
        Learner.objects.create(company=company, login_id=f"bench{n:03d}", display_name=f"Bench {n}",
                               nationality="-", residence_status="特定技能1号", help_language="vi",
                               lms_user_id=f"sub-bench{n:03d}", joined_on=date(2026, 4, 1))
    ensure_demo_registration(base)


def serve(port: int, learners: int, wal: bool = False, workers: int = 16) -> None:
    """Set up a fresh database, seed it, print READY and serve until terminated."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    from django.conf import settings

    # The database cache's default MAX_ENTRIES (300) culls a third of the keys once exceeded: with
    # 300 learners it drops nonces and launch data in flight ("Invalid Nonce", "launch has expired").
    if settings.CACHES["default"]["BACKEND"].endswith("DatabaseCache"):
        settings.CACHES["default"].setdefault("OPTIONS", {})["MAX_ENTRIES"] = 1_000_000
    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        # Without IMMEDIATE, a transaction that reads then writes fails at once with "database is
        # locked" when another thread writes (SQLite cannot upgrade its lock): 500s from 3 learners on.
        settings.DATABASES["default"].setdefault("OPTIONS", {}).update(
            {"timeout": 60, "transaction_mode": "IMMEDIATE"})
        if wal:  # the usual tuning for a web app on SQLite: no fsync on every commit
            settings.DATABASES["default"]["OPTIONS"]["init_command"] = (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;")
    import django

    django.setup()
    from django.core.management import call_command
    from django.core.wsgi import get_wsgi_application
    from django.urls import include, path
    from django.views.decorators.csrf import csrf_exempt

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    seed(learners, settings.NIHONGO_BASE_URL)
    urlpatterns[:] = [path("bench/bare/", csrf_exempt(bare)), path("", include("portal.urls"))]
    settings.ROOT_URLCONF = __name__

    from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

    class Server(WSGIServer):
        """A fixed pool of worker threads, as gunicorn's gthread workers: each keeps its connection."""

        request_queue_size = 1024
        pool = ThreadPoolExecutor(max_workers=workers)

        def process_request(self, request, client_address):
            self.pool.submit(self._handle, request, client_address)

        def _handle(self, request, client_address):
            try:
                self.finish_request(request, client_address)
            except Exception:
                self.handle_error(request, client_address)
            finally:
                self.shutdown_request(request)

    class Quiet(WSGIRequestHandler):
        def log_message(self, *args):
            pass

    server = make_server("127.0.0.1", port, timed(get_wsgi_application()), Server, Quiet)
    print("READY", flush=True)
    server.serve_forever()


# --- the learners --------------------------------------------------------------------------------

def launch(base: str, n: int):
    """One learner's launch from the demo LMS; returns its session and drill URLs."""
    import requests

    s = requests.Session()
    form = s.get(f"{base}/demo-lms/launch/bench{n:03d}/", timeout=60)
    form.raise_for_status()
    text = form.text

    def field(pattern):
        return html.unescape(re.search(pattern, text).group(1))
    page = s.post(field(r'action="([^"]+)"'), timeout=60,
                  data={"id_token": field(r'name="id_token" value="([^"]+)"'),
                        "state": field(r'name="state" value="([^"]+)"')})
    if page.status_code != 200:
        found = re.search(r'role="alert">([^<]*)<', page.text)
        message = found and html.unescape(found.group(1))
        raise RuntimeError(f"launch {n} refused ({page.status_code}): {message}")
    launch_id = re.search(r'data-next-url="/lti/drill/([^/"]+)/next/"', page.text).group(1)
    return s, f"{base}/lti/drill/{launch_id}/"


def server_ms(response) -> float:
    return float(response.headers["Server-Timing"].split("dur=")[1])


def learner_run(session, drill_url: str, base: str, answers: int, start: threading.Barrier, out: dict):
    headers = {"Content-Type": "application/json"}
    start.wait()
    for k in range(answers):
        try:
            item = session.post(drill_url + "next/", data="{}", headers=headers, timeout=120).json()["item"]
            began = time.perf_counter()
            choice = {"item_id": item["id"], "choice": k % len(item["choices"])}
            answered = session.post(drill_url + "answer/", data=json.dumps(choice), headers=headers,
                                    timeout=120)
            round_trip = (time.perf_counter() - began) * 1000
            if answered.status_code != 200:
                out["errors"].append(f"answer {answered.status_code}: {answered.text[:120]}")
                continue
            out["answer"].append(server_ms(answered))
            out["round_trip"].append(round_trip)
            plain = session.post(base + "/bench/bare/", data=json.dumps(choice), headers=headers, timeout=120)
            out["bare"].append(server_ms(plain))
        except Exception as exc:  # a benchmark reports failures, it does not stop at the first
            out["errors"].append(f"{type(exc).__name__}: {exc}"[:160])


def _percentiles(values: list[float]) -> str:
    if not values:
        return "no data"
    ordered = sorted(values)
    p95 = ordered[min(int(0.95 * len(ordered)), len(ordered) - 1)]
    return f"p50 {statistics.median(ordered):7.2f} ms, p95 {p95:7.2f} ms, max {ordered[-1]:7.2f} ms"


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(int(0.95 * len(ordered)), len(ordered) - 1)]


# --- the database --------------------------------------------------------------------------------

class ThrowAwayPostgres:
    """A fresh database next to the one DATABASE_URL names, dropped afterwards."""

    def __init__(self, url: str):
        import psycopg

        self.psycopg = psycopg
        parts = urlsplit(url)
        self.name = f"nihongo_bench_{os.getpid()}"
        self.admin = urlunsplit(parts._replace(path="/postgres"))
        self.url = urlunsplit(parts._replace(path="/" + self.name))

    def __enter__(self) -> str:
        with self.psycopg.connect(self.admin, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{self.name}"')
        return self.url

    def __exit__(self, *exc):
        with self.psycopg.connect(self.admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run(learners: int = 300, answers: int = 5, wal: bool = False, workers: int = 16) -> dict:
    """Start the server, launch and run the learners; returns the measurements."""
    database = os.environ.get("DATABASE_URL", "")
    with tempfile.TemporaryDirectory(prefix="nihongo-bench-") as tmp:
        if database.startswith("postgres"):
            with ThrowAwayPostgres(database) as url:
                return _run(learners, answers, tmp, url, "PostgreSQL", workers=workers)
        engine = "SQLite (WAL, synchronous=NORMAL)" if wal else "SQLite (rollback journal)"
        return _run(learners, answers, tmp, f"sqlite:///{tmp}/bench.sqlite3", engine, wal, workers)


def _run(learners: int, answers: int, tmp: str, database_url: str, engine: str, wal: bool = False,
         workers: int = 16) -> dict:
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, "DATABASE_URL": database_url, "NIHONGO_VAR_DIR": tmp, "NIHONGO_BASE_URL": base,
           "NIHONGO_DEBUG": "0", "NIHONGO_DEMO": "1", "NIHONGO_SECRET_KEY": secrets.token_hex(32),
           "NIHONGO_ALLOWED_HOSTS": "127.0.0.1", "PYTHONPATH": str(ROOT)}
    server = subprocess.Popen([sys.executable, __file__, "--serve", "--port", str(port),
                               "--learners", str(learners), "--workers", str(workers),
                               *(["--sqlite-wal"] if wal else [])],
                              env=env, stdout=subprocess.PIPE, text=True)
    sessions: list = []
    try:
        ready = server.stdout.readline()
        if ready.strip() != "READY":
            raise RuntimeError(f"the server did not start (exit {server.poll()}): {ready!r}")
        started = time.perf_counter()
        # One learner per company first: the demo LMS creates each course's line item on first launch.
        first = {n: launch(base, n) for n in range(0, learners, PER_COMPANY)}
        with ThreadPoolExecutor(max_workers=8) as pool:
            others = [n for n in range(learners) if n not in first]
            rest = dict(zip(others, pool.map(lambda n: launch(base, n), others), strict=True))
        sessions = [{**first, **rest}[n] for n in range(learners)]
        setup_s = time.perf_counter() - started
        out = {"answer": [], "bare": [], "round_trip": [], "errors": []}
        barrier = threading.Barrier(learners)
        threads = [threading.Thread(target=learner_run, args=(s, url, base, answers, barrier, out))
                   for s, url in sessions]
        started = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        out.update(wall_s=time.perf_counter() - started, setup_s=setup_s, engine=engine,
                   learners=learners, answers=answers, workers=workers)
        return out
    finally:
        for session, _url in sessions:
            session.close()
        server.terminate()
        server.wait(timeout=30)
        server.stdout.close()


def report(out: dict) -> None:
    print(f"{out['learners']} concurrent learners × {out['answers']} answers over loopback, "
          f"{out['workers']} server threads, {out['engine']}; setup (launches) {out['setup_s']:.1f} s, "
          f"run {out['wall_s']:.1f} s")
    print(f"answer (server) : {_percentiles(out['answer'])}  [{len(out['answer'])} answers]")
    print(f"bare view       : {_percentiles(out['bare'])}")
    print(f"answer (client) : {_percentiles(out['round_trip'])}  (round trip, includes queueing)")
    if out["answer"]:
        print(f"answer p95 / target ({TARGET_P95_MS} ms) = {p95(out['answer']) / TARGET_P95_MS:.2f}; "
              f"answer p95 − bare p95 = {p95(out['answer']) - p95(out['bare']):.2f} ms")
    if out["errors"]:
        print(f"errors: {len(out['errors'])}, first: {out['errors'][0]}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--learners", type=int, default=300)
    parser.add_argument("--answers", type=int, default=5, help="answers per learner (a round has 10)")
    parser.add_argument("--sqlite-wal", action="store_true", help="SQLite in WAL mode, synchronous=NORMAL")
    parser.add_argument("--workers", type=int, default=16, help="the server's worker threads")
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.serve:
        serve(args.port, args.learners, args.sqlite_wal, args.workers)
        return 0
    out = run(args.learners, args.answers, args.sqlite_wal, args.workers)
    report(out)
    return 1 if out["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
