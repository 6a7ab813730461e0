"""/office/oversight/<year>/<government>/rollup/: a people's government's own report against the sum
of its direct subordinates' reports, each difference located and its contributors linked."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from django.test import Client

from gongkai.annual.audit import load_report
from gongkai.annual.model import AnnualReport, Cell, Table
from gongkai.annual.render import RENDERERS
from gongkai_web.accounts.models import User
from gongkai_web.bodies.models import Body
from gongkai_web.oversight.demo import scaled
from gongkai_web.oversight.services import receive_batch
from gongkai_web.oversight.tests.conftest import CORPUS, HONGZE_2024, HUAIAN_2024, Commit, upload
from gongkai_web.personas import logged_in

pytestmark = pytest.mark.usefixtures("immediate_tasks")

# 沭阳县发展和改革局's 2023 report (2021 format): 26 applications from natural persons, all answered.
NDRC = load_report(CORPUS / "020.txt").report


def as_body(report: AnnualReport, agency: str, year: int) -> AnnualReport:
    return replace(report, agency=agency, year=year, title=f"{agency}{year}年政府信息公开工作年度报告")


def summed(first: AnnualReport, second: AnnualReport) -> AnnualReport:
    """Cell by cell sum of two reports of one format (blank + blank stays blank)."""
    report = first
    for table in first.tables:
        other = second.table(table.id)
        assert other is not None
        cells = []
        for row, column_id, cell in table.items():
            theirs = other[(row.id, column_id)]
            if cell.value is None and theirs.value is None:
                cells.append(cell)
            else:
                cells.append(Cell.number((cell.value or 0) + (theirs.value or 0), cell.unit or theirs.unit))
        report = report.with_table(Table(table.spec, tuple(cells)))
    return report


def with_cell(report: AnnualReport, table_id: str, row: str, column: str, value: int) -> AnnualReport:
    table = next(table for table in report.tables if table.id.value == table_id)
    cells = tuple(
        Cell.number(value) if (row_id, column_id) == (row, column) else cell
        for row_id, column_id, cell in ((r.id, c, cell) for r, c, cell in table.items())
    )
    return report.with_table(Table(table.spec, cells))


def receive(user: User, body: Body, name: str, content: bytes, commit: Commit) -> None:
    with commit(execute=True):
        receive_batch(actor=user, uploads=[upload(name, content)], year=2024, body=body)


def text_of(report: AnnualReport) -> bytes:
    return RENDERERS["txt"].render(report)


def difference_rows(page: str) -> dict[str, list[str]]:
    body = page.split('<table class="rollup-differences">', 1)[1].split("</table>", 1)[0]
    rows = re.findall(r'<tr data-where="([^"]+)">(.*?)</tr>', body, re.S)
    return {
        where: [
            re.sub(r"<[^>]+>", "", cell).strip()
            for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
        ]
        for where, row in rows
    }


def test_a_city_report_four_more_than_its_departments_is_located_with_both_contributors(
    client: Client, sam: User, jiangsu: dict[str, Body], django_capture_on_commit_callbacks: Commit
) -> None:
    education = as_body(NDRC, "淮安市教育局", 2024)
    civil = as_body(scaled(NDRC, 3), "淮安市民政局", 2024)
    city = as_body(summed(education, civil), "淮安市人民政府", 2024)
    city = with_cell(city, "applications", "new_received", "natural_person", 26 + 78 + 4)
    city = with_cell(city, "applications", "new_received", "total", 26 + 78 + 4)
    for body, report in (("淮安市教育局", education), ("淮安市民政局", civil), ("淮安市人民政府", city)):
        receive(
            sam, jiangsu[body], f"{body}2024年年报.txt", text_of(report), django_capture_on_commit_callbacks
        )

    city_id, education_id, civil_id = (
        jiangsu[name].pk for name in ("淮安市人民政府", "淮安市教育局", "淮安市民政局")
    )
    page = logged_in(client, sam).get(f"/office/oversight/2024/{city_id}/rollup/").content.decode()

    assert "2 个单元格不一致" in page
    assert difference_rows(page) == {
        "applications.new_received.natural_person": [
            "第三项一、本年新收政府信息公开申请数量·自然人",
            "108",
            "104",
            "+4",
            "淮安市教育局 26、淮安市民政局 78",
        ],
        "applications.new_received.total": [
            "第三项一、本年新收政府信息公开申请数量·总计",
            "108",
            "104",
            "+4",
            "淮安市教育局 26、淮安市民政局 78",
        ],
    }
    cell = "applications.new_received.natural_person"
    assert f'href="/office/oversight/2024/{education_id}/#cell-{cell}">淮安市教育局 26</a>' in page
    assert f'href="/office/oversight/2024/{civil_id}/#cell-{cell}">淮安市民政局 78</a>' in page
    assert f'href="/office/oversight/2024/{city_id}/#cell-{cell}">' in page
    # 洪泽区 sent nothing: named as missing, its share not guessed.
    assert "淮安市洪泽区人民政府：尚未收到报告" in page


def test_a_county_report_against_a_department_in_the_other_format_says_what_was_not_compared(
    client: Client, sam: User, jiangsu: dict[str, Body], django_capture_on_commit_callbacks: Commit
) -> None:
    hongze = jiangsu["淮安市洪泽区人民政府"]
    bureau = jiangsu["淮安市洪泽区教育体育局"]
    receive(sam, hongze, HONGZE_2024[0], HONGZE_2024[1].read_bytes(), django_capture_on_commit_callbacks)
    department = as_body(NDRC, bureau.name, 2024)
    receive(sam, bureau, "教育体育局2024年年报.txt", text_of(department), django_capture_on_commit_callbacks)

    page = logged_in(client, sam).get(f"/office/oversight/2024/{hongze.pk}/rollup/").content.decode()

    assert (
        "下级报告“淮安市洪泽区教育体育局”使用国办公开办函〔2021〕30号的格式，汇总报告使用混用两种格式的表格"
        in page
    )
    assert "淮安市洪泽区岔河镇人民政府：尚未收到报告" in page
    rows = difference_rows(page)
    # 017.txt: 95 applications from natural persons; the bureau's report (020.txt) 26.
    assert rows["applications.new_received.natural_person"] == [
        "第三项一、本年新收政府信息公开申请数量·自然人",
        "95",
        "26",
        "+69",
        "淮安市洪泽区教育体育局 26",
    ]


def test_only_a_peoples_government_in_scope_with_a_report_has_a_rollup(
    client: Client, sam: User, sue: User, jiangsu: dict[str, Body], django_capture_on_commit_callbacks: Commit
) -> None:
    city = jiangsu["淮安市人民政府"]
    receive(sam, city, HUAIAN_2024[0], HUAIAN_2024[1].read_bytes(), django_capture_on_commit_callbacks)
    assert logged_in(client, sam).get(f"/office/oversight/2024/{city.pk}/rollup/").status_code == 200
    assert client.get(f"/office/oversight/2024/{jiangsu['淮安市教育局'].pk}/rollup/").status_code == 404
    assert client.get(f"/office/oversight/2023/{city.pk}/rollup/").status_code == 404
    client.logout()
    assert logged_in(client, sue).get(f"/office/oversight/2024/{city.pk}/rollup/").status_code == 403
