"""The public 年报专栏 at /reports/: every body's published reports by year, every version, every format.

The address of a year (``/reports/<body>/<year>/``) always shows the latest version and lists all
versions with their dates and reasons; each version keeps its own address and files.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from gongkai.annual import jsonio
from gongkai.annual.render.layout import document_parts, report_title
from gongkai_web.bodies.models import Body
from gongkai_web.reports.downloads import KIND_LABELS, published_file
from gongkai_web.reports.models import PublishedVersion
from gongkai_web.reports.queries import published_bodies, published_years, versions
from gongkai_web.reports.services import PUBLISHED_KINDS


def index(request: HttpRequest) -> HttpResponse:
    rows = [(body, published_years(body=body)) for body in published_bodies()]
    return render(request, "reports/public_index.html", {"rows": rows})


def body_reports(request: HttpRequest, body_id: int) -> HttpResponse:
    body = get_object_or_404(Body, pk=body_id)
    years = published_years(body=body)
    if not years:
        raise Http404(f"{body.name}尚未在本系统发布年度报告")
    return render(request, "reports/public_body.html", {"body": body, "years": years})


def year_report(request: HttpRequest, body_id: int, year: int) -> HttpResponse:
    body = get_object_or_404(Body, pk=body_id)
    all_versions = versions(body=body, year=year)
    if not all_versions:
        raise Http404(f"{body.name}尚未发布{year}年度报告")
    return _show(request, body, year, all_versions[-1].number, all_versions)


def version_report(request: HttpRequest, body_id: int, year: int, number: int) -> HttpResponse:
    body = get_object_or_404(Body, pk=body_id)
    all_versions = versions(body=body, year=year)
    if number not in {version.number for version in all_versions}:
        raise Http404(f"{body.name}{year}年度报告没有第{number}版")
    return _show(request, body, year, number, all_versions)


def _show(
    request: HttpRequest, body: Body, year: int, number: int, all_versions: list[PublishedVersion]
) -> HttpResponse:
    version = PublishedVersion.objects.get(body=body, year=year, number=number)
    report = jsonio.loads(version.report_json)
    context = {
        "body": body,
        "year": year,
        "version": version,
        "latest": all_versions[-1],
        "versions": all_versions,
        "title": report_title(report),
        "parts": document_parts(report),
        "kinds": [(kind, KIND_LABELS[kind]) for kind in PUBLISHED_KINDS],
    }
    return render(request, "reports/public_report.html", context)


def version_file(request: HttpRequest, body_id: int, year: int, number: int, kind: str) -> HttpResponse:
    """A version's file exactly as it was published."""
    return published_file(request, body_id=body_id, year=year, number=number, kind=kind)
