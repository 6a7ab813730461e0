"""The settings start with no setup in development and refuse to start on a bad or missing value."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from gongkai_web.pytest_plugin import LOCAL_POSTGRES, SQLITE_IN_MEMORY, database_url_for_tests

GOOD_KEY = "k" * 50


def start(tmp_path: os.PathLike[str], **environ: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("GONGKAI_", "DATABASE_URL"))}
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "from django.conf import settings; print(settings.DATABASES['default']['ENGINE'])",
        ],
        env=clean
        | {"DJANGO_SETTINGS_MODULE": "gongkai_web.settings", "GONGKAI_DATA_DIR": str(tmp_path)}
        | environ,
        capture_output=True,
        text=True,
        check=False,
    )


def test_development_starts_with_nothing_set_on_sqlite(tmp_path: os.PathLike[str]) -> None:
    result = start(tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "django.db.backends.sqlite3"


def test_production_starts_with_its_key_hosts_and_database(tmp_path: os.PathLike[str]) -> None:
    result = start(
        tmp_path,
        GONGKAI_DEBUG="0",
        GONGKAI_SECRET_KEY=GOOD_KEY,
        GONGKAI_ALLOWED_HOSTS="gongkai.example.gov.cn",
        DATABASE_URL="postgres://gongkai@db.example:5432/gongkai",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "django.db.backends.postgresql"


def test_production_refuses_to_start_without_a_secret_key(tmp_path: os.PathLike[str]) -> None:
    result = start(tmp_path, GONGKAI_DEBUG="0", GONGKAI_ALLOWED_HOSTS="gongkai.example.gov.cn")
    assert result.returncode != 0
    assert "GONGKAI_SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts(tmp_path: os.PathLike[str]) -> None:
    result = start(tmp_path, GONGKAI_DEBUG="0", GONGKAI_SECRET_KEY=GOOD_KEY)
    assert "GONGKAI_ALLOWED_HOSTS must be set" in result.stderr


def test_a_short_secret_key_is_refused(tmp_path: os.PathLike[str]) -> None:
    result = start(tmp_path, GONGKAI_SECRET_KEY="short")
    assert "at least 50 characters" in result.stderr


def test_a_debug_value_that_is_not_a_flag_is_refused(tmp_path: os.PathLike[str]) -> None:
    result = start(tmp_path, GONGKAI_DEBUG="maybe")
    assert "GONGKAI_DEBUG must be 1 or 0" in result.stderr


def test_a_database_url_of_an_unknown_kind_is_refused(tmp_path: os.PathLike[str]) -> None:
    result = start(tmp_path, DATABASE_URL="mongodb://localhost/gongkai")
    assert "DATABASE_URL cannot be understood" in result.stderr


def test_tests_run_on_sqlite_whatever_database_url_says() -> None:
    assert database_url_for_tests({"DATABASE_URL": "postgres://prod/gongkai"}) == SQLITE_IN_MEMORY


def test_tests_run_on_the_environments_postgres_when_asked() -> None:
    environ = {"GONGKAI_TEST_POSTGRES": "1", "DATABASE_URL": "postgres://ci@db:5432/gongkai"}
    assert database_url_for_tests(environ) == "postgres://ci@db:5432/gongkai"


def test_tests_run_on_the_local_postgres_when_asked_without_a_postgres_url() -> None:
    assert database_url_for_tests({"GONGKAI_TEST_POSTGRES": "1"}) == LOCAL_POSTGRES


def test_a_test_postgres_flag_that_is_not_0_or_1_is_refused() -> None:
    with pytest.raises(pytest.UsageError):
        database_url_for_tests({"GONGKAI_TEST_POSTGRES": "yes"})


def test_production_settings_pass_djangos_deployment_checks(tmp_path: os.PathLike[str]) -> None:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("GONGKAI_", "DATABASE_URL"))}
    environ = clean | {
        "GONGKAI_DATA_DIR": str(tmp_path),
        "GONGKAI_DEBUG": "0",
        "GONGKAI_SECRET_KEY": "a-long-random-production-key-" + "x7Q!" * 10,
        "GONGKAI_ALLOWED_HOSTS": "gongkai.example.gov.cn",
        "DATABASE_URL": "postgres://gongkai@db.example:5432/gongkai",
    }
    result = subprocess.run(
        [sys.executable, "-m", "gongkai_web", "check", "--deploy", "--fail-level", "WARNING"],
        env=environ,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_an_email_backend_that_is_not_known_is_refused(tmp_path: os.PathLike[str]) -> None:
    result = start(tmp_path, GONGKAI_EMAIL_BACKEND="carrier-pigeon")
    assert "GONGKAI_EMAIL_BACKEND must be smtp or console" in result.stderr


def test_rate_limits_come_from_the_environment(tmp_path: os.PathLike[str]) -> None:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("GONGKAI_", "DATABASE_URL"))}
    result = subprocess.run(
        [sys.executable, "-c", "from django.conf import settings; print(settings.GONGKAI_RATE_LIMITS)"],
        env=clean
        | {
            "DJANGO_SETTINGS_MODULE": "gongkai_web.settings",
            "GONGKAI_DATA_DIR": str(tmp_path),
            "GONGKAI_RATE_LIMITS": "track=600/60",
        },
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.stdout.strip() == "{'submit': (20, 600), 'track': (600, 60)}"


def test_a_rate_limit_that_cannot_be_read_is_refused(tmp_path: os.PathLike[str]) -> None:
    result = start(tmp_path, GONGKAI_RATE_LIMITS="track=lots")
    assert "GONGKAI_RATE_LIMITS must look like submit=20/600,track=60/60" in result.stderr


def test_a_cache_url_that_is_not_redis_is_refused(tmp_path: os.PathLike[str]) -> None:
    result = start(tmp_path, GONGKAI_CACHE_URL="memcached://localhost")
    assert "GONGKAI_CACHE_URL must be a redis:// URL" in result.stderr
