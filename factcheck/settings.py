"""Settings, read from the environment (see .env.example).

Nothing configured: the embedded shape for one machine, SQLite in var/ and Celery
tasks run in-process. With DATABASE_URL and REDIS_URL (or CELERY_BROKER_URL): the
production shape, PostgreSQL and tasks through Redis to `celery -A factcheck worker`.
"""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from dotenv import load_dotenv
from kombu import Exchange, Queue

from .env import env_bool, env_float, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
# A .env file beside manage.py (see .env.example) fills in what the environment does not set;
# FACTCHECK_ENV_FILE names another file.
load_dotenv(env_str("FACTCHECK_ENV_FILE", str(BASE_DIR / ".env")), override=False)
VAR_DIR = Path(env_str("FACTCHECK_VAR_DIR", str(BASE_DIR / "var")))

DATABASE_URL = env_str("DATABASE_URL")
EMBEDDED = not DATABASE_URL

# A local embedded install is a developer's; a configured database means a real deployment.
DEBUG = env_bool("DJANGO_DEBUG", default=EMBEDDED)

SECRET_KEY = env_str("DJANGO_SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off.")
    SECRET_KEY = "insecure-local-development-key-do-not-deploy"

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "axes",
    "csp",
    "claims",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The page's language: the session's or cookie's choice, else the browser's Accept-Language.
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # A signed-in reviewer's own choice of language, kept on their profile, wins over the browser's.
    "claims.review.languages.ReviewerLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "factcheck.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
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

WSGI_APPLICATION = "factcheck.wsgi.application"
ASGI_APPLICATION = "factcheck.asgi.application"

if EMBEDDED:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": VAR_DIR / "db.sqlite3"}}
else:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 60))}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# The desk and the public pages speak Indonesian and English. English unless a newsroom makes
# Indonesian the default (FACTCHECK_LANGUAGE_CODE=id); a reviewer's choice or the browser's
# Accept-Language wins over it.
LANGUAGES = [("id", "Bahasa Indonesia"), ("en", "English")]
LANGUAGE_CODE = env_str("FACTCHECK_LANGUAGE_CODE", "en")
if LANGUAGE_CODE not in dict(LANGUAGES):
    raise ImproperlyConfigured(f"FACTCHECK_LANGUAGE_CODE must be id or en, not {LANGUAGE_CODE!r}")
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env_str("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env_str("DJANGO_STATIC_ROOT", str(BASE_DIR / "staticfiles")))

LOGIN_URL = "admin:login"
LOGIN_REDIRECT_URL = "review:queue"

# Logins (the admin's form, the API's basic auth) are refused for 15 minutes after 5 failures for
# one username from one address; the first backend only counts, ModelBackend checks passwords.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "claims.review.authentication.lockout_response"
AXES_VERBOSE = False  # no banner on every manage.py command; failures and lockouts are still logged

# Scripts and styles come from the app's own static files; an inline script needs the page's nonce.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Security headers for a deployment behind TLS; `manage.py check --deploy` is clean with DEBUG off.
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_HSTS_SECONDS = env_int("DJANGO_SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", default=not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("DJANGO_BEHIND_PROXY", False) else None

# Celery. Without a broker, tasks run in-process when they are dispatched.
REDIS_URL = env_str("REDIS_URL")
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", REDIS_URL)
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
if CELERY_TASK_ALWAYS_EAGER:
    # Nothing leaves the process; an in-memory transport keeps Celery from looking for a broker.
    CELERY_BROKER_URL = "memory://localhost/"
CELERY_TASK_EAGER_PROPAGATES = False
# Three queues: the default one (periodic sweeps), fetching pages and feeds, extracting claims.
# A plain worker takes all three; `--queues` specialises one. The prefix keeps deployments that
# share a Redis apart.
FACTCHECK_QUEUE_PREFIX = env_str("CELERY_QUEUE_PREFIX", "factcheck")
FACTCHECK_FETCH_QUEUE = f"{FACTCHECK_QUEUE_PREFIX}.fetch"
FACTCHECK_EXTRACT_QUEUE = f"{FACTCHECK_QUEUE_PREFIX}.extract"
CELERY_TASK_DEFAULT_QUEUE = FACTCHECK_QUEUE_PREFIX
# Each queue has its own exchange and routing key: left to Celery's defaults they would share one
# binding and every message would land in all three queues.
CELERY_TASK_QUEUES = [
    Queue(name, Exchange(name, type="direct"), routing_key=name)
    for name in (CELERY_TASK_DEFAULT_QUEUE, FACTCHECK_FETCH_QUEUE, FACTCHECK_EXTRACT_QUEUE)
]
CELERY_TASK_ROUTES = {
    "claims.tasks.extract_articles_task": {"queue": FACTCHECK_EXTRACT_QUEUE},
    "claims.tasks.ingest_items_task": {"queue": FACTCHECK_FETCH_QUEUE},
    "claims.tasks.ingest_fact_check_items_task": {"queue": FACTCHECK_FETCH_QUEUE},
    "claims.tasks.match_claims_task": {"queue": FACTCHECK_EXTRACT_QUEUE},
    "claims.tasks.match_fact_checks_task": {"queue": FACTCHECK_EXTRACT_QUEUE},
    "claims.tasks.poll_feed_task": {"queue": FACTCHECK_FETCH_QUEUE},
}
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
# A few tasks in hand per process saves a broker round trip per task; unacknowledged, they
# go back to the queue if the worker dies.
CELERY_WORKER_PREFETCH_MULTIPLIER = 4
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", 300)
# Past the soft limit the article being extracted fails with the reason and the rest of its batch
# is sent on in a new task, before the hard limit stops the process.
CELERY_TASK_SOFT_TIME_LIMIT = env_int(
    "CELERY_TASK_SOFT_TIME_LIMIT", CELERY_TASK_TIME_LIMIT - 30 if CELERY_TASK_TIME_LIMIT > 60 else None
)
# Redis hands an unacknowledged task to another worker after this long, so it must exceed the
# task time limit, or a slow task would run twice at once.
CELERY_VISIBILITY_TIMEOUT = env_int("CELERY_VISIBILITY_TIMEOUT", CELERY_TASK_TIME_LIMIT * 4)
if CELERY_VISIBILITY_TIMEOUT <= CELERY_TASK_TIME_LIMIT:
    raise ImproperlyConfigured("CELERY_VISIBILITY_TIMEOUT must be longer than CELERY_TASK_TIME_LIMIT.")
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": CELERY_VISIBILITY_TIMEOUT,
    # Look for tasks whose worker died (unacknowledged past the timeout) a few times per timeout.
    "unacked_restore_interval": max(1, min(10, CELERY_VISIBILITY_TIMEOUT // 4)),
    "unacked_restore_throttle": 1,
    # A broker that vanishes without closing the connection must not hang a publish forever.
    "socket_timeout": 30,
    "socket_connect_timeout": 5,
}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_IGNORE_RESULT = True
CELERY_BEAT_SCHEDULE = {
    "requeue-stalled-work": {
        "task": "claims.tasks.requeue_stalled_work_task",
        "schedule": crontab(minute="*"),
    },
    "poll-due-feeds": {
        "task": "claims.tasks.poll_due_feeds_task",
        "schedule": crontab(minute="*"),
    },
    # The dashboard's totals follow every change the ORM makes; a nightly recount repairs what raw
    # SQL changed behind it (claims/review/summaries.py).
    "recount-dashboard": {
        "task": "claims.tasks.dashboard_recount_task",
        "schedule": crontab(hour=env_int("FACTCHECK_RECOUNT_HOUR", 3), minute=17),
    },
}

# An article `running` longer than this is taken as abandoned by a dead worker and re-queued. Every
# commit of a batch marks the articles still to come as alive, so this bounds the time one article
# takes, not a batch. With the sweep every minute, a lost worker's articles run again within four
# minutes (queued ones within three, after FACTCHECK_REQUEUE_AFTER_SECONDS).
FACTCHECK_STALLED_AFTER_SECONDS = env_int("FACTCHECK_STALLED_AFTER_SECONDS", 180)
# Articles extracted per task, and import items ingested per task: a batch shares one broker round
# trip, which is most of the cost of a small article; each article is stored as soon as it is done.
FACTCHECK_EXTRACT_BATCH = env_int("FACTCHECK_EXTRACT_BATCH", 20)
FACTCHECK_IMPORT_BATCH = env_int("FACTCHECK_IMPORT_BATCH", 20)
# An extracted article is committed once this long has passed since the last commit of its batch,
# together with the articles finished meanwhile; 0 commits every article on its own. A worker that
# dies loses at most this much finished work, which the sweep sends round again.
FACTCHECK_EXTRACT_COMMIT_SECONDS = env_float("FACTCHECK_EXTRACT_COMMIT_SECONDS", 0.5)
# Seconds one article's extraction may take before it fails with the reason (what about its text
# is slow); the rest of its batch goes on. The extractor's own default is 20.
FACTCHECK_EXTRACT_ARTICLE_SECONDS = env_float("FACTCHECK_EXTRACT_ARTICLE_SECONDS", 20.0)
# Link each new claim to its repeats among stored claims (after extraction, on the extract queue).
FACTCHECK_MATCH_CLAIMS = env_bool("FACTCHECK_MATCH_CLAIMS", True)
# Without PostgreSQL's full-text index, claim matching scans this many of the latest claims.
# Claims scored at least this check-worthy are embedded and matched by meaning, across languages,
# against published fact-checks and the other stored claims (claims.matching.text.embeddings).
FACTCHECK_EMBED_MIN_CHECKWORTHINESS = env_float("FACTCHECK_EMBED_MIN_CHECKWORTHINESS", 0.5)
FACTCHECK_MATCH_SCAN_LIMIT = env_int("FACTCHECK_MATCH_SCAN_LIMIT", 20000)
# Work queued this long without being picked up is sent again (the broker may have been down).
FACTCHECK_REQUEUE_AFTER_SECONDS = env_int("FACTCHECK_REQUEUE_AFTER_SECONDS", 120)
# A task that meets a database outage retries after 5 s, 10 s, 20 s ... at most 60 s apart, for
# about ten minutes; then its work is marked failed with the reason, for the admin's retry actions.
FACTCHECK_DB_RETRY_FIRST_SECONDS = env_int("FACTCHECK_DB_RETRY_FIRST_SECONDS", 5)
FACTCHECK_DB_RETRY_MAX_SECONDS = env_int("FACTCHECK_DB_RETRY_MAX_SECONDS", 60)
FACTCHECK_DB_RETRY_FOR_SECONDS = env_int("FACTCHECK_DB_RETRY_FOR_SECONDS", 600)
# Fetching pages: timeouts (connect and each read; the whole fetch), size cap, redirects, one
# request per host per interval (shared through the cache), and hosts exempt from the
# private-address rule (names, IPs or CIDRs; for a local test server, never in production).
FACTCHECK_FETCH_TIMEOUT_SECONDS = env_int("FACTCHECK_FETCH_TIMEOUT_SECONDS", 15)
FACTCHECK_FETCH_TOTAL_TIMEOUT_SECONDS = env_int("FACTCHECK_FETCH_TOTAL_TIMEOUT_SECONDS", 30)
FACTCHECK_FETCH_MAX_BYTES = env_int("FACTCHECK_FETCH_MAX_BYTES", 5 * 1024 * 1024)
FACTCHECK_FETCH_MAX_REDIRECTS = env_int("FACTCHECK_FETCH_MAX_REDIRECTS", 5)
FACTCHECK_FETCH_DOMAIN_INTERVAL_SECONDS = env_float("FACTCHECK_FETCH_DOMAIN_INTERVAL_SECONDS", 1.0)
FACTCHECK_FETCH_ALLOW_HOSTS = env_list("FACTCHECK_FETCH_ALLOW_HOSTS", [])

# The cache carries the per-host fetch turns, so workers on every machine must share it.
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        # faiss tells at INFO which CPU build it loaded, after failing to find the faster ones.
        "faiss.loader": {"level": "WARNING"},
        # In-process tasks would log a line each; a worker's own log keeps them.
        **({"celery.app.trace": {"level": "WARNING"}} if CELERY_TASK_ALWAYS_EAGER else {}),
    },
}

# The organisation publishing fact-checks, named as the author of every ClaimReview and on the
# public pages; a system check warns while either is unset (the name then falls back to "factcheck").
FACTCHECK_ORGANISATION_NAME = env_str("FACTCHECK_ORGANISATION_NAME", "")
FACTCHECK_ORGANISATION_URL = env_str("FACTCHECK_ORGANISATION_URL", "")
# A verdict is published only with at least one evidence link (the public page lists its sources).
FACTCHECK_REQUIRE_EVIDENCE = env_bool("FACTCHECK_REQUIRE_EVIDENCE", True)
# How many of the newest published verdicts the ClaimReview feed carries.
FACTCHECK_FEED_SIZE = env_int("FACTCHECK_FEED_SIZE", 100)
# The review dashboard reads running totals; its figures are cached this long, and any counted
# write (a review step, new claims) makes the next view recompute them.
FACTCHECK_DASHBOARD_CACHE_SECONDS = env_int("FACTCHECK_DASHBOARD_CACHE_SECONDS", 60)

# The JSON API (claims/api.py): session login for the desk's own pages; for scripts a token
# (`manage.py drf_create_token <user>`, sent as "Authorization: Token <key>") or basic auth over
# TLS. The browsable renderer only when debugging.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",
        "claims.review.authentication.BasicAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        *(["rest_framework.renderers.BrowsableAPIRenderer"] if DEBUG else []),
    ],
}
