"""Registering applications: 第三十一条's date of receipt, who may register, one application per submission."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from gongkai.cases import APPLICANT_TYPES, ApplicantType, Status
from gongkai_web.accounts.models import User
from gongkai_web.applications.models import (
    APPLICANT_TYPE_CHOICES,
    Application,
    Channel,
    LogKind,
    ReceiptBasis,
)
from gongkai_web.applications.queries import case_state, history_of
from gongkai_web.applications.services import NotPermitted, assign_department
from gongkai_web.personas import SEPTEMBER_28, Office, walk_in

OCTOBER_9 = dt.date(2025, 10, 9)


def test_applicant_types_are_the_columns_of_table_3() -> None:
    assert [value for value, _ in APPLICANT_TYPE_CHOICES] == [t.id for t in APPLICANT_TYPES]
    assert dict(APPLICANT_TYPE_CHOICES)["commercial"] == "法人或其他组织·商业企业"


def test_the_registrar_registers_a_walk_in_received_the_day_it_is_handed_in(
    office: Office, alice: User
) -> None:
    application = walk_in(office, alice)
    assert application.received_on == SEPTEMBER_28
    assert application.registered_by == alice
    assert application.applicant == ApplicantType("natural_person")
    assert case_state(application).status is Status.REGISTERED


def test_a_walk_in_received_on_another_day_than_handed_in_is_refused(office: Office, alice: User) -> None:
    with pytest.raises(ValidationError, match="以提交之日为收到申请之日"):
        walk_in(office, alice, received_on=OCTOBER_9)
    assert not Application.objects.exists()


def test_an_oral_application_is_received_the_day_it_is_made(office: Office, alice: User) -> None:
    application = walk_in(office, alice, channel=Channel.ORAL)
    assert application.channel == Channel.ORAL
    assert application.received_on == SEPTEMBER_28


def test_a_signed_for_letter_is_received_the_day_it_is_signed_for(office: Office, alice: User) -> None:
    application = walk_in(
        office, alice, channel=Channel.LETTER, receipt_basis=ReceiptBasis.SIGNED_FOR, received_on=OCTOBER_9
    )
    assert application.received_on == OCTOBER_9


def test_an_ordinary_letter_is_received_the_day_the_office_confirms_it(office: Office, alice: User) -> None:
    application = walk_in(
        office,
        alice,
        channel=Channel.LETTER,
        receipt_basis=ReceiptBasis.CONFIRMED_BY_OFFICE,
        received_on=OCTOBER_9,
    )
    assert application.receipt_basis == ReceiptBasis.CONFIRMED_BY_OFFICE


def test_a_letter_cannot_take_the_rule_of_the_internet(office: Office, alice: User) -> None:
    with pytest.raises(
        ValidationError, match="以“信函”方式提交的申请，收到申请日期应为签收之日、与申请人确认之日"
    ):
        walk_in(office, alice, channel=Channel.LETTER, receipt_basis=ReceiptBasis.CONFIRMED_BY_BOTH)


def test_an_application_cannot_be_received_before_it_was_submitted(office: Office, alice: User) -> None:
    with pytest.raises(ValidationError, match="早于提交日期"):
        walk_in(
            office,
            alice,
            channel=Channel.FAX,
            receipt_basis=ReceiptBasis.CONFIRMED_BY_BOTH,
            submitted_on=OCTOBER_9,
            received_on=SEPTEMBER_28,
        )


def test_the_public_applies_online_without_an_account(office: Office) -> None:
    application = walk_in(
        office, None, channel=Channel.ONLINE, receipt_basis=ReceiptBasis.CONFIRMED_BY_BOTH, department=None
    )
    assert application.registered_by is None
    assert application.department is None


def test_the_public_may_not_register_a_walk_in(office: Office) -> None:
    with pytest.raises(NotPermitted, match="只有网上申请"):
        walk_in(office, None)


def test_a_handler_may_not_register(office: Office, bob: User) -> None:
    with pytest.raises(NotPermitted, match="不是某县人民政府的登记人员"):
        walk_in(office, bob)


def test_a_registrar_of_another_body_may_not_register(office: Office, dave: User) -> None:
    with pytest.raises(NotPermitted):
        walk_in(office, dave)
    assert not Application.objects.exists()


def test_a_department_of_another_body_is_refused(office: Office, alice: User) -> None:
    other = office.finance_bureau.departments.create(name="办公室")
    with pytest.raises(ValidationError, match="不属于某县人民政府"):
        walk_in(office, alice, department=other)


def test_tracking_codes_are_long_and_distinct(office: Office, alice: User) -> None:
    first, second = walk_in(office, alice), walk_in(office, alice)
    assert len(first.tracking_code) >= 22
    assert first.tracking_code != second.tracking_code


def test_a_repeated_submission_returns_the_first_application(office: Office, alice: User) -> None:
    first = walk_in(office, alice, submission_key="form-7f3a")
    again = walk_in(office, alice, submission_key="form-7f3a", applicant_name="张三（重复）")
    assert again.pk == first.pk
    assert Application.objects.count() == 1


def test_a_submission_that_loses_the_race_returns_the_winners_application(
    office: Office, alice: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    winner = walk_in(office, alice, submission_key="form-7f3a")
    # The loser looked before the winner committed, so its insert meets the unique constraint.
    real_filter = Application.objects.filter
    monkeypatch.setattr(
        Application.objects,
        "filter",
        lambda *a, **kw: Application.objects.none() if "submission_key" in kw else real_filter(*a, **kw),
    )
    loser = walk_in(office, alice, submission_key="form-7f3a")
    assert loser.pk == winner.pk
    assert Application.objects.count() == 1


def test_a_submission_key_of_another_body_is_refused(office: Office, alice: User, dave: User) -> None:
    walk_in(office, alice, submission_key="form-7f3a")
    with pytest.raises(ValidationError, match="另一机关"):
        walk_in(office, dave, body=office.finance_bureau, department=None, submission_key="form-7f3a")


def test_the_registrar_assigns_an_unassigned_application(office: Office, alice: User) -> None:
    application = walk_in(office, alice, department=None)
    assign_department(application=application, department=office.education, actor=alice)
    application.refresh_from_db()
    assert application.department == office.education
    assert application.assigned_by == alice


def test_a_handler_may_not_assign(office: Office, alice: User, bob: User) -> None:
    application = walk_in(office, alice, department=None)
    with pytest.raises(NotPermitted):
        assign_department(application=application, department=office.education, actor=bob)
    application.refresh_from_db()
    assert application.department is None


def test_an_officer_of_another_body_may_not_assign(office: Office, alice: User, dave: User) -> None:
    application = walk_in(office, alice, department=None)
    with pytest.raises(NotPermitted):
        assign_department(application=application, department=office.education, actor=dave)


def test_a_reassignment_needs_a_reason(office: Office, alice: User) -> None:
    application = walk_in(office, alice)
    with pytest.raises(ValidationError, match="改派承办股室须说明理由"):
        assign_department(application=application, department=office.general_office, actor=alice)
    application.refresh_from_db()
    assert application.department == office.education


def test_a_reassignment_reason_fills_the_case_log_line_and_no_more(office: Office, alice: User) -> None:
    """由教育股改派至办公室： takes 11 of the line's 500 characters, leaving 489 for the reason."""
    application = walk_in(office, alice)
    with pytest.raises(ValidationError) as refused:
        assign_department(
            application=application, department=office.general_office, actor=alice, reason="理" * 490
        )
    assert refused.value.code == "reassignment_reason_too_long"
    assert refused.value.messages == [
        "改派理由过长：连同两个股室的名称写入办理记录，理由最多 489 个字，实际为 490 个字"
    ]
    application.refresh_from_db()
    assert application.department == office.education
    assign_department(
        application=application, department=office.general_office, actor=alice, reason="理" * 489
    )
    assert len(history_of(application)[-1].summary) == 500


def test_a_reassignment_is_written_to_the_case_history(office: Office, alice: User) -> None:
    application = walk_in(office, alice)
    assign_department(
        application=application, department=office.general_office, actor=alice, reason="属办公室职责"
    )
    application.refresh_from_db()
    assert application.department == office.general_office
    assert [(entry.kind, entry.summary, entry.actor) for entry in history_of(application)] == [
        (LogKind.REGISTERED, "收到申请 2025-09-28（当面，由alice登记）", alice),
        (LogKind.ASSIGNED, "分办至教育股", alice),
        (LogKind.REASSIGNED, "由教育股改派至办公室：属办公室职责", alice),
    ]
