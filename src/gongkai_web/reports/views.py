"""The office's report pages under /office/reports/: the builder, draft downloads, import, publish.

Every page asks `access` about the body in the URL: an officer of another body is refused (403).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.annual import jsonio
from gongkai.annual.carryover import carried_figures
from gongkai.annual.guidance import guidance_for
from gongkai.annual.model import MIXED, AnnualReport, Cell, Table
from gongkai.annual.render import RENDERERS
from gongkai.annual.render.layout import document_parts
from gongkai.annual.similarity import pieces
from gongkai.annual.tokens import choices
from gongkai.cases import RecordError
from gongkai.formats import FORMATS, SECTIONS, FormatId
from gongkai_web.accounts.models import User
from gongkai_web.bodies.models import Body, BodyKind
from gongkai_web.gate.models import PublicationReview
from gongkai_web.gate.queries import HitRecord, hits_of, reviews_with_hits
from gongkai_web.gate.services import ConfirmationRequired, PublicationBlocked
from gongkai_web.reports import access, pending
from gongkai_web.reports.downloads import download
from gongkai_web.reports.facts import menu_groups
from gongkai_web.reports.forms import (
    BaselineForm,
    BuilderForm,
    PublishForm,
    cell_field,
    initial,
    text_field,
    unit_field,
)
from gongkai_web.reports.models import Baseline, ReportDraft
from gongkai_web.reports.queries import Composition, compose, latest_version, versions
from gongkai_web.reports.services import confirm_baseline, publish_report, read_baseline, save_draft
from gongkai_web.reports.sources import registered_section
from gongkai_web.statistics.queries import previous_report_year

DRAFT_KINDS = ("docx", "pdf", "html", "xlsx", "json")
BASELINE_LIMIT = 20 * 1024 * 1024  # bytes: a scanned PDF report is a few MB
READ_KINDS = {"pdf": "PDF", "docx": "Word（.docx）", "html": "网页", "text": "文本", "markdown": "Markdown"}


@login_required
def index(request: HttpRequest) -> HttpResponse:
    bodies = access.readable_bodies(request.user)
    if not bodies.exists():
        raise PermissionDenied("您在任何机关都没有编制、审阅年度报告的岗位")
    year = previous_report_year(timezone.localdate())
    rows = []
    for body in bodies:
        years = sorted(
            {year, *ReportDraft.objects.filter(body=body).values_list("year", flat=True)}, reverse=True
        )
        rows.append(
            (body, [(y, body.annual_report_due(y), latest_version(body=body, year=y)) for y in years])
        )
    return render(request, "reports/index.html", {"rows": rows})


def _body(request: HttpRequest, body_id: int) -> Body:
    body = get_object_or_404(Body, pk=body_id)
    if not access.may_read(request.user, body):
        raise PermissionDenied(f"{request.user} 无权查看{body.name}的年度报告")
    return body


def _officer(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)  # every office view is login_required
    return user


def _compose(body: Body, year: int) -> Composition:
    try:
        return compose(body=body, year=year)
    except RecordError as error:
        raise Http404(error.message) from error


@login_required
def builder(request: HttpRequest, body_id: int, year: int) -> HttpResponse:
    """GET: the draft with its findings; POST (drafters): save the texts and figures, then check again."""
    body = _body(request, body_id)
    composition = _compose(body, year)
    draft = ReportDraft.objects.filter(body=body, year=year).first()
    if request.method == "POST":
        if not access.may_draft(request.user, body):
            raise PermissionDenied(f"{request.user} 不能编制{body.name}的年度报告")
        form = BuilderForm(composition.format, request.POST)
        if form.is_valid():
            save_draft(body=body, year=year, actor=_officer(request), texts=form.texts(), grid=form.grid())
            messages.success(request, "草稿已保存，已重新核查")
            return redirect("reports:builder", body.pk, year)
    else:
        form = BuilderForm(
            composition.format,
            initial=initial(composition.format, composition.texts, draft.proactive if draft else {}),
        )
    return render(
        request, "reports/builder.html", _builder_context(request, composition, form, PublishForm())
    )


def _builder_context(
    request: HttpRequest, composition: Composition, form: BuilderForm, publish_form: PublishForm
) -> dict[str, object]:
    body = composition.body
    government = body.kind == BodyKind.PEOPLES_GOVERNMENT
    sections = []
    for spec in SECTIONS:
        similarity = composition.similarity.get(spec.number)
        section = composition.report.section(spec.number)
        text = section.text if section is not None else ""
        sections.append(
            {
                "spec": spec,
                "field": form[text_field(spec.number)],
                "guidance": guidance_for(spec.number, government=government),
                "findings": [f for f in composition.findings if f.where == f"sections.{spec.number}"],
                "similarity": similarity,
                "pieces": pieces(text, similarity.passages) if similarity and similarity.passages else [],
            }
        )
    registered = registered_section(body=body, year=composition.year)
    grid_rows = [
        {
            "row": row,
            "cells": [
                (
                    column,
                    form[cell_field(row, column)],
                    form[unit_field(row, column)] if unit_field(row, column) in form.fields else None,
                    _counted(registered, row.id, column.id),
                )
                for column in row.columns
            ],
        }
        for row in composition.format.proactive.rows
    ]
    menu: dict[str, list[object]] = {}
    for choice in choices(composition.format, groups=menu_groups()):
        menu.setdefault(choice.group, []).append(choice)
    parts = [part for part in document_parts(composition.report) if part.grid is not None]
    return {
        "composition": composition,
        "body": body,
        "year": composition.year,
        "due": body.annual_report_due(composition.year),
        "form": form,
        "publish_form": publish_form,
        "sections": sections,
        "grid_rows": grid_rows,
        "registered": registered is not None,
        "menu": menu,
        "parts": parts,
        "versions": versions(body=body, year=composition.year),
        "gate_reviews": _gate_reviews(body, composition.year),
        "may_draft": access.may_draft(request.user, body),
        "may_publish": access.may_publish(request.user, body),
        "draft_kinds": DRAFT_KINDS,
        "baseline": Baseline.objects.filter(body=body, year=composition.year - 1).first(),
    }


def _gate_reviews(body: Body, year: int) -> list[tuple[PublicationReview, list[HitRecord]]]:
    """The 保密审查 records of the year's report (kept against its draft), the latest first."""
    draft = ReportDraft.objects.filter(body=body, year=year).first()
    return reviews_with_hits(draft) if draft is not None else []


@login_required
def draft_file(request: HttpRequest, body_id: int, year: int, kind: str) -> HttpResponse:
    """The draft as it stands, in one of the published formats (marked 草稿 in the file name)."""
    body = _body(request, body_id)
    if kind not in DRAFT_KINDS:
        raise Http404(f"不支持的格式：{kind}")
    composition = _compose(body, year)
    content = RENDERERS[kind].render(composition.report)
    return download(content, kind, f"{body.name}{year}年政府信息公开工作年度报告（草稿）")


@login_required
@require_POST
def publish(request: HttpRequest, body_id: int, year: int) -> HttpResponse:
    body = _body(request, body_id)
    if not access.may_publish(request.user, body):
        raise PermissionDenied(f"{request.user} 不能发布{body.name}的年度报告")
    form = PublishForm(request.POST)
    composition = _compose(body, year)
    gate: dict[str, object] = {}
    if form.is_valid():
        try:
            version = publish_report(
                body=body,
                year=year,
                actor=_officer(request),
                on=timezone.localdate(),
                change_reason=form.cleaned_data["change_reason"],
                override_reason=form.cleaned_data["override_reason"],
                confirmation=form.cleaned_data["confirmation"],
            )
        except ConfirmationRequired as asked:
            gate = {"confirmation": asked}
        except PublicationBlocked as refusal:
            form.add_error(None, refusal)
            gate = {"blocked": (refusal.review, hits_of(refusal.review))}
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"已发布第{version.number}版")
            return redirect("reports:public_year", body.pk, year)
    draft = ReportDraft.objects.filter(body=body, year=year).first()
    builder_form = BuilderForm(
        composition.format,
        initial=initial(composition.format, composition.texts, draft.proactive if draft else {}),
    )
    return render(
        request,
        "reports/builder.html",
        _builder_context(request, composition, builder_form, form) | gate,
        status=409 if "confirmation" in gate else 400,
    )


@login_required
def baseline(request: HttpRequest, body_id: int, year: int) -> HttpResponse:
    """Import the body's published report of ``year - 1`` (its year before gongkai), in two steps.

    POST (drafters) reads the upload into a preview held in the session — nothing is stored; GET
    shows that preview (a reload keeps it) with 确认导入 and 取消, or else the stored baseline.
    """
    body = _body(request, body_id)
    form = BaselineForm()
    if request.method == "POST":
        _drafter(request, body)
        form = BaselineForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                if upload.size > BASELINE_LIMIT:
                    raise ValidationError("文件过大（上限 20 MB）", code="too_large")
                preview = read_baseline(
                    body=body, year=year - 1, actor=_officer(request), name=upload.name, data=upload.read()
                )
            except ValidationError as error:
                form.add_error("file", error)
            else:
                pending.keep(request.session, body, preview)
                return redirect("reports:baseline", body.pk, year)
    return _baseline_page(request, body, year, form, status=400 if form.errors else 200)


@login_required
@require_POST
def baseline_confirm(request: HttpRequest, body_id: int, year: int) -> HttpResponse:
    """确认导入: store the preview the form names; a stale or forged confirmation stores nothing."""
    return _decide_preview(request, body_id, year, confirm=True)


@login_required
@require_POST
def baseline_cancel(request: HttpRequest, body_id: int, year: int) -> HttpResponse:
    """取消: discard the preview the form names."""
    return _decide_preview(request, body_id, year, confirm=False)


def _decide_preview(request: HttpRequest, body_id: int, year: int, *, confirm: bool) -> HttpResponse:
    body = _body(request, body_id)
    _drafter(request, body)
    try:
        preview = pending.matching(request.session, body, year - 1, request.POST.get("token", ""))
        if confirm:
            confirm_baseline(body=body, actor=_officer(request), preview=preview)
    except ValidationError as error:
        return _baseline_page(request, body, year, BaselineForm(), refusal=error, status=409)
    pending.drop(request.session, body, year - 1)
    if confirm:
        messages.success(request, f"已导入{year - 1}年度报告，作为上年数据")
    else:
        messages.info(request, "已取消导入，未保存任何内容")
    return redirect("reports:baseline", body.pk, year)


def _drafter(request: HttpRequest, body: Body) -> None:
    if not access.may_draft(request.user, body):
        raise PermissionDenied(f"{request.user} 不能编制{body.name}的年度报告")


def _baseline_page(
    request: HttpRequest,
    body: Body,
    year: int,
    form: BaselineForm,
    *,
    refusal: ValidationError | None = None,
    status: int = 200,
) -> HttpResponse:
    held = pending.pending(request.session, body, year - 1) if access.may_draft(request.user, body) else None
    stored = Baseline.objects.filter(body=body, year=year - 1).first()
    shown = held[1].report if held else jsonio.loads(stored.report_json) if stored else None
    context = {
        "body": body,
        "year": year,
        "form": form,
        "refusal": refusal,
        "token": held[0] if held else None,
        "preview": held[1] if held else None,
        "stored": stored,
        "format_label": format_label(shown) if shown else "",
        "kind_label": READ_KINDS.get(held[1].kind, held[1].kind) if held else "",
        "carried": carried_figures(shown) if held and shown else [],
        "parts": [part for part in document_parts(shown) if part.grid is not None] if shown else [],
        "may_draft": access.may_draft(request.user, body),
        "published_previous": latest_version(body=body, year=year - 1),
    }
    return render(request, "reports/baseline.html", context, status=status)


def format_label(report: AnnualReport) -> str:
    """The national format a report's tables follow, as the import preview names it."""
    if report.format is None:
        return "未能确定（未读出第二项、第三项表格）"
    if report.format == MIXED:
        return "混用2019年、2021年两种格式"
    issued = FORMATS[FormatId(report.format)]
    return f"{issued.id.value}年格式（{issued.notice}）"


def _counted(registered: Table | None, row_id: str, column_id: str) -> Cell | None:
    """The registers' figure for a cell of section 二, if they give one (it is not typed then)."""
    if registered is None or registered[(row_id, column_id)].is_blank:
        return None
    return registered[(row_id, column_id)]
