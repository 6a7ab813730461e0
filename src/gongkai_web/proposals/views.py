"""The 建议提案 pages under /office/proposals/: the year's list and figures, registration, import,
and one page per proposal where the co-handling opinions, the reply and the feedback are recorded.

Every page asks `access` about the body in the URL: an officer of another body is refused (403).
A reviewer or the head publishes a reply through the 保密审查 here (`services.publish_reply`).
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from gongkai.proposals import HandlingStatus, ProposalError, ProposalKind, Satisfaction, lead_due
from gongkai.rates import percent
from gongkai_web.accounts.models import User
from gongkai_web.bodies.models import Body, Department
from gongkai_web.gate.forms import ConfirmationForm
from gongkai_web.gate.queries import hits_of, reviews_of
from gongkai_web.gate.services import ConfirmationRequired
from gongkai_web.proposals import access, imports, services
from gongkai_web.proposals.forms import (
    ERROR_FIELDS,
    FeedbackForm,
    FilterForm,
    ImportForm,
    OpinionForm,
    ProposalForm,
    ReplyForm,
    RevisionForm,
)
from gongkai_web.proposals.models import CoHandling, Proposal, Publication, Reply
from gongkai_web.proposals.queries import (
    figures_for,
    latest_satisfaction,
    proposals_of,
    refusal_of,
    status_of,
    years_of,
)

FIRST_YEAR, LAST_YEAR = 2000, 2100  # the years the list pages accept


def _officer(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User), "behind login_required"
    return user


def _body(request: HttpRequest, body_id: int, *, keep: bool = False) -> Body:
    body = get_object_or_404(Body, pk=body_id)
    (access.require_keep if keep else access.require_read)(request.user, body)
    return body


def _refusal_onto(form: forms.Form, error: ProposalError) -> None:
    field = ERROR_FIELDS.get(error.code)
    form.add_error(field if field in form.fields else None, f"{error.message}（{error.code}）")


def _page(request: HttpRequest, body: Body, **extra: object) -> dict[str, object]:
    return {
        "body": body,
        "keeps": access.may_keep(request.user, body),
        "year": timezone.localdate().year,
        **extra,
    }


def _rate(rate: Fraction | None) -> str:
    return "—" if rate is None else f"{percent(rate)}%"


@login_required
def index(request: HttpRequest) -> HttpResponse:
    bodies = list(access.readable_bodies(request.user))
    if len(bodies) == 1:
        return redirect("proposals:year", body_id=bodies[0].pk, year=timezone.localdate().year)
    return render(request, "proposals/index.html", {"bodies": bodies, "year": timezone.localdate().year})


@login_required
def year_list(request: HttpRequest, body_id: int, year: int) -> HttpResponse:
    body = _body(request, body_id)
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise Http404(f"{year}年不在 {FIRST_YEAR} 至 {LAST_YEAR} 年之间")
    today = timezone.localdate()
    as_of = min(today, dt.date(year, 12, 31))
    filters = FilterForm(request.GET or None, body=body)
    chosen = filters.cleaned_data if filters.is_valid() else {}
    department = chosen.get("department")
    listed = proposals_of(
        body=body,
        year=year,
        today=today,
        kind=ProposalKind(chosen["kind"]) if chosen.get("kind") else None,
        department_id=department.pk if department else None,
        status=HandlingStatus(chosen["status"]) if chosen.get("status") else None,
    )
    figures = figures_for(body=body, year=year, as_of=as_of)
    rows = [
        (label, kind_figures, _rate(kind_figures.reply_rate), _rate(kind_figures.on_time_rate),
         [kind_figures.count(s) for s in Satisfaction], _rate(kind_figures.satisfaction_rate))
        for label, kind_figures in (
            *((kind.label, figures[kind]) for kind in ProposalKind), ("合计", figures.total)
        )
    ]  # fmt: skip
    years = sorted({year, today.year, *years_of(body)}, reverse=True)
    context = _page(
        request, body, year=year, years=years, as_of=as_of, listed=listed, filters=filters, rows=rows,
        satisfactions=[s.label for s in Satisfaction],
    )  # fmt: skip
    return render(request, "proposals/list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def add(request: HttpRequest, body_id: int) -> HttpResponse:
    body = _body(request, body_id, keep=True)
    form = ProposalForm(request.POST or None, body=body)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        fields = services.ProposalFields(
            kind=ProposalKind(data["kind"]), session=data["session"], number=data["number"],
            title=data["title"], proposer=data["proposer"], assigned_on=data["assigned_on"],
            due_on=data["due_on"] or lead_due(data["assigned_on"]), lead_department=data["lead_department"],
            co_departments=tuple(data["co_departments"]), co_due_on=data["co_due_on"],
        )  # fmt: skip
        try:
            proposal = services.register_proposal(body=body, fields=fields, actor=_officer(request))
        except ProposalError as error:
            _refusal_onto(form, error)
        else:
            messages.success(request, f"已登记“{proposal.title}”，办理期限 {proposal.due_on}")
            return redirect("proposals:detail", body_id=body.pk, pk=proposal.pk)
    return render(request, "proposals/form.html", _page(request, body, form=form))


@login_required
@require_http_methods(["GET", "POST"])
def import_file(request: HttpRequest, body_id: int) -> HttpResponse:
    body = _body(request, body_id, keep=True)
    form = ImportForm(request.POST or None, request.FILES or None)
    context = _page(request, body, form=form, max_rows=imports.MAX_ROWS)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        content = upload.read(imports.MAX_FILE_BYTES + 1)
        departments = {department.name: department for department in Department.objects.filter(body=body)}
        try:
            parsed = imports.parse_proposals(
                content, kind=ProposalKind(form.cleaned_data["kind"]), departments=departments
            )
        except imports.ImportFileError as error:
            context["file_error"] = error
            return render(request, "proposals/import.html", context, status=400)
        if parsed.errors:
            context["row_errors"] = parsed.errors
            return render(request, "proposals/import.html", context, status=400)
        result = services.import_proposals(body=body, rows=parsed.rows, actor=_officer(request))
        if isinstance(result, list):
            context["row_errors"] = [
                imports.RowError(
                    conflict.row, imports.NUMBER.header, "conflicts_with_stored", conflict.message
                )
                for conflict in result
            ]
            return render(request, "proposals/import.html", context, status=400)
        messages.success(request, f"已导入“{upload.name}”：{result}")
        return redirect("proposals:year", body_id=body.pk, year=timezone.localdate().year)
    return render(request, "proposals/import.html", context)


def _proposal(request: HttpRequest, body_id: int, pk: int) -> tuple[Body, Proposal]:
    body = _body(request, body_id)
    return body, get_object_or_404(Proposal.objects.select_related("lead_department"), pk=pk, body=body)


def _publication(
    request: HttpRequest,
    body: Body,
    reply: Reply | None,
    confirmation: ConfirmationRequired | None,
    forms_given: dict[str, forms.Form],
) -> dict[str, object]:
    """What the page shows of the reply's way to the public: the refusal, the review, the forms."""
    if reply is None:
        return {}
    user = request.user
    may_revise = reply.publication != Publication.PUBLISHED and access.may_work(
        user, body, reply.proposal.lead_department
    )
    return {
        "refusal": refusal_of(reply),
        "reviews": [(review, hits_of(review)) for review in reviews_of(reply)],
        "sees_review_log": access.may_see_reviews(user, body),
        "may_publish": reply.publication == Publication.REQUESTED and access.may_publish(user, body),
        "confirmation": confirmation,
        "confirm_form": forms_given.get("confirm") or ConfirmationForm(),
        "revise_form": forms_given.get("revise")
        or (RevisionForm(initial={"text": reply.text}) if may_revise else None),
    }


def _detail(
    request: HttpRequest,
    body: Body,
    proposal: Proposal,
    status: int = 200,
    confirmation: ConfirmationRequired | None = None,
    **forms_given: forms.Form,
) -> HttpResponse:
    user = request.user
    reply = getattr(proposal, "reply", None)
    co_handlings = [
        (co, forms_given.get(f"opinion_{co.pk}") or OpinionForm(prefix=f"co{co.pk}"))
        if co.opinion_on is None and access.may_work(user, body, co.department)
        else (co, None)
        for co in proposal.co_handlings.select_related("department")
    ]
    may_reply = access.may_work(user, body, proposal.lead_department)
    context = _page(
        request,
        body,
        proposal=proposal,
        kind=proposal.kind_enum,
        status=status_of(proposal, timezone.localdate()),
        reply=reply,
        co_handlings=co_handlings,
        feedback=list(proposal.feedback.all()),
        satisfaction=latest_satisfaction(proposal),
        reply_form=forms_given.get("reply") or (ReplyForm() if may_reply and reply is None else None),
        feedback_form=forms_given.get("feedback")
        or (FeedbackForm() if reply is not None and access.may_keep(user, body) else None),
        may_request_publication=may_reply and reply is not None,
        **_publication(request, body, reply, confirmation, forms_given),
    )
    return render(request, "proposals/detail.html", context, status=status)


@login_required
def detail(request: HttpRequest, body_id: int, pk: int) -> HttpResponse:
    body, proposal = _proposal(request, body_id, pk)
    return _detail(request, body, proposal)


@login_required
@require_POST
def record_opinion(request: HttpRequest, body_id: int, pk: int, co_pk: int) -> HttpResponse:
    body, proposal = _proposal(request, body_id, pk)
    co_handling = get_object_or_404(
        CoHandling.objects.select_related("department"), pk=co_pk, proposal=proposal
    )
    access.require_work(request.user, body, co_handling.department)
    form = OpinionForm(request.POST, prefix=f"co{co_handling.pk}")
    if form.is_valid():
        try:
            services.record_co_opinion(co_handling=co_handling, actor=_officer(request), **form.cleaned_data)
        except ProposalError as error:
            _refusal_onto(form, error)
        else:
            messages.success(request, f"已录入{co_handling.department.name}的协办意见")
            return redirect("proposals:detail", body_id=body.pk, pk=proposal.pk)
    return _detail(request, body, proposal, 400, None, **{f"opinion_{co_handling.pk}": form})


@login_required
@require_POST
def record_reply(request: HttpRequest, body_id: int, pk: int) -> HttpResponse:
    body, proposal = _proposal(request, body_id, pk)
    access.require_work(request.user, body, proposal.lead_department)
    form = ReplyForm(request.POST)
    if form.is_valid():
        try:
            services.record_reply(proposal=proposal, actor=_officer(request), **form.cleaned_data)
        except ProposalError as error:
            _refusal_onto(form, error)
        else:
            messages.success(request, "已录入答复")
            return redirect("proposals:detail", body_id=body.pk, pk=proposal.pk)
    return _detail(request, body, proposal, 400, reply=form)


@login_required
@require_POST
def record_feedback(request: HttpRequest, body_id: int, pk: int) -> HttpResponse:
    body, proposal = _proposal(request, body_id, pk)
    access.require_keep(request.user, body)
    form = FeedbackForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.record_feedback(
                proposal=proposal, satisfaction=Satisfaction(data["satisfaction"]),
                received_on=data["received_on"], note=data["note"], actor=_officer(request),
            )  # fmt: skip
        except ProposalError as error:
            _refusal_onto(form, error)
        else:
            messages.success(request, "已录入代表、委员的反馈意见")
            return redirect("proposals:detail", body_id=body.pk, pk=proposal.pk)
    return _detail(request, body, proposal, 400, feedback=form)


@login_required
@require_POST
def request_publication(request: HttpRequest, body_id: int, pk: int) -> HttpResponse:
    body, proposal = _proposal(request, body_id, pk)
    access.require_work(request.user, body, proposal.lead_department)
    reply = getattr(proposal, "reply", None)
    if reply is None:
        messages.error(request, "尚未答复，不能申请公开（reply_missing）")
        return redirect("proposals:detail", body_id=body.pk, pk=proposal.pk)
    try:
        services.request_reply_publication(reply=reply, actor=_officer(request))
    except ProposalError as error:
        messages.error(request, f"{error.message}（{error.code}）")
    else:
        messages.success(request, "答复已提交公开审查")
    return redirect("proposals:detail", body_id=body.pk, pk=proposal.pk)


def _reply(request: HttpRequest, body_id: int, pk: int) -> tuple[Body, Proposal, Reply]:
    body, proposal = _proposal(request, body_id, pk)
    reply = getattr(proposal, "reply", None)
    if reply is None:
        raise Http404("尚未答复")
    return body, proposal, reply


@login_required
@require_POST
def revise_reply(request: HttpRequest, body_id: int, pk: int) -> HttpResponse:
    body, proposal, reply = _reply(request, body_id, pk)
    access.require_work(request.user, body, proposal.lead_department)
    form = RevisionForm(request.POST)
    if form.is_valid():
        try:
            services.revise_reply(reply=reply, text=form.cleaned_data["text"], actor=_officer(request))
        except ProposalError as error:
            _refusal_onto(form, error)
        else:
            after = "，请重新提交公开审查" if reply.publication == Publication.REFUSED else ""
            messages.success(request, f"已修改答复{after}")
            return redirect("proposals:detail", body_id=body.pk, pk=proposal.pk)
    return _detail(request, body, proposal, 400, revise=form)


@login_required
@require_POST
def publish(request: HttpRequest, body_id: int, pk: int) -> HttpResponse:
    """The 保密审查: approved → 已公开; blocked → 审查未通过 with the reason; flagged → asks for a reason.
    Someone who is not a reviewer or head gets the service's NotPermitted, a 403."""
    body, proposal, reply = _reply(request, body_id, pk)
    form = ConfirmationForm(request.POST)
    confirmation = str(form.cleaned_data["confirmation"]) if form.is_valid() else ""
    try:
        review = services.publish_reply(reply=reply, actor=_officer(request), confirmation=confirmation)
    except ConfirmationRequired as asked:
        return _detail(request, body, proposal, 409, confirmation=asked, confirm=form)
    except ProposalError as error:
        messages.error(request, f"{error.message}（{error.code}）")
    else:
        if review.approved:
            messages.success(request, "已通过保密审查，答复已公开")
        else:
            messages.error(request, "保密审查未通过，不得公开：请承办股室修改答复后重新提交，原因见下")
    return redirect("proposals:detail", body_id=body.pk, pk=proposal.pk)
