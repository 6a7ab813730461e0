"""``gongkai rollup``: an aggregate report against its subordinates' reports, as a user runs it.

The files are real published reports of the corpus: 淮安市人民政府 2024 (005 as flattened text,
016 as markdown, 023 as the published PDF) and 淮安市洪泽区人民政府 2024 (017 as text, 022 as the
PDF), a district under the city; 沭阳县发展和改革局 2023 (020) prints no issuing body.
"""

from __future__ import annotations

import json
from pathlib import Path

from gongkai.annual import jsonio
from gongkai.annual.parse import parse_path
from gongkai.formats import TableId
from test_cli import run

CORPUS = Path(__file__).parent / "data" / "corpus"
HUAIAN = "淮安市人民政府"
HONGZE = "淮安市洪泽区人民政府"
TYPED = 3006  # 淮安市 prints 3001 new applications from natural persons


def table_rows(output: str) -> list[list[str]]:
    """The rows of the differences table as printed (header first): each row's cells, stripped."""
    lines = [line.replace("┃", "│") for line in output.splitlines()]
    return [[cell.strip() for cell in line.strip("│").split("│")] for line in lines if line.startswith("│")]


def aggregate_with_one_figure_typed_wrong(folder: Path) -> Path:
    """淮安市's report as canonical JSON with 一、本年新收·自然人 typed as 3006."""
    report = parse_path(CORPUS / "005.txt").report
    typed = report.with_cell(TableId.APPLICATIONS, "new_received", "natural_person", TYPED)
    path = folder / "huaian-aggregate.json"
    path.write_text(jsonio.dumps(typed), encoding="utf-8")
    return path


def test_an_aggregate_equal_to_its_one_subordinate_exits_0():
    code, output = run("rollup", CORPUS / "023.pdf", CORPUS / "016.md")

    assert code == 0, output
    assert f"参与汇总的下级报告 1 份：{HUAIAN}" in output
    assert "比较 200 个单元格，全部等于下级报告之和。" in output


def test_a_figure_typed_wrong_in_the_aggregate_is_listed_with_both_values_and_who_contributed(tmp_path):
    aggregate = aggregate_with_one_figure_typed_wrong(tmp_path)

    code, output = run("rollup", aggregate, CORPUS / "016.md")

    assert code == 1
    assert table_rows(output) == [
        ["单元格", "汇总报告", "下级报告之和", "差额", "下级报告"],
        ["第三项一、本年新收政府信息公开申请数量·自然人", "3006", "3001", "多 5", f"{HUAIAN} 3001"],
    ]
    assert "比较 200 个单元格，1 个不等于下级报告之和。" in output


def test_json_prints_one_line_per_difference_with_its_figures(tmp_path):
    aggregate = aggregate_with_one_figure_typed_wrong(tmp_path)

    code, output = run("rollup", aggregate, CORPUS / "016.md", "--json")

    assert code == 1
    assert [json.loads(line) for line in output.splitlines()] == [
        {
            "code": "ROLLUP",
            "severity": "warning",
            "where": "applications.new_received.natural_person",
            "message": "第三项一、本年新收政府信息公开申请数量·自然人 汇总报告为 3006，1 份下级报告之和为 3001，"
            f"汇总报告多 5：{HUAIAN} 3001",
            "expected": 3001,
            "actual": 3006,
            "aggregate": 3006,
            "sum": 3001,
            "difference": 5,
            "unit": None,
            "subordinates": [{"body": HUAIAN, "value": 3001}],
        }
    ]


def test_a_subordinate_in_the_mixed_format_is_summed_where_the_formats_agree_and_said_so():
    code, output = run("rollup", CORPUS / "005.txt", CORPUS / "017.txt", "--json")

    records = [json.loads(line) for line in output.splitlines()]
    assert code == 1
    assert records[0] == {
        "code": "ROLLUP-FORMAT",
        "severity": "warning",
        "where": "",
        "message": f"下级报告“{HONGZE}”使用混用两种格式的表格，汇总报告使用国办公开办函〔2021〕30号的格式；"
        "两种格式栏目不同的 21 个单元格不作汇总核对",
        "expected": "2021",
        "actual": "mixed",
    }
    total = next(record for record in records if record["where"] == "applications.new_received.total")
    assert (total["aggregate"], total["sum"], total["difference"]) == (3119, 95, 3024)
    assert total["subordinates"] == [{"body": HONGZE, "value": 95}]
    assert {record["code"] for record in records[1:]} == {"ROLLUP"}


def test_two_reports_of_one_body_are_told_apart_by_their_files():
    first, second = CORPUS / "017.txt", CORPUS / "022.pdf"

    code, output = run("rollup", CORPUS / "005.txt", first, second, "--json")

    assert code == 1
    total = next(
        json.loads(line)
        for line in output.splitlines()
        if json.loads(line)["where"] == "applications.new_received.total"
    )
    assert total["sum"] == 190
    assert total["subordinates"] == [
        {"body": f"{HONGZE}（{first}）", "value": 95},
        {"body": f"{HONGZE}（{second}）", "value": 95},
    ]


def test_a_report_that_prints_no_body_is_named_by_its_file_and_another_year_is_left_out():
    code, output = run("rollup", CORPUS / "005.txt", CORPUS / "020.txt", "--json")

    first = json.loads(output.splitlines()[0])
    assert code == 1
    assert (first["code"], first["message"]) == (
        "ROLLUP-YEAR",
        "下级报告“020.txt”是2023年度报告，汇总报告是2024年度报告；该报告未计入汇总核对",
    )


def test_an_unreadable_file_exits_2_and_nothing_is_compared(tmp_path):
    missing = tmp_path / "乡镇报告.txt"

    code, output = run("rollup", CORPUS / "005.txt", CORPUS / "017.txt", missing)

    assert code == 2
    assert "无法读取" in output and "not_found" in output
    assert "有文件无法读取，未作汇总核对。" in output
    assert "比较" not in output


def test_an_unreadable_file_in_json_is_an_error_record_only(tmp_path):
    missing = tmp_path / "乡镇报告.txt"

    code, output = run("rollup", CORPUS / "005.txt", missing, "--json")

    assert code == 2
    assert [json.loads(line) for line in output.splitlines()] == [
        {"file": str(missing), "error": {"code": "not_found", "message": f"找不到文件：{missing}"}}
    ]


def test_the_same_file_given_twice_is_a_usage_error():
    code, output = run("rollup", CORPUS / "005.txt", CORPUS / "017.txt", CORPUS / "017.txt")

    assert code == 2
    assert "同一文件指定了不止一次" in output
