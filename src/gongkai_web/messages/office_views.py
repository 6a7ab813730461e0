"""The office's message pages: the queue, a message with its steps, conversion, statistics, the period.

Each view checks access (`access`), validates a form, makes one service call and redirects. A step
the message's state no longer allows comes back as a message on the page; a step the user's roles
do not allow is refused (403).
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from gongkai.cases import ApplicantType
from gongkai.errors import GongkaiError
from gongkai.messages import (
    COMPLAINT_ROW,
    MessageKind,
    Timeliness,
    allowed_steps,
    publication_refusal,
    timeliness,
)
from gongkai.privacy import mask_text
from gongkai_web.accounts.models import User
from gongkai_web.applications.models import Delivery, Medium
from gongkai_web.applications.services import NotPermitted
from gongkai_web.bodies.models import Body
from gongkai_web.bodies.permissions import Duty, bodies_where
from gongkai_web.bodies.queries import departments_of
from gongkai_web.gate.forms import ConfirmationForm
from gongkai_web.gate.queries import blocked_as_it_stands, reviews_with_hits
from gongkai_web.gate.services import ConfirmationRequired
from gongkai_web.messages import access
from gongkai_web.messages.forms import AnswerForm, ConvertForm, LimitForm, ReasonForm, RevisionForm, RouteForm
from gongkai_web.messages.models import Message
from gongkai_web.messages.queries import (
    OFFICE_PAGE_SIZE,
    QUEUE_VIEWS,
    answer_limit_of,
    history_of,
    office_queue,
    year_figures,
)
from gongkai_web.messages.services import (
    answer_message,
    convert_to_application,
    mark_spam,
    publish_answer,
    refer_as_petition,
    revise_answer,
    route_message,
    set_answer_limit,
    withhold_publication,
)

Refusal = (GongkaiError, ValidationError)


def _officer(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User), "behind login_required"
    return user


def _body(request: HttpRequest, body_id: int) -> Body:
    body = get_object_or_404(Body, pk=body_id)
    if not access.may_see_body(request.user, body):
        raise PermissionDenied(f"{request.user} 无权查看{body.name}的网上留言")
    return body


def _message(request: HttpRequest, pk: int) -> Message:
    message = get_object_or_404(Message.objects.select_related("body", "department", "application"), pk=pk)
    if not access.may_see(request.user, message):
        raise PermissionDenied(f"{request.user} 无权查看这条留言")
    return message


def _refused(request: HttpRequest, refusal: GongkaiError | ValidationError) -> None:
    text = refusal.message if isinstance(refusal, GongkaiError) else "；".join(refusal.messages)
    flash.error(request, text)


@login_required
def index(request: HttpRequest) -> HttpResponse:
    user = _officer(request)
    bodies = {body.pk: body for duty in (Duty.REGISTER, Duty.OVERSEE) for body in bodies_where(user, duty)}
    for membership in user.memberships.filter(role="handler").select_related("body"):
        bodies.setdefault(membership.body_id, membership.body)
    if not bodies:
        raise PermissionDenied(f"{user} 在任何机关都没有岗位")
    if len(bodies) == 1:
        return redirect("public_messages:office_queue", body_id=next(iter(bodies)))
    return render(
        request, "messages/office_index.html", {"bodies": sorted(bodies.values(), key=lambda b: b.name)}
    )


@login_required
def queue(request: HttpRequest, body_id: int) -> HttpResponse:
    body = _body(request, body_id)
    view = request.GET.get("view", "open")
    if view not in QUEUE_VIEWS:
        view = "open"
    today = timezone.localdate()
    page = Paginator(office_queue(_officer(request), body, view), OFFICE_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    rows = [
        (message, timeliness(due_on=message.due_on, answered_on=message.answered_on, today=today))
        for message in page.object_list
    ]
    return render(
        request,
        "messages/office_queue.html",
        {
            "body": body,
            "view": view,
            "views": QUEUE_VIEWS,
            "page": page,
            "rows": rows,
            "overdue": Timeliness.OVERDUE,
        },
    )


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    message = _message(request, pk)
    return _detail_page(request, message)


def _detail_page(
    request: HttpRequest,
    message: Message,
    *,
    confirmation: ConfirmationRequired | None = None,
    confirm_form: ConfirmationForm | None = None,
    status: int = 200,
) -> HttpResponse:
    user = _officer(request)
    body = message.body
    today = timezone.localdate()
    steps = set(allowed_steps(message.message_status))
    moderates = access.may_moderate(user, body)
    reviews = reviews_with_hits(message)
    return render(
        request,
        "messages/office_message.html",
        {
            "message": message,
            "body": body,
            "contact": message.contact if access.sees_contact(user, message) else mask_text(message.contact),
            "timeliness": timeliness(due_on=message.due_on, answered_on=message.answered_on, today=today),
            "history": history_of(message),
            "reviews": reviews,
            "latest_blocked": blocked_as_it_stands(reviews, message.publication_text()),
            "route_form": RouteForm(departments=departments_of(body))
            if moderates and "route" in steps
            else None,
            "answer_form": AnswerForm(today=today)
            if "answer" in steps and access.may_answer(user, message)
            else None,
            "revise_form": RevisionForm(initial={"answer": message.answer})
            if "revise_answer" in steps
            and message.publication != "published"
            and access.may_answer(user, message)
            else None,
            "refers": moderates and "refer_as_petition" in steps,
            "marks_spam": moderates and "mark_spam" in steps,
            "converts": access.may_convert(user, body) and "convert" in steps,
            "publishable": access.may_publish(user, body)
            and publication_refusal(message.message_status, message.publication_state) is None,
            "may_withhold": moderates and message.publication in {"pending", "published"},
            "confirmation": confirmation,
            "confirm_form": confirm_form or ConfirmationForm(),
            "reason_form": ReasonForm(),
        },
        status=status,
    )


def _step(view: Callable[[HttpRequest, Message], str | None]) -> Callable[[HttpRequest, int], HttpResponse]:
    """A POST of one step on a message: the view returns the success text, or None if it rendered nothing."""

    @login_required
    @require_POST
    def wrapped(request: HttpRequest, pk: int) -> HttpResponse:
        message = _message(request, pk)
        try:
            done = view(request, message)
        except NotPermitted as refusal:
            raise PermissionDenied(refusal.message) from refusal
        except Refusal as refusal:
            _refused(request, refusal)
        else:
            if done:
                flash.success(request, done)
        return redirect("public_messages:office_message", pk=message.pk)

    wrapped.__name__ = view.__name__
    return wrapped


def _reason(request: HttpRequest) -> str:
    form = ReasonForm(request.POST)
    if not form.is_valid():
        raise ValidationError("请写明理由（不超过 500 字）", code="reason_required")
    return str(form.cleaned_data["reason"])


@_step
def route(request: HttpRequest, message: Message) -> str:
    form = RouteForm(request.POST, departments=departments_of(message.body))
    if not form.is_valid():
        raise ValidationError("请选择承办股室", code="department_required")
    department = form.cleaned_data["department"]
    route_message(
        message=message, department=department, actor=_officer(request), reason=form.cleaned_data["reason"]
    )
    return f"已分办至{department.name}"


@_step
def answer(request: HttpRequest, message: Message) -> str:
    form = AnswerForm(request.POST, today=timezone.localdate())
    if not form.is_valid():
        raise ValidationError([error for errors in form.errors.values() for error in errors])
    answer_message(
        message=message,
        actor=_officer(request),
        answer=form.cleaned_data["answer"],
        on=form.cleaned_data["answered_on"],
    )
    return "已答复"


@_step
def revise(request: HttpRequest, message: Message) -> str:
    form = RevisionForm(request.POST)
    if not form.is_valid():
        raise ValidationError([error for errors in form.errors.values() for error in errors])
    revise_answer(message=message, actor=_officer(request), answer=form.cleaned_data["answer"])
    return "已修改答复，公开前须重新进行保密审查"


@_step
def spam(request: HttpRequest, message: Message) -> str:
    mark_spam(message=message, actor=_officer(request), reason=_reason(request))
    return "已标记为垃圾信息，不再显示在待办中"


@_step
def petition(request: HttpRequest, message: Message) -> str:
    refer_as_petition(message=message, actor=_officer(request), referral=_reason(request))
    return "已按信访事项转办，不计入政府信息公开申请"


@_step
def withhold(request: HttpRequest, message: Message) -> str:
    withhold_publication(message=message, actor=_officer(request), reason=_reason(request))
    return "已标记为不宜公开"


@login_required
@require_POST
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    """The 保密审查: approved → published; blocked → the reason shown; flagged → asks for a reason."""
    message = _message(request, pk)
    form = ConfirmationForm(request.POST)
    confirmation = str(form.cleaned_data["confirmation"]) if form.is_valid() else ""
    try:
        review = publish_answer(message=message, actor=_officer(request), confirmation=confirmation)
    except NotPermitted as refusal:
        raise PermissionDenied(refusal.message) from refusal
    except ConfirmationRequired as asked:
        return _detail_page(request, message, confirmation=asked, confirm_form=form, status=409)
    except Refusal as refusal:
        _refused(request, refusal)
        return redirect("public_messages:office_message", pk=message.pk)
    if review.approved:
        flash.success(request, "已通过保密审查，留言和答复已公开")
    else:
        flash.error(request, "保密审查未通过，不得公开：请修改后重新审查，原因见下")
    return redirect("public_messages:office_message", pk=message.pk)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def convert(request: HttpRequest, pk: int) -> HttpResponse:
    message = _message(request, pk)
    body = message.body
    if not access.may_convert(request.user, body):
        raise PermissionDenied(f"{request.user} 不是{body.name}的登记人员，不能把留言转为申请")
    departments = departments_of(body)
    if request.method == "POST":
        form = ConvertForm(request.POST, departments=departments)
        if form.is_valid():
            data = form.cleaned_data
            try:
                application = convert_to_application(
                    message=message,
                    actor=_officer(request),
                    applicant_type=ApplicantType(data["applicant_type"]),
                    applicant_name=data["applicant_name"],
                    identity_document=data["identity_document"],
                    contact=data["contact"],
                    description=data["description"],
                    medium=Medium(data["medium"]),
                    delivery=Delivery(data["delivery"]),
                    department=data["department"],
                )
            except NotPermitted as refusal:
                raise PermissionDenied(refusal.message) from refusal
            except Refusal as refusal:
                form.add_error(None, refusal.message if isinstance(refusal, GongkaiError) else refusal)
            else:
                flash.success(
                    request,
                    f"已转为政府信息公开申请，收到申请日期为留言收到之日 {message.received_on.isoformat()}",
                )
                return redirect("office:case", pk=application.pk)
    else:
        form = ConvertForm(
            departments=departments,
            initial={
                "contact": message.contact,
                "description": message.text,
                "department": message.department,
            },
        )
    return render(
        request,
        "messages/office_convert.html",
        {"message": message, "form": form},
        status=400 if form.is_bound else 200,
    )


@login_required
def statistics(request: HttpRequest, body_id: int) -> HttpResponse:
    body = _body(request, body_id)
    if not access.may_see_statistics(request.user, body):
        raise PermissionDenied(f"{request.user} 无权查看{body.name}网上留言的统计")
    today = timezone.localdate()
    year_text = request.GET.get("year", "")
    year = int(year_text) if year_text.isdigit() and 2000 <= int(year_text) <= 2100 else today.year
    result = year_figures(body, year, today=today)
    return render(
        request,
        "messages/office_statistics.html",
        {
            "body": body,
            "year": year,
            "figures": result.figures,
            "kinds": [(kind.label, result.figures.by_kind[kind]) for kind in MessageKind],
            "timeliness": [(label.label, count) for label, count in result.figures.by_timeliness.items()],
            "complaint_row": COMPLAINT_ROW.title,
        },
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def limit_settings(request: HttpRequest, body_id: int) -> HttpResponse:
    body = _body(request, body_id)
    if not access.may_set_limit(request.user, body):
        raise PermissionDenied(f"{request.user} 不是{body.name}的管理员或负责人")
    form = LimitForm(
        request.POST if request.method == "POST" else None, initial={"answer_limit": answer_limit_of(body)}
    )
    if form.is_valid():
        try:
            set_answer_limit(body=body, actor=_officer(request), days=form.cleaned_data["answer_limit"])
        except Refusal as refusal:
            form.add_error(None, refusal.message if isinstance(refusal, GongkaiError) else refusal)
        else:
            flash.success(request, f"答复期限已改为 {form.cleaned_data['answer_limit']} 个工作日")
            return redirect("public_messages:office_queue", body_id=body.pk)
    return render(
        request,
        "messages/office_settings.html",
        {"body": body, "form": form},
        status=400 if form.is_bound else 200,
    )
