from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from gongkai_web.accounts.models import User
from gongkai_web.bodies.models import Body, BodyKind, Membership, Role
from gongkai_web.bodies.queries import bodies_of, departments_of, members_of, roles_in
from gongkai_web.bodies.services import add_member, create_body
from gongkai_web.personas import Office, person


def test_a_department_publishes_its_annual_report_by_31_january() -> None:
    assert Body(name="某县财政局", kind=BodyKind.DEPARTMENT).annual_report_due(2025) == dt.date(2026, 1, 31)


def test_a_peoples_government_publishes_its_annual_report_by_31_march() -> None:
    body = Body(name="某县人民政府", kind=BodyKind.PEOPLES_GOVERNMENT)
    assert body.annual_report_due(2025) == dt.date(2026, 3, 31)


def test_roles_carry_their_chinese_names() -> None:
    assert [label for _, label in Role.choices] == ["登记", "承办", "审核", "负责人", "管理员"]


def test_a_body_name_is_unique(office: Office) -> None:
    with pytest.raises(ValidationError):
        create_body(name="某县人民政府", kind=BodyKind.PEOPLES_GOVERNMENT)


def test_a_body_kind_outside_the_list_is_refused(office: Office) -> None:
    with pytest.raises(ValidationError):
        create_body(name="某县某某委员会", kind="committee")  # type: ignore[arg-type]


def test_a_handler_is_added_with_a_department(office: Office) -> None:
    membership = add_member(
        body=office.county, user=person("erin"), role=Role.HANDLER, department=office.education
    )
    assert membership.department == office.education


def test_a_handler_without_a_department_is_refused(office: Office) -> None:
    with pytest.raises(ValidationError, match="承办人员必须属于一个股室"):
        add_member(body=office.county, user=person("erin"), role=Role.HANDLER)
    assert not Membership.objects.filter(user__username="erin").exists()


def test_the_database_refuses_a_handler_without_a_department_too(office: Office) -> None:
    with pytest.raises(IntegrityError):
        Membership.objects.create(body=office.county, user=person("erin"), role=Role.HANDLER)


def test_a_member_in_a_department_of_the_same_body_is_added(office: Office) -> None:
    membership = add_member(
        body=office.county, user=person("erin"), role=Role.REGISTRAR, department=office.general_office
    )
    assert membership.body == office.county


def test_a_member_in_a_department_of_another_body_is_refused(office: Office) -> None:
    with pytest.raises(ValidationError, match="不属于某县财政局"):
        add_member(
            body=office.finance_bureau, user=person("erin"), role=Role.REGISTRAR, department=office.education
        )


def test_one_person_may_hold_several_roles_in_a_body(office: Office, alice: User) -> None:
    add_member(body=office.county, user=alice, role=Role.REVIEWER)
    assert roles_in(alice, office.county) == {Role.REGISTRAR, Role.REVIEWER}


def test_the_same_role_twice_in_a_body_is_refused(office: Office, alice: User) -> None:
    with pytest.raises(ValidationError):
        add_member(body=office.county, user=alice, role=Role.REGISTRAR)


def test_queries_list_a_persons_bodies_and_a_bodys_people(
    office: Office, alice: User, bob: User, dave: User
) -> None:
    assert list(bodies_of(bob)) == [office.county]
    assert list(bodies_of(dave)) == [office.finance_bureau]
    assert {m.user.username for m in members_of(office.county)} == {"alice", "bob"}
    assert [d.name for d in departments_of(office.county)] == ["办公室", "教育股"]
    assert roles_in(dave, office.county) == frozenset()
