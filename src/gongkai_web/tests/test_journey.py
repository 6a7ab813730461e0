"""One application's whole journey in a real browser (headless Chromium), across every part of the site.

A citizen applies online and keeps the tracking code; the registrar finds the application in the
queue and sends it to 教育股; the handler asks for a correction and sends the 补正告知书; the
applicant sees the status 补正中 and downloads that letter; the handler records the corrected
application and accepts it; the reviewer replies 予以公开; the handler sends the reply letter; the
applicant downloads it, and the PDF is opened and read. Screenshots go to ``GONGKAI_SCREENSHOTS``
(a folder) when set, else to the test's temporary folder.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pypdfium2 as pdfium  # type: ignore[import-untyped]
import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect
from pytest_django.live_server_helper import LiveServer

from gongkai.cases import Status
from gongkai_web.accounts.models import User
from gongkai_web.applications.models import Application
from gongkai_web.personas import Office
from gongkai_web.testing import log_in, log_out
from gongkai_web.workcalendar.services import import_years_from_package

PASSWORD = "journey-test-password"
IDENTITY = "11010519491231002X"  # GB 11643's own example of a valid check digit

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def staff(office: Office, alice: User, bob: User, carol: User, media: Path) -> Office:
    today = timezone.localdate()
    import_years_from_package(years=[year for year in (today.year - 1, today.year) if year <= 2026])
    for user in (alice, bob, carol):
        user.set_password(PASSWORD)
        user.save()
    return office


def apply_online(page: Page, live_server: LiveServer, shots: Path) -> str:
    """The citizen applies for the school catchment areas and keeps the tracking code."""
    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name=re.compile("^某县人民政府.*在线申请")).click()
    page.get_by_label("自然人").check()
    page.get_by_role("button", name="下一步").click()
    page.get_by_label("姓名").fill("王五")
    page.get_by_label("证件号码").fill(IDENTITY)
    page.get_by_label("联系电话").fill("13700001111")
    page.get_by_label("电子邮箱").fill("wangwu@example.cn")
    page.get_by_label(re.compile("^申请公开的政府信息的名称")).fill("2026年本县城区义务教育学校招生划片范围")
    page.get_by_label("电子文件").check()
    page.get_by_label("电子邮件").check()
    page.screenshot(path=shots / "journey-1-apply.png", full_page=True)
    page.get_by_role("button", name="提交申请").click()
    page.wait_for_url(re.compile(r"/apply/received/"))
    page.screenshot(path=shots / "journey-2-received.png", full_page=True)
    return page.locator("#tracking-code").input_value()


def registrar_assigns(page: Page, shots: Path) -> None:
    row = page.locator("table.queue tbody tr", has_text="王五")
    expect(row).to_contain_text("未分办")
    page.screenshot(path=shots / "journey-3-registrar-queue.png", full_page=True)
    row.get_by_role("link", name="王五").click()
    page.get_by_role("link", name="分办承办股室").click()
    page.get_by_label("承办股室").select_option(label="教育股")
    page.get_by_role("button", name="确认").click()
    expect(page.get_by_role("heading", name="王五的申请")).to_be_visible()


def handler_requests_correction(page: Page, shots: Path, respond_by: dt.date) -> None:
    page.locator("table.queue tbody tr", has_text="王五").get_by_role("link", name="王五").click()
    page.get_by_role("link", name="告知补正").click()
    page.get_by_label("需要补正的事项").fill("请写明所需招生划片范围的学段（小学或者初中）")
    page.get_by_label("补正期限").fill(respond_by.isoformat())
    page.get_by_role("button", name="确认告知补正").click()
    expect(page.get_by_text("状态：")).to_contain_text("补正中")
    send_letter(page, "告知补正")
    page.screenshot(path=shots / "journey-4-correction-letter.png", full_page=True)


def send_letter(page: Page, step: str) -> None:
    """Generate the letter the step calls for, from the case page's letters section."""
    page.get_by_role("link", name="生成告知书").click()
    option = page.get_by_label("告知的办理事项和文书种类")
    value = option.locator("option", has_text=step).first.get_attribute("value")
    assert value is not None, f"no letter offered for {step}"
    option.select_option(value)
    page.get_by_role("button", name="生成告知书").click()
    expect(page.get_by_role("heading", name="已生成的告知书")).to_be_visible()


def applicant_sees(page: Page, live_server: LiveServer, code: str, status: str, letters: int) -> None:
    page.goto(f"{live_server.url}/track/{code}/")
    expect(page.locator(".status-line")).to_contain_text(status)
    expect(page.locator("#letters-heading + p + ul li")).to_have_count(letters)
    assert "13700001111" not in page.content() and IDENTITY not in page.content()


def download_pdf_text(page: Page, link_text: str, into: Path) -> str:
    with page.expect_download() as download:
        page.locator("#letters-heading + p + ul li", has_text=link_text).get_by_role(
            "link", name="PDF"
        ).click()
    path = into / download.value.suggested_filename
    download.value.save_as(path)
    pdf = pdfium.PdfDocument(path)
    try:
        return "".join(pdf[index].get_textpage().get_text_range() for index in range(len(pdf)))
    finally:
        pdf.close()


def handler_accepts(page: Page) -> None:
    page.locator("table.queue tbody tr", has_text="王五").get_by_role("link", name="王五").click()
    page.get_by_role("link", name="收到补正").click()
    page.get_by_role("button", name="确认收到补正").click()
    page.get_by_role("link", name="受理", exact=True).click()
    page.get_by_role("button", name="确认受理").click()
    expect(page.get_by_text("状态：")).to_contain_text("办理中")


def reviewer_grants(page: Page, shots: Path) -> None:
    page.locator("table.queue tbody tr", has_text="王五").get_by_role("link", name="王五").click()
    page.get_by_role("link", name="作出答复").click()
    page.get_by_label("办理结果").select_option("granted")
    page.get_by_role("button", name="确认作出答复").click()
    expect(page.get_by_text("状态：")).to_contain_text("已答复")
    send_letter(page, "作出答复")
    page.screenshot(path=shots / "journey-5-reply-letter.png", full_page=True)


def test_an_online_application_from_the_form_to_the_reply_letter(
    live_server: LiveServer, browser: Browser, staff: Office, shots: Path, tmp_path: Path
) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="zh-CN", accept_downloads=True)
    code = apply_online(page, live_server, shots)
    application = Application.objects.get(tracking_code=code)
    assert (application.channel, application.received_on) == ("online", timezone.localdate())

    log_in(page, live_server, "alice", PASSWORD)
    registrar_assigns(page, shots)
    log_out(page)

    log_in(page, live_server, "bob", PASSWORD)
    handler_requests_correction(page, shots, respond_by=timezone.localdate() + dt.timedelta(days=14))
    log_out(page)

    applicant_sees(page, live_server, code, "补正中", letters=1)
    page.screenshot(path=shots / "journey-6-applicant-correction.png", full_page=True)
    correction = download_pdf_text(page, "补正", tmp_path)
    assert "王五" in correction
    assert "请写明所需招生划片范围的学段" in correction

    log_in(page, live_server, "bob", PASSWORD)
    handler_accepts(page)
    log_out(page)
    log_in(page, live_server, "carol", PASSWORD)
    reviewer_grants(page, shots)
    log_out(page)

    applicant_sees(page, live_server, code, "已答复", letters=2)
    page.screenshot(path=shots / "journey-7-applicant-decided.png", full_page=True)
    reply = download_pdf_text(page, "答复", tmp_path)
    assert "王五" in reply
    assert "予以公开" in reply or "公开" in reply
    assert "行政复议" in reply and "行政诉讼" in reply  # the remedies

    application.refresh_from_db()
    assert (application.case_status, application.outcome) == (Status.DECIDED, "granted")
    assert list(application.events.values_list("action", flat=True)) == [
        "request_correction",
        "receive_correction",
        "accept",
        "decide",
    ]
