"""The report in a real browser: the head writes the text, a check fails and is fixed with a data
token, the report is published, found in the public 年报专栏, and its DOCX and PDF are opened."""

from __future__ import annotations

import io
from pathlib import Path

import pypdfium2 as pdfium  # type: ignore[import-untyped]
import pytest
from docx import Document
from playwright.sync_api import Browser, Page, expect
from pytest_django.live_server_helper import LiveServer

from gongkai_web.accounts.models import User
from gongkai_web.applications.models import Application
from gongkai_web.personas import Office
from gongkai_web.reports.tests.conftest import PROBLEMS, YEAR

PASSWORD = "report-test-password"
pytestmark = pytest.mark.django_db(transaction=True)


def test_the_head_writes_checks_publishes_and_the_public_downloads_the_report(
    live_server: LiveServer,
    browser: Browser,
    office: Office,
    hana: User,
    year_of_cases: list[Application],
    shots: Path,
    tmp_path: Path,
) -> None:
    hana.set_password(PASSWORD)
    hana.save()
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="zh-CN", accept_downloads=True)
    page.goto(f"{live_server.url}/office/login/")
    page.get_by_label("用户名").fill("hana")
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.get_by_role("link", name="年度报告").click()
    page.get_by_role("link", name=f"{YEAR}年度报告").click()

    overview = page.get_by_label("一、总体情况正文")
    overview.fill(
        "本年度新收政府信息公开申请20件。主动公开、依申请公开、政府信息管理、平台建设和监督保障工作有序推进。"
    )
    page.get_by_label("五、存在的主要问题及改进情况正文").fill(PROBLEMS)
    page.get_by_label("六、其他需要报告的事项正文").fill("本年度未发出信息处理费收费通知，未收取信息处理费。")
    page.get_by_role("button", name="保存并核查").click()
    findings = page.locator("#findings")
    expect(findings).to_contain_text("C13")  # the text says 20, the cases say 24
    page.screenshot(path=shots / "report-1-check-fails.png", full_page=True)

    overview.fill(
        "本年度新收政府信息公开申请件。主动公开、依申请公开、政府信息管理、平台建设和监督保障工作有序推进。"
    )
    overview.evaluate("area => area.setSelectionRange(13, 13)")  # after 申请
    page.get_by_label("插入数据").select_option(label="第三项一、本年新收政府信息公开申请数量·总计")
    page.locator("section", has=overview).get_by_role("button", name="插入所选数据").click()
    assert "申请{{applications.new_received.total}}件" in overview.input_value()
    page.get_by_role("button", name="保存并核查").click()
    expect(findings).not_to_contain_text("C13")
    expect(findings.locator(".finding-error")).to_have_count(0)  # only the note on the blank grid remains
    page.screenshot(path=shots / "report-2-check-passes.png", full_page=True)

    page.get_by_role("button", name="发布").click()
    expect(page.get_by_role("heading", name=f"某县人民政府{YEAR}年政府信息公开工作年度报告")).to_be_visible()

    page.goto(f"{live_server.url}/")  # the public finds the 年报专栏 from the portal's header
    page.get_by_role("navigation", name="主导航").get_by_role("link", name="年报专栏").click()
    page.get_by_role("link", name=f"某县人民政府{YEAR}年政府信息公开工作年度报告").click()
    expect(page.locator(".version-line")).to_contain_text("第1版")
    expect(page.locator("article.report")).to_contain_text("本年度新收政府信息公开申请24件")
    page.screenshot(path=shots / "report-3-public.png", full_page=True)

    assert_downloads(page, tmp_path)


def assert_downloads(page: Page, tmp_path: Path) -> None:
    """The public page's Word and PDF files hold the report's text."""
    with page.expect_download() as docx_download:
        page.get_by_role("link", name="Word").click()
    docx_path = tmp_path / "report.docx"
    docx_download.value.save_as(docx_path)
    text = "\n".join(paragraph.text for paragraph in Document(io.BytesIO(docx_path.read_bytes())).paragraphs)
    assert "本年度新收政府信息公开申请24件" in text

    with page.expect_download() as pdf_download:
        page.get_by_role("link", name="PDF").click()
    pdf_path = tmp_path / "report.pdf"
    pdf_download.value.save_as(pdf_path)
    pdf = pdfium.PdfDocument(pdf_path)
    try:
        pdf_text = "".join(pdf[index].get_textpage().get_text_range() for index in range(len(pdf)))
    finally:
        pdf.close()
    assert "申请24件" in "".join(pdf_text.split())
    assert "收到和处理政府信息公开申请情况" in "".join(pdf_text.split())


def test_the_registrar_uploads_last_years_report_checks_the_preview_and_confirms_it(
    live_server: LiveServer, browser: Browser, office: Office, alice: User, shots: Path
) -> None:
    alice.set_password(PASSWORD)
    alice.save()
    seed = Path(__file__).resolve().parents[4] / "tests" / "data" / "seeds" / "000_90c37852d1e90522.txt"
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page.goto(f"{live_server.url}/office/login/")
    page.get_by_label("用户名").fill("alice")
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.goto(f"{live_server.url}/office/reports/{office.county.pk}/2023/baseline/")

    page.get_by_label("上年度已公开的年度报告文件").set_input_files(seed)
    page.get_by_role("button", name="读取").click()
    preview = page.locator(".baseline-preview")
    expect(preview).to_contain_text("请核对读取结果：尚未导入")
    expect(preview.locator("table.carried")).to_contain_text("行政规范性文件·现行有效件数")
    page.screenshot(path=shots / "baseline-1-preview.png", full_page=True)
    page.reload()
    expect(preview).to_contain_text("请核对读取结果：尚未导入")

    page.get_by_role("button", name="确认导入").click()
    expect(page.get_by_role("status")).to_contain_text("已导入2022年度报告，作为上年数据")
    expect(page.get_by_role("heading", name="已导入：000_90c37852d1e90522.txt")).to_be_visible()
