"""江苏省's bodies as a city's 政务公开办 sees them, and the people who supervise them.

`jiangsu` imports ``data/jiangsu-bodies.csv`` through the service: 江苏省人民政府 over two cities;
淮安市 with two departments and 洪泽区 (a county with a department and a township); 宿迁市 with
沭阳县 and one of its departments. sam supervises 淮安市 (and everything below it), sue supervises
沭阳县; nora supervises nothing (the twin every refusal test asks for).
"""

from __future__ import annotations

import io
import signal
import zipfile
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

import pytest

from gongkai_web.accounts.models import User
from gongkai_web.bodies.models import Body
from gongkai_web.oversight.services import Upload, grant_supervision, import_hierarchy
from gongkai_web.personas import person

DATA = Path(__file__).parent / "data"
# pytest-django's django_capture_on_commit_callbacks: runs (or not) what the test's transaction commits.
Commit = Callable[..., AbstractContextManager[list[Callable[[], Any]]]]
BODIES_CSV = DATA / "jiangsu-bodies.csv"
HUAIAN_SUBTREE = [
    "淮安市人民政府",
    "淮安市教育局",
    "淮安市民政局",
    "淮安市洪泽区人民政府",
    "淮安市洪泽区岔河镇人民政府",
    "淮安市洪泽区教育体育局",
]


@pytest.fixture
def jiangsu(db: None) -> dict[str, Body]:
    import_hierarchy(content=BODIES_CSV.read_bytes(), within=None)
    return {body.name: body for body in Body.objects.all()}


@pytest.fixture
def sam(jiangsu: dict[str, Body]) -> User:
    """淮安市's 政务公开办: supervises the city, its departments, 洪泽区 and everything below it."""
    user = person("sam")
    grant_supervision(user=user, body=jiangsu["淮安市人民政府"])
    return user


@pytest.fixture
def sue(jiangsu: dict[str, Body]) -> User:
    """沭阳县's 政务公开办 (another city's county)."""
    user = person("sue")
    grant_supervision(user=user, body=jiangsu["沭阳县人民政府"])
    return user


@pytest.fixture
def nora(jiangsu: dict[str, Body]) -> User:
    """A user of the system who supervises nothing."""
    return person("nora")


CORPUS = Path(__file__).resolve().parents[4] / "tests" / "data" / "corpus"
# Real published reports (tests/data/corpus, README there), under the names an office gives them.
HUAIAN_2024 = ("淮安市人民政府2024年政府信息公开工作年度报告.txt", CORPUS / "005.txt")  # no finding
HONGZE_2023 = ("洪泽区2023年年报.txt", CORPUS / "006.txt")  # 3 errors: 第四项 totals do not add up
HONGZE_2024 = ("洪泽区2024年年报.txt", CORPUS / "017.txt")  # the same county a year later
SHUYANG_NDRC_2023 = ("沭阳县发展和改革局2023年度报告.txt", CORPUS / "020.txt")  # no agency in its title
HONGZE_2023_PDF = ("洪泽区2023年年报.pdf", CORPUS / "021.pdf")  # the PDF 006 was extracted from


def zipped(*files: tuple[str, Path | bytes]) -> bytes:
    """A ZIP archive of ``files`` (name, path or content), names flagged UTF-8 as current tools write them."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, source in files:
            archive.writestr(name, source if isinstance(source, bytes) else source.read_bytes())
    return buffer.getvalue()


def upload(name: str, content: bytes) -> Upload:
    return Upload(name, io.BytesIO(content), len(content))


@pytest.fixture
def immediate_tasks(settings: Any) -> None:
    """Background tasks run at once, in the test (django-tasks' immediate backend)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def database_tasks(settings: Any) -> None:
    """Background tasks wait in the database for the worker (django-tasks-db), as in production."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def own_signals() -> Iterator[None]:
    """The worker command installs its shutdown handlers in this process; pytest gets its own back."""
    numbers = (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)
    saved = {number: signal.getsignal(number) for number in numbers}
    yield
    for number, handler in saved.items():
        signal.signal(number, handler)
