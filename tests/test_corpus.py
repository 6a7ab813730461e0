"""The labelled corpus of published reports: every cell read as printed, every printed defect reported.

Each ``NNN.<ext>`` in ``data/corpus`` with an ``NNN.expected.json`` beside it is read and
compared with the hand-checked values: format, year, issuing body, section 三 and section 四
cell by cell, and section 二 under its printed row labels. A failure lists every cell that
differs. The defects that each expected file describes in words (``published_inconsistencies``)
are written below as the findings that must report them; the check engine must raise no
other balance error.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from gongkai.annual.checks import check_report
from gongkai.annual.model import AnnualReport, Number
from gongkai.annual.parse import parse_path
from gongkai.formats import FORMAT_2019, FORMAT_2021, LabelIndex

CORPUS = Path(__file__).parent / "data" / "corpus"
LABELLED = sorted(
    path
    for path in CORPUS.iterdir()
    if path.suffix != ".json"
    and path.stem.isdigit()
    and path.with_name(f"{path.stem}.expected.json").exists()
)
BALANCE_CODES = {"C1", "C2", "C3", "C5", "C7"}

# The findings that report each defect an expected file lists under `published_inconsistencies`
# (code, where). Read from the notes:
#   002: the total of 四、结转下年度继续办理 is printed empty (C3 on that row, C1 on the 总计
#        column), and section 二 prints 规范性文件 for 行政规范性文件.
#   006/015/021: a 2023 report with section 二 in the 2021 layout and section 三 with the single
#        2019 （六） row (mixed); the label typo 2.其他法律行政止公开; 行政复议 and 复议后起诉 print
#        总计 0 beside non-zero results (C7).
#   007/017/022: the same template for 2024: mixed format and the label typo.
_HONGZE_2023 = {
    ("FORMAT-MIXED", ""),
    ("LABEL-VARIANT", "applications.withheld.prohibited_by_law"),
    ("C7", "review_litigation.review.total"),
    ("C7", "review_litigation.litigation_after_review.total"),
}
_HONGZE_2024 = {("FORMAT-MIXED", ""), ("LABEL-VARIANT", "applications.withheld.prohibited_by_law")}
PUBLISHED_DEFECTS: dict[str, set[tuple[str, str]]] = {
    "002": {
        ("C3", "applications.carried_forward.total"),
        ("C1", "applications.total.total"),
        ("LABEL-VARIANT", "proactive.normative_documents"),
    },
    "006": _HONGZE_2023,
    "015": _HONGZE_2023,
    "021": _HONGZE_2023,
    "007": _HONGZE_2024,
    "017": _HONGZE_2024,
    "022": _HONGZE_2024,
}

# Where the expected file gives the body's full official name but the document prints another
# (or none): the reader must give what is printed, and report a body it cannot find.
#   002: the title prints 上海市科委; 上海市科学技术委员会 appears nowhere in the text.
#   018/020: a slice of the page without its title; the body is only called 县发展和改革局.
AGENCY_AS_PRINTED: dict[str, str | None] = {"002": "上海市科委", "018": None, "020": None}

# Rows the document does not print in a way that can be read without guessing; the reader must
# report them (code, where) and leave them blank, where the expected file fills them in.
#   003: the converter dropped the 本年废止件数 column of 第二十条第（一）项: two numbers under
#        three headers (规章 22 | 235), and nothing in the text says which column is missing.
NOT_READABLE: dict[str, dict[str, str]] = {
    "003": {"规章": "proactive.regulations", "行政规范性文件": "proactive.normative_documents"},
}

_ITEMS: LabelIndex[str] = LabelIndex(
    (row.label, row.id) for spec in (FORMAT_2021.proactive, FORMAT_2019.proactive) for row in spec.rows
)


def _expected(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.with_name(f"{path.stem}.expected.json").read_text("utf-8"))
    return data


def _same(got: Number | None, want: Any) -> bool:
    if want is None or got is None:
        return got is None and want is None
    return Decimal(got) == Decimal(str(want))


def _table_differences(report: AnnualReport, table_id: str, want: dict[str, dict[str, Any]]) -> list[str]:
    table = getattr(report, table_id)
    differences = []
    for row_id, columns in want.items():
        for column_id, value in columns.items():
            got = None if table is None or not table.spec.has_row(row_id) else table.value(row_id, column_id)
            if not _same(got, value):
                differences.append(f"{table_id}.{row_id}.{column_id}: read {got}, expected {value}")
    return differences


def _section2_differences(
    report: AnnualReport, want: dict[str, Any], unreadable: dict[str, str]
) -> list[str]:
    table = report.proactive
    differences = []
    for printed, values in want.items():
        found = _ITEMS.match(printed)
        assert found is not None, f"{printed} is not a section 二 label of either format"
        row_id = found.target
        expected = values if isinstance(values, list) else [values]
        if printed in unreadable:
            expected = [None] * len(expected)
        if table is None or not table.spec.has_row(row_id):
            differences.append(f"proactive.{row_id} ({printed}): no such row read")
            continue
        columns = table.spec.row(row_id).columns
        got = [table.value(row_id, column.id) for column in columns]
        if len(got) != len(expected) or not all(map(_same, got, expected)):
            differences.append(f"proactive.{row_id} ({printed}): read {got}, expected {expected}")
    return differences


@pytest.mark.parametrize("path", LABELLED, ids=[path.name for path in LABELLED])
def test_every_labelled_report_reads_as_printed_and_its_defects_are_reported(path: Path) -> None:
    expected = _expected(path)
    result = parse_path(path)
    report = result.report
    number = path.stem

    assert str(report.format) == expected["format"]
    assert report.year == expected["year"]
    assert report.agency == AGENCY_AS_PRINTED.get(number, expected["agency"])

    unreadable = NOT_READABLE.get(number, {})
    differences = _table_differences(report, "applications", expected["applications"])
    differences += _table_differences(report, "review_litigation", expected["review_litigation"])
    differences += _section2_differences(report, expected.get("section2_labels", {}), unreadable)
    if expected.get("proactive"):
        differences += _table_differences(report, "proactive", expected["proactive"])
    assert differences == [], "\n".join(differences)

    reported = {(finding.code, finding.where) for finding in result.findings}
    assert {("ROW-SHORT", where) for where in unreadable.values()} <= reported
    if number in AGENCY_AS_PRINTED and AGENCY_AS_PRINTED[number] is None:
        assert ("AGENCY-UNKNOWN", "agency") in reported

    checked = {(finding.code, finding.where) for finding in check_report(report)}
    defects = PUBLISHED_DEFECTS.get(number, set())
    assert bool(defects) == bool(expected.get("published_inconsistencies"))
    assert defects <= reported | checked
    balance = {(code, where) for code, where in checked if code in BALANCE_CODES}
    assert balance <= defects
