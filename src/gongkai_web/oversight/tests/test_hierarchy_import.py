"""Importing the hierarchy of bodies from CSV or XLSX: all rows or none, again without change."""

from __future__ import annotations

import io

import openpyxl
import pytest

from gongkai_web.bodies.models import Body, BodyKind, Level
from gongkai_web.oversight.services import HierarchyError, HierarchySummary, import_hierarchy
from gongkai_web.oversight.tests.conftest import BODIES_CSV
from gongkai_web.registers.imports import ImportFileError

pytestmark = pytest.mark.django_db

HEADER = "机关名称,层级,上级机关,机关类别\n"


def tree() -> set[tuple[str, str, str, str]]:
    return {
        (body.name, body.kind, body.level, body.parent.name if body.parent else "")
        for body in Body.objects.select_related("parent")
    }


EXPECTED = {
    ("江苏省人民政府", "peoples_government", "province", ""),
    ("淮安市人民政府", "peoples_government", "city", "江苏省人民政府"),
    ("淮安市教育局", "department", "department", "淮安市人民政府"),
    ("淮安市民政局", "department", "department", "淮安市人民政府"),
    ("淮安市洪泽区人民政府", "peoples_government", "county", "淮安市人民政府"),
    ("淮安市洪泽区教育体育局", "department", "department", "淮安市洪泽区人民政府"),
    ("淮安市洪泽区岔河镇人民政府", "peoples_government", "township", "淮安市洪泽区人民政府"),
    ("宿迁市人民政府", "peoples_government", "city", "江苏省人民政府"),
    ("沭阳县人民政府", "peoples_government", "county", "宿迁市人民政府"),
    ("沭阳县发展和改革局", "department", "department", "沭阳县人民政府"),
}


def test_a_utf8_file_with_bom_creates_every_body_under_its_parent_whatever_the_row_order() -> None:
    summary = import_hierarchy(content=BODIES_CSV.read_bytes(), within=None)
    assert summary == HierarchySummary(created=10)
    assert tree() == EXPECTED


def test_a_gbk_file_reads_the_same() -> None:
    text = BODIES_CSV.read_text(encoding="utf-8-sig")
    import_hierarchy(content=text.encode("gbk"), within=None)
    assert tree() == EXPECTED


def test_an_xlsx_workbook_reads_the_same() -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for line in BODIES_CSV.read_text(encoding="utf-8-sig").splitlines():
        sheet.append(line.split(","))
    buffer = io.BytesIO()
    workbook.save(buffer)
    import_hierarchy(content=buffer.getvalue(), within=None)
    assert tree() == EXPECTED


def test_importing_the_same_file_again_changes_nothing() -> None:
    import_hierarchy(content=BODIES_CSV.read_bytes(), within=None)
    ids = dict(Body.objects.values_list("name", "pk"))
    assert import_hierarchy(content=BODIES_CSV.read_bytes(), within=None) == HierarchySummary(unchanged=10)
    assert dict(Body.objects.values_list("name", "pk")) == ids


def test_a_body_moved_to_another_parent_is_updated_in_place() -> None:
    import_hierarchy(content=BODIES_CSV.read_bytes(), within=None)
    moved = HEADER + "淮安市洪泽区教育体育局,部门,淮安市人民政府,部门\n"
    assert import_hierarchy(content=moved.encode(), within=None) == HierarchySummary(updated=1)
    assert Body.objects.get(name="淮安市洪泽区教育体育局").parent == Body.objects.get(name="淮安市人民政府")


def test_every_bad_row_is_reported_and_nothing_is_imported() -> None:
    content = (
        HEADER
        + "江苏省人民政府,省级,,人民政府\n"  # row 2: fine
        + ",市级,江苏省人民政府,\n"  # row 3: no name
        + "淮安市人民政府,地区级,江苏省人民政府,\n"  # row 4: unknown level
        + "淮安市教育局,部门,淮安市人民政府,人民政府\n"  # row 5: kind contradicts level
        + "淮安市民政局,部门,淮阴市人民政府,\n"  # row 6: unknown parent
        + "江苏省人民政府,省级,,\n"  # row 7: twice in the file
    )
    with pytest.raises(HierarchyError) as refused:
        import_hierarchy(content=content.encode(), within=None)
    assert [(e.row, e.column, e.code) for e in refused.value.errors] == [
        (3, "机关名称", "value_missing"),
        (4, "层级", "level_unknown"),
        (5, "机关类别", "level_kind_mismatch"),
        (6, "上级机关", "parent_unknown"),
        (7, "机关名称", "duplicate_in_file"),
    ]
    assert refused.value.errors[1].message == "层级应为省级、市级、县级、乡级或部门，实为“地区级”"
    assert Body.objects.count() == 0


def test_a_cycle_within_the_file_is_refused_on_every_row_in_it() -> None:
    content = HEADER + "甲县人民政府,县级,乙县人民政府,\n乙县人民政府,县级,甲县人民政府,\n丙局,部门,丙局,\n"
    with pytest.raises(HierarchyError) as refused:
        import_hierarchy(content=content.encode(), within=None)
    assert [(e.row, e.code) for e in refused.value.errors] == [
        (2, "parent_cycle"),
        (3, "parent_cycle"),
        (4, "parent_cycle"),
    ]
    assert Body.objects.count() == 0


def test_a_cycle_through_bodies_already_stored_is_refused() -> None:
    import_hierarchy(content=BODIES_CSV.read_bytes(), within=None)
    content = HEADER + "江苏省人民政府,省级,淮安市洪泽区教育体育局,\n"
    with pytest.raises(HierarchyError) as refused:
        import_hierarchy(content=content.encode(), within=None)
    assert [(e.row, e.column, e.code) for e in refused.value.errors] == [(2, "上级机关", "parent_cycle")]
    assert Body.objects.get(name="江苏省人民政府").parent is None


def test_a_government_must_stand_below_a_government_of_a_higher_level() -> None:
    content = (
        HEADER
        + "淮安市人民政府,市级,,\n"
        + "淮安市洪泽区人民政府,县级,淮安市人民政府,\n"
        + "江苏省人民政府,省级,淮安市洪泽区人民政府,\n"
        + "淮安市教育局,部门,淮安市人民政府,\n"
        + "某镇人民政府,乡级,淮安市教育局,\n"
    )
    with pytest.raises(HierarchyError) as refused:
        import_hierarchy(content=content.encode(), within=None)
    assert [(e.row, e.column, e.code, e.message) for e in refused.value.errors] == [
        (4, "层级", "level_order", "上级机关“淮安市洪泽区人民政府”为县级，不能管辖省级人民政府"),
        (6, "上级机关", "government_under_department", "乡级人民政府不能以部门“淮安市教育局”为上级机关"),
    ]


def test_a_file_without_the_required_columns_is_refused_as_a_whole() -> None:
    with pytest.raises(ImportFileError) as refused:
        import_hierarchy(content="名称,上级机关\n淮安市人民政府,\n".encode(), within=None)
    assert refused.value.code == "missing_columns"


def test_a_supervisor_imports_only_below_the_bodies_they_supervise() -> None:
    import_hierarchy(content=BODIES_CSV.read_bytes(), within=None)
    huaian = Body.objects.get(name="淮安市人民政府")
    within = frozenset({huaian.pk, *huaian.children.values_list("pk", flat=True)})
    content = (
        HEADER
        + "淮安市财政局,部门,淮安市人民政府,\n"  # fine: under the supervised city
        + "宿迁市财政局,部门,宿迁市人民政府,\n"  # another city
        + "省财政厅,部门,,\n"  # no parent at all
        + "沭阳县人民政府,县级,淮安市人民政府,\n"  # moves a body from outside the scope
    )
    with pytest.raises(HierarchyError) as refused:
        import_hierarchy(content=content.encode(), within=within)
    assert [(e.row, e.code) for e in refused.value.errors] == [
        (3, "out_of_scope"),
        (4, "out_of_scope"),
        (5, "out_of_scope"),
    ]
    summary = import_hierarchy(
        content=(HEADER + "淮安市财政局,部门,淮安市人民政府,\n").encode(), within=within
    )
    assert summary == HierarchySummary(created=1)
    assert Body.objects.get(name="淮安市财政局").kind == BodyKind.DEPARTMENT
    assert Body.objects.get(name="淮安市财政局").level == Level.DEPARTMENT
