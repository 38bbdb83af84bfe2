"""Every setting the deployment changes, in one typed place, read from the environment once.

``portal.settings`` turns this into Django settings; ``check()`` runs at start-up (a Django
system check) so a bad value stops the server with a message that says how to fix it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
_DEV_SECRET = "dev-only-secret-key-never-use-in-production"
#: The demo's published accounts (README, ``nihongo demo``): refused at start-up outside the demo.
DEMO_PASSWORDS = {"operator": "demo-operator", "prefecture": "demo-prefecture"}


def _flag(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    return default if value is None else value.strip().lower() in {"1", "true", "yes", "on"}


def _int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value.lstrip("-").isdigit() else default


@dataclass(frozen=True)
class Config:
    debug: bool
    secret_key: str
    database_url: str
    allowed_hosts: tuple[str, ...]
    base_url: str
    behind_tls_proxy: bool
    var_dir: Path = field(default=BASE_DIR / "var")
    #: The programme's sender address; group mail goes To this address with the recipients in BCC.
    mail_from: str = "nihongo@localhost"
    #: "console" prints mail (the demo); "smtp" sends through NIHONGO_SMTP_* (production).
    mail_backend: str = "console"
    smtp_host: str = "localhost"
    smtp_port: int = 587
    smtp_user: str = ""
    smtp_password: str = ""
    #: Minutes a queued mail waits before it can be sent, so its sender can still cancel it.
    mail_hold_minutes: int = 10
    #: Where a signed-in learner or manager goes to study ({login_id} is filled in): the LMS.
    study_url: str = "/demo-lms/launch/{login_id}/"
    #: Empty: the database cache; ``redis://host:6379/0``: Redis. Never per-process memory (LTI launches).
    cache_url: str = ""
    #: Our loggers' level (JSON lines on stderr); a file too when ``log_file`` is set, rotated at midnight.
    log_level: str = "INFO"
    log_file: str = ""
    log_retention_days: int = 90
    #: The demo (``nihongo demo`` sets NIHONGO_DEMO=1): the demo LMS, demo users and ``seed-demo`` exist
    #: only then. Off by default: a deployment is production unless it asks for the demo.
    demo: bool = False
    #: Origins allowed to frame the LTI pages besides the registered platforms' own (CSP frame-ancestors),
    #: for LMSs whose pages live on another host than their issuer (Canvas: https://school.instructure.com).
    frame_ancestors: tuple[str, ...] = ()
    #: Issuers of LTI platforms that keep one resource link per deep-linking response (Open edX's LTI block):
    #: the picker offers them one activity at a time, never a whole course.
    single_link_issuers: tuple[str, ...] = ()
    #: The prefecture's address for the monthly report (P8); empty until the prefecture gives it.
    prefecture_email: str = ""
    #: The Celery broker for the grade worker (``redis://host:6379/1``). Empty: tasks run in the
    #: process that queues them (tests, a one-process install): grades are then sent in the request.
    broker_url: str = ""
    #: PostgreSQL: the drill's hot-path statements (``lti_tool.statements``) are prepared once per
    #: connection, so the database parses and plans them once, not on every answer. Turn off behind a
    #: connection pooler in transaction mode that cannot keep prepared statements (PgBouncer before 1.21,
    #: or without ``max_prepared_statements``).
    prepared_statements: bool = True
    #: How much lower the grade worker's CPU priority is than the web server's (``nice``, 0–19): where both
    #: share a machine, a learner's answer gets the CPU first and a grade waits a few milliseconds more.
    worker_nice: int = 10

    @classmethod
    def from_env(cls) -> Config:
        var_dir = Path(os.environ.get("NIHONGO_VAR_DIR", BASE_DIR / "var"))
        demo = _flag("NIHONGO_DEMO", False)
        debug = _flag("NIHONGO_DEBUG", demo)  # off unless asked for (the demo asks)
        return cls(
            debug=debug,
            secret_key=os.environ.get("NIHONGO_SECRET_KEY", _DEV_SECRET),
            database_url=os.environ.get("DATABASE_URL") or f"sqlite:///{var_dir / 'nihongo.sqlite3'}",
            allowed_hosts=tuple(
                h.strip()
                for h in os.environ.get("NIHONGO_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")
                if h.strip()
            ),
            base_url=os.environ.get("NIHONGO_BASE_URL", "http://127.0.0.1:8000").rstrip("/"),
            behind_tls_proxy=_flag("NIHONGO_BEHIND_TLS_PROXY", False),
            var_dir=var_dir,
            mail_from=os.environ.get("NIHONGO_MAIL_FROM", "nihongo@localhost"),
            mail_backend=os.environ.get("NIHONGO_MAIL_BACKEND", "console" if debug else "smtp"),
            smtp_host=os.environ.get("NIHONGO_SMTP_HOST", "localhost"),
            smtp_port=_int("NIHONGO_SMTP_PORT", 587),
            smtp_user=os.environ.get("NIHONGO_SMTP_USER", ""),
            smtp_password=os.environ.get("NIHONGO_SMTP_PASSWORD", ""),
            mail_hold_minutes=_int("NIHONGO_MAIL_HOLD_MINUTES", 10),
            study_url=os.environ.get("NIHONGO_STUDY_URL", "/demo-lms/launch/{login_id}/" if demo else ""),
            cache_url=os.environ.get("CACHE_URL", "").strip(),
            log_level=os.environ.get("NIHONGO_LOG_LEVEL", "INFO").upper(),
            log_file=os.environ.get("NIHONGO_LOG_FILE", ""),
            log_retention_days=_int("NIHONGO_LOG_RETENTION_DAYS", 90),
            demo=demo,
            frame_ancestors=tuple(o.strip().rstrip("/") for o in
                                  os.environ.get("NIHONGO_FRAME_ANCESTORS", "").split() if o.strip()),
            prefecture_email=os.environ.get("NIHONGO_PREFECTURE_EMAIL", "").strip(),
            single_link_issuers=tuple(os.environ.get("NIHONGO_SINGLE_LINK_ISSUERS", "").split()),
            broker_url=os.environ.get("NIHONGO_BROKER_URL", "").strip(),
            prepared_statements=_flag("NIHONGO_PREPARED_STATEMENTS", True),
            worker_nice=_int("NIHONGO_WORKER_NICE", 10),
        )

    def problems(self) -> list[str]:
        """What is wrong with this configuration, each with the fix."""
        found = []
        production = not (self.debug or self.demo)
        if production and self.secret_key == _DEV_SECRET:
            found.append("NIHONGO_SECRET_KEY is the development key: set a long random value for production.")
        if production and not self.base_url.startswith("https://"):
            found.append("NIHONGO_BASE_URL must be https:// in production: LMSs embed tools over TLS only.")
        if self.mail_backend not in {"console", "smtp"}:
            found.append(f"NIHONGO_MAIL_BACKEND {self.mail_backend!r} is unknown: use console or smtp.")
        if "@" not in self.mail_from:
            found.append("NIHONGO_MAIL_FROM must be an e-mail address (the programme's sender).")
        scheme = self.database_url.split(":", 1)[0]
        if scheme not in {"sqlite", "postgres", "postgresql", "mysql"}:
            found.append(f"DATABASE_URL scheme {scheme!r} is not supported: use sqlite:// or postgres://.")
        if self.cache_url and self.cache_url.split(":", 1)[0] not in {"redis", "rediss"}:
            found.append(f"CACHE_URL scheme {self.cache_url.split(':', 1)[0]!r} is not supported: leave it "
                         "empty (the database cache) or use redis://host:6379/0.")
        for origin in self.frame_ancestors:
            if not origin.startswith("https://") or "/" in origin[len("https://"):]:
                found.append(f"NIHONGO_FRAME_ANCESTORS {origin!r} must be an https:// origin "
                             "(scheme and host, no path), separated by spaces.")
        broker = self.broker_url.split(":", 1)[0]
        if self.broker_url and broker not in {"redis", "rediss", "redis+socket", "filesystem"}:
            found.append(f"NIHONGO_BROKER_URL scheme {broker!r} is not supported: use redis://host:6379/1 "
                         "(or leave it empty to send grades in the request).")
        if not 0 <= self.worker_nice <= 19:
            found.append(f"NIHONGO_WORKER_NICE {self.worker_nice} is out of range: use 0 (the web server's "
                         "priority) to 19 (the lowest).")
        return found

    def celery(self) -> dict:
        """Celery's settings (``CELERY_*``): Redis when a broker is set, else tasks run in-process."""
        return {
            "BROKER_URL": self.broker_url or "memory://localhost/",
            "TASK_ALWAYS_EAGER": not self.broker_url,
            "TASK_IGNORE_RESULT": True,
            "BROKER_CONNECTION_TIMEOUT": 2,
            "BROKER_CONNECTION_RETRY_ON_STARTUP": True,
            # A broker that is down must not hold a learner's request: the grade stays queued in the
            # database and the schedule below sends it.
            "TASK_PUBLISH_RETRY": False,
            "BROKER_TRANSPORT_OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 5},
            "WORKER_HIJACK_ROOT_LOGGER": False,
            "WORKER_PREFETCH_MULTIPLIER": 4,
            "BEAT_SCHEDULE": {"retry-scores": {"task": "lti_tool.retry_scores", "schedule": 60.0}},
        }

    def cache(self) -> dict:
        """Django's default cache, shared by every worker (LTI launch data and nonces)."""
        if self.cache_url.startswith(("redis://", "rediss://")):
            return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": self.cache_url,
                    "KEY_PREFIX": "nihongo"}
        # Django culls a database cache at 300 entries by default, deleting live nonces and launch
        # data (about five keys per launch) once ~60 learners launch at once; expired rows still go.
        return {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "nihongo_cache",
                "OPTIONS": {"MAX_ENTRIES": 200_000, "CULL_FREQUENCY": 4}}


CONFIG = Config.from_env()
