"""The report as an Excel workbook: a sheet of report facts, then one sheet per table.

Each table sheet has the national layout with merged cells, so that it prints like the
report. Numbers are numeric cells (a decimal is written exactly, not through float), text
that is not a number stays text, blank cells stay empty. Money keeps its unit visible: in a
column that fixes no unit (2019 采购总金额) the unit is part of the cell's number format
(``453.0087万元``); in a column whose header names it (2021 本年收费金额（单位：万元）) the
header shows it.
"""

from __future__ import annotations

from decimal import Decimal
from io import BytesIO
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from gongkai.annual.model import MIXED, AnnualReport, Cell
from gongkai.annual.publication import Publication
from gongkai.annual.render.layout import Grid, GridCell, Role, grid, printable, report_title, shows_unit
from gongkai.formats import FORMATS, FormatId, TableSpec
from gongkai.formats.national import TABLE_SHORT_TITLES

INFO_SHEET = "报告信息"
INFO_AGENCY = "机关"
INFO_YEAR = "年度"
INFO_TITLE = "标题"
INFO_FORMAT = "格式"
INFO_NOTICE = "格式依据"
INFO_VERSION = "版本"
INFO_PUBLISHED_ON = "发布日期"
INFO_CHANGE_REASON = "更正说明"
MIXED_FORMAT = "混合（表格分属 2019 年和 2021 年格式）"

_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_MM_TO_WIDTH = 0.75  # column width units per millimetre of the printed layout (a CJK character ≈ 2 units)
_MIN_WIDTH = 6.0


def sheet_name(spec: TableSpec) -> str:
    """The tab of a table: its section number and short name, e.g. 三、依申请公开."""
    return f"{spec.number}、{TABLE_SHORT_TITLES[spec.id]}"


def render_xlsx(report: AnnualReport, publication: Publication | None = None) -> bytes:
    """The report as a .xlsx file (bytes): 报告信息, then one sheet per table present.

    With ``publication``, 报告信息 (the sheet the workbook opens on) adds 版本, 发布日期 and, from
    第2版 on, 更正说明."""
    workbook = Workbook()
    info = workbook.active
    info.title = INFO_SHEET
    _write_info(info, report, publication)
    for table in report.tables:
        sheet = workbook.create_sheet(sheet_name(table.spec))
        _write_grid(sheet, grid(table))
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _write_info(sheet: Worksheet, report: AnnualReport, publication: Publication | None) -> None:
    rows: list[tuple[str, int | str | None]] = [
        (INFO_AGENCY, None if report.agency is None else printable(report.agency)),
        (INFO_YEAR, report.year),
        (INFO_TITLE, report_title(report)),
        (INFO_FORMAT, _format_text(report)),
        (INFO_NOTICE, _notices(report)),
    ]
    if publication is not None:
        rows += [(INFO_VERSION, publication.version_text), (INFO_PUBLISHED_ON, publication.date_text)]
        if publication.version > 1:
            rows.append((INFO_CHANGE_REASON, publication.change_reason.strip()))
    for line, (label, value) in enumerate(rows, start=1):
        _put(sheet.cell(row=line, column=1), label).font = Font(bold=True)
        _put(sheet.cell(row=line, column=2), value).alignment = Alignment(wrap_text=True, vertical="top")
    sheet.column_dimensions["A"].width = 12
    sheet.column_dimensions["B"].width = 60


def _format_text(report: AnnualReport) -> str | None:
    if report.format is None:
        return None
    if report.format == MIXED:
        return MIXED_FORMAT
    return str(report.format)


def _notices(report: AnnualReport) -> str | None:
    """The notice that issued the report's format; for a mixed report, per table."""
    report_format = report.format
    if report_format is None:
        return None
    if report_format != MIXED:
        issued = FORMATS[FormatId(report_format)]
        return f"{issued.notice}《{issued.title}》"
    lines = []
    for table in report.tables:
        owners = [fmt for fmt in FORMATS.values() if fmt.table(table.spec.id) is table.spec]
        if len(owners) == 1:
            lines.append(f"{sheet_name(table.spec)}：{owners[0].notice}")
    return "\n".join(lines)


def _write_grid(sheet: Worksheet, layout: Grid) -> None:
    for placed in layout.cells:
        target = sheet.cell(row=placed.row + 1, column=placed.col + 1)
        if placed.data is None:
            _put(target, placed.text)
        else:
            value, number_format = _value(placed.data.cell, shows_unit(placed.data.cell, placed.data.column))
            _put(target, value)
            if number_format is not None:
                target.number_format = number_format
        bold = placed.role in (Role.HEADER, Role.CAPTION)
        target.font = Font(bold=bold, size=9 if placed.role is Role.NOTE else 11)
        if placed.is_merged:
            sheet.merge_cells(
                start_row=placed.row + 1,
                start_column=placed.col + 1,
                end_row=placed.last_row + 1,
                end_column=placed.last_col + 1,
            )
        _style_area(sheet, placed)
    for index, width in enumerate(layout.widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = max(_MIN_WIDTH, width * _MM_TO_WIDTH)
    if layout.header_rows:
        sheet.freeze_panes = sheet.cell(row=layout.header_rows + 1, column=1)
        sheet.print_title_rows = f"1:{layout.header_rows}"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def _put(target: Any, value: int | Decimal | str | None) -> Any:
    """Write a value; text stays text even when it starts with ``=`` (no formula from a document)."""
    target.value = value
    if isinstance(value, str):
        target.data_type = "s"
    return target


def _style_area(sheet: Worksheet, placed: GridCell) -> None:
    """Borders on every cell of a merged area (Excel draws a merge's edges from its cells)."""
    horizontal = "left" if placed.role is Role.LABEL else "center"
    alignment = Alignment(horizontal=horizontal, vertical="center", wrap_text=True)
    for row in range(placed.row + 1, placed.last_row + 2):
        for col in range(placed.col + 1, placed.last_col + 2):
            cell = sheet.cell(row=row, column=col)
            cell.border = _BORDER
            cell.alignment = alignment


def _value(cell: Cell, with_unit: bool) -> tuple[int | Decimal | str | None, str | None]:
    """The stored value and the number format it needs (None: the default format will do).

    A decimal shows as many places as it was printed with (0.1000 stays 0.1000); money in a
    column without a fixed unit shows its unit.
    """
    if cell.value is None:
        return None if cell.text is None else printable(cell.text), None
    places = 0
    if isinstance(cell.value, Decimal):
        exponent = cell.value.as_tuple().exponent
        places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    unit = cell.unit.value if with_unit and cell.unit is not None else ""
    if not places and not unit:
        return cell.value, None
    pattern = "0." + "0" * places if places else "0"
    return cell.value, pattern + (f'"{unit}"' if unit else "")
