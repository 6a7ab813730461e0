"""``/api/v1/statistics/{year}``: the annual report's Table 3 and Table 4 computed from the cases.

The same numbers as the office's statistics page (`gongkai_web.statistics.queries.statistics_for`):
section 三 counted from the applications in one aggregate query, section 四 from the reviews and
suits, in the canonical report JSON, with what the core's check engine finds in them. For the
body's overseers (reviewer, head, administrator); ``?body=`` chooses among several bodies.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Router, Schema

from gongkai.cases import RecordError
from gongkai_web.api import queries
from gongkai_web.api.auth import user_of
from gongkai_web.api.errors import errors
from gongkai_web.api.schemas import FindingOut, Named
from gongkai_web.bodies.permissions import Duty, bodies_where, body_for
from gongkai_web.statistics.queries import statistics_for

router = Router(tags=["statistics 统计"])


class StatisticsOut(Schema):
    body: Named
    year: int
    format: str
    report: dict[str, Any]
    findings: list[FindingOut]


@router.get(
    "/{year}",
    response={200: StatisticsOut, **errors(401, 403, 422)},
    summary="年度报告第三、四项统计 Tables 3 and 4 of the annual report",
    description=(
        "由案件计算的年度报告第三项（收到和处理政府信息公开申请情况）和第四项（政府信息公开行政复议、"
        "行政诉讼情况），采用规范 JSON（report-json.md），并附核查结果。`body` 为机关编号，"
        "用户在多个机关负责时必填。年度须在 2019 年至今年之间（2019 年起适用现行条例的统一格式）。"
    ),
)
def annual_statistics(request: HttpRequest, year: int, body: str | None = None) -> StatisticsOut:
    user = user_of(request)
    chosen = body_for(user, Duty.OVERSEE, body)
    if chosen is None:
        ids = "、".join(str(pk) for pk in bodies_where(user, Duty.OVERSEE).values_list("pk", flat=True))
        raise ValidationError(f"您在多个机关负责，请用 body 参数指明机关编号（{ids}）", code="body_required")
    this_year = queries.today().year
    if year > this_year:
        raise ValidationError(f"{year} 年尚未开始，最多可统计到 {this_year} 年", code="year_in_future")
    try:
        statistics = statistics_for(body=chosen, year=year)
    except RecordError as error:
        raise ValidationError(error.message, code=error.code) from error
    return StatisticsOut(
        body=Named(id=chosen.pk, name=chosen.name),
        year=year,
        format=statistics.format.id.value,
        report=statistics.to_json(),
        findings=[FindingOut(**finding.to_json()) for finding in statistics.findings],
    )
