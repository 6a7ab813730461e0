"""The 三审 chain in a real browser (headless Chromium): bob drafts, alice 初审, carol 复审, hana 终审,
and a visitor on a phone finds the item by a Chinese word inside its title."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, ViewportSize, expect
from pytest_django.live_server_helper import LiveServer

from gongkai_web.accounts.models import User
from gongkai_web.catalogue.models import CatalogueItem
from gongkai_web.personas import Office
from gongkai_web.testing import log_in, log_out

PASSWORD = "catalogue-browser-test-password"
LAPTOP = ViewportSize(width=1366, height=768)
PHONE = ViewportSize(width=390, height=844)
TITLE = "某县2025年义务教育学区划分方案"

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def staff(office: Office, alice: User, bob: User, carol: User, hana: User) -> Office:
    for user in (alice, bob, carol, hana):
        user.set_password(PASSWORD)
        user.save()
    return office


def draft_and_submit(page: Page, shots: Path) -> None:
    page.get_by_role("link", name="主动公开目录").click()
    page.get_by_role("link", name="起草主动公开信息").click()
    page.get_by_label("标题", exact=True).fill(TITLE)
    page.get_by_label("类别").select_option(
        label="（十一）扶贫、教育、医疗、社会保障、促进就业等方面的政策、措施及其实施情况"
    )
    page.get_by_label("文号").fill("某政办发〔2025〕12号")
    page.get_by_label("成文日期").fill("2025-09-26")
    page.get_by_label("正文").fill(
        "一、划分原则\n坚持免试就近入学。\n\n二、实施时间\n本方案自2025年9月1日起施行。"
    )
    page.screenshot(path=shots / "1-draft.png", full_page=True)
    page.get_by_role("button", name="保存草稿").click()
    expect(page.get_by_role("heading", name=TITLE)).to_be_visible()
    page.get_by_role("button", name="提交初审").click()
    expect(page.get_by_text("已提交初审")).to_be_visible()


def approve(page: Page, review: str, shots: Path) -> None:
    page.get_by_role("link", name="主动公开目录").click()
    page.get_by_role("link", name=TITLE).click()
    expect(page.get_by_role("heading", name=review, exact=True)).to_be_visible()
    page.screenshot(path=shots / f"2-{review}.png", full_page=True)
    page.get_by_role("button", name=f"{review}通过").click()
    expect(page.get_by_text("已审核通过")).to_be_visible()


def test_a_draft_passes_three_reviews_and_is_found_by_a_chinese_word(
    browser: Browser, live_server: LiveServer, staff: Office, shots: Path
) -> None:
    page = browser.new_page(viewport=LAPTOP)
    log_in(page, live_server, "bob", PASSWORD)
    draft_and_submit(page, shots)
    log_out(page)
    for username, review in (("alice", "初审"), ("carol", "复审"), ("hana", "终审")):
        log_in(page, live_server, username, PASSWORD)
        approve(page, review, shots)
        log_out(page)
    assert CatalogueItem.objects.get().stage == "published"

    phone = browser.new_page(viewport=PHONE)
    phone.goto(f"{live_server.url}/catalogue/{staff.county.pk}/")
    phone.get_by_label("搜索标题、正文、文号或索引号").fill("学区")
    phone.keyboard.press("Enter")
    expect(phone.get_by_text("搜索“学区”：共 1 条。")).to_be_visible()
    phone.get_by_role("link", name=TITLE).click()
    expect(phone.get_by_role("heading", name=TITLE)).to_be_visible()
    expect(phone.get_by_role("row", name="文号 某政办发〔2025〕12号")).to_be_visible()
    phone.screenshot(path=shots / "3-public-item.png", full_page=True)
