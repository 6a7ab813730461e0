"""What the web tests share besides the personas (a pytest plugin, see pyproject.toml): a real
browser and a folder for its screenshots, a media folder and an empty cache per test, and calls
made at the same moment from several threads.

`log_in` and `log_out` are a staff member's way in and out of the office in those tests.

``browser`` launches Debian's Chromium headless (never a downloaded one) for tests against
pytest-django's ``live_server``; every test that asks for it is marked ``browser``, so
``-m browser`` selects them and ``-m "not browser"`` leaves them out. Screenshots go to the folder
``GONGKAI_SCREENSHOTS`` names if it is set (to look at them), else to the test's temporary folder.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page
    from pytest_django.fixtures import Settings
    from pytest_django.live_server_helper import LiveServer

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)


@pytest.fixture
def browser(live_server: LiveServer, monkeypatch: pytest.MonkeyPatch) -> Iterator[Browser]:
    """Chromium for one test, closed before the live server and the database are torn down.

    Playwright's sync API keeps an event loop running in this thread, so Django would refuse the
    test's (synchronous) ORM calls without DJANGO_ALLOW_ASYNC_UNSAFE.
    """
    if not CHROMIUM.exists():
        pytest.skip(f"needs Debian's chromium at {CHROMIUM}")
    from django.db import connections  # noqa: PLC0415
    from playwright.sync_api import sync_playwright  # noqa: PLC0415  -- only browser tests load it

    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
        # ORM calls made while Playwright's loop runs get their own connection (Django's connections
        # are context-local); close it here, or PostgreSQL cannot drop the test database.
        connections.close_all()


def log_in(page: Page, live_server: LiveServer, username: str, password: str) -> None:
    """Sign ``username`` in on the office's login page; the office's first page is the case queue."""
    from playwright.sync_api import expect  # noqa: PLC0415  -- only browser tests load it

    page.goto(f"{live_server.url}/office/")
    expect(page.get_by_role("heading", name="工作人员登录")).to_be_visible()
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(password)
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_role("heading", name="待办案件")).to_be_visible()


def log_out(page: Page) -> None:
    from playwright.sync_api import expect  # noqa: PLC0415  -- only browser tests load it

    page.get_by_role("button", name="退出").click()
    expect(page.get_by_role("heading", name="工作人员登录")).to_be_visible()


@pytest.fixture
def shots(tmp_path: Path) -> Path:
    """Where a browser test writes its screenshots."""
    folder = Path(os.environ.get("GONGKAI_SCREENSHOTS", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def media(settings: Settings, tmp_path: Path) -> Path:
    """The files the test stores (attachments, letters) go to a folder of its own, returned."""
    root = tmp_path / "media"
    settings.MEDIA_ROOT = root
    return root


def files_under(folder: Path) -> list[Path]:
    """Every file stored below ``folder``, sorted."""
    return sorted(path for path in folder.rglob("*") if path.is_file())


@pytest.fixture
def empty_cache() -> Iterator[None]:
    """The rate limits count in the cache: the test starts with none spent and leaves none."""
    from django.core.cache import cache  # noqa: PLC0415

    cache.clear()
    yield
    cache.clear()


def at_once(task: Callable[[], object], times: int = 2) -> list[object]:
    """Run ``task`` in ``times`` threads released together; each result or the exception raised.

    Each thread has its own database connection, closed when it ends. Races need PostgreSQL:
    SQLite serialises every write.
    """
    from django.db import connections  # noqa: PLC0415

    barrier = threading.Barrier(times)
    results: list[object] = []

    def run() -> None:
        barrier.wait()
        try:
            results.append(task())
        except Exception as error:  # the test inspects what each call raised
            results.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(times)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results
