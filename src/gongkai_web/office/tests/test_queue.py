"""The queue at /office/: each officer's cases with the days left, filters, search and a count summary."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pytest_django import DjangoAssertNumQueries

from gongkai.cases import Action, Status
from gongkai_web.accounts.models import User
from gongkai_web.applications.models import Application, Channel, ReceiptBasis
from gongkai_web.applications.services import record_event
from gongkai_web.office.queries import QueuePaginator
from gongkai_web.personas import Office, logged_in, walk_in
from gongkai_web.workcalendar.models import CalendarYear

from .conftest import IDENTITY, PHONE, TODAY

QUEUE = reverse("office:queue")


def rows_of(html: str) -> list[str]:
    """The applicant names of the table's rows, in order."""
    body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return re.findall(r'<a href="/office/cases/\d+/">([^<]+)</a>', body)


def test_anonymous_users_are_sent_to_the_login_page(client: Client) -> None:
    response = client.get(QUEUE)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('office:login')}?next={QUEUE}"


def test_after_login_the_office_lands_on_the_queue(client: Client, alice: User) -> None:
    alice.set_password("correct horse battery staple")
    alice.save()
    response = client.post(
        reverse("office:login"), {"username": "alice", "password": "correct horse battery staple"}
    )
    assert response["Location"] == QUEUE
    assert client.get(QUEUE).status_code == 200


def test_a_user_without_any_role_is_refused_the_queue(client: Client, olga: User) -> None:
    assert logged_in(client, olga).get(QUEUE).status_code == 403


def test_a_handler_sees_the_cases_of_their_department(
    client: Client, office: Office, alice: User, bob: User
) -> None:
    walk_in(office, alice, applicant_name="张三")
    walk_in(office, alice, applicant_name="李四", department=office.general_office)
    walk_in(office, alice, applicant_name="王五", department=None)
    assert rows_of(logged_in(client, bob).get(QUEUE).content.decode()) == ["张三"]


def test_a_handler_of_another_department_does_not_see_them(
    client: Client, office: Office, alice: User, erin: User
) -> None:
    walk_in(office, alice, applicant_name="张三")
    walk_in(office, alice, applicant_name="李四", department=office.general_office)
    assert rows_of(logged_in(client, erin).get(QUEUE).content.decode()) == ["李四"]


@pytest.mark.parametrize("persona", ["alice", "carol", "frank"])
def test_registrars_reviewers_and_administrators_see_every_case_of_the_body(
    client: Client, office: Office, alice: User, persona: str, request: pytest.FixtureRequest
) -> None:
    walk_in(office, alice, applicant_name="张三")
    walk_in(office, alice, applicant_name="李四", department=office.general_office)
    walk_in(office, alice, applicant_name="王五", department=None)
    user = request.getfixturevalue(persona)
    assert sorted(rows_of(logged_in(client, user).get(QUEUE).content.decode())) == ["张三", "李四", "王五"]


def test_an_officer_of_another_body_sees_none_of_the_countys_cases(
    client: Client, office: Office, alice: User, dave: User
) -> None:
    walk_in(office, alice)
    html = logged_in(client, dave).get(QUEUE).content.decode()
    assert rows_of(html) == []
    assert "张三" not in html


def test_the_list_shows_the_applicants_name_but_never_their_identity_number_or_phone(
    client: Client, application: Application, carol: User
) -> None:
    html = logged_in(client, carol).get(QUEUE).content.decode()
    assert "张三" in html
    assert IDENTITY not in html and IDENTITY[-4:] not in html
    assert PHONE not in html


def test_a_phone_number_written_into_the_description_is_masked_in_the_list(
    client: Client, office: Office, alice: User, bob: User
) -> None:
    walk_in(office, alice, description="请联系13912345678告知学校名单")
    html = logged_in(client, bob).get(QUEUE).content.decode()
    assert "13912345678" not in html
    assert "139****5678" in html


def test_a_case_due_in_four_working_days_is_tagged_due_soon_with_its_days_left(
    client: Client, application: Application, bob: User
) -> None:
    html = logged_in(client, bob).get(QUEUE).content.decode()
    row = html.split("<tbody>", 1)[1]
    assert 'class="due-soon"' in row
    assert "即将到期" in row
    assert "2025-10-31" in row
    assert "剩余 4 个工作日" in row  # 28, 29, 30, 31 October after Monday the 27th


def test_an_overdue_case_is_tagged_overdue_in_words_not_colour_alone(
    client: Client, office: Office, alice: User, bob: User
) -> None:
    walk_in(
        office,
        alice,
        submitted_on=dt.date(2025, 9, 1),
        received_on=dt.date(2025, 9, 1),
    )
    html = logged_in(client, bob).get(QUEUE).content.decode()
    row = html.split("<tbody>", 1)[1]
    assert 'class="overdue"' in row
    assert '<span class="tag tag-overdue">逾期</span>' in row
    # Received 1 September: the 20th working day is Sunday 28 September (worked in lieu). Since
    # then 29–30 September, 9–11 October (Saturday the 11th worked in lieu) and 13–27 October.
    assert "2025-09-28" in row
    assert "已逾期 16 个工作日" in row


def test_a_deadline_in_a_year_without_holiday_data_is_flagged_provisional(
    client: Client, office: Office, alice: User, bob: User
) -> None:
    CalendarYear.objects.filter(year=2025).delete()  # as if the State Council had not yet published it
    walk_in(office, alice)
    row = logged_in(client, bob).get(QUEUE).content.decode().split("<tbody>", 1)[1]
    assert '<span class="tag tag-provisional"' in row
    # Weekends only: 20 working days from Sunday 28 September end on Friday 24 October.
    assert "2025-10-24" in row


def test_open_cases_come_first_by_their_next_date(
    client: Client, office: Office, alice: User, bob: User, carol: User
) -> None:
    late = walk_in(
        office,
        alice,
        applicant_name="晚",
        submitted_on=dt.date(2025, 10, 20),
        received_on=dt.date(2025, 10, 20),
    )
    walk_in(
        office, alice, applicant_name="早", submitted_on=dt.date(2025, 9, 1), received_on=dt.date(2025, 9, 1)
    )
    walk_in(office, alice, applicant_name="中")
    record_event(application=late, action=Action.WITHDRAW, on=TODAY, actor=bob)
    client = logged_in(client, bob)
    assert rows_of(client.get(QUEUE).content.decode()) == ["早", "中"]
    assert rows_of(client.get(QUEUE, {"state": "all"}).content.decode()) == ["早", "中", "晚"]
    assert rows_of(client.get(QUEUE, {"state": "closed"}).content.decode()) == ["晚"]


@pytest.fixture
def three_cases(office: Office, alice: User, bob: User) -> dict[str, Application]:
    """An overdue case of 9/1, a due-soon one of 9/28 accepted, a fresh letter of 10/20 in 办公室."""
    overdue = walk_in(
        office,
        alice,
        applicant_name="赵六",
        submitted_on=dt.date(2025, 9, 1),
        received_on=dt.date(2025, 9, 1),
    )
    due_soon = walk_in(office, alice, applicant_name="张三", description="学校名单")
    record_event(application=due_soon, action=Action.ACCEPT, on=dt.date(2025, 9, 29), actor=bob)
    fresh = walk_in(
        office,
        alice,
        applicant_name="某某科技有限公司",
        description="政府采购合同",
        channel=Channel.LETTER,
        receipt_basis=ReceiptBasis.SIGNED_FOR,
        submitted_on=dt.date(2025, 10, 17),
        received_on=dt.date(2025, 10, 20),
        department=office.general_office,
    )
    return {"overdue": overdue, "due_soon": due_soon, "fresh": fresh}


def test_the_summary_counts_overdue_and_due_soon_cases(
    client: Client, three_cases: dict[str, Application], carol: User
) -> None:
    html = logged_in(client, carol).get(QUEUE).content.decode()
    summary = html.split('class="queue-summary">', 1)[1].split("</p>", 1)[0]
    assert re.sub(r"<[^>]+>|\s", "", summary).startswith("未办结3件，其中逾期1件，即将到期1件")


@pytest.mark.parametrize(
    ("query", "names"),
    [
        ({"urgency": "overdue"}, ["赵六"]),
        ({"urgency": "due_soon"}, ["张三"]),
        ({"status": Status.IN_PROGRESS.value}, ["张三"]),
        ({"status": Status.REGISTERED.value}, ["赵六", "某某科技有限公司"]),
        ({"received_from": "2025-09-28", "received_to": "2025-10-19"}, ["张三"]),
        ({"q": "某某科技"}, ["某某科技有限公司"]),
        ({"q": "采购"}, ["某某科技有限公司"]),
    ],
)
def test_filters_and_search_narrow_the_queue(
    client: Client, three_cases: dict[str, Application], carol: User, query: dict[str, str], names: list[str]
) -> None:
    assert rows_of(logged_in(client, carol).get(QUEUE, query).content.decode()) == names


def test_the_department_filter_narrows_the_queue(
    client: Client, office: Office, three_cases: dict[str, Application], carol: User
) -> None:
    html = logged_in(client, carol).get(QUEUE, {"department": office.general_office.pk}).content.decode()
    assert rows_of(html) == ["某某科技有限公司"]


def test_a_case_is_found_by_its_tracking_code(
    client: Client, three_cases: dict[str, Application], carol: User
) -> None:
    code = three_cases["fresh"].tracking_code
    assert rows_of(logged_in(client, carol).get(QUEUE, {"q": code}).content.decode()) == ["某某科技有限公司"]


def test_a_handler_cannot_filter_their_way_into_another_department(
    client: Client, office: Office, three_cases: dict[str, Application], bob: User
) -> None:
    response = logged_in(client, bob).get(QUEUE, {"department": office.general_office.pk})
    html = response.content.decode()
    assert "部分筛选条件无效" in html
    assert "某某科技有限公司" not in html


def test_the_queue_is_paginated_by_fifty(client: Client, office: Office, alice: User, carol: User) -> None:
    for number in range(52):
        walk_in(office, alice, applicant_name=f"申请人{number:02d}")
    client = logged_in(client, carol)
    first = client.get(QUEUE).content.decode()
    assert len(rows_of(first)) == 50
    assert "第 1 / 2 页" in first
    assert len(rows_of(client.get(QUEUE, {"page": 2}).content.decode())) == 2


def test_beyond_the_count_cap_the_queue_says_more_than_and_still_pages(
    client: Client, office: Office, alice: User, carol: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QueuePaginator, "cap", 3)
    for number in range(5):
        walk_in(office, alice, applicant_name=f"申请人{number:02d}")
    html = logged_in(client, carol).get(QUEUE).content.decode()
    assert "超过 3 件，请用筛选条件缩小范围" in html
    assert len(rows_of(html)) == 4  # the page holds what the capped count allows


def test_the_queue_of_sixty_cases_takes_as_many_queries_as_that_of_three(
    client: Client,
    office: Office,
    alice: User,
    carol: User,
    django_assert_max_num_queries: DjangoAssertNumQueries,
) -> None:
    for number in range(3):
        walk_in(office, alice, applicant_name=f"申请人{number:02d}")
    client = logged_in(client, carol)
    with CaptureQueriesContext(connection) as three:
        client.get(QUEUE)
    for number in range(3, 60):
        department = office.education if number % 2 else office.general_office
        walk_in(office, alice, applicant_name=f"申请人{number:02d}", department=department)
    with CaptureQueriesContext(connection) as sixty:
        response = client.get(QUEUE)
    assert len(rows_of(response.content.decode())) == 50
    assert len(sixty) == len(three)
    with django_assert_max_num_queries(12):
        client.get(QUEUE, {"department": str(office.education.pk), "q": "申请人", "state": "all"})
