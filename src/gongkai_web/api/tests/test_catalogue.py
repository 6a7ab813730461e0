"""/api/v1/catalogue: the public catalogue without a token, and drafting, 三审, 变更 and 撤回 for the office.

bob (handler) drafts; alice (registrar) takes 初审, carol (reviewer) 复审, hana (head) 终审 and
withdraws; dave (the finance bureau) and olga (no body) are outsiders; frank (administrator) keeps
the guide, not the items.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from gongkai.catalogue import Stage
from gongkai_web.accounts.models import User
from gongkai_web.bodies.models import Role
from gongkai_web.bodies.services import add_member
from gongkai_web.catalogue.models import CatalogueItem, ReviewRecord
from gongkai_web.catalogue.services import start_revision, submit_draft, withdraw_item
from gongkai_web.catalogue.tests.conftest import draft, fields, publish
from gongkai_web.gate.models import PublicationReview
from gongkai_web.personas import Office

from .conftest import NO_TOKEN, SEPTEMBER_29, Api, Today, error

OCTOBER_20, NOVEMBER_3 = dt.date(2025, 10, 20), dt.date(2025, 11, 3)
TITLE = "某县2025年义务教育学区划分方案"
NEW_TITLE = "某县2025年义务教育学区划分方案（修订）"

ITEM = {
    "title": TITLE,
    "issuer": "某县人民政府办公室",
    "document_number": "某政办发〔2025〕12号",
    "created_on": "2025-09-26",
    "category": "article20.11",
    "text": "一、划分原则\n坚持免试就近入学。\n\n二、实施时间\n本方案自2025年9月1日起施行。",
}


@pytest.fixture
def published(office: Office, alice: User, bob: User, carol: User, hana: User) -> CatalogueItem:
    """The 学区划分 plan published on 2025-10-20; beside it a budget published and a draft not."""
    publish(
        draft(office.county, bob, title="县教育局2025年部门预算", category="column.department_budget", text="收支总预算"),
        alice, carol, hana, today=dt.date(2025, 10, 9),
    )  # fmt: skip
    draft(office.county, bob, title="县教育局2025年学区调整内部讨论稿")
    return publish(draft(office.county, bob), alice, carol, hana, today=OCTOBER_20)


def public(office: Office) -> str:
    return f"/catalogue/{office.county.pk}"


def test_anyone_lists_the_published_items_newest_first(
    api: Api, office: Office, published: CatalogueItem
) -> None:
    response = api.get(f"{public(office)}/items")
    assert response.status_code == 200
    page = response.json()
    assert (page["count"], page["page"], page["page_size"]) == (2, 1, 20)
    assert [item["title"] for item in page["items"]] == [TITLE, "县教育局2025年部门预算"]
    assert page["items"][0] == {
        "id": published.pk,
        "revision": 1,
        "index_number": published.index_number,
        "title": TITLE,
        "issuer": "某县人民政府办公室",
        "document_number": "某政办发〔2025〕12号",
        "created_on": "2025-09-26",
        "published_on": "2025-10-20",
        "category": {
            "code": "article20.11",
            "label": "（十一）扶贫、教育、医疗、社会保障、促进就业等方面的政策、措施及其实施情况",
        },
        "url": f"/catalogue/{office.county.pk}/items/{published.pk}/",
    }


def test_the_public_search_finds_a_chinese_word_inside_a_title(
    api: Api, office: Office, published: CatalogueItem
) -> None:
    found = api.get(f"{public(office)}/items", q="学区").json()
    assert [item["title"] for item in found["items"]] == [TITLE]  # not the unpublished 讨论稿
    by_column = api.get(f"{public(office)}/items", category="column.department_budget").json()
    assert [item["title"] for item in by_column["items"]] == ["县教育局2025年部门预算"]
    by_article = api.get(f"{public(office)}/items", item="7").json()  # 部门预算 belongs to （七）
    assert [item["title"] for item in by_article["items"]] == ["县教育局2025年部门预算"]


def test_an_unknown_category_is_refused(api: Api, office: Office) -> None:
    response = api.get(f"{public(office)}/items", category="column.gossip")
    assert response.status_code == 422
    assert (response.json()["code"], response.json()["field"]) == ("field_invalid", "category")


def test_anyone_reads_a_published_item_without_a_token(
    api: Api, office: Office, published: CatalogueItem
) -> None:
    response = api.get(f"{public(office)}/items/{published.pk}")
    assert response.status_code == 200
    item = response.json()
    assert {
        key: item[key] for key in ("id", "revision", "in_force", "title", "published_on", "updated_on")
    } == {
        "id": published.pk,
        "revision": 1,
        "in_force": True,
        "title": TITLE,
        "published_on": "2025-10-20",
        "updated_on": None,
    }
    assert item["revisions"] == [
        {"revision": 1, "title": TITLE, "published_on": "2025-10-20", "in_force": True}
    ]


def test_an_item_never_published_is_not_found(api: Api, office: Office, bob: User) -> None:
    unpublished = draft(office.county, bob)
    response = api.get(f"{public(office)}/items/{unpublished.pk}")
    assert (response.status_code, response.json()) == (404, error("not_found", "没有这条已发布的信息"))


def test_a_withdrawn_item_answers_410_saying_when(
    api: Api, office: Office, published: CatalogueItem, hana: User
) -> None:
    withdraw_item(item=published, actor=hana, reason="方案暂停实施", today=NOVEMBER_3)
    response = api.get(f"{public(office)}/items/{published.pk}")
    assert (response.status_code, response.json()) == (
        410,
        error("catalogue_item_withdrawn", "本信息已于 2025年11月3日 撤回，不再公开"),
    )
    assert [item["title"] for item in api.get(f"{public(office)}/items").json()["items"]] == [
        "县教育局2025年部门预算"
    ]


def test_a_changed_item_reads_as_its_new_revision_with_the_earlier_one_reachable(
    api: Api, office: Office, published: CatalogueItem, alice: User, bob: User, carol: User, hana: User
) -> None:
    change = start_revision(
        item=published, actor=bob, fields=fields(title=NEW_TITLE, changed_on=dt.date(2025, 10, 31))
    )
    publish(change, alice, carol, hana, today=NOVEMBER_3)
    item = api.get(f"{public(office)}/items/{published.pk}").json()
    assert (item["title"], item["revision"], item["updated_on"], item["published_on"]) == (
        NEW_TITLE, 2, "2025-11-03", "2025-10-20",
    )  # fmt: skip
    assert item["revisions"] == [
        {"revision": 1, "title": TITLE, "published_on": "2025-10-20", "in_force": False},
        {"revision": 2, "title": NEW_TITLE, "published_on": "2025-11-03", "in_force": True},
    ]
    earlier = api.get(f"{public(office)}/items/{published.pk}/revisions/1").json()
    assert (earlier["title"], earlier["in_force"], earlier["superseded_on"]) == (TITLE, False, "2025-11-03")


def test_bob_drafts_and_submits_an_item(api: Api, office: Office, bob: User, today: Today) -> None:
    response = api.post(f"{public(office)}/drafts", ITEM, bob)
    assert response.status_code == 201
    drafted = response.json()
    item = CatalogueItem.objects.get()
    assert (drafted["id"], drafted["stage"], drafted["author"], drafted["index_number"]) == (
        item.pk,
        {"code": "draft", "label": "草稿"},
        "bob",
        f"B{office.county.pk:04d}/2025-00001",
    )
    assert (drafted["publish_by"], drafted["late"], drafted["history"]) == ("2025-10-30", False, [])
    submitted = api.post(f"/catalogue/office/items/{item.pk}/submit", {}, bob).json()
    assert (submitted["stage"]["code"], submitted["round"]) == ("first_review", 1)
    assert submitted["history"][0]["step"] == {"code": "submit", "label": "提交审核"}


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("dave", error("catalogue_not_drafter", "dave 不能为某县人民政府起草主动公开信息")),
        ("frank", error("catalogue_not_drafter", "frank 不能为某县人民政府起草主动公开信息")),
    ],
)
def test_only_the_bodys_drafters_draft(
    api: Api, office: Office, who: str, expected: dict[str, Any], request: pytest.FixtureRequest
) -> None:
    response = api.post(f"{public(office)}/drafts", ITEM, request.getfixturevalue(who))
    assert (response.status_code, response.json()) == (403, expected)
    assert not CatalogueItem.objects.exists()


def test_without_a_token_the_office_endpoints_are_refused(api: Api, office: Office, bob: User) -> None:
    item = draft(office.county, bob)
    for response in (
        api.post(f"{public(office)}/drafts", ITEM),
        api.get(f"/catalogue/office/items/{item.pk}"),
        api.post(f"/catalogue/office/items/{item.pk}/submit", {}),
    ):
        assert (response.status_code, response.json()) == (401, NO_TOKEN)


@pytest.mark.parametrize("who", ["dave", "olga"])
def test_an_outsider_sees_and_does_nothing_to_the_countys_items(
    api: Api, office: Office, published: CatalogueItem, bob: User, who: str, request: pytest.FixtureRequest
) -> None:
    outsider: User = request.getfixturevalue(who)
    pending = submit_draft(item=draft(office.county, bob, title="2025年9月县教育局工作动态"), actor=bob)
    refusal = error("catalogue_not_member", f"{who} 不是某县人民政府的工作人员，无权查看这条信息")
    for response in (
        api.get(f"/catalogue/office/items/{pending.pk}", outsider),
        api.post(
            f"/catalogue/office/items/{pending.pk}/reviews",
            {"step": "approve", "seen": "first_review"},
            outsider,
        ),
        api.post(f"/catalogue/office/items/{published.pk}/withdrawal", {"reason": "误发"}, outsider),
        api.post(
            f"/catalogue/office/items/{published.pk}/revisions", ITEM | {"changed_on": "2025-10-31"}, outsider
        ),
    ):
        assert (response.status_code, response.json()) == (403, refusal)
    pending.refresh_from_db()
    published.refresh_from_db()
    assert (pending.stage, published.stage) == ("first_review", "published")


def test_the_three_reviews_publish_the_item(
    api: Api, office: Office, alice: User, bob: User, carol: User, hana: User, today: Today
) -> None:
    item = submit_draft(item=draft(office.county, bob), actor=bob)
    today.date = OCTOBER_20
    path = f"/catalogue/office/items/{item.pk}/reviews"
    for reviewer, seen, after in (
        (alice, "first_review", "second_review"),
        (carol, "second_review", "final_review"),
        (hana, "final_review", "published"),
    ):
        response = api.post(path, {"step": "approve", "seen": seen}, reviewer)
        assert (response.status_code, response.json()["stage"]["code"]) == (200, after)
    assert response.json()["published_on"] == "2025-10-20"
    assert [record["stage"]["label"] for record in response.json()["history"]] == [
        "草稿",
        "待初审",
        "待复审",
        "待终审",
    ]
    assert api.get(f"{public(office)}/items/{item.pk}").status_code == 200


def test_the_final_review_refuses_an_identity_number_and_asks_a_reason_for_a_landline(
    api: Api, office: Office, alice: User, bob: User, carol: User, hana: User, today: Today
) -> None:
    named = "学生家长张三（身份证号11010519491231002X）反映的学位问题已另行答复。"
    item = submit_draft(item=draft(office.county, bob, text=named), actor=bob)
    path = f"/catalogue/office/items/{item.pk}/reviews"
    api.post(path, {"step": "approve", "seen": "first_review"}, alice)
    api.post(path, {"step": "approve", "seen": "second_review"}, carol)
    blocked = api.post(path, {"step": "approve", "seen": "final_review", "confirmation": "同意"}, hana)
    assert (blocked.status_code, blocked.json()) == (
        422,
        error(
            "gate_blocked",
            "保密审查未通过，不得公开：信息的标题、文号、正文或附件含有居民身份证号码，请修改后重新审查",
        ),
    )
    assert CatalogueItem.objects.get(pk=item.pk).stage == "final_review"
    assert list(PublicationReview.objects.values_list("outcome", "actor__username")) == [("blocked", "hana")]
    item = submit_draft(item=draft(office.county, bob, text="咨询电话：0373-5551234。"), actor=bob)
    path = f"/catalogue/office/items/{item.pk}/reviews"
    api.post(path, {"step": "approve", "seen": "first_review"}, alice)
    api.post(path, {"step": "approve", "seen": "second_review"}, carol)
    asked = api.post(path, {"step": "approve", "seen": "final_review"}, hana)
    assert (asked.status_code, asked.json()["code"]) == (422, "gate_confirmation_required")
    done = api.post(path, {"step": "approve", "seen": "final_review", "confirmation": "招生咨询电话"}, hana)
    assert (done.status_code, done.json()["stage"]["code"]) == (200, "published")


def test_a_reviewer_may_not_review_their_own_item(api: Api, office: Office, alice: User) -> None:
    own = submit_draft(item=draft(office.county, alice), actor=alice)
    response = api.post(
        f"/catalogue/office/items/{own.pk}/reviews", {"step": "approve", "seen": "first_review"}, alice
    )
    assert (response.status_code, response.json()) == (
        409,
        error("catalogue_own_item", "不能初审自己起草的信息"),
    )


def test_the_same_person_does_not_take_two_reviews_of_a_round(
    api: Api, office: Office, alice: User, bob: User, carol: User
) -> None:
    add_member(body=office.county, user=carol, role=Role.HEAD)
    item = submit_draft(item=draft(office.county, bob), actor=bob)
    path = f"/catalogue/office/items/{item.pk}/reviews"
    assert api.post(path, {"step": "approve", "seen": "first_review"}, alice).status_code == 200
    assert api.post(path, {"step": "approve", "seen": "second_review"}, carol).status_code == 200
    response = api.post(path, {"step": "approve", "seen": "final_review"}, carol)
    assert (response.status_code, response.json()) == (
        409,
        error("catalogue_same_reviewer", "已参与本轮审核的人员不能再作终审"),
    )


def test_a_review_already_taken_by_someone_else_is_refused(
    api: Api, office: Office, alice: User, bob: User, carol: User
) -> None:
    item = submit_draft(item=draft(office.county, bob), actor=bob)
    path = f"/catalogue/office/items/{item.pk}/reviews"
    assert api.post(path, {"step": "approve", "seen": "first_review"}, alice).status_code == 200
    stale = api.post(path, {"step": "approve", "seen": "first_review"}, carol)  # carol's copy said 待初审
    assert (stale.status_code, stale.json()) == (
        409,
        error("catalogue_stage_changed", "这条信息已是“待复审”，不再是您打开时的“待初审”，请刷新后查看"),
    )
    assert ReviewRecord.objects.filter(step="approve").count() == 1


def test_a_role_that_does_not_take_the_review_is_refused(
    api: Api, office: Office, bob: User, hana: User
) -> None:
    item = submit_draft(item=draft(office.county, bob), actor=bob)
    response = api.post(
        f"/catalogue/office/items/{item.pk}/reviews", {"step": "approve", "seen": "first_review"}, hana
    )
    assert (response.status_code, response.json()) == (
        403,
        error("catalogue_not_reviewer", "hana 的岗位不能对这条信息作初审"),
    )


def test_a_return_needs_a_reason(api: Api, office: Office, alice: User, bob: User) -> None:
    item = submit_draft(item=draft(office.county, bob), actor=bob)
    path = f"/catalogue/office/items/{item.pk}/reviews"
    refused = api.post(path, {"step": "return", "seen": "first_review"}, alice)
    assert (refused.status_code, refused.json()) == (
        422,
        error("catalogue_reason_required", "退回修改须说明理由"),
    )
    returned = api.post(path, {"step": "return", "seen": "first_review", "reason": "文号有误"}, alice).json()
    assert (returned["stage"]["code"], returned["history"][-1]["reason"]) == ("draft", "文号有误")


def test_a_step_that_is_not_a_review_is_refused_by_the_schema(
    api: Api, office: Office, alice: User, bob: User
) -> None:
    item = submit_draft(item=draft(office.county, bob), actor=bob)
    response = api.post(
        f"/catalogue/office/items/{item.pk}/reviews", {"step": "withdraw", "seen": "first_review"}, alice
    )
    assert response.status_code == 422
    assert response.json() == error(
        "field_invalid", "step：“withdraw”不是审核操作，应为 approve、return 之一", "step"
    )


def test_the_head_withdraws_and_a_reviewer_may_not(
    api: Api, office: Office, published: CatalogueItem, carol: User, hana: User, today: Today
) -> None:
    path = f"/catalogue/office/items/{published.pk}/withdrawal"
    refused = api.post(path, {"reason": "方案暂停实施"}, carol)
    assert (refused.status_code, refused.json()["code"]) == (403, "catalogue_not_withdrawer")
    today.date = NOVEMBER_3
    withdrawn = api.post(path, {"reason": "方案暂停实施"}, hana).json()
    assert (withdrawn["stage"]["code"], withdrawn["withdrawn_on"]) == ("withdrawn", "2025-11-03")
    again = api.post(path, {"reason": "方案暂停实施"}, hana)
    assert (again.status_code, again.json()["code"]) == (409, "catalogue_stage_changed")


def test_a_change_is_drafted_edited_and_only_one_at_a_time(
    api: Api, office: Office, published: CatalogueItem, alice: User, bob: User, today: Today
) -> None:
    change = ITEM | {"title": NEW_TITLE, "changed_on": "2025-10-31"}
    response = api.post(f"/catalogue/office/items/{published.pk}/revisions", change, bob)
    assert response.status_code == 201
    revision = response.json()
    assert (revision["revision"], revision["first_revision"], revision["index_number"], revision["stage"]["code"]) == (
        2, published.pk, published.index_number, "draft",
    )  # fmt: skip
    assert (revision["changed_on"], revision["publish_by"]) == ("2025-10-31", "2025-11-28")
    second = api.post(f"/catalogue/office/items/{published.pk}/revisions", change, alice)
    assert (second.status_code, second.json()["code"]) == (409, "catalogue_revision_open")
    edited = api.client.put(
        f"/api/v1/catalogue/office/items/{revision['id']}",
        '{"title": "改后的标题", "issuer": "某县人民政府办公室", "created_on": "2025-09-26", '
        '"category": "article20.11", "text": "正文", "changed_on": "2025-11-03"}',
        content_type="application/json",
        headers=api.headers(bob),
    )
    assert (edited.status_code, edited.json()["title"], edited.json()["changed_on"]) == (
        200,
        "改后的标题",
        "2025-11-03",
    )
    assert api.get(f"{public(office)}/items/{published.pk}").json()["title"] == TITLE  # not yet reviewed


def test_a_change_without_its_day_of_change_is_refused(
    api: Api, office: Office, published: CatalogueItem, bob: User
) -> None:
    response = api.post(f"/catalogue/office/items/{published.pk}/revisions", ITEM, bob)
    assert (response.status_code, response.json()) == (
        422,
        error("field_missing", "changed_on：缺少必填项", "changed_on"),
    )


def test_only_the_revision_in_force_is_changed(
    api: Api, office: Office, published: CatalogueItem, alice: User, bob: User, carol: User, hana: User
) -> None:
    change = start_revision(
        item=published, actor=bob, fields=fields(title=NEW_TITLE, changed_on=dt.date(2025, 10, 31))
    )
    publish(change, alice, carol, hana, today=NOVEMBER_3)
    response = api.post(
        f"/catalogue/office/items/{published.pk}/revisions", ITEM | {"changed_on": "2025-11-04"}, alice
    )
    assert (response.status_code, response.json()["code"]) == (409, "catalogue_not_in_force")
    assert CatalogueItem.objects.get(pk=published.pk).stage == Stage.SUPERSEDED


def test_the_office_reads_an_item_in_any_stage_and_its_26th_article_day(
    api: Api, office: Office, bob: User, carol: User, today: Today
) -> None:
    late = draft(
        office.county, bob, title="2025年第三季度学校食堂监督检查情况", created_on=dt.date(2025, 8, 20)
    )
    today.date = SEPTEMBER_29
    item = api.get(f"/catalogue/office/items/{late.pk}", carol).json()
    assert (item["stage"]["code"], item["publish_by"], item["late"], item["body"]["name"]) == (
        "draft", "2025-09-17", True, "某县人民政府",
    )  # fmt: skip
