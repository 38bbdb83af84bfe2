"""``nihongo demo``: migrate, seed, and serve the portal and the workbench until Ctrl-C.

Two servers, because the xblock-sdk workbench is its own Django project:
the portal (landing page, demo LMS, LTI tool) and the workbench (our XBlocks on the real runtime).
Beside them, the grade worker (Celery, ``portal/celery.py``) on a Redis of the demo's own (a unix
socket in the var directory, no port taken), so grades reach the demo LMS off the learners'
requests as in production. Without Debian's ``redis-server`` the demo says so and sends grades in
the request instead.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _env(var_dir: Path, settings: str, base_url: str) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}  # the demo is SQLite
    env.update(NIHONGO_VAR_DIR=str(var_dir), DJANGO_SETTINGS_MODULE=settings, NIHONGO_BASE_URL=base_url,
               PYTHONUNBUFFERED="1", NIHONGO_DEMO="1", NIHONGO_DEBUG=os.environ.get("NIHONGO_DEBUG", "1"))
    return env


def _manage(env: dict, *args: str) -> None:
    subprocess.run([sys.executable, str(ROOT / "manage.py"), *args], env=env, check=True, cwd=ROOT)


def _wait(url: str, procs: list[subprocess.Popen], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if any(p.poll() is not None for p in procs):
            raise SystemExit("a demo server stopped while starting; see the messages above")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"{url} did not answer within {timeout:.0f} s")


def _broker(var_dir: Path) -> tuple[list[subprocess.Popen], str]:
    """A Redis for the worker, on a unix socket in ``var_dir``; none when redis-server is missing."""
    server = shutil.which("redis-server")
    if not server:
        print("redis-server is not installed (apt-get install redis-server): grades are sent in the "
              "learners' requests, without the worker.", flush=True)
        return [], ""
    socket = var_dir / "redis.sock"
    proc = subprocess.Popen([server, "--port", "0", "--unixsocket", str(socket), "--unixsocketperm", "700",
                             "--save", "", "--appendonly", "no", "--dir", str(var_dir)],
                            stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + 10
    while not socket.exists():
        if proc.poll() is not None or time.monotonic() > deadline:
            raise SystemExit("redis-server did not start; see the messages above")
        time.sleep(0.1)
    return [proc], f"redis+socket://{socket}"


def urls(port: int, workbench_port: int) -> dict[str, str]:
    base, wb = f"http://127.0.0.1:{port}", f"http://127.0.0.1:{workbench_port}"
    return {
        "Portal (landing page)": f"{base}/",
        "Demo LMS (launch the tool as a learner or a manager)": f"{base}/demo-lms/",
        "Demo LMS: launch the drill as learner k26-0001": f"{base}/demo-lms/launch/k26-0001/",
        "Demo LMS: launch as manager k26-m001 (dashboard)": f"{base}/demo-lms/launch/k26-m001/",
        "XBlock workbench: JLPT N5 drill": f"{wb}/scenario/jlpt_drill.0/",
        "Operators' admin (user operator, password demo-operator)": f"{base}/admin/",
        "Demo LMS: add activities by deep linking, as manager k26-m001":
            f"{base}/demo-lms/deep-link/k26-m001/",
        "XBlock workbench: every block (mock test, placement, my week, dialect lessons)": f"{wb}/",
        "Entry form: a company applies": f"{base}/apply/",
        "Prefecture review (user prefecture, password demo-prefecture)": f"{base}/apply/review/",
        "Outbox: mail waiting for a double check (user operator)": f"{base}/operator/outbox/",
        "Learners and managers sign in (after `nihongo accounts issue`)": f"{base}/accounts/login/",
    }


def run(portal_port: int = 8000, workbench_port: int = 8001, var_dir: Path | None = None) -> int:
    var_dir = Path(var_dir or ROOT / "var").resolve()
    var_dir.mkdir(parents=True, exist_ok=True)
    base_url = f"http://127.0.0.1:{portal_port}"
    portal_env = _env(var_dir, "portal.settings", base_url)
    workbench_env = _env(var_dir, "portal.workbench_settings", base_url)
    print("Preparing the demo databases in", var_dir, flush=True)
    _manage(portal_env, "migrate", "--no-input", "-v0")
    _manage(portal_env, "createcachetable")
    nihongo = [sys.executable, "-m", "portal.cli"]
    subprocess.run([*nihongo, "seed-demo", "--base-url", base_url], env=portal_env, check=True, cwd=ROOT)
    print("Applying the weekly-login rule to the demo's weeks of activity:", flush=True)
    subprocess.run([*nihongo, "rules", "run", "--apply"], env=portal_env, check=True, cwd=ROOT)
    print("The rule's notices to the outbox (mail, or a letter where there is no e-mail):", flush=True)
    subprocess.run([*nihongo, "outbox", "notices"], env=portal_env, check=False, cwd=ROOT)
    _manage(workbench_env, "migrate", "--run-syncdb", "--no-input", "-v0")  # the SDK ships no migrations
    serve = [sys.executable, str(ROOT / "manage.py"), "runserver", "--noreload"]
    procs, broker = _broker(var_dir)
    if broker:
        portal_env["NIHONGO_BROKER_URL"] = broker
        procs.append(subprocess.Popen([sys.executable, "-m", "celery", "-A", "portal", "worker", "--beat",
                                       "--pool", "threads", "--concurrency", "16", "--loglevel", "WARNING",
                                       "--schedule", str(var_dir / "celerybeat-schedule")],
                                      env=portal_env, cwd=ROOT))
    procs += [
        subprocess.Popen([*serve, f"127.0.0.1:{portal_port}"], env=portal_env, cwd=ROOT),
        subprocess.Popen([*serve, f"127.0.0.1:{workbench_port}"], env=workbench_env, cwd=ROOT),
    ]
    try:
        _wait(f"{base_url}/", procs)
        _wait(f"http://127.0.0.1:{workbench_port}/", procs)
        print("\nKagoshima Nihongo demo is running:", flush=True)
        for label, url in urls(portal_port, workbench_port).items():
            print(f"  {label}:\n    {url}", flush=True)
        if broker:
            print(f"Grades go to the demo LMS through the worker (Celery on {broker}).", flush=True)
        print("Press Ctrl-C to stop.", flush=True)
        signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt))
        while all(p.poll() is None for p in procs):
            time.sleep(0.5)
        return 1
    except KeyboardInterrupt:
        return 0
    finally:
        for p in procs:
            p.terminate()
        for p in procs:
            try:
                p.wait(timeout=10)
            except subprocess.TimeoutExpired:
                p.kill()
        print("Demo stopped.", flush=True)
