"""The oversight pages under /office/oversight/. Each checks that the user supervises what the page
shows (`access`), validates a form, calls one service, renders or redirects."""

from __future__ import annotations

from dataclasses import dataclass, replace

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from gongkai.annual.model import AnnualReport
from gongkai.errors import GongkaiError
from gongkai_web.accounts.models import User
from gongkai_web.bodies.models import Body, BodyKind
from gongkai_web.oversight import access, opendata, queries, rollups, services, statistics, svg, tables
from gongkai_web.oversight.crossyear import cross_year_findings
from gongkai_web.oversight.forms import AssignForm, HierarchyForm, UploadForm
from gongkai_web.oversight.models import Batch, IntakeFile
from gongkai_web.oversight.services import Upload
from gongkai_web.registers.imports import MAX_FILE_BYTES, MAX_ROWS, ImportFileError

REFRESH_SECONDS = 2  # the batch page reloads itself this often until every file is read


@login_required
def index(request: HttpRequest) -> HttpResponse:
    """The dashboard of last year's reports: the year whose reports are due this spring."""
    access.require_supervisor(request.user)
    return redirect("oversight:dashboard", year=timezone.localdate().year - 1)


@login_required
def dashboard(request: HttpRequest, year: int) -> HttpResponse:
    """Every supervised body's report on ``year``: received, format, findings, published on time."""
    ids = access.require_supervisor(request.user)
    roots = list(access.supervised_roots(request.user))
    today = timezone.localdate()
    rows = queries.dashboard(roots=roots, ids=ids, year=year, today=today)
    context = {"year": year, "rows": rows, "today": today, "received": sum(1 for row in rows if row.file)}
    return render(request, "oversight/dashboard.html", context)


@login_required
def report(request: HttpRequest, year: int, body_id: int) -> HttpResponse:
    """A body's report on ``year`` as read: the tables beside the findings; ``?finding=N`` opens a
    finding and highlights the cell it is about, with the line it was printed on."""
    body = _supervised_body(request, body_id)
    file = queries.received_report(body, year)
    context: dict[str, object] = {"body": body, "year": year, "file": file}
    if file is None or file.reading is None or file.reading.failed:
        return render(request, "oversight/report.html", context, status=200 if file else 404)
    reading = file.reading
    previous = queries.received_report(body, year - 1)
    cross: list[dict[str, object]] = []
    if previous is not None and previous.reading is not None and not previous.reading.failed:
        cross = cross_year_findings(reading.report_json, previous.reading.report_json)
    every = reading.findings + cross
    parsed = tables.report_of(reading.report_json)
    findings = [
        replace(view, cross_year=view.number > len(reading.findings))
        for view in tables.finding_views(every, reading.provenance, tables.locations(parsed))
    ]
    opened = _opened(request, findings)
    context |= {
        "reading": reading,
        "findings": findings,
        "cross_year": len(cross),
        "opened": opened,
        "printed": queries.printed_line(file, _line(opened, every)),
        "tables": tables.table_views(parsed, reading.provenance, highlighted=opened.target if opened else ""),
        "has_previous": previous is not None,
    }
    return render(request, "oversight/report.html", context)


@login_required
def compare(request: HttpRequest, year: int, body_id: int) -> HttpResponse:
    """A body's report on ``year`` beside its report on the year before, the differing figures marked."""
    body = _supervised_body(request, body_id)
    current, previous = queries.received_report(body, year), queries.received_report(body, year - 1)
    context: dict[str, object] = {"body": body, "year": year, "current": current, "previous": previous}
    if not (_readable(current) and _readable(previous)):
        return render(request, "oversight/compare.html", context, status=404)
    now, before = _parsed(current), _parsed(previous)
    now_tables = tables.table_views(now.report, now.provenance, other=before.report)
    before_tables = tables.table_views(before.report, before.provenance, other=now.report)
    context |= {
        "pairs": list(zip(now_tables, before_tables, strict=False)),
        "differences": sum(cell.changed for table in now_tables for row in table.rows for cell in row),
        "same_format": now.report.format == before.report.format,
    }
    return render(request, "oversight/compare.html", context)


@login_required
def charts(request: HttpRequest, year: int) -> HttpResponse:
    """Charts of the supervised bodies' reports: outcomes, applicants, the years, defects by body."""
    ids = access.require_supervisor(request.user)
    page = statistics.charts_page(ids, year)
    context = {
        "year": year,
        "page": page,
        "outcome_svg": svg.horizontal(page.outcome_chart()),
        "applicant_svg": svg.horizontal(page.applicant_chart()),
        "trend_svg": svg.columns(page.trend_chart()),
        "defects_svg": svg.horizontal(page.defects_chart()),
    }
    return render(request, "oversight/charts.html", context)


OPEN_DATA_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@login_required
def open_data(request: HttpRequest, year: int, kind: str) -> HttpResponseBase:
    """Every cell of the scope's reports on ``year`` in long form (CSV, XLSX), or the canonical JSON."""
    ids = access.require_supervisor(request.user)
    reports = opendata.received(list(access.supervised_roots(request.user)), ids, year)
    name = f"gongkai-{year}-cells"
    if kind == "json":
        response = StreamingHttpResponse(
            opendata.canonical_json(reports, year), content_type="application/json; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="gongkai-{year}-reports.json"'
        return response
    if kind not in OPEN_DATA_TYPES:
        raise Http404("开放数据只提供 CSV、XLSX 和 JSON")
    return FileResponse(
        opendata.cells_file(reports, f".{kind}"),
        as_attachment=True,
        filename=f"{name}.{kind}",
        content_type=OPEN_DATA_TYPES[kind],
    )


@login_required
def rollup(request: HttpRequest, year: int, body_id: int) -> HttpResponse:
    """A people's government's own report on ``year`` against the sum of its direct subordinates'."""
    body = _supervised_body(request, body_id)
    if body.kind != BodyKind.PEOPLES_GOVERNMENT:
        raise Http404("层级汇总只适用于人民政府")
    ids = access.supervised_ids(request.user)
    view = rollups.rollup_view(body, year, ids)
    context = {"body": body, "year": year, "view": view}
    return render(request, "oversight/rollup.html", context, status=200 if view else 404)


@dataclass(frozen=True, slots=True)
class _Read:
    report: AnnualReport
    provenance: dict[str, dict[str, int]]


def _readable(file: IntakeFile | None) -> bool:
    return file is not None and file.reading is not None and not file.reading.failed


def _parsed(file: IntakeFile | None) -> _Read:
    if file is None or file.reading is None:
        raise ValueError("a file that was read")
    return _Read(tables.report_of(file.reading.report_json), file.reading.provenance)


def _supervised_body(request: HttpRequest, body_id: int) -> Body:
    body = get_object_or_404(Body, pk=body_id)
    access.require_supervises(request.user, body)
    return body


def _opened(request: HttpRequest, findings: list[tables.FindingView]) -> tables.FindingView | None:
    number = request.GET.get("finding", "")
    if not (number.isascii() and number.isdigit()) or not 1 <= int(number) <= len(findings):
        return None
    return findings[int(number) - 1]


def _line(opened: tables.FindingView | None, findings: list[dict[str, object]]) -> int | None:
    if opened is None:
        return None
    source = findings[opened.number - 1].get("source")
    return source.get("line") if isinstance(source, dict) else None


@login_required
@require_http_methods(["GET", "POST"])
def bodies(request: HttpRequest) -> HttpResponse:
    """The supervised hierarchy, and the import of bodies below it from a file."""
    ids = access.require_supervisor(request.user)
    form = HierarchyForm(request.POST or None, request.FILES or None)
    status = 200
    context: dict[str, object] = {"form": form, "max_rows": MAX_ROWS}
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            summary = services.import_hierarchy(content=upload.read(MAX_FILE_BYTES + 1), within=ids)
        except ImportFileError as error:
            context["file_error"], status = error, 400
        except services.HierarchyError as error:
            context["row_errors"], status = error.errors, 400
        else:
            messages.success(request, f"已导入“{upload.name}”：{summary}")
            return redirect("oversight:bodies")
    roots = list(access.supervised_roots(request.user))
    context["tree"] = queries.tree(roots, access.supervised_ids(request.user))
    return render(request, "oversight/bodies.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def batches(request: HttpRequest) -> HttpResponse:
    """The user's batches, and the upload of a new one."""
    user = _supervisor(request)
    access.require_supervisor(user)
    bodies = access.supervised_bodies(user).order_by("name")
    initial = {"year": timezone.localdate().year - 1}
    form = UploadForm(request.POST or None, request.FILES or None, bodies=bodies, initial=initial)
    status = 200
    if request.method == "POST" and form.is_valid():
        uploads = [Upload(f.name or "未命名", f, f.size or 0) for f in form.cleaned_data["reports"]]
        urls = services.url_lines(form.cleaned_data["urls"] + "\n" + form.cleaned_data["url_list"])
        try:
            batch = services.receive_batch(
                actor=user,
                uploads=uploads,
                urls=urls,
                year=form.cleaned_data["year"],
                body=form.cleaned_data["body"],
            )
        except GongkaiError as error:
            form.add_error("reports", f"{error.message}（{error.code}）")
            status = 400
        else:
            return redirect("oversight:batch", pk=batch.pk)
    elif request.method == "POST":
        status = 400
    context = {"form": form, "batches": queries.visible_batches(user)[:50], "max_files": services.MAX_FILES}
    return render(request, "oversight/batches.html", context, status=status)


@login_required
def batch(request: HttpRequest, pk: int) -> HttpResponse:
    """A batch's progress (N of M read) and each file's status, body and findings counted."""
    user = _supervisor(request)
    access.require_supervisor(user)
    found = get_object_or_404(Batch, pk=pk, uploaded_by_id=user.pk)
    bodies = access.supervised_bodies(user).order_by("name")
    rows = queries.file_rows(found, timezone.now())
    forms = {
        row.file.pk: AssignForm(prefix=f"f{row.file.pk}", bodies=bodies, initial=_assigned(row.file))
        for row in rows
    }
    context = {
        "batch": found,
        "progress": queries.progress(found),
        "rows": [(row, forms[row.file.pk]) for row in rows],
        "refresh_seconds": REFRESH_SECONDS,
    }
    return render(request, "oversight/batch.html", context)


@login_required
@require_POST
def assign(request: HttpRequest, pk: int) -> HttpResponse:
    """Say which body a file is the report of and when it was published."""
    user = _supervisor(request)
    file = get_object_or_404(IntakeFile.objects.select_related("batch"), pk=pk, batch__uploaded_by_id=user.pk)
    form = AssignForm(request.POST, prefix=f"f{file.pk}", bodies=access.supervised_bodies(user))
    if not form.is_valid():
        messages.error(request, f"“{file.name}”未保存：{form.errors.as_text()}")
    else:
        services.assign_file(
            actor=user,
            file=file,
            body=form.cleaned_data["body"],
            published_on=form.cleaned_data["published_on"],
        )
        messages.success(request, f"已保存“{file.name}”的机关和发布日期")
    return redirect("oversight:batch", pk=file.batch_id)


def _assigned(file: IntakeFile) -> dict[str, object]:
    return {"body": file.body_id, "published_on": file.published_on}


def _supervisor(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User), "behind login_required"
    return user
