"""The 三审 review: who drafts, who takes each review, returns, publication and withdrawal."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from gongkai.catalogue import ReviewError, Stage, Step, UnknownCategoryError
from gongkai.workdays import YearCalendar
from gongkai_web.accounts.models import User
from gongkai_web.appendonly import AppendOnlyError
from gongkai_web.applications.services import NotPermitted
from gongkai_web.catalogue.models import CatalogueItem, GuideSettings, ReviewRecord
from gongkai_web.catalogue.services import review_item, submit_draft, withdraw_item
from gongkai_web.catalogue.tests.conftest import TODAY, draft, publish
from gongkai_web.personas import Office
from gongkai_web.workcalendar.services import store_year


def _steps(item: CatalogueItem) -> list[tuple[int, str, str, str, str]]:
    return [
        (r.round, r.stage, r.step, r.actor.username, r.reason)
        for r in ReviewRecord.objects.filter(item=item).select_related("actor").order_by("pk")
    ]


def test_bobs_draft_is_published_once_alice_carol_and_hana_approve_in_turn(
    office: Office, alice: User, bob: User, carol: User, hana: User
) -> None:
    item = publish(draft(office.county, bob), alice, carol, hana)
    item.refresh_from_db()
    assert (item.stage, item.published_on, item.round) == ("published", TODAY, 1)
    assert _steps(item) == [
        (1, "draft", "submit", "bob", ""),
        (1, "first_review", "approve", "alice", ""),
        (1, "second_review", "approve", "carol", ""),
        (1, "final_review", "approve", "hana", ""),
    ]


def test_the_default_index_number_is_the_body_code_the_year_and_a_serial(office: Office, bob: User) -> None:
    first = draft(office.county, bob)
    second = draft(office.county, bob, title="某县2025年秋季学期学校作息时间调整的通知")
    prefix = f"B{office.county.pk:04d}"
    assert [first.index_number, second.index_number] == [f"{prefix}/2025-00001", f"{prefix}/2025-00002"]


def test_the_office_sets_its_own_prefix_or_its_own_index_number(office: Office, bob: User) -> None:
    GuideSettings.objects.create(body=office.county, index_prefix="11410781005301234X")
    assert draft(office.county, bob).index_number == "11410781005301234X/2025-00001"
    own = draft(office.county, bob, index_number="JYJ-2025-学区-01")
    assert own.index_number == "JYJ-2025-学区-01"
    with pytest.raises(ValidationError) as refused:
        draft(office.county, bob, index_number="JYJ-2025-学区-01")
    assert refused.value.code == "catalogue_index_number_taken"
    assert CatalogueItem.objects.count() == 2


def test_an_unknown_category_or_an_empty_title_writes_nothing(office: Office, bob: User) -> None:
    with pytest.raises(UnknownCategoryError):
        draft(office.county, bob, category="column.gossip")
    with pytest.raises(ValidationError) as refused:
        draft(office.county, bob, title="  ")
    assert refused.value.code == "catalogue_title_required"
    assert not CatalogueItem.objects.exists()


def test_nobody_reviews_an_item_they_drafted(office: Office, carol: User) -> None:
    item = submit_draft(item=draft(office.county, carol), actor=carol)
    with pytest.raises(ReviewError) as refused:
        review_item(item=item, actor=carol, seen=Stage.FIRST_REVIEW, step=Step.APPROVE, today=TODAY)
    assert refused.value.code == "catalogue_own_item"
    assert CatalogueItem.objects.get().stage == "first_review"


def test_one_reviewer_cannot_take_two_reviews_of_the_same_round(
    office: Office, bob: User, carol: User
) -> None:
    item = submit_draft(item=draft(office.county, bob), actor=bob)
    item = review_item(item=item, actor=carol, seen=Stage.FIRST_REVIEW, step=Step.APPROVE, today=TODAY)
    with pytest.raises(ReviewError) as refused:
        review_item(item=item, actor=carol, seen=Stage.SECOND_REVIEW, step=Step.APPROVE, today=TODAY)
    assert refused.value.code == "catalogue_same_reviewer"


def test_each_review_needs_its_role(office: Office, alice: User, bob: User, erin: User, carol: User) -> None:
    item = submit_draft(item=draft(office.county, bob), actor=bob)
    with pytest.raises(NotPermitted) as refused:  # a handler takes no review
        review_item(item=item, actor=erin, seen=Stage.FIRST_REVIEW, step=Step.APPROVE, today=TODAY)
    assert refused.value.code == "catalogue_not_reviewer"
    item = review_item(item=item, actor=alice, seen=Stage.FIRST_REVIEW, step=Step.APPROVE, today=TODAY)
    item = review_item(item=item, actor=carol, seen=Stage.SECOND_REVIEW, step=Step.APPROVE, today=TODAY)
    with pytest.raises(NotPermitted):  # 终审 is the head's
        review_item(item=item, actor=alice, seen=Stage.FINAL_REVIEW, step=Step.APPROVE, today=TODAY)


def test_a_returned_item_goes_back_to_its_author_and_a_new_round_needs_all_three_reviews(
    office: Office, alice: User, bob: User, carol: User, hana: User
) -> None:
    item = submit_draft(item=draft(office.county, bob), actor=bob)
    item = review_item(item=item, actor=alice, seen=Stage.FIRST_REVIEW, step=Step.APPROVE, today=TODAY)
    item = review_item(
        item=item,
        actor=carol,
        seen=Stage.SECOND_REVIEW,
        step=Step.RETURN,
        reason="附件中的学区示意图含学生家庭住址，请删除后再提交",
        today=TODAY,
    )
    assert item.stage == "draft"
    assert item.author == bob
    item = publish(item, alice, carol, hana)  # round 2: every review is taken again
    assert _steps(item)[2] == (
        1,
        "second_review",
        "return",
        "carol",
        "附件中的学区示意图含学生家庭住址，请删除后再提交",
    )
    assert [r[0] for r in _steps(item)] == [1, 1, 1, 2, 2, 2, 2]


def test_a_return_needs_a_reason(office: Office, alice: User, bob: User) -> None:
    item = submit_draft(item=draft(office.county, bob), actor=bob)
    with pytest.raises(ValidationError) as refused:
        review_item(
            item=item, actor=alice, seen=Stage.FIRST_REVIEW, step=Step.RETURN, reason=" ", today=TODAY
        )
    assert refused.value.code == "catalogue_reason_required"
    assert ReviewRecord.objects.filter(step="return").count() == 0


def test_a_review_taken_meanwhile_by_someone_else_is_not_taken_again(
    office: Office, alice: User, bob: User, carol: User
) -> None:
    item = submit_draft(item=draft(office.county, bob), actor=bob)
    review_item(item=item, actor=alice, seen=Stage.FIRST_REVIEW, step=Step.APPROVE, today=TODAY)
    with pytest.raises(ReviewError) as refused:  # carol's page still showed 待初审
        review_item(item=item, actor=carol, seen=Stage.FIRST_REVIEW, step=Step.APPROVE, today=TODAY)
    assert refused.value.code == "catalogue_stage_changed"
    assert ReviewRecord.objects.filter(step="approve").count() == 1


def test_only_the_author_submits_and_an_officer_of_another_body_drafts_nothing(
    office: Office, bob: User, erin: User, dave: User, frank: User
) -> None:
    item = draft(office.county, bob)
    with pytest.raises(NotPermitted):
        submit_draft(item=item, actor=erin)
    with pytest.raises(NotPermitted) as refused:
        draft(office.county, dave)
    assert refused.value.code == "catalogue_not_drafter"
    with pytest.raises(NotPermitted):  # the administrator manages the guide, not items
        draft(office.county, frank)


WITHDRAWN_ON = dt.date(2025, 11, 3)


def test_the_head_withdraws_a_published_item_with_a_reason(
    office: Office, alice: User, bob: User, carol: User, hana: User
) -> None:
    item = publish(draft(office.county, bob), alice, carol, hana)
    with pytest.raises(NotPermitted):
        withdraw_item(item=item, actor=carol, reason="方案已废止", today=WITHDRAWN_ON)
    with pytest.raises(ValidationError):
        withdraw_item(item=item, actor=hana, reason="", today=WITHDRAWN_ON)
    item = withdraw_item(
        item=item, actor=hana, reason="方案已被《某县2026年义务教育学区划分方案》替代", today=WITHDRAWN_ON
    )
    assert (item.stage, item.withdrawn_on) == ("withdrawn", WITHDRAWN_ON)
    assert _steps(item)[-1] == (
        1,
        "published",
        "withdraw",
        "hana",
        "方案已被《某县2026年义务教育学区划分方案》替代",
    )


def test_review_records_are_never_changed_or_deleted(office: Office, bob: User) -> None:
    submit_draft(item=draft(office.county, bob), actor=bob)
    record = ReviewRecord.objects.get()
    record.reason = "事后补写"
    with pytest.raises(AppendOnlyError):
        record.save()
    with pytest.raises(AppendOnlyError):
        ReviewRecord.objects.all().delete()


def test_the_publication_day_follows_the_stored_calendar(office: Office, bob: User) -> None:
    item = draft(office.county, bob)
    assert (item.publish_by, item.publish_by_provisional) == (dt.date(2025, 10, 30), False)
    later = draft(office.county, bob, created_on=dt.date(2031, 12, 30))
    assert later.publish_by_provisional


def test_storing_a_missing_year_turns_a_provisional_publication_day_into_an_official_one(
    office: Office, bob: User
) -> None:
    item = draft(office.county, bob, created_on=dt.date(2031, 12, 15))
    assert (item.publish_by, item.publish_by_provisional) == (dt.date(2032, 1, 12), True)  # weekends only
    for year, holidays in (
        (2031, frozenset()),
        (2032, frozenset({dt.date(2032, 1, 1), dt.date(2032, 1, 2)})),
    ):
        store_year(
            calendar=YearCalendar(year=year, holidays=holidays, workdays=frozenset(), source="测试安排")
        )
    item.refresh_from_db()
    assert (item.publish_by, item.publish_by_provisional) == (dt.date(2032, 1, 14), False)
