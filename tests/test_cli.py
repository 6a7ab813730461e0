"""The gongkai command as a user runs it: exit codes, JSON output, rendering, help and README."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from gongkai.annual import jsonio
from gongkai.cli import main
from seeddata import LINGLING_2021, WEIHUI_2022, expected

ROOT = Path(__file__).parent.parent
README = ROOT / "README.md"


def run(*args: str) -> tuple[int, str]:
    result = CliRunner(env={"COLUMNS": "200"}).invoke(main, [str(arg) for arg in args])
    return result.exit_code, result.output


def test_check_of_a_report_without_errors_exits_0():
    code, output = run("check", WEIHUI_2022)
    assert code == 0
    assert "卫辉市民政局" in output
    assert "LABEL-VARIANT" in output


def test_check_of_a_report_with_errors_exits_1_and_names_them():
    code, output = run("check", LINGLING_2021)
    assert code == 1
    assert "FORMAT-SUPERSEDED" in output
    assert "proactive.licensing.change" in output


def test_check_of_a_missing_file_exits_2_and_says_why(tmp_path):
    code, output = run("check", WEIHUI_2022, tmp_path / "none.txt")
    assert code == 2
    assert "找不到文件" in output and "not_found" in output


def test_check_json_prints_one_object_per_file():
    code, output = run("check", "--json", WEIHUI_2022, LINGLING_2021)
    assert code == 1
    lines = [json.loads(line) for line in output.splitlines()]
    assert [(line["agency"], line["format"], line["errors"]) for line in lines] == [
        ("卫辉市民政局", "2021", 0),
        ("永州市零陵区民政局", "2019", 2),
    ]
    codes = [finding["code"] for finding in lines[1]["findings"]]
    assert codes[:2] == ["FORMAT-SUPERSEDED", "C4"]
    c4 = lines[1]["findings"][1]
    assert (c4["where"], c4["actual"], c4["source"]) == (
        "proactive.licensing.change",
        "增",
        {"line": 40, "column": 2},
    )


def test_check_json_reports_an_unreadable_file_as_an_error_record(tmp_path):
    binary = tmp_path / "scan.txt"
    binary.write_bytes(bytes(range(256)) * 8)
    code, output = run("check", "--json", binary)
    assert code == 2
    assert json.loads(output)["error"]["code"] == "binary_content"


def test_check_with_the_previous_year_adds_cross_year_findings(tmp_path):
    previous = jsonio.report_from_dict({**expected(WEIHUI_2022), "year": 2021})
    changed = previous.with_cell(  # last year carried 3 applications forward; this year shows 0
        previous.applications.spec.id,
        "carried_forward",
        "total",
        3,  # type: ignore[union-attr]
    )
    last_year = tmp_path / "2021.json"
    last_year.write_text(jsonio.dumps(changed), encoding="utf-8")
    code, output = run("check", "--json", "--previous", last_year, WEIHUI_2022)
    findings = json.loads(output)["findings"]
    assert code == 1
    assert [(f["code"], f["where"], f["expected"], f["actual"]) for f in findings if f["code"] == "C6"] == [
        ("C6", "applications.carried_over.total", 3, 0)
    ]


def test_check_without_files_is_a_usage_error():
    code, output = run("check")
    assert code == 2
    assert "--samples" in output


def test_parse_json_is_the_canonical_json_one_line_per_file():
    code, output = run("parse", "--json", WEIHUI_2022, LINGLING_2021)
    assert code == 0
    lines = output.splitlines()
    assert len(lines) == 2
    for line, seed in zip(lines, (WEIHUI_2022, LINGLING_2021), strict=True):
        got = json.loads(line)
        want = expected(seed)
        assert {k: got[k] for k in ("format", "year", "agency", "applications")} == {
            k: want[k] for k in ("format", "year", "agency", "applications")
        }


@pytest.mark.parametrize(("kind", "magic"), [("docx", b"PK"), ("xlsx", b"PK"), ("html", b"<!DOCTYPE html>")])
def test_render_writes_the_requested_kind(tmp_path, kind, magic):
    source = tmp_path / "weihui.json"
    code, output = run("parse", "--json", WEIHUI_2022)
    source.write_text(output, encoding="utf-8")
    target = tmp_path / f"out.{kind}"
    code, _ = run("render", source, "--to", kind, "-o", target)
    assert code == 0
    assert target.read_bytes().startswith(magic)


def test_render_of_text_output_reads_back_to_the_same_report(tmp_path):
    target = tmp_path / "out.txt"
    code, _ = run("render", LINGLING_2021, "--to", "txt", "-o", target)
    assert code == 0
    _, original = run("parse", "--json", LINGLING_2021)
    _, again = run("parse", "--json", target)
    assert json.loads(again) == json.loads(original)


def test_render_refuses_to_overwrite_its_input(tmp_path):
    source = tmp_path / "report.txt"
    shutil.copy(WEIHUI_2022, source)
    code, output = run("render", source, "--to", "txt")
    assert code == 2
    assert "相同" in output


def _commands() -> list[str]:
    return sorted(main.commands)


@pytest.mark.parametrize("command", _commands())
def test_every_command_has_help_text_and_is_in_the_readme(command):
    code, output = run(command, "--help")
    assert code == 0
    summary = (main.commands[command].help or "").splitlines()[0]
    assert summary
    assert summary in output
    assert f"gongkai {command}" in README.read_text(encoding="utf-8")


def test_the_readme_test_command_is_what_ci_runs():
    readme = README.read_text(encoding="utf-8")
    commands = re.findall(r"```bash\n(.+?)\n```", readme)
    test_command = next(command for command in commands if "pytest" in command)
    assert test_command in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_the_console_script_runs_the_samples():
    executable = Path(sys.executable).parent / "gongkai"
    completed = subprocess.run(
        [str(executable), "check", "--samples", "--json"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert completed.returncode == 1, completed.stderr
    agencies = [json.loads(line)["agency"] for line in completed.stdout.splitlines()]
    assert sorted(agencies) == ["卫辉市民政局", "永州市零陵区民政局"]
