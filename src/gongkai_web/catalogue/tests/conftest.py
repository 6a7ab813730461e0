"""What the catalogue's tests share: a draft as an office writes one, and the 三审 chain that publishes it.

bob (handler, 教育股) drafts; alice (registrar) takes 初审, carol (reviewer) 复审, hana (head) 终审.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from gongkai.catalogue import Stage, Step
from gongkai_web.accounts.models import User
from gongkai_web.bodies.models import Body
from gongkai_web.catalogue.models import CatalogueItem
from gongkai_web.catalogue.services import ItemFields, create_draft, review_item, submit_draft

TODAY = dt.date(2025, 10, 20)
SCHOOL_DISTRICTS = (
    "为推进义务教育优质均衡发展，根据《中华人民共和国义务教育法》，结合本县实际，制定本方案。\n\n"
    "一、划分原则\n坚持免试就近入学，综合考虑学校布局、学位供给和适龄儿童分布。\n\n"
    "二、实施时间\n本方案自2025年9月1日起施行。"
)


def fields(**overrides: Any) -> ItemFields:
    """The county's plan for 义务教育学区划分, filed under 第二十条第（十一）项."""
    values: dict[str, Any] = {
        "title": "某县2025年义务教育学区划分方案",
        "issuer": "某县人民政府办公室",
        "document_number": "某政办发〔2025〕12号",
        "created_on": dt.date(2025, 9, 26),
        "category": "article20.11",
        "text": SCHOOL_DISTRICTS,
    }
    return ItemFields(**(values | overrides))


def draft(body: Body, author: User, **overrides: Any) -> CatalogueItem:
    return create_draft(body=body, actor=author, fields=fields(**overrides))


def at_final_review(item: CatalogueItem, first: User, second: User) -> CatalogueItem:
    """Submit ``item`` and approve it at 初审 and 复审: it waits for 终审."""
    item = submit_draft(item=item, actor=item.author)
    item = review_item(item=item, actor=first, seen=Stage.FIRST_REVIEW, step=Step.APPROVE, today=TODAY)
    return review_item(item=item, actor=second, seen=Stage.SECOND_REVIEW, step=Step.APPROVE, today=TODAY)


def final(item: CatalogueItem, head: User, confirmation: str = "") -> CatalogueItem:
    """终审's approval by ``head``, with the reason for flagged content if given."""
    return review_item(
        item=item,
        actor=head,
        seen=Stage.FINAL_REVIEW,
        step=Step.APPROVE,
        today=TODAY,
        confirmation=confirmation,
    )


@pytest.fixture
def today(monkeypatch: pytest.MonkeyPatch) -> dt.date:
    """The office pages' today is TODAY."""
    monkeypatch.setattr("gongkai_web.catalogue.office_views._today", lambda: TODAY)
    return TODAY


def publish(item: CatalogueItem, *reviewers: User, today: dt.date = TODAY) -> CatalogueItem:
    """Submit ``item`` (as its author) and approve it at 初审, 复审 and 终审 by ``reviewers`` in turn."""
    item = submit_draft(item=item, actor=item.author)
    for reviewer in reviewers:
        item = review_item(item=item, actor=reviewer, seen=item.stage_enum, step=Step.APPROVE, today=today)
    assert item.stage == Stage.PUBLISHED
    return item
