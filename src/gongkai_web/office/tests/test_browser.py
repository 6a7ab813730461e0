"""The office in a real browser (headless Chromium): register a walk-in, work it, decide it.

alice registers a walk-in; bob finds it in his queue, asks for a correction, records the corrected
application and accepts it; carol replies. The ``browser`` and ``shots`` fixtures are
`gongkai_web.testing`'s (set ``GONGKAI_SCREENSHOTS`` to a folder to keep the screenshots).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, ViewportSize, expect
from pytest_django.live_server_helper import LiveServer

from gongkai.cases import ApplicantType, Status
from gongkai_web.accounts.models import User
from gongkai_web.applications.models import Application
from gongkai_web.personas import Office, walk_in
from gongkai_web.testing import log_in, log_out

PASSWORD = "office-browser-test-password"
LAPTOP = ViewportSize(width=1366, height=768)
PHONE = ViewportSize(width=390, height=844)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def staff(office: Office, alice: User, bob: User, carol: User) -> Office:
    for user in (alice, bob, carol):
        user.set_password(PASSWORD)
        user.save()
    # Two older cases of 教育股, so the queue shows its tags: one overdue, one due soon.
    walk_in(
        office,
        alice,
        applicant_name="赵六",
        submitted_on=dt.date(2025, 9, 1),
        received_on=dt.date(2025, 9, 1),
    )
    walk_in(office, alice, applicant_name="某某科技有限公司", applicant_type=ApplicantType("commercial"))
    return office


def register_a_walk_in(page: Page, shots: Path) -> None:
    """alice, the registrar, registers a walk-in for 教育股."""
    page.get_by_role("link", name="登记申请").click()
    page.get_by_label("当面", exact=True).check()
    page.get_by_label("当面提交之日（当面、口头）").check()
    page.get_by_label("申请人类型").select_option("natural_person")
    page.get_by_label("申请人姓名或名称").fill("李四")
    page.get_by_label("身份证明").fill("110101198506061234")
    page.get_by_label("联系方式").fill("13912345678")
    page.get_by_label("所需信息的名称、文号或特征性描述").fill("本县2025年城乡低保对象名单")
    page.get_by_label("纸质文本").check()
    page.get_by_label("当面领取").check()
    page.get_by_label("承办股室").select_option(label="教育股")
    page.screenshot(path=shots / "1-register.png", full_page=True)
    page.get_by_role("button", name="登记").click()
    expect(page.get_by_role("heading", name="李四的申请")).to_be_visible()
    expect(page.get_by_text("已登记李四的申请（收到日期 2025-10-27）")).to_be_visible()


def find_it_in_the_queue(page: Page, shots: Path) -> None:
    """bob, the handler of 教育股, sees it after the overdue and the due-soon cases."""
    queue = page.locator("table.queue tbody tr")
    expect(queue).to_have_count(3)
    expect(queue.nth(0)).to_contain_text("赵六")
    expect(queue.nth(0)).to_contain_text("逾期")
    expect(queue.nth(1)).to_contain_text("即将到期")
    expect(queue.nth(2)).to_contain_text("李四")
    expect(queue.nth(2)).to_contain_text("剩余 20 个工作日")
    page.screenshot(path=shots / "2-queue-laptop.png", full_page=True)
    page.set_viewport_size(PHONE)
    page.screenshot(path=shots / "3-queue-phone.png", full_page=True)
    page.set_viewport_size(LAPTOP)


def correct_and_accept(page: Page, shots: Path) -> None:
    """bob asks for a correction, records the corrected application and accepts it."""
    page.get_by_role("link", name="李四").click()
    expect(page.get_by_text("110101198506061234")).to_be_visible()
    page.get_by_role("link", name="告知补正").click()
    page.get_by_label("需要补正的事项").fill("请写明所需名单的具体乡镇")
    page.get_by_label("补正期限").fill("2025-11-10")
    page.get_by_role("button", name="确认告知补正").click()
    expect(page.get_by_text("状态：")).to_contain_text("补正中")
    expect(page.get_by_text("补正期限：")).to_contain_text("2025-11-10")
    page.screenshot(path=shots / "4-case-awaiting-correction.png", full_page=True)
    page.get_by_role("link", name="收到补正").click()
    page.get_by_role("button", name="确认收到补正").click()
    page.get_by_role("link", name="受理", exact=True).click()
    page.get_by_role("button", name="确认受理").click()
    expect(page.get_by_text("状态：")).to_contain_text("办理中")


def reply_partly_disclosed(page: Page, shots: Path) -> None:
    """carol, the reviewer, replies: partly disclosed, the personal data severed (reasons required)."""
    page.get_by_role("link", name="李四").click()
    page.get_by_role("link", name="作出答复").click()
    page.get_by_label("办理结果").select_option("partially_granted")
    page.get_by_role("button", name="确认作出答复").click()
    expect(page.locator(".error-summary")).to_contain_text("必须说明理由")
    page.screenshot(path=shots / "5-decide-refused.png", full_page=True)
    page.get_by_label("理由", exact=True).fill(
        "名单中低保对象的身份证号码和住址属于个人隐私，不予公开，其余部分予以公开"
    )
    page.get_by_role("button", name="确认作出答复").click()
    expect(page.get_by_text("状态：")).to_contain_text("已答复")
    expect(page.locator("#decision-heading + dl")).to_contain_text("（二）部分公开")
    page.screenshot(path=shots / "6-case-decided.png", full_page=True)


def test_a_walk_in_is_registered_corrected_accepted_and_decided(
    live_server: LiveServer, browser: Browser, staff: Office, shots: Path
) -> None:
    page = browser.new_page(viewport=LAPTOP, locale="zh-CN")
    log_in(page, live_server, "alice", PASSWORD)
    register_a_walk_in(page, shots)
    log_out(page)
    log_in(page, live_server, "bob", PASSWORD)
    find_it_in_the_queue(page, shots)
    correct_and_accept(page, shots)
    log_out(page)
    log_in(page, live_server, "carol", PASSWORD)
    reply_partly_disclosed(page, shots)

    application = Application.objects.get(applicant_name="李四")
    assert application.case_status is Status.DECIDED
    assert application.outcome == "partially_granted"
    assert list(application.events.values_list("action", flat=True)) == [
        "request_correction",
        "receive_correction",
        "accept",
        "decide",
    ]
