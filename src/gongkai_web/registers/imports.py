"""Reading the registers from files other systems export: CSV or XLSX, one table on the first sheet.

Layouts (the header row names the columns, in any order; ``docs/registers.md``):

- documents: 类别, 标题, 文号 (选填), 印发日期, 废止日期 (选填), 备注 (选填);
- monthly figures: 年, 月, 事项, 数值 (decisions as a whole number; fees in 元, to the 分).

Tolerated, because exports do it: a UTF-8 BOM; GBK (read as GB 18030, its superset) when the
bytes are not UTF-8; full-width digits and letters; spaces inside a label; dates written
2025-03-01, 2025/3/1, 2025.3.1 or 2025年3月1日, or stored as dates in the sheet; 2025年 and 3月
in the year and month columns; thousands separators in 数值; 规范性文件 (the 2019 row name) for
行政规范性文件. Anything else is a row error, and a file with any bad row imports nothing.

Hostile files: the upload is capped at `MAX_FILE_BYTES`; an XLSX is a zip whose members are
inflated by openpyxl, so the declared uncompressed size is checked against
`MAX_UNCOMPRESSED_BYTES` before openpyxl opens it, and openpyxl runs in read-only mode; no file
may have more than `MAX_ROWS` data rows.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import unicodedata
import zipfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import partial
from typing import Any, Generic, TypeVar

import openpyxl
from openpyxl.utils.exceptions import InvalidFileException

from gongkai.errors import GongkaiError
from gongkai.formats import FORMAT_2021, normalise
from gongkai.proactive import DocumentKind, FigureItem, RegisterError, check_figure, check_year

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 32 * 1024 * 1024
MAX_ROWS = 5000
ZIP_MAGIC = b"PK\x03\x04"


class ImportFileError(GongkaiError):
    """A file that cannot be read as a register at all (no row is looked at)."""

    code = "import_file_invalid"


@dataclass(frozen=True, slots=True)
class RowError:
    """What is wrong in one cell of the file: row as the spreadsheet numbers it, column by header."""

    row: int
    column: str
    code: str
    message: str

    def __str__(self) -> str:
        return f"第 {self.row} 行“{self.column}”：{self.message} [{self.code}]"


@dataclass(frozen=True, slots=True)
class DocumentRow:
    row: int
    kind: DocumentKind
    title: str
    number: str
    issued_on: dt.date
    repealed_on: dt.date | None
    note: str


@dataclass(frozen=True, slots=True)
class FigureRow:
    row: int
    year: int
    month: int
    item: FigureItem
    value: int | Decimal


@dataclass(frozen=True, slots=True)
class Column:
    header: str  # as the layout names it
    aliases: tuple[str, ...] = ()
    required: bool = True

    def matches(self, text: str) -> bool:
        return normalise(text) in {normalise(name) for name in (self.header, *self.aliases)}


KIND = Column("类别", ("种类", "文件类别"))
TITLE = Column("标题", ("文件标题", "名称"))
NUMBER = Column("文号", ("发文字号", "文件编号"), required=False)
ISSUED = Column("印发日期", ("成文日期", "发文日期"))
REPEALED = Column("废止日期", ("失效日期",), required=False)
NOTE = Column("备注", required=False)
DOCUMENT_COLUMNS = (KIND, TITLE, NUMBER, ISSUED, REPEALED, NOTE)

YEAR = Column("年", ("年份", "年度"))
MONTH = Column("月", ("月份",))
ITEM = Column("事项", ("项目",))
VALUE = Column("数值", ("数量", "金额"))
FIGURE_COLUMNS = (YEAR, MONTH, ITEM, VALUE)


T = TypeVar("T")


class _CellError(Exception):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def _labels_of(row_id: str) -> set[str]:
    label = FORMAT_2021.proactive.row(row_id).label
    return {normalise(label.text)} | {normalise(variant.text) for variant in label.variants}


KINDS = {text: kind for kind in DocumentKind for text in _labels_of(kind.value)}
ITEMS = {text: item for item in FigureItem for text in _labels_of(item.value)}


def read_table(content: bytes) -> list[tuple[int, list[str | None]]]:
    """The rows of the file as (row number, cell texts), blank rows dropped; XLSX or CSV by content."""
    if len(content) > MAX_FILE_BYTES:
        raise ImportFileError(
            f"文件过大：{len(content)} 字节，上限为 {MAX_FILE_BYTES} 字节（2 MB）", code="file_too_large"
        )
    if not content.strip():
        raise ImportFileError("文件是空的", code="file_empty")
    rows = _xlsx_rows(content) if content.startswith(ZIP_MAGIC) else _csv_rows(content)
    return [(number, cells) for number, cells in rows if any(cell not in (None, "") for cell in cells)]


def _csv_rows(content: bytes) -> Iterator[tuple[int, list[str | None]]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = content.decode("gb18030")
        except UnicodeDecodeError:
            raise ImportFileError(
                "无法识别文件编码：CSV 文件应为 UTF-8 或 GBK 编码", code="file_undecodable"
            ) from None
    if "\x00" in text:
        raise ImportFileError("文件不是 CSV 表格，也不是 XLSX 工作簿", code="file_not_table")
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        for number, cells in enumerate(reader, start=1):
            _check_row_count(number)
            yield number, list(cells)
    except csv.Error as error:
        raise ImportFileError(f"CSV 格式有误：{error}", code="file_not_table") from error


def _xlsx_rows(content: bytes) -> Iterator[tuple[int, list[str | None]]]:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            inflated = sum(member.file_size for member in archive.infolist())
    except zipfile.BadZipFile as error:
        raise ImportFileError("XLSX 文件已损坏，无法打开", code="file_not_table") from error
    if inflated > MAX_UNCOMPRESSED_BYTES:
        raise ImportFileError(
            f"XLSX 文件解压后达 {inflated} 字节，超过上限 {MAX_UNCOMPRESSED_BYTES} 字节，拒绝读取",
            code="file_inflates_too_much",
        )
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise ImportFileError("XLSX 文件已损坏，无法打开", code="file_not_table") from error
    try:
        sheet = workbook.worksheets[0]
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            _check_row_count(number)
            yield number, [_cell_text(value) for value in values]
    finally:
        workbook.close()


def _check_row_count(number: int) -> None:
    if number > MAX_ROWS + 1:  # the header row and MAX_ROWS data rows
        raise ImportFileError(f"文件超过 {MAX_ROWS} 行数据，请分批导入", code="too_many_rows")


def _cell_text(value: Any) -> str | None:
    """An XLSX cell as text the row readers parse; dates keep their ISO form."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _header(
    rows: Sequence[tuple[int, list[str | None]]], columns: tuple[Column, ...]
) -> tuple[dict[Column, int], Sequence[tuple[int, list[str | None]]]]:
    if not rows:
        raise ImportFileError("文件中没有表头行", code="file_empty")
    header_row, headers = rows[0]
    found: dict[Column, int] = {}
    for position, text in enumerate(headers):
        for column in columns:
            if text and column.matches(text) and column not in found:
                found[column] = position
    missing = [column.header for column in columns if column.required and column not in found]
    if missing:
        expected = "、".join(column.header for column in columns)
        raise ImportFileError(
            f"第 {header_row} 行表头缺少列：{'、'.join(missing)}（应包括：{expected}）",
            code="missing_columns",
        )
    return found, rows[1:]


def _text(cells: list[str | None], position: int | None) -> str:
    if position is None or position >= len(cells) or cells[position] is None:
        return ""
    return unicodedata.normalize("NFKC", str(cells[position])).strip()


_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
_YEAR = re.compile(r"^(\d{4})\s*年?度?$")
_MONTH = re.compile(r"^(\d{1,2})\s*月?(份)?$")


def parse_date(text: str) -> dt.date:
    match = _DATE.match(text)
    if match is None:
        raise _CellError("date_invalid", f"“{text}”不是日期，应写作 2025-03-01、2025/3/1 或 2025年3月1日")
    try:
        return dt.date(*(int(part) for part in match.groups()))
    except ValueError:
        raise _CellError("date_invalid", f"“{text}”不是存在的日期") from None


def _kind(text: str) -> DocumentKind:
    try:
        return KINDS[normalise(text)]
    except KeyError:
        expected = "或".join(f"“{kind.label}”" for kind in DocumentKind)
        raise _CellError("kind_unknown", f"类别应为{expected}，实为“{text}”") from None


def _item(text: str) -> FigureItem:
    try:
        return ITEMS[normalise(text)]
    except KeyError:
        expected = "、".join(f"“{item.label}”" for item in FigureItem)
        raise _CellError("item_unknown", f"事项应为{expected}之一，实为“{text}”") from None


def _number(text: str, pattern: re.Pattern[str], what: str, code: str) -> int:
    match = pattern.match(text)
    if match is None:
        raise _CellError(code, f"“{text}”不是{what}")
    return int(match.group(1))


def _value(text: str, item: FigureItem) -> int | Decimal:
    cleaned = text.replace(",", "").replace("，", "")
    try:
        amount = Decimal(cleaned)
    except InvalidOperation:
        raise _CellError("value_not_number", f"“{text}”不是数字") from None
    if not item.is_money:
        if amount != amount.to_integral_value():
            raise _CellError("count_not_integer", f"{item.label}的处理决定数量应为整数，实为“{text}”")
        return int(amount)
    if amount.is_finite() and amount == amount.quantize(Decimal("0.01")):
        amount = amount.quantize(Decimal("0.01"))
    return amount


class _Row:
    """Reads the cells of one data row, collecting an error per bad cell instead of stopping."""

    def __init__(self, number: int, cells: list[str | None], positions: dict[Column, int]) -> None:
        self.number = number
        self.cells = cells
        self.positions = positions
        self.errors: list[RowError] = []

    def text(self, column: Column) -> str:
        return _text(self.cells, self.positions.get(column))

    def read(self, column: Column, parse: Callable[[str], Any]) -> Any:
        text = self.text(column)
        if not text:
            if column.required:
                self.errors.append(RowError(self.number, column.header, "value_missing", "未填写"))
            return None
        try:
            return parse(text)
        except _CellError as error:
            self.errors.append(RowError(self.number, column.header, error.code, error.message))
        except RegisterError as error:
            self.errors.append(RowError(self.number, column.header, error.code, error.message))
        return None

    def fail(self, column: Column, code: str, message: str) -> None:
        self.errors.append(RowError(self.number, column.header, code, message))


@dataclass(frozen=True, slots=True)
class Parsed(Generic[T]):
    rows: list[T]
    errors: list[RowError]


def parse_documents(content: bytes) -> Parsed[DocumentRow]:
    """Every row of a documents file, or the errors of the bad ones (raises `ImportFileError`)."""
    positions, data = _header(read_table(content), DOCUMENT_COLUMNS)
    rows: list[DocumentRow] = []
    errors: list[RowError] = []
    seen: dict[tuple[DocumentKind, str], int] = {}
    for number, cells in data:
        row = _Row(number, cells, positions)
        kind = row.read(KIND, _kind)
        title = row.read(TITLE, str)
        document_number = row.text(NUMBER)
        issued_on = row.read(ISSUED, parse_date)
        repealed_on = row.read(REPEALED, parse_date)
        if issued_on and repealed_on and repealed_on < issued_on:
            row.fail(REPEALED, "repealed_before_issued", f"废止日期 {repealed_on} 早于印发日期 {issued_on}")
        if kind and document_number:
            first = seen.setdefault((kind, document_number), number)
            if first != number:
                row.fail(NUMBER, "duplicate_in_file", f"文号“{document_number}”已在第 {first} 行出现")
        elif kind and title and issued_on:
            # Without a 文号 a document is known by its title and date (`services.import_documents`).
            first = seen.setdefault((kind, f"{title}\n{issued_on}"), number)
            if first != number:
                row.fail(TITLE, "duplicate_in_file", f"同一标题、同一印发日期的文件已在第 {first} 行出现")
        if row.errors:
            errors.extend(row.errors)
            continue
        rows.append(DocumentRow(number, kind, title, document_number, issued_on, repealed_on, row.text(NOTE)))
    return Parsed(rows, errors)


def parse_figures(content: bytes) -> Parsed[FigureRow]:
    """Every row of a monthly-figures file, or the errors of the bad ones (raises `ImportFileError`)."""
    positions, data = _header(read_table(content), FIGURE_COLUMNS)
    rows: list[FigureRow] = []
    errors: list[RowError] = []
    seen: dict[tuple[int, int, FigureItem], int] = {}
    for number, cells in data:
        row = _Row(number, cells, positions)
        year = row.read(YEAR, lambda text: check_year(_number(text, _YEAR, "年份", "year_invalid")))
        month = row.read(MONTH, lambda text: _month(_number(text, _MONTH, "月份", "month_invalid")))
        item = row.read(ITEM, _item)
        value = row.read(VALUE, partial(_checked, item=item)) if item else None
        if year and month and item:
            first = seen.setdefault((year, month, item), number)
            if first != number:
                row.fail(ITEM, "duplicate_in_file", f"{year}年{month}月的“{item.label}”已在第 {first} 行出现")
        if row.errors or value is None:
            errors.extend(row.errors)
            continue
        rows.append(FigureRow(number, year, month, item, value))
    return Parsed(rows, errors)


def _month(month: int) -> int:
    if not 1 <= month <= 12:
        raise _CellError("month_out_of_range", f"月份应为 1 至 12，实为 {month}")
    return month


def _checked(text: str, item: FigureItem) -> int | Decimal:
    value = _value(text, item)
    check_figure(item, value)
    return value
