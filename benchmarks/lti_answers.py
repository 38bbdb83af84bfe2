"""Drill answers through the LTI tool, against baselines measured alone in the same server run.

The tool is served by its own server process (gunicorn, gthread workers, as in production; the
stdlib's threaded WSGI server when gunicorn is not installed: the report says which) on a fresh
database (a throw-away PostgreSQL database next to DATABASE_URL's, else SQLite), with the grade
worker (Celery) on a Redis database of its own when ``--broker`` names one. The server measures its
own time per request (a WSGI wrapper, in a ``Server-Timing`` header); clients keep one connection each.

1. Baselines, alone: a bare Django view (JSON in, JSON out) and a "minimal write" view (one INSERT
   and one UPDATE on the same database, in a transaction), one client, then ``--learners`` clients.
2. One learner at a time, against history: learners whose drill already holds 30, 300 or 1,700
   cards (a simulated history: rounds over weeks, 80 % right, through the drill's own core) each
   answer two whole rounds, round ends included.
3. ``--learners`` concurrent learners (all of the above) answer a whole round at once: throughput,
   server and client time; every round end queues a grade, and the time until the demo LMS has it
   is measured from the answer.
4. 50 learners finish a round at the same moment while another client keeps asking the demo LMS for
   a page: the LMS's own response time, before and during.

    python benchmarks/lti_answers.py [--learners 300] [--per-history 100] [--broker redis://127.0.0.1:6379/12]

Every figure comes from at least 200 samples (the report prints the counts) and is printed beside
its target and the ratio; ``--quick`` is the smoke test's small run (figures meaningless).
"""

from __future__ import annotations

import argparse
import html
import http.client
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
from datetime import datetime, timedelta, timezone
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
PER_COMPANY = 30
HISTORIES = (30, 300, 1700)
TARGETS = {"one_p95_ms": 10.0, "concurrent_ratio": 0.5, "concurrent_p95_ms": 50.0, "round_end_ratio": 1.5,
           "grade_s": 5.0}


# --- the server process --------------------------------------------------------------------------

def bare(request):
    """Baseline: a Django view that reads a JSON body and answers JSON, nothing else."""
    from django.http import JsonResponse

    return JsonResponse({"ok": True, "echo": json.loads(request.body or b"{}")})


def minimal_write(request, n: int):
    """Baseline: one INSERT and one UPDATE on the same database, in one transaction."""
    from django.db import connection, transaction
    from django.http import JsonResponse

    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("INSERT INTO bench_row (learner, at) VALUES (%s, %s)", [n, time.time()])
        cursor.execute("UPDATE bench_counter SET n = n + 1 WHERE learner = %s", [n])
    return JsonResponse({"ok": True})


_HISTORIES: dict[int, dict] = {}


def simulated_history(cards: int, now: datetime) -> dict:
    """A learner's drill state with ``cards`` cards, made by the core itself: ~24 answers a day,
    80 % right, ending today with a new round; computed once per size. The cards live in an in-memory
    ``CardStore`` while the history is made (as the tool's table does), so 1,700 cards take seconds;
    against an older checkout without ``CardStore`` (``profile_answer.py --root``), in the state's dict."""
    import inspect
    import random

    from curriculum import drill, drill_api, review
    from curriculum.bank import default_bank
    from curriculum.drill import DrillConfig, start_new_round

    if cards in _HISTORIES:
        return _HISTORIES[cards]
    bank, config, rng = default_bank(), DrillConfig(level="N5", item_count=10), random.Random(cards)
    fits = drill._fits if len(inspect.signature(drill._fits).parameters) == 3 else (
        lambda item, config, bank: drill._fits(item, config))
    # 1,700 means all of N5 (1,698 items)
    wanted, cards = cards, min(cards, sum(1 for item in bank if fits(item, config, bank)))
    store = _memory_cards(drill, review)
    days = max(2, cards // 10)
    moment, state = now - timedelta(days=days), ({"cards": store} if store is not None else None)

    def held() -> int:
        return len(store.rows) if store is not None else len((state or {}).get("cards", {}))

    while held() < cards:
        for _ in range(24):
            state, shown = drill_api.present(state, config, bank, moment)
            if shown["item"] is None:
                state, shown = drill_api.restart(state, config, bank, moment)
            item = bank.get(shown["item"]["id"])
            choice = item.answer if rng.random() < 0.8 else (item.answer + 1) % len(item.choices)
            body = {"item_id": item.id, "choice": choice}
            state, _, _ = drill_api.submit(state, config, bank, body, moment)
            if store is not None:
                store.commit()
            moment += timedelta(minutes=3)
            if held() >= cards:
                break
        moment = max(moment, min(moment + timedelta(days=1), now - timedelta(hours=1)))
    state = start_new_round(state, config)
    if not state["round"]["answered"] == 0:  # the simulation stopped mid-round: start a fresh one
        state = {**state, "round": {"answered": 0, "correct": 0, "seen": [], "reviews": 0}, "pending": None}
    state = {**state, "cards": dict(store.rows) if store is not None else dict(state["cards"])}
    _HISTORIES[wanted] = state
    return state


def _memory_cards(drill, review):
    """An in-memory ``CardStore`` (cards by due time, as the tool's table reads them), or None for a
    checkout whose drill keeps its cards in the state's dict."""
    if not hasattr(drill, "CardStore"):
        return None

    class MemoryCards(drill.CardStore):
        def __init__(self):
            super().__init__()
            self.rows: dict[str, dict] = {}
            self.due: dict[str, tuple[datetime, int]] = {}

        def commit(self) -> None:
            for item_id, card in self.changed.items():
                order = self.due[item_id][1] if item_id in self.due else len(self.due)
                self.rows[item_id], self.due[item_id] = card, (review.due_at(card), order)
            self.changed = {}

        def load(self, item_id):
            return self.rows.get(item_id)

        def known(self, item_ids):
            return {i for i in item_ids if i in self.rows}

        def by_due(self, until, latest):
            pairs = sorted(((due, order, i) for i, (due, order) in self.due.items()
                            if until is None or due <= until), reverse=latest)
            return ((i, due) for due, _order, i in pairs)

        def met_by_type(self, bank):
            return {}

    return MemoryCards()


def seed_history(request):
    """Give the learner behind a launch a simulated history (``{"launch_id", "cards"}``)."""
    from django.http import JsonResponse
    from django.utils import timezone as dj_timezone

    from curriculum.bank import default_bank
    from lti_tool.models import DrillCard, DrillProgress, LaunchRecord

    body = json.loads(request.body)
    record = LaunchRecord.objects.get(launch_id=body["launch_id"])
    state = simulated_history(int(body["cards"]), dj_timezone.now())
    progress = DrillProgress.objects.get(registration=record.registration, subject=record.subject,
                                         resource_link_id=record.resource_link_id)
    bank, met = default_bank(), {}
    for item_id in state["cards"]:
        kind = bank.get(item_id).type.value
        met[kind] = met.get(kind, 0) + 1
    progress.state = {**{k: v for k, v in state.items() if k not in ("cards", "frontier")}, "met": met}
    progress.save()
    DrillCard.objects.filter(progress=progress).delete()
    DrillCard.objects.bulk_create([DrillCard(progress=progress, item_id=item_id, card=card,
                                             due=datetime.fromisoformat(card["due"]))
                                   for item_id, card in state["cards"].items()], batch_size=1000)
    return JsonResponse({"cards": len(state["cards"])})


def scores(request):
    """The grades queued so far: [id, sent_at (epoch s), state, when the demo LMS received it (epoch s)
    or None]. The LMS keeps each learner's latest score with the timestamp the tool sent."""
    from django.http import JsonResponse

    from lti_tool.models import ScoreRecord
    from portal.demo_lms.models import Score

    def ms(stamp) -> int:  # the LMS keeps the timestamp as text, in its own ISO form
        return round((datetime.fromisoformat(stamp) if isinstance(stamp, str) else stamp).timestamp() * 1000)
    received = {(user, ms(stamp)): at.timestamp()
                for user, stamp, at in Score.objects.values_list("user_id", "timestamp", "received_at")}
    return JsonResponse({"scores": [
        [pk, sent.timestamp(), state, received.get((subject, ms(stamp)))]
        for pk, sent, state, subject, stamp in ScoreRecord.objects.values_list(
            "id", "sent_at", "state", "subject", "timestamp")]})


urlpatterns: list = []  # filled in by ``serve`` (this module is the server's ROOT_URLCONF)


#: The server's requests by kind, for the CPU each kind takes in the server's threads (``by_kind``).
KINDS = ("answer", "next", "new_round", "lms_score", "lms_other", "bench", "other")
_BY_KIND = None  # a shared array (CPU ms, count per kind), made before gunicorn forks its workers


def kind_of(path: str) -> str:
    """Which of ``KINDS`` a request path is."""
    if path.startswith("/lti/drill/"):
        last = path.rstrip("/").rsplit("/", 1)[-1]
        return last if last in ("answer", "next", "new_round") else "other"
    if path.startswith("/demo-lms/"):
        return "lms_score" if path.rstrip("/").endswith("/scores") else "lms_other"
    return "bench" if path.startswith("/bench/") else "other"


def by_kind(request):
    """The server threads' CPU time (ms) and request count per kind so far, every worker's."""
    from django.http import JsonResponse

    with _BY_KIND.get_lock():
        values = list(_BY_KIND)
    return JsonResponse({kind: [values[2 * n], values[2 * n + 1]] for n, kind in enumerate(KINDS)})


def timed(app):
    """The WSGI app, with its own time per request in a ``Server-Timing`` header, its thread's CPU time
    added up per kind of request (``by_kind``)."""
    from time import perf_counter, thread_time

    def wrapper(environ, start_response):
        started, cpu_started = perf_counter(), thread_time()
        kind = KINDS.index(kind_of(environ.get("PATH_INFO", "")))
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
        took, cpu = (perf_counter() - started) * 1000, (thread_time() - cpu_started) * 1000
        if _BY_KIND is not None:
            with _BY_KIND.get_lock():
                _BY_KIND[2 * kind] += cpu
                _BY_KIND[2 * kind + 1] += 1
        start_response(status, [*headers, ("Server-Timing", f"app;dur={took:.3f}, cpu;dur={cpu:.3f}")],
                       exc_info)
        return [body]
    return wrapper


def seed(learners: int, base: str) -> None:
    from datetime import date

    from django.db import connection

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
    serial = "INTEGER PRIMARY KEY AUTOINCREMENT" if connection.vendor == "sqlite" else "BIGSERIAL PRIMARY KEY"
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TABLE bench_row (id {serial}, learner INTEGER NOT NULL, at DOUBLE PRECISION)")
        cursor.execute("CREATE TABLE bench_counter (learner INTEGER PRIMARY KEY, n INTEGER NOT NULL)")
        for n in range(learners):
            cursor.execute("INSERT INTO bench_counter (learner, n) VALUES (%s, 0)", [n])


def lms_at(request):
    """Where the tool reaches the demo LMS's token and score services (``{"origin": "http://…"}``; empty:
    this server, as in ``make demo``): the registration's token URL (its audience stays the LMS's own
    token URL, which the LMS checks) and the AGS URLs the launches carry (a score copies them when queued)."""
    from django.http import JsonResponse

    from lti_tool.models import LaunchRecord, PlatformRegistration
    from lti_tool.restored import AGS_CLAIM
    from portal.demo_lms import platform

    own = urlsplit(platform.platform_url("token"))
    origin = json.loads(request.body).get("origin") or f"{own.scheme}://{own.netloc}"

    def moved(url: str) -> str:
        parts = urlsplit(url)
        target = urlsplit(origin)
        return urlunsplit((target.scheme, target.netloc, parts.path, parts.query, parts.fragment))

    registration = PlatformRegistration.objects.get(issuer=platform.issuer())
    registration.auth_token_url = moved(registration.auth_token_url)
    registration.auth_audience = platform.platform_url("token")
    registration.save()
    records = list(LaunchRecord.objects.filter(registration=registration))
    for record in records:
        ags = dict(record.claims.get(AGS_CLAIM) or {})
        for key in ("lineitem", "lineitems"):
            if ags.get(key):
                ags[key] = moved(ags[key])
        record.claims = {**record.claims, AGS_CLAIM: ags}
    LaunchRecord.objects.bulk_update(records, ["claims"], batch_size=500)
    return JsonResponse({"token_url": registration.auth_token_url, "launches": len(records)})


def serve(port: int, learners: int, threads: int, processes: int, max_history: int = HISTORIES[-1],
          lms: bool = False) -> None:
    """Set up a fresh database, seed it, print READY and serve until terminated; ``lms``: the demo LMS's
    own server, on the database the tool's server has set up (nothing set up here)."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    from django.conf import settings

    if settings.CACHES["default"]["BACKEND"].endswith("DatabaseCache"):
        settings.CACHES["default"].setdefault("OPTIONS", {})["MAX_ENTRIES"] = 1_000_000
    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        settings.DATABASES["default"].setdefault("OPTIONS", {}).update(
            {"timeout": 60, "transaction_mode": "IMMEDIATE"})
    import django

    django.setup()
    from django.core.management import call_command
    from django.core.wsgi import get_wsgi_application
    from django.db import connections
    from django.urls import include, path
    from django.views.decorators.csrf import csrf_exempt

    if not lms:
        call_command("migrate", verbosity=0)
        call_command("createcachetable", verbosity=0)
        seed(learners, settings.NIHONGO_BASE_URL)
        simulated_history(max_history, datetime.now(timezone.utc))  # before serving: not in any timing
    global _BY_KIND
    import multiprocessing

    _BY_KIND = multiprocessing.Array("d", 2 * len(KINDS))  # shared with the workers gunicorn forks
    urlpatterns[:] = [path("bench/bare/", csrf_exempt(bare)), path("bench/cpu/", by_kind),
                      path("bench/write/<int:n>/", csrf_exempt(minimal_write)),
                      path("bench/seed/", csrf_exempt(seed_history)), path("bench/scores/", scores),
                      path("bench/lms-at/", csrf_exempt(lms_at)),
                      path("", include("portal.urls"))]
    settings.ROOT_URLCONF = __name__
    app = timed(get_wsgi_application())
    from portal.warm import warm_up

    warm_up()  # as portal/wsgi.py does in production
    connections.close_all()  # the workers fork after this: each opens its own connection
    try:
        from gunicorn.app.base import BaseApplication
    except ImportError:
        return _serve_stdlib(app, port, threads)

    class Gunicorn(BaseApplication):
        def load_config(self):
            for key, value in {"bind": f"127.0.0.1:{port}", "workers": processes, "threads": threads,
                               "worker_class": "gthread", "backlog": 2048, "keepalive": 75,
                               "accesslog": None, "loglevel": "warning", "preload_app": True,
                               "when_ready": lambda server: print("READY gunicorn", flush=True)}.items():
                self.cfg.set(key, value)

        def load(self):
            return app

    Gunicorn().run()


def _serve_stdlib(app, port: int, threads: int) -> None:
    from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

    class Server(WSGIServer):
        request_queue_size = 2048
        pool = ThreadPoolExecutor(max_workers=threads)

        def process_request(self, request, client_address):
            self.pool.submit(self._handle, request, client_address)

        def _handle(self, request, client_address):
            try:
                self.finish_request(request, client_address)
            except Exception:
                self.handle_error(request, client_address)
            finally:
                self.shutdown_request(request)

    class Handler(WSGIRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):
            pass

    server = make_server("127.0.0.1", port, app, Server, Handler)
    print("READY stdlib threaded WSGI server", flush=True)
    server.serve_forever()


# --- the clients ---------------------------------------------------------------------------------

def server_timing(header: str | None) -> tuple[float, float]:
    """(wall ms, CPU ms) of the request in the server, from ``app;dur=…, cpu;dur=…``."""
    found = dict.fromkeys(("app", "cpu"), 0.0)
    for part in (header or "").split(","):
        name, _, value = part.strip().partition(";dur=")
        if name in found:
            found[name] = float(value)
    return found["app"], found["cpu"]


class Conn:
    """One kept-alive HTTP connection, as a browser tab has; cookies from the launch."""

    def __init__(self, base: str, cookies: str = ""):
        parts = urlsplit(base)
        self.host, self.port, self.cookies = parts.hostname, parts.port, cookies
        self.http = http.client.HTTPConnection(self.host, self.port, timeout=300)
        self.cpu = 0.0  # the last request's CPU time in the server's thread (ms)

    def post(self, path: str, body: object = None) -> tuple[int, dict, float, float]:
        """(status, JSON, server ms, client ms)."""
        data = json.dumps({} if body is None else body).encode()
        headers = {"Content-Type": "application/json", "Cookie": self.cookies}
        for attempt in range(2):
            began = time.perf_counter()
            try:
                self.http.request("POST", path, body=data, headers=headers)
                response = self.http.getresponse()
                raw = response.read()
                break
            except (ConnectionError, http.client.HTTPException):
                if attempt:
                    raise
                self.http.close()
                self.http = http.client.HTTPConnection(self.host, self.port, timeout=300)
        took = (time.perf_counter() - began) * 1000
        server, self.cpu = server_timing(response.getheader("Server-Timing"))
        return response.status, json.loads(raw or b"{}"), server, took

    def get(self, path: str) -> tuple[int, float, float]:
        began = time.perf_counter()
        self.http.request("GET", path, headers={"Cookie": self.cookies})
        response = self.http.getresponse()
        response.read()
        took = (time.perf_counter() - began) * 1000
        return response.status, server_timing(response.getheader("Server-Timing"))[0], took

    def close(self):
        self.http.close()


def launch(base: str, n: int) -> tuple[str, str]:
    """One learner's launch from the demo LMS; returns its drill path and the tool's cookies."""
    import requests

    s = requests.Session()
    form = s.get(f"{base}/demo-lms/launch/bench{n:03d}/", timeout=120)
    form.raise_for_status()
    text = form.text

    def field(pattern):
        return html.unescape(re.search(pattern, text).group(1))
    page = s.post(field(r'action="([^"]+)"'), timeout=120,
                  data={"id_token": field(r'name="id_token" value="([^"]+)"'),
                        "state": field(r'name="state" value="([^"]+)"')})
    if page.status_code != 200:
        found = re.search(r'role="alert">([^<]*)<', page.text)
        message = found and html.unescape(found.group(1))
        raise RuntimeError(f"launch {n} refused ({page.status_code}): {message}")
    launch_id = re.search(r'data-next-url="/lti/drill/([^/"]+)/next/"', page.text).group(1)
    cookies = "; ".join(f"{c.name}={c.value}" for c in s.cookies if c.name.startswith("lti1p3"))
    s.close()
    return launch_id, cookies


def answer_on(conn: Conn, launch_id: str, count: int, out: dict, bank, start=None, warm: int = 0) -> None:
    """Answer as the drill's page does: the question on screen (``next``, once), then answers, each coming
    back with the next question, and ``new_round`` after a round's end; 80 % right. ``warm`` answers
    first (not timed, before ``start``: a learner part-way through a round), then ``count`` timed ones."""
    path = f"/lti/drill/{launch_id}/"
    status, shown, _ms, _took = conn.post(path + "next/")
    for n in range(warm + count):
        if n == warm and start is not None:
            start.wait()
        if status != 200 or not shown.get("item"):
            out["errors"].append(f"next {status}: {str(shown)[:120]}")
            return
        item = bank.get(shown["item"]["id"])
        choice = item.answer if n % 5 else (item.answer + 1) % len(item.choices)
        status, result, ms, took = conn.post(path + "answer/", {"item_id": item.id, "choice": choice})
        if status != 200:
            out["errors"].append(f"answer {status}: {str(result)[:120]}")
            return
        shown = result["next"]
        if n >= warm:
            kind = "round_end" if result["round_complete"] else "answer"
            out[kind].append(ms)
            out.setdefault(kind + "_cpu", []).append(conn.cpu)
            out.setdefault(kind + "_at", []).append(time.time())
            out[kind + "_client"].append(took)
        if result["round_complete"]:
            if n >= warm:
                out.setdefault("new_rounds", []).append(1)
            status, shown, _ms, _took = conn.post(path + "new_round/")


def baseline(base: str, clients: int, per_client: int, kind: str) -> dict:
    """``clients`` connections each sending ``per_client`` requests to a baseline view, all at once."""
    out = {"server": [], "client": [], "errors": []}
    start = threading.Barrier(clients + 1)

    def run(n):
        conn = Conn(base)
        start.wait()
        for _ in range(per_client):
            path = "/bench/bare/" if kind == "bare" else f"/bench/write/{n}/"
            status, _body, ms, took = conn.post(path, {"item_id": "n5-x", "choice": 1})
            if status != 200:
                out["errors"].append(status)
            out["server"].append(ms)
            out["client"].append(took)
        conn.close()
    threads = [threading.Thread(target=run, args=(n,)) for n in range(clients)]
    for t in threads:
        t.start()
    start.wait()
    began = time.perf_counter()
    for t in threads:
        t.join()
    out["wall_s"] = time.perf_counter() - began
    out["per_s"] = len(out["server"]) / out["wall_s"]
    return out


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


def _processes() -> dict[int, tuple[int, str, float]]:
    """Every process: pid -> (parent pid, name, CPU seconds so far: its own, user + system, and that of
    its children that have ended, so a database connection closed meanwhile still counts)."""
    tick = os.sysconf("SC_CLK_TCK")
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            text = (entry / "stat").read_text()
        except OSError:  # gone meanwhile
            continue
        name = text[text.index("(") + 1:text.rindex(")")]
        fields = text[text.rindex(")") + 2:].split()
        found[int(entry.name)] = (int(fields[1]), name, sum(int(v) for v in fields[11:15]) / tick)
    return found


def cpu_by_part(server: int, worker: int | None, lms: int | None = None) -> dict[str, float]:
    """CPU seconds used so far by each part of the run: the tool's server processes, the demo LMS's own
    server, the grade worker's, PostgreSQL's (every postgres process on the machine) and this client."""
    procs = _processes()

    def tree(*roots: int | None) -> float:
        family, grew = {r for r in roots if r in procs}, True
        while grew:
            more = {pid for pid, (parent, _n, _c) in procs.items() if parent in family} - family
            family |= more
            grew = bool(more)
        return sum(procs[pid][2] for pid in family)
    postgres = {pid for pid, (_parent, name, _c) in procs.items() if name.startswith("postgres")}
    postmasters = [pid for pid in postgres if procs[pid][0] not in postgres]
    background = sum(procs[pid][2] for pid in postgres if _title(pid).endswith(
        ("checkpointer", "background writer", "walwriter", "autovacuum launcher", "replication launcher")))
    return {"server": tree(server), "lms": tree(lms), "worker": tree(worker),
            # PostgreSQL's connections (and the postmaster, and connections closed meanwhile), then its
            # background processes: writing WAL and dirty pages out, checkpoints
            "postgres": tree(*postmasters) - background, "postgres background": background,
            "client": time.process_time()}


def _title(pid: int) -> str:
    """A process's title as ps shows it (PostgreSQL names its processes: "postgres: 15/main: walwriter")."""
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace").strip()
    except OSError:
        return ""


def cpu_spent(before: dict[str, float], after: dict[str, float], count: int) -> dict[str, float]:
    """Milliseconds of CPU per request (``count`` of them) by part, between two ``cpu_by_part``."""
    return {part: (after[part] - before[part]) * 1000 / count for part in before}


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(int(0.95 * len(ordered)), len(ordered) - 1)] if ordered else float("nan")


def p50(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def load_average() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "unknown"


def run(learners: int = 300, per_history: int = 100, broker: str = "", quick: bool = False,
        threads: int = 8, processes: int = 2) -> dict:
    """Start the server (and worker), run every phase; returns the measurements."""
    database = os.environ.get("DATABASE_URL", "")
    with tempfile.TemporaryDirectory(prefix="nihongo-bench-") as tmp:
        if database.startswith("postgres"):
            with ThrowAwayPostgres(database) as url:
                return _run(learners, per_history, tmp, url, "PostgreSQL", broker, quick, threads, processes)
        return _run(learners, per_history, tmp, f"sqlite:///{tmp}/bench.sqlite3", "SQLite", broker, quick,
                    threads, processes)


def _run(learners, per_history, tmp, database_url, engine, broker, quick, threads, processes) -> dict:
    sys.path.insert(0, str(ROOT))
    from curriculum.bank import default_bank

    bank = default_bank()
    histories = HISTORIES if not quick else (30,)
    total = max(learners, per_history * len(histories))
    port, lms_port = _free_port(), _free_port()
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, "DATABASE_URL": database_url, "NIHONGO_VAR_DIR": tmp, "NIHONGO_BASE_URL": base,
           "NIHONGO_DEBUG": "0", "NIHONGO_DEMO": "1", "NIHONGO_SECRET_KEY": secrets.token_hex(32),
           "NIHONGO_ALLOWED_HOSTS": "127.0.0.1", "PYTHONPATH": str(ROOT), "NIHONGO_BROKER_URL": broker}
    if broker:
        import redis

        redis.Redis.from_url(broker).flushdb()  # the benchmark's own database number
    server = subprocess.Popen([sys.executable, __file__, "--serve", "--port", str(port), "--learners",
                               str(total), "--threads", str(threads), "--processes", str(processes),
                               "--max-history", str(max(histories))],
                              env=env, stdout=subprocess.PIPE, text=True)
    worker = lms = None
    conns: list[Conn] = []
    out: dict = {"engine": engine, "errors": [], "learners": learners, "load_before": load_average()}
    try:
        ready = server.stdout.readline()
        if not ready.startswith("READY"):
            raise RuntimeError(f"the server did not start (exit {server.poll()}): {ready!r}")
        shape = f"{processes} processes × {threads} threads" if "gunicorn" in ready else f"{threads} threads"
        out["server"] = f"{ready.removeprefix('READY').strip()} ({shape})"
        # The demo LMS in a server of its own, as any LMS is: the grades it receives do not share the
        # tool's processes (same code, same database and settings; the tool is pointed at it below).
        lms_base = f"http://127.0.0.1:{lms_port}"
        lms = subprocess.Popen([sys.executable, __file__, "--serve", "--lms", "--port", str(lms_port),
                                "--threads", str(threads), "--processes", "1"],
                               env=env, stdout=subprocess.PIPE, text=True)
        if not lms.stdout.readline().startswith("READY"):
            raise RuntimeError(f"the LMS's server did not start (exit {lms.poll()})")

        def parts() -> dict[str, float]:
            return cpu_by_part(server.pid, worker and worker.pid, lms.pid)
        if broker:
            worker = subprocess.Popen([sys.executable, "-m", "celery", "-A", "portal", "worker", "--beat",
                                       "--pool", "threads", "--concurrency", "16", "--loglevel", "WARNING",
                                       "--schedule", f"{tmp}/beat"], env=env, cwd=ROOT)
        if worker is not None:
            time.sleep(3)  # the worker has started (and niced itself: NIHONGO_WORKER_NICE)
            stat = Path(f"/proc/{worker.pid}/stat").read_text()
            out["worker_nice"] = int(stat.rsplit(")", 1)[1].split()[16])
        # 1. Baselines, alone (nothing else runs).
        n_one = 30 if quick else 300
        out["bare_one"] = baseline(base, 1, n_one, "bare")
        out["write_one"] = baseline(base, 1, n_one, "write")
        out["bare_many"] = baseline(base, learners, 2 if quick else 10, "bare")
        cpu_before, kinds_before = parts(), kind_cpu(base)
        out["write_many"] = baseline(base, learners, 2 if quick else 10, "write")
        out["write_many"]["cpu_ms"] = cpu_spent(cpu_before, parts(),
                                                len(out["write_many"]["server"]))
        out["write_many"]["kinds"] = {kind: [ms - kinds_before[kind][0], count - kinds_before[kind][1]]
                                      for kind, (ms, count) in kind_cpu(base).items()}
        # Launches: one learner per company first (the demo LMS creates each course's line item).
        started = time.perf_counter()
        first = {n: launch(base, n) for n in range(0, total, PER_COMPANY)}
        with ThreadPoolExecutor(max_workers=6) as pool:
            others = [n for n in range(total) if n not in first]
            rest = dict(zip(others, pool.map(lambda n: launch(base, n), others), strict=True))
        launched = [{**first, **rest}[n] for n in range(total)]
        out["setup_s"] = time.perf_counter() - started
        seeder = Conn(base)
        for n, (launch_id, _cookies) in enumerate(launched):
            status, body, _ms, _took = seeder.post("/bench/seed/", {"launch_id": launch_id,
                                                                   "cards": histories[n % len(histories)]})
            if status != 200:
                raise RuntimeError(f"seeding failed: {body}")
            out.setdefault("held", {})[histories[n % len(histories)]] = body["cards"]
        status, body, _ms, _took = seeder.post("/bench/lms-at/", {"origin": lms_base})
        if status != 200:
            raise RuntimeError(f"pointing the tool at the LMS's server failed: {body}")
        seeder.close()
        # 2. One learner at a time, per history size: two whole rounds each.
        out["history"] = {}
        for h_index, cards in enumerate(histories):
            got = {"answer": [], "answer_client": [], "round_end": [], "round_end_client": [], "errors": []}
            mine = [x for n, x in enumerate(launched) if n % len(histories) == h_index][:per_history]
            for launch_id, cookies in mine:
                conn = Conn(base, cookies)
                answer_on(conn, launch_id, 20, got, bank)  # two whole rounds
                conn.close()
            out["history"][cards] = got
            out["errors"] += got["errors"]
        # 3. Every learner at once. First each at a point of their own in the round (learner n has answered
        # n mod 10 of its questions), as a class that does not study in lockstep: round ends spread over
        # the phase. Then all from a round's start, ending it in the same seconds.
        time.sleep(2)
        wait_for_grades(base, out, settle_s=0 if not broker else 60)
        conns = [Conn(base, cookies) for _launch_id, cookies in launched[:learners]]
        before_scores = {pk for pk, _sent, _state, _received in fetch_scores(base)}
        conc = concurrent_phase(conns, launched[:learners], bank, base, parts,
                                lambda n: {"warm": n % 10, "count": 10})
        out["concurrent"] = conc
        out["errors"] += conc["errors"]
        out["grades"] = grade_latencies(base, before_scores, timeout_s=120 if broker else 5)
        finish: dict = {"answer": [], "answer_client": [], "round_end": [], "round_end_client": [],
                        "errors": []}
        for n, (conn, (launch_id, _ck)) in enumerate(zip(conns, launched[:learners], strict=True)):
            if n % 10:  # back to a round's start, untimed: the rest of the round the phase began
                answer_on(conn, launch_id, 0, finish, bank, warm=10 - n % 10)
        out["errors"] += finish["errors"]
        wait_for_grades(base, out, settle_s=0 if not broker else 60)
        out["lockstep"] = concurrent_phase(conns, launched[:learners], bank, base, parts,
                                           lambda n: {"warm": 0, "count": 10})
        out["errors"] += out["lockstep"]["errors"]
        wait_for_grades(base, out, settle_s=0 if not broker else 60)  # the baseline below runs alone
        # The minimal write again, alone: this machine's speed drifts, so the ratio is taken against both.
        out["write_many_after"] = baseline(base, learners, 2 if quick else 10, "write")
        # 4. 50 learners finish a round at once; meanwhile the demo LMS is asked for a page. Here the LMS
        # shares the tool's server again, as in ``make demo``: does the demo's LMS stay responsive?
        back = Conn(base)
        back.post("/bench/lms-at/", {"origin": ""})
        back.close()
        out["lms"] = lms_under_round_ends(base, conns[:min(50, learners)], launched[:min(50, learners)], bank,
                                          bursts=1 if quick else 4, settle_s=120 if broker else 5)
        out["load_after"] = load_average()
        return out
    finally:
        for c in conns:
            c.close()
        for proc in (worker, lms, server):
            if proc is not None:
                proc.terminate()
                try:
                    proc.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    proc.kill()
        server.stdout.close()
        if lms is not None:
            lms.stdout.close()


def concurrent_phase(conns: list, launched: list, bank, base: str, parts, plan) -> dict:
    """Every learner answering at once (``plan(n)``: learner n's ``answer_on`` arguments), timed from a
    common start: the answers, the CPU by part and by request kind."""
    conc = {"answer": [], "answer_client": [], "round_end": [], "round_end_client": [], "errors": []}
    barrier = threading.Barrier(len(conns) + 1)
    workers = [threading.Thread(target=answer_on, args=(c, lid, plan(n)["count"], conc, bank, barrier),
                                kwargs={"warm": plan(n)["warm"]})
               for n, (c, (lid, _ck)) in enumerate(zip(conns, launched, strict=True))]
    for t in workers:
        t.start()
    cpu_before, kinds_before = parts(), kind_cpu(base)
    barrier.wait()
    began = time.perf_counter()
    for t in workers:
        t.join()
    conc["wall_s"] = time.perf_counter() - began
    conc["cpu_ms"] = cpu_spent(cpu_before, parts(), len(conc["answer"]) + len(conc["round_end"]))
    conc["kinds"] = {kind: [ms - kinds_before[kind][0], count - kinds_before[kind][1]]
                     for kind, (ms, count) in kind_cpu(base).items()}
    return conc


def kind_cpu(base: str) -> dict[str, list[float]]:
    """The server threads' CPU (ms) and requests so far, per kind of request (``by_kind``)."""
    from urllib.request import urlopen

    with urlopen(f"{base}/bench/cpu/", timeout=60) as response:
        return json.loads(response.read())


def fetch_scores(base: str) -> list:
    conn = Conn(base)
    conn.http.request("GET", "/bench/scores/")
    body = json.loads(conn.http.getresponse().read())
    conn.close()
    return body["scores"]


def wait_for_grades(base: str, out: dict, settle_s: float) -> None:
    """Let the worker send the grades of the earlier phases before the next phase is timed."""
    deadline = time.time() + settle_s
    while time.time() < deadline and any(state == "pending" for _pk, _sent, state, _at in fetch_scores(base)):
        time.sleep(0.5)


def grade_latencies(base: str, before: set, timeout_s: float) -> dict:
    """Seconds from each round end's answer until the demo LMS has its grade (its time of receipt; polled
    every 0.2 s)."""
    seen: dict[int, float] = {}
    sent_at: dict[int, float] = {}
    deadline = time.time() + timeout_s
    while time.time() < deadline:
        now = time.time()
        waiting = 0
        for pk, sent, state, received in fetch_scores(base):
            if pk in before:
                continue
            sent_at[pk] = sent
            if state == "delivered":
                seen.setdefault(pk, received or now)  # the LMS's own time of receipt, else when seen here
            elif state == "pending":
                waiting += 1
        if sent_at and not waiting:
            break
        time.sleep(0.2)
    latencies = [seen[pk] - sent_at[pk] for pk in seen]
    return {"queued": len(sent_at), "delivered": len(seen), "latency_s": latencies}


def lms_under_round_ends(base: str, conns: list, launched: list, bank, bursts: int, settle_s: float) -> dict:
    """The demo LMS's response time (a GET of its page) alone, then while 50 learners end a round at once
    (``bursts`` times); and how long each of those grades took to reach the LMS, which nothing else
    loads then (the 300-learner phase shares the LMS's server with 300 learners answering)."""
    probe = Conn(base)
    alone = [probe.get("/demo-lms/")[2] for _ in range(50)]
    during: list[float] = []
    ends: list[float] = []
    latencies: list[float] = []
    queued = delivered = 0
    for _burst in range(bursts):
        # bring every learner to the last item of a round
        for conn, (launch_id, _ck) in zip(conns, launched, strict=True):
            path = f"/lti/drill/{launch_id}/"
            shown = conn.post(path + "new_round/")[1]
            for _ in range(9):
                item = bank.get(shown["item"]["id"])
                shown = conn.post(path + "answer/", {"item_id": item.id, "choice": item.answer})[1]["next"]
        barrier = threading.Barrier(len(conns) + 1)

        def finish(conn, launch_id, barrier=barrier):
            path = f"/lti/drill/{launch_id}/"
            shown = conn.post(path + "next/")[1]
            item = bank.get(shown["item"]["id"])
            barrier.wait()
            ends.append(conn.post(path + "answer/", {"item_id": item.id, "choice": item.answer})[3])
        before = {pk for pk, _sent, _state, _received in fetch_scores(base)}
        threads = [threading.Thread(target=finish, args=(c, lid))
                   for c, (lid, _ck) in zip(conns, launched, strict=True)]
        for t in threads:
            t.start()
        barrier.wait()
        stop = time.time() + 5
        while time.time() < stop:
            during.append(probe.get("/demo-lms/")[2])
        for t in threads:
            t.join()
        grades = grade_latencies(base, before, timeout_s=settle_s)
        latencies += grades["latency_s"]
        queued, delivered = queued + grades["queued"], delivered + grades["delivered"]
    probe.close()
    return {"alone": alone, "during": during, "round_end_client": ends, "bursts": bursts,
            "grades": {"queued": queued, "delivered": delivered, "latency_s": latencies}}


# --- the report ----------------------------------------------------------------------------------

def report(out: dict) -> list[tuple]:
    """Print the figures; returns the table rows (figure, target, measured, ratio)."""
    print(f"server: {out['server']}, {out['engine']}; grade worker nice {out.get('worker_nice', '-')}; "
          f"load average before {out['load_before']}, "
          f"after {out['load_after']}; launches {out['setup_s']:.1f} s")
    b1, w1, bm, wm = out["bare_one"], out["write_one"], out["bare_many"], out["write_many"]
    print(f"bare view, 1 client        : p50 {p50(b1['server']):6.2f} ms, p95 {p95(b1['server']):6.2f} ms "
          f"[{len(b1['server'])}]")
    print(f"minimal write, 1 client    : p50 {p50(w1['server']):6.2f} ms, p95 {p95(w1['server']):6.2f} ms "
          f"[{len(w1['server'])}]")
    print(f"bare view, {out['learners']} clients     : {bm['per_s']:7.0f} req/s, "
          f"server p95 {p95(bm['server']):6.2f} ms")
    wa = out["write_many_after"]
    print(f"minimal write, {out['learners']} clients : {wm['per_s']:7.0f} req/s, server p95 "
          f"{p95(wm['server']):6.2f} ms, client p95 {p95(wm['client']):6.1f} ms; again after the "
          f"{out['learners']} learners: {wa['per_s']:.0f} req/s, server p95 {p95(wa['server']):.2f} ms")
    rows = []
    ordinary_all: list[float] = []
    for cards, got in out["history"].items():
        ordinary_all += got["answer"]
        held = out.get("held", {}).get(cards, cards)  # 1,700 asks for all of N5 that drills serve
        print(f"one learner, {held:>4} cards : answer p50 {p50(got['answer']):6.2f} ms, p95 "
              f"{p95(got['answer']):6.2f} ms [{len(got['answer'])}]; "
              f"round end p50 {p50(got['round_end']):6.2f}, "
              f"p95 {p95(got['round_end']):6.2f} ms [{len(got['round_end'])}]; "
              f"{p50(got['answer']) / p50(b1['server']):.1f}× bare p50, "
              f"{p50(got['answer']) / p50(w1['server']):.1f}× minimal write p50; "
              f"server CPU per answer p50 {p50(got.get('answer_cpu', [0])):.2f}, "
              f"p95 {p95(got.get('answer_cpu', [0])):.2f} ms")
        if cards in (30, 1700):
            rows.append((f"one learner, {cards} cards: answer p95 (server)", f"≤ {TARGETS['one_p95_ms']} ms",
                         f"{p95(got['answer']):.2f} ms", p95(got["answer"]) / TARGETS["one_p95_ms"]))
    ends = [ms for got in out["history"].values() for ms in got["round_end"]]
    conc = out["concurrent"]
    answers = len(conc["answer"]) + len(conc["round_end"])
    answers_per_s = answers / conc["wall_s"]
    # one request per question (the answer brings the next one), and a new_round per round
    requests_per_s = (answers + len(conc.get("new_rounds", []))) / conc["wall_s"]
    print(f"{out['learners']} learners at once, each at its own point of the round: "
          f"{answers_per_s:6.0f} answers/s "
          f"({requests_per_s:.0f} drill requests/s with new rounds), "
          f"answer server p50 {p50(conc['answer']):6.2f} / p95 {p95(conc['answer']):6.2f} ms, "
          f"client p95 {p95(conc['answer_client']):6.1f} ms, round end p95 {p95(conc['round_end']):6.2f} ms "
          f"[{len(conc['answer'])} + {len(conc['round_end'])}]")
    cpu_a, cpu_w = conc["cpu_ms"], wm["cpu_ms"]
    print("CPU per request, in ms (server: the tool; lms: the demo LMS's own server; worker: grades; "
          f"client: this script's {out['learners']} threads): " + ", ".join(
              f"{part} {cpu_a[part]:.2f} (minimal write {cpu_w[part]:.2f})" for part in cpu_a)
          + f"; all {sum(cpu_a.values()):.2f} (minimal write {sum(cpu_w.values()):.2f}) on "
          f"{os.cpu_count()} cores. An answer counts its share of the round's next/new_round requests and "
          f"of its round's grade (the worker's, the LMS's)")
    if conc.get("kinds") and wm.get("kinds"):
        answered = len(conc["answer"]) + len(conc["round_end"])
        ka, kw = conc["kinds"], wm["kinds"]
        mine = {"the answers": ka["answer"][0], "next and new_round": ka["next"][0] + ka["new_round"][0],
                "other requests": ka["lms_score"][0] + ka["lms_other"][0] + ka["bench"][0] + ka["other"][0]}
        rest = cpu_a["server"] - sum(mine.values()) / answered
        write_view = kw["bench"][0] / max(kw["bench"][1], 1)
        print("the server's CPU per answer, by request kind (the threads serving them): "
              + ", ".join(f"{name} {ms / answered:.2f}" for name, ms in mine.items())
              + f"; outside the requests (gunicorn's HTTP work, the grade publishing thread) {rest:.2f}; "
              f"the LMS {cpu_a['lms'] * answered / max(len(conc['round_end']), 1):.2f} per grade received. "
              "The minimal write: "
              f"the view {write_view:.2f}, outside it {cpu_w['server'] - write_view:.2f}")
    writes_per_s = statistics.mean([wm["per_s"], wa["per_s"]])  # before and after the learners
    ratio = answers_per_s / writes_per_s
    rows.append((f"{out['learners']} concurrent: answers/s ÷ minimal-write req/s (before and after)",
                 f"≥ {TARGETS['concurrent_ratio']}",
                 f"{answers_per_s:.0f} / {writes_per_s:.0f} = {ratio:.2f} "
                 f"(before {answers_per_s / wm['per_s']:.2f}, after {answers_per_s / wa['per_s']:.2f}; "
                 f"drill requests: {requests_per_s / writes_per_s:.2f})",
                 ratio / TARGETS["concurrent_ratio"]))
    rows.append((f"{out['learners']} concurrent: answer p95 (server)", f"≤ {TARGETS['concurrent_p95_ms']} ms",
                 f"{p95(conc['answer']):.2f} ms", p95(conc["answer"]) / TARGETS["concurrent_p95_ms"]))
    end_ratio = p95(ends) / p95(ordinary_all)
    rows.append(("one learner: round-end p95 ÷ ordinary p95", f"≤ {TARGETS['round_end_ratio']}",
                 f"{p95(ends):.2f} / {p95(ordinary_all):.2f} ms = {end_ratio:.2f} [{len(ends)} round ends]",
                 end_ratio / TARGETS["round_end_ratio"]))
    conc_ratio = p95(conc["round_end"]) / p95(conc["answer"])
    rows.append((f"{out['learners']} concurrent, each at its own point of the round: round-end p95 ÷ "
                 "ordinary p95", f"≤ {TARGETS['round_end_ratio']}",
                 f"{p95(conc['round_end']):.2f} / {p95(conc['answer']):.2f} ms = {conc_ratio:.2f} "
                 f"[{len(conc['round_end'])} round ends]", conc_ratio / TARGETS["round_end_ratio"]))
    # Then every learner from a round's start: the round ends come together at the phase's end, with their
    # grades going out; the ordinary answers served in those same seconds show what that moment costs any.
    lock = out.get("lockstep")
    if lock and lock["round_end"]:
        lock_answers = len(lock["answer"]) + len(lock["round_end"])
        lock_ratio = p95(lock["round_end"]) / p95(lock["answer"])
        print(f"{out['learners']} learners at once, all from a round's start: "
              f"{lock_answers / lock['wall_s']:6.0f} answers/s, "
              f"answer server p95 {p95(lock['answer']):.2f} ms, "
              f"round end p95 {p95(lock['round_end']):.2f} ms [{len(lock['answer'])} + "
              f"{len(lock['round_end'])}]; CPU per answer " + ", ".join(
                  f"{part} {ms:.2f}" for part, ms in lock["cpu_ms"].items()))
        rows.append((f"{out['learners']} concurrent, all ending their round in the same seconds: round-end "
                     "p95 ÷ ordinary p95", f"≤ {TARGETS['round_end_ratio']}",
                     f"{p95(lock['round_end']):.2f} / {p95(lock['answer']):.2f} ms = {lock_ratio:.2f} "
                     f"[{len(lock['round_end'])} round ends]", lock_ratio / TARGETS["round_end_ratio"]))
        first, last = min(lock.get("round_end_at", [0])), max(lock.get("round_end_at", [0]))
        beside = [ms for ms, at in zip(lock["answer"], lock.get("answer_at", []), strict=True)
                  if first <= at <= last]
        if len(beside) >= 200:
            print(f"  the seconds in which those round ends came back ({last - first:.1f} s): ordinary "
                  f"answers p95 {p95(beside):.2f} ms [{len(beside)}], round ends p95 "
                  f"{p95(lock['round_end']):.2f} ms: {p95(lock['round_end']) / p95(beside):.2f}×")
    grades = out["grades"]
    lat = grades["latency_s"]
    print(f"grades: {grades['delivered']} of {grades['queued']} on the demo LMS; from the answer: "
          f"p50 {p50(lat):.2f} s, p95 {p95(lat):.2f} s, max {max(lat) if lat else float('nan'):.2f} s")
    rows.append((f"grades on the LMS, p95 from the answer: {out['learners']} learners answering "
                 "(the LMS in a server of its own, same machine)", f"≤ {TARGETS['grade_s']} s",
                 f"{p95(lat):.2f} s ({grades['delivered']}/{grades['queued']} delivered)",
                 p95(lat) / TARGETS["grade_s"] if lat else float("nan")))
    lms = out["lms"]
    burst = lms["grades"]
    print(f"demo LMS page while 50 learners end a round ({lms['bursts']}×): p50 {p50(lms['during']):.1f} ms, "
          f"p95 {p95(lms['during']):.1f} ms [{len(lms['during'])}] (alone p50 {p50(lms['alone']):.1f}, "
          f"p95 {p95(lms['alone']):.1f} ms); those round ends took p95 {p95(lms['round_end_client']):.1f} ms "
          f"(client); their grades on the LMS p50 {p50(burst['latency_s']):.2f} s, "
          f"p95 {p95(burst['latency_s']):.2f} s")
    rows.append((f"grades on the LMS, p95 from the answer: 50 learners end a round at once "
                 f"({lms['bursts']}×, the LMS otherwise idle)", f"≤ {TARGETS['grade_s']} s",
                 f"{p95(burst['latency_s']):.2f} s ({burst['delivered']}/{burst['queued']} delivered)",
                 p95(burst["latency_s"]) / TARGETS["grade_s"] if burst["latency_s"] else float("nan")))
    print()
    print("| figure | target | measured | ratio to target |")
    print("|---|---|---|---|")
    for figure, target, measured, r in rows:
        print(f"| {figure} | {target} | {measured} | {r:.2f} |")
    if out["errors"]:
        print(f"errors: {len(out['errors'])}, first: {out['errors'][0]}")
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--learners", type=int, default=300, help="concurrent learners in phase 3")
    parser.add_argument("--per-history", type=int, default=100,
                        help="learners per history size in phase 2 (each answers 2 rounds)")
    parser.add_argument("--broker", default=os.environ.get("NIHONGO_BROKER_URL", ""),
                        help="Redis URL for the grade worker (a database of the benchmark's own); "
                             "empty: grades sent in the request")
    parser.add_argument("--threads", type=int, default=2,
                        help="threads per server process (2, as `nihongo serve`: 8 gave the same answers/s "
                             "with server p95 109 ms instead of 20, the threads waiting for one another)")
    parser.add_argument("--processes", type=int, default=2, help="gunicorn worker processes")
    parser.add_argument("--quick", action="store_true", help="a small run for the smoke test")
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--max-history", type=int, default=HISTORIES[-1], help=argparse.SUPPRESS)
    parser.add_argument("--lms", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.serve:
        serve(args.port, args.learners, args.threads, args.processes, args.max_history, args.lms)
        return 0
    out = run(args.learners, args.per_history, args.broker, args.quick, args.threads, args.processes)
    report(out)
    return 1 if out["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
