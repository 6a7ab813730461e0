"""Chooses the test database before pytest-django reads the settings (``-p gongkai_web.pytest_plugin``).

The web tests run on in-memory SQLite, whatever ``DATABASE_URL`` says, so a developer's database is
never touched. With ``GONGKAI_TEST_POSTGRES=1`` they run on PostgreSQL: the ``DATABASE_URL`` of the
environment if it names PostgreSQL, else the local server's database ``test`` (Django creates and drops
``test_<name>`` beside it).
"""

from __future__ import annotations

import os
from collections.abc import Generator, Mapping

import pytest

SQLITE_IN_MEMORY = "sqlite://:memory:"
LOCAL_POSTGRES = "postgres://postgres@127.0.0.1:5432/test"


def database_url_for_tests(environ: Mapping[str, str]) -> str:
    flag = environ.get("GONGKAI_TEST_POSTGRES", "0")
    if flag not in {"0", "1"}:
        raise pytest.UsageError(f"GONGKAI_TEST_POSTGRES must be 0 or 1, got {flag!r}")
    if flag == "0":
        return SQLITE_IN_MEMORY
    url = environ.get("DATABASE_URL", "")
    return url if url.startswith(("postgres://", "postgresql://")) else LOCAL_POSTGRES


@pytest.hookimpl(wrapper=True)
def pytest_load_initial_conftests() -> Generator[None, None, None]:
    # A wrapper runs before every plain implementation, pytest-django's (which loads the settings) too.
    os.environ["DATABASE_URL"] = database_url_for_tests(os.environ)
    yield


def pytest_report_header() -> str:
    from django.db import connection  # noqa: PLC0415  -- Django is set up by the time headers are made

    return f"gongkai_web test database: {connection.vendor} ({connection.settings_dict['HOST'] or 'local'})"
