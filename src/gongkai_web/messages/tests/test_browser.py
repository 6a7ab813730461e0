"""网上留言 in a real browser (headless Chromium).

(a) A citizen leaves a message on the portal; alice routes it to 教育股, bob answers, carol passes it
through the 保密审查, and the public page shows the question and the answer.
(b) bob's answer names the writer's identity number: carol's 保密审查 refuses it with the reason, the
code and the masked excerpt, and the public list stays empty.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect
from pytest_django.live_server_helper import LiveServer

from gongkai.identity import resident_id_check_character
from gongkai_web.accounts.models import User
from gongkai_web.messages.models import Message
from gongkai_web.messages.services import route_message
from gongkai_web.messages.tests.conftest import leave
from gongkai_web.personas import Office
from gongkai_web.testing import log_in as office_log_in
from gongkai_web.testing import log_out

PASSWORD = "messages-browser-test-password"
TITLE = "城关镇第二小学是否开通校车"
QUESTION = "我家孩子在城关镇第二小学读书，每天上学要走四十分钟。请问县里今年有没有开通校车的计划？"
ANSWER = "经了解，县教育局已会同县交通运输局制定城关镇校车线路方案，计划于2026年春季学期开通。"
# A checksum-valid number (卫辉市 410781, born 1985-06-12), made for this test.
IDENTITY = "41078119850612003" + resident_id_check_character("41078119850612003")

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def staff(office: Office, alice: User, bob: User, carol: User, empty_cache: None) -> Office:
    for user in (alice, bob, carol):
        user.set_password(PASSWORD)
        user.save()
    return office


def log_in(page: Page, live_server: LiveServer, username: str) -> None:
    office_log_in(page, live_server, username, PASSWORD)


def open_message(page: Page, view: str | None = None) -> None:
    page.get_by_role("navigation", name="主导航").get_by_role("link", name="网上留言").click()
    if view is not None:
        page.get_by_role("link", name=view).click()
    page.get_by_role("link", name=TITLE).click()
    expect(page.get_by_role("heading", name=TITLE)).to_be_visible()


def leave_a_message(page: Page, live_server: LiveServer, shots: Path) -> str:
    page.goto(f"{live_server.url}/")
    page.get_by_role("main").get_by_role("link", name="我要留言").click()
    page.get_by_role("link", name="某县人民政府").click()
    page.get_by_role("main").get_by_role("link", name="我要留言").click()
    page.get_by_label("咨询").check()
    page.get_by_label("标题", exact=True).fill(TITLE)
    page.get_by_label("留言内容").fill(QUESTION)
    page.get_by_label("联系方式", exact=True).fill("13700001111")
    page.get_by_label("同意公开留言和答复").check()
    page.screenshot(path=shots / "messages-1-write.png", full_page=True)
    page.get_by_role("button", name="提交留言").click()
    expect(page.get_by_role("heading", name="留言已提交")).to_be_visible()
    return page.locator("#tracking-code").input_value()


def answer(page: Page, text: str) -> None:
    open_message(page)
    page.get_by_label("答复内容").fill(text)
    page.get_by_role("button", name="提交答复").click()
    expect(page.get_by_text("已答复", exact=True).first).to_be_visible()


def test_a_message_is_routed_answered_reviewed_and_published(
    browser: Browser, live_server: LiveServer, staff: Office, shots: Path
) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    code = leave_a_message(page, live_server, shots)
    assert Message.objects.get(tracking_code=code).status == "received"

    log_in(page, live_server, "alice")
    open_message(page)
    page.get_by_label("承办股室").select_option(label="教育股")
    page.get_by_role("button", name="确认分办").click()
    expect(page.get_by_text("已分办至教育股")).to_be_visible()
    log_out(page)

    log_in(page, live_server, "bob")
    answer(page, ANSWER)
    log_out(page)

    log_in(page, live_server, "carol")
    open_message(page, view="已答复")
    page.get_by_role("button", name="保密审查并公开").click()
    expect(page.get_by_text("已通过保密审查，留言和答复已公开")).to_be_visible()
    page.screenshot(path=shots / "messages-2-published.png", full_page=True)
    log_out(page)

    page.goto(f"{live_server.url}/")
    page.get_by_role("main").get_by_role("link", name="我要留言").click()
    page.get_by_role("link", name="某县人民政府").click()
    page.get_by_role("link", name=TITLE).click()
    expect(page.get_by_role("heading", name=TITLE)).to_be_visible()
    expect(page.locator(".message-text")).to_have_text(QUESTION)
    expect(page.locator(".answer-text")).to_have_text(ANSWER)
    assert "13700001111" not in page.content()
    page.screenshot(path=shots / "messages-3-public.png", full_page=True)


def test_an_answer_with_an_identity_number_is_blocked_with_the_reason_shown(
    browser: Browser, live_server: LiveServer, staff: Office, shots: Path, alice: User
) -> None:
    message = leave(staff.county, title=TITLE, text=QUESTION)
    route_message(message=message, department=staff.education, actor=alice)
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="zh-CN")

    log_in(page, live_server, "bob")
    answer(page, f"经核实，留言人张三（身份证号{IDENTITY}）的孩子已安排乘坐校车。")
    log_out(page)

    log_in(page, live_server, "carol")
    open_message(page, view="已答复")
    page.get_by_role("button", name="保密审查并公开").click()
    expect(page.get_by_text("保密审查未通过，不得公开")).to_be_visible()
    refusal = page.locator(".gate-refusal")
    expect(refusal.get_by_role("heading")).to_have_text("保密审查未通过：不得公开")
    expect(refusal).to_contain_text("居民身份证号码")
    expect(refusal).to_contain_text("属于个人信息，公开前应删除或作隐名处理")
    expect(refusal).to_contain_text("resident_id")
    expect(refusal).to_contain_text(f"身份证号{IDENTITY[:3]}***********{IDENTITY[-4:]}）")
    assert re.search(IDENTITY, refusal.inner_text()) is None
    page.screenshot(path=shots / "messages-4-blocked.png", full_page=True)
    log_out(page)

    message.refresh_from_db()
    assert message.publication == "pending"
    page.goto(f"{live_server.url}/messages/{staff.county.pk}/")
    expect(page.get_by_text("尚无公开的留言")).to_be_visible()
