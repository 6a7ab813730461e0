"""The canonical report JSON: exact in both directions, strict about what it does not know."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from gongkai.annual import jsonio
from gongkai.annual.model import AnnualReport, Cell, Section, Table
from gongkai.errors import ReportDataError
from gongkai.formats import FORMAT_2019, FORMAT_2021, MoneyUnit, TableId
from seeddata import LINGLING_2021, WEIHUI_2022, expected


@pytest.mark.parametrize("seed", [WEIHUI_2022, LINGLING_2021], ids=["weihui-2022", "lingling-2021"])
def test_the_hand_checked_json_reads_and_writes_back_identically(seed):
    want = expected(seed)
    want.pop("expected_findings_include")
    report = jsonio.report_from_dict(want)
    assert json.loads(jsonio.dumps(report)) == want
    assert jsonio.loads(jsonio.dumps(report)) == report


def test_a_text_cell_survives_the_round_trip_beside_its_null():
    report = jsonio.report_from_dict(expected(LINGLING_2021)).with_cell(
        TableId.PROACTIVE, "licensing", "change", Cell.printed("增")
    )
    data = json.loads(jsonio.dumps(report))
    assert data["proactive"]["licensing"]["change"] is None
    assert data["cell_text"] == {"proactive.licensing.change": "增"}
    assert jsonio.loads(jsonio.dumps(report)) == report


def test_money_is_written_exactly_and_keeps_its_unit():
    report = jsonio.report_from_dict(expected(LINGLING_2021)).with_cell(
        TableId.PROACTIVE,
        "procurement",
        "amount",
        Cell.number(Decimal("12345678901234.56789"), MoneyUnit.YUAN),
    )
    text = jsonio.dumps(report)
    assert '"amount": 12345678901234.56789' in text
    assert '"amount_unit": "元"' in text
    back = jsonio.loads(text)
    assert back.proactive is not None
    assert back.proactive[("procurement", "amount")] == Cell.number(
        Decimal("12345678901234.56789"), MoneyUnit.YUAN
    )


def test_blank_zero_and_text_are_three_different_cells():
    table = Table.from_rows(
        FORMAT_2021.applications,
        {"new_received": {"natural_person": 0, "commercial": None, "research": Cell.printed("无")}},
    )
    report = AnnualReport(year=2022, applications=table)
    data = json.loads(jsonio.dumps(report))
    row = data["applications"]["new_received"]
    assert (row["natural_person"], row["commercial"], row["research"]) == (0, None, None)
    assert data["cell_text"] == {"applications.new_received.research": "无"}
    assert jsonio.loads(jsonio.dumps(report)) == report


def test_sections_and_title_are_kept():
    report = AnnualReport(
        year=2022,
        agency="某县民政局",
        title="某县民政局2022年政府信息公开工作年度报告",
        sections=(Section("一", "一、总体情况", "全年收到申请3件。"),),
    )
    assert jsonio.loads(jsonio.dumps(report)) == report


def test_a_mixed_report_chooses_each_table_by_its_rows():
    data = {
        "format": "mixed",
        "proactive": {"regulations": {"issued": 1, "repealed": 0, "in_force": 3}},
        "applications": {"other": {"total": 2}},
    }
    report = jsonio.report_from_dict(data)
    assert report.format == "mixed"
    assert report.proactive is not None and report.proactive.spec is FORMAT_2021.proactive
    assert report.applications is not None and report.applications.spec is FORMAT_2019.applications


@pytest.mark.parametrize(
    ("data", "code"),
    [
        ({"applications": {"no_such_row": {}}}, "json_table"),
        ({"applications": {"total": {"nobody": 1}}}, "json_table"),
        ({"applications": {"total": {"total": "12"}}}, "json_value"),
        ({"format": "2030"}, "json_format"),
        ({"year": "2022"}, "json_year"),
        ({"format": "2019", "proactive": {"regulations": {"issued": 1}}}, "json_format_mismatch"),
        ({"cell_text": {"applications.total.total": "x"}}, "json_cell"),
    ],
)
def test_json_that_does_not_fit_is_refused_with_a_code(data, code):
    with pytest.raises(ReportDataError) as raised:
        jsonio.report_from_dict(data)
    assert raised.value.code == code


def test_invalid_json_syntax_names_line_and_column():
    with pytest.raises(ReportDataError) as raised:
        jsonio.loads('{"year": 2022,\n "agency": }')
    assert raised.value.code == "json_syntax"
    assert "第2行" in raised.value.message


def test_the_dict_form_holds_exact_decimals_for_programs():
    report = jsonio.report_from_dict(expected(LINGLING_2021))
    data = jsonio.report_to_dict(report)
    assert data["proactive"]["procurement"] == {
        "projects": 6,
        "amount": Decimal("453.0087"),
        "amount_unit": "万元",
    }
    assert data["proactive"]["regulations"]["made"] == 0
