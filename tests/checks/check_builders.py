"""Real reports made non-trivial for the check tests, and a compact view of findings.

The balanced reports start from the two seed reports (tests/data/seeds) and fill section 三
and section 四 with realistic figures that balance; a test then breaks one cell.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any

from gongkai.annual.findings import Finding
from gongkai.annual.jsonio import loads
from gongkai.annual.model import AnnualReport, Section
from gongkai.formats import SECTIONS, LabelIndex, TableId

SEEDS = Path(__file__).parents[1] / "data" / "seeds"
SEED_2021_FORMAT = "000_90c37852d1e90522"  # 卫辉市民政局 2022, 2021 format
SEED_2019_FORMAT = "004_262844189358657c"  # 永州市零陵区民政局 2021, 2019 format

APPLICANT_COLUMNS = (
    "natural_person",
    "commercial",
    "research",
    "social_welfare",
    "legal_services",
    "other",
    "total",
)

# Section 三 of a county bureau that received 25 applications and carried 3 over:
# 自然人 20 + 2 = 20 handled + 2 carried forward; 商业企业 3 + 0 = 3 + 0; 法律服务机构 2 + 1 = 2 + 1.
APPLICATIONS_2021: dict[str, tuple[int, ...]] = {
    "new_received": (20, 3, 0, 0, 2, 0, 25),
    "carried_over": (2, 0, 0, 0, 1, 0, 3),
    "granted": (8, 2, 0, 0, 1, 0, 11),
    "partially_granted": (3, 1, 0, 0, 0, 0, 4),
    "withheld.third_party_rights": (1, 0, 0, 0, 0, 0, 1),
    "unavailable.not_held": (5, 0, 0, 0, 1, 0, 6),
    "not_processed.repeated": (1, 0, 0, 0, 0, 0, 1),
    "other.no_correction": (1, 0, 0, 0, 0, 0, 1),
    "other.other": (1, 0, 0, 0, 0, 0, 1),
    "total": (20, 3, 0, 0, 2, 0, 25),
    "carried_forward": (2, 0, 0, 0, 1, 0, 3),
}
# The same year in the 2019 format: （六）其他处理 is one row.
APPLICATIONS_2019: dict[str, tuple[int, ...]] = {
    **{row: figures for row, figures in APPLICATIONS_2021.items() if not row.startswith("other.")},
    "other": (2, 0, 0, 0, 0, 0, 2),
}
REVIEW_LITIGATION: dict[str, tuple[int, ...]] = {
    "review": (1, 1, 0, 1, 3),
    "litigation_direct": (1, 0, 0, 0, 1),
    "litigation_after_review": (0, 0, 0, 1, 1),
}
OUTCOME_COLUMNS = ("upheld", "corrected", "other", "pending", "total")


def seed(name: str) -> AnnualReport:
    return loads((SEEDS / f"{name}.expected.json").read_text(encoding="utf-8"))


def seed_text(name: str) -> str:
    return (SEEDS / f"{name}.txt").read_text(encoding="utf-8")


def with_rows(
    report: AnnualReport, table_id: TableId, rows: Mapping[str, Iterable[Any]], columns: Iterable[str]
) -> AnnualReport:
    """The report with whole rows set, cell by cell."""
    column_ids = tuple(columns)
    for row_id, values in rows.items():
        for column_id, value in zip(column_ids, values, strict=True):
            report = report.with_cell(table_id, row_id, column_id, value)
    return report


def balanced_2021() -> AnnualReport:
    """卫辉市民政局 2022 (2021 format) with busy, balanced sections 二, 三 and 四."""
    report = seed(SEED_2021_FORMAT)
    report = with_rows(report, TableId.APPLICATIONS, APPLICATIONS_2021, APPLICANT_COLUMNS)
    report = with_rows(report, TableId.REVIEW_LITIGATION, REVIEW_LITIGATION, OUTCOME_COLUMNS)
    proactive = {
        "regulations": (2, 1, 11),
        "normative_documents": (1, 0, 1),
    }
    report = with_rows(report, TableId.PROACTIVE, proactive, ("issued", "repealed", "in_force"))
    return report.with_cell(TableId.PROACTIVE, "fees", "amount_wan_yuan", Decimal("12.5"))


def previous_2021() -> AnnualReport:
    """The 2021 report of the same bureau: its 四 and 现行有效件数 lead to `balanced_2021`'s."""
    return with_rows(
        replace(balanced_2021(), year=2021),
        TableId.PROACTIVE,
        {"regulations": (0, 0, 10), "normative_documents": (0, 0, 0)},
        ("issued", "repealed", "in_force"),
    )


def balanced_2019() -> AnnualReport:
    """永州市零陵区民政局 (2019 format) as a 2020 report, with busy, balanced sections 二, 三, 四.

    The seed's 本年增/减 of 行政许可 (printed 增) becomes the number 3.
    """
    report = replace(seed(SEED_2019_FORMAT), year=2020)
    report = with_rows(report, TableId.APPLICATIONS, APPLICATIONS_2019, APPLICANT_COLUMNS)
    report = with_rows(report, TableId.REVIEW_LITIGATION, REVIEW_LITIGATION, OUTCOME_COLUMNS)
    report = with_rows(
        report,
        TableId.PROACTIVE,
        {"regulations": (2, 2, 30), "normative_documents": (5, 4, 61)},
        ("made", "published", "total_public"),
    )
    return report.with_cell(TableId.PROACTIVE, "licensing", "change", 3)


def previous_2019() -> AnnualReport:
    """The 2019 report of the 2019-format bureau: 上一年项目数量 10, 本年增/减 +2 of 行政许可."""
    report = replace(balanced_2019(), year=2019)
    report = report.with_cell(TableId.PROACTIVE, "licensing", "previous_items", 10)
    return report.with_cell(TableId.PROACTIVE, "licensing", "change", 2)


_SECTION_TITLES = LabelIndex((spec.label, spec.number) for spec in SECTIONS)
_HEADING = re.compile(r"^\s*(?:\[bookmark:[^\]]*\])?\s*([一二三四五六])、(\S+?)\s*$")


def sections_from_text(text: str) -> tuple[Section, ...]:
    """Split a seed's text at the six national section titles (a stand-in for the reader)."""
    sections: list[Section] = []
    number: str | None = None
    title = ""
    lines: list[str] = []
    for line in text.splitlines():
        heading = _HEADING.match(line)
        match = _SECTION_TITLES.match(heading.group(2)) if heading else None
        if heading and match is not None and match.target == heading.group(1):
            sections.append(Section(number, title, "\n".join(lines)))
            number, title, lines = heading.group(1), line.strip(), []
        else:
            lines.append(line)
    sections.append(Section(number, title, "\n".join(lines)))
    return tuple(sections)


def with_text(report: AnnualReport, name: str) -> AnnualReport:
    """The report with the sections of a seed's text."""
    return replace(report, sections=sections_from_text(seed_text(name)))


def summary(findings: Iterable[Finding]) -> list[tuple[str, str, str, Any, Any]]:
    """What a test compares: code, severity, where, expected and actual of every finding."""
    return [
        (found.code, found.severity.value, found.where, found.expected, found.actual) for found in findings
    ]
