"""An administrator enters a year the package does not cover yet; the core's checks guard the data."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from gongkai_web.accounts.models import User
from gongkai_web.workcalendar.models import CalendarYear
from gongkai_web.workcalendar.queries import work_calendar

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/workcalendar/calendaryear/add/"
NOTICE = "国办发明电〔2026〕1号（测试用）"


@pytest.fixture
def admin_client_of(client: Client) -> Client:
    client.force_login(User.objects.create_superuser(username="root", password="not-used-in-these-tests"))
    return client


def year_form(**changes: str) -> dict[str, str]:
    form = {
        "year": "2099",
        "source": NOTICE,
        "holidays": "2099-01-01 元旦\n2099-01-26~2099-02-01 春节",
        "workdays": "2099-01-24 春节",
        "days-TOTAL_FORMS": "0",
        "days-INITIAL_FORMS": "0",
        "days-MIN_NUM_FORMS": "0",
        "days-MAX_NUM_FORMS": "1000",
    }
    return form | changes


def test_an_administrator_adds_a_year(admin_client_of: Client) -> None:
    response = admin_client_of.post(ADD_URL, year_form())
    assert response.status_code == 302
    stored = CalendarYear.objects.get(year=2099)
    assert stored.created_by is not None
    assert stored.created_by.username == "root"
    calendar = work_calendar().year(2099)
    assert calendar.source == NOTICE
    assert len(calendar.holidays) == 8
    assert calendar.workdays == {dt.date(2099, 1, 24)}
    assert calendar.holiday_names[dt.date(2099, 1, 28)] == "春节"


def test_a_make_up_workday_on_a_weekday_is_refused(admin_client_of: Client) -> None:
    response = admin_client_of.post(ADD_URL, year_form(workdays="2099-01-23 春节"))
    assert response.status_code == 200
    assert "调休工作日 2099-01-23 不是星期六或星期日" in response.content.decode()
    assert not CalendarYear.objects.filter(year=2099).exists()


def test_a_date_of_another_year_is_refused(admin_client_of: Client) -> None:
    response = admin_client_of.post(ADD_URL, year_form(holidays="2098-12-31 元旦"))
    assert "出现其他年份的日期 2098-12-31" in response.content.decode()
    assert not CalendarYear.objects.filter(year=2099).exists()


def test_a_line_that_is_not_a_date_is_refused(admin_client_of: Client) -> None:
    response = admin_client_of.post(ADD_URL, year_form(holidays="元旦 1月1日"))
    assert "节假日第 1 行" in response.content.decode()
    assert not CalendarYear.objects.filter(year=2099).exists()


def test_an_administrator_corrects_a_stored_year(admin_client_of: Client) -> None:
    stored = CalendarYear.objects.get(year=2026)
    url = f"/admin/workcalendar/calendaryear/{stored.pk}/change/"
    page = admin_client_of.get(url).content.decode()
    assert "2026-10-01 国庆节" in page
    form = year_form(holidays="2026-01-01 元旦", workdays="")
    form.pop("year")
    form["days-INITIAL_FORMS"] = "0"
    response = admin_client_of.post(url, form)
    assert response.status_code == 302
    assert work_calendar().year(2026).holidays == {dt.date(2026, 1, 1)}


def test_a_staff_member_without_permission_may_not_add_a_year(client: Client) -> None:
    client.force_login(User.objects.create_user(username="eve", password="x", is_staff=True))
    response = client.post(ADD_URL, year_form())
    assert response.status_code == 403
    assert not CalendarYear.objects.filter(year=2099).exists()


def test_a_visitor_is_sent_to_the_login_page(client: Client) -> None:
    response = client.post(ADD_URL, year_form())
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
    assert not CalendarYear.objects.filter(year=2099).exists()
