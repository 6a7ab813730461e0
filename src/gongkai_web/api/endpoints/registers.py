"""``/api/v1/registers/{body_id}``: the registers behind section 二, kept as the office pages keep them.

The documents register (规章 and 行政规范性文件 with their dates of issue and repeal), the monthly
figures (行政许可、行政处罚、行政强制 decisions, 行政事业性收费 in 元), imports of CSV or XLSX files
through the office's importer, and section 二 of a year counted from them. Who may read and keep
a register is `registers.access`; the services check it again and decide everything else.

The registers' refusals (`RegisterError`, an imported file's `ImportFileError`) are answered 422:
each is wrong input (a repeal before the issue, a 文号 already registered, an unreadable file),
never a lawful step refused as a case stands.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any, cast

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from ninja import File, P, Query, Router, Schema, Status, UploadedFile
from ninja.params import PathEx
from pydantic import Field, StrictInt, StrictStr

from gongkai.annual import jsonio
from gongkai.annual.model import AnnualReport
from gongkai.proactive import DocumentKind, FigureItem, RegisterError, check_year, underived_cells
from gongkai_web.api import queries
from gongkai_web.api.auth import user_of
from gongkai_web.api.errors import RowsRefused, errors
from gongkai_web.api.schemas import MAX_INT64, Choice, Input, IsoDate, Named, Text, column_length
from gongkai_web.bodies.models import Body
from gongkai_web.registers import imports, services
from gongkai_web.registers.access import require_keep, require_read
from gongkai_web.registers.forms import ERROR_FIELDS
from gongkai_web.registers.models import Document
from gongkai_web.registers.queries import documents_of, figure_grid, proactive_table

router = Router(tags=["registers 主动公开登记"])

BodyId = PathEx[int, P(ge=1, le=MAX_INT64, description="机关编号")]
DocumentId = PathEx[int, P(ge=1, le=MAX_INT64, description="文件编号")]
Year = PathEx[int, P(ge=1, le=9999, description="年度")]
# A fee in 元 as exact decimal text ("1200.50"); JSON numbers would pass through binary floats.
AmountText = Annotated[StrictStr, Field(pattern=r"^-?[0-9]{1,15}(\.[0-9]{1,6})?$", examples=["1200.50"])]


class DocumentIn(Input):
    kind: DocumentKind = Field(description="regulations 规章；normative_documents 行政规范性文件")
    title: Text = Field(min_length=1, max_length=column_length("title", Document))
    number: Text = Field(default="", max_length=column_length("number", Document), description="文号")
    issued_on: IsoDate = Field(description="印发日期")
    repealed_on: IsoDate | None = Field(default=None, description="废止日期；尚未废止的不填")
    note: Text = Field(default="", max_length=column_length("note", Document), description="备注")


class RepealIn(Input):
    repealed_on: IsoDate = Field(description="废止日期")


class DocumentOut(Schema):
    id: int
    kind: Choice
    title: str
    number: str
    issued_on: dt.date
    repealed_on: dt.date | None
    note: str
    created_by: str
    created_at: dt.datetime
    updated_by: str
    updated_at: dt.datetime


class DocumentFilters(Input):
    kind: DocumentKind | None = Field(default=None, description="类别")
    page: int = Field(default=1, ge=1, le=1_000_000)
    page_size: int = Field(default=50, ge=1, le=200)


class DocumentPageOut(Schema):
    count: int
    page: int
    page_size: int
    items: list[DocumentOut]


class FigureIn(Input):
    month: StrictInt = Field(ge=1, le=12)
    item: FigureItem = Field(
        description="licensing 行政许可；penalty 行政处罚；coercion 行政强制；fees 行政事业性收费"
    )
    value: StrictInt | AmountText = Field(
        description='处理决定数量（整数，件）；收费为元，写作十进制文本，最多两位小数，如 "1200.50"'
    )


class FiguresIn(Input):
    figures: list[FigureIn] = Field(
        max_length=12 * len(FigureItem),
        description="该年度的全部月度数据；未列出的月份和事项视为未填写（已有的删除）",
    )


class FigureOut(Schema):
    month: int
    item: Choice
    value: int | str = Field(description="处理决定数量（件）；收费金额为元的十进制文本")


class SummaryOut(Schema):
    created: int
    updated: int
    unchanged: int


class FiguresOut(Schema):
    body: Named
    year: int
    figures: list[FigureOut]
    summary: SummaryOut | None = Field(default=None, description="保存时：新增、更新（含删除）、未变的条数")


class ImportKind(StrEnum):
    DOCUMENTS = "documents"
    FIGURES = "figures"


class CellOut(Schema):
    where: str
    label: str


class ProactiveOut(Schema):
    body: Named
    year: int
    format: str
    proactive: dict[str, Any] = Field(description="第二项表格，规范 JSON（report-json.md）的 proactive 部分")
    underived: list[CellOut] = Field(description="该年度格式中登记簿无法填写、留空的栏目")


@contextmanager
def _refusals_as_invalid() -> Iterator[None]:
    """The registers' refusals as 422, naming the field at fault as the office's forms do."""
    try:
        yield
    except (RegisterError, imports.ImportFileError) as error:
        field = "file" if isinstance(error, imports.ImportFileError) else ERROR_FIELDS.get(error.code)
        problem = ValidationError(error.message, code=error.code)
        raise (ValidationError({field: problem}) if field else problem) from error


def _document(document: Document) -> DocumentOut:
    kind = DocumentKind(document.kind)
    return DocumentOut(
        id=document.pk,
        kind=Choice(code=kind.value, label=kind.label),
        title=document.title,
        number=document.number,
        issued_on=document.issued_on,
        repealed_on=document.repealed_on,
        note=document.note,
        created_by=str(document.created_by),
        created_at=document.created_at,
        updated_by=str(document.updated_by),
        updated_at=document.updated_at,
    )


@router.get(
    "/{body_id}/documents",
    response={200: DocumentPageOut, **errors(401, 403, 404, 422)},
    summary="规章和行政规范性文件登记簿 List the documents register",
    description="本机关的全部工作人员可以查看。按印发日期从新到旧。",
)
def list_documents(request: HttpRequest, body_id: BodyId, filters: Query[DocumentFilters]) -> DocumentPageOut:
    body = queries.get_body(body_id)
    require_read(user_of(request), body)
    documents = documents_of(body)
    if filters.kind is not None:
        documents = documents.filter(kind=filters.kind.value)
    start = (filters.page - 1) * filters.page_size
    return DocumentPageOut(
        count=documents.count(),
        page=filters.page,
        page_size=filters.page_size,
        items=[_document(document) for document in documents[start : start + filters.page_size]],
    )


@router.post(
    "/{body_id}/documents",
    response={201: DocumentOut, **errors(400, 401, 403, 404, 422)},
    summary="登记文件 Register a document",
    description="登记人员、负责人或管理员登记一件规章或行政规范性文件（可同时写明废止日期）。文号在同一机关同一类别内不得重复。",
)
def add_document(request: HttpRequest, body_id: BodyId, document: DocumentIn) -> Status[DocumentOut]:
    body = queries.get_body(body_id)
    with _refusals_as_invalid():
        added = services.add_document(
            body=body,
            actor=user_of(request),
            kind=document.kind,
            title=document.title,
            number=document.number,
            issued_on=document.issued_on,
            repealed_on=document.repealed_on,
            note=document.note,
        )
    return Status(201, _document(added))


@router.post(
    "/{body_id}/documents/{document_id}/repeal",
    response={200: DocumentOut, **errors(400, 401, 403, 404, 422)},
    summary="登记废止 Record a document's repeal",
    description="登记文件的废止日期（不得早于印发日期；已废止的文件不能再次废止）。",
)
def repeal_document(
    request: HttpRequest, body_id: BodyId, document_id: DocumentId, repeal: RepealIn
) -> DocumentOut:
    body = queries.get_body(body_id)
    document = Document.objects.filter(pk=document_id, body=body).first()
    if document is None:
        raise Http404(f"{body.name}的登记簿中没有编号为 {document_id} 的文件")
    with _refusals_as_invalid():
        repealed = services.repeal_document(
            document=document, repealed_on=repeal.repealed_on, actor=user_of(request)
        )
    return _document(repealed)


def _figures(body: Body, year: int, summary: services.ImportSummary | None = None) -> FiguresOut:
    grid = figure_grid(body=body, year=year)
    return FiguresOut(
        body=Named(id=body.pk, name=body.name),
        year=year,
        figures=[
            FigureOut(
                month=month,
                item=Choice(code=item.value, label=item.label),
                value=format(value, "f") if isinstance(value, Decimal) else value,
            )
            for item in FigureItem
            for month in range(1, 13)
            if (value := grid.get((month, item))) is not None
        ],
        summary=None if summary is None else _summary(summary),
    )


def _summary(summary: services.ImportSummary) -> SummaryOut:
    return SummaryOut(created=summary.created, updated=summary.updated, unchanged=summary.unchanged)


@router.get(
    "/{body_id}/figures/{year}",
    response={200: FiguresOut, **errors(401, 403, 404, 422)},
    summary="月度数据 Read a year's monthly figures",
    description="已填写的月度数据，按事项、月份排列；未填写的月份不列出。",
)
def read_figures(request: HttpRequest, body_id: BodyId, year: Year) -> FiguresOut:
    body = queries.get_body(body_id)
    require_read(user_of(request), body)
    with _refusals_as_invalid():
        check_year(year)
    return _figures(body, year)


@router.put(
    "/{body_id}/figures/{year}",
    response={200: FiguresOut, **errors(400, 401, 403, 404, 422)},
    summary="填写月度数据 Replace a year's monthly figures",
    description=(
        "以请求中的数据替换该年度的全部月度数据：列出的月份和事项写入，未列出的删除。"
        "处理决定数量为非负整数；收费为元，最多两位小数。"
    ),
)
def put_figures(request: HttpRequest, body_id: BodyId, year: Year, grid: FiguresIn) -> FiguresOut:
    body = queries.get_body(body_id)
    user = user_of(request)
    require_keep(user, body)
    values: dict[tuple[int, FigureItem], int | Decimal | None] = {
        (month, item): None for item in FigureItem for month in range(1, 13)
    }
    given: set[tuple[int, FigureItem]] = set()
    for position, figure in enumerate(grid.figures):
        key = (figure.month, figure.item)
        if key in given:
            raise ValidationError(
                {
                    f"figures.{position}": ValidationError(
                        f"{figure.month}月“{figure.item.label}”重复填写", code="duplicate_figure"
                    )
                }
            )
        given.add(key)
        values[key] = _value(figure)
    with _refusals_as_invalid():
        summary = services.record_figures(body=body, year=year, values=values, actor=user)
    return _figures(body, year, summary)


def _value(figure: FigureIn) -> int | Decimal:
    """A fee as an exact Decimal; a count as given: the core refuses anything but an int (`check_figure`)."""
    if figure.item.is_money:
        return Decimal(figure.value)
    return cast(int, figure.value)


@router.post(
    "/{body_id}/imports/{kind}",
    response={200: SummaryOut, **errors(400, 401, 403, 404, 422)},
    summary="从文件导入 Import a CSV or XLSX file",
    description=(
        "documents：规章和行政规范性文件（类别、标题、文号、印发日期、废止日期、备注）；"
        "figures：月度数据（年、月、事项、数值）。与办理页面使用同一导入程序：任何一行有误，整个文件都不导入，"
        "422 import_rows_invalid 的 rows 逐项列出（行号、列名、代码、说明）；重复导入不会重复登记。"
    ),
)
def import_file(
    request: HttpRequest, body_id: BodyId, kind: ImportKind, file: File[UploadedFile]
) -> SummaryOut:
    body = queries.get_body(body_id)
    user = user_of(request)
    require_keep(user, body)
    content = file.read(imports.MAX_FILE_BYTES + 1)
    with _refusals_as_invalid():
        if kind is ImportKind.DOCUMENTS:
            documents = imports.parse_documents(content)
            if documents.errors:
                raise RowsRefused(documents.errors)
            summary = services.import_documents(body=body, rows=documents.rows, actor=user)
        else:
            figures = imports.parse_figures(content)
            if figures.errors:
                raise RowsRefused(figures.errors)
            summary = services.import_figures(body=body, rows=figures.rows, actor=user)
    return _summary(summary)


@router.get(
    "/{body_id}/proactive/{year}",
    response={200: ProactiveOut, **errors(401, 403, 404, 422)},
    summary="年度报告第二项 Section 二 counted from the registers",
    description=(
        "由登记簿统计的年度报告第二项（主动公开政府信息情况），采用规范 JSON；"
        "2019、2020 年度格式中登记簿无法填写的栏目留空，并在 underived 中列出。"
    ),
)
def proactive(request: HttpRequest, body_id: BodyId, year: Year) -> ProactiveOut:
    body = queries.get_body(body_id)
    require_read(user_of(request), body)
    with _refusals_as_invalid():
        table = proactive_table(body=body, year=year)
    report = AnnualReport(year=year, agency=body.name, proactive=table)
    # Through the exact JSON text: a fee of 0.0005 万元 is the number 0.0005, not the text "0.0005".
    canonical = json.loads(jsonio.dumps(report, indent=None))
    return ProactiveOut(
        body=Named(id=body.pk, name=body.name),
        year=year,
        format=canonical["format"],
        proactive=canonical["proactive"],
        underived=[
            CellOut(where=table.spec.where(row, column), label=table.spec.describe(row, column))
            for row, column in underived_cells(year)
        ],
    )
