"""Every allowed case has a refused twin: another role, another department, another body."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from gongkai_web.accounts.models import User
from gongkai_web.bodies.permissions import Duty, can
from gongkai_web.personas import Office


def test_the_registrar_registers_for_her_body(office: Office, alice: User) -> None:
    assert can(alice, Duty.REGISTER, office.county)


def test_a_handler_may_not_register(office: Office, bob: User) -> None:
    assert not can(bob, Duty.REGISTER, office.county)


def test_an_officer_of_another_body_may_not_register(office: Office, dave: User) -> None:
    assert not can(dave, Duty.REGISTER, office.county)


def test_the_handler_handles_cases_of_his_department(office: Office, bob: User) -> None:
    assert can(bob, Duty.HANDLE, office.county, office.education)


def test_the_handler_may_not_handle_cases_of_another_department(office: Office, bob: User) -> None:
    assert not can(bob, Duty.HANDLE, office.county, office.general_office)


def test_the_handler_may_not_handle_a_case_without_a_department(office: Office, bob: User) -> None:
    assert not can(bob, Duty.HANDLE, office.county)


def test_the_registrar_may_not_handle_cases(office: Office, alice: User) -> None:
    assert not can(alice, Duty.HANDLE, office.county, office.education)


def test_the_reviewer_reviews_and_oversees_the_whole_body(office: Office, carol: User) -> None:
    assert can(carol, Duty.REVIEW, office.county)
    assert can(carol, Duty.OVERSEE, office.county)


def test_the_handler_may_neither_review_nor_oversee(office: Office, bob: User) -> None:
    assert not can(bob, Duty.REVIEW, office.county)
    assert not can(bob, Duty.OVERSEE, office.county)


def test_an_administrator_administers_her_own_body(office: Office, dave: User) -> None:
    assert can(dave, Duty.ADMINISTER, office.finance_bureau)


def test_an_administrator_may_not_administer_another_body(office: Office, dave: User) -> None:
    assert not can(dave, Duty.ADMINISTER, office.county)
    assert not can(dave, Duty.OVERSEE, office.county)


def test_a_deactivated_officer_may_do_nothing(office: Office, alice: User) -> None:
    alice.is_active = False
    alice.save()
    assert not can(alice, Duty.REGISTER, office.county)


def test_an_anonymous_visitor_may_do_nothing(office: Office) -> None:
    assert not can(AnonymousUser(), Duty.REGISTER, office.county)


def test_a_superuser_without_a_membership_may_not_handle_cases(office: Office) -> None:
    root = User.objects.create_superuser(username="root", password="not-used-in-these-tests")
    assert not can(root, Duty.HANDLE, office.county, office.education)


def test_asking_about_a_department_of_another_body_is_a_programming_error(office: Office, bob: User) -> None:
    with pytest.raises(ValueError, match="does not belong"):
        can(bob, Duty.HANDLE, office.finance_bureau, office.education)
