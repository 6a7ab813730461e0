"""Open data: `gongkai opendata DIR --out cells.csv|cells.xlsx` writes every cell of every report as a row."""

from __future__ import annotations

import csv
import hashlib
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from gongkai.annual import longform, opendata
from gongkai.annual.opendata import export_cells, latest_records, open_cell_writer, read_levels
from gongkai.annual.parse import parse_path
from gongkai.annual.results import ResultsKind, error_record, report_record
from gongkai.cli import main
from gongkai.errors import GongkaiError
from seeddata import LINGLING_2021

CORPUS = Path(__file__).parent / "data" / "corpus"
HUAIAN = CORPUS / "005.txt"  # 淮安市人民政府 2024, 2021 format, fees 96171.6 万元
SUYANG = CORPUS / "001.md"  # 沭阳县人民政府 2025 (printed 沐阳县人民政府), 2021 format
CELLS_2021 = 10 + 25 * 7 + 3 * 5
CELLS_2019 = 22 + 23 * 7 + 3 * 5


def run(*args: object) -> tuple[int, str]:
    result = CliRunner(env={"COLUMNS": "200"}).invoke(main, [str(arg) for arg in args])
    return result.exit_code, result.output


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "reports"
    root.mkdir()
    for source in (HUAIAN, SUYANG, LINGLING_2021):
        shutil.copy(source, root / source.name)
    (root / "broken.docx").write_bytes(b"PK\x03\x04 not a zip")
    return root


def csv_rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(path.open(encoding="utf-8-sig", newline="")))


def test_every_cell_of_every_report_is_a_row_with_labels_level_and_source(folder, tmp_path):
    levels = tmp_path / "levels.csv"
    levels.write_text("机关,层级\n淮安市人民政府,设区的市级\n", encoding="utf-8")
    out = tmp_path / "cells.csv"

    code, output = run("opendata", folder, "--out", out, "--levels", levels, "--jobs", 2)

    assert code == 2  # broken.docx could not be read
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")  # Excel opens it as UTF-8
    rows = csv_rows(out)
    per_file = {
        name: sum(1 for row in rows if Path(row["file"]).name == name)
        for name in sorted({Path(row["file"]).name for row in rows})
    }
    assert per_file == {
        "004_262844189358657c.txt": CELLS_2019,
        "001.md": CELLS_2021,
        "005.txt": CELLS_2021,
        "broken.docx": 1,
    }
    fees = next(row for row in rows if row["body"] == "淮安市人民政府" and row["row"] == "fees")
    assert fees == {
        "body": "淮安市人民政府",
        "level": "设区的市级",
        "year": "2024",
        "format": "2021",
        "table": "proactive",
        "row": "fees",
        "column": "amount_wan_yuan",
        "row_label": "第二十条第（八）项 行政事业性收费",
        "column_label": "本年收费金额（单位：万元）",
        "value": "96171.6",
        "unit": "万元",
        "text": "",
        "file": str(folder / "005.txt"),
        "sha256": sha256(HUAIAN),
        "error_code": "",
        "error_message": "",
    }
    secret = next(
        row
        for row in rows
        if row["body"] == "沐阳县人民政府"
        and (row["row"], row["column"]) == ("withheld.state_secret", "commercial")
    )
    assert (secret["level"], secret["row_label"], secret["column_label"], secret["value"]) == (
        "",
        "（三）不予公开 1.属于国家秘密",
        "商业企业",
        "0",
    )
    broken = next(row for row in rows if row["error_code"])
    assert (broken["file"], broken["error_code"], broken["table"]) == (
        str(folder / "broken.docx"),
        "corrupt_docx",
        "",
    )
    assert "已写入" in output and f"共 {2 * CELLS_2021 + CELLS_2019 + 1} 行" in output


def test_the_canonical_json_of_each_report_is_kept_beside_the_export(folder, tmp_path):
    out = tmp_path / "cells.csv"
    run("opendata", folder / "005.txt", "--out", out)

    [record] = [
        json.loads(line) for line in (tmp_path / "cells.jsonl").read_text(encoding="utf-8").splitlines()
    ]

    assert record["report"]["proactive"]["fees"] == {"amount_wan_yuan": 96171.6}
    assert record["sha256"] == sha256(HUAIAN)


def test_xlsx_holds_numbers_as_numbers_on_a_sheet_with_the_same_columns(folder, tmp_path):
    out = tmp_path / "cells.xlsx"

    run("opendata", folder / "005.txt", "--out", out)

    book = load_workbook(out, read_only=True)
    assert book.sheetnames == ["cells"]
    rows = list(book["cells"].iter_rows(values_only=True))
    assert rows[0] == longform.COLUMNS
    assert len(rows) == 1 + CELLS_2021
    by_cell = {(row[4], row[5], row[6]): row for row in rows[1:]}
    assert by_cell["applications", "granted", "natural_person"][9] == 1288
    assert by_cell["proactive", "fees", "amount_wan_yuan"][9] == pytest.approx(96171.6)
    assert by_cell["proactive", "fees", "amount_wan_yuan"][10] == "万元"


def test_a_full_worksheet_continues_on_the_next_with_its_own_header(tmp_path, monkeypatch):
    monkeypatch.setattr(opendata, "EXCEL_MAX_ROWS", 150)
    report = parse_path(HUAIAN).report
    out = tmp_path / "cells.xlsx"

    with open_cell_writer(out) as writer:
        for row in longform.cell_rows(report, file="005.txt", sha256=None):
            writer.write(row)

    book = load_workbook(out, read_only=True)
    assert book.sheetnames == ["cells", "cells 2"]
    first, second = (list(book[name].iter_rows(values_only=True)) for name in book.sheetnames)
    assert (len(first), len(second)) == (150, 1 + CELLS_2021 - 149)
    assert second[0] == longform.COLUMNS


def test_only_the_last_record_of_a_document_and_only_the_documents_asked_for_are_exported(tmp_path):
    results = tmp_path / "results.jsonl"
    report = parse_path(HUAIAN).report

    def record(file: str, sha256: str) -> str:
        return report_record(
            ResultsKind.JSONL,
            file=file,
            sha256=sha256,
            report=report,
            document_kind="text",
            layout=None,
            findings=[],
        )

    results.write_text(
        error_record(ResultsKind.JSONL, file="a.txt", sha256=None, code="timeout", message="超时")
        + record("b.txt", "b1")
        + record("a.txt", "a2")
        + '{"file": "c.txt", "sha256": "c1", "rep',  # torn by an interrupted run
        encoding="utf-8",
    )

    assert [(record["file"], record["sha256"]) for record in latest_records(results)] == [
        ("b.txt", "b1"),
        ("a.txt", "a2"),
    ]
    summary = export_cells(results, tmp_path / "cells.csv", files={"a.txt"})
    assert (summary.reports, summary.unreadable, summary.rows) == (1, 0, CELLS_2021)
    assert {row["sha256"] for row in csv_rows(tmp_path / "cells.csv")} == {"a2"}


def test_an_export_that_fails_leaves_the_previous_file_and_no_partial_file(tmp_path):
    out = tmp_path / "cells.csv"
    out.write_text("previous export\n", encoding="utf-8")
    report = parse_path(HUAIAN).report

    def export_then_fail() -> None:
        with open_cell_writer(out) as writer:
            writer.write(next(longform.cell_rows(report, file="005.txt", sha256=None)))
            raise RuntimeError("disk full")

    with pytest.raises(RuntimeError, match="disk full"):
        export_then_fail()

    assert out.read_text(encoding="utf-8") == "previous export\n"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["cells.csv"]


def test_levels_are_read_from_a_two_column_csv_in_gb18030(tmp_path):
    levels = tmp_path / "levels.csv"
    levels.write_bytes(
        "机关,层级\n淮安市人民政府,设区的市级\n\n沭阳县发展和改革局 , 县级部门\n".encode("gb18030")
    )

    assert read_levels(levels) == {"淮安市人民政府": "设区的市级", "沭阳县发展和改革局": "县级部门"}


def test_a_levels_row_without_a_level_is_refused_with_its_line(tmp_path):
    levels = tmp_path / "levels.csv"
    levels.write_text("机关,层级\n淮安市人民政府\n", encoding="utf-8")

    with pytest.raises(GongkaiError, match="第 2 行不完整") as raised:
        read_levels(levels)
    assert raised.value.code == "levels_invalid"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--out", "cells.json"], "--out 应以 .csv 或 .xlsx 结尾，实为 cells.json"),
        (["--out", "cells.csv", "--reports", "reports.csv"], "--reports 应以 .jsonl 结尾，实为 reports.csv"),
        (["--out", "cells.csv", "--levels", "none.csv"], "找不到机关层级文件"),
    ],
)
def test_bad_opendata_options_are_usage_errors(tmp_path, args, message):
    code, output = run(
        "opendata",
        HUAIAN,
        *[tmp_path / arg if arg.endswith(("csv", "json", "jsonl")) else arg for arg in args],
    )

    assert code == 2
    assert message in output
    assert not (tmp_path / "cells.csv").exists()
