"""The one settings module. Everything that differs between machines comes from the environment.

Development needs no setup: with nothing set, ``GONGKAI_DEBUG`` is on, a development secret key is
used and the database is a SQLite file under ``GONGKAI_DATA_DIR`` (default ``./var``). Production
sets ``GONGKAI_DEBUG=0``, which makes ``GONGKAI_SECRET_KEY`` and ``GONGKAI_ALLOWED_HOSTS``
required. A value that cannot be understood stops the start with ImproperlyConfigured.

======================== ===================================================================
GONGKAI_DEBUG            1/0 (also true/false, yes/no, on/off); default 1
GONGKAI_SECRET_KEY       required when debug is off; at least 50 characters
GONGKAI_ALLOWED_HOSTS    comma-separated host names; required when debug is off
GONGKAI_DATA_DIR         where the default SQLite database lives; default ./var
DATABASE_URL             e.g. postgres://user:password@host:5432/gongkai (dj-database-url)
GONGKAI_STATIC_ROOT      where collectstatic puts files; default GONGKAI_DATA_DIR/static
GONGKAI_MEDIA_ROOT       uploaded attachments and generated letters; default GONGKAI_DATA_DIR/media
GONGKAI_EMAIL_BACKEND    smtp or console; default console (development), smtp when debug is off
GONGKAI_EMAIL_HOST       SMTP server (with _PORT, _USER, _PASSWORD, _USE_TLS); default localhost:25
GONGKAI_FROM_EMAIL       sender of the daily digest; default gongkai@localhost
GONGKAI_SITE_URL         where the office is reached, for links in e-mails; default http://localhost:8000
GONGKAI_HTTPS            1 when served behind HTTPS (secure cookies, HSTS, redirect); default = not debug
GONGKAI_CACHE_URL        redis://127.0.0.1:6379/1 for a cache shared by all workers (rate limits);
                         default: each process its own memory cache
GONGKAI_RATE_LIMITS      public portal limits per client address, e.g. submit=20/600,track=60/60
                         (requests/seconds); these are the defaults
GONGKAI_TASKS            database (default): background tasks wait in the database for the worker
                         (``python -m gongkai_web intake_worker``); immediate: run in the request
======================== ===================================================================
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
import django_stubs_ext
from django.core.exceptions import ImproperlyConfigured

django_stubs_ext.monkeypatch()

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}
_DEVELOPMENT_SECRET_KEY = "gongkai-development-only-not-secret-0123456789-abcdefghijklmnopqrstuvwxyz"
_MIN_SECRET_KEY_LENGTH = 50  # Django's own check_deploy threshold (security.W009)


def _flag(name: str, *, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    if value.strip().lower() in _TRUE:
        return True
    if value.strip().lower() in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be 1 or 0 (true/false, yes/no, on/off), got {value!r}")


def _secret_key(*, debug: bool) -> str:
    value = os.environ.get("GONGKAI_SECRET_KEY")
    if value is None:
        if debug:
            return _DEVELOPMENT_SECRET_KEY
        raise ImproperlyConfigured("GONGKAI_SECRET_KEY must be set when GONGKAI_DEBUG is off")
    if len(value) < _MIN_SECRET_KEY_LENGTH:
        raise ImproperlyConfigured(
            f"GONGKAI_SECRET_KEY must be at least {_MIN_SECRET_KEY_LENGTH} characters, got {len(value)}"
        )
    return value


def _allowed_hosts(*, debug: bool) -> list[str]:
    value = os.environ.get("GONGKAI_ALLOWED_HOSTS")
    if value is None:
        if debug:
            return ["127.0.0.1", "localhost", "[::1]"]
        raise ImproperlyConfigured("GONGKAI_ALLOWED_HOSTS must be set when GONGKAI_DEBUG is off")
    hosts = [host.strip() for host in value.split(",") if host.strip()]
    if not hosts:
        raise ImproperlyConfigured(f"GONGKAI_ALLOWED_HOSTS names no host: {value!r}")
    return hosts


def _database(data_dir: Path) -> dj_database_url.DBConfig:
    url = os.environ.get("DATABASE_URL")
    if url is None:
        data_dir.mkdir(parents=True, exist_ok=True)
        url = f"sqlite:///{data_dir / 'gongkai.sqlite3'}"
    try:
        config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    except ValueError as error:
        raise ImproperlyConfigured(f"DATABASE_URL cannot be understood: {error}") from error
    if not config.get("ENGINE"):
        raise ImproperlyConfigured(f"DATABASE_URL names no database engine: {url!r}")
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # Several gunicorn workers on one SQLite file: write-ahead log, take the write lock at BEGIN
        # (no upgrade deadlocks) and wait for it rather than fail with "database is locked".
        config["OPTIONS"] = {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
        config["CONN_MAX_AGE"] = 0
    return config


BASE_DIR = Path(__file__).resolve().parent


def _rate_limits() -> dict[str, tuple[int, int]]:
    limits = {"submit": (20, 600), "track": (60, 60)}
    value = os.environ.get("GONGKAI_RATE_LIMITS", "")
    for part in filter(None, (piece.strip() for piece in value.split(","))):
        scope, _, rate = part.partition("=")
        requests, _, seconds = rate.partition("/")
        if scope not in limits or not requests.isdigit() or not seconds.isdigit() or int(seconds) == 0:
            raise ImproperlyConfigured(
                f"GONGKAI_RATE_LIMITS must look like submit=20/600,track=60/60, got {part!r}"
            )
        limits[scope] = (int(requests), int(seconds))
    return limits


def _caches() -> dict[str, dict[str, str]]:
    url = os.environ.get("GONGKAI_CACHE_URL")
    if url is None:
        return {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    if not url.startswith(("redis://", "rediss://", "unix://")):
        raise ImproperlyConfigured(f"GONGKAI_CACHE_URL must be a redis:// URL, got {url!r}")
    return {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}}


_TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}


def _tasks() -> dict[str, dict[str, str]]:
    value = os.environ.get("GONGKAI_TASKS", "database")
    if value not in _TASK_BACKENDS:
        raise ImproperlyConfigured(f"GONGKAI_TASKS must be database or immediate, got {value!r}")
    return {"default": {"BACKEND": _TASK_BACKENDS[value]}}


DEBUG = _flag("GONGKAI_DEBUG", default=True)
SECRET_KEY = _secret_key(debug=DEBUG)
ALLOWED_HOSTS = _allowed_hosts(debug=DEBUG)
DATA_DIR = Path(os.environ.get("GONGKAI_DATA_DIR", "var")).resolve()
DATABASES = {"default": _database(DATA_DIR)}
CACHES = _caches()
TASKS = _tasks()  # django-tasks: the oversight intake reads uploaded reports in the background
GONGKAI_RATE_LIMITS = _rate_limits()
# Public pages kept rendered in the cache (portal.pagecache): every worker must see the same cache, or
# one forgets a changed case while another still serves its old page. On by default with the shared
# (Redis) cache only: without one each gunicorn worker has its own (`gongkai serve` runs two).
GONGKAI_SHARED_PAGES = _flag("GONGKAI_SHARED_PAGES", default="GONGKAI_CACHE_URL" in os.environ)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "gongkai_web.accounts",
    "gongkai_web.bodies",
    "gongkai_web.workcalendar",
    "gongkai_web.applications",
    "gongkai_web.letters",
    "gongkai_web.appeals",
    "gongkai_web.statistics",
    "gongkai_web.portal",
    "gongkai_web.office",
    "gongkai_web.api",
    "gongkai_web.registers",
    "gongkai_web.reports",
    "gongkai_web.catalogue",
    "gongkai_web.gate",
    "gongkai_web.messages",
    "gongkai_web.oversight",
    "gongkai_web.proposals",
    "gongkai_web.demo",
    "django_tasks",
    "django_tasks_db",  # the database backend's queue and its worker command (db_worker)
    "ninja",  # only for its bundled Swagger UI files and template: the API docs page loads no CDN
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "gongkai_web.urls"
WSGI_APPLICATION = "gongkai_web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "gongkai_web.office.context_processors.office_navigation",
                "gongkai_web.oversight.context_processors.supervision",
            ],
        },
    },
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("GONGKAI_STATIC_ROOT", DATA_DIR / "static")).resolve()
STATICFILES_DIRS = [BASE_DIR / "static"]
# In development WhiteNoise serves straight from the apps' static folders (no collectstatic needed).
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG
if DEBUG:
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise warns about a missing folder
MEDIA_ROOT = Path(os.environ.get("GONGKAI_MEDIA_ROOT", DATA_DIR / "media")).resolve()
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        # Hashed, compressed files in production (after collectstatic); plain files in development.
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# Uploads larger than this go to a temporary file instead of memory; the per-file limit is enforced
# by the attachment service, the request limit here.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

LOGIN_URL = "office:login"
LOGIN_REDIRECT_URL = "/office/"
LOGOUT_REDIRECT_URL = "office:login"

_EMAIL_BACKENDS = {
    "console": "django.core.mail.backends.console.EmailBackend",
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
}
_email_backend = os.environ.get("GONGKAI_EMAIL_BACKEND", "console" if DEBUG else "smtp")
if _email_backend not in _EMAIL_BACKENDS:
    raise ImproperlyConfigured(f"GONGKAI_EMAIL_BACKEND must be smtp or console, got {_email_backend!r}")
EMAIL_BACKEND = _EMAIL_BACKENDS[_email_backend]
EMAIL_HOST = os.environ.get("GONGKAI_EMAIL_HOST", "localhost")
try:
    EMAIL_PORT = int(os.environ.get("GONGKAI_EMAIL_PORT", "25"))
except ValueError as _error:
    raise ImproperlyConfigured(f"GONGKAI_EMAIL_PORT must be a number: {_error}") from None
EMAIL_HOST_USER = os.environ.get("GONGKAI_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("GONGKAI_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = _flag("GONGKAI_EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = os.environ.get("GONGKAI_FROM_EMAIL", "gongkai@localhost")
GONGKAI_SITE_URL = os.environ.get("GONGKAI_SITE_URL", "http://localhost:8000")

if _flag("GONGKAI_HTTPS", default=not DEBUG):
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
