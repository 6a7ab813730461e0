"""What the catalogue endpoints take and give, and how an item becomes an answer.

The public sees what the public pages show (`catalogue.queries.public_item`): the revision in
force, when it was updated, its earlier revisions, never a draft, a withdrawal's reason or who
reviewed. The office sees the item as its detail page does: stage, round, 第二十六条 day, history.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from django.urls import reverse
from ninja import Schema
from pydantic import Field, StrictStr

from gongkai.catalogue import CATEGORIES, CATEGORY_BY_ID, REVIEW_STAGES, Stage, Step
from gongkai_web.api.schemas import Choice, Input, IsoDate, Named, Text, column_length, one_of
from gongkai_web.catalogue.models import CatalogueAttachment, CatalogueItem, ReviewRecord
from gongkai_web.catalogue.queries import PublicItem, is_late
from gongkai_web.catalogue.services import REASON_MAX, ItemFields
from gongkai_web.gate.services import CONFIRMATION_MAX

_CATEGORY_IDS = [category.id for category in CATEGORIES]
_REVIEW_STAGES = [stage.value for stage in REVIEW_STAGES]
_REVIEW_STEPS = [step.value for step in (Step.APPROVE, Step.RETURN)]
CategoryId = Annotated[
    StrictStr, one_of(_CATEGORY_IDS, "目录类别"), Field(json_schema_extra={"enum": _CATEGORY_IDS})
]
ReviewStage = Annotated[
    StrictStr, one_of(_REVIEW_STAGES, "审核环节"), Field(json_schema_extra={"enum": _REVIEW_STAGES})
]
ReviewStep = Annotated[
    StrictStr, one_of(_REVIEW_STEPS, "审核操作"), Field(json_schema_extra={"enum": _REVIEW_STEPS})
]


def _length(name: str) -> int:
    return column_length(name, CatalogueItem)


class ItemIn(Input):
    """An item as its author writes it (attachments are added on the office pages)."""

    title: Text = Field(min_length=1, max_length=_length("title"))
    issuer: Text = Field(min_length=1, max_length=_length("issuer"), description="发布机构")
    document_number: Text = Field(default="", max_length=_length("document_number"), description="文号")
    created_on: IsoDate = Field(description="成文日期")
    category: CategoryId = Field(description="类别：article20.<1-15>（第二十条各项）或 column.<栏目>")
    text: Text = Field(min_length=1, description="正文，纯文本，空行分段")
    index_number: Text = Field(
        default="", max_length=_length("index_number"), description="索引号；留空时自动编号"
    )

    def fields(self, changed_on: dt.date | None = None) -> ItemFields:
        return ItemFields(
            title=self.title,
            issuer=self.issuer,
            document_number=self.document_number,
            created_on=self.created_on,
            category=self.category,
            text=self.text,
            index_number=self.index_number,
            changed_on=changed_on,
        )


class DraftIn(ItemIn):
    """A draft as its author changes it; a change (变更) of a published item with its day of change."""

    changed_on: IsoDate | None = Field(default=None, description="变更日期：仅变更的新版本填写（必填）")


class RevisionIn(ItemIn):
    """A change (变更) of a published item: the whole item as it is to read, and the day of change."""

    index_number: Literal[""] = Field(default="", description="新版本沿用原索引号，不填")
    changed_on: IsoDate = Field(description="变更日期（第二十六条：自变更之日起 20 个工作日内公开）")


class ReviewIn(Input):
    step: ReviewStep = Field(description="approve 通过；return 退回修改")
    seen: ReviewStage = Field(
        description="调用方看到的环节（first_review、second_review、final_review）；已被他人审核时拒绝"
    )
    reason: Text = Field(default="", max_length=REASON_MAX, description="理由（退回时必填）")
    confirmation: Text = Field(
        default="",
        max_length=CONFIRMATION_MAX,
        description="保密审查的复核意见：终审时自动扫描提示需人工复核"
        "（422 gate_confirmation_required）后必填",
    )


class WithdrawalIn(Input):
    reason: Text = Field(min_length=1, max_length=REASON_MAX, description="撤回理由（记入审核记录，不公开）")


class PublicFilters(Input):
    q: str = Field(default="", max_length=100, description="检索词，以空格分隔，须全部命中（子串匹配）")
    category: CategoryId | None = Field(default=None, description="按栏目或第二十条事项的类别")
    item: int | None = Field(
        default=None, ge=1, le=15, description="按第二十条第几项（含注明属于该项的栏目）"
    )
    page: int = Field(default=1, ge=1, le=1_000_000)
    page_size: int = Field(default=20, ge=1, le=100)


class AttachmentOut(Schema):
    name: str
    content_type: str
    size: int
    url: str


class PublicSummaryOut(Schema):
    id: int = Field(description="信息编号（公开地址中的编号，各版本相同）")
    revision: int
    index_number: str
    title: str
    issuer: str
    document_number: str
    created_on: dt.date
    published_on: dt.date = Field(description="本版本的发布日期（变更后的为更新日期）")
    category: Choice
    url: str


class PublicPageOut(Schema):
    count: int
    page: int
    page_size: int
    items: list[PublicSummaryOut]


class RevisionOut(Schema):
    revision: int
    title: str
    published_on: dt.date
    in_force: bool


class PublicItemOut(Schema):
    id: int
    revision: int
    in_force: bool = Field(description="是否为现行版本")
    index_number: str
    title: str
    issuer: str
    document_number: str
    created_on: dt.date
    changed_on: dt.date | None = Field(description="变更日期（第 2 版起）")
    published_on: dt.date = Field(description="信息的发布日期（第 1 版）")
    updated_on: dt.date | None = Field(
        description="本信息于此日更新（现行版本替代以前版本之日）；未变更过为 null"
    )
    superseded_on: dt.date | None = Field(description="本版本被下一版本替代之日；现行版本为 null")
    category: Choice
    text: str
    attachments: list[AttachmentOut]
    revisions: list[RevisionOut] = Field(description="历次版本，第 1 版在前")
    url: str


class HistoryOut(Schema):
    round: int
    stage: Choice
    step: Choice
    reason: str
    actor: str
    at: dt.datetime


class StaffItemOut(Schema):
    """An item as the office's detail page shows it."""

    id: int
    body: Named
    first_revision: int = Field(description="第 1 版的编号（公开地址中的编号）")
    revision: int
    stage: Choice
    round: int = Field(description="提交轮次")
    author: str
    index_number: str
    title: str
    issuer: str
    document_number: str
    created_on: dt.date
    changed_on: dt.date | None
    category: Choice
    text: str
    publish_by: dt.date = Field(description="第二十六条：应发布日期")
    publish_by_provisional: bool
    late: bool = Field(description="已超过第二十六条期限（超期未发布或超期发布）")
    published_on: dt.date | None
    withdrawn_on: dt.date | None
    attachments: list[str]
    history: list[HistoryOut]


def category_choice(category_id: str) -> Choice:
    return Choice(code=category_id, label=CATEGORY_BY_ID[category_id].label)


def public_url(item: CatalogueItem) -> str:
    return reverse("catalogue:item", args=[item.body_id, item.first_revision_id])


def _attachment(item: CatalogueItem, attachment: CatalogueAttachment) -> AttachmentOut:
    url = reverse("catalogue:attachment", args=[item.body_id, item.first_revision_id, attachment.pk])
    return AttachmentOut(
        name=attachment.original_name, content_type=attachment.content_type, size=attachment.size, url=url
    )


def public_summary(item: CatalogueItem) -> PublicSummaryOut:
    assert item.published_on is not None, "a listed item is published"
    return PublicSummaryOut(
        id=item.first_revision_id,
        revision=item.revision,
        index_number=item.index_number,
        title=item.title,
        issuer=item.issuer,
        document_number=item.document_number,
        created_on=item.created_on,
        published_on=item.published_on,
        category=category_choice(item.category),
        url=public_url(item),
    )


def public_view(found: PublicItem) -> PublicItemOut:
    shown, first = found.shown, found.first
    assert first.published_on is not None, "the public sees published revisions only"
    return PublicItemOut(
        id=first.pk,
        revision=shown.revision,
        in_force=shown.stage == Stage.PUBLISHED,
        index_number=shown.index_number,
        title=shown.title,
        issuer=shown.issuer,
        document_number=shown.document_number,
        created_on=shown.created_on,
        changed_on=shown.changed_on,
        published_on=first.published_on,
        updated_on=found.updated_on,
        superseded_on=found.superseded_on(shown),
        category=category_choice(shown.category),
        text=shown.text,
        attachments=[_attachment(shown, attachment) for attachment in shown.attachments.all()],
        revisions=[
            RevisionOut(
                revision=revision.revision,
                title=revision.title,
                published_on=revision.published_on or first.published_on,
                in_force=revision.stage == Stage.PUBLISHED,
            )
            for revision in found.revisions
        ],
        url=public_url(first),
    )


def _history(record: ReviewRecord) -> HistoryOut:
    stage, step = Stage(record.stage), Step(record.step)
    return HistoryOut(
        round=record.round,
        stage=Choice(code=stage.value, label=stage.label),
        step=Choice(code=step.value, label=step.label),
        reason=record.reason,
        actor=str(record.actor),
        at=record.at,
    )


def staff_view(item: CatalogueItem, *, history: list[ReviewRecord], today: dt.date) -> StaffItemOut:
    stage = item.stage_enum
    return StaffItemOut(
        id=item.pk,
        body=Named(id=item.body.pk, name=item.body.name),
        first_revision=item.first_revision_id,
        revision=item.revision,
        stage=Choice(code=stage.value, label=stage.label),
        round=item.round,
        author=str(item.author),
        index_number=item.index_number,
        title=item.title,
        issuer=item.issuer,
        document_number=item.document_number,
        created_on=item.created_on,
        changed_on=item.changed_on,
        category=category_choice(item.category),
        text=item.text,
        publish_by=item.publish_by,
        publish_by_provisional=item.publish_by_provisional,
        late=is_late(item, today),
        published_on=item.published_on,
        withdrawn_on=item.withdrawn_on,
        attachments=[attachment.original_name for attachment in item.attachments.all()],
        history=[_history(record) for record in history],
    )
