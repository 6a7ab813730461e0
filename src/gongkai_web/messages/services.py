"""Receiving, routing, answering and publishing public messages; converting and referring them.

Each service is one transaction that locks the message, asks the core (`gongkai.messages`) whether
the step is allowed, writes the change and a line of the message's log. A refusal (NotPermitted,
ValidationError, the core's MessageError) writes nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from gongkai.cases import ApplicantType
from gongkai.messages import (
    ANSWER_MAX,
    CONTACT_MAX,
    REASON_MAX,
    TEXT_MAX,
    TITLE_MAX,
    MessageError,
    MessageKind,
    MessageStatus,
    MessageStep,
    Publication,
    answer_due,
    check_answer_limit,
    next_status,
    publication_refusal,
)
from gongkai_web.accounts.models import User
from gongkai_web.applications.models import (
    Application,
    Channel,
    Delivery,
    Medium,
    ReceiptBasis,
)
from gongkai_web.applications.models import (
    LogKind as CaseLogKind,
)
from gongkai_web.applications.services import NotPermitted, register_application
from gongkai_web.applications.services import log as case_log
from gongkai_web.bodies.models import Body, Department
from gongkai_web.gate.models import PublicationReview
from gongkai_web.gate.services import review_for_publication
from gongkai_web.messages.access import may_answer, may_convert, may_moderate, may_publish, may_set_limit
from gongkai_web.messages.models import OPEN_STATUSES, LogKind, Message, MessageLogEntry, MessageSettings
from gongkai_web.messages.queries import answer_limit_of
from gongkai_web.workcalendar.queries import work_calendar


@dataclass(frozen=True)
class Submission:
    message: Message
    repeated: bool  # this form had been sent before: the first message is returned unchanged


def _log(message: Message, kind: LogKind, summary: str, actor: User | None) -> MessageLogEntry:
    return MessageLogEntry.objects.create(message=message, kind=kind, summary=summary, actor=actor)


def _required(value: str, label: str, limit: int, code: str) -> str:
    text = value.strip()
    if not text:
        raise ValidationError(f"请填写{label}", code=f"{code}_required")
    if len(text) > limit:
        raise ValidationError(
            f"{label}不能超过 {limit} 个字，实际为 {len(text)} 个字", code=f"{code}_too_long"
        )
    return text


@transaction.atomic
def submit_message(
    *,
    body: Body,
    kind: MessageKind,
    title: str,
    text: str,
    contact: str,
    consents_to_publication: bool,
    submission_key: str,
    today: dt.date,
) -> Submission:
    """Register a message left on the portal today; the period is the one the body has set today.

    A ``submission_key`` seen before returns the message it made (a second click, a reload).
    """
    existing = Message.objects.filter(submission_key=submission_key).first()
    if existing is not None:
        return Submission(_same_body(existing, body), repeated=True)
    limit = answer_limit_of(body)
    due = answer_due(today, limit, work_calendar())
    message = Message(
        body=body,
        kind=MessageKind(kind).value,
        title=" ".join(_required(title, "标题", TITLE_MAX, "message_title").split()),
        text=_required(text, "留言内容", TEXT_MAX, "message_text"),
        contact=_required(contact, "联系方式", CONTACT_MAX, "message_contact"),
        consents_to_publication=consents_to_publication,
        publication=(Publication.PENDING if consents_to_publication else Publication.PRIVATE).value,
        received_on=today,
        submission_key=submission_key,
        answer_limit=limit,
        due_on=due.date,
        due_provisional=due.provisional,
    )
    try:
        with transaction.atomic():
            message.save()
    except IntegrityError:
        # Another request with the same key committed first; its message is this one.
        return Submission(_same_body(Message.objects.get(submission_key=submission_key), body), repeated=True)
    _log(message, LogKind.RECEIVED, f"收到{MessageKind(kind).label}留言，{limit} 个工作日内答复", None)
    return Submission(message, repeated=False)


def _same_body(message: Message, body: Body) -> Message:
    if message.body_id != body.pk:
        raise ValidationError("该提交标识已用于另一机关的留言", code="submission_key_reused")
    return message


def _locked(message: Message, step: MessageStep) -> tuple[Message, MessageStatus]:
    """The message locked for the step, and the status the core says follows it (or MessageError)."""
    locked = (
        Message.objects.select_for_update(of=("self",))
        .select_related("body", "department")
        .get(pk=message.pk)
    )
    return locked, next_status(locked.message_status, step)


def _reason(reason: str, label: str, code: str) -> str:
    return _required(reason, label, REASON_MAX, code)


@transaction.atomic
def route_message(*, message: Message, department: Department, actor: User, reason: str = "") -> Message:
    """Send the message to ``department``; moving it to another one (改派) needs a reason."""
    message, after = _locked(message, MessageStep.ROUTE)
    body = message.body
    if not may_moderate(actor, body):
        raise NotPermitted(f"{actor} 不能为{body.name}的留言分办", code="message_not_moderator")
    if department.body_id != body.pk:
        raise ValidationError(f"股室“{department.name}”不属于{body.name}", code="department_of_other_body")
    previous = message.department
    if previous is not None and previous.pk == department.pk:
        raise ValidationError(f"留言已由“{department.name}”办理", code="message_already_routed")
    message.department = department
    message.status = after.value
    message.save(update_fields=["department", "status"])
    if previous is None:
        _log(message, LogKind.ROUTED, f"分办至{department.name}", actor)
    else:
        why = _reason(reason, "改派理由", "message_reroute_reason")
        _log(message, LogKind.REROUTED, f"由{previous.name}改派至{department.name}：{why}", actor)
    return message


@transaction.atomic
def answer_message(*, message: Message, actor: User, answer: str, on: dt.date) -> Message:
    """The department's answer, given on ``on`` (not before the message was received)."""
    message, after = _locked(message, MessageStep.ANSWER)
    if not may_answer(actor, message):
        where = message.department.name if message.department else message.body.name
        raise NotPermitted(f"{actor} 不是{where}的承办人员，不能答复这条留言", code="message_not_handler")
    if on < message.received_on:
        raise ValidationError(
            f"答复日期 {on.isoformat()} 早于收到留言日期 {message.received_on.isoformat()}",
            code="message_answer_before_receipt",
        )
    message.answer = _required(answer, "答复内容", ANSWER_MAX, "message_answer")
    message.answered_on = on
    message.answered_by = actor
    message.status = after.value
    message.save(update_fields=["answer", "answered_on", "answered_by", "status"])
    late = "（超过答复期限）" if on > message.due_on else ""
    _log(message, LogKind.ANSWERED, f"{on.isoformat()} 答复{late}", actor)
    return message


@transaction.atomic
def revise_answer(*, message: Message, actor: User, answer: str) -> Message:
    """Change an answer that is not public (after the 保密审查 blocked it, say); its date stays."""
    message, after = _locked(message, MessageStep.REVISE_ANSWER)
    if not may_answer(actor, message):
        raise NotPermitted(f"{actor} 不能修改这条留言的答复", code="message_not_handler")
    if message.publication_state is Publication.PUBLISHED:
        raise MessageError(
            "答复已经公开，不能修改；确需修改的，请先标记为不宜公开", code="message_already_published"
        )
    revised = _required(answer, "答复内容", ANSWER_MAX, "message_answer")
    if revised == message.answer:
        raise ValidationError("答复内容没有变化", code="message_answer_unchanged")
    message.answer = revised
    message.status = after.value
    message.save(update_fields=["answer", "status"])
    _log(message, LogKind.REVISED, "修改答复", actor)
    return message


@transaction.atomic
def publish_answer(*, message: Message, actor: User, confirmation: str = "") -> PublicationReview:
    """Put the question and answer through the 保密审查 and publish them if approved.

    Returns the review: blocked content stays unpublished and the review (with its masked hits) is
    kept and returned, not raised. Raises the core's MessageError when the message cannot be
    published at all (not answered, private, unsuitable, already published), NotPermitted for
    someone who is not a reviewer or head, and the gate's ConfirmationRequired for flagged content
    without a reason.
    """
    message = Message.objects.select_for_update(of=("self",)).select_related("body").get(pk=message.pk)
    refusal = publication_refusal(message.message_status, message.publication_state)
    if refusal is not None:
        raise refusal
    if not may_publish(actor, message.body):
        raise NotPermitted(
            f"{actor} 不是{message.body.name}的审核人员或负责人，不能公开留言", code="message_not_publisher"
        )
    review = review_for_publication(
        body=message.body,
        subject=message,
        text=message.publication_text(),
        actor=actor,
        confirmation=confirmation,
    )
    if not review.approved:
        codes = "、".join(dict.fromkeys(hit["code"] for hit in review.hits))
        _log(message, LogKind.GATE_BLOCKED, f"保密审查不得公开（{codes}）", actor)
        return review
    message.publication = Publication.PUBLISHED.value
    message.published_at = timezone.now()
    message.save(update_fields=["publication", "published_at"])
    _log(message, LogKind.PUBLISHED, "经保密审查，公开留言及答复", actor)
    return review


@transaction.atomic
def withhold_publication(*, message: Message, actor: User, reason: str) -> Message:
    """A moderator decides the message is not to be published (with the reason), published or not."""
    message = Message.objects.select_for_update(of=("self",)).select_related("body").get(pk=message.pk)
    if not may_moderate(actor, message.body):
        raise NotPermitted(f"{actor} 不能决定{message.body.name}留言的公开", code="message_not_moderator")
    if message.publication_state in {Publication.PRIVATE, Publication.UNSUITABLE}:
        raise MessageError(f"留言已是“{message.publication_state.label}”", code="message_not_public_already")
    why = _reason(reason, "不宜公开的理由", "message_unsuitable_reason")
    message.publication = Publication.UNSUITABLE.value
    message.publication_reason = why
    message.published_at = None
    message.save(update_fields=["publication", "publication_reason", "published_at"])
    _log(message, LogKind.UNSUITABLE, f"不宜公开：{why}", actor)
    return message


@transaction.atomic
def mark_spam(*, message: Message, actor: User, reason: str) -> Message:
    """Hide a spam or abusive message: out of the queue, never published, counted apart."""
    message, after = _locked(message, MessageStep.MARK_SPAM)
    if not may_moderate(actor, message.body):
        raise NotPermitted(f"{actor} 不能处理{message.body.name}的留言", code="message_not_moderator")
    why = _reason(reason, "理由", "message_spam_reason")
    message.status = after.value
    message.save(update_fields=["status"])
    _log(message, LogKind.SPAM, f"标记为垃圾信息：{why}", actor)
    return message


@transaction.atomic
def refer_as_petition(*, message: Message, actor: User, referral: str) -> Message:
    """A 信访/投诉/举报 matter, referred to the petition channel: not an application, in no row of 三."""
    message, after = _locked(message, MessageStep.REFER_AS_PETITION)
    if not may_moderate(actor, message.body):
        raise NotPermitted(f"{actor} 不能处理{message.body.name}的留言", code="message_not_moderator")
    message.referral = _reason(referral, "转办说明", "message_referral")
    message.status = after.value
    message.save(update_fields=["referral", "status"])
    _log(message, LogKind.PETITION, f"按信访事项转办：{message.referral}", actor)
    return message


@transaction.atomic
def convert_to_application(
    *,
    message: Message,
    actor: User,
    applicant_type: ApplicantType,
    applicant_name: str,
    identity_document: str,
    contact: str,
    description: str,
    medium: Medium,
    delivery: Delivery,
    department: Department | None = None,
) -> Application:
    """Register the message as the 依申请公开 application it really is, received on the message's date.

    The message came over the internet and the system confirmed it that day: 条例 第三十一条第（三）项
    makes that day the day of receipt, so the application's clock starts there, not on the day of
    conversion. The application is registered by the registrar through the applications' own
    service; the message and the application point at each other, and both logs say so.
    """
    message, after = _locked(message, MessageStep.CONVERT)
    if not may_convert(actor, message.body):
        raise NotPermitted(
            f"{actor} 不是{message.body.name}的登记人员，不能把留言转为申请", code="message_not_registrar"
        )
    application = register_application(
        body=message.body,
        applicant_type=applicant_type,
        applicant_name=applicant_name,
        identity_document=identity_document,
        contact=contact,
        description=description,
        medium=medium,
        delivery=delivery,
        channel=Channel.ONLINE,
        submitted_on=message.received_on,
        receipt_basis=ReceiptBasis.CONFIRMED_BY_BOTH,
        received_on=message.received_on,
        department=department,
        actor=actor,
    )
    message.application = application
    message.status = after.value
    message.save(update_fields=["application", "status"])
    case_log(
        application,
        CaseLogKind.REGISTERED,
        f"由网上留言（第 {message.pk} 号，{message.received_on.isoformat()} 收到）转为政府信息公开申请",
        actor=actor,
        details={"message": message.pk},
    )
    _log(
        message,
        LogKind.CONVERTED,
        f"转为政府信息公开申请（第 {application.pk} 号），收到日期 {message.received_on.isoformat()}",
        actor,
    )
    return application


@transaction.atomic
def set_answer_limit(*, body: Body, actor: User, days: int) -> MessageSettings:
    """The body's answer period for messages received from now on (those received stay as they were)."""
    if not may_set_limit(actor, body):
        raise NotPermitted(
            f"{actor} 不是{body.name}的管理员或负责人，不能修改留言答复期限",
            code="message_not_settings_editor",
        )
    check_answer_limit(days)
    settings, _ = MessageSettings.objects.update_or_create(
        body=body, defaults={"answer_limit": days, "updated_by": actor}
    )
    return settings


@transaction.atomic
def refresh_due_dates(*, year: int) -> int:
    """Recount the due dates of open messages received in ``year`` or the year before; how many moved."""
    calendar = work_calendar()
    moved = 0
    open_messages = Message.objects.select_for_update().filter(
        status__in=OPEN_STATUSES, received_on__year__gte=year - 1, received_on__year__lte=year
    )
    for message in open_messages:
        due = answer_due(message.received_on, message.answer_limit, calendar)
        if (message.due_on, message.due_provisional) != (due.date, due.provisional):
            message.due_on, message.due_provisional = due.date, due.provisional
            message.save(update_fields=["due_on", "due_provisional"])
            moved += 1
    return moved
