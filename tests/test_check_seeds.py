"""The two seed reports, read and checked end to end: exactly the findings a reviewer expects."""

from __future__ import annotations

from gongkai.annual.audit import audit, load_report
from gongkai.annual.checks import StatementKind, extract_statements
from gongkai.annual.findings import Severity, SourceRef
from seeddata import LINGLING_2021, WEIHUI_2022


def test_weihui_2022_has_only_its_three_local_labels_and_no_balance_error():
    result = audit(load_report(WEIHUI_2022))
    assert [(f.code, f.severity, f.where) for f in result.findings] == [
        ("LABEL-VARIANT", Severity.WARNING, "proactive.*.repealed"),
        ("LABEL-VARIANT", Severity.WARNING, "proactive.*.amount_wan_yuan"),
        ("LABEL-VARIANT", Severity.WARNING, "applications.*.social_welfare"),
    ]
    assert not result.has_errors


def test_lingling_2021_is_flagged_for_the_superseded_format_and_the_word_in_a_number_cell():
    result = audit(load_report(LINGLING_2021))
    assert [(f.code, f.severity, f.where, f.actual) for f in result.findings] == [
        ("FORMAT-SUPERSEDED", Severity.ERROR, "", "2019"),
        ("C4", Severity.ERROR, "proactive.licensing.change", "增"),
        ("FEE-NOT-REPORTED", Severity.WARNING, "sections.六", None),
    ]
    c4 = result.findings[1]
    assert c4.source == SourceRef(line=40, column=2)
    assert (
        c4.message == "第二项第二十条第（五）项 行政许可·本年增/减 应填写整数（减少的写负数），实为文字“增”"
    )


def test_lingling_narrative_review_count_agrees_with_section_four():
    report = load_report(LINGLING_2021).report
    statements = extract_statements(report)
    stated = {(s.kind, s.value) for s in statements}
    assert (StatementKind.REVIEWS, 1) in stated
    assert (StatementKind.LAWSUITS, 0) in stated
    assert (StatementKind.RECEIVED, 0) in stated
    assert report.review_litigation is not None
    assert report.review_litigation.value("review", "total") == 1
    assert not [f for f in audit(load_report(LINGLING_2021)).findings if f.code.startswith("C13")]
