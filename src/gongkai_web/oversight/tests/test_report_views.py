"""The dashboard per year, a body's report with its findings drilled down to the printed cell, and
the comparison with the year before; each for the supervisors of the body only."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client
from django.utils import timezone

from gongkai_web.accounts.models import User
from gongkai_web.bodies.models import Body
from gongkai_web.oversight.models import IntakeFile
from gongkai_web.oversight.queries import Timeliness, timeliness
from gongkai_web.oversight.services import receive_batch
from gongkai_web.oversight.tests.conftest import (
    HONGZE_2023,
    HONGZE_2024,
    HUAIAN_2024,
    Commit,
    upload,
    zipped,
)
from gongkai_web.personas import logged_in

pytestmark = pytest.mark.usefixtures("immediate_tasks")


@pytest.fixture
def received(sam: User, django_capture_on_commit_callbacks: Commit) -> None:
    """sam has received 淮安市's 2024 report and 洪泽区's reports on 2023 and 2024."""
    with django_capture_on_commit_callbacks(execute=True):
        receive_batch(
            actor=sam, uploads=[upload("一月.zip", zipped(HUAIAN_2024, HONGZE_2023, HONGZE_2024))], year=2024
        )
    IntakeFile.objects.filter(name=HUAIAN_2024[0]).update(published_on=dt.date(2025, 3, 28))
    IntakeFile.objects.filter(name=HONGZE_2024[0]).update(published_on=dt.date(2025, 4, 2))


def dashboard_rows(page: str) -> list[list[str]]:
    body = page.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S)
    return [
        [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
        for row in rows
    ]


def test_the_dashboard_shows_each_supervised_body_with_its_report_and_deadline(
    client: Client, sam: User, received: None
) -> None:
    page = logged_in(client, sam).get("/office/oversight/2024/").content.decode()
    assert "已收到 2 / 6 个机关的报告" in page
    overdue = "未收到，已过期限" if timezone.localdate() > dt.date(2025, 3, 31) else "尚未收到"
    dept_overdue = "未收到，已过期限" if timezone.localdate() > dt.date(2025, 1, 31) else "尚未收到"
    assert dashboard_rows(page) == [
        [
            "淮安市人民政府",
            "市级",
            "已收到 · 层级汇总",
            "文本 · 2021年格式",
            "错误 0 警告 0 提示 0",
            "2025-03-28",
            "2025-03-31",
            "按期发布",
        ],
        [
            "淮安市洪泽区人民政府",
            "县级",
            "已收到 · 层级汇总",
            "文本 · 混用两种格式",
            "错误 1 警告 2 提示 0",
            "2025-04-02",
            "2025-03-31",
            "逾期发布（2 天）",
        ],
        ["淮安市洪泽区岔河镇人民政府", "乡级", "未收到", "", "", "", "2025-03-31", overdue],
        ["淮安市洪泽区教育体育局", "部门", "未收到", "", "", "", "2025-01-31", dept_overdue],
        ["淮安市教育局", "部门", "未收到", "", "", "", "2025-01-31", dept_overdue],
        ["淮安市民政局", "部门", "未收到", "", "", "", "2025-01-31", dept_overdue],
    ]


def test_timeliness_follows_the_deadline() -> None:
    due = dt.date(2025, 1, 31)
    assert timeliness(received=True, published_on=due, due=due, today=due) is Timeliness.ON_TIME
    assert timeliness(received=True, published_on=dt.date(2025, 2, 1), due=due, today=due) is Timeliness.LATE
    assert timeliness(received=True, published_on=None, due=due, today=due) is Timeliness.DATE_UNKNOWN
    assert timeliness(received=False, published_on=None, due=due, today=due) is Timeliness.MISSING
    assert (
        timeliness(received=False, published_on=None, due=due, today=dt.date(2025, 2, 1))
        is Timeliness.OVERDUE
    )


def test_a_finding_opens_on_the_cell_it_is_about_with_the_line_it_was_printed_on(
    client: Client, sam: User, jiangsu: dict[str, Body], received: None
) -> None:
    hongze = jiangsu["淮安市洪泽区人民政府"]
    url = f"/office/oversight/2023/{hongze.pk}/"
    page = logged_in(client, sam).get(url).content.decode()
    assert "核查结果：错误 3，警告 1，提示 0" in page
    assert 'href="?finding=3#cell-review_litigation.review.total"' in page
    assert "source-cell" not in page
    opened = client.get(url, {"finding": "3"}).content.decode()
    highlighted = re.findall(
        r'<td id="cell-([^"]+)"[^>]*class="[^"]*source-cell[^"]*"[^>]*>([^<]*)</td>', opened
    )
    assert highlighted == [("review_litigation.review.total", "0")]
    assert 'title="原文第323行第1列" aria-current="location"' in opened
    assert '原文位置：第323行第1列 · 原文为“<span class="printed">0</span>”' in opened


def test_a_finding_on_the_whole_report_points_at_no_cell(
    client: Client, sam: User, jiangsu: dict[str, Body], received: None
) -> None:
    hongze = jiangsu["淮安市洪泽区人民政府"]
    page = (
        logged_in(client, sam).get(f"/office/oversight/2023/{hongze.pk}/", {"finding": "2"}).content.decode()
    )
    assert "此项不对应表中的单元格" in page
    assert "source-cell" not in page


def test_a_body_is_compared_with_its_previous_year(
    client: Client, sam: User, jiangsu: dict[str, Body], received: None
) -> None:
    hongze = jiangsu["淮安市洪泽区人民政府"]
    page = logged_in(client, sam).get(f"/office/oversight/2024/{hongze.pk}/compare/").content.decode()
    changed = re.findall(r'<td id="cell-([^"]+)" data-where="[^"]+" class="data changed"', page)
    differences = int(re.search(r'<strong id="differences">(\d+)</strong>', page).group(1))  # type: ignore[union-attr]
    assert differences == len(changed) // 2 > 0  # each marked in both years' tables
    assert "review_litigation.review.total" in changed  # 2023 printed 0, 2024 prints its total


def test_a_body_without_a_previous_year_has_nothing_to_compare(
    client: Client, sam: User, jiangsu: dict[str, Body], received: None
) -> None:
    huaian = jiangsu["淮安市人民政府"]
    response = logged_in(client, sam).get(f"/office/oversight/2024/{huaian.pk}/compare/")
    assert response.status_code == 404
    assert "都已收到并读出的报告才能对比" in response.content.decode()


def test_another_supervisor_sees_neither_the_report_nor_its_row(
    client: Client, sue: User, jiangsu: dict[str, Body], received: None
) -> None:
    hongze = jiangsu["淮安市洪泽区人民政府"]
    logged_in(client, sue)
    assert client.get(f"/office/oversight/2023/{hongze.pk}/").status_code == 403
    assert client.get(f"/office/oversight/2024/{hongze.pk}/compare/").status_code == 403
    page = client.get("/office/oversight/2024/").content.decode()
    assert [row[0] for row in dashboard_rows(page)] == ["沭阳县人民政府", "沭阳县发展和改革局"]


def test_a_user_who_supervises_nothing_sees_no_dashboard(client: Client, nora: User) -> None:
    assert logged_in(client, nora).get("/office/oversight/2024/").status_code == 403


def test_the_index_opens_last_years_dashboard(client: Client, sam: User) -> None:
    response = logged_in(client, sam).get("/office/oversight/")
    assert response["Location"] == f"/office/oversight/{timezone.localdate().year - 1}/"
