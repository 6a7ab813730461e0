"""The register pages under /office/registers/: documents, the monthly grid, imports, section 二.

Every member of a body reads its registers; its registrar, head and administrator keep them
(`access`). An officer of another body is refused (403) on every page.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from gongkai.annual.render.layout import grid
from gongkai.formats import format_for_year
from gongkai.proactive import DocumentKind, RegisterError, check_year, underived_cells
from gongkai_web.accounts.models import User
from gongkai_web.bodies.models import Body
from gongkai_web.registers import imports, services
from gongkai_web.registers.access import may_keep, readable_bodies, require_keep, require_read
from gongkai_web.registers.forms import (
    DOCUMENTS,
    ERROR_FIELDS,
    DocumentForm,
    FiguresForm,
    ImportForm,
    RepealForm,
    figure_key,
)
from gongkai_web.registers.models import Document
from gongkai_web.registers.queries import documents_of, figure_grid, proactive_table, years_with_figures


def _officer(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User), "behind login_required"
    return user


def _body(request: HttpRequest, body_id: int, *, keep: bool = False) -> Body:
    body = get_object_or_404(Body, pk=body_id)
    (require_keep if keep else require_read)(request.user, body)
    return body


def _refusal_onto(form: DocumentForm | RepealForm, error: RegisterError) -> None:
    field = ERROR_FIELDS.get(error.code)
    form.add_error(field if field in form.fields else None, error.message)


def _this_year() -> int:
    return timezone.localdate().year


def _page(
    request: HttpRequest, body: Body, nav_year: int | None = None, **extra: object
) -> dict[str, object]:
    """What every register page shows: the body, whether the user keeps it, the year the links open."""
    return {
        "body": body,
        "keeps": may_keep(request.user, body),
        "nav_year": nav_year or _this_year(),
        **extra,
    }


@login_required
def index(request: HttpRequest) -> HttpResponse:
    bodies = list(readable_bodies(request.user))
    if len(bodies) == 1:
        return redirect("registers:documents", body_id=bodies[0].pk)
    return render(request, "registers/index.html", {"bodies": bodies})


@login_required
def documents(request: HttpRequest, body_id: int) -> HttpResponse:
    body = _body(request, body_id)
    context = _page(
        request, body, documents=documents_of(body), years=years_with_figures(body) or [_this_year()]
    )
    return render(request, "registers/documents.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def add_document(request: HttpRequest, body_id: int) -> HttpResponse:
    body = _body(request, body_id, keep=True)
    form = DocumentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_document(body=body, actor=_officer(request), **_document_fields(form))
        except RegisterError as error:
            _refusal_onto(form, error)
        else:
            messages.success(request, f"已登记“{form.cleaned_data['title']}”")
            return redirect("registers:documents", body_id=body.pk)
    return render(request, "registers/document_form.html", _page(request, body, form=form, document=None))


@login_required
@require_http_methods(["GET", "POST"])
def edit_document(request: HttpRequest, body_id: int, pk: int) -> HttpResponse:
    body = _body(request, body_id, keep=True)
    document = get_object_or_404(Document, pk=pk, body=body)
    form = DocumentForm(request.POST) if request.method == "POST" else DocumentForm.of(document)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_document(document=document, actor=_officer(request), **_document_fields(form))
        except RegisterError as error:
            _refusal_onto(form, error)
        else:
            messages.success(request, f"已修改“{document.title}”")
            return redirect("registers:documents", body_id=body.pk)
    context = _page(request, body, form=form, document=document, repeal_form=RepealForm())
    return render(request, "registers/document_form.html", context)


@login_required
@require_POST
def repeal_document(request: HttpRequest, body_id: int, pk: int) -> HttpResponse:
    body = _body(request, body_id, keep=True)
    document = get_object_or_404(Document, pk=pk, body=body)
    form = RepealForm(request.POST)
    if form.is_valid():
        try:
            services.repeal_document(
                document=document, repealed_on=form.cleaned_data["repealed_on"], actor=_officer(request)
            )
        except RegisterError as error:
            _refusal_onto(form, error)
        else:
            messages.success(request, f"已登记“{document.title}”于 {document.repealed_on} 废止")
            return redirect("registers:documents", body_id=body.pk)
    context = _page(request, body, form=DocumentForm.of(document), document=document, repeal_form=form)
    return render(request, "registers/document_form.html", context, status=400)


def _document_fields(form: DocumentForm) -> services.DocumentFields:
    data = form.cleaned_data
    return services.DocumentFields(
        kind=DocumentKind(data["kind"]), title=data["title"], number=data["number"],
        issued_on=data["issued_on"], repealed_on=data["repealed_on"], note=data["note"],
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def figures(request: HttpRequest, body_id: int, year: int) -> HttpResponse:
    body = _body(request, body_id, keep=request.method == "POST")
    try:
        check_year(year)
    except RegisterError as error:
        return render(request, "registers/refused.html", _page(request, body, error=error), status=404)
    stored = figure_grid(body=body, year=year)
    initial = {figure_key(month, item): value for (month, item), value in stored.items()}
    form = FiguresForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        summary = services.record_figures(body=body, year=year, values=form.values(), actor=_officer(request))
        messages.success(request, f"{year}年月度数据已保存：{summary}")
        return redirect("registers:figures", body_id=body.pk, year=year)
    context = _page(request, body, year, year=year, form=form)
    return render(request, "registers/figures.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def import_file(request: HttpRequest, body_id: int) -> HttpResponse:
    body = _body(request, body_id, keep=True)
    form = ImportForm(request.POST or None, request.FILES or None)
    context = _page(request, body, form=form, max_rows=imports.MAX_ROWS)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        content = upload.read(imports.MAX_FILE_BYTES + 1)
        try:
            if form.cleaned_data["kind"] == DOCUMENTS:
                parsed_documents = imports.parse_documents(content)
                errors = parsed_documents.errors
                if not errors:
                    summary = services.import_documents(
                        body=body, rows=parsed_documents.rows, actor=_officer(request)
                    )
            else:
                parsed_figures = imports.parse_figures(content)
                errors = parsed_figures.errors
                if not errors:
                    summary = services.import_figures(
                        body=body, rows=parsed_figures.rows, actor=_officer(request)
                    )
        except imports.ImportFileError as error:
            context["file_error"] = error
            return render(request, "registers/import.html", context, status=400)
        if errors:
            context["row_errors"] = errors
            return render(request, "registers/import.html", context, status=400)
        messages.success(request, f"已导入“{upload.name}”：{summary}")
        return redirect("registers:documents", body_id=body.pk)
    return render(request, "registers/import.html", context)


@login_required
def proactive(request: HttpRequest, body_id: int, year: int) -> HttpResponse:
    body = _body(request, body_id)
    try:
        table = proactive_table(body=body, year=year)
    except RegisterError as error:
        return render(request, "registers/refused.html", _page(request, body, error=error), status=404)
    spec = table.spec
    underived = [spec.describe(row_id, column_id) for row_id, column_id in underived_cells(year)]
    context = _page(
        request, body, year, year=year, format=format_for_year(year), grid=grid(table), underived=underived
    )
    return render(request, "registers/proactive.html", context)
