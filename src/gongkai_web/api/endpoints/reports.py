"""``/api/v1/reports/{body_id}/{year}``: a body's annual report, drafted and published.

The draft is what the office's builder shows (`reports.queries.compose`): the report as it would
be published now, the texts as written (figures as tokens) and every finding of the checks; for
the body's officers who may read it (`reports.access`). The published versions and their files
are public: each file is answered exactly as it was published (`PublishedFile`, never rendered
again), so its address is permanent and its bytes never change (an ETag of their SHA-256, and
caches may keep them for good).
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import P, Router, Schema
from ninja.params import PathEx
from pydantic import Field

from gongkai.cases import RecordError
from gongkai_web.api import queries
from gongkai_web.api.auth import user_of
from gongkai_web.api.errors import errors
from gongkai_web.api.schemas import MAX_INT64, FindingOut, Named
from gongkai_web.applications.services import NotPermitted
from gongkai_web.reports.access import may_read
from gongkai_web.reports.downloads import CONTENT_TYPES, published_file
from gongkai_web.reports.models import PublishedFile
from gongkai_web.reports.queries import compose, versions

router = Router(tags=["reports 年度报告"])

BodyId = PathEx[int, P(ge=1, le=MAX_INT64, description="机关编号")]
Year = PathEx[int, P(ge=1, le=9999, description="报告年度（统计年度）")]
VersionNumber = PathEx[int, P(ge=1, le=MAX_INT64, description="版本号")]
KINDS = tuple(CONTENT_TYPES)
Kind = PathEx[str, P(description="格式：html、docx、pdf、xlsx 或 json")]


class PreviousOut(Schema):
    source: str = Field(description="published：本系统发布的上年度报告；baseline：导入的上年度报告")
    label: str


class DraftOut(Schema):
    body: Named
    year: int
    format: str
    report: dict[str, Any] = Field(description="现在发布将得到的报告，规范 JSON（数字引用已替换）")
    texts: dict[str, str] = Field(
        description="各部分的原文（一至六），数字为引用，如 {{applications.total.total}}"
    )
    findings: list[FindingOut]
    previous: PreviousOut | None = Field(description="用于跨年度核对的上年度报告")


class VersionOut(Schema):
    number: int
    published_on: dt.date
    change_reason: str = Field(description="修改原因（第 2 版起）")
    files: dict[str, str] = Field(description="格式 → 下载地址（永久不变）")


class VersionsOut(Schema):
    body: Named
    year: int
    versions: list[VersionOut] = Field(description="各版本，第 1 版在前；最后一个为最新版本")


@router.get(
    "/{body_id}/{year}/draft",
    response={200: DraftOut, **errors(401, 403, 404, 422)},
    summary="年度报告草稿 Read a report's draft with its findings",
    description=(
        "与编制页面相同：正文（数字引用已替换）、第二项、由案件统计的第三、四项，以及核查引擎的全部结果"
        "（含跨年度核对、数字引用、内容雷同）。登记、承办、审核人员和负责人可以查看。"
    ),
)
def read_draft(request: HttpRequest, body_id: BodyId, year: Year) -> DraftOut:
    user = user_of(request)
    body = queries.get_body(body_id)
    if not may_read(user, body):
        raise NotPermitted(f"{user} 无权查看{body.name}的年度报告", code="report_not_reader")
    try:
        composition = compose(body=body, year=year)
    except RecordError as error:  # a year no national format covers
        raise ValidationError(error.message, code=error.code) from error
    previous = composition.previous
    return DraftOut(
        body=Named(id=body.pk, name=body.name),
        year=year,
        format=composition.format.id.value,
        # Through the exact JSON text: money is a number with its decimals, as the canonical JSON has it.
        report=json.loads(composition.dumps()),
        texts=composition.texts,
        findings=[FindingOut(**finding.to_json()) for finding in composition.findings],
        previous=None
        if previous is None
        else PreviousOut(source=previous.source.value, label=previous.label),
    )


def _file_url(body_id: int, year: int, number: int, kind: str) -> str:
    return f"/api/v1/reports/{body_id}/{year}/versions/{number}/{kind}"


@router.get(
    "/{body_id}/{year}/versions",
    auth=None,
    response={200: VersionsOut, **errors(404, 422)},
    summary="已发布的版本 List a report's published versions",
    description=(
        "公开接口，无需令牌：年度报告的各版本、发布日期、修改原因和各格式文件的永久地址。尚未发布的为 404。"
    ),
)
def list_versions(request: HttpRequest, body_id: BodyId, year: Year) -> VersionsOut:
    body = queries.get_body(body_id)
    published = versions(body=body, year=year)
    if not published:
        raise Http404(f"{body.name}尚未发布{year}年度报告")
    kinds: dict[int, list[str]] = {}
    for version_id, kind in PublishedFile.objects.filter(version__in=published).values_list(
        "version_id", "kind"
    ):
        kinds.setdefault(version_id, []).append(kind)
    return VersionsOut(
        body=Named(id=body.pk, name=body.name),
        year=year,
        versions=[
            VersionOut(
                number=version.number,
                published_on=version.published_on,
                change_reason=version.change_reason,
                files={
                    kind: _file_url(body.pk, year, version.number, kind)
                    for kind in KINDS
                    if kind in kinds.get(version.pk, [])
                },
            )
            for version in published
        ],
    )


@router.get(
    "/{body_id}/{year}/versions/{number}/{kind}",
    auth=None,
    response={**errors(404, 422)},
    summary="下载某一版本 Download a published version",
    description=(
        "公开接口，无需令牌：某一版本按发布时保存的文件原样提供（html、docx、pdf、xlsx、json），"
        "地址永久不变、内容永不改变；ETag 为文件的 SHA-256，带 If-None-Match 时未变则 304。"
    ),
    openapi_extra={
        "responses": {
            200: {
                "description": "发布时的文件",
                "content": {
                    content_type.split(";")[0]: {"schema": {"type": "string", "format": "binary"}}
                    for content_type in CONTENT_TYPES.values()
                },
            }
        }
    },
)
def download_version(
    request: HttpRequest, body_id: BodyId, year: Year, number: VersionNumber, kind: str
) -> HttpResponse:
    if kind not in KINDS:
        raise Http404(f"没有“{kind}”格式；可下载 {'、'.join(KINDS)}")
    return published_file(request, body_id=body_id, year=year, number=number, kind=kind)
