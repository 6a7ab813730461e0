"""The demo's oversight part: 孙监督 logs in with the printed password and finds the city's reports
read, the roll-up's four applications located, the charts and the open data filled."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client

from gongkai_web.bodies.models import Body
from gongkai_web.demo.data import DEMO_PASSWORD, load_demo
from gongkai_web.oversight.demo import CITY
from gongkai_web.oversight.models import FileStatus, IntakeFile

TODAY = dt.date(2026, 12, 4)
pytestmark = pytest.mark.django_db


@pytest.fixture
def supervisor(client: Client) -> Client:
    demo = load_demo(today=TODAY)
    assert ("jiandu", "孙监督", f"监督检查：{CITY}及下级机关", None) in [
        (login.username, login.name, login.role, login.department) for login in demo.logins
    ]
    assert client.login(username="jiandu", password=DEMO_PASSWORD)
    return client


def test_every_demo_report_is_read_and_stored_by_the_intake(supervisor: Client) -> None:
    files = IntakeFile.objects.select_related("body", "reading").order_by("pk")
    assert [(f.body and f.body.name, f.year, f.status, f.reading and f.reading.kind) for f in files] == [
        ("演示市教育局", 2025, FileStatus.DONE, "html"),
        ("演示市民政局", 2025, FileStatus.DONE, "text"),
        ("演示市东区人民政府", 2025, FileStatus.DONE, "docx"),
        ("演示市东区教育体育局", 2025, FileStatus.DONE, "text"),
        (CITY, 2025, FileStatus.DONE, "docx"),
        (CITY, 2024, FileStatus.DONE, "docx"),
        ("演示市东区人民政府", 2024, FileStatus.DONE, "html"),
    ]


def test_the_supervisor_lands_on_last_years_dashboard_with_five_of_six_reports(supervisor: Client) -> None:
    page = supervisor.get("/office/", follow=True)
    assert page.request["PATH_INFO"] == "/office/oversight/2025/"
    assert "已收到 5 / 6 个机关的报告" in page.content.decode()


def test_the_demo_rollup_finds_the_citys_four_extra_applications(supervisor: Client) -> None:
    city = Body.objects.get(name=CITY)
    page = supervisor.get(f"/office/oversight/2025/{city.pk}/rollup/").content.decode()
    assert "2 个单元格不一致" in page
    natural = re.search(r'data-where="applications.new_received.natural_person">(.*?)</tr>', page, re.S)
    assert natural is not None
    cells = [
        re.sub(r"<[^>]+>", "", cell).strip()
        for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", natural[1], re.S)
    ]
    # 020's 26 applications from natural persons: ×1, ×3 and ×5 below, ×9 + 4 in the city's report.
    assert cells[1:] == ["238", "234", "+4", "演示市教育局 26、演示市民政局 78、演示市东区人民政府 130"]


def test_the_demo_charts_and_open_data_have_the_reports(supervisor: Client) -> None:
    charts = supervisor.get("/office/oversight/2025/charts/").content.decode()
    assert "已读出的 5 份2025年度报告" in charts
    assert supervisor.get("/office/oversight/2025/opendata.csv").status_code == 200
