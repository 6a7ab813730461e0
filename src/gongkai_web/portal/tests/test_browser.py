"""The public pages in a real browser (Debian's Chromium, headless): by keyboard alone, and on a phone.

The ``browser`` and ``shots`` fixtures are `gongkai_web.testing`'s: select these tests with
``-m browser`` (or leave them out with ``-m "not browser"``); set ``GONGKAI_SCREENSHOTS`` to a folder
to keep the screenshots.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, FilePayload, Page, ViewportSize, expect
from pytest_django.live_server_helper import LiveServer

from gongkai_web.applications.models import Application, Attachment, Channel
from gongkai_web.personas import Office
from gongkai_web.portal.models import HelpDesk

from . import sample_files
from .conftest import RESIDENT_ID

pytestmark = pytest.mark.django_db(transaction=True)

PHONE: ViewportSize = {"width": 375, "height": 740}
MAX_TABS = 60


def focused(page: Page) -> str:
    """The focused element as ``tag#id`` or ``tag[text]``."""
    return str(
        page.evaluate(
            "() => { const e = document.activeElement;"
            " return e.tagName.toLowerCase() + (e.id ? '#' + e.id : '[' + e.textContent.trim() + ']'); }"
        )
    )


def tab_to(page: Page, target: str) -> None:
    """Press Tab until ``target`` (as `focused` names it) has the focus; fail if it is never reached."""
    seen = []
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        seen.append(focused(page))
        if seen[-1] == target:
            return
    raise AssertionError(f"{target} not reachable by Tab; focus went {seen}")


def assert_fits_and_is_labelled(page: Page) -> None:
    """No horizontal scrolling, and every visible control has an accessible name."""
    assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth"), page.evaluate(
        "() => [document.documentElement.scrollWidth, window.innerWidth]"
    )
    controls = page.locator("input:not([type=hidden]), select, textarea, button")
    for index in range(controls.count()):
        expect(controls.nth(index)).to_have_accessible_name(re.compile(r"\S"))


def fill_application_by_keyboard(page: Page) -> None:
    tab_to(page, "input#id_name")
    page.keyboard.type("张三")
    tab_to(page, "input#id_identity_kind_0")  # 居民身份证, preselected
    expect(page.locator("#id_identity_kind_0")).to_be_checked()
    tab_to(page, "input#id_identity_number")
    page.keyboard.type(RESIDENT_ID)
    tab_to(page, "input#id_phone")
    page.keyboard.type("13800001234")
    tab_to(page, "input#id_email")
    page.keyboard.type("zhangsan@example.cn")
    tab_to(page, "textarea#id_description")
    page.keyboard.type("2024年本县城区义务教育学校招生划片范围")
    tab_to(page, "input#id_medium_0")
    page.keyboard.press("ArrowDown")  # 电子文件
    expect(page.locator("#id_medium_1")).to_be_checked()
    tab_to(page, "input#id_delivery_0")
    page.keyboard.press("ArrowDown")  # 电子邮件
    expect(page.locator("#id_delivery_1")).to_be_checked()


def test_an_application_by_keyboard_alone(
    office: Office, help_desk: HelpDesk, live_server: LiveServer, browser: Browser, shots: Path
) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page.goto(live_server.url + "/")
    page.screenshot(path=shots / "home-desktop.png", full_page=True)
    tab_to(page, "a[某县人民政府：在线申请]")
    page.keyboard.press("Enter")

    page.wait_for_url(re.compile(r"/apply/\d+/$"))
    tab_to(page, "input#id_type_0")
    page.keyboard.press("Space")  # 自然人
    tab_to(page, "button[下一步]")
    page.keyboard.press("Enter")

    page.wait_for_url(re.compile(r"\?type=natural_person$"))
    tab_to(page, "button[提交申请]")  # sent empty first: the errors are summarised and focused
    page.keyboard.press("Enter")
    page.wait_for_selector(".error-summary")
    assert focused(page).startswith("div[")
    page.screenshot(path=shots / "apply-errors-desktop.png", full_page=True)
    assert page.locator(".error-summary a").first.inner_text() == "请填写姓名"

    fill_application_by_keyboard(page)
    tab_to(page, "button[提交申请]")
    page.keyboard.press("Enter")

    page.wait_for_url(re.compile(r"/apply/received/"))
    code = page.locator("#tracking-code").input_value()
    application = Application.objects.get()
    assert code == application.tracking_code
    assert (application.applicant_name, application.channel) == ("张三", Channel.ONLINE)
    page.screenshot(path=shots / "received-desktop.png", full_page=True)
    tab_to(page, "a[查看办理进度]")
    page.keyboard.press("Enter")

    page.wait_for_url(re.compile(r"/track/"))
    expect(page.locator(".status-line")).to_have_text("当前状态：已登记")
    assert RESIDENT_ID not in page.content() and "张三" not in page.content()
    page.screenshot(path=shots / "status-desktop.png", full_page=True)
    page.close()


def test_the_same_on_a_phone_375_pixels_wide(
    office: Office, help_desk: HelpDesk, live_server: LiveServer, browser: Browser, shots: Path
) -> None:
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, locale="zh-CN")
    page = context.new_page()
    page.goto(live_server.url + "/")
    assert_fits_and_is_labelled(page)
    page.screenshot(path=shots / "home-phone.png", full_page=True)

    page.goto(f"{live_server.url}/apply/{office.county.pk}/")
    assert_fits_and_is_labelled(page)
    page.screenshot(path=shots / "choose-phone.png", full_page=True)
    page.get_by_label("自然人").check()
    page.get_by_role("button", name="下一步").click()

    page.wait_for_url(re.compile(r"\?type=natural_person$"))
    assert_fits_and_is_labelled(page)
    page.screenshot(path=shots / "apply-phone.png", full_page=True)
    page.get_by_role("button", name="提交申请").click()
    page.wait_for_selector(".error-summary")
    assert_fits_and_is_labelled(page)
    page.screenshot(path=shots / "apply-errors-phone.png", full_page=True)

    page.get_by_label("姓名").fill("张三")
    page.get_by_label("证件号码").fill(RESIDENT_ID)
    page.get_by_label("联系电话").fill("13800001234")
    page.get_by_label("电子邮箱").fill("zhangsan@example.cn")
    page.get_by_label("申请公开的政府信息的名称").fill("2024年本县城区义务教育学校招生划片范围")
    page.get_by_label("电子文件").check()
    page.get_by_label("电子邮件", exact=True).check()
    page.get_by_label("附件（可选）").set_input_files(
        [FilePayload(name="身份证.jpg", mimeType="image/jpeg", buffer=sample_files.jpeg())]
    )
    page.get_by_role("button", name="提交申请").click()

    page.wait_for_url(re.compile(r"/apply/received/"))
    assert_fits_and_is_labelled(page)
    page.screenshot(path=shots / "received-phone.png", full_page=True)
    code = page.locator("#tracking-code").input_value()
    assert Attachment.objects.get().application.tracking_code == code

    page.goto(f"{live_server.url}/track/")
    page.get_by_label("查询码").fill(code)
    page.get_by_role("button", name="查询").click()
    page.wait_for_url(re.compile(r"/track/[^/]+/$"))
    assert_fits_and_is_labelled(page)
    expect(page.locator(".status-line")).to_have_text("当前状态：已登记")
    page.screenshot(path=shots / "status-phone.png", full_page=True)

    page.goto(f"{live_server.url}/track/no-such-code/")
    assert_fits_and_is_labelled(page)
    context.close()
