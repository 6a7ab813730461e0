"""``/api/v1/applications``: register, list, read, record a step, assign; each calls one service."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from ninja import P, Query, Router, Status
from ninja.params import HeaderEx, PathEx

from gongkai.cases import Action, ApplicantType
from gongkai.formats import Article
from gongkai_web.accounts.models import User
from gongkai_web.api import queries
from gongkai_web.api.auth import user_of
from gongkai_web.api.errors import errors
from gongkai_web.api.schemas import (
    KEY_PATTERN,
    MAX_INT64,
    ApplicationFilters,
    AssignmentIn,
    CaseOut,
    CasePageOut,
    DecideIn,
    EventIn,
    RegistrationIn,
    RequestFeeIn,
    column_length,
)
from gongkai_web.api.services import Registration, register_once
from gongkai_web.applications.access import may_open_case
from gongkai_web.applications.models import Application
from gongkai_web.applications.services import NotPermitted, assign_department, record_event, request_fee
from gongkai_web.bodies.models import Body, Department

router = Router(tags=["applications 依申请公开"])

_KEY_LENGTH = column_length("submission_key")
ApplicationId = PathEx[int, P(ge=1, le=MAX_INT64, description="申请编号")]


@router.post(
    "",
    response={201: CaseOut, 200: CaseOut, **errors(400, 401, 403, 422)},
    summary="登记申请 Register an application",
    description=(
        "由本机关登记人员登记收到的申请。收到申请日期须符合条例第三十一条对提交方式的规定。"
        "带 Idempotency-Key 请求头（或 submission_key 字段）重试时返回同一申请："
        "首次 201，其后 200，内容相同。"
    ),
)
def register(
    request: HttpRequest,
    application: RegistrationIn,
    idempotency_key: HeaderEx[
        str | None, P(alias="Idempotency-Key", min_length=1, max_length=_KEY_LENGTH, pattern=KEY_PATTERN)
    ] = None,
) -> Status[CaseOut]:
    user = user_of(request)
    key = _one_key(idempotency_key, application.submission_key)
    with transaction.atomic():  # the application and the case it answers with, or neither
        registration = _register(user, application, key)
        case = queries.case_view(registration.application, user=user, on=queries.today())
    return Status(201 if registration.created else 200, case)


def _register(user: User, application: RegistrationIn, key: str | None) -> Registration:
    return register_once(
        body=_body(application.body),
        department=_department(application.department) if application.department is not None else None,
        submission_key=key,
        actor=user,
        applicant_type=ApplicantType(application.applicant_type),
        applicant_name=application.applicant_name,
        identity_document=application.identity_document,
        contact=application.contact,
        description=application.description,
        medium=application.medium,
        delivery=application.delivery,
        channel=application.channel,
        submitted_on=application.submitted_on,
        receipt_basis=application.receipt_basis,
        received_on=application.received_on,
    )


@router.get(
    "",
    response={200: CasePageOut, **errors(401, 422)},
    summary="申请列表 List the cases you may see",
    description="承办人员看到本股室的申请，登记、审核、负责人和管理员看到本机关的全部申请。身份证明和联系方式一律遮盖。",
)
def list_applications(request: HttpRequest, filters: Query[ApplicationFilters]) -> CasePageOut:
    return queries.case_page(user_of(request), filters, on=queries.today())


@router.get(
    "/{application_id}",
    response={200: CaseOut, **errors(401, 403, 404, 422)},
    summary="查看申请 Read a case",
    description="申请的内容、状态、截至今日的答复期限及其推算步骤、本人可办理的事项和办理日志。",
)
def read(request: HttpRequest, application_id: ApplicationId) -> CaseOut:
    user = user_of(request)
    application = _visible(user, application_id)
    return queries.case_view(application, user=user, on=queries.today())


@router.post(
    "/{application_id}/events",
    response={200: CaseOut, **errors(400, 401, 403, 404, 409, 422)},
    summary="记录办理事项 Record one step of the case",
    description=(
        "按 action 区分的办理事项，各带其详情。状态机与期限规则不允许的事项返回 409，不写入任何记录。"
        "收费通知的金额由 109号文件的标准计算，不由调用方填写。"
    ),
)
def record(request: HttpRequest, application_id: ApplicationId, event: EventIn) -> CaseOut:
    user = user_of(request)
    application = _visible(user, application_id)
    today = queries.today()
    if event.on > today:
        raise ValidationError(
            {
                "on": ValidationError(
                    f"办理日期 {event.on.isoformat()} 晚于今天（{today.isoformat()}），"
                    "只能记录已经发生的事项",
                    code="event_in_future",
                )
            }
        )
    with transaction.atomic():  # the step and the case it answers with, or neither
        _record(application, event, user)
        return queries.case_view(application, user=user, on=today)


@router.post(
    "/{application_id}/assignment",
    response={200: CaseOut, **errors(400, 401, 403, 404, 422)},
    summary="分办或改派 Assign the case to a department",
    description="由登记、审核人员或负责人把申请分给承办股室；改派须说明理由，记入办理日志。",
)
def assign(request: HttpRequest, application_id: ApplicationId, assignment: AssignmentIn) -> CaseOut:
    user = user_of(request)
    application = _visible(user, application_id)
    department = _department(assignment.department)
    with transaction.atomic():  # the assignment and the case it answers with, or neither
        assign_department(
            application=application, department=department, actor=user, reason=assignment.reason
        )
        return queries.case_view(queries.get_application(application_id), user=user, on=queries.today())


def _record(application: Application, event: EventIn, user: User) -> None:
    """The service call for ``event``: a fee notice is priced by its own service, the rest stored as given."""
    match event:
        case RequestFeeIn():
            request_fee(
                application=application,
                method=event.method,
                on=event.on,
                actor=user,
                payment_method=event.payment_method,
                pages=event.pages,
                notice_received_on=event.notice_received_on,
            )
        case DecideIn():
            optional: dict[str, object] = {}
            if event.articles is not None:
                optional["articles"] = tuple(
                    Article(text=a.text, instrument=a.instrument) for a in event.articles
                )
            if event.items is not None:
                optional["items"] = list(event.items)
            record_event(
                application=application,
                action=Action.DECIDE,
                on=event.on,
                actor=user,
                outcome=event.outcome,
                reasons=event.reasons,
                **optional,
            )
        case _:
            details = event.model_dump(exclude={"action", "on"}, exclude_none=True)
            record_event(
                application=application, action=Action(event.action), on=event.on, actor=user, **details
            )


def _visible(user: User, application_id: int) -> Application:
    application = queries.get_application(application_id)
    if not may_open_case(user, application):
        raise NotPermitted(f"{user} 无权查看{application.body.name}的这件申请", code="not_case_member")
    return application


def _one_key(header: str | None, field: str | None) -> str | None:
    if header is not None and field is not None and header != field:
        raise ValidationError(
            {
                "submission_key": ValidationError(
                    "Idempotency-Key 请求头与 submission_key 不一致", code="idempotency_key_mismatch"
                )
            }
        )
    return header if header is not None else field


def _body(body_id: int) -> Body:
    body = Body.objects.filter(pk=body_id).first()
    if body is None:
        raise ValidationError({"body": ValidationError(f"没有编号为 {body_id} 的机关", code="unknown_body")})
    return body


def _department(department_id: int) -> Department:
    department = Department.objects.select_related("body").filter(pk=department_id).first()
    if department is None:
        raise ValidationError(
            {"department": ValidationError(f"没有编号为 {department_id} 的股室", code="unknown_department")}
        )
    return department
