"""The charts page printed by a real browser (headless Chromium, print media): the charts and their
numbers are in the PDF as text, the page's navigation is not."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import Browser
from pytest_django.live_server_helper import LiveServer

from gongkai_web.accounts.models import User
from gongkai_web.oversight.services import receive_batch
from gongkai_web.oversight.tests.conftest import HONGZE_2024, HUAIAN_2024, upload, zipped

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("database_tasks", "own_signals"),
]

PASSWORD = "oversight-print-password"


def test_the_printed_charts_carry_their_numbers_and_leave_the_navigation_out(
    browser: Browser, live_server: LiveServer, sam: User, tmp_path: Path
) -> None:
    sam.set_password(PASSWORD)
    sam.save()
    receive_batch(actor=sam, uploads=[upload("年报.zip", zipped(HUAIAN_2024, HONGZE_2024))], year=2024)
    call_command("intake_worker", "--batch", verbosity=0)

    page = browser.new_page()
    page.goto(f"{live_server.url}/office/login/?next=/office/oversight/2024/charts/")
    page.get_by_label("用户名").fill("sam")
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url("**/office/oversight/2024/charts/")
    page.emulate_media(media="print")
    assert page.locator("nav.subnav").is_hidden()
    box = page.locator("#figure-outcomes svg").bounding_box()
    assert box is not None and box["width"] > 300
    pdf = tmp_path / "charts.pdf"
    page.pdf(path=str(pdf), format="A4")

    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, check=True, text=True
    ).stdout
    assert "（四）无法提供" in text
    assert "1412" in text  # 予以公开 in the chart and its table
    assert text.count("3096") >= 2  # 自然人: the bar's label and the table
    assert "批量接收" not in text
