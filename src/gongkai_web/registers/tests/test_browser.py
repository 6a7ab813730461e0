"""The registers in a real browser (headless Chromium): alice, the county's registrar, enters a 规章 and
a year's monthly figures, imports a CSV with one bad row, sees the row's error, fixes the file and
imports it again, and sees section 二 counted from all of it."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from playwright.sync_api import Browser, FilePayload, Page, ViewportSize, expect
from pytest_django.live_server_helper import LiveServer

from gongkai_web.accounts.models import User
from gongkai_web.personas import Office
from gongkai_web.registers.models import Document, MonthlyFigure
from gongkai_web.testing import log_in

PASSWORD = "registers-browser-test-password"
LAPTOP = ViewportSize(width=1366, height=900)
HEADER = ["类别", "标题", "文号", "印发日期", "废止日期"]

pytestmark = pytest.mark.django_db(transaction=True)


def csv_file(rows: list[list[str]]) -> FilePayload:
    """A CSV as the county's document system exports it (GBK), for the page's file input."""
    out = io.StringIO()
    csv.writer(out).writerows([HEADER, *rows])
    return FilePayload(name="登记簿.csv", mimeType="text/csv", buffer=out.getvalue().encode("gbk"))


def enter_a_regulation(page: Page) -> None:
    page.get_by_role("link", name="主动公开登记").click()
    expect(page.get_by_role("heading", name="某县人民政府 · 规章和行政规范性文件")).to_be_visible()
    page.get_by_role("link", name="登记文件").click()
    page.get_by_label("规章", exact=True).check()
    page.get_by_label("标题").fill("某县农村宅基地管理办法")
    page.get_by_label("文号").fill("某县人民政府令第3号")
    page.get_by_label("印发日期").fill("2025-04-10")
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_text("已登记“某县农村宅基地管理办法”")).to_be_visible()
    expect(
        page.get_by_role("row", name="规章 某县农村宅基地管理办法 某县人民政府令第3号 2025-04-10 现行有效")
    ).to_be_visible()


def enter_figures(page: Page, live_server: LiveServer, body_id: int, shots: Path) -> None:
    # The register's links open the current year; the report in question is 2025's.
    page.goto(f"{live_server.url}/office/registers/{body_id}/figures/2025/")
    expect(page.get_by_role("heading", name="某县人民政府 · 2025年月度数据")).to_be_visible()
    page.get_by_label("1月行政许可（件）", exact=True).fill("12")
    page.get_by_label("3月行政处罚（件）").fill("4")
    page.get_by_label("6月行政事业性收费（元）").fill("2500.50")
    page.screenshot(path=shots / "registers-1-figures.png", full_page=True)
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_text("2025年月度数据已保存：新增 3 条，更新 0 条，未变 0 条")).to_be_visible()


def import_with_a_bad_row_then_fixed(page: Page, shots: Path) -> None:
    page.get_by_role("link", name="从文件导入").click()
    page.get_by_label("规章和行政规范性文件").check()
    page.get_by_label("文件", exact=True).set_input_files(
        csv_file(
            [
                ["行政规范性文件", "某县城区养犬管理办法", "某政规〔2025〕1号", "2025-03-01", ""],
                ["行政规范性文件", "某县城市道路挖掘管理办法", "某政规〔2025〕2号", "2025年13月1日", ""],
            ]
        )
    )
    page.get_by_role("button", name="导入").click()
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("文件未导入：1 处错误，请更正后重新导入")
    expect(
        page.get_by_role("row", name="第 3 行 印发日期 “2025年13月1日”不是存在的日期 date_invalid")
    ).to_be_visible()
    page.screenshot(path=shots / "registers-2-row-error.png", full_page=True)
    assert Document.objects.count() == 1  # nothing of the file

    page.get_by_label("规章和行政规范性文件").check()
    page.get_by_label("文件", exact=True).set_input_files(
        csv_file(
            [
                ["行政规范性文件", "某县城区养犬管理办法", "某政规〔2025〕1号", "2025-03-01", ""],
                [
                    "行政规范性文件",
                    "某县城市道路挖掘管理办法",
                    "某政规〔2025〕2号",
                    "2025年3月18日",
                    "2025年11月30日",
                ],
            ]
        )
    )
    page.get_by_role("button", name="导入").click()
    expect(page.get_by_text("已导入“登记簿.csv”：新增 2 条，更新 0 条，未变 0 条")).to_be_visible()
    expect(page.get_by_role("cell", name="某县城市道路挖掘管理办法")).to_be_visible()


def test_a_registrar_keeps_the_registers_and_sees_section_two_counted(
    browser: Browser, live_server: LiveServer, office: Office, alice: User, shots: Path
) -> None:
    alice.set_password(PASSWORD)
    alice.save()
    page = browser.new_page(viewport=LAPTOP, locale="zh-CN")
    log_in(page, live_server, "alice", PASSWORD)
    enter_a_regulation(page)
    enter_figures(page, live_server, office.county.pk, shots)
    import_with_a_bad_row_then_fixed(page, shots)

    page.goto(f"{live_server.url}/office/registers/{office.county.pk}/figures/2025/")
    page.get_by_role("link", name="2025年第二项表格预览").click()
    expect(
        page.get_by_role("heading", name="某县人民政府2025年政府信息公开工作年度报告：第二项预览")
    ).to_be_visible()
    cells = {
        "proactive.regulations.issued": "1",
        "proactive.regulations.in_force": "1",
        "proactive.normative_documents.issued": "2",
        "proactive.normative_documents.repealed": "1",
        "proactive.normative_documents.in_force": "1",
        "proactive.licensing.decisions": "12",
        "proactive.penalty.decisions": "4",
        "proactive.coercion.decisions": "0",
        "proactive.fees.amount_wan_yuan": "0.2501",  # 2 500.50 元, rounded half up to 4 places of 万元
    }
    for where, value in cells.items():
        expect(page.locator(f'[data-where="{where}"]')).to_have_text(value)
    page.screenshot(path=shots / "registers-3-section-two.png", full_page=True)
    assert MonthlyFigure.objects.filter(body=office.county, year=2025).count() == 3
