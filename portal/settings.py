"""Django settings, derived from ``portal.config.CONFIG`` (the one typed place for settings)."""

import warnings
from datetime import timedelta

import dj_database_url

from curriculum.languages import LANGUAGE_NAMES

from .config import BASE_DIR, CONFIG
from .logs import logging_config

# lti1p3platform 0.1.8 imports pkg_resources (pinned setuptools<81 keeps it working); its deprecation
# notice would otherwise open every `nihongo` command's output.
warnings.filterwarnings("ignore", message="pkg_resources is deprecated", category=UserWarning)

DEBUG = CONFIG.debug
#: The demo (NIHONGO_DEMO=1, set by `nihongo demo`): the demo LMS's app and pages exist only then.
NIHONGO_DEMO = CONFIG.demo
SECRET_KEY = CONFIG.secret_key
ALLOWED_HOSTS = list(CONFIG.allowed_hosts)
NIHONGO_BASE_URL = CONFIG.base_url
NIHONGO_STUDY_URL = CONFIG.study_url  # where a learner studies (the account page links it)
NIHONGO_MAIL_HOLD_MINUTES = CONFIG.mail_hold_minutes  # the outbox's delay before sending (O10)
# What the LTI tool asks of the programme (lti_tool.programme_port), wired here at the composition root.
NIHONGO_PROGRAMME_PORT = "portal.programme_port.RegistryPort"
# The sync's adapter for the LTI tool's own records, and the extra lines of `nihongo status`.
NIHONGO_LTI_SOURCE = "portal.lti_records.LtiToolRecords"
NIHONGO_STATUS_CHECKS = ("lti_tool.score_queue.status_line", "reports.delivery.status_check")
# Where the monthly report goes (nihongo report monthly --queue), through the outbox's double check.
NIHONGO_PREFECTURE_EMAIL = CONFIG.prefecture_email
# LTI platforms that keep one link per deep-linking response (Open edX): one activity at a time.
NIHONGO_SINGLE_LINK_ISSUERS = CONFIG.single_link_issuers
# Days before a planned maintenance window that every page shows its banner (O9).
NIHONGO_MAINTENANCE_NOTICE_DAYS = 7
# Hosts whose accounts `nihongo accounts issue --host X` creates through their API.
NIHONGO_PROVISIONERS = {"openedx": "sync_service.provisioning.openedx_provisioner"}

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "axes",  # sign-in throttling and lockout (django-axes)
    "portal.apps.PortalConfig",
    "lti_tool.apps.LtiToolConfig",
    "programme.apps.ProgrammeConfig",
    "programme.inquiries.apps.InquiriesConfig",
    "programme.surveys.apps.SurveysConfig",
    "programme.accounts.apps.AccountsConfig",
    "programme.outbox.apps.OutboxConfig",
    "programme.front_office.apps.FrontOfficeConfig",
]
if NIHONGO_DEMO:
    INSTALLED_APPS.insert(INSTALLED_APPS.index("portal.apps.PortalConfig") + 1,
                          "portal.demo_lms.apps.DemoLmsConfig")

MIDDLEWARE = [
    "portal.logs.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",  # static files (admin CSS) without DEBUG
    "portal.security.SecurityHeaders",  # CSP (frame-ancestors) and Permissions-Policy
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "programme.accounts.middleware.FirstLoginPasswordChange",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",  # last: turns a lockout into the "too many attempts" page
]

# Every sign-in page (the admin, the prefecture's review, learners and managers) goes through Django's
# authenticate(), so django-axes counts failures on all of them: 10 wrong passwords for one login ID, or
# from one address (password spraying), lock it for 15 minutes (a success resets the count); the page
# says so in plain words (429).
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_FAILURE_LIMIT = 10
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "portal/locked.html"
AXES_CLIENT_IP_CALLABLE = "programme.front_office.throttle.client_address"
AXES_VERBOSE = False
# First passwords are random; the ones people choose must be at least 10 characters, not a common
# password, not all digits and not like their login ID.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.maintenance.banner",  # planned maintenance on every page (O9)
            ],
        },
    },
]

DATABASES = {"default": dj_database_url.parse(CONFIG.database_url, conn_max_age=60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and CONFIG.prepared_statements:
    # psycopg prepares what it is asked to once this is set (Django leaves it unset: nothing prepared); only
    # the drill's statements ask (lti_tool.statements), the ORM's client-side-binding cursors never prepare.
    DATABASES["default"].setdefault("OPTIONS", {})["prepare_threshold"] = 1_000_000
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A read-then-write transaction must take SQLite's write lock at BEGIN, and wait for it, or
    # concurrent learners get "database is locked" (500) at once.
    DATABASES["default"]["OPTIONS"] = {"transaction_mode": "IMMEDIATE", "timeout": 20}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# LTI launch data must be shared by every worker: the database cache or Redis (CACHE_URL), never
# per-process memory.
CACHES = {"default": CONFIG.cache()}
# The grade worker (portal/celery.py): Redis when NIHONGO_BROKER_URL is set, else in-process.
_CELERY = CONFIG.celery()
CELERY_BROKER_URL = _CELERY["BROKER_URL"]
CELERY_TASK_ALWAYS_EAGER = _CELERY["TASK_ALWAYS_EAGER"]
CELERY_TASK_IGNORE_RESULT = _CELERY["TASK_IGNORE_RESULT"]
CELERY_BROKER_CONNECTION_TIMEOUT = _CELERY["BROKER_CONNECTION_TIMEOUT"]
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = _CELERY["BROKER_CONNECTION_RETRY_ON_STARTUP"]
CELERY_TASK_PUBLISH_RETRY = _CELERY["TASK_PUBLISH_RETRY"]
CELERY_BROKER_TRANSPORT_OPTIONS = _CELERY["BROKER_TRANSPORT_OPTIONS"]
CELERY_WORKER_HIJACK_ROOT_LOGGER = _CELERY["WORKER_HIJACK_ROOT_LOGGER"]
CELERY_WORKER_PREFETCH_MULTIPLIER = _CELERY["WORKER_PREFETCH_MULTIPLIER"]
CELERY_BEAT_SCHEDULE = _CELERY["BEAT_SCHEDULE"]

if CONFIG.behind_tls_proxy:
    # Without this, pylti1p3 thinks every request is plain HTTP and drops its per-browser cookie.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
if CONFIG.behind_tls_proxy or CONFIG.base_url.startswith("https://"):
    # Browsers come back over HTTPS only (HSTS, a year); plain HTTP is redirected.
    SECURE_SSL_REDIRECT = not DEBUG
    SECURE_REDIRECT_EXEMPT = [r"^healthz/?$", r"^readyz/?$"]  # load balancers probe over plain HTTP
    SECURE_HSTS_SECONDS = 31_536_000
# Subdomains and the browsers' preload list are the domain owner's decision (docs/deployers.md), so
# `check --deploy` does not ask for them here.
SILENCED_SYSTEM_CHECKS = ["security.W005", "security.W021"]
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin-allow-popups"  # LTI tools may open a new window
# Inside the LMS's iframe only PyLTI1p3's cookies matter: `Secure; SameSite=None` on every HTTPS
# request. Django's session and CSRF cookies serve top-level pages (portal, admin) and stay
# SameSite=Lax; over HTTPS they are Secure.
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = CONFIG.base_url.startswith("https://")

# All mail leaves through programme.outbox; these are only its transport.
EMAIL_BACKEND = {"console": "django.core.mail.backends.console.EmailBackend",
                 "smtp": "django.core.mail.backends.smtp.EmailBackend"}.get(
    CONFIG.mail_backend, "django.core.mail.backends.smtp.EmailBackend")
DEFAULT_FROM_EMAIL = CONFIG.mail_from
EMAIL_HOST, EMAIL_PORT = CONFIG.smtp_host, CONFIG.smtp_port
EMAIL_HOST_USER, EMAIL_HOST_PASSWORD = CONFIG.smtp_user, CONFIG.smtp_password
EMAIL_USE_TLS = CONFIG.smtp_port == 587

LANGUAGE_CODE = "en"
LANGUAGES = list(LANGUAGE_NAMES)  # declared once, in curriculum/languages.py
TIME_ZONE = "Asia/Tokyo"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = CONFIG.var_dir / "static"
# WhiteNoise serves STATIC_ROOT (`nihongo serve` collects it first) and, should it be missing, the
# apps' own static files; with DEBUG it looks them up on every request.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
LOGIN_URL = "/admin/login/"

# JSON lines with request ids, our loggers at INFO (O3); NIHONGO_LOG_FILE adds a file rotated at midnight and
# kept NIHONGO_LOG_RETENTION_DAYS days (docs/operators.md, Logs).
LOGGING = logging_config(CONFIG.log_level, CONFIG.log_file, CONFIG.log_retention_days)
BASE_DIR = BASE_DIR

# edx-rest-api-client (via edx-django-utils) looks for telemetry backends; we use none.
OPENEDX_TELEMETRY = []
