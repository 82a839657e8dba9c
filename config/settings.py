"""Settings for the pledge tracker: one file, driven by environment variables.

Production differs from development only through the environment (see README).
"""

import os
from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)

# A development key is acceptable only while DEBUG is on; anything else must be
# explicit, so a forgotten variable cannot ship a guessable key.
_DEV_SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production-0123456789abcdef"
SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set SECRET_KEY, or DEBUG=1 for development."
        )
    SECRET_KEY = _DEV_SECRET_KEY

ALLOWED_HOSTS = env.list(
    "ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"]
)
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django_celery_beat",
    "django_htmx",
    "simple_history",
    "axes",
    "csp",
    "corsheaders",
    "ninja",  # serves the API docs' Swagger UI from static files, not a CDN
    "commitments",
    "tracker",
]

MIDDLEWARE = [
    # Outermost: HEAD is answered as GET everywhere (ninja's GET routes
    # included), and the body is dropped from whatever answered.
    "config.head_requests.HeadAsGetMiddleware",
    # Then: every error under /api/ leaves as JSON, whichever layer made it.
    "config.errors.ApiErrorsAsJsonMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # CORS (django-cors-headers) before any middleware that may answer first.
    "corsheaders.middleware.CorsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Anonymous reads of the public API skip the rest (config/public_reads.py).
    "config.public_reads.PublicApiReadsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # AxesMiddleware must come last: it turns lockouts into responses.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "config" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# --- Database ---------------------------------------------------------------
# Default: a SQLite file under var/, so the tracker runs with zero set-up.
DATABASES = {
    "default": env.db_url(
        "DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'tracker.sqlite3'}"
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file-backed test database (not :memory:) lets a Celery worker subprocess
    # see the rows a test wrote.
    # One file per test process, so parallel test runs never share a database.
    DATABASES["default"]["TEST"] = {
        "NAME": str(VAR_DIR / f"test-tracker-{os.getpid()}.sqlite3")
    }
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# The read API's hottest queries as prepared statements (api/document_reads.py
# asks for them by name; Django's own cursors bind on the client and are never
# prepared, so no other query is). 0 behind a pooler in transaction mode
# (PgBouncer), which cannot keep a connection's prepared statements.
API_PREPARED_READS = env.bool("API_PREPARED_READS", default=True)
if DATABASES["default"]["ENGINE"].endswith("postgresql") and API_PREPARED_READS:
    # Django turns preparing off (None); a threshold no query reaches leaves it
    # to the queries that ask.
    DATABASES["default"].setdefault("OPTIONS", {})["prepare_threshold"] = 2**31 - 1
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Redis: Celery broker, result backend and cache ------------------------
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    CELERY_RESULT_BACKEND = REDIS_URL
    CELERY_TASK_ALWAYS_EAGER = False
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="tracker"),
        }
    }
else:
    # No Redis: tasks run in-process (still after the transaction commits) and
    # the cache is local memory. Nothing to start for a first look.
    CELERY_BROKER_URL = "memory://"
    CELERY_RESULT_BACKEND = None
    CELERY_TASK_ALWAYS_EAGER = True
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
CELERY_TASK_EAGER_PROPAGATES = True
# Load the extraction model in the prefork parent so the children share it
# (config/celery.py); off, each child loads its own on first use.
EXTRACTION_PRELOAD_MODEL = env.bool("EXTRACTION_PRELOAD_MODEL", default=True)
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_RESULT_EXPIRES = timedelta(days=1)
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A request that sends a task must not hang on a broker that is down: connect
# briefly, retry once at once, then give up (the job stays queued and the
# sweepers send it once the broker is back). Without the retry options kombu
# keeps reconnecting for the whole connection timeout. The worker's consumer
# connection retries on its own terms (broker_connection_retry).
CELERY_BROKER_CONNECTION_TIMEOUT = env.float(
    "CELERY_BROKER_CONNECTION_TIMEOUT", default=2.0
)
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "socket_connect_timeout": CELERY_BROKER_CONNECTION_TIMEOUT,
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.5,
}
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_TIMEZONE = "UTC"
# The beat schedule is synced into django-celery-beat's tables at beat start-up,
# where editors can see and pause it in the admin.
CELERY_BEAT_SCHEDULE = {
    "recompute-pledge-flags-daily": {
        "task": "commitments.tasks.pledge_flags_recompute_task",
        "schedule": timedelta(days=1),
    },
    # The read API's stored pledge bodies, rebuilt off the request path after
    # writes and when deadlines pass (a read rebuilds what this hasn't yet).
    "refresh-api-documents": {
        "task": "commitments.tasks.api_documents_refresh_task",
        "schedule": timedelta(minutes=10),
    },
    "poll-feeds": {
        "task": "tracker.ingest.poll_source_feeds",
        "schedule": timedelta(minutes=5),
    },
    "sweep-stuck-extraction-jobs": {
        "task": "tracker.extraction_runs.sweep_stuck_jobs",
        "schedule": timedelta(minutes=5),
    },
}

# --- Auth and roles ----------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=30))
AXES_LOCKOUT_PARAMETERS = ["ip_address", "username"]
AXES_RESET_ON_SUCCESS = True

# --- Internationalisation ------------------------------------------------------
LANGUAGE_CODE = "ko"
LANGUAGES = [("ko", _("Korean")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = env.str("TIME_ZONE", default="Asia/Seoul")

# --- Static files --------------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "config" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Without collectstatic (development, tests) whitenoise serves from the finders.
WHITENOISE_USE_FINDERS = True
WHITENOISE_MANIFEST_STRICT = False
# Files browsers and crawlers ask for at the site's root (/favicon.ico).
WHITENOISE_ROOT = BASE_DIR / "config" / "root_files"

# --- Security --------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool(
    "SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG
)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
# Paths the SSL redirect must not touch: health checks come over plain HTTP
# from the orchestrator.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# Strict CSP: no inline code, no third-party origins. Embeds relax
# frame-ancestors per view.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# --- The product's own settings ------------------------------------------------
# A pledge with no status update for this many days is flagged stale.
STALE_AFTER_DAYS = env.int("STALE_AFTER_DAYS", default=180)
# Largest article text the extractor accepts, in characters.
EXTRACTION_MAX_CHARS = env.int("EXTRACTION_MAX_CHARS", default=2_000_000)
# Worker ping timeout for /healthz, in seconds.
HEALTHZ_WORKER_TIMEOUT = env.float("HEALTHZ_WORKER_TIMEOUT", default=1.0)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # 403s and 404s are one line each, without a traceback; 5xx keep theirs.
    "filters": {
        "client_errors_on_one_line": {"()": "config.logging.ClientErrorsOnOneLine"}
    },
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {
        "django.request": {"filters": ["client_errors_on_one_line"]},
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
}

# --- Ingestion (fetching pages and feeds), extraction jobs, matching ---
# Hosts (names or IPs) the fetcher may reach even when they resolve to a
# loopback/private address. Empty in production; tests allowlist 127.0.0.1.
INGEST_ALLOWED_HOSTS = env.list("INGEST_ALLOWED_HOSTS", default=[])
INGEST_CONNECT_TIMEOUT = env.float("INGEST_CONNECT_TIMEOUT", default=5.0)
INGEST_READ_TIMEOUT = env.float("INGEST_READ_TIMEOUT", default=10.0)
# Wall-clock limit for one whole fetch (a slow drip cannot hold a worker).
INGEST_TOTAL_TIMEOUT = env.float("INGEST_TOTAL_TIMEOUT", default=30.0)
INGEST_MAX_BYTES = env.int("INGEST_MAX_BYTES", default=5 * 1024 * 1024)
INGEST_MAX_REDIRECTS = env.int("INGEST_MAX_REDIRECTS", default=5)
INGEST_USER_AGENT = env.str(
    "INGEST_USER_AGENT", default="PledgeTracker/1.0 (+newsroom ingestion)"
)
# Jobs in `extracting` longer than this are re-queued by the sweeper.
EXTRACTION_STUCK_AFTER_MINUTES = env.int("EXTRACTION_STUCK_AFTER_MINUTES", default=15)
EXTRACTION_MAX_ATTEMPTS = env.int("EXTRACTION_MAX_ATTEMPTS", default=5)
# A worker's claim on a job lasts this long and its heartbeat renews it every
# third of that while it runs: a job whose worker died is taken over by the
# next message (or sweep) once its lease lapses. Renewal stops after the time
# limit, so a hung extraction can be taken over too.
EXTRACTION_LEASE_SECONDS = env.int("EXTRACTION_LEASE_SECONDS", default=20)
EXTRACTION_TIME_LIMIT_SECONDS = env.int("EXTRACTION_TIME_LIMIT_SECONDS", default=900)
# Test-only: the runner sleeps this long holding its claim, so reliability
# tests can kill a worker mid-extraction. Leave at 0.
EXTRACTION_TEST_DELAY_SECONDS = env.float("EXTRACTION_TEST_DELAY_SECONDS", default=0)
# A suggested existing pledge needs at least this similarity (0..1).
MATCH_MIN_SCORE = env.float("MATCH_MIN_SCORE", default=0.35)

# --- The API: rate limits, CORS, caching, exports, webhooks ---
# Rate limits ("requests/period", period s|min|hour|day), per client IP for
# anonymous requests and per API key for keyed ones. 429 + Retry-After beyond.
API_RATE_LIMIT_ANON = env.str("API_RATE_LIMIT_ANON", default="120/min")
API_RATE_LIMIT_KEY = env.str("API_RATE_LIMIT_KEY", default="1200/min")
# How many proxies set X-Forwarded-For in front of the app (0: use REMOTE_ADDR).
API_NUM_PROXIES = env.int("API_NUM_PROXIES", default=0)
# ninja's throttles read the client address through this setting.
NINJA_NUM_PROXIES = API_NUM_PROXIES
# CORS: any origin may read the public API and the Atom feeds, with safe
# methods only and never with credentials (cookies are not sent cross-origin).
# The newsroom API is left out: its writes rely on the session and CSRF.
CORS_URLS_REGEX = r"^/(api/v1/(?!newsroom/)|feeds/)"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_CREDENTIALS = False
CORS_ALLOW_METHODS = ["GET", "OPTIONS"]
CORS_ALLOW_HEADERS = ["authorization", "if-none-match", "if-modified-since", "accept"]
CORS_EXPOSE_HEADERS = ["ETag", "Last-Modified", "Retry-After", "Content-Disposition"]
CORS_PREFLIGHT_MAX_AGE = 86400
# Cache-Control max-age of API GET responses, in seconds.
API_CACHE_MAX_AGE = env.int("API_CACHE_MAX_AGE", default=30)
# Sync safety (commitments/api/pagination.py): a list page never includes rows
# changed in the last N seconds, nor after the oldest open transaction began.
API_SYNC_SETTLE_SECONDS = env.float("API_SYNC_SETTLE_SECONDS", default=1.0)
API_SYNC_CLOCK_MARGIN_SECONDS = env.float("API_SYNC_CLOCK_MARGIN_SECONDS", default=1.0)
# Exports: rows fetched per query while streaming, where the nightly dumps go,
# and how many days of dumps to keep.
EXPORT_CHUNK_SIZE = env.int("EXPORT_CHUNK_SIZE", default=2000)
EXPORT_DIR = env.str("EXPORT_DIR", default=str(VAR_DIR / "exports"))
EXPORT_KEEP_DUMPS = env.int("EXPORT_KEEP_DUMPS", default=14)
# The licence the exports state (CSV trailer, JSON field, Link header).
DATA_LICENCE_NAME = env.str("DATA_LICENCE_NAME", default="CC BY 4.0")
DATA_LICENCE_URL = env.str(
    "DATA_LICENCE_URL", default="https://creativecommons.org/licenses/by/4.0/"
)
# Absolute links in the nightly dumps (no request to take the host from).
PUBLIC_BASE_URL = env.str("PUBLIC_BASE_URL", default="http://localhost:8000")
# Fonts for the pledge share card (commitments/pages/card.py), in order of
# preference: the shipped one (OFL) first, then system fonts with every
# Korean syllable where installed.
SHARE_CARD_FONTS = env.list(
    "SHARE_CARD_FONTS",
    default=[
        str(BASE_DIR / "commitments" / "fonts" / "NanumSquareB.ttf"),
        "/usr/share/fonts/truetype/nanum/NanumGothicBold.ttf",
        "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
    ],
)
CELERY_BEAT_SCHEDULE["export-pledges-nightly"] = {
    "task": "commitments.tasks.export_dump_task",
    "schedule": timedelta(days=1),
}
# The downloads' files (EXPORT_DIR/current), rebuilt after the record changes
# so a download is a file sent from disk; a download the task hasn't caught
# up with streams live and keeps its file. The web and worker processes must
# share EXPORT_DIR (docker-compose.yml mounts one volume in both).
CELERY_BEAT_SCHEDULE["refresh-export-files"] = {
    "task": "commitments.tasks.export_files_refresh_task",
    "schedule": timedelta(minutes=1),
}
# Webhooks: delivery timeout, attempts per event (exponential backoff from the
# base delay), and consecutive failed attempts before a subscriber is disabled.
WEBHOOK_TIMEOUT = env.float("WEBHOOK_TIMEOUT", default=10.0)
WEBHOOK_MAX_ATTEMPTS = env.int("WEBHOOK_MAX_ATTEMPTS", default=6)
WEBHOOK_RETRY_BASE_SECONDS = env.int("WEBHOOK_RETRY_BASE_SECONDS", default=30)
WEBHOOK_DISABLE_AFTER = env.int("WEBHOOK_DISABLE_AFTER", default=10)
# Deliveries are written in the record's transaction (the outbox) and sent
# after the commit; one never tried this many seconds later lost its send
# (the process died, the broker was down) and the sweeper sends it.
WEBHOOK_OUTBOX_GRACE_SECONDS = env.int("WEBHOOK_OUTBOX_GRACE_SECONDS", default=30)
CELERY_BEAT_SCHEDULE["sweep-webhook-deliveries"] = {
    "task": "tracker.webhooks.tasks.webhook_sweep_task",
    "schedule": timedelta(minutes=1),
}

# --- Newsroom sign-in lockout and the API's response cache ---
# A clear page (HTTP 429) when too many failed logins locked an account.
AXES_LOCKOUT_TEMPLATE = env.str(
    "AXES_LOCKOUT_TEMPLATE", default="tracker/locked_out.html"
)
# Rendered API bodies are kept in the cache this long (0: off), keyed by the
# request and a stamp of the record's latest writes (commitments/api/caching.py).
API_RESPONSE_CACHE_SECONDS = env.int("API_RESPONSE_CACHE_SECONDS", default=10)
