"""Batch mode: `gongkai parse DIR --out results.jsonl|csv` reads everything, streams, resumes, never stops."""

from __future__ import annotations

import csv
import hashlib
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from gongkai.annual import jsonio
from gongkai.annual.batch import find_documents, plan_batch, run_batch
from gongkai.annual.parse import parse_path
from gongkai.annual.parse.limits import DEFAULT_LIMITS, Limits
from gongkai.cli import main
from gongkai.errors import GongkaiError
from seeddata import LINGLING_2021, WEIHUI_2022


def run(*args: object) -> tuple[int, str]:
    result = CliRunner(env={"COLUMNS": "200"}).invoke(main, [str(arg) for arg in args])
    return result.exit_code, result.output


def records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Two reports in a folder tree, with things a walk must pass over."""
    root = tmp_path / "reports"
    (root / "2022").mkdir(parents=True)
    (root / ".git").mkdir()
    shutil.copy(WEIHUI_2022, root / "2022" / "weihui.txt")
    shutil.copy(LINGLING_2021, root / "lingling.txt")
    shutil.copy(LINGLING_2021, root / ".git" / "hidden.txt")
    (root / "lingling.expected.json").write_text("{}", encoding="utf-8")
    (root / "notes.xlsx").write_bytes(b"PK\x03\x04")
    return root


def test_a_folder_is_walked_for_documents_in_name_order_leaving_out_json_and_hidden_files(folder):
    assert list(find_documents([folder])) == [folder / "lingling.txt", folder / "2022" / "weihui.txt"]


def test_a_named_file_is_taken_whatever_its_suffix(folder):
    named = folder / "lingling.expected.json"
    assert list(find_documents([named, folder / "2022"])) == [named, folder / "2022" / "weihui.txt"]


def test_each_document_becomes_one_jsonl_record_with_its_canonical_report(folder, tmp_path):
    out = tmp_path / "results.jsonl"
    code, output = run("parse", folder, "--out", out, "--jobs", 2)
    assert code == 0, output
    got = sorted(records(out), key=lambda record: record["file"])
    weihui = folder / "2022" / "weihui.txt"
    assert [record["file"] for record in got] == [str(weihui), str(folder / "lingling.txt")]
    first = got[0]
    parsed = parse_path(weihui)
    assert first == {
        "file": str(weihui),
        "sha256": sha256(weihui),
        "kind": "text",
        "layout": parsed.layout,
        "format": "2021",
        "year": 2022,
        "agency": "卫辉市民政局",
        "report": json.loads(jsonio.dumps(parsed.report)),
        "findings": [finding.to_json() for finding in parsed.findings],
    }
    assert "读取 2 份，无法读取 0 份" in output


def test_check_adds_the_checks_findings_to_the_readers(folder, tmp_path):
    plain, checked = tmp_path / "plain.jsonl", tmp_path / "checked.jsonl"
    run("parse", folder / "lingling.txt", "--out", plain)
    run("parse", folder / "lingling.txt", "--out", checked, "--check")
    plain_codes = [finding["code"] for finding in records(plain)[0]["findings"]]
    checked_codes = [finding["code"] for finding in records(checked)[0]["findings"]]
    assert "FORMAT-SUPERSEDED" not in plain_codes
    assert checked_codes[: len(plain_codes)] == plain_codes
    assert "FORMAT-SUPERSEDED" in checked_codes[len(plain_codes) :]


def test_a_bad_file_gets_an_error_record_and_the_batch_goes_on_exiting_2(folder, tmp_path):
    (folder / "scan.txt").write_bytes(bytes(range(256)) * 8)
    (folder / "empty.md").write_bytes(b"")
    out = tmp_path / "results.jsonl"
    code, output = run("parse", folder, "--out", out)
    assert code == 2
    by_file = {Path(record["file"]).name: record for record in records(out)}
    assert sorted(by_file) == ["empty.md", "lingling.txt", "scan.txt", "weihui.txt"]
    assert by_file["scan.txt"] == {
        "file": str(folder / "scan.txt"),
        "sha256": sha256(folder / "scan.txt"),
        "error": {"code": "binary_content", "message": "文件含有二进制内容，不是文本文件"},
    }
    assert by_file["empty.md"]["error"]["code"] == "empty_document"
    assert "无法读取 2 份" in output


def test_a_missing_file_is_an_error_record_without_a_hash(tmp_path):
    out = tmp_path / "results.jsonl"
    code, _ = run("parse", tmp_path / "none.txt", "--out", out)
    assert code == 2
    assert records(out) == [
        {
            "file": str(tmp_path / "none.txt"),
            "sha256": None,
            "error": {"code": "not_found", "message": f"找不到文件：{tmp_path / 'none.txt'}"},
        }
    ]


def test_a_rerun_skips_recorded_files_and_redoes_only_new_and_changed_ones(folder, tmp_path):
    out = tmp_path / "results.jsonl"
    run("parse", folder, "--out", out)
    shutil.copy(WEIHUI_2022, folder / "new.txt")
    (folder / "lingling.txt").write_bytes(LINGLING_2021.read_bytes() + "\n附：无。\n".encode())
    code, output = run("parse", folder, "--out", out)
    assert code == 0
    assert [Path(record["file"]).name for record in records(out)] == [
        "lingling.txt",
        "weihui.txt",
        "lingling.txt",
        "new.txt",
    ]
    assert records(out)[2]["sha256"] == sha256(folder / "lingling.txt")
    assert "读取 2 份，无法读取 0 份（已记为错误），跳过 1 份" in output


def test_a_rerun_of_a_finished_batch_reads_nothing(folder, tmp_path):
    out = tmp_path / "results.jsonl"
    run("parse", folder, "--out", out)
    before = out.read_bytes()
    code, output = run("parse", folder, "--out", out)
    assert code == 0
    assert out.read_bytes() == before
    assert "读取 0 份，无法读取 0 份（已记为错误），跳过 2 份" in output


def test_a_rerun_redoes_files_that_failed_for_the_run_not_for_their_content(folder, tmp_path):
    out = tmp_path / "results.jsonl"
    lingling = folder / "lingling.txt"
    timeout = {
        "file": str(lingling),
        "sha256": sha256(lingling),
        "error": {"code": "timeout", "message": "…"},
    }
    out.write_text(json.dumps(timeout) + "\n", encoding="utf-8")
    plan = plan_batch([folder], out, max_bytes=DEFAULT_LIMITS.max_bytes)
    assert [item.file for item in plan.todo] == [str(lingling), str(folder / "2022" / "weihui.txt")]


def test_a_record_torn_by_an_interrupted_run_is_cut_and_its_file_read_again(folder, tmp_path):
    out = tmp_path / "results.jsonl"
    run("parse", folder / "lingling.txt", "--out", out)
    complete = out.read_text(encoding="utf-8")
    out.write_text(
        complete + '{"file": "' + str(folder / "2022" / "weihui.txt") + '", "sha2', encoding="utf-8"
    )
    code, _ = run("parse", folder, "--out", out)
    assert code == 0
    assert out.read_text(encoding="utf-8").startswith(complete)
    assert [Path(record["file"]).name for record in records(out)] == ["lingling.txt", "weihui.txt"]


def test_csv_is_long_form_one_row_per_cell_with_text_cells_in_text(tmp_path):
    out = tmp_path / "results.csv"
    code, _ = run("parse", LINGLING_2021, "--out", out)
    assert code == 0
    rows = list(csv.DictReader(out.open(encoding="utf-8-sig", newline="")))
    report = parse_path(LINGLING_2021).report
    assert len(rows) == sum(len(table.spec.keys) for table in report.tables)
    by_cell = {(row["table"], row["row"], row["column"]): row for row in rows}
    assert by_cell["proactive", "licensing", "change"] == {
        "body": "永州市零陵区民政局",
        "level": "",
        "year": "2021",
        "format": "2019",
        "table": "proactive",
        "row": "licensing",
        "column": "change",
        "row_label": "第二十条第（五）项 行政许可",
        "column_label": "本年增/减",
        "value": "",
        "unit": "",
        "text": "增",
        "file": str(LINGLING_2021),
        "sha256": sha256(LINGLING_2021),
        "error_code": "",
        "error_message": "",
    }
    total = by_cell["applications", "total", "total"]
    assert (total["value"], total["text"]) == (str(report.applications.value("total", "total")), "")  # type: ignore[union-attr]


def test_csv_money_cells_carry_their_unit(tmp_path):
    out = tmp_path / "results.csv"
    run("parse", WEIHUI_2022, "--out", out)
    rows = list(csv.DictReader(out.open(encoding="utf-8-sig", newline="")))
    fees = next(row for row in rows if (row["table"], row["row"]) == ("proactive", "fees"))
    assert (fees["column"], fees["unit"]) == ("amount_wan_yuan", "万元" if fees["value"] else "")


def test_csv_records_an_unreadable_file_as_one_error_row(tmp_path):
    out = tmp_path / "results.csv"
    run("parse", tmp_path / "none.txt", "--out", out)
    rows = list(csv.DictReader(out.open(encoding="utf-8-sig", newline="")))
    assert [(row["file"], row["table"], row["error_code"]) for row in rows] == [
        (str(tmp_path / "none.txt"), "", "not_found")
    ]


def test_csv_rerun_appends_below_the_single_header(folder, tmp_path):
    out = tmp_path / "results.csv"
    run("parse", folder / "lingling.txt", "--out", out)
    run("parse", folder, "--out", out)
    assert out.read_bytes().startswith(b"\xef\xbb\xbfbody,level,year,")  # a BOM, for Excel
    lines = out.read_text(encoding="utf-8-sig").splitlines()
    assert sum(1 for line in lines if line.startswith("body,level,")) == 1
    files = {row["file"] for row in csv.DictReader(out.open(encoding="utf-8-sig", newline=""))}
    assert files == {str(folder / "lingling.txt"), str(folder / "2022" / "weihui.txt")}


def test_csv_written_with_other_columns_is_not_appended_to(tmp_path):
    out = tmp_path / "results.csv"
    old = "file,sha256,body\r\nold.txt,abc,某局\r\n".encode()
    out.write_bytes(old)

    code, output = run("parse", WEIHUI_2022, "--out", out)

    assert code == 2
    assert "结果文件 results.csv 的列与当前版本不同" in output
    assert out.read_bytes() == old


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--out", "results.csv", "--check"], "--check 的发现只能写入 .jsonl 文件"),
        (["--out", "results.txt"], "输出文件应以 .jsonl 或 .csv 结尾"),
        (["--out", "results.jsonl", "--json"], "--json 与 --out 不能同时使用"),
        (["--jobs", "2", "--check"], "--jobs、--check 只用于批量模式"),
        (["--limit-seconds", "0", "--out", "results.jsonl"], "0.0 is not in the range x>0"),
    ],
)
def test_inconsistent_batch_options_are_usage_errors(tmp_path, args, message):
    code, output = run(
        "parse", WEIHUI_2022, *[arg.replace("results", str(tmp_path / "results")) for arg in args]
    )
    assert code == 2
    assert message in output
    assert not (tmp_path / "results.jsonl").exists()


def test_limits_on_the_command_line_bound_each_document(tmp_path):
    big = tmp_path / "big.txt"
    big.write_bytes(WEIHUI_2022.read_bytes() * 200)  # about 1.4 MB of text
    out = tmp_path / "results.jsonl"
    code, _ = run("parse", big, "--out", out, "--limit-mb", 1)
    assert code == 2
    assert records(out)[0]["error"]["code"] == "too_large"


def test_a_file_over_the_size_limit_is_not_hashed_so_it_is_planned_again_and_refused_unread(tmp_path):
    big, small = tmp_path / "big.txt", tmp_path / "small.txt"
    big.write_bytes(b"x" * 2000)
    small.write_bytes(b"x" * 500)
    plan = plan_batch([big, small], tmp_path / "results.jsonl", max_bytes=1000)
    assert [(item.file, item.sha256) for item in plan.todo] == [(str(big), None), (str(small), sha256(small))]


def test_a_memory_limit_too_low_for_any_worker_stops_the_batch_with_a_clear_message(tmp_path):
    plan = plan_batch([WEIHUI_2022], tmp_path / "results.jsonl", max_bytes=DEFAULT_LIMITS.max_bytes)
    with pytest.raises(GongkaiError) as raised:
        list(run_batch(plan, jobs=1, limits=Limits(memory_bytes=1024 * 1024), check=False))
    assert raised.value.code == "memory_limit_too_low"
    assert (tmp_path / "results.jsonl").read_text(encoding="utf-8") == ""


def test_a_canonical_json_file_named_on_the_command_line_is_read_as_json(tmp_path):
    report = parse_path(WEIHUI_2022).report
    (tmp_path / "weihui.json").write_text(jsonio.dumps(report), encoding="utf-8")
    (tmp_path / "broken.json").write_text("{", encoding="utf-8")
    out = tmp_path / "results.jsonl"
    code, _ = run("parse", tmp_path / "weihui.json", tmp_path / "broken.json", "--out", out, "--jobs", 1)
    assert code == 2
    good, broken = sorted(records(out), key=lambda record: record["file"], reverse=True)
    assert (good["kind"], good["layout"], good["report"], good["findings"]) == (
        "json",
        None,
        json.loads(jsonio.dumps(report)),
        [],
    )
    assert broken["error"]["code"] == "json_syntax"
