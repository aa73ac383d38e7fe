"""The one settings module: every value comes from the environment, with safe defaults.

Zero configuration runs on an SQLite file under ./var, so a fresh checkout just works.
`newsfold config` prints the effective values.
"""

from __future__ import annotations

from pathlib import Path

from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from newsfold.envconf import (
    database_from_url,
    env_bool,
    env_float,
    env_int,
    env_list,
    env_str,
)

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(env_str("NEWSFOLD_DATA_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DEBUG", False)
DEVELOPMENT_KEY = "dev-only-insecure-key-change-me"
SECRET_KEY = env_str("SECRET_KEY", DEVELOPMENT_KEY, secret=True)
LOOPBACK_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", LOOPBACK_HOSTS)
if SECRET_KEY == DEVELOPMENT_KEY and not DEBUG and set(ALLOWED_HOSTS) - set(LOOPBACK_HOSTS):
    # Anyone who reads this file could sign sessions and image links for a public site.
    raise ImproperlyConfigured(
        "SECRET_KEY is the development key but ALLOWED_HOSTS names a public host:"
        " set SECRET_KEY (or SECRET_KEY_FILE) to a long random value"
    )
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "newsfold.sources",
    "newsfold.news",
    "newsfold.ingestion",
    "newsfold.community",
    "newsfold.api",
    # The API's docs page (/api/docs) from ninja's own static files, not a CDN.
    "ninja",
    "axes",
    "django_htmx",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "newsfold.nulguard.NulGuardMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "newsfold.news.query.PageQueryMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "newsfold.dbrouter.ReplicaReadsMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "newsfold.community.middleware.ReaderMiddleware",
    # Last, as its documentation asks: it answers a locked-out login itself.
    "axes.middleware.AxesMiddleware",
]

# Every page loads only what this site serves: no script, style, frame or image from
# anywhere else (publishers' images come through /img/, news/images.py), nothing inline.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "connect-src": [SELF],
        "manifest-src": [SELF],
        "worker-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

ROOT_URLCONF = "newsfold.urls"
WSGI_APPLICATION = "newsfold.wsgi.application"

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
                "django.template.context_processors.i18n",
                "newsfold.news.context.site",
            ],
        },
    },
]

DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{DATA_DIR / 'newsfold.sqlite3'}", secret=True)
# Seconds a process keeps its database connection between requests (0: one per request).
DB_CONN_MAX_AGE = env_int("NEWSFOLD_DB_CONN_MAX_AGE", 600, minimum=0)
# PostgreSQL: prepare the statements a connection runs often (see `database_from_url`).
DB_PREPARED = env_bool("NEWSFOLD_DB_PREPARED", True)
DATABASES = {"default": database_from_url(DATABASE_URL, DB_CONN_MAX_AGE, prepared=DB_PREPARED)}
# A PostgreSQL read replica for anonymous readers' pages (newsfold/dbrouter.py); writes,
# workers and signed-in readers stay on the primary.
DATABASE_REPLICA_URL = env_str("DATABASE_REPLICA_URL", "", secret=True)
DATABASE_ROUTERS = ["newsfold.dbrouter.ReplicaRouter"]
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = database_from_url(
        DATABASE_REPLICA_URL, DB_CONN_MAX_AGE, prepared=DB_PREPARED, name="DATABASE_REPLICA_URL"
    )
    if not DATABASES["replica"]["ENGINE"].endswith("postgresql"):
        raise ImproperlyConfigured(
            "DATABASE_REPLICA_URL: a read replica is PostgreSQL's (postgres://…)"
        )
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # A file, not memory, so that tests can run real workers and CLI processes against it.
    DATABASES["default"]["TEST"] = {"NAME": str(DATA_DIR / "test.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}

LANGUAGE_CODE = "en"
# The site's own text; each article keeps its own language whatever the site's is.
LANGUAGES = [("en", "English"), ("ar", "العربية")]
LOCALE_PATHS = [BASE_DIR / "newsfold" / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
# Only for `collectstatic` behind a separate web server; WhiteNoise needs none.
STATIC_ROOT = env_str("NEWSFOLD_STATIC_ROOT", "") or None
# WhiteNoise serves the apps' static folders directly, so `serve` needs no collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_MAX_AGE = 3600

# One cache for every process on this machine (an SQLite file beside the database) by
# default; REDIS_URL shares one between machines. Rendered pages are its main use.
REDIS_URL = env_str("REDIS_URL", "", secret=True)
CACHE_PATH = env_str("NEWSFOLD_CACHE_PATH", str(DATA_DIR / "cache.sqlite3"))
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
        if REDIS_URL
        else {
            "BACKEND": "newsfold.sqlitecache.SQLiteCache",
            "LOCATION": CACHE_PATH,
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    ),
    # The parts of every page's frame that only the language changes (news/base.html):
    # the same in every process, so each keeps its own, and rendering them cost more than
    # a whole article's own markup.
    "frame": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "frame"},
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "loggers": {
        "newsfold": {"handlers": ["console"], "level": env_str("NEWSFOLD_LOG_LEVEL", "INFO")},
        # Every 500 with its traceback, in the server's log (the page says only that it failed).
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
    },
}

# --- readers --------------------------------------------------------------------------
# Login throttling (django-axes): after this many failed logins for one name from one
# address, that pair is locked out for NEWSFOLD_LOGIN_COOLOFF_MINUTES.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("NEWSFOLD_LOGIN_FAILURES", 5, minimum=1)
AXES_COOLOFF_TIME = env_int("NEWSFOLD_LOGIN_COOLOFF_MINUTES", 15, minimum=1) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "community/locked_out.html"
AXES_VERBOSE = False
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "community:login"
LOGIN_REDIRECT_URL = "news:home"
LOGOUT_REDIRECT_URL = "news:home"
# Behind HTTPS in production, set NEWSFOLD_SECURE_COOKIES=1 (README, "Running it for real").
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool("NEWSFOLD_SECURE_COOKIES", False)
# Strict-Transport-Security, once the site is served only over HTTPS (0: not sent).
SECURE_HSTS_SECONDS = env_int("NEWSFOLD_HSTS_SECONDS", 0, minimum=0)
# Behind a TLS-terminating proxy that sets this header (e.g. X-Forwarded-Proto), requests
# it marks "https" count as secure: the HSTS header goes out and links are https.
_PROXY_SSL = env_str("NEWSFOLD_PROXY_SSL_HEADER", "")
SECURE_PROXY_SSL_HEADER = (_PROXY_SSL, "https") if _PROXY_SSL else None
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = env_int("NEWSFOLD_SESSION_DAYS", 30, minimum=1) * 24 * 3600
# Comments per account and per address (django-ratelimit's "count/period" form); a new
# account (younger than NEWSFOLD_NEW_ACCOUNT_HOURS) gets the stricter rate.
NEWSFOLD_COMMENT_RATE = env_str("NEWSFOLD_COMMENT_RATE", "10/m")
NEWSFOLD_COMMENT_RATE_NEW = env_str("NEWSFOLD_COMMENT_RATE_NEW", "3/10m")
NEWSFOLD_COMMENT_RATE_IP = env_str("NEWSFOLD_COMMENT_RATE_IP", "30/h")
NEWSFOLD_NEW_ACCOUNT_HOURS = env_int("NEWSFOLD_NEW_ACCOUNT_HOURS", 24, minimum=0)
NEWSFOLD_SIGNUP_RATE_IP = env_str("NEWSFOLD_SIGNUP_RATE_IP", "10/h")
# Behind a proxy, the header holding the reader's address (e.g. HTTP_X_FORWARDED_FOR),
# for rate limits and login throttling; empty: the connection's own address.
NEWSFOLD_CLIENT_IP_HEADER = env_str("NEWSFOLD_CLIENT_IP_HEADER", "")
RATELIMIT_IP_META_KEY = AXES_CLIENT_IP_CALLABLE = "newsfold.community.clientip.client_ip"

# JSON API calls per minute, hour… (count/period): per address for anonymous callers, per
# account for token or session callers.
NEWSFOLD_API_RATE_ANON = env_str("NEWSFOLD_API_RATE_ANON", "120/m")
NEWSFOLD_API_RATE = env_str("NEWSFOLD_API_RATE", "600/m")

# Password resets go by email: printed on the console unless an SMTP host is set.
EMAIL_HOST = env_str("EMAIL_HOST", "")
EMAIL_PORT = env_int("EMAIL_PORT", 587, minimum=1)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "", secret=True)
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "newsfold@localhost")

# --- fetching -------------------------------------------------------------------------
NEWSFOLD_USER_AGENT = env_str(
    "NEWSFOLD_USER_AGENT", "newsfold/0.1 (self-hosted news aggregator; +https://newsfold.invalid)"
)
NEWSFOLD_CONNECT_TIMEOUT = env_float("NEWSFOLD_CONNECT_TIMEOUT", 10.0)
NEWSFOLD_READ_TIMEOUT = env_float("NEWSFOLD_READ_TIMEOUT", 30.0)
NEWSFOLD_MAX_BYTES = env_int("NEWSFOLD_MAX_BYTES", 10 * 1024 * 1024, minimum=1024)
# Entries taken from one feed document (the newest); the rest are left out and reported.
NEWSFOLD_MAX_ENTRIES = env_int("NEWSFOLD_MAX_ENTRIES", 1000, minimum=1)
NEWSFOLD_MAX_REDIRECTS = env_int("NEWSFOLD_MAX_REDIRECTS", 5, minimum=0)
# Private, loopback and link-local addresses are refused unless allowed here.
NEWSFOLD_ALLOW_PRIVATE_NETWORKS = env_bool("NEWSFOLD_ALLOW_PRIVATE_NETWORKS", False)
NEWSFOLD_ALLOWED_NETWORKS = env_list("NEWSFOLD_ALLOWED_NETWORKS", [])
NEWSFOLD_PER_HOST_LIMIT = env_int("NEWSFOLD_PER_HOST_LIMIT", 2, minimum=1)
NEWSFOLD_RESPECT_ROBOTS = env_bool("NEWSFOLD_RESPECT_ROBOTS", True)

# --- scheduling -----------------------------------------------------------------------
NEWSFOLD_POLL_MIN = env_int("NEWSFOLD_POLL_MIN", 15 * 60, minimum=60)
NEWSFOLD_POLL_DEFAULT = env_int("NEWSFOLD_POLL_DEFAULT", 60 * 60, minimum=60)
NEWSFOLD_POLL_MAX = env_int("NEWSFOLD_POLL_MAX", 24 * 60 * 60, minimum=60)
NEWSFOLD_BACKOFF_BASE = env_int("NEWSFOLD_BACKOFF_BASE", 5 * 60, minimum=1)
NEWSFOLD_TASK_RETRIES = env_int("NEWSFOLD_TASK_RETRIES", 3, minimum=0)
# A task claimed longer ago than this is taken for dead (worker killed) and queued again.
NEWSFOLD_TASK_LEASE = env_int("NEWSFOLD_TASK_LEASE", 15 * 60, minimum=30)
NEWSFOLD_FETCH_HISTORY = env_int("NEWSFOLD_FETCH_HISTORY", 50, minimum=1)

# --- stories --------------------------------------------------------------------------
# How far back a worker's story index reaches when it starts (stories older than this
# are not joined by new articles).
NEWSFOLD_STORY_WINDOW_DAYS = env_int("NEWSFOLD_STORY_WINDOW_DAYS", 3, minimum=1)

# Publishers' images in article bodies, fetched and served by us (/img/); off: none at all.
NEWSFOLD_REMOTE_IMAGES = env_bool("NEWSFOLD_REMOTE_IMAGES", True)

# --- AI features ----------------------------------------------------------------------
# Summaries, key points, quotes, conflicts and answers run offline; an OpenAI-compatible
# chat endpoint (llama.cpp, Ollama, a hosted service) may write summaries and answers in
# its own words from the same cited sentences. Empty URL: offline only.
NEWSFOLD_LLM_URL = env_str("NEWSFOLD_LLM_URL", "").rstrip("/")
NEWSFOLD_LLM_MODEL = env_str("NEWSFOLD_LLM_MODEL", "")
NEWSFOLD_LLM_KEY = env_str("NEWSFOLD_LLM_KEY", "")
NEWSFOLD_LLM_TIMEOUT = env_float("NEWSFOLD_LLM_TIMEOUT", 30.0)
# Outlets whose text is never sent to the model (names, comma-separated).
NEWSFOLD_LLM_EXCLUDE = env_list("NEWSFOLD_LLM_EXCLUDE", [])
# How long an answer is kept for the same question about the same coverage.
NEWSFOLD_ANSWER_SECONDS = env_int("NEWSFOLD_ANSWER_SECONDS", 24 * 3600, minimum=0)
NEWSFOLD_ASK_RATE_IP = env_str("NEWSFOLD_ASK_RATE_IP", "30/m")

# --- site -----------------------------------------------------------------------------
NEWSFOLD_SITE_NAME = env_str("NEWSFOLD_SITE_NAME", "newsfold")
# The public address, for canonical links, sitemaps and shared links behind a proxy;
# empty means the address the request came to.
NEWSFOLD_BASE_URL = env_str("NEWSFOLD_BASE_URL", "").rstrip("/")
NEWSFOLD_PAGE_SIZE = env_int("NEWSFOLD_PAGE_SIZE", 30, minimum=5)
# Top stories are picked from stories updated within this many hours.
NEWSFOLD_TOP_HOURS = env_int("NEWSFOLD_TOP_HOURS", 48, minimum=1)
