"""江苏省's bodies as a city's 政务公开办 sees them, and the people who supervise them.

`jiangsu` imports ``data/jiangsu-bodies.csv`` through the service: 江苏省人民政府 over two cities;
淮安市 with two departments and 洪泽区 (a county with a department and a township); 宿迁市 with
沭阳县 and one of its departments. sam supervises 淮安市 (and everything below it), sue supervises
沭阳县; nora supervises nothing (the twin every refusal test asks for).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from gongkai_web.accounts.models import User
from gongkai_web.bodies.models import Body
from gongkai_web.oversight.services import grant_supervision, import_hierarchy
from gongkai_web.personas import person

DATA = Path(__file__).parent / "data"
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
