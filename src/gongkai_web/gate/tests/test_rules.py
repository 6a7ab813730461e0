"""A body's 负面清单 and published contacts: kept by its administrator and head, versioned, checked."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from gongkai_web.accounts.models import User
from gongkai_web.applications.services import NotPermitted
from gongkai_web.gate.models import GateRules
from gongkai_web.gate.queries import current_rules
from gongkai_web.gate.services import save_rules
from gongkai_web.personas import Office


def test_each_change_is_a_new_version_and_the_latest_is_in_force(
    office: Office, frank: User, hana: User
) -> None:
    first = save_rules(body=office.county, actor=frank, negative_terms=["内部讨论稿"], allowed_contacts=[])
    second = save_rules(
        body=office.county,
        actor=hana,
        negative_terms=["内部讨论稿", " 招标控制价 ", "", "内部讨论稿"],
        allowed_contacts=["0373-5551234转8001"],
    )
    assert current_rules(office.county) == second
    assert (second.negative_terms, second.allowed_contacts) == (
        ["内部讨论稿", "招标控制价"],
        ["0373-5551234转8001"],
    )
    assert list(GateRules.objects.filter(body=office.county).values_list("pk", flat=True)) == [
        second.pk,
        first.pk,
    ]


def test_saving_the_same_rules_again_makes_no_new_version(office: Office, frank: User) -> None:
    first = save_rules(body=office.county, actor=frank, negative_terms=["内部讨论稿"], allowed_contacts=[])
    again = save_rules(
        body=office.county, actor=frank, negative_terms=["内部讨论稿", ""], allowed_contacts=[]
    )
    assert again == first and GateRules.objects.count() == 1


@pytest.mark.parametrize("who", ["carol", "bob", "alice", "dave", "olga"])
def test_only_the_administrator_or_head_changes_the_rules(
    office: Office, who: str, request: pytest.FixtureRequest
) -> None:
    with pytest.raises(NotPermitted) as refused:
        save_rules(
            body=office.county, actor=request.getfixturevalue(who), negative_terms=["x"], allowed_contacts=[]
        )
    assert refused.value.code == "gate_not_rule_editor"
    assert not GateRules.objects.exists()


def test_a_contact_that_is_neither_number_nor_mailbox_is_refused(office: Office, frank: User) -> None:
    with pytest.raises(ValidationError) as refused:
        save_rules(body=office.county, actor=frank, negative_terms=[], allowed_contacts=["县政府办公室"])
    assert refused.value.code == "gate_contact_unreadable"
    assert refused.value.messages == ["“县政府办公室”不是电话号码或电子邮箱，每行请只写一个号码或邮箱"]


def test_an_overlong_term_is_refused(office: Office, frank: User) -> None:
    with pytest.raises(ValidationError) as refused:
        save_rules(body=office.county, actor=frank, negative_terms=["密" * 51], allowed_contacts=[])
    assert refused.value.code == "gate_term_too_long"
    assert not GateRules.objects.exists()
