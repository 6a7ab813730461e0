"""Reading and checking one document given as bytes in a bounded worker (the web intake's reader)."""

from __future__ import annotations

from pathlib import Path

from gongkai.annual.examine import Examined, Submitted, examine_bounded
from gongkai.annual.findings import Severity

CORPUS = Path(__file__).parent / "data" / "corpus"


def test_a_report_gives_its_json_findings_and_where_each_value_was_printed() -> None:
    examined = examine_bounded(Submitted("洪泽区2023年年报.txt", (CORPUS / "006.txt").read_bytes()))
    assert (examined.kind, examined.year, examined.agency, examined.report_format) == (
        "text",
        2023,
        "淮安市洪泽区人民政府",
        "mixed",
    )
    assert [(f["code"], f["where"]) for f in examined.findings] == [
        ("LABEL-VARIANT", "applications.withheld.prohibited_by_law"),
        ("FORMAT-MIXED", ""),
        ("C7", "review_litigation.review.total"),
        ("C7", "review_litigation.litigation_after_review.total"),
    ]
    assert [examined.count(severity) for severity in Severity] == [3, 1, 0]
    assert examined.provenance["review_litigation.review.total"] == {"line": 323, "column": 1}
    assert examined.report_json.startswith("{")
    assert examined.error_code == ""


def test_a_document_the_reader_refuses_gives_the_code_and_message_instead() -> None:
    cut = (CORPUS / "021.pdf").read_bytes()[:4096]
    assert examine_bounded(Submitted("洪泽区2023年年报.pdf", cut)) == Examined(
        error_code="corrupt_pdf", error_message="PDF 文件已损坏或不完整，无法读取"
    )
