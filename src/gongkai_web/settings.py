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
    return config


DEBUG = _flag("GONGKAI_DEBUG", default=True)
SECRET_KEY = _secret_key(debug=DEBUG)
ALLOWED_HOSTS = _allowed_hosts(debug=DEBUG)
DATA_DIR = Path(os.environ.get("GONGKAI_DATA_DIR", "var")).resolve()
DATABASES = {"default": _database(DATA_DIR)}
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
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
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
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
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

if not DEBUG:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
