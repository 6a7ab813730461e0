"""The catalogue's core: the 第二十条 categories, the 三审 review, and the 第二十六条 publication limit."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai.catalogue import (
    ARTICLE_20,
    CATEGORIES,
    CATEGORY_BY_ID,
    PUBLICATION_LIMIT,
    ReviewError,
    Stage,
    Step,
    UnknownCategoryError,
    allowed_steps,
    categories_of_item,
    category,
    check_reviewer,
    is_late,
    item_numeral,
    next_stage,
    publication_due,
)
from gongkai.workdays import WorkCalendar, years_from_chinese_calendar

CALENDAR_2025 = WorkCalendar(years_from_chinese_calendar([2025]))


def test_article_20_has_fifteen_items_worded_as_the_article() -> None:
    assert [item.number for item in ARTICLE_20] == list(range(1, 16))
    assert ARTICLE_20[0].heading == "（一）行政法规、规章和规范性文件"
    assert ARTICLE_20[6].citation == "第二十条第（七）项"
    assert ARTICLE_20[6].text == "财政预算、决算信息"
    assert ARTICLE_20[13].heading == "（十四）公务员招考的职位、名额、报考条件等事项以及录用结果"
    assert ARTICLE_20[12].text == "环境保护、公共卫生、安全生产、食品药品、产品质量的监督检查情况"


def test_item_numerals_run_from_one_to_fifteen() -> None:
    assert [item_numeral(n) for n in (1, 9, 10, 11, 15)] == ["一", "九", "十", "十一", "十五"]
    with pytest.raises(ValueError, match="items 1–15, got 0"):
        item_numeral(0)


def test_columns_name_the_article_20_item_they_belong_to() -> None:
    assert CATEGORY_BY_ID["column.department_budget"].item == ARTICLE_20[6]
    assert CATEGORY_BY_ID["column.news"].item is None
    assert [c.id for c in categories_of_item(7)] == [
        "article20.7",
        "column.department_budget",
        "column.department_final_accounts",
    ]


def test_category_ids_are_unique_and_an_unknown_one_is_refused() -> None:
    assert len({c.id for c in CATEGORIES}) == len(CATEGORIES)
    with pytest.raises(UnknownCategoryError) as refused:
        category("column.gossip")
    assert refused.value.code == "catalogue_category_unknown"


def test_a_draft_goes_through_three_reviews_to_publication() -> None:
    stage = next_stage(Stage.DRAFT, Step.SUBMIT)
    assert stage is Stage.FIRST_REVIEW
    stages = [stage]
    while stage is not Stage.PUBLISHED:
        stage = next_stage(stage, Step.APPROVE)
        stages.append(stage)
    assert stages == [Stage.FIRST_REVIEW, Stage.SECOND_REVIEW, Stage.FINAL_REVIEW, Stage.PUBLISHED]


def test_every_review_may_return_the_item_to_its_author() -> None:
    for stage in (Stage.FIRST_REVIEW, Stage.SECOND_REVIEW, Stage.FINAL_REVIEW):
        assert next_stage(stage, Step.RETURN) is Stage.DRAFT
        assert allowed_steps(stage) == (Step.APPROVE, Step.RETURN)


def test_only_a_published_item_is_withdrawn_and_a_draft_is_not_approved() -> None:
    assert next_stage(Stage.PUBLISHED, Step.WITHDRAW) is Stage.WITHDRAWN
    with pytest.raises(ReviewError) as refused:
        next_stage(Stage.DRAFT, Step.APPROVE)
    assert refused.value.code == "catalogue_step_not_allowed"
    assert allowed_steps(Stage.WITHDRAWN) == ()


def test_a_published_revision_is_superseded_by_the_next_and_stays_so() -> None:
    assert allowed_steps(Stage.PUBLISHED) == (Step.WITHDRAW, Step.SUPERSEDE)
    assert next_stage(Stage.PUBLISHED, Step.SUPERSEDE) is Stage.SUPERSEDED
    assert allowed_steps(Stage.SUPERSEDED) == ()
    with pytest.raises(ReviewError) as refused:
        next_stage(Stage.SUPERSEDED, Step.WITHDRAW)
    assert refused.value.message == "“已被新版本替代”的信息不能撤回"


def test_the_author_never_reviews_their_own_item() -> None:
    with pytest.raises(ReviewError) as refused:
        check_reviewer(reviewer=7, author=7, earlier_reviewers=[], stage=Stage.FIRST_REVIEW)
    assert refused.value.code == "catalogue_own_item"
    assert refused.value.message == "不能初审自己起草的信息"


def test_the_three_reviews_of_a_round_are_taken_by_three_people() -> None:
    check_reviewer(reviewer=3, author=1, earlier_reviewers=[2], stage=Stage.SECOND_REVIEW)
    with pytest.raises(ReviewError) as refused:
        check_reviewer(reviewer=2, author=1, earlier_reviewers=[2, 3], stage=Stage.FINAL_REVIEW)
    assert refused.value.code == "catalogue_same_reviewer"


def test_publication_is_due_twenty_working_days_after_creation_skipping_the_national_day() -> None:
    # 2025-09-26 (Friday) + 20 working days: 28 Sep and 11 Oct are 调休 workdays, 1–8 Oct a holiday.
    due = publication_due(dt.date(2025, 9, 26), CALENDAR_2025)
    assert PUBLICATION_LIMIT == 20
    assert due.date == dt.date(2025, 10, 30)
    assert not due.provisional


def test_a_year_without_calendar_data_gives_a_provisional_day() -> None:
    due = publication_due(dt.date(2031, 3, 2), CALENDAR_2025)
    assert due.provisional
    assert due.provisional_years == (2031,)


def test_an_item_published_after_its_day_or_unpublished_past_it_is_late() -> None:
    created = dt.date(2025, 9, 26)
    on_time = dt.date(2025, 10, 30)
    assert not is_late(
        created_on=created, published_on=on_time, today=dt.date(2025, 12, 1), calendar=CALENDAR_2025
    )
    assert is_late(
        created_on=created, published_on=dt.date(2025, 10, 31), today=on_time, calendar=CALENDAR_2025
    )
    assert not is_late(created_on=created, published_on=None, today=on_time, calendar=CALENDAR_2025)
    assert is_late(created_on=created, published_on=None, today=dt.date(2025, 10, 31), calendar=CALENDAR_2025)
