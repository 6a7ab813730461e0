"""Cross-year checks (C6, C8–C10, C12) between a body's reports of two years, on its report page and
the dashboard, computed when shown: a previous year received later counts as soon as it is read."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from gongkai_web.accounts.models import User
from gongkai_web.bodies.models import Body
from gongkai_web.oversight.services import receive_batch
from gongkai_web.oversight.tests.conftest import HONGZE_2023, HONGZE_2024, HUAIAN_2024, Commit, upload, zipped
from gongkai_web.personas import logged_in

pytestmark = pytest.mark.usefixtures("immediate_tasks")


def dashboard_checks(page: str, body: str) -> str:
    row = re.search(rf"<tr[^>]*>\s*<th[^>]*>(?:<a[^>]*>)?{body}(?:</a>)?</th>(.*?)</tr>", page, re.S)
    assert row is not None, body
    cells = [
        re.sub(r"<[^>]+>", "", cell).strip()
        for cell in re.findall(r"<td[^>]*>(.*?)</td>", row.group(1), re.S)
    ]
    return " ".join(cells[3].split())


def test_a_previous_year_received_later_adds_its_cross_year_findings(
    client: Client, sam: User, jiangsu: dict[str, Body], django_capture_on_commit_callbacks: Commit
) -> None:
    huaian = jiangsu["淮安市人民政府"]
    name, path = HUAIAN_2024
    with django_capture_on_commit_callbacks(execute=True):
        receive_batch(actor=sam, uploads=[upload(name, path.read_bytes())], year=2024)
    url = f"/office/oversight/2024/{huaian.pk}/"
    page = logged_in(client, sam).get(url).content.decode()
    assert "核查结果：错误 0，警告 0，提示 0</h2>" in page
    assert dashboard_checks(client.get("/office/oversight/2024/").content.decode(), "淮安市人民政府") == (
        "错误 0 警告 0 提示 0"
    )

    # A 2023 report whose figures do not carry over to 2024 (洪泽区's, sent as 淮安市's by mistake).
    name, path = HONGZE_2023
    with django_capture_on_commit_callbacks(execute=True):
        receive_batch(actor=sam, uploads=[upload(name, path.read_bytes())], year=2023, body=huaian)
    page = client.get(url).content.decode()
    assert "核查结果：错误 0，警告 0，提示 0；与2023年度报告跨年度核查 5 项</h2>" in page
    marked = re.findall(r'<span class="tag tag-cross-year">跨年度</span> <code>([^<]+)</code>', page)
    assert marked == ["C6", "C6", "C8", "C8", "C9"]
    assert (
        "第三项二、上年结转政府信息公开申请数量·自然人 应为 0，实为 34"
        "（2023年度报告第三项四、结转下年度继续办理·自然人 = 0）"
    ) in page
    assert dashboard_checks(client.get("/office/oversight/2024/").content.decode(), "淮安市人民政府") == (
        "错误 0 警告 0 提示 0 跨年度 5"
    )
    # The 2023 report has no 2022 report to be checked against.
    assert "跨年度" not in client.get(f"/office/oversight/2023/{huaian.pk}/").content.decode()


def test_a_cross_year_finding_opens_on_its_cell(
    client: Client, sam: User, jiangsu: dict[str, Body], django_capture_on_commit_callbacks: Commit
) -> None:
    huaian = jiangsu["淮安市人民政府"]
    with django_capture_on_commit_callbacks(execute=True):
        receive_batch(actor=sam, uploads=[upload(HUAIAN_2024[0], HUAIAN_2024[1].read_bytes())], year=2024)
        receive_batch(
            actor=sam, uploads=[upload(HONGZE_2023[0], HONGZE_2023[1].read_bytes())], year=2023, body=huaian
        )
    page = (
        logged_in(client, sam).get(f"/office/oversight/2024/{huaian.pk}/", {"finding": "1"}).content.decode()
    )
    assert "<strong>错误 · 跨年度 <code>C6</code></strong>" in page
    highlighted = re.findall(
        r'<td id="cell-([^"]+)"[^>]*class="[^"]*source-cell[^"]*"[^>]*>([^<]*)</td>', page
    )
    assert highlighted == [("applications.carried_over.natural_person", "34")]


def test_two_consecutive_reports_that_agree_give_no_cross_year_finding(
    client: Client, sam: User, django_capture_on_commit_callbacks: Commit
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        receive_batch(actor=sam, uploads=[upload("洪泽区.zip", zipped(HONGZE_2023, HONGZE_2024))], year=2024)
    page = logged_in(client, sam).get("/office/oversight/2024/").content.decode()
    assert dashboard_checks(page, "淮安市洪泽区人民政府") == "错误 1 警告 2 提示 0"
