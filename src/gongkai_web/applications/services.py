"""Registering applications and recording what is done on them; the core decides what is lawful."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from gongkai.cases import Action, ApplicantType, Status, apply, replay
from gongkai.clock import ClockStatus
from gongkai.fees import FeeMethod, next_ordinal_in_month
from gongkai_web.accounts.models import User
from gongkai_web.applications.access import ACTION_DUTIES, may_assign, may_take
from gongkai_web.applications.events import case_event, clean_payload, describe
from gongkai_web.applications.models import (
    RECEIPT_BASES,
    SUMMARY_LENGTH,
    Application,
    ApplicationEvent,
    CaseLogEntry,
    Channel,
    Delivery,
    LogKind,
    Medium,
    ReceiptBasis,
)
from gongkai_web.applications.projection import clock_of, project
from gongkai_web.applications.queries import events_of
from gongkai_web.bodies.models import Body, Department
from gongkai_web.bodies.permissions import Duty, can
from gongkai_web.workcalendar.queries import work_calendar


class NotPermitted(PermissionDenied):
    """The user's roles do not allow this step on this application (a view answers 403)."""

    def __init__(self, message: str, *, code: str) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


@transaction.atomic
def register_application(
    *,
    body: Body,
    applicant_type: ApplicantType,
    applicant_name: str,
    identity_document: str,
    contact: str,
    description: str,
    medium: Medium,
    delivery: Delivery,
    channel: Channel,
    submitted_on: dt.date,
    receipt_basis: ReceiptBasis,
    received_on: dt.date,
    department: Department | None = None,
    submission_key: str | None = None,
    actor: User | None = None,
) -> Application:
    """Register an application received on ``received_on`` under 条例 第三十一条's ``receipt_basis``.

    Without ``actor`` the applicant submitted it through the online portal; with one, ``actor`` must
    be a registrar of ``body``. A ``submission_key`` seen before returns the application it created,
    so a form sent twice (or two concurrent requests) never makes two. Raises ValidationError for a
    receipt date the channel's rule does not give, or for invalid fields.
    """
    channel, receipt_basis = Channel(channel), ReceiptBasis(receipt_basis)
    if actor is None and channel != Channel.ONLINE:
        raise NotPermitted(
            f"只有网上申请可以由申请人自行提交，实际提交方式为“{channel.label}”", code="staff_only"
        )
    if actor is not None and not can(actor, Duty.REGISTER, body):
        raise NotPermitted(f"{actor} 不是{body.name}的登记人员，不能登记申请", code="not_registrar")
    if submission_key is not None:
        existing = Application.objects.filter(submission_key=submission_key).first()
        if existing is not None:
            return _same_body(existing, body)
    _check_receipt(
        channel=channel, receipt_basis=receipt_basis, submitted_on=submitted_on, received_on=received_on
    )
    application = Application(
        body=body,
        department=department,
        applicant_type=applicant_type.id,
        applicant_name=applicant_name,
        identity_document=identity_document,
        contact=contact,
        description=description,
        medium=medium,
        delivery=delivery,
        channel=channel,
        submitted_on=submitted_on,
        receipt_basis=receipt_basis,
        received_on=received_on,
        submission_key=submission_key,
        registered_by=actor,
        assigned_by=actor if department is not None else None,
        assigned_at=timezone.now() if department is not None else None,
    )
    # Uniqueness is the database's to decide (below), not a racy query in full_clean.
    application.full_clean(exclude=["tracking_code", "submission_key"])
    _check_department(body, department)
    try:
        with transaction.atomic():  # a savepoint: the outer transaction survives the IntegrityError
            application.save()
    except IntegrityError:
        if submission_key is None:
            raise
        # Another request with the same key committed first; its application is this one.
        return _same_body(Application.objects.get(submission_key=submission_key), body)
    projection = project(application.received_on, [], work_calendar())
    projection.apply_to(application)
    application.save(update_fields=list(projection.FIELDS))
    how = "网上提交" if actor is None else f"{channel.label}，由{actor}登记"
    log(application, LogKind.REGISTERED, f"收到申请 {received_on.isoformat()}（{how}）", actor=actor)
    if department is not None:
        log(application, LogKind.ASSIGNED, f"分办至{department.name}", actor=actor)
    return application


@transaction.atomic
def assign_department(
    *, application: Application, department: Department, actor: User, reason: str = ""
) -> Application:
    """Send the application to ``department`` (by the body's registrar, reviewer or head).

    A first assignment needs no reason; moving an assigned case to another department (改派) needs
    one, and both are written to the case log with who did it. A closed case is not reassigned.
    """
    application = (
        Application.objects.select_for_update(of=("self",))
        .select_related("department")
        .get(pk=application.pk)
    )
    body = application.body
    if not may_assign(actor, application):
        raise NotPermitted(f"{actor} 不能为{body.name}的申请分配承办股室", code="not_assigner")
    _check_department(body, department)
    previous = application.department
    if previous is not None:
        if previous.pk == department.pk:
            raise ValidationError(f"申请已由“{department.name}”承办", code="already_assigned")
        if not reason.strip():
            raise ValidationError("改派承办股室须说明理由", code="reassignment_reason_required")
        _check_reason_fits(reason.strip(), previous, department)
        if application.case_status.is_closed:
            raise ValidationError("申请已办结，不能改派", code="closed_case")
    application.department = department
    application.assigned_by = actor
    application.assigned_at = timezone.now()
    application.save(update_fields=["department", "assigned_by", "assigned_at"])
    if previous is None:
        log(application, LogKind.ASSIGNED, f"分办至{department.name}", actor=actor)
    else:
        log(
            application,
            LogKind.REASSIGNED,
            _reassignment_summary(previous, department, reason.strip()),
            actor=actor,
            details={"from": previous.pk, "to": department.pk, "reason": reason.strip()},
        )
    return application


def _reassignment_summary(previous: Department, department: Department, reason: str) -> str:
    return f"由{previous.name}改派至{department.name}：{reason}"


def _check_reason_fits(reason: str, previous: Department, department: Department) -> None:
    """The reason is written into the case log's summary with both departments' names: it must fit."""
    room = SUMMARY_LENGTH - len(_reassignment_summary(previous, department, ""))
    if len(reason) > room:
        raise ValidationError(
            f"改派理由过长：连同两个股室的名称写入办理记录，理由最多 {room} 个字，实际为 {len(reason)} 个字",
            code="reassignment_reason_too_long",
        )


def log(
    application: Application,
    kind: LogKind,
    summary: str,
    *,
    actor: User | None,
    details: Mapping[str, object] | None = None,
) -> CaseLogEntry:
    """Append a line to the case history; callers are services inside their own transaction."""
    return CaseLogEntry.objects.create(
        application=application, kind=kind, summary=summary, actor=actor, details=dict(details or {})
    )


@transaction.atomic
def record_event(
    *, application: Application, action: Action, on: dt.date, actor: User, **payload: object
) -> ApplicationEvent:
    """Record ``action`` taken on ``on`` by ``actor``, if the case and the clock allow it.

    The application row is locked, its events replayed and the new one applied by the core, so
    an illegal step raises the core's IllegalTransition or DecisionError (or a ClockEventError
    for a step the deadline rules forbid, e.g. a correction request after 7 working days) and
    nothing is written. ``payload`` holds the action's details (`events.PAYLOAD_KEYS`).
    """
    application = (
        Application.objects.select_for_update(of=("self",))
        .select_related("body", "department")
        .get(pk=application.pk)
    )
    _check_may(actor, action, application)
    if on < application.received_on:
        raise ValidationError(
            f"“{action.label}”的日期 {on.isoformat()} 早于收到申请日期 {application.received_on.isoformat()}",
            code="event_before_receipt",
        )
    details = clean_payload(action, on, payload)
    stored = events_of(application)
    if stored and on < stored[-1].on:
        raise ValidationError(
            f"“{action.label}”的日期 {on.isoformat()} 早于上一项办理记录的日期 {stored[-1].on.isoformat()}",
            code="event_out_of_order",
        )
    state = replay(rec.case_event() for rec in stored)
    apply(state, case_event(action, on, details))
    calendar = work_calendar()
    candidate = ApplicationEvent(application=application, action=action, on=on, payload=details, actor=actor)
    clock = clock_of(application.received_on, [*stored, candidate], calendar, on)
    _check_lapse(action, on, stored, clock.status)
    candidate.save()
    projection = project(application.received_on, [*stored, candidate], calendar)
    projection.apply_to(application)
    application.save(update_fields=list(projection.FIELDS))
    log(
        application,
        LogKind.EVENT,
        describe(action, on, details),
        actor=actor,
        details={"event": candidate.pk, "action": action.value},
    )
    return candidate


@transaction.atomic
def refresh_projections(*, year: int) -> int:
    """Recompute the projection of every open case whose dates may touch ``year``; returns how many changed.

    Called when the holiday arrangement of ``year`` is stored or edited: deadlines computed
    provisionally (or from older data) move to the official ones.
    """
    calendar = work_calendar()
    changed = 0
    open_cases = Application.objects.select_for_update().exclude(
        status__in=[status.value for status in Status if status.is_closed]
    )
    for application in open_cases.filter(received_on__year__lte=year, received_on__year__gte=year - 1):
        projection = project(application.received_on, events_of(application), calendar)
        if not projection.of(application):
            projection.apply_to(application)
            application.save(update_fields=list(projection.FIELDS))
            changed += 1
    return changed


def _check_lapse(action: Action, on: dt.date, stored: list[ApplicationEvent], clock: ClockStatus) -> None:
    """A lapse is recorded only once the period given to the applicant has run out."""
    if action is Action.PAYMENT_LAPSED and clock is not ClockStatus.LAPSED_UNPAID_FEE:
        raise ValidationError(
            f"{on.isoformat()} 缴费期限尚未届满，不能按逾期未缴费终止办理", code="payment_period_running"
        )
    if action is Action.CORRECTION_LAPSED:
        request = [event for event in stored if event.action == Action.REQUEST_CORRECTION][-1]
        respond_by = request.payload.get("respond_by")
        if respond_by is not None and on <= dt.date.fromisoformat(respond_by):
            raise ValidationError(
                f"补正期限 {respond_by} 尚未届满，不能按逾期未补正终止办理", code="correction_period_running"
            )


def _check_may(actor: User, action: Action, application: Application) -> None:
    """`access.may_take`, refused with what is missing: the department, the handler, the reviewer."""
    if may_take(actor, action, application):
        return
    body, department = application.body, application.department
    if ACTION_DUTIES[action] is not Duty.HANDLE:
        raise NotPermitted(
            f"{actor} 不是{body.name}的审核人员或负责人，不能{action.label}", code="not_reviewer"
        )
    if department is None:
        raise NotPermitted(f"申请尚未分配承办股室，不能{action.label}", code="not_assigned")
    raise NotPermitted(
        f"{actor} 不是{body.name}{department.name}的承办人员，不能{action.label}", code="not_handler"
    )


def _check_receipt(
    *, channel: Channel, receipt_basis: ReceiptBasis, submitted_on: dt.date, received_on: dt.date
) -> None:
    """条例 第三十一条: the rule must be one of the channel's, and the date must fit the rule."""
    allowed = RECEIPT_BASES[channel]
    if receipt_basis not in allowed:
        labels = "、".join(basis.label for basis in ReceiptBasis if basis in allowed)
        raise ValidationError(
            f"以“{channel.label}”方式提交的申请，收到申请日期应为{labels}，实际选择了{receipt_basis.label}",
            code="receipt_basis_mismatch",
        )
    if receipt_basis == ReceiptBasis.HANDED_IN and received_on != submitted_on:
        raise ValidationError(
            f"当面提交的申请以提交之日为收到申请之日（第三十一条第（一）项），"
            f"应为 {submitted_on.isoformat()}，实际为 {received_on.isoformat()}",
            code="received_not_on_submission_day",
        )
    if received_on < submitted_on:
        raise ValidationError(
            f"收到申请日期 {received_on.isoformat()} 早于提交日期 {submitted_on.isoformat()}",
            code="received_before_submitted",
        )


def _check_department(body: Body, department: Department | None) -> None:
    if department is not None and department.body_id != body.pk:
        raise ValidationError(f"股室“{department.name}”不属于{body.name}", code="department_of_other_body")


def _same_body(application: Application, body: Body) -> Application:
    if application.body_id != body.pk:
        raise ValidationError("该提交标识已用于另一机关的申请", code="submission_key_reused")
    return application


@transaction.atomic
def request_fee(
    *,
    application: Application,
    method: FeeMethod,
    on: dt.date,
    actor: User,
    payment_method: str,
    pages: int | None = None,
    notice_received_on: dt.date | None = None,
) -> ApplicationEvent:
    """Send a fee notice (国办函〔2020〕109号) priced by the core tariff; one method per application.

    按件 counts the applicant's applications received in the same calendar month up to this one
    (the same identity document is the same applicant); 按量 prices ``pages``. A free amount raises
    ValidationError: no notice is sent for nothing.
    """
    if method is FeeMethod.PER_PIECE:
        if pages is not None:
            raise ValidationError("按件计收不按页数计算，请不要填写页数", code="fee_both_methods")
        units = ordinal_in_month(application)
    else:
        if pages is None:
            raise ValidationError("按量计收须填写提供的页数", code="fee_input_missing")
        units = pages
    details: dict[str, object] = {"method": method.value, "units": units, "payment_method": payment_method}
    if notice_received_on is not None:
        details["notice_received_on"] = notice_received_on
    return record_event(application=application, action=Action.REQUEST_FEE, on=on, actor=actor, **details)


def ordinal_in_month(application: Application) -> int:
    """The application's place among its applicant's applications to the body in its calendar month.

    The same identity document is the same applicant; applications received the same day count in
    the order they were registered (`gongkai.fees.next_ordinal_in_month` states the rule).
    """
    received = application.received_on
    others = (
        Application.objects.filter(
            body_id=application.body_id,
            identity_document=application.identity_document,
            received_on__year=received.year,
            received_on__month=received.month,
        )
        .filter(Q(received_on__lt=received) | Q(received_on=received, pk__lt=application.pk))
        .values_list("identity_document", "received_on")
    )
    return next_ordinal_in_month(
        others, applicant_id=application.identity_document, received_on=application.received_on
    )
