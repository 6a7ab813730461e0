"""A supervisor's January in a real browser (headless Chromium): upload a ZIP of reports, watch the
batch page refresh itself until every file is read, open a finding and see the printed cell marked.

The ZIP holds two real published reports (淮安市人民政府 2024, clean; 洪泽区 2023, whose 第四项
totals do not add up) and one deliberately broken file (洪泽区's published PDF cut off after 4 KB).
The database backend queues the batch; the test runs the worker (``intake_worker --batch``) while
the page is open, as the worker process would. Screenshots go to ``GONGKAI_SCREENSHOTS`` if set.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import Browser, expect
from pytest_django.live_server_helper import LiveServer

from gongkai_web.accounts.models import User
from gongkai_web.oversight.tests.conftest import HONGZE_2023, HONGZE_2023_PDF, HUAIAN_2024, zipped

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("database_tasks", "own_signals"),
]

PASSWORD = "oversight-browser-password"


def test_a_supervisor_uploads_a_zip_watches_it_read_and_opens_a_finding_on_its_cell(
    browser: Browser, live_server: LiveServer, sam: User, shots: Path, tmp_path: Path
) -> None:
    sam.set_password(PASSWORD)
    sam.save()
    broken = ("洪泽区2023年年报（损坏）.pdf", HONGZE_2023_PDF[1].read_bytes()[:4096])
    archive = tmp_path / "一月收到的年报.zip"
    archive.write_bytes(zipped(HUAIAN_2024, HONGZE_2023, broken))

    page = browser.new_page()
    page.goto(f"{live_server.url}/office/login/?next=/office/oversight/batches/")
    page.get_by_label("用户名").fill("sam")
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(re.compile(r"/office/oversight/batches/$"))
    page.get_by_label("年度报告文件").set_input_files(archive)
    page.get_by_label("报告年度").fill("2024")
    page.get_by_role("button", name="上传并读取").click()
    page.wait_for_url(re.compile(r"/office/oversight/batches/\d+/$"))
    progress = page.locator("#progress-text")
    expect(progress).to_contain_text("已读取 0 / 3 份")
    page.screenshot(path=shots / "oversight-1-queued.png", full_page=True)

    call_command("intake_worker", "--batch", verbosity=0)  # the background worker's run

    expect(progress).to_have_text("已读取 3 / 3 份，其中 1 份无法读取，全部完成", timeout=20_000)
    broken_row = page.locator("tr", has_text=broken[0])
    expect(broken_row.locator(".file-status")).to_contain_text("无法读取")
    expect(broken_row.locator(".file-status")).to_contain_text("corrupt_pdf")
    page.screenshot(path=shots / "oversight-2-done.png", full_page=True)

    page.locator("tr", has_text=HONGZE_2023[0]).get_by_role("link", name="淮安市洪泽区人民政府").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("淮安市洪泽区人民政府 2023年度报告")
    page.get_by_role("link", name=re.compile("错误 C7")).first.click()
    page.wait_for_url(re.compile(r"\?finding=3#cell-review_litigation\.review\.total$"))
    cell = page.locator("td.source-cell")
    expect(cell).to_have_count(1)
    expect(cell).to_have_attribute("data-where", "review_litigation.review.total")
    expect(cell).to_have_text("0")
    expect(cell).to_be_in_viewport()
    expect(page.locator(".opened-finding")).to_contain_text("原文位置：第323行第1列 · 原文为“0”")
    page.screenshot(path=shots / "oversight-3-finding.png", full_page=False)
