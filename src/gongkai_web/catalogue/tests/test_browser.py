"""The 三审 chain in a real browser (headless Chromium): bob drafts, alice 初审, carol 复审, hana 终审,
and a visitor on a phone finds the item by a Chinese word inside its title."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, ViewportSize, expect
from pytest_django.live_server_helper import LiveServer

from gongkai.catalogue import Stage, Step
from gongkai_web.accounts.models import User
from gongkai_web.catalogue.models import CatalogueItem
from gongkai_web.catalogue.services import review_item, submit_draft
from gongkai_web.catalogue.tests.conftest import TODAY, draft
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


def test_the_head_sees_why_an_identity_number_is_not_published_and_confirms_a_landline(
    browser: Browser, live_server: LiveServer, staff: Office, bob: User, alice: User, carol: User, shots: Path
) -> None:
    identity = "11010519491231002X"  # GB 11643's own example: a valid check character
    named = submit_draft(
        item=draft(
            staff.county, bob, title=TITLE, text=f"学生家长张三（身份证号{identity}）反映的问题已答复。"
        ),
        actor=bob,
    )
    phoned = submit_draft(
        item=draft(
            staff.county, bob, title="某县2025年秋季学期招生咨询", text="招生咨询电话：0373-5551234。"
        ),
        actor=bob,
    )
    for submitted in (named, phoned):
        first = review_item(
            item=submitted, actor=alice, seen=Stage.FIRST_REVIEW, step=Step.APPROVE, today=TODAY
        )
        review_item(item=first, actor=carol, seen=Stage.SECOND_REVIEW, step=Step.APPROVE, today=TODAY)
    page = browser.new_page(viewport=LAPTOP)
    log_in(page, live_server, "hana", PASSWORD)
    page.goto(f"{live_server.url}/office/catalogue/{named.pk}/")
    page.get_by_role("button", name="终审通过并发布").click()
    refusal = page.locator(".gate-refusal")
    expect(refusal.get_by_role("heading", name="保密审查未通过：不得公开")).to_be_visible()
    expect(refusal.get_by_role("cell", name="居民身份证号码")).to_be_visible()
    expect(refusal.get_by_text("110***********002X").first).to_be_visible()
    expect(refusal.get_by_role("cell", name="resident_id")).to_be_visible()
    expect(page.locator(".gate-reviews")).to_contain_text("hana：不得公开")
    page.screenshot(path=shots / "4-blocked.png", full_page=True)
    assert CatalogueItem.objects.get(pk=named.pk).stage == "final_review"

    page.goto(f"{live_server.url}/office/catalogue/{phoned.pk}/")
    page.get_by_role("button", name="终审通过并发布").click()
    expect(page.get_by_role("heading", name="需人工复核")).to_be_visible()
    page.get_by_label("复核意见").fill("0373-5551234 为县教育局公开的招生咨询电话")
    page.get_by_role("button", name="确认可以公开，终审通过并发布").click()
    expect(page.get_by_text("已审核通过并发布（已通过保密审查）")).to_be_visible()
    expect(page.locator(".gate-reviews")).to_contain_text(
        "复核意见：0373-5551234 为县教育局公开的招生咨询电话"
    )
    assert CatalogueItem.objects.get(pk=phoned.pk).stage == "published"
