"""Which body a page shows: the one asked for where the user holds the duty, or the user's only one."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from gongkai_web.accounts.models import User
from gongkai_web.bodies.models import Role
from gongkai_web.bodies.permissions import Duty, bodies_where, body_for
from gongkai_web.bodies.services import add_member
from gongkai_web.personas import Office


def test_the_bodies_where_a_reviewer_oversees_are_hers(office: Office, carol: User) -> None:
    assert list(bodies_where(carol, Duty.OVERSEE)) == [office.county]
    add_member(body=office.finance_bureau, user=carol, role=Role.ADMIN)
    assert set(bodies_where(carol, Duty.OVERSEE)) == {office.county, office.finance_bureau}
    assert list(bodies_where(carol, Duty.REVIEW)) == [office.county]


def test_a_handler_a_deactivated_reviewer_and_a_visitor_oversee_nothing(
    office: Office, bob: User, carol: User
) -> None:
    carol.is_active = False
    carol.save()
    for user in (bob, carol, AnonymousUser()):
        assert not bodies_where(user, Duty.OVERSEE).exists()


def test_handling_is_asked_per_department(office: Office, bob: User) -> None:
    with pytest.raises(ValueError, match="held per department"):
        bodies_where(bob, Duty.HANDLE)


def test_the_only_body_is_chosen_without_asking(office: Office, carol: User) -> None:
    assert body_for(carol, Duty.OVERSEE, None) == office.county


def test_of_several_bodies_none_is_chosen_until_asked(office: Office, carol: User) -> None:
    add_member(body=office.finance_bureau, user=carol, role=Role.HEAD)
    assert body_for(carol, Duty.OVERSEE, None) is None
    assert body_for(carol, Duty.OVERSEE, str(office.finance_bureau.pk)) == office.finance_bureau


def test_a_body_where_the_user_lacks_the_duty_is_refused(office: Office, carol: User, bob: User) -> None:
    with pytest.raises(PermissionDenied):
        body_for(carol, Duty.OVERSEE, str(office.finance_bureau.pk))
    with pytest.raises(PermissionDenied):
        body_for(bob, Duty.OVERSEE, None)
    for requested in ("abc", "", "١", "9" * 30):
        with pytest.raises(PermissionDenied):
            body_for(carol, Duty.OVERSEE, requested)
