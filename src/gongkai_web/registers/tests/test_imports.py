"""Importing the registers from CSV and XLSX files as other systems export them (real files, no mocks)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import time
import zipfile
from collections.abc import Sequence
from decimal import Decimal

import openpyxl
import pytest

from gongkai.proactive import DocumentKind, FigureItem
from gongkai_web.accounts.models import User
from gongkai_web.personas import Office
from gongkai_web.registers import imports, services
from gongkai_web.registers.imports import ImportFileError, RowError, parse_documents, parse_figures
from gongkai_web.registers.models import Document, MonthlyFigure

DOCUMENT_HEADER: list[object] = ["类别", "标题", "文号", "印发日期", "废止日期", "备注"]


def csv_bytes(rows: Sequence[Sequence[object]], encoding: str = "utf-8-sig") -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue().encode(encoding)


def xlsx_bytes(rows: Sequence[Sequence[object]]) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def test_a_gbk_csv_with_full_width_digits_and_chinese_dates_is_read() -> None:
    content = csv_bytes(
        [
            DOCUMENT_HEADER,
            [
                "行政规范性文件",
                "某县城区养犬管理办法",
                "某政规〔２０２４〕３号",
                "２０２４年３月１日",
                "",
                "",
            ],
            [
                "规范性文件",
                "某县农村危房改造补助办法",
                "某政规〔2022〕1号",
                "2022/7/15",
                "2025.1.31",
                "已被新办法替代",
            ],
            ["规章", "某县人民政府规章制定程序规定", "", "2021-01-05", "", ""],
        ],
        encoding="gbk",
    )
    parsed = parse_documents(content)
    assert parsed.errors == []
    assert [(r.row, r.kind, r.number, r.issued_on, r.repealed_on) for r in parsed.rows] == [
        (2, DocumentKind.NORMATIVE_DOCUMENTS, "某政规〔2024〕3号", dt.date(2024, 3, 1), None),
        (
            3,
            DocumentKind.NORMATIVE_DOCUMENTS,
            "某政规〔2022〕1号",
            dt.date(2022, 7, 15),
            dt.date(2025, 1, 31),
        ),
        (4, DocumentKind.REGULATIONS, "", dt.date(2021, 1, 5), None),
    ]


def test_every_bad_row_is_reported_with_row_column_and_code() -> None:
    content = csv_bytes(
        [
            DOCUMENT_HEADER,
            ["通知", "某县某事的通知", "", "2024-03-01", "", ""],
            ["规章", "", "某县令第2号", "2024-02-30", "", ""],
            ["规章", "某县规章", "某县令第3号", "2024-05-01", "2024-04-01", ""],
            ["规章", "某县规章重复", "某县令第3号", "2024-06-01", "", ""],
            ["行政规范性文件", "无文号的办法", "", "2024-07-01", "", ""],
            ["行政规范性文件", "无文号的办法", "", "2024-07-01", "", ""],
        ]
    )
    assert parse_documents(content).errors == [
        RowError(2, "类别", "kind_unknown", "类别应为“规章”或“行政规范性文件”，实为“通知”"),
        RowError(3, "标题", "value_missing", "未填写"),
        RowError(3, "印发日期", "date_invalid", "“2024-02-30”不是存在的日期"),
        RowError(4, "废止日期", "repealed_before_issued", "废止日期 2024-04-01 早于印发日期 2024-05-01"),
        RowError(5, "文号", "duplicate_in_file", "文号“某县令第3号”已在第 4 行出现"),
        RowError(7, "标题", "duplicate_in_file", "同一标题、同一印发日期的文件已在第 6 行出现"),
    ]


def test_monthly_figures_from_an_xlsx_with_dates_and_numbers_typed_in_cells() -> None:
    content = xlsx_bytes(
        [
            ["年", "月", "事项", "数值"],
            [2025, 1, "行政许可", 12],
            ["2025年", "2月", "行政处罚", "3"],
            [2025, 3, "行政事业性收费", 12345.6],
            [2025, 4, "行政事业性收费", "1,200.50"],
        ]
    )
    parsed = parse_figures(content)
    assert parsed.errors == []
    assert [(r.year, r.month, r.item, r.value) for r in parsed.rows] == [
        (2025, 1, FigureItem.LICENSING, 12),
        (2025, 2, FigureItem.PENALTY, 3),
        (2025, 3, FigureItem.FEES, Decimal("12345.60")),
        (2025, 4, FigureItem.FEES, Decimal("1200.50")),
    ]


def test_bad_figures_are_reported_per_cell() -> None:
    content = xlsx_bytes(
        [
            ["年", "月", "事项", "数值"],
            [2018, 13, "行政许可", 1],
            [2025, 1, "行政确认", 1],
            [2025, 2, "行政强制", 1.5],
            [2025, 3, "行政事业性收费", "12.345"],
            [2025, 4, "行政处罚", "-2"],
            [2025, 4, "行政处罚", "2"],
        ]
    )
    errors = parse_figures(content).errors
    assert [(e.row, e.column, e.code) for e in errors] == [
        (2, "年", "year_out_of_range"),
        (2, "月", "month_out_of_range"),
        (3, "事项", "item_unknown"),
        (4, "数值", "count_not_integer"),
        (5, "数值", "fee_below_fen"),
        (6, "数值", "count_negative"),
        (7, "事项", "duplicate_in_file"),
    ]


def test_a_file_without_the_required_columns_is_refused_before_any_row() -> None:
    with pytest.raises(ImportFileError) as raised:
        parse_figures(csv_bytes([["年", "事项", "数值"], [2025, "行政许可", 1]]))
    assert raised.value.code == "missing_columns"
    assert "第 1 行表头缺少列：月" in raised.value.message


def test_a_file_over_the_size_limit_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(imports, "MAX_FILE_BYTES", 100)
    with pytest.raises(ImportFileError, match="file_too_large"):
        parse_documents(csv_bytes([DOCUMENT_HEADER] + [["规章", "标题", "", "2025-01-01", "", ""]] * 10))


def test_a_file_over_the_row_cap_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(imports, "MAX_ROWS", 3)
    rows: list[list[object]] = [["年", "月", "事项", "数值"]]
    rows += [[2025, m, "行政许可", 1] for m in range(1, 5)]
    with pytest.raises(ImportFileError, match="too_many_rows"):
        parse_figures(xlsx_bytes(rows))
    with pytest.raises(ImportFileError, match="too_many_rows"):
        parse_figures(csv_bytes(rows))


def test_a_zip_bomb_shaped_xlsx_is_refused_without_inflating_it() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"<" + b" " * (imports.MAX_UNCOMPRESSED_BYTES + 1))
    content = out.getvalue()
    assert len(content) < imports.MAX_FILE_BYTES
    started = time.monotonic()
    with pytest.raises(ImportFileError) as raised:
        parse_documents(content)
    assert raised.value.code == "file_inflates_too_much"
    assert time.monotonic() - started < 2


def test_a_corrupt_xlsx_and_undecodable_bytes_are_refused_clearly() -> None:
    with pytest.raises(ImportFileError, match="file_not_table"):
        parse_documents(b"PK\x03\x04 not really a zip")
    with pytest.raises(ImportFileError, match="file_undecodable"):
        parse_documents(b"\xff\xfe\xfa\xfb" * 10)


def test_importing_the_same_file_twice_changes_nothing_the_second_time(office: Office, alice: User) -> None:
    content = csv_bytes(
        [
            DOCUMENT_HEADER,
            ["行政规范性文件", "某县城区养犬管理办法", "某政规〔2024〕3号", "2024-03-01", "", ""],
            ["规章", "某县人民政府规章制定程序规定", "", "2021-01-05", "", ""],
        ]
    )
    first = services.import_documents(body=office.county, rows=parse_documents(content).rows, actor=alice)
    second = services.import_documents(body=office.county, rows=parse_documents(content).rows, actor=alice)
    assert (first.created, second.created, second.updated, second.unchanged) == (2, 0, 0, 2)
    repealed = content.replace(b"2024-03-01,,", b"2024-03-01,2025-06-30,")
    third = services.import_documents(body=office.county, rows=parse_documents(repealed).rows, actor=alice)
    assert (third.created, third.updated, third.unchanged) == (0, 1, 1)
    assert Document.objects.get(number="某政规〔2024〕3号").repealed_on == dt.date(2025, 6, 30)


def test_reimported_figures_replace_the_stored_month(office: Office, alice: User) -> None:
    rows: list[list[object]] = [["年", "月", "事项", "数值"], [2025, 1, "行政许可", 12]]
    services.import_figures(body=office.county, rows=parse_figures(xlsx_bytes(rows)).rows, actor=alice)
    rows[1][3] = 15
    summary = services.import_figures(
        body=office.county, rows=parse_figures(xlsx_bytes(rows)).rows, actor=alice
    )
    assert (summary.created, summary.updated) == (0, 1)
    assert MonthlyFigure.objects.get().count == 15
