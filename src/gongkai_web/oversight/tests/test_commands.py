"""The administrator's commands: import the hierarchy, make a user a supervisor."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from gongkai_web.bodies.models import Body
from gongkai_web.oversight.access import supervised_bodies
from gongkai_web.oversight.tests.conftest import BODIES_CSV, HUAIAN_SUBTREE
from gongkai_web.personas import person

pytestmark = pytest.mark.django_db


def test_import_bodies_then_grant_supervision(capsys: pytest.CaptureFixture[str]) -> None:
    call_command("import_bodies", str(BODIES_CSV))
    assert "已导入 jiangsu-bodies.csv：新增 10 个机关，更新 0 个，未变 0 个" in capsys.readouterr().out
    sam = person("sam")
    call_command("grant_supervision", "sam", "淮安市人民政府")
    assert sorted(supervised_bodies(sam).values_list("name", flat=True)) == sorted(HUAIAN_SUBTREE)


def test_import_bodies_prints_every_bad_row_and_imports_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("机关名称,层级,上级机关\n淮安市人民政府,市级,江苏省人民政府\n", encoding="utf-8")
    with pytest.raises(CommandError, match="文件未导入：1 处错误"):
        call_command("import_bodies", str(bad))
    assert "第 2 行“上级机关”：上级机关“江苏省人民政府”既不在文件中，也不在系统中 [parent_unknown]" in (
        capsys.readouterr().err
    )
    assert Body.objects.count() == 0
