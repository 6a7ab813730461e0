"""Writing the catalogue: drafts, the 三审 review, publication, withdrawal, attachments and guide settings.

Each service is one transaction: a refusal (NotPermitted, ValidationError, the core's ReviewError)
writes nothing. A review step locks the item (select_for_update) and checks the stage the reviewer
saw, so two reviewers approving the same step at once never both succeed: the second finds the
item moved on and is refused with ``catalogue_stage_changed``.

A published item is changed (变更) only through a new revision (`start_revision`): a draft holding
the whole item as it is to read afterwards, reviewed like any draft; its 终审 publishes it and
supersedes the revision in force, in one transaction.

终审 is where an item becomes public, so its approval first passes the 保密审查 (`gongkai_web.gate`,
docs/gate.md) on the item's public text and the text of its attachments (read by `gongkai.filetext`
in a bounded worker before the transaction; one that cannot be read is flagged). The one refusal
that writes something: a blocked text stays at 终审 and the 不得公开 record is kept (committed
before PublicationBlocked is raised).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q

from gongkai.catalogue import (
    REVIEW_NAMES,
    REVIEW_STAGES,
    ReviewError,
    Stage,
    Step,
    category,
    check_reviewer,
    next_stage,
    publication_due,
)
from gongkai.filetext import FileText, NamedFile, extract_bounded
from gongkai_web.accounts.models import User
from gongkai_web.applications.attachments import (
    MAX_FILES,
    AttachmentRefused,
    CheckedUpload,
    Refusal,
    stored_file,
)
from gongkai_web.applications.services import NotPermitted
from gongkai_web.bodies.models import Body
from gongkai_web.catalogue.access import (
    may_draft,
    may_edit,
    may_edit_guide,
    may_review,
    may_withdraw,
)
from gongkai_web.catalogue.models import CatalogueAttachment, CatalogueItem, GuideSettings, ReviewRecord
from gongkai_web.gate.models import PublicationReview
from gongkai_web.gate.services import PublicationBlocked, review_for_publication
from gongkai_web.portal.models import HelpDesk
from gongkai_web.workcalendar.queries import work_calendar

SERIAL_DIGITS = 5
REASON_MAX = 500


@dataclass(frozen=True)
class ItemFields:
    """What an author writes: everything of an item but its body, stage and dates of review."""

    title: str
    issuer: str
    document_number: str
    created_on: dt.date
    category: str
    text: str
    index_number: str = ""  # empty: the default <prefix>/<year>-<serial>; a revision keeps the item's
    changed_on: dt.date | None = None  # a revision's day of change (变更), from which 第二十六条 counts


def index_prefix(body: Body) -> str:
    """The body's 索引号 prefix: its own (usually the 统一社会信用代码), else ``B`` and its number."""
    settings = GuideSettings.objects.filter(body=body).first()
    if settings is not None and settings.index_prefix:
        return settings.index_prefix
    return f"B{body.pk:04d}"


def next_index_number(body: Body, year: int) -> str:
    """``<prefix>/<year>-<serial>``, the serial one past the highest of the year in that scheme."""
    stem = f"{index_prefix(body)}/{year}-"
    pattern = re.compile(re.escape(stem) + r"(\d+)$")
    serials = [
        int(match.group(1))
        for number in CatalogueItem.objects.filter(body=body, index_number__startswith=stem).values_list(
            "index_number", flat=True
        )
        if (match := pattern.match(number))
    ]
    return f"{stem}{max(serials, default=0) + 1:0{SERIAL_DIGITS}d}"


def _check_fields(
    body: Body, fields: ItemFields, *, exclude: int | None = None, revision: bool = False
) -> None:
    category(fields.category)  # raises UnknownCategoryError
    if revision and fields.changed_on is None:
        raise ValidationError("请填写变更日期", code="catalogue_changed_on_required")
    for name, label, value in (
        ("title", "标题", fields.title),
        ("issuer", "发布机构", fields.issuer),
        ("text", "正文", fields.text),
    ):
        if not value.strip():
            raise ValidationError(f"请填写{label}", code=f"catalogue_{name}_required")
    if fields.index_number and not revision:
        clash = CatalogueItem.objects.filter(body=body, index_number=fields.index_number)
        if exclude is not None:
            clash = clash.exclude(pk=exclude)
        if clash.exists():
            raise ValidationError(
                f"索引号“{fields.index_number}”已被本机关的其他信息使用", code="catalogue_index_number_taken"
            )


def _apply(item: CatalogueItem, fields: ItemFields) -> None:
    if item.revises_id is not None:
        item.changed_on = fields.changed_on
    due = publication_due(item.changed_on or fields.created_on, work_calendar())
    item.title = fields.title.strip()
    item.issuer = fields.issuer.strip()
    item.document_number = fields.document_number.strip()
    item.created_on = fields.created_on
    item.category = fields.category
    item.text = fields.text.strip()
    item.publish_by = due.date
    item.publish_by_provisional = due.provisional


@transaction.atomic
def create_draft(
    *, body: Body, actor: User, fields: ItemFields, uploads: Sequence[CheckedUpload] = ()
) -> CatalogueItem:
    """A new draft by ``actor``; without an index number the body's next default one is given."""
    if not may_draft(actor, body):
        raise NotPermitted(f"{actor} 不能为{body.name}起草主动公开信息", code="catalogue_not_drafter")
    Body.objects.select_for_update().get(pk=body.pk)  # one default serial at a time per body
    _check_fields(body, fields)
    item = CatalogueItem(
        body=body,
        author=actor,
        index_number=fields.index_number.strip() or next_index_number(body, fields.created_on.year),
    )
    _apply(item, fields)
    item.save()
    _attach(item, uploads, actor)
    return item


@transaction.atomic
def edit_draft(
    *,
    item: CatalogueItem,
    actor: User,
    fields: ItemFields,
    uploads: Sequence[CheckedUpload] = (),
    remove: Sequence[int] = (),
) -> CatalogueItem:
    """The author's changes to their draft (a new one, a returned one, or a revision); ``remove``
    names attachments of the draft to take off it."""
    item = CatalogueItem.objects.select_for_update().select_related("body").get(pk=item.pk)
    if not may_edit(actor, item):
        raise NotPermitted(f"{actor} 不能修改这条信息（只有起草人能修改草稿）", code="catalogue_not_author")
    revision = item.revises_id is not None
    _check_fields(item.body, fields, exclude=item.pk, revision=revision)
    if fields.index_number.strip() and not revision:
        item.index_number = fields.index_number.strip()
    _apply(item, fields)
    item.save()
    _detach(item, remove)
    _attach(item, uploads, actor)
    return item


def open_revision(item: CatalogueItem) -> CatalogueItem | None:
    """The revision of ``item`` being drafted or reviewed, if any (there is at most one)."""
    first = item.first_revision_id
    open_stages = [Stage.DRAFT.value, *(stage.value for stage in REVIEW_STAGES)]
    return CatalogueItem.objects.filter(revises_id=first, stage__in=open_stages).first()


@transaction.atomic
def start_revision(
    *, item: CatalogueItem, actor: User, fields: ItemFields, uploads: Sequence[CheckedUpload] = ()
) -> CatalogueItem:
    """A draft of a change (变更) of the published ``item``: the item as ``fields`` would have it.

    The draft keeps the item's 索引号 and starts with its attachments (the same stored files); it
    is reviewed as any draft, and while it is the public sees ``item`` unchanged. Refused when
    ``item`` is not the revision in force or another change of it is open.
    """
    item = CatalogueItem.objects.select_for_update().select_related("body").get(pk=item.pk)
    if not may_draft(actor, item.body):  # an outsider learns nothing of the item's stage
        raise NotPermitted(
            f"{actor} 不能为{item.body.name}起草已发布信息的变更", code="catalogue_not_drafter"
        )
    if item.stage != Stage.PUBLISHED:
        raise ReviewError(
            f"“{item.stage_enum.label}”的信息不能变更，只能变更现行的已发布版本",
            code="catalogue_not_in_force",
        )
    pending = open_revision(item)
    if pending is not None:
        raise ReviewError(
            f"这条信息的第 {pending.revision} 版变更尚在“{pending.stage_enum.label}”，"
            "请在其发布后再起草新的变更",
            code="catalogue_revision_open",
        )
    _check_fields(item.body, fields, revision=True)
    first = item.first_revision_id
    revision = CatalogueItem(
        body=item.body,
        author=actor,
        index_number=item.index_number,
        revises_id=first,
        revision=item.revision + 1,
    )
    _apply(revision, fields)
    try:
        with transaction.atomic():
            revision.save()
    except IntegrityError:  # another change of the item was started at the same moment
        raise ReviewError("这条信息已有一个变更正在起草或审核", code="catalogue_revision_open") from None
    for kept in item.attachments.all():
        CatalogueAttachment.objects.create(
            item=revision,
            file=kept.file.name,
            original_name=kept.original_name,
            content_type=kept.content_type,
            size=kept.size,
            sha256=kept.sha256,
            uploaded_by=kept.uploaded_by,
            uploaded_at=kept.uploaded_at,
        )
    _attach(revision, uploads, actor)
    return revision


def _detach(item: CatalogueItem, remove: Sequence[int]) -> None:
    """Take attachments off a draft; a file no other revision holds is deleted once this is committed."""
    storage = CatalogueAttachment.file.field.storage
    for attachment in CatalogueAttachment.objects.filter(item=item, pk__in=remove):
        name = attachment.file.name
        attachment.delete()
        if not CatalogueAttachment.objects.filter(file=name).exists():
            transaction.on_commit(partial(storage.delete, name))


def _attach(item: CatalogueItem, uploads: Sequence[CheckedUpload], actor: User) -> None:
    """Store checked uploads with the item; files stored before a failure are removed again."""
    if item.attachments.count() + len(uploads) > MAX_FILES:
        raise AttachmentRefused(uploads[-1].original_name, Refusal.TOO_MANY)
    stored: list[str] = []
    try:
        for upload in uploads:
            attachment = CatalogueAttachment(item=item, uploaded_by=actor, **upload.row_fields())
            with stored_file(attachment, upload) as name:
                attachment.save()
            stored.append(name)
    except BaseException:
        for name in stored:  # the files of the uploads before the one that failed
            CatalogueAttachment.file.field.storage.delete(name)
        raise


def _locked(item: CatalogueItem, seen: Stage) -> CatalogueItem:
    locked = CatalogueItem.objects.select_for_update(of=("self",)).select_related("body").get(pk=item.pk)
    if locked.stage != seen:
        raise ReviewError(
            f"这条信息已是“{locked.stage_enum.label}”，不再是您打开时的“{seen.label}”，请刷新后查看",
            code="catalogue_stage_changed",
        )
    return locked


def _record(item: CatalogueItem, stage: Stage, step: Step, actor: User, reason: str = "") -> ReviewRecord:
    return ReviewRecord.objects.create(
        item=item, round=item.round, stage=stage.value, step=step.value, reason=reason, actor=actor
    )


def _reason(step: Step, reason: str) -> str:
    text = reason.strip()
    if step.needs_reason and not text:
        raise ValidationError(f"{step.label}须说明理由", code="catalogue_reason_required")
    if len(text) > REASON_MAX:
        raise ValidationError(f"理由不能超过 {REASON_MAX} 字", code="catalogue_reason_too_long")
    return text


@transaction.atomic
def submit_draft(*, item: CatalogueItem, actor: User) -> CatalogueItem:
    """The author sends the draft to 初审; a new round of review begins."""
    item = _locked(item, Stage.DRAFT)
    if not may_edit(actor, item):
        raise NotPermitted(f"{actor} 不能提交这条信息（只有起草人能提交）", code="catalogue_not_author")
    item.stage = next_stage(Stage.DRAFT, Step.SUBMIT).value
    item.round += 1
    item.save(update_fields=["stage", "round", "updated_at"])
    _record(item, Stage.DRAFT, Step.SUBMIT, actor)
    return item


def review_item(
    *,
    item: CatalogueItem,
    actor: User,
    seen: Stage,
    step: Step,
    reason: str = "",
    today: dt.date,
    confirmation: str = "",
) -> CatalogueItem:
    """Approve or return the item at the review it waits for; 终审's approval publishes it on ``today``.

    ``seen`` is the stage the reviewer's page showed: a step decided meanwhile by someone else is
    refused, never taken twice.

    终审's approval is also the 保密审查 of `CatalogueItem.publication_text` and of the attachments'
    text (`attachment_texts`; an unreadable attachment is flagged): flagged content needs
    the reviewer's ``confirmation`` (else the gate's ConfirmationRequired, nothing recorded);
    blocked content is not published: the item stays at 终审, no review step is recorded, and the
    gate's PublicationBlocked is raised once the 不得公开 record is committed.
    """
    publishes = step is Step.APPROVE and next_stage(seen, step) is Stage.PUBLISHED
    # Read before the transaction: reading files may take seconds and must not hold the item's lock.
    attachments = attachment_texts(item) if publishes else []
    reviewed, blocked = _review_item(
        item=item,
        actor=actor,
        seen=seen,
        step=step,
        reason=reason,
        today=today,
        confirmation=confirmation,
        attachments=attachments,
    )
    if blocked is not None:
        raise PublicationBlocked(blocked, "信息的标题、文号、正文或附件")
    return reviewed


def attachment_texts(item: CatalogueItem) -> list[FileText]:
    """The text of each of the item's attachments, read in a bounded worker (`gongkai.filetext`)."""
    files = []
    for attachment in item.attachments.order_by("pk"):
        with attachment.file.open("rb") as stored:
            files.append(NamedFile(attachment.original_name, stored.read()))
    return extract_bounded(files)


@transaction.atomic
def _review_item(
    *,
    item: CatalogueItem,
    actor: User,
    seen: Stage,
    step: Step,
    reason: str,
    today: dt.date,
    confirmation: str,
    attachments: Sequence[FileText],
) -> tuple[CatalogueItem, PublicationReview | None]:
    """The step in one transaction; the blocking review, if the gate refused publication."""
    if step not in (Step.APPROVE, Step.RETURN):
        raise ValueError(f"{step} is not a review step")
    item = _locked(item, seen)
    if not may_review(actor, item):
        raise NotPermitted(
            f"{actor} 的岗位不能对这条信息作{REVIEW_NAMES.get(seen, seen.label)}",
            code="catalogue_not_reviewer",
        )
    text = _reason(step, reason)
    stage = next_stage(seen, step)
    if step is Step.APPROVE:
        earlier = ReviewRecord.objects.filter(
            item=item, round=item.round, step=Step.APPROVE.value
        ).values_list("actor_id", flat=True)
        check_reviewer(reviewer=actor.pk, author=item.author_id, earlier_reviewers=earlier, stage=seen)
    if stage is Stage.PUBLISHED:
        if [(file.name, file.sha256) for file in attachments] != item.attachment_files():
            raise ReviewError("信息的附件已改变，请重新终审", code="catalogue_attachments_changed")
        review = review_for_publication(
            body=item.body,
            subject=item,
            text=item.publication_text(),
            actor=actor,
            confirmation=confirmation,
            attachments=attachments,
        )
        if not review.approved:
            return item, review
    item.stage = stage.value
    fields = ["stage", "updated_at"]
    if stage is Stage.PUBLISHED:
        item.published_on = today
        fields.append("published_on")
        if item.revises_id is not None:
            _supersede(item, actor)
    item.save(update_fields=fields)
    _record(item, seen, step, actor, text)
    return item, None


def _supersede(revision: CatalogueItem, actor: User) -> None:
    """The revision in force gives way to ``revision``, now published; refused if none is in force."""
    in_force = (
        CatalogueItem.objects.select_for_update()
        .filter(Q(pk=revision.revises_id) | Q(revises_id=revision.revises_id), stage=Stage.PUBLISHED.value)
        .exclude(pk=revision.pk)
        .first()
    )
    if in_force is None:
        raise ReviewError("这条信息已撤回，变更不能发布；请退回起草人", code="catalogue_not_in_force")
    in_force.stage = next_stage(Stage.PUBLISHED, Step.SUPERSEDE).value
    in_force.save(update_fields=["stage", "updated_at"])
    _record(in_force, Stage.PUBLISHED, Step.SUPERSEDE, actor, f"由第 {revision.revision} 版替代")


@transaction.atomic
def withdraw_item(*, item: CatalogueItem, actor: User, reason: str, today: dt.date) -> CatalogueItem:
    """撤回 a published item on ``today``, with the reason on record; it leaves the public catalogue,
    and its address says that it was withdrawn and when."""
    item = _locked(item, Stage.PUBLISHED)
    if not may_withdraw(actor, item):
        raise NotPermitted(f"{actor} 不能撤回{item.body.name}已发布的信息", code="catalogue_not_withdrawer")
    text = _reason(Step.WITHDRAW, reason)
    item.stage = next_stage(Stage.PUBLISHED, Step.WITHDRAW).value
    item.withdrawn_on = today
    item.save(update_fields=["stage", "withdrawn_on", "updated_at"])
    _record(item, Stage.PUBLISHED, Step.WITHDRAW, actor, text)
    return item


@transaction.atomic
def refresh_due_dates(*, year: int) -> int:
    """Recompute 第二十六条 days of items created in ``year`` or the year before (calendar changed)."""
    calendar = work_calendar()
    changed = 0
    for item in CatalogueItem.objects.select_for_update().filter(created_on__year__in=[year - 1, year]):
        due = publication_due(item.created_on, calendar)
        if (item.publish_by, item.publish_by_provisional) != (due.date, due.provisional):
            item.publish_by, item.publish_by_provisional = due.date, due.provisional
            item.save(update_fields=["publish_by", "publish_by_provisional"])
            changed += 1
    return changed


@dataclass(frozen=True)
class GuideFields:
    """The guide's settings as the administrator edits them: the help desk's and the guide's own."""

    phone: str
    address: str
    hours: str
    office_name: str
    postcode: str
    fax: str
    email: str
    website: str
    index_prefix: str


GUIDE_OWN = ("office_name", "postcode", "fax", "email", "website", "index_prefix")
HELP_DESK_FIELDS = ("phone", "address", "hours")


@transaction.atomic
def save_guide_settings(*, body: Body, actor: User, fields: GuideFields) -> GuideSettings:
    """Store the guide's settings: phone, address and hours in the portal's HelpDesk, the rest here."""
    if not may_edit_guide(actor, body):
        raise NotPermitted(
            f"{actor} 不能修改{body.name}的政府信息公开指南", code="catalogue_not_guide_editor"
        )
    HelpDesk.objects.update_or_create(
        body=body, defaults={name: getattr(fields, name).strip() for name in HELP_DESK_FIELDS}
    )
    settings, _ = GuideSettings.objects.update_or_create(
        body=body, defaults={name: getattr(fields, name).strip() for name in GUIDE_OWN}
    )
    return settings
