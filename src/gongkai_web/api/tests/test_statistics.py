"""GET /api/v1/statistics/{year}: Tables 3 and 4 counted from the cases, for the body's overseers."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai.cases import Action
from gongkai_web.accounts.models import User
from gongkai_web.applications.services import record_event
from gongkai_web.bodies.models import Role
from gongkai_web.bodies.services import add_member
from gongkai_web.personas import Office, walk_in

from .conftest import NO_TOKEN, Api, Today, error

OCT_09, OCT_20 = dt.date(2025, 10, 9), dt.date(2025, 10, 20)


@pytest.fixture
def year_of_cases(office: Office, alice: User, bob: User, carol: User, today: Today) -> Office:
    """Three applications received in 2025: one granted, one withheld, one still open at year end."""
    today.date = dt.date(2026, 1, 15)
    granted, withheld, _open = (walk_in(office, alice, description=f"第{n}件") for n in range(3))
    for application, outcome, reasons in (
        (granted, "granted", ""),
        (withheld, "withheld.third_party_rights", "涉及第三方商业秘密，第三方不同意公开"),
    ):
        record_event(application=application, action=Action.ACCEPT, on=OCT_09, actor=bob)
        record_event(
            application=application,
            action=Action.DECIDE,
            on=OCT_20,
            actor=carol,
            outcome=outcome,
            reasons=reasons,
        )
    return office


def row(natural_person: int) -> dict[str, int]:
    columns = ("natural_person", "commercial", "research", "social_welfare", "legal_services", "other")
    return {column: natural_person if column == "natural_person" else 0 for column in columns} | {
        "total": natural_person
    }


def test_the_reviewer_gets_tables_three_and_four_counted_from_the_cases(
    api: Api, year_of_cases: Office, carol: User
) -> None:
    response = api.get("/statistics/2025", carol)
    assert response.status_code == 200
    body = response.json()
    assert (body["body"], body["year"], body["format"]) == (
        {"id": year_of_cases.county.pk, "name": "某县人民政府"},
        2025,
        "2021",
    )
    applications = body["report"]["applications"]
    assert applications["new_received"] == row(3)
    assert applications["carried_over"] == row(0)
    assert applications["granted"] == row(1)
    assert applications["withheld.third_party_rights"] == row(1)
    assert applications["total"] == row(2)
    assert applications["carried_forward"] == row(1)
    nothing = {"upheld": 0, "corrected": 0, "other": 0, "pending": 0, "total": 0}
    assert body["report"]["review_litigation"] == {
        "review": nothing,
        "litigation_direct": nothing,
        "litigation_after_review": nothing,
    }
    assert body["findings"] == []


def test_a_year_before_the_2019_format_is_refused(api: Api, office: Office, carol: User) -> None:
    response = api.get("/statistics/2018", carol)
    assert response.status_code == 422
    assert response.json()["code"] == "year_out_of_range"


def test_a_year_not_yet_begun_is_refused(api: Api, office: Office, carol: User, today: Today) -> None:
    today.date = dt.date(2026, 1, 15)
    assert api.get("/statistics/2027", carol).json() == error(
        "year_in_future", "2027 年尚未开始，最多可统计到 2026 年"
    )


def test_a_handler_may_not_read_the_statistics(api: Api, office: Office, bob: User) -> None:
    assert api.get("/statistics/2025", bob).status_code == 403


def test_an_officer_of_another_body_may_not_read_the_countys_statistics(
    api: Api, office: Office, dave: User
) -> None:
    assert api.get("/statistics/2025", dave, body=str(office.county.pk)).status_code == 403


def test_without_a_token_the_statistics_are_refused(api: Api, office: Office) -> None:
    response = api.get("/statistics/2025")
    assert (response.status_code, response.json()) == (401, NO_TOKEN)


def test_an_overseer_of_several_bodies_names_the_body(api: Api, office: Office, carol: User) -> None:
    add_member(body=office.finance_bureau, user=carol, role=Role.HEAD)
    refused = api.get("/statistics/2025", carol)
    assert refused.status_code == 422
    assert refused.json()["code"] == "body_required"
    chosen = api.get("/statistics/2025", carol, body=str(office.finance_bureau.pk))
    assert chosen.status_code == 200
    assert chosen.json()["body"]["name"] == "某县财政局"
