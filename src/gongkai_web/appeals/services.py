"""Recording reviews and suits against the body's disclosure decisions, and how they ended.

Who: the body's reviewers and heads (Duty.REVIEW), who answer for the decision being challenged.
What: a review or suit arises from an application the body closed (答复 or 视为放弃: a decision
that can be challenged) and is filed on or after the day it closed. Every change is written to
the application's case log with who made it; a concluded result is never silently replaced: a
correction states its reason, and the log keeps the old and the new result.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction

from gongkai.cases import REVIEW, AppealResult
from gongkai_web.accounts.models import User
from gongkai_web.appeals.models import Appeal, Review, Suit
from gongkai_web.appeals.queries import is_appealable
from gongkai_web.applications.models import Application, LogKind
from gongkai_web.applications.services import NotPermitted, log
from gongkai_web.bodies.permissions import Duty, can


@transaction.atomic
def record_review(
    *, application: Application, authority: str, case_number: str, filed_on: dt.date, actor: User
) -> Review:
    """Record a 行政复议 of ``application`` before ``authority``, filed on ``filed_on``."""
    application = _appealable(application, actor, REVIEW.label, filed_on)
    review = Review(
        application=application,
        authority=authority.strip(),
        case_number=case_number.strip(),
        filed_on=filed_on,
        recorded_by=actor,
    )
    _save_new(review, "复议机关", review.authority)
    log(
        application,
        LogKind.APPEAL,
        f"登记行政复议：{review.authority}，案号{review.case_number}，{filed_on.isoformat()}提起",
        actor=actor,
        details={"review": review.pk},
    )
    return review


@transaction.atomic
def record_suit(
    *,
    application: Application,
    court: str,
    case_number: str,
    filed_on: dt.date,
    after_review: Review | None,
    actor: User,
) -> Suit:
    """Record a 行政诉讼 over ``application`` in ``court``: after ``after_review``, or directly (None).

    The review must be of the same application and filed no later than the suit.
    """
    application = _appealable(application, actor, "行政诉讼", filed_on)
    if after_review is not None:
        if after_review.application_id != application.pk:
            raise ValidationError(
                f"行政复议（{after_review}）不是就该申请提起的，不能作为本诉讼经过的复议",
                code="review_of_other_case",
            )
        if filed_on < after_review.filed_on:
            raise ValidationError(
                f"起诉日期 {filed_on.isoformat()} 早于所经行政复议的提起日期 "
                f"{after_review.filed_on.isoformat()}",
                code="suit_before_review",
            )
    suit = Suit(
        application=application,
        court=court.strip(),
        case_number=case_number.strip(),
        filed_on=filed_on,
        after_review=after_review,
        recorded_by=actor,
    )
    _save_new(suit, "受理法院", suit.court)
    log(
        application,
        LogKind.APPEAL,
        f"登记行政诉讼（{suit.kind.label}）：{suit.court}，案号{suit.case_number}，{filed_on.isoformat()}起诉",
        actor=actor,
        details={"suit": suit.pk, "after_review": after_review.pk if after_review else None},
    )
    return suit


@transaction.atomic
def conclude_review(
    *, review: Review, result: AppealResult, concluded_on: dt.date, actor: User, reason: str = ""
) -> Review:
    """Record how the review ended; changing a recorded result needs ``reason`` (see `conclude_suit`)."""
    locked = Review.objects.select_for_update().select_related("application__body").get(pk=review.pk)
    _conclude(locked, result, concluded_on, actor, reason, key="review")
    return locked


@transaction.atomic
def conclude_suit(
    *, suit: Suit, result: AppealResult, concluded_on: dt.date, actor: User, reason: str = ""
) -> Suit:
    """Record how the suit ended (结果维持, 结果纠正 or 其他结果) on ``concluded_on``.

    A case already concluded keeps its result unless ``reason`` says why it is corrected; the
    correction is logged with the old and the new result. Recording the same result again is
    refused, so that a form sent twice changes nothing.
    """
    locked = Suit.objects.select_for_update().select_related("application__body").get(pk=suit.pk)
    _conclude(locked, result, concluded_on, actor, reason, key="suit")
    return locked


def _conclude(
    appeal: Appeal, result: AppealResult, concluded_on: dt.date, actor: User, reason: str, *, key: str
) -> None:
    application = appeal.application
    _check_may(actor, application, f"记录{appeal.kind.title}的审结结果")
    title = f"{appeal.kind.title}（案号{appeal.case_number}）"
    if concluded_on < appeal.filed_on:
        raise ValidationError(
            f"审结日期 {concluded_on.isoformat()} 早于{title}的提起日期 {appeal.filed_on.isoformat()}",
            code="concluded_before_filed",
        )
    previous = appeal.appeal_result
    previous_on = appeal.concluded_on
    reason = reason.strip()
    new = f"{result.label}（{concluded_on.isoformat()}审结）"
    if previous is None or previous_on is None:
        summary = f"{title}审结：{new}"
    else:
        old = f"{previous.label}（{previous_on.isoformat()}审结）"
        if previous == result and previous_on == concluded_on:
            raise ValidationError(f"{title}已记录为{old}", code="already_concluded")
        if not reason:
            raise ValidationError(
                f"{title}已记录为{old}，更正审结结果须说明理由", code="correction_reason_required"
            )
        summary = f"更正{title}的审结结果：由{old}改为{new}，理由：{reason}"
    appeal.result = result.id
    appeal.concluded_on = concluded_on
    appeal.save(update_fields=["result", "concluded_on"])
    details: dict[str, object] = {
        key: appeal.pk,
        "result": result.id,
        "concluded_on": concluded_on.isoformat(),
    }
    if previous is not None and previous_on is not None:
        details |= {
            "previous_result": previous.id,
            "previous_concluded_on": previous_on.isoformat(),
            "reason": reason,
        }
    log(application, LogKind.APPEAL, summary, actor=actor, details=details)


def _appealable(application: Application, actor: User, what: str, filed_on: dt.date) -> Application:
    """The application, locked, if ``actor`` may record an appeal on it filed on ``filed_on``."""
    application = (
        Application.objects.select_for_update(of=("self",)).select_related("body").get(pk=application.pk)
    )
    _check_may(actor, application, f"登记{what}")
    if not is_appealable(application) or application.closed_on is None:
        raise ValidationError(
            f"申请当前状态为“{application.case_status.label}”，尚无可以申请{what}的答复或终止办理决定，不能登记{what}",
            code="case_not_appealable",
        )
    if filed_on < application.closed_on:
        raise ValidationError(
            f"{what}的提起日期 {filed_on.isoformat()} 早于申请办结日期 {application.closed_on.isoformat()}",
            code="appeal_before_decision",
        )
    return application


def _check_may(actor: User, application: Application, doing: str) -> None:
    body = application.body
    if not can(actor, Duty.REVIEW, body):
        raise NotPermitted(f"{actor} 不是{body.name}的审核人员或负责人，不能{doing}", code="not_reviewer")


def _save_new(appeal: Review | Suit, authority_label: str, authority: str) -> None:
    """Validate and store a new review or suit; a case number already recorded there is refused."""
    try:
        appeal.full_clean(
            exclude=["application", "recorded_by", "after_review"],
            validate_unique=False,
            validate_constraints=False,
        )
    except ValidationError as error:
        raise ValidationError(_messages(appeal, error), code="appeal_invalid") from error
    try:
        with transaction.atomic():  # a savepoint: the outer transaction survives the IntegrityError
            appeal.save()
    except IntegrityError:
        raise ValidationError(
            f"{authority_label}“{authority}”的案号“{appeal.case_number}”已经登记，不能重复登记",
            code="duplicate_case_number",
        ) from None


def _messages(appeal: Review | Suit, error: ValidationError) -> str:
    """Field errors as one line, each named by its label: ``案号：这个字段不能为空。``."""
    return "；".join(
        f"{_label(appeal, field)}：{message}"
        for field, messages in error.message_dict.items()
        for message in messages
    )


def _label(appeal: Review | Suit, name: str) -> str:
    field = appeal._meta.get_field(name)
    return str(field.verbose_name) if isinstance(field, models.Field) else name
