"""A report file as an HTTP download, named as the report is titled."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.http import content_disposition_header

from gongkai.annual.render import RENDERERS
from gongkai_web.reports.models import PublishedFile

CONTENT_TYPES = {
    "html": "text/html; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json; charset=utf-8",
}
# A published file never changes (a change is a new version at a new address): caches may keep it.
FOREVER = "public, max-age=31536000, immutable"
KIND_LABELS = {"docx": "Word", "pdf": "PDF", "html": "网页", "xlsx": "Excel", "json": "JSON"}


def download(content: bytes, kind: str, stem: str) -> HttpResponse:
    response = HttpResponse(content, content_type=CONTENT_TYPES[kind])
    disposition = content_disposition_header(
        as_attachment=kind != "html", filename=stem + RENDERERS[kind].suffix
    )
    assert disposition is not None  # None only without a file name
    response["Content-Disposition"] = disposition
    return response


def published_file(request: HttpRequest, *, body_id: int, year: int, number: int, kind: str) -> HttpResponse:
    """A version's file exactly as it was published, with its hash as ETag (304 when unchanged)."""
    stored = (
        PublishedFile.objects.filter(
            version__body_id=body_id, version__year=year, version__number=number, kind=kind
        )
        .select_related("version__body")
        .first()
    )
    if stored is None:
        raise Http404("没有这一版本或格式的文件")
    etag = f'"{stored.sha256}"'
    if etag in {tag.strip() for tag in request.headers.get("If-None-Match", "").split(",")}:
        response = HttpResponse(status=304)
    else:
        stem = f"{stored.version.body.name}{year}年政府信息公开工作年度报告（第{number}版）"
        response = download(bytes(stored.content), kind, stem)
    response["ETag"] = etag
    response["Cache-Control"] = FOREVER
    return response
