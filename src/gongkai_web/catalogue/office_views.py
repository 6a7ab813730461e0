"""The office's catalogue pages: list, draft, the 三审 review, publication and withdrawal, the guide settings.

Each view checks access (`access`), validates a form, makes one service call and redirects. An
officer of another body is refused (403) on every page; a step the user's roles do not allow is
refused too, and a step the item's stage no longer allows comes back as a message.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods, require_POST

from gongkai.catalogue import REVIEW_NAMES, ReviewError, Stage, Step
from gongkai.workdays import provisional_note
from gongkai_web.accounts.models import User
from gongkai_web.applications.attachments import UploadLimits
from gongkai_web.applications.services import NotPermitted
from gongkai_web.bodies.models import Body, Role
from gongkai_web.catalogue import access
from gongkai_web.catalogue.forms import GuideForm, ItemForm, OfficeFilterForm, ReasonForm
from gongkai_web.catalogue.models import CatalogueAttachment, CatalogueItem
from gongkai_web.catalogue.queries import (
    OFFICE_PAGE_SIZE,
    guide_of,
    history_of,
    is_late,
    lineage_of,
    office_items,
    office_summary,
)
from gongkai_web.catalogue.services import (
    GUIDE_OWN,
    HELP_DESK_FIELDS,
    create_draft,
    edit_draft,
    open_revision,
    review_item,
    save_guide_settings,
    start_revision,
    submit_draft,
    withdraw_item,
)
from gongkai_web.gate.forms import ConfirmationForm
from gongkai_web.gate.queries import blocked_as_it_stands, reviews_with_hits
from gongkai_web.gate.services import ConfirmationRequired, PublicationBlocked
from gongkai_web.paging import paged

Refusal = (ValidationError, ReviewError)
STAGES = frozenset(stage.value for stage in Stage)


def _as_error(refusal: ValidationError | ReviewError) -> ValidationError:
    if isinstance(refusal, ReviewError):
        return ValidationError(refusal.message, code=refusal.code)
    return refusal


def _officer(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User), "behind login_required"
    return user


def _today() -> dt.date:
    return timezone.localdate()


def _chosen_body(request: HttpRequest, roles: frozenset[Role] | None = None) -> Body | None:
    """The body asked for (``?body=<id>``) or the user's only one; None when they must choose.

    PermissionDenied when the user holds none of ``roles`` (any role if None) there, or anywhere.
    """
    user = _officer(request)
    bodies = access.bodies_of(user, roles)
    requested = request.GET.get("body")
    if requested is not None:
        found = [body for body in bodies if str(body.pk) == requested]
        if not found:
            raise PermissionDenied(f"{user} 无权查看所请求机关的主动公开目录")
        return found[0]
    if not bodies:
        raise PermissionDenied(f"{user} 在任何机关都没有相应岗位")
    return bodies[0] if len(bodies) == 1 else None


def _choose(request: HttpRequest, title: str, roles: frozenset[Role] | None = None) -> HttpResponse:
    bodies = access.bodies_of(_officer(request), roles)
    return render(request, "catalogue/office_choose.html", {"bodies": bodies, "title": title})


def _item(request: HttpRequest, pk: int) -> CatalogueItem:
    item = get_object_or_404(CatalogueItem.objects.select_related("body", "author"), pk=pk)
    if not access.may_view(_officer(request), item.body):
        raise PermissionDenied(f"{request.user} 不是该信息所属机关的工作人员")
    return item


@login_required
def item_list(request: HttpRequest) -> HttpResponse:
    body = _chosen_body(request)
    if body is None:
        return _choose(request, "主动公开目录")
    today = _today()
    form = OfficeFilterForm(request.GET or None)
    listed = paged(request, Paginator(office_items(body, form.filters(), today), OFFICE_PAGE_SIZE))
    page = listed.page
    return render(
        request,
        "catalogue/office_list.html",
        {
            "body": body,
            "form": form,
            "page": page,
            "rows": [(item, is_late(item, today)) for item in page.object_list],
            "summary": office_summary(body, today),
            "today": today,
            "query": listed.query,
            "may_draft": access.may_draft(_officer(request), body),
            "may_edit_guide": access.may_edit_guide(_officer(request), body),
        },
    )


def _with_upload_limits(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Install `UploadLimits` before the request body is read, then check CSRF (as the portal does)."""

    @csrf_exempt
    def wrapped(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        limits = UploadLimits(request)
        if request.method == "POST":
            request.upload_handlers = [limits, *request.upload_handlers]
        return csrf_protect(view)(request, limits, *args, **kwargs)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


def _item_form(
    request: HttpRequest,
    limits: UploadLimits,
    initial: dict[str, object] | None = None,
    *,
    revision: bool = False,
    attachments: Sequence[CatalogueAttachment] = (),
) -> ItemForm:
    options: dict[str, Any] = {"revision": revision, "attachments": attachments}
    if request.method == "POST":
        return ItemForm(
            request.POST,
            request.FILES,
            refused_uploads=limits.refused,
            uploads_seen=limits.files_seen,
            **options,
        )
    return ItemForm(initial=initial, **options)


@login_required
@require_http_methods(["GET", "POST"])
@_with_upload_limits
def create(request: HttpRequest, limits: UploadLimits) -> HttpResponse:
    user = _officer(request)
    body = _chosen_body(request, access.DRAFTERS)
    if body is None:
        return _choose(request, "起草主动公开信息", access.DRAFTERS)
    form = _item_form(request, limits, {"issuer": body.name, "created_on": _today()})
    if request.method == "POST" and form.is_valid():
        try:
            item = create_draft(
                body=body, actor=user, fields=form.item_fields(), uploads=form.cleaned_data["attachments"]
            )
        except Refusal as refusal:
            form.add_error(None, _as_error(refusal))
        else:
            messages.success(request, f"已保存草稿（索引号 {item.index_number}）")
            return redirect("catalogue:office_item", item.pk)
    return render(request, "catalogue/office_form.html", {"form": form, "body": body, "item": None})


@login_required
@require_http_methods(["GET", "POST"])
@_with_upload_limits
def edit(request: HttpRequest, limits: UploadLimits, pk: int) -> HttpResponse:
    user = _officer(request)
    item = _item(request, pk)
    if not access.may_edit(user, item):
        raise PermissionDenied(f"{user} 不能修改这条信息（只有起草人能修改草稿）")
    attachments = list(item.attachments.all())
    revision = item.revises_id is not None
    form = _item_form(request, limits, ItemForm.initial_of(item), revision=revision, attachments=attachments)
    if request.method == "POST" and form.is_valid():
        try:
            edit_draft(
                item=item,
                actor=user,
                fields=form.item_fields(),
                uploads=form.cleaned_data["attachments"],
                remove=form.removed(),
            )
        except Refusal as refusal:
            form.add_error(None, _as_error(refusal))
        else:
            messages.success(request, "已保存修改")
            return redirect("catalogue:office_item", item.pk)
    return render(request, "catalogue/office_form.html", {"form": form, "body": item.body, "item": item})


@login_required
@require_http_methods(["GET", "POST"])
@_with_upload_limits
def revise(request: HttpRequest, limits: UploadLimits, pk: int) -> HttpResponse:
    """变更 of a published item: a new revision drafted from it, reviewed anew before the public sees it."""
    user = _officer(request)
    item = _item(request, pk)
    if not access.may_revise(user, item):
        raise PermissionDenied(f"{user} 不能变更这条信息（只能变更现行的已发布信息）")
    initial = ItemForm.initial_of(item) | {"changed_on": _today()}
    form = _item_form(request, limits, initial, revision=True)
    if request.method == "POST" and form.is_valid():
        try:
            revision = start_revision(
                item=item, actor=user, fields=form.item_fields(), uploads=form.cleaned_data["attachments"]
            )
        except Refusal as refusal:
            form.add_error(None, _as_error(refusal))
        else:
            messages.success(request, f"已保存第 {revision.revision} 版的草稿；提交并经三审后替代现行版本")
            return redirect("catalogue:office_item", revision.pk)
    context = {"form": form, "body": item.body, "item": None, "revising": item}
    return render(request, "catalogue/office_form.html", context)


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail_page(request, _item(request, pk))


def _detail_page(
    request: HttpRequest,
    item: CatalogueItem,
    *,
    confirmation: ConfirmationRequired | None = None,
    confirm_form: ConfirmationForm | None = None,
    status: int = 200,
) -> HttpResponse:
    """The item's page; after a flagged 终审, with the hits and the form asking for the reviewer's reason."""
    user = _officer(request)
    today = _today()
    stage = item.stage_enum
    gate_reviews = reviews_with_hits(item)
    return render(
        request,
        "catalogue/office_item.html",
        {
            "gate_reviews": gate_reviews,
            "latest_blocked": blocked_as_it_stands(
                gate_reviews, item.publication_text(), item.attachment_files()
            )
            if stage is Stage.FINAL_REVIEW
            else None,
            "confirmation": confirmation,
            "confirm_form": confirm_form or ConfirmationForm(),
            "item": item,
            "stage": stage,
            "review_name": REVIEW_NAMES.get(stage, ""),
            "late": is_late(item, today),
            "provisional_note": provisional_note([item.created_on.year, item.publish_by.year])
            if item.publish_by_provisional
            else "",
            "history": history_of(item),
            "attachments": list(item.attachments.all()),
            "may_edit": access.may_edit(user, item),
            "may_review": access.may_review(user, item),
            "may_withdraw": access.may_withdraw(user, item),
            "may_revise": access.may_revise(user, item),
            "pending": open_revision(item) if stage is Stage.PUBLISHED else None,
            "lineage": lineage_of(item),
            "reason_form": ReasonForm(),
        },
        status=status,
    )


def _seen(request: HttpRequest, item: CatalogueItem) -> Stage:
    """The stage the reviewer's page showed (posted with the step), else the item's own."""
    seen_text = request.POST.get("seen", "")
    return Stage(seen_text) if seen_text in STAGES else item.stage_enum


def _step(
    request: HttpRequest, pk: int, run: Callable[[CatalogueItem, User, Stage, str], object], done: str
) -> HttpResponse:
    user = _officer(request)
    item = _item(request, pk)
    form = ReasonForm(request.POST)
    seen = _seen(request, item)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        run(item, user, seen, reason)
    except Refusal as refusal:
        for message in _as_error(refusal).messages:
            messages.error(request, message)
    else:
        messages.success(request, done)
    return redirect("catalogue:office_item", item.pk)


@login_required
@require_POST
def submit(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(
        request, pk, lambda item, user, seen, reason: submit_draft(item=item, actor=user), "已提交初审"
    )


@login_required
@require_POST
def approve(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item(request, pk)
    if not access.may_review(_officer(request), item):
        raise PermissionDenied(f"{request.user} 的岗位不能审核这条信息")

    if _seen(request, item) is Stage.FINAL_REVIEW:
        return _final_review(request, item)

    def run(item: CatalogueItem, user: User, seen: Stage, reason: str) -> object:
        return review_item(item=item, actor=user, seen=seen, step=Step.APPROVE, reason=reason, today=_today())

    return _step(request, pk, run, "已审核通过")


def _final_review(request: HttpRequest, item: CatalogueItem) -> HttpResponse:
    """终审 with its 保密审查: published; blocked → the reason shown; flagged → asks the reviewer why."""
    form = ConfirmationForm(request.POST)
    confirmation = str(form.cleaned_data["confirmation"]) if form.is_valid() else ""
    try:
        review_item(
            item=item,
            actor=_officer(request),
            seen=Stage.FINAL_REVIEW,
            step=Step.APPROVE,
            today=_today(),
            confirmation=confirmation,
        )
    except NotPermitted as refusal:
        raise PermissionDenied(refusal.message) from refusal
    except ConfirmationRequired as asked:
        return _detail_page(request, item, confirmation=asked, confirm_form=form, status=409)
    except PublicationBlocked:
        messages.error(request, "保密审查未通过，不得公开：请退回起草人修改，原因见下")
    except Refusal as refusal:
        for message in _as_error(refusal).messages:
            messages.error(request, message)
    else:
        messages.success(request, "已审核通过并发布（已通过保密审查）")
    return redirect("catalogue:office_item", item.pk)


@login_required
@require_POST
def send_back(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item(request, pk)
    if not access.may_review(_officer(request), item):
        raise PermissionDenied(f"{request.user} 的岗位不能审核这条信息")

    def run(item: CatalogueItem, user: User, seen: Stage, reason: str) -> object:
        return review_item(item=item, actor=user, seen=seen, step=Step.RETURN, reason=reason, today=_today())

    return _step(request, pk, run, "已退回起草人修改")


@login_required
@require_POST
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item(request, pk)
    if not access.may_withdraw(_officer(request), item):
        raise PermissionDenied(f"{request.user} 不能撤回这条信息")
    return _step(
        request,
        pk,
        lambda item, user, seen, reason: withdraw_item(item=item, actor=user, reason=reason, today=_today()),
        "已撤回",
    )


@login_required
def attachment(request: HttpRequest, pk: int, file_pk: int) -> FileResponse:
    item = _item(request, pk)
    stored = get_object_or_404(CatalogueAttachment, pk=file_pk, item=item)
    return attachment_response(stored)


def attachment_response(stored: CatalogueAttachment) -> FileResponse:
    response = FileResponse(
        stored.file.open("rb"),
        as_attachment=True,
        filename=stored.original_name,
        content_type=stored.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def guide_settings(request: HttpRequest) -> HttpResponse:
    user = _officer(request)
    body = _chosen_body(request, access.GUIDE_EDITORS)
    if body is None:
        return _choose(request, "政府信息公开指南设置", access.GUIDE_EDITORS)
    guide = guide_of(body)
    initial = {name: getattr(guide.help_desk, name, "") for name in HELP_DESK_FIELDS}
    initial |= {name: getattr(guide.settings, name, "") for name in GUIDE_OWN}
    form = GuideForm(request.POST if request.method == "POST" else None, initial=initial)
    if form.is_bound and form.is_valid():
        save_guide_settings(body=body, actor=user, fields=form.guide_fields())
        messages.success(request, "已保存政府信息公开指南设置")
        return redirect(f"{reverse('catalogue:office_guide')}?body={body.pk}")
    return render(request, "catalogue/office_guide.html", {"form": form, "body": body})
