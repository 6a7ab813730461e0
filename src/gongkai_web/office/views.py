"""The office's pages. Each checks access, validates a form, calls one service, renders or redirects.

Access: anonymous users are sent to the login page; an officer who may not see a case (another body,
another department) or take a step (another role) is refused with 403.
"""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from gongkai.cases import Action, ApplicantType, IllegalTransition, allowed_actions
from gongkai.cases.outcomes import cite
from gongkai.errors import GongkaiError
from gongkai.privacy import mask_text
from gongkai.workdays import provisional_note
from gongkai_web.accounts.models import User
from gongkai_web.applications.access import (
    Scope,
    may_assign,
    may_open_case,
    may_take,
    next_steps,
    works_on_case,
)
from gongkai_web.applications.events import describe
from gongkai_web.applications.models import Application, Attachment, Channel, Delivery, Medium, ReceiptBasis
from gongkai_web.applications.privacy import applicant_details
from gongkai_web.applications.queries import case_state, events_of, history_of
from gongkai_web.applications.services import (
    NotPermitted,
    assign_department,
    record_event,
    register_application,
    request_fee,
)
from gongkai_web.bodies.models import Body, Department
from gongkai_web.bodies.permissions import Duty
from gongkai_web.letters.queries import letters_of
from gongkai_web.office.forms import (
    STEP_FORMS,
    AssignForm,
    FeeForm,
    QueueFilterForm,
    RegisterForm,
    StepForm,
    show_refusal,
)
from gongkai_web.office.queries import (
    DUE_SOON_WORKING_DAYS,
    QUEUE_PAGE_SIZE,
    Horizon,
    QueuePaginator,
    case_deadline,
    fee_preview,
    latest_event,
    queue,
    queue_rows,
    queue_summary,
    visible_bodies,
    visible_departments,
)
from gongkai_web.oversight.access import is_supervisor
from gongkai_web.paging import paged
from gongkai_web.workcalendar.queries import work_calendar

Refusal = (GongkaiError, ValidationError, NotPermitted)


def _officer(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User), "behind login_required"
    return user


def _today() -> dt.date:
    return timezone.localdate()


def _case(user: User, pk: int) -> Application:
    application = get_object_or_404(Application.objects.select_related("body", "department"), pk=pk)
    if not may_open_case(user, application):
        raise PermissionDenied(f"{user} 不是该申请所属机关或承办股室的工作人员")
    return application


def _render(
    request: HttpRequest, template: str, context: dict[str, object], *, scope: Scope | None = None
) -> HttpResponse:
    scope = scope or Scope.of(request.user)
    return render(request, template, {"office_scope": scope, **context})


@login_required
def queue_view(request: HttpRequest) -> HttpResponse:
    user = _officer(request)
    scope = Scope.of(user)
    if not scope.member_of:
        if is_supervisor(user):  # only a supervisor: their work is the oversight dashboard
            return redirect("oversight:index")
        raise PermissionDenied(f"{user} 没有任何机关的岗位")
    horizon = Horizon.of(_today(), work_calendar())
    form = QueueFilterForm(
        request.GET or None, bodies=visible_bodies(scope), departments=visible_departments(scope)
    )
    listed = paged(request, QueuePaginator(queue(scope, form.filters(), horizon), QUEUE_PAGE_SIZE))
    page = listed.page
    return _render(
        request,
        "office/queue.html",
        {
            "form": form,
            "page": page,
            "rows": queue_rows(page.object_list, horizon),
            "summary": queue_summary(scope, horizon),
            "today": horizon.today,
            "due_soon_days": DUE_SOON_WORKING_DAYS,
            "query": listed.query,
            "several_bodies": len(scope.member_of) > 1,
        },
        scope=scope,
    )


@login_required
def case_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = _officer(request)
    application = _case(user, pk)
    events = events_of(application)
    calendar = work_calendar()
    today = _today()
    clock = case_deadline(application, events, calendar, today)
    state = case_state(application, events)
    decision = state.decision
    applicant = applicant_details(user, application)
    works_on = works_on_case(user, application)
    return _render(
        request,
        "office/case.html",
        {
            "application": application,
            "applicant": applicant,
            # Applicants write numbers into their request too; masked wherever the identity is.
            "description": mask_text(application.description)
            if applicant.masked
            else application.description,
            "attachments": Attachment.objects.filter(application=application).order_by("id"),
            "may_download": works_on,
            "clock": clock,
            "provisional_note": provisional_note(clock.provisional_years),
            "row": queue_rows([application], Horizon.of(today, calendar))[0],
            "decision": decision,
            "decision_articles": cite(decision.articles) if decision is not None else "",
            "history": history_of(application),
            "steps": next_steps(user, application, state),
            "may_assign": may_assign(user, application) and not application.case_status.is_closed,
            "letters": letters_of(application) if works_on else None,
        },
    )


def _step_action(slug: str) -> Action:
    try:
        return Action(slug)
    except ValueError:
        raise Http404(f"没有“{slug}”这一办理事项") from None


@login_required
@require_http_methods(["GET", "POST"])
def step_view(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    user = _officer(request)
    step = _step_action(action)
    application = _case(user, pk)
    if not may_take(user, step, application):
        raise PermissionDenied(f"{user} 的岗位不能对该申请{step.label}")
    form_class = STEP_FORMS[step]
    latest = latest_event(application)
    seen = latest.pk if latest is not None else 0
    today = _today()
    context: dict[str, object] = {
        "application": application,
        "step": step,
        "lawful_now": step in allowed_actions(application.case_status),
        "unlawful_message": IllegalTransition(application.case_status, step).message,
    }
    if request.method != "POST":
        context["form"] = form_class(today=today, seen_event=seen)
        return _render(request, "office/step.html", context)
    # The form carries the case's last event when it was shown: a second submission of the same
    # form finds the step it recorded and is not recorded again.
    posted = request.POST.copy()
    stale = posted.get("seen_event") != str(seen)
    posted["seen_event"] = str(seen)
    form = form_class(posted, today=today, seen_event=seen)
    context["form"] = form
    if not form.is_valid():
        return _render(request, "office/step.html", context)
    if stale:
        if latest is not None and latest.action == step and latest.actor_id == user.pk:
            messages.info(request, f"“{step.label}”已于 {latest.on.isoformat()} 记录，本次提交未重复记录")
            return redirect("office:case", pk=application.pk)
        form.add_error(None, "本案在您打开此页后已有新的办理记录，请核对下方案件情况后重新提交")
        return _render(request, "office/step.html", context)
    if isinstance(form, FeeForm):
        return _fee_step(request, user, application, form, context)
    return _record(request, user, application, step, form, context)


def _record(
    request: HttpRequest,
    user: User,
    application: Application,
    step: Action,
    form: StepForm,
    context: dict[str, object],
) -> HttpResponse:
    try:
        event = record_event(
            application=application, action=step, on=form.cleaned_data["on"], actor=user, **form.payload()
        )
    except Refusal as error:
        show_refusal(form, error)
        return _render(request, "office/step.html", context)
    messages.success(request, f"已记录：{describe(step, event.on, event.payload)}")
    return redirect("office:case", pk=application.pk)


def _fee_step(
    request: HttpRequest, user: User, application: Application, form: FeeForm, context: dict[str, object]
) -> HttpResponse:
    """A fee notice is shown priced (amount and bands) before it is confirmed and sent."""
    data = form.cleaned_data
    if "edit" in request.POST:
        return _render(request, "office/step.html", context)
    if "confirm" not in request.POST:
        try:
            notice = fee_preview(
                application,
                method=form.fee_method,
                pages=data["pages"],
                payment_method=data["payment_method"],
            )
        except GongkaiError as error:
            show_refusal(form, error)
            return _render(request, "office/step.html", context)
        return _render(request, "office/fee_preview.html", {**context, "notice": notice})
    try:
        event = request_fee(
            application=application,
            method=form.fee_method,
            on=data["on"],
            actor=user,
            payment_method=data["payment_method"],
            pages=data["pages"],
            notice_received_on=data["notice_received_on"],
        )
    except Refusal as error:
        show_refusal(form, error)
        return _render(request, "office/step.html", context)
    messages.success(request, f"已记录：{describe(Action.REQUEST_FEE, event.on, event.payload)}")
    return redirect("office:case", pk=application.pk)


@login_required
@require_http_methods(["GET", "POST"])
def register_view(request: HttpRequest) -> HttpResponse:
    user = _officer(request)
    scope = Scope.of(user)
    bodies = Body.objects.filter(pk__in=sorted(scope.bodies_with(frozenset({Duty.REGISTER})))).order_by(
        "name"
    )
    listed = list(bodies)
    if not listed:
        raise PermissionDenied(f"{user} 不是任何机关的登记人员")
    departments = Department.objects.filter(body__in=bodies).order_by("body__name", "name")
    form = RegisterForm(
        request.POST if request.method == "POST" else None,
        bodies=bodies,
        departments=departments,
        today=_today(),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            application = register_application(
                body=data["body"],
                applicant_type=ApplicantType(data["applicant_type"]),
                applicant_name=data["applicant_name"],
                identity_document=data["identity_document"],
                contact=data["contact"],
                description=data["description"],
                medium=Medium(data["medium"]),
                delivery=Delivery(data["delivery"]),
                channel=Channel(data["channel"]),
                submitted_on=data["submitted_on"],
                receipt_basis=ReceiptBasis(data["receipt_basis"]),
                received_on=data["received_on"],
                department=data["department"],
                submission_key=data["submission_key"],
                actor=user,
            )
        except Refusal as error:
            show_refusal(form, error)
        else:
            messages.success(
                request,
                f"已登记{application.applicant_name}的申请（收到日期 {application.received_on.isoformat()}）",
            )
            return redirect("office:case", pk=application.pk)
    single_body = listed[0] if len(listed) == 1 else None
    return _render(request, "office/register.html", {"form": form, "single_body": single_body}, scope=scope)


@login_required
@require_http_methods(["GET", "POST"])
def assign_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = _officer(request)
    application = _case(user, pk)
    if not may_assign(user, application):
        raise PermissionDenied(f"{user} 不能为{application.body.name}的申请分配承办股室")
    form = AssignForm(
        request.POST if request.method == "POST" else None,
        departments=Department.objects.filter(body=application.body).order_by("name"),
    )
    if request.method == "POST" and form.is_valid():
        department = form.cleaned_data["department"]
        try:
            assign_department(
                application=application, department=department, actor=user, reason=form.cleaned_data["reason"]
            )
        except Refusal as error:
            show_refusal(form, error)
        else:
            messages.success(request, f"已分办至{department.name}")
            return redirect("office:case", pk=application.pk)
    return _render(request, "office/assign.html", {"application": application, "form": form})


@login_required
def attachment_view(request: HttpRequest, pk: int, attachment_pk: int) -> FileResponse:
    """Attachments often carry the applicant's identity: only those who see personal data download them."""
    user = _officer(request)
    application = _case(user, pk)
    if not works_on_case(user, application):
        raise PermissionDenied(f"{user} 不能下载该申请的附件")
    attachment = get_object_or_404(Attachment, pk=attachment_pk, application=application)
    return FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )
