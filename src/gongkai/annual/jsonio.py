"""The canonical report JSON (``../shared/spec/report-json.md``), read and written exactly.

Beyond the canonical keys, two optional keys keep what the canonical shape cannot hold, so
that report → JSON → report is exact: ``cell_text`` (location → printed text of a cell that
is not a number, whose canonical value is null) and ``sections`` (the printed text). Money
is written as an exact decimal number; 2019 procurement adds ``amount_unit``.

A published file adds ``publication`` (`gongkai.annual.publication.Publication`: version,
date, change reason). It is not part of the report: `loads` ignores it, `publication_of` reads it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from gongkai.annual.model import MIXED, AnnualReport, Cell, Number, Section, Table
from gongkai.annual.publication import Publication
from gongkai.errors import ReportDataError
from gongkai.formats import FORMATS, FormatId, MoneyUnit, TableId, TableSpec, ValueKind, table_specs

UNIT_SUFFIX = "_unit"
PUBLICATION = "publication"
_DECIMAL_MARK = "\x00decimal:"
_DECIMAL_TOKEN = re.compile(r'"\\u0000decimal:([-0-9.E+]+)"')


def report_to_dict(report: AnnualReport) -> dict[str, Any]:
    data: dict[str, Any] = {
        "format": None if report.format is None else str(report.format),
        "year": report.year,
        "agency": report.agency,
    }
    cell_text: dict[str, str] = {}
    for table in report.tables:
        data[table.spec.id.value] = _table_to_dict(table, cell_text)
    if cell_text:
        data["cell_text"] = cell_text
    if report.title is not None:
        data["title"] = report.title
    if report.sections:
        data["sections"] = [
            {"number": section.number, "title": section.title, "text": section.text}
            for section in report.sections
        ]
    return data


def _table_to_dict(table: Table, cell_text: dict[str, str]) -> dict[str, dict[str, Any]]:
    rows: dict[str, dict[str, Any]] = {}
    for row, column_id, cell in table.items():
        out = rows.setdefault(row.id, {})
        column = row.column(column_id)
        out[column_id] = _number(cell.value)
        if column.kind is ValueKind.MONEY and column.unit is None:
            out[column_id + UNIT_SUFFIX] = None if cell.unit is None else cell.unit.value
        if cell.text is not None:
            cell_text[table.spec.where(row.id, column_id)] = cell.text
    return rows


def _number(value: Number | None) -> Number | None:
    """Integral decimals as int (``0``, not ``0.0``); other decimals stay exact Decimals."""
    if isinstance(value, Decimal) and value == value.to_integral_value():
        return int(value)
    return value


def _exact(value: object) -> str:
    """JSON cannot take a Decimal: write a marker that `dumps` replaces by the exact digits."""
    if isinstance(value, Decimal):
        return _DECIMAL_MARK + format(value, "f")
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def dumps(report: AnnualReport, *, indent: int | None = 1, publication: Publication | None = None) -> str:
    """The report as canonical JSON text; decimals are written exactly, not through float.

    With ``publication`` the JSON of a published version: the same, plus the ``publication`` key.
    """
    data = report_to_dict(report)
    if publication is not None:
        data[PUBLICATION] = publication.to_json()
    text = json.dumps(data, ensure_ascii=False, indent=indent, default=_exact)
    return _DECIMAL_TOKEN.sub(r"\1", text)


def publication_of(text: str) -> Publication | None:
    """The ``publication`` of a published version's JSON, None when the JSON has none.

    Raises ReportDataError (``json_syntax``, ``json_shape``, ``json_publication``) for JSON that is not a
    report's or whose publication does not hold."""
    data = _decoded(text)
    if not isinstance(data, Mapping):
        raise ReportDataError("报告 JSON 的顶层应为对象", code="json_shape")
    return None if data.get(PUBLICATION) is None else Publication.from_json(data[PUBLICATION])


def loads(text: str) -> AnnualReport:
    return report_from_dict(_decoded(text))


def _decoded(text: str) -> Any:
    try:
        return json.loads(text, parse_float=Decimal)
    except json.JSONDecodeError as error:
        raise ReportDataError(
            f"不是有效的 JSON：第{error.lineno}行第{error.colno}列，{error.msg}", code="json_syntax"
        ) from error


def report_from_dict(data: Mapping[str, Any]) -> AnnualReport:
    if not isinstance(data, Mapping):
        raise ReportDataError("报告 JSON 的顶层应为对象", code="json_shape")
    declared = data.get("format")
    if declared not in (None, "2019", "2021", MIXED):
        raise ReportDataError(f"未知的格式 {declared!r}，应为 2019、2021 或 mixed", code="json_format")
    year = data.get("year")
    if year is not None and (not isinstance(year, int) or isinstance(year, bool)):
        raise ReportDataError(f"year 应为整数，实为 {year!r}", code="json_year")
    cell_text = data.get("cell_text") or {}
    tables: dict[str, Table] = {}
    for table_id in TableId:
        if data.get(table_id.value) is not None:
            tables[table_id.value] = _table_from_dict(table_id, data[table_id.value], declared, cell_text)
    known_text = {
        location
        for table in tables.values()
        for location in cell_text
        if location.startswith(table.spec.id.value + ".")
    }
    if set(cell_text) - known_text:
        raise ReportDataError(
            f"cell_text 指向不存在的单元格：{sorted(set(cell_text) - known_text)}", code="json_cell"
        )
    sections = tuple(
        Section(number=item.get("number"), title=item["title"], text=item.get("text", ""))
        for item in data.get("sections") or ()
    )
    report = AnnualReport(
        year=year,
        agency=data.get("agency"),
        title=data.get("title"),
        sections=sections,
        proactive=tables.get("proactive"),
        applications=tables.get("applications"),
        review_litigation=tables.get("review_litigation"),
    )
    if declared is not None and report.format is not None and str(report.format) != declared:
        raise ReportDataError(
            f"声明的格式为 {declared}，但表格属于 {report.format} 格式", code="json_format_mismatch"
        )
    return report


def _table_from_dict(
    table_id: TableId, rows: Any, declared: str | None, cell_text: Mapping[str, str]
) -> Table:
    if not isinstance(rows, Mapping):
        raise ReportDataError(f"{table_id.value} 应为对象", code="json_shape")
    spec = _choose_spec(table_id, rows, declared)
    cells: dict[tuple[str, str], Cell] = {}
    for row_id, columns in rows.items():
        if not spec.has_row(row_id):
            raise ReportDataError(f"{table_id.value} 中没有行 {row_id!r}", code="json_row")
        if not isinstance(columns, Mapping):
            raise ReportDataError(f"{spec.where(row_id)} 应为对象", code="json_shape")
        row = spec.row(row_id)
        for column_id, raw in columns.items():
            if column_id.endswith(UNIT_SUFFIX) and column_id[: -len(UNIT_SUFFIX)] in row.column_ids:
                continue
            if column_id not in row.column_ids:
                raise ReportDataError(f"{spec.where(row_id)} 中没有列 {column_id!r}", code="json_column")
            where = spec.where(row_id, column_id)
            unit_text = columns.get(column_id + UNIT_SUFFIX)
            cells[(row_id, column_id)] = _cell(spec, row_id, column_id, raw, unit_text, cell_text.get(where))
    return Table(spec, tuple(cells.get(key, Cell.blank()) for key in spec.keys))


def _choose_spec(table_id: TableId, rows: Mapping[str, Any], declared: str | None) -> TableSpec:
    """The format's spec whose rows and columns the JSON uses (for mixed reports, per table)."""
    candidates = table_specs(table_id)
    fitting = [spec for spec in dict.fromkeys(candidates.values()) if _fits(spec, rows)]
    if not fitting:
        raise ReportDataError(f"{table_id.value} 的行列不属于任何一种国家格式", code="json_table")
    if len(fitting) > 1 and declared in ("2019", "2021"):
        preferred = FORMATS[FormatId(declared)].table(table_id)
        if preferred in fitting:
            return preferred
    return fitting[-1]


def _fits(spec: TableSpec, rows: Mapping[str, Any]) -> bool:
    for row_id, columns in rows.items():
        if not spec.has_row(row_id):
            return False
        row = spec.row(row_id)
        if isinstance(columns, Mapping) and any(
            column_id not in row.column_ids and column_id.removesuffix(UNIT_SUFFIX) not in row.column_ids
            for column_id in columns
        ):
            return False
    return True


def _cell(spec: TableSpec, row_id: str, column_id: str, raw: Any, unit_text: Any, text: str | None) -> Cell:
    column = spec.row(row_id).column(column_id)
    where = spec.where(row_id, column_id)
    if raw is None:
        return Cell.printed(text) if text is not None else Cell.blank()
    if text is not None:
        raise ReportDataError(f"{where} 既有数值又有 cell_text", code="json_cell")
    if isinstance(raw, float):  # a dict decoded without parse_float=Decimal: shortest repr is exact
        raw = Decimal(repr(raw))
    if isinstance(raw, bool) or not isinstance(raw, (int, Decimal)):
        raise ReportDataError(f"{where} 应为数字或 null，实为 {raw!r}", code="json_value")
    if isinstance(raw, Decimal) and not raw.is_finite():
        raise ReportDataError(f"{where} 不是有限的数值：{raw}", code="json_value")
    if column.kind is ValueKind.MONEY:
        unit = column.unit
        if unit is None:
            try:
                unit = MoneyUnit(unit_text)
            except ValueError:
                raise ReportDataError(
                    f"{where} 的单位应为“元”或“万元”，实为 {unit_text!r}", code="json_unit"
                ) from None
        return Cell.number(Decimal(raw), unit)
    return Cell.number(raw)
