"""The office's statistics page: sections 三 and 四 of a body's report counted from its cases.

Seeing them needs Duty.OVERSEE of the body (reviewers, heads, administrators). A user who
oversees several bodies chooses one with ``?body=<id>``.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header, urlencode

from gongkai.annual.render.layout import document_parts
from gongkai.cases import RecordError
from gongkai_web.bodies.permissions import Duty, bodies_where, body_for
from gongkai_web.statistics.queries import AnnualStatistics, previous_report_year, statistics_for


@login_required
def index(request: HttpRequest) -> HttpResponse:
    """The statistics of the year whose report is due now, for the body asked for."""
    url = reverse("statistics:annual", kwargs={"year": previous_report_year(timezone.localdate())})
    query = {"body": request.GET["body"]} if "body" in request.GET else {}
    return redirect(f"{url}?{urlencode(query)}" if query else url)


@login_required
def annual(request: HttpRequest, year: int) -> HttpResponse:
    statistics = _statistics(request, year)
    if isinstance(statistics, HttpResponse):
        return statistics
    context = {
        "statistics": statistics,
        "parts": document_parts(statistics.report),
        "body_query": urlencode({"body": statistics.body.pk}),
    }
    return render(request, "statistics/annual.html", context)


@login_required
def annual_json(request: HttpRequest, year: int) -> HttpResponse:
    """The canonical report JSON of sections 三 and 四, as a download."""
    statistics = _statistics(request, year)
    if isinstance(statistics, HttpResponse):
        return statistics
    response = HttpResponse(statistics.dumps(), content_type="application/json; charset=utf-8")
    filename = f"{statistics.body.name}{year}年依申请公开与复议诉讼统计.json"
    disposition = content_disposition_header(as_attachment=True, filename=filename)
    assert disposition is not None  # None only when neither attachment nor a file name
    response["Content-Disposition"] = disposition
    return response


def _statistics(request: HttpRequest, year: int) -> AnnualStatistics | HttpResponse:
    """The statistics the user asked for, or the page to choose a body (PermissionDenied if none)."""
    body = body_for(request.user, Duty.OVERSEE, request.GET.get("body"))
    if body is None:
        bodies = bodies_where(request.user, Duty.OVERSEE)
        return render(request, "statistics/choose_body.html", {"bodies": bodies, "year": year})
    try:
        return statistics_for(body=body, year=year)
    except RecordError as error:
        raise Http404(error.message) from error
