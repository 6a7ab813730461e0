"""Recording reviews and suits: on closed cases only, by the body's reviewers, every change in the case log."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from gongkai.cases import DIRECT_LITIGATION, LITIGATION_AFTER_REVIEW, REVIEW, Action, AppealResult
from gongkai_web.accounts.models import User
from gongkai_web.appeals.models import Review, Suit
from gongkai_web.appeals.services import conclude_review, conclude_suit, record_review, record_suit
from gongkai_web.applications.models import Application, CaseLogEntry, LogKind
from gongkai_web.applications.queries import history_of
from gongkai_web.applications.services import NotPermitted, record_event
from gongkai_web.personas import Office, walk_in

UPHELD, CORRECTED, OTHER = AppealResult("upheld"), AppealResult("corrected"), AppealResult("other")
NOV_20, DEC_1, DEC_15 = dt.date(2025, 11, 20), dt.date(2025, 12, 1), dt.date(2025, 12, 15)
CITY = "某市人民政府"
REVIEW_NUMBER = "某府复〔2025〕12号"


def review_of(application: Application, actor: User, **overrides: object) -> Review:
    arguments: dict[str, object] = {
        "application": application,
        "authority": CITY,
        "case_number": REVIEW_NUMBER,
        "filed_on": NOV_20,
        "actor": actor,
    }
    return record_review(**(arguments | overrides))  # type: ignore[arg-type]


@pytest.fixture
def upheld_review(decided_case: Application, carol: User) -> Review:
    """某府复〔2025〕12号, filed on 20 November and concluded on 15 December: 结果维持."""
    return conclude_review(
        review=review_of(decided_case, carol), result=UPHELD, concluded_on=DEC_15, actor=carol
    )


def appeal_log(application: Application) -> list[tuple[str, str | None]]:
    return [
        (entry.summary, entry.actor.username if entry.actor else None)
        for entry in history_of(application)
        if entry.kind == LogKind.APPEAL
    ]


def test_a_reviewer_records_a_review_of_a_decided_case_and_the_log_says_who(
    decided_case: Application, carol: User
) -> None:
    review = review_of(decided_case, carol)
    assert (review.kind, review.authority, review.case_number, review.filed_on) == (
        REVIEW,
        CITY,
        REVIEW_NUMBER,
        NOV_20,
    )
    assert (review.result_label, review.recorded_by) == ("尚未审结", carol)
    assert appeal_log(decided_case) == [
        ("登记行政复议：某市人民政府，案号某府复〔2025〕12号，2025-11-20提起", "carol")
    ]


def test_the_head_may_record_a_review_too(decided_case: Application, hana: User) -> None:
    assert review_of(decided_case, hana).recorded_by == hana


@pytest.mark.parametrize("who", ["bob", "alice", "frank", "dave"])
def test_a_handler_registrar_administrator_or_officer_of_another_body_may_not_record_a_review(
    decided_case: Application, who: str, request: pytest.FixtureRequest
) -> None:
    with pytest.raises(NotPermitted) as caught:
        review_of(decided_case, request.getfixturevalue(who))
    assert caught.value.code == "not_reviewer"
    assert caught.value.message == f"{who} 不是某县人民政府的审核人员或负责人，不能登记行政复议"
    assert not Review.objects.exists()


def test_a_case_not_yet_answered_cannot_be_appealed(open_case: Application, carol: User) -> None:
    with pytest.raises(ValidationError) as caught:
        review_of(open_case, carol)
    assert caught.value.code == "case_not_appealable"
    assert caught.value.message == (
        "申请当前状态为“办理中”，尚无可以申请行政复议的答复或终止办理决定，不能登记行政复议"
    )
    assert not Review.objects.exists()
    assert not CaseLogEntry.objects.filter(kind=LogKind.APPEAL).exists()


def test_a_withdrawn_case_cannot_be_appealed(open_case: Application, bob: User, carol: User) -> None:
    record_event(application=open_case, action=Action.WITHDRAW, on=dt.date(2025, 10, 9), actor=bob)
    with pytest.raises(ValidationError, match="申请当前状态为“已撤回”"):
        record_suit(
            application=open_case, court="某县人民法院", case_number="（2025）某0101行初3号",
            filed_on=NOV_20, after_review=None, actor=carol,
        )  # fmt: skip


def test_a_case_closed_as_abandoned_may_be_appealed(
    office: Office, alice: User, bob: User, carol: User
) -> None:
    application = walk_in(office, alice)
    record_event(
        application=application,
        action=Action.REQUEST_CORRECTION,
        on=dt.date(2025, 9, 29),
        actor=bob,
        respond_by=dt.date(2025, 10, 20),
    )
    record_event(
        application=application, action=Action.CORRECTION_LAPSED, on=dt.date(2025, 10, 21), actor=bob
    )
    assert review_of(application, carol).application_id == application.pk


def test_a_review_filed_before_the_decision_is_refused(decided_case: Application, carol: User) -> None:
    with pytest.raises(ValidationError) as caught:
        review_of(decided_case, carol, filed_on=dt.date(2025, 10, 9))
    assert caught.value.code == "appeal_before_decision"
    assert caught.value.message == "行政复议的提起日期 2025-10-09 早于申请办结日期 2025-10-10"


def test_the_same_case_number_of_the_same_authority_is_not_recorded_twice(
    decided_case: Application, carol: User
) -> None:
    review_of(decided_case, carol)
    with pytest.raises(ValidationError) as caught:
        review_of(decided_case, carol, filed_on=DEC_1)
    assert caught.value.code == "duplicate_case_number"
    assert caught.value.message == "复议机关“某市人民政府”的案号“某府复〔2025〕12号”已经登记，不能重复登记"
    assert Review.objects.count() == 1
    assert len(appeal_log(decided_case)) == 1


def test_a_review_without_an_authority_is_refused_naming_the_field(
    decided_case: Application, carol: User
) -> None:
    with pytest.raises(ValidationError) as caught:
        review_of(decided_case, carol, authority="  ")
    assert caught.value.code == "appeal_invalid"
    assert caught.value.message == "复议机关：此字段不能为空。"


def test_a_suit_brought_directly_is_counted_as_direct_litigation(
    decided_case: Application, carol: User
) -> None:
    suit = record_suit(
        application=decided_case,
        court="某县人民法院",
        case_number="（2025）某0101行初12号",
        filed_on=DEC_1,
        after_review=None,
        actor=carol,
    )
    assert suit.kind == DIRECT_LITIGATION
    assert appeal_log(decided_case) == [
        (
            "登记行政诉讼（未经复议直接起诉）：某县人民法院，案号（2025）某0101行初12号，2025-12-01起诉",
            "carol",
        )
    ]


def test_a_suit_after_a_review_names_it_and_counts_as_litigation_after_review(
    decided_case: Application, carol: User
) -> None:
    review = review_of(decided_case, carol)
    suit = record_suit(
        application=decided_case,
        court="某市中级人民法院",
        case_number="（2025）某01行初40号",
        filed_on=DEC_15,
        after_review=review,
        actor=carol,
    )
    assert (suit.kind, suit.after_review) == (LITIGATION_AFTER_REVIEW, review)
    assert list(review.suits.all()) == [suit]


def test_a_suit_cannot_follow_a_review_of_another_case(
    office: Office, decided_case: Application, alice: User, bob: User, carol: User
) -> None:
    other = walk_in(office, alice, applicant_name="李四", identity_document="110101198001011234")
    record_event(
        application=other, action=Action.DECIDE, on=dt.date(2025, 9, 30), actor=carol, outcome="granted"
    )
    review = review_of(other, carol)
    with pytest.raises(ValidationError) as caught:
        record_suit(
            application=decided_case, court="某县人民法院", case_number="（2025）某0101行初12号",
            filed_on=DEC_15, after_review=review, actor=carol,
        )  # fmt: skip
    assert caught.value.code == "review_of_other_case"
    assert not Suit.objects.exists()


def test_a_suit_filed_before_its_review_is_refused(decided_case: Application, carol: User) -> None:
    review = review_of(decided_case, carol)
    with pytest.raises(ValidationError) as caught:
        record_suit(
            application=decided_case, court="某县人民法院", case_number="（2025）某0101行初12号",
            filed_on=dt.date(2025, 11, 1), after_review=review, actor=carol,
        )  # fmt: skip
    assert caught.value.message == "起诉日期 2025-11-01 早于所经行政复议的提起日期 2025-11-20"


def test_concluding_a_review_records_the_result_and_logs_it(decided_case: Application, carol: User) -> None:
    review = conclude_review(
        review=review_of(decided_case, carol), result=UPHELD, concluded_on=DEC_15, actor=carol
    )
    stored = Review.objects.get(pk=review.pk)
    assert (stored.result, stored.concluded_on, stored.result_label) == ("upheld", DEC_15, "结果维持")
    assert appeal_log(decided_case)[-1] == (
        "行政复议（案号某府复〔2025〕12号）审结：结果维持（2025-12-15审结）",
        "carol",
    )


def test_a_conclusion_before_the_filing_is_refused(decided_case: Application, carol: User) -> None:
    review = review_of(decided_case, carol)
    with pytest.raises(ValidationError) as caught:
        conclude_review(review=review, result=UPHELD, concluded_on=dt.date(2025, 11, 19), actor=carol)
    assert caught.value.code == "concluded_before_filed"
    assert Review.objects.get(pk=review.pk).result == ""


def test_a_concluded_result_is_not_changed_without_a_reason(decided_case: Application, carol: User) -> None:
    review = conclude_review(
        review=review_of(decided_case, carol), result=UPHELD, concluded_on=DEC_15, actor=carol
    )
    with pytest.raises(ValidationError) as caught:
        conclude_review(review=review, result=CORRECTED, concluded_on=DEC_15, actor=carol, reason=" ")
    assert caught.value.code == "correction_reason_required"
    assert caught.value.message == (
        "行政复议（案号某府复〔2025〕12号）已记录为结果维持（2025-12-15审结），更正审结结果须说明理由"
    )
    assert Review.objects.get(pk=review.pk).result == "upheld"


def test_the_same_conclusion_sent_twice_changes_nothing(decided_case: Application, carol: User) -> None:
    review = conclude_review(
        review=review_of(decided_case, carol), result=UPHELD, concluded_on=DEC_15, actor=carol
    )
    with pytest.raises(ValidationError) as caught:
        conclude_review(review=review, result=UPHELD, concluded_on=DEC_15, actor=carol, reason="重复提交")
    assert caught.value.code == "already_concluded"
    assert len(appeal_log(decided_case)) == 2


def test_a_correction_with_a_reason_is_logged_with_the_old_and_new_result(
    decided_case: Application, carol: User, hana: User
) -> None:
    review = conclude_review(
        review=review_of(decided_case, carol), result=UPHELD, concluded_on=DEC_15, actor=carol
    )
    conclude_review(
        review=review,
        result=CORRECTED,
        concluded_on=DEC_15,
        actor=hana,
        reason="复议决定书为撤销原答复，误录为维持",
    )
    assert Review.objects.get(pk=review.pk).result == "corrected"
    entry = CaseLogEntry.objects.filter(kind=LogKind.APPEAL).last()
    assert entry is not None
    assert (entry.summary, entry.actor) == (
        "更正行政复议（案号某府复〔2025〕12号）的审结结果：由结果维持（2025-12-15审结）改为结果纠正（2025-12-15审结），"
        "理由：复议决定书为撤销原答复，误录为维持",
        hana,
    )
    assert entry.details == {
        "review": review.pk,
        "result": "corrected",
        "concluded_on": "2025-12-15",
        "previous_result": "upheld",
        "previous_concluded_on": "2025-12-15",
        "reason": "复议决定书为撤销原答复，误录为维持",
    }


def test_concluding_a_suit_is_for_the_bodys_reviewers_only(
    decided_case: Application, carol: User, bob: User
) -> None:
    suit = record_suit(
        application=decided_case,
        court="某县人民法院",
        case_number="（2025）某0101行初12号",
        filed_on=DEC_1,
        after_review=None,
        actor=carol,
    )
    with pytest.raises(
        NotPermitted,
        match="bob 不是某县人民政府的审核人员或负责人，不能记录行政诉讼·未经复议直接起诉的审结结果",
    ):
        conclude_suit(suit=suit, result=OTHER, concluded_on=DEC_15, actor=bob)
    concluded = conclude_suit(suit=suit, result=OTHER, concluded_on=DEC_15, actor=carol)
    assert (concluded.result_label, concluded.concluded_on) == ("其他结果", DEC_15)
