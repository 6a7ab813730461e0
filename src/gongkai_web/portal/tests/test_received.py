"""/apply/received/<code>/: the tracking code, the day of receipt (第三十一条第（三）项) and the deadline."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client
from django.utils import timezone

from gongkai.clock import CORRECTION_REQUEST_LIMIT, EXTENSION_LIMIT, REPLY_LIMIT
from gongkai_web.applications.models import Application
from gongkai_web.personas import Office
from gongkai_web.workcalendar.models import CalendarYear

from .conftest import apply_url, valid_form


def submit(client: Client, office: Office) -> tuple[Application, str]:
    url = apply_url(office)
    response = client.post(url, valid_form(client, url))
    page = client.get(response["Location"])
    assert page.status_code == 200
    return Application.objects.get(), page.content.decode()


def test_the_tracking_code_is_shown_large_and_selectable(
    client: Client, office: Office, beijing_monday: dt.date
) -> None:
    application, page = submit(client, office)
    assert len(application.tracking_code) >= 22  # 128 random bits
    assert (
        f'<input class="tracking-code" id="tracking-code" type="text" value="{application.tracking_code}" readonly'
        in page
    )
    assert '<label for="tracking-code">' in page


def test_the_page_names_the_day_of_receipt_as_the_day_of_submission(
    client: Client, office: Office, beijing_monday: dt.date
) -> None:
    _, page = submit(client, office)
    assert "<dt>收到申请之日</dt>\n  <dd>2025年9月29日" in page
    assert "条例第三十一条第（三）项" in page
    assert "本系统在您提交的当天确认收到，这一天就是收到申请之日" in page


def test_the_deadline_is_twenty_working_days_over_the_national_day_holiday(
    client: Client, office: Office, beijing_monday: dt.date
) -> None:
    _, page = submit(client, office)
    assert "2025年11月3日" in page
    assert "暂定" not in page
    assert f"自收到申请之日起 {REPLY_LIMIT} 个工作日" in page
    assert f"延长的期限最长不超过 {EXTENSION_LIMIT} 个工作日" in page
    assert f"{CORRECTION_REQUEST_LIMIT} 个工作日内一次性告知" in page


def test_a_deadline_in_a_year_without_holiday_data_is_marked_provisional(
    client: Client, office: Office, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Received 15 December of the last year with holiday data: the deadline falls in January after it.
    last = CalendarYear.objects.order_by("-year").values_list("year", flat=True)[0]
    monkeypatch.setattr(timezone, "now", lambda: dt.datetime(last, 12, 15, 2, 0, tzinfo=dt.UTC))
    application, page = submit(client, office)
    assert application.received_on == dt.date(last, 12, 15)
    assert application.deadline_provisional
    assert '<strong class="tag tag-provisional">暂定</strong>' in page
    assert '<p class="provisional" role="note">答复期限是暂定的' in page


def test_what_happens_next_is_explained(client: Client, office: Office) -> None:
    _, page = submit(client, office)
    steps = re.findall(r"<li>(.*?)</li>", page.split('<ol class="steps">')[1].split("</ol>")[0], re.S)
    assert len(steps) == 4
    assert steps[0].startswith("某县人民政府审查申请内容")
