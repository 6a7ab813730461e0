"""A report file as an HTTP download, named as the report is titled."""

from __future__ import annotations

from django.http import HttpResponse
from django.utils.http import content_disposition_header

from gongkai.annual.render import RENDERERS

CONTENT_TYPES = {
    "html": "text/html; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json; charset=utf-8",
}
KIND_LABELS = {"docx": "Word", "pdf": "PDF", "html": "网页", "xlsx": "Excel", "json": "JSON"}


def download(content: bytes, kind: str, stem: str) -> HttpResponse:
    response = HttpResponse(content, content_type=CONTENT_TYPES[kind])
    disposition = content_disposition_header(
        as_attachment=kind != "html", filename=stem + RENDERERS[kind].suffix
    )
    assert disposition is not None  # None only without a file name
    response["Content-Disposition"] = disposition
    return response
