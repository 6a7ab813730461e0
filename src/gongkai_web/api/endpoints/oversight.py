"""``/api/v1/oversight/{year}/…``: a supervisor's open data, the same as the oversight pages' downloads.

``cells`` gives every cell of every report received from the bodies the token's user supervises, in
the long form of `gongkai.annual.longform` (the columns of ``gongkai opendata``); ``reports`` gives
each report's canonical JSON as stored. Reports not yet published are the supervisor's to see, so
both need the token, and a user who supervises nothing is refused (403).
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, StreamingHttpResponse
from ninja import Router, Schema

from gongkai.annual import longform
from gongkai_web.api.auth import user_of
from gongkai_web.api.errors import errors
from gongkai_web.oversight import access, opendata

router = Router(tags=["oversight 监督检查"])


class CellsOut(Schema):
    year: int
    columns: list[str]
    rows: list[dict[str, str | None]]


def _received(request: HttpRequest, year: int) -> list[opendata.Received]:
    user = user_of(request)
    ids = access.require_supervisor(user)
    return opendata.received(list(access.supervised_roots(user)), ids, year)


@router.get(
    "/{year}/cells",
    response={200: CellsOut, **errors(401, 403)},
    summary="监督范围内报告的全部单元格 Every cell of the supervised reports",
    description=(
        "令牌所属用户监督的各机关该年度报告（每个机关以最后收到的一份为准）的每个单元格，每格一行"
        "（长格式：机关、层级、年度、格式、表、行、列、数值、单位、来源文件及其 SHA-256）。"
        "数值为精确的十进制文本；空白单元格的数值为 null。无法读取的文件为一行，附原因代码。"
    ),
)
def cells(request: HttpRequest, year: int) -> CellsOut:
    rows = [
        {name: text or None for name, text in zip(longform.COLUMNS, longform.as_text(row), strict=True)}
        for row in opendata.cell_rows(_received(request, year))
    ]
    return CellsOut(year=year, columns=list(longform.COLUMNS), rows=rows)


@router.get(
    "/{year}/reports",
    response={200: dict[str, Any], **errors(401, 403)},
    summary="监督范围内报告的规范 JSON The supervised reports as canonical JSON",
    description=(
        "令牌所属用户监督的各机关该年度报告的规范 JSON（report-json.md），每份附机关、层级、文件名、"
        "SHA-256 和读取版本；无法读取的文件给出 error（code、message）。"
    ),
)
def reports(request: HttpRequest, year: int) -> StreamingHttpResponse:
    return StreamingHttpResponse(
        opendata.canonical_json(_received(request, year), year),
        content_type="application/json; charset=utf-8",
    )
