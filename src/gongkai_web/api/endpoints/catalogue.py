"""``/api/v1/catalogue``: the 主动公开目录 for everyone, and its drafting and 三审 for the office.

Public, without a token: a body's published items (by category, by 第二十条 item, or found by
Chinese search) and one item as its public page shows it. For the office: draft, change (变更)
and submit an item, record a review step (初审/复审/终审: approve or return) and withdraw, through
the same services as the office pages (`catalogue.services`), so the same refusals come back with
the same codes: a role that may not (403, ``catalogue_not_*``), the core's review rules (409:
``catalogue_own_item``, ``catalogue_same_reviewer``, ``catalogue_stage_changed`` when someone else
took the step first, ``catalogue_step_not_allowed`` …), and wrong input (422).
"""

from __future__ import annotations

from django.http import Http404, HttpRequest
from ninja import P, Query, Router, Status
from ninja.params import PathEx

from gongkai.catalogue import CATEGORY_BY_ID, Stage, Step
from gongkai_web.accounts.models import User
from gongkai_web.api import queries
from gongkai_web.api.auth import user_of
from gongkai_web.api.catalogue_schemas import (
    DraftIn,
    ItemIn,
    PublicFilters,
    PublicItemOut,
    PublicPageOut,
    ReviewIn,
    RevisionIn,
    StaffItemOut,
    WithdrawalIn,
    public_summary,
    public_view,
    staff_view,
)
from gongkai_web.api.errors import Gone, errors
from gongkai_web.api.schemas import MAX_INT64
from gongkai_web.applications.services import NotPermitted
from gongkai_web.catalogue import access, services
from gongkai_web.catalogue.models import CatalogueItem
from gongkai_web.catalogue.queries import history_of, public_item, public_items, search_terms

router = Router(tags=["catalogue 主动公开目录"])

BodyId = PathEx[int, P(ge=1, le=MAX_INT64, description="机关编号")]
ItemId = PathEx[int, P(ge=1, le=MAX_INT64, description="信息编号")]
RevisionNumber = PathEx[int, P(ge=1, le=MAX_INT64, description="版本号")]


@router.get(
    "/{int:body_id}/items",
    auth=None,
    response={200: PublicPageOut, **errors(404, 422)},
    summary="主动公开目录 List a body's published items",
    description=(
        "公开接口，无需令牌：已发布的信息（变更过的只列现行版本），新到旧；可按类别、第二十条事项筛选，"
        "q 为检索词（标题、正文、文号、索引号中的子串，以空格分隔的各词须全部命中）。"
    ),
)
def list_items(request: HttpRequest, body_id: BodyId, filters: Query[PublicFilters]) -> PublicPageOut:
    body = queries.get_body(body_id)
    items = public_items(
        body,
        category=CATEGORY_BY_ID[filters.category] if filters.category else None,
        article_item=filters.item,
        query=" ".join(search_terms(filters.q)),
    )
    start = (filters.page - 1) * filters.page_size
    return PublicPageOut(
        count=items.count(),
        page=filters.page,
        page_size=filters.page_size,
        items=[public_summary(item) for item in items[start : start + filters.page_size]],
    )


def _public(body_id: int, item_id: int, revision: int | None) -> PublicItemOut:
    body = queries.get_body(body_id)
    found = public_item(body, item_id, revision)
    if found is None:
        raise Http404("没有这条已发布的信息")
    if found.withdrawn is not None:
        withdrawn_on = found.withdrawn.withdrawn_on
        when = f"{withdrawn_on.year}年{withdrawn_on.month}月{withdrawn_on.day}日" if withdrawn_on else ""
        raise Gone(f"本信息已于 {when} 撤回，不再公开", code="catalogue_item_withdrawn")
    return public_view(found)


@router.get(
    "/{int:body_id}/items/{item_id}",
    auth=None,
    response={200: PublicItemOut, **errors(404, 410, 422)},
    summary="主动公开信息 Read a published item",
    description=(
        "公开接口，无需令牌：信息的现行版本，与公开页面相同；变更过的注明更新日期（updated_on）并列出历次版本。"
        "已撤回的信息为 410 catalogue_item_withdrawn，说明撤回日期；从未发布的为 404。"
    ),
)
def read_item(request: HttpRequest, body_id: BodyId, item_id: ItemId) -> PublicItemOut:
    return _public(body_id, item_id, None)


@router.get(
    "/{int:body_id}/items/{item_id}/revisions/{revision}",
    auth=None,
    response={200: PublicItemOut, **errors(404, 410, 422)},
    summary="信息的某一版本 Read one revision of a published item",
    description="公开接口，无需令牌：已发布过的某一版本（已被替代的注明 superseded_on）。",
)
def read_revision(
    request: HttpRequest, body_id: BodyId, item_id: ItemId, revision: RevisionNumber
) -> PublicItemOut:
    return _public(body_id, item_id, revision)


def _staff_item(user: User, item_id: int) -> CatalogueItem:
    item = CatalogueItem.objects.select_related("body", "author").filter(pk=item_id).first()
    if item is None:
        raise Http404(f"没有编号为 {item_id} 的信息")
    if not access.may_view(user, item.body):
        raise NotPermitted(
            f"{user} 不是{item.body.name}的工作人员，无权查看这条信息", code="catalogue_not_member"
        )
    return item


def _answer(item: CatalogueItem) -> StaffItemOut:
    fresh = CatalogueItem.objects.select_related("body", "author").get(pk=item.pk)
    return staff_view(fresh, history=history_of(fresh), today=queries.today())


@router.post(
    "/{int:body_id}/drafts",
    response={201: StaffItemOut, **errors(400, 401, 403, 404, 422)},
    summary="起草 Draft an item",
    description="本机关的承办、登记、审核人员或负责人起草主动公开信息（草稿）；索引号留空时自动编号。附件在办理页面添加。",
)
def create_draft(request: HttpRequest, body_id: BodyId, item: ItemIn) -> Status[StaffItemOut]:
    body = queries.get_body(body_id)
    drafted = services.create_draft(body=body, actor=user_of(request), fields=item.fields())
    return Status(201, _answer(drafted))


@router.get(
    "/office/items/{item_id}",
    response={200: StaffItemOut, **errors(401, 403, 404, 422)},
    summary="查看信息（工作人员） Read an item as the office sees it",
    description="本机关工作人员查看任一状态的信息：状态、提交轮次、第二十六条应发布日期、审核记录。",
)
def read_staff_item(request: HttpRequest, item_id: ItemId) -> StaffItemOut:
    return _answer(_staff_item(user_of(request), item_id))


@router.put(
    "/office/items/{item_id}",
    response={200: StaffItemOut, **errors(400, 401, 403, 404, 422)},
    summary="修改草稿 Change one's own draft",
    description="起草人修改自己的草稿（新起草的、被退回的或变更的新版本）；新版本的索引号不变，须带变更日期。",
)
def edit_draft(request: HttpRequest, item_id: ItemId, item: DraftIn) -> StaffItemOut:
    user = user_of(request)
    found = _staff_item(user, item_id)
    services.edit_draft(item=found, actor=user, fields=item.fields(item.changed_on))
    return _answer(found)


@router.post(
    "/office/items/{item_id}/revisions",
    response={201: StaffItemOut, **errors(400, 401, 403, 404, 409, 422)},
    summary="起草变更 Draft a change of a published item",
    description=(
        "已发布的信息不能直接修改：变更为新版本的草稿（沿用索引号，带变更日期和现行版本的附件），"
        "须提交并经三审；终审通过前公众看到的仍是现行版本。"
        "同一信息同时只能有一个变更（409 catalogue_revision_open），"
        "只能变更现行版本（409 catalogue_not_in_force）。"
    ),
)
def start_revision(request: HttpRequest, item_id: ItemId, revision: RevisionIn) -> Status[StaffItemOut]:
    user = user_of(request)
    found = _staff_item(user, item_id)
    drafted = services.start_revision(item=found, actor=user, fields=revision.fields(revision.changed_on))
    return Status(201, _answer(drafted))


@router.post(
    "/office/items/{item_id}/submit",
    response={200: StaffItemOut, **errors(401, 403, 404, 409, 422)},
    summary="提交审核 Submit one's draft to 初审",
    description="起草人提交草稿，开始新一轮三审。",
)
def submit(request: HttpRequest, item_id: ItemId) -> StaffItemOut:
    user = user_of(request)
    found = _staff_item(user, item_id)
    return _answer(services.submit_draft(item=found, actor=user))


@router.post(
    "/office/items/{item_id}/reviews",
    response={200: StaffItemOut, **errors(400, 401, 403, 404, 409, 422)},
    summary="审核 Record a review step (初审、复审、终审)",
    description=(
        "通过（approve）或退回（return，须说明理由）信息所在的审核环节；终审通过即发布（变更的新版本发布时替代现行版本）。"
        "seen 为调用方看到的环节：他人已审核了这一环节时 409 catalogue_stage_changed。"
        "同一轮的三个环节由三个不同的人完成，都不是起草人"
        "（409 catalogue_same_reviewer、catalogue_own_item）。"
        "终审通过前先作保密审查（docs/gate.md）：含身份证号、手机号、负面清单事项等不得公开"
        "（422 gate_blocked，信息仍待终审，审查记录保留）；"
        "含固定电话等需人工复核的，须在 confirmation 中写明理由"
        "（否则 422 gate_confirmation_required）。"
    ),
)
def review(request: HttpRequest, item_id: ItemId, step: ReviewIn) -> StaffItemOut:
    user = user_of(request)
    found = _staff_item(user, item_id)
    reviewed = services.review_item(
        item=found,
        actor=user,
        seen=Stage(step.seen),
        step=Step(step.step),
        reason=step.reason,
        today=queries.today(),
        confirmation=step.confirmation,
    )
    return _answer(reviewed)


@router.post(
    "/office/items/{item_id}/withdrawal",
    response={200: StaffItemOut, **errors(400, 401, 403, 404, 409, 422)},
    summary="撤回 Withdraw a published item",
    description="负责人撤回已发布的信息，须说明理由（记入审核记录）；信息退出公开目录，其公开地址说明撤回日期。",
)
def withdraw(request: HttpRequest, item_id: ItemId, withdrawal: WithdrawalIn) -> StaffItemOut:
    user = user_of(request)
    found = _staff_item(user, item_id)
    withdrawn = services.withdraw_item(
        item=found, actor=user, reason=withdrawal.reason, today=queries.today()
    )
    return _answer(withdrawn)
