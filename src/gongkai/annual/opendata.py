"""Open data: every cell of a set of reports as rows, for researchers (CSV for Excel, and XLSX).

The reports come from a batch results file (JSONL, `gongkai.annual.results`): the canonical
JSON of each document read, with its path and SHA-256. `export_cells` streams that file into
the long form of `gongkai.annual.longform`: one record read, its rows written, the next
record read, so memory stays flat however many reports there are. The output is written to a
temporary file beside the target and renamed over it only when complete: a failed export
leaves the previous one in place, never half a file.

A results file may record a document more than once (a re-run appends a newer record after
an older one); the last record of each document is the one exported.
"""

from __future__ import annotations

import csv
import json
import os
import re
from collections.abc import Collection, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from types import TracebackType
from typing import Any, Protocol

from openpyxl import Workbook

from gongkai.annual import jsonio, longform
from gongkai.annual.parse.text import decode
from gongkai.errors import GongkaiError, ReportDataError

CSV_SUFFIX = ".csv"
XLSX_SUFFIX = ".xlsx"
EXPORT_SUFFIXES = (CSV_SUFFIX, XLSX_SUFFIX)
PARTIAL_SUFFIX = ".partial"  # an export being written, renamed when complete
CSV_ENCODING = "utf-8-sig"  # with a byte-order mark: Excel then opens the file as UTF-8
SHEET_TITLE = "cells"
EXCEL_MAX_ROWS = 1_048_576  # rows of one worksheet (Excel 2007 and later), header included
# Characters an XLSX cell cannot hold (XML 1.0 forbids most C0 controls).
_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


class CellWriter(Protocol):
    def write(self, row: longform.Row) -> None: ...


@dataclass(frozen=True, slots=True)
class ExportSummary:
    reports: int  # documents whose report was exported
    unreadable: int  # documents recorded as errors (one row each)
    rows: int  # data rows written, header not counted


def export_cells(
    results: Path,
    out: Path,
    *,
    files: Collection[str] | None = None,
    levels: Mapping[str, str] | None = None,
) -> ExportSummary:
    """Write every cell of the reports in ``results`` (a batch JSONL file) to ``out`` (.csv or .xlsx).

    ``files`` limits the export to those documents (as the results file records their paths),
    e.g. the ones still present in the folder; ``levels`` gives a body's level by the body's
    name as printed in its report.
    """
    levels = levels or {}
    reports = unreadable = rows = 0
    with open_cell_writer(out) as writer:
        for record in latest_records(results, files):
            file, sha256 = record["file"], record.get("sha256")
            error = record.get("error")
            if isinstance(error, dict):
                unreadable += 1
                rows += 1
                writer.write(
                    longform.error_row(
                        file=file,
                        sha256=sha256,
                        code=str(error.get("code")),
                        message=str(error.get("message")),
                    )
                )
                continue
            report = jsonio.report_from_dict(record["report"])
            reports += 1
            level = levels.get(report.agency) if report.agency else None
            for row in longform.cell_rows(report, file=file, sha256=sha256, level=level):
                rows += 1
                writer.write(row)
    return ExportSummary(reports, unreadable, rows)


def latest_records(results: Path, files: Collection[str] | None = None) -> Iterator[dict[str, Any]]:
    """The last record of each document in a results JSONL file, in the order of first appearance.

    Two passes over the file: the first notes which line is each document's last, the second
    yields those lines, one at a time. A line that is not a record (a torn last line) is skipped.
    """
    last: dict[str, int] = {}
    for number, record in _numbered_records(results):
        file = record.get("file")
        if isinstance(file, str) and (files is None or file in files):
            last[file] = number
    wanted = set(last.values())
    for number, record in _numbered_records(results):
        if number in wanted:
            yield record


def _numbered_records(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    try:
        stream = path.open(encoding="utf-8")
    except FileNotFoundError:
        raise GongkaiError(f"找不到结果文件：{path}", code="not_found") from None
    with stream:
        for number, line in enumerate(stream):
            try:
                record = json.loads(line, parse_float=Decimal)  # exact amounts
            except json.JSONDecodeError:
                continue
            if isinstance(record, dict):
                yield number, record


@contextmanager
def open_cell_writer(path: Path) -> Iterator[CellWriter]:
    """A writer of long-form rows to ``path`` (its suffix picks CSV or XLSX), header first.

    Rows go to a hidden ``.partial`` file in the same folder, renamed to ``path`` when the block ends
    without an error; on an error the temporary file is removed and ``path`` is untouched.
    """
    suffix = path.suffix.lower()
    if suffix not in EXPORT_SUFFIXES:
        raise GongkaiError(
            f"开放数据文件应以 .csv 或 .xlsx 结尾，实为 {path.name}", code="unknown_export_kind"
        )
    partial = path.with_name(f".{path.name}.{os.getpid()}{PARTIAL_SUFFIX}")
    try:
        with _CsvWriter(partial) if suffix == CSV_SUFFIX else _XlsxWriter(partial) as writer:
            yield writer
        partial.replace(path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


class _CsvWriter:
    def __init__(self, path: Path) -> None:
        self._stream = path.open("w", encoding=CSV_ENCODING, newline="")
        self._csv = csv.writer(self._stream, lineterminator="\r\n")
        self._csv.writerow(longform.COLUMNS)

    def write(self, row: longform.Row) -> None:
        self._csv.writerow(longform.as_text(row))

    def __enter__(self) -> _CsvWriter:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self._stream.close()


class _XlsxWriter:
    """A write-only workbook (rows stream to a temporary file, not kept in memory).

    Numbers are written as numbers. A sheet full at Excel's row limit is continued on the
    next one (``cells 2``, ``cells 3``…), each with the header row.
    """

    def __init__(self, path: Path) -> None:
        self._path = path
        self._book = Workbook(write_only=True)
        self._sheets = 0
        self._new_sheet()

    def _new_sheet(self) -> None:
        self._sheets += 1
        title = SHEET_TITLE if self._sheets == 1 else f"{SHEET_TITLE} {self._sheets}"
        self._sheet = self._book.create_sheet(title)
        self._sheet.append(longform.COLUMNS)
        self._rows = 1

    def write(self, row: longform.Row) -> None:
        if self._rows >= EXCEL_MAX_ROWS:
            self._new_sheet()
        self._sheet.append(
            [_XML_ILLEGAL.sub("", value) if isinstance(value, str) else value for value in row]
        )
        self._rows += 1

    def __enter__(self) -> _XlsxWriter:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        if kind is None:
            self._book.save(self._path)
        else:
            self._book.close()


def read_levels(path: Path) -> dict[str, str]:
    """Body → level from a two-column CSV (header ``body,level`` or ``机关,层级``; UTF-8 or GB18030)."""
    try:
        text = decode(path.read_bytes())
    except FileNotFoundError:
        raise GongkaiError(f"找不到机关层级文件：{path}", code="not_found") from None
    rows = [row for row in csv.reader(text.splitlines()) if any(cell.strip() for cell in row)]
    if not rows or len(rows[0]) < 2:
        raise ReportDataError(
            f"机关层级文件 {path.name} 应有两列：机关名称、层级（第一行为表头）", code="levels_invalid"
        )
    levels: dict[str, str] = {}
    for number, row in enumerate(rows[1:], start=2):
        if len(row) < 2 or not row[0].strip() or not row[1].strip():
            raise ReportDataError(
                f"机关层级文件 {path.name} 第 {number} 行不完整：应有机关名称和层级", code="levels_invalid"
            )
        levels[row[0].strip()] = row[1].strip()
    return levels


__all__ = [
    "EXPORT_SUFFIXES",
    "CellWriter",
    "ExportSummary",
    "export_cells",
    "latest_records",
    "open_cell_writer",
    "read_levels",
]
