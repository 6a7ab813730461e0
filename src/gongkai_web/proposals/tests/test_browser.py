"""建议提案办理结果 in a real browser (headless Chromium).

(a) alice registers a 建议, bob (教育股, the lead department) replies and submits the reply for
publication, carol passes it through the 保密审查, and a visitor finds it from the portal's header.
(b) bob's reply names the deputy's identity number: carol's 保密审查 refuses it with the reason, the
code and the masked excerpt, and the public page has no reply.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect
from pytest_django.live_server_helper import LiveServer

from gongkai.identity import resident_id_check_character
from gongkai_web.accounts.models import User
from gongkai_web.personas import Office
from gongkai_web.proposals.models import Proposal, Publication, Reply
from gongkai_web.proposals.services import record_reply, request_reply_publication
from gongkai_web.proposals.tests.conftest import REPLY
from gongkai_web.testing import log_in as office_log_in
from gongkai_web.testing import log_out

PASSWORD = "proposals-browser-test-password"
TITLE = "关于加快城区学校扩容建设的建议"
# A checksum-valid number (卫辉市 410781, born 1972-04-08), made for this test.
IDENTITY = "41078119720408001" + resident_id_check_character("41078119720408001")

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def staff(office: Office, alice: User, bob: User, carol: User) -> Office:
    for user in (alice, bob, carol):
        user.set_password(PASSWORD)
        user.save()
    return office


def log_in(page: Page, live_server: LiveServer, username: str) -> None:
    office_log_in(page, live_server, username, PASSWORD)


def open_proposal(page: Page) -> None:
    page.get_by_role("navigation", name="主导航").get_by_role("link", name="建议提案").click()
    page.get_by_role("main").get_by_role("link", name="2025", exact=True).click()
    page.get_by_role("link", name=TITLE).click()
    expect(page.get_by_role("heading", name=TITLE, exact=True)).to_be_visible()


def register(page: Page) -> None:
    page.get_by_role("navigation", name="主导航").get_by_role("link", name="建议提案").click()
    page.get_by_role("link", name="登记建议提案").click()
    page.get_by_label("人大代表建议").check()
    page.get_by_label("届次").fill("十届人大三次会议")
    page.get_by_label("编号").fill("58")
    page.get_by_label("标题").fill(TITLE)
    page.get_by_label("代表或委员").fill("李明等5名代表")
    page.get_by_label("交办日期").fill("2025-03-20")
    page.get_by_label("主办股室").select_option(label="某县人民政府 教育股")
    page.get_by_role("button", name="登记", exact=True).click()
    expect(page.get_by_text("办理期限 2025-06-20")).to_be_visible()


def reply_and_submit(page: Page, shots: Path) -> None:
    open_proposal(page)
    page.get_by_label("答复内容").fill(REPLY)
    page.get_by_label("答复日期").fill("2025-06-12")
    page.get_by_label("B类：所提问题正在解决或列入计划逐步解决").check()
    page.get_by_role("button", name="录入答复").click()
    expect(page.get_by_text("已录入答复")).to_be_visible()
    page.get_by_role("button", name="提交公开审查").click()
    expect(page.locator("#reply-publication")).to_have_text("待公开审查")
    page.screenshot(path=shots / "proposals-1-submitted.png", full_page=True)


def test_a_reply_is_reviewed_published_and_found_on_the_portal(
    browser: Browser, live_server: LiveServer, staff: Office, shots: Path
) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    log_in(page, live_server, "alice")
    register(page)
    log_out(page)

    log_in(page, live_server, "bob")
    reply_and_submit(page, shots)
    log_out(page)

    log_in(page, live_server, "carol")
    open_proposal(page)
    page.get_by_role("button", name="保密审查并公开").click()
    expect(page.get_by_text("已通过保密审查，答复已公开")).to_be_visible()
    expect(page.locator("#reply-publication")).to_have_text("已公开")
    expect(page.locator("#reply-review")).to_contain_text("保密审查人：carol（准予公开")
    page.screenshot(path=shots / "proposals-2-published.png", full_page=True)
    log_out(page)

    page.goto(f"{live_server.url}/")
    page.get_by_role("navigation", name="主导航").get_by_role("link", name="建议提案").click()
    page.get_by_role("link", name="某县人民政府").click()
    expect(page.get_by_role("heading", name="2025年人大代表建议办理结果")).to_be_visible()
    row = page.locator("#replies-npc tbody tr")
    expect(row).to_have_count(1)
    expect(row.locator("td")).to_have_text(
        ["十届人大三次会议第58号", TITLE, "李明等5名代表", "教育股", "2025-06-12", "B类"]
    )
    row.get_by_role("link", name=TITLE).click()
    expect(page.get_by_role("heading", name=TITLE)).to_be_visible()
    expect(page.locator("#reply-outcome")).to_have_text("B类：所提问题正在解决或列入计划逐步解决")
    expect(page.locator(".reply-text")).to_contain_text("新增学位900个")
    page.screenshot(path=shots / "proposals-3-public.png", full_page=True)


def test_a_reply_with_an_identity_number_is_refused_with_the_reason_shown(
    browser: Browser, live_server: LiveServer, staff: Office, shots: Path, suggestion: Proposal, bob: User
) -> None:
    reply = record_reply(
        proposal=suggestion, text=REPLY + f"经核实，领衔代表李明（身份证号{IDENTITY}）反映的学位缺口属实。",
        replied_on=dt.date(2025, 6, 12), outcome="B", actor=bob,
    )  # fmt: skip
    request_reply_publication(reply=reply, actor=bob)
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="zh-CN")

    log_in(page, live_server, "carol")
    open_proposal(page)
    page.get_by_role("button", name="保密审查并公开").click()
    expect(page.get_by_text("保密审查未通过，不得公开")).to_be_visible()
    expect(page.locator("#reply-publication")).to_have_text("审查未通过")
    refusal = page.locator(".gate-refusal")
    expect(refusal.get_by_role("heading")).to_have_text("保密审查未通过：不得公开")
    expect(refusal).to_contain_text("居民身份证号码")
    expect(refusal).to_contain_text("属于个人信息，公开前应删除或作隐名处理")
    expect(refusal).to_contain_text("resident_id")
    expect(refusal).to_contain_text(f"身份证号{IDENTITY[:3]}***********{IDENTITY[-4:]}）")
    assert IDENTITY not in refusal.inner_text()
    page.screenshot(path=shots / "proposals-4-refused.png", full_page=True)
    log_out(page)

    assert Reply.objects.get().publication == Publication.REFUSED
    page.goto(f"{live_server.url}/proposals/{staff.county.pk}/")
    expect(page.get_by_text("尚无公开的建议提案答复。")).to_be_visible()
