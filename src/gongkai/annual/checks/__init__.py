"""The check engine: rules that read an annual report and return findings.

`check_report` runs every rule of `RULES`, in order, and returns their findings in that
order (within a rule, in the table's own row and column order). Each rule is a small named
function; a cross-year rule also takes the previous year's report and runs only when it is
given. The codes a rule reports are declared beside it and documented in ``docs/checks.md``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from gongkai.annual.checks.crossyear import (
    c6_carried_over,
    c8_documents_in_force,
    c9_repealed_within_reach,
    c10_previous_items,
    c12_format_change,
    c12_years_consecutive,
)
from gongkai.annual.checks.format import format_mixed, format_premature, format_superseded
from gongkai.annual.checks.narrative import (
    c13_ambiguous_figures,
    c13_stated_figures,
    c14_unpaid_fee_without_notice,
    c16_sections_in_order,
    c16_sections_present,
    c16_statistics_period,
    fee_not_reported,
)
from gongkai.annual.checks.statements import (
    Statement,
    StatementKind,
    extract_statements,
    mentions_processing_fee,
    statements_in_text,
)
from gongkai.annual.checks.tables import (
    c1_received_equals_handled,
    c2_total_of_outcomes,
    c3_row_total,
    c4_blank_cells,
    c4_cell_values,
    c5_counted_once,
    c7_review_litigation_totals,
    c11_total_public_covers_published,
    c15_fee_unit,
)
from gongkai.annual.codes import SEVERITY, Code, ReaderCode, finding
from gongkai.annual.findings import Finding
from gongkai.annual.model import AnnualReport

ReportCheck = Callable[[AnnualReport], Iterable[Finding]]
CrossYearCheck = Callable[[AnnualReport, AnnualReport], Iterable[Finding]]


@dataclass(frozen=True, slots=True)
class ReportRule:
    """A rule on one report."""

    check: ReportCheck
    codes: tuple[Code, ...]

    def run(self, report: AnnualReport, previous: AnnualReport | None) -> Iterable[Finding]:
        return self.check(report)


@dataclass(frozen=True, slots=True)
class CrossYearRule:
    """A rule comparing a report with the previous year's; silent without one."""

    check: CrossYearCheck
    codes: tuple[Code, ...]

    def run(self, report: AnnualReport, previous: AnnualReport | None) -> Iterable[Finding]:
        return () if previous is None else self.check(report, previous)


Rule = ReportRule | CrossYearRule

RULES: tuple[Rule, ...] = (
    ReportRule(format_superseded, (Code.FORMAT_SUPERSEDED,)),
    ReportRule(format_mixed, (Code.FORMAT_MIXED,)),
    ReportRule(format_premature, (Code.FORMAT_PREMATURE,)),
    ReportRule(c4_cell_values, (Code.C4,)),
    ReportRule(c4_blank_cells, (Code.C4_BLANK,)),
    ReportRule(c1_received_equals_handled, (Code.C1,)),
    ReportRule(c2_total_of_outcomes, (Code.C2,)),
    ReportRule(c3_row_total, (Code.C3,)),
    ReportRule(c5_counted_once, (Code.C5,)),
    ReportRule(c7_review_litigation_totals, (Code.C7,)),
    ReportRule(c11_total_public_covers_published, (Code.C11,)),
    ReportRule(c15_fee_unit, (Code.C15,)),
    CrossYearRule(c12_years_consecutive, (Code.C12_YEAR,)),
    CrossYearRule(c12_format_change, (Code.C12,)),
    CrossYearRule(c6_carried_over, (Code.C6,)),
    CrossYearRule(c8_documents_in_force, (Code.C8,)),
    CrossYearRule(c9_repealed_within_reach, (Code.C9,)),
    CrossYearRule(c10_previous_items, (Code.C10,)),
    ReportRule(c16_sections_present, (Code.C16,)),
    ReportRule(c16_sections_in_order, (Code.C16_ORDER,)),
    ReportRule(c16_statistics_period, (Code.C16_PERIOD,)),
    ReportRule(c13_stated_figures, (Code.C13,)),
    ReportRule(c13_ambiguous_figures, (Code.C13_AMBIGUOUS,)),
    ReportRule(c14_unpaid_fee_without_notice, (Code.C14,)),
    ReportRule(fee_not_reported, (Code.FEE_NOT_REPORTED,)),
)


def check_report(report: AnnualReport, *, previous: AnnualReport | None = None) -> list[Finding]:
    """Every finding of every rule, in registry order.

    ``previous`` is the report of the year before; the cross-year rules (C6, C8–C10, C12) run
    only when it is given. Rules that read the text are silent for a report without sections.
    """
    return [found for rule in RULES for found in rule.run(report, previous)]


__all__ = [
    "RULES",
    "SEVERITY",
    "Code",
    "CrossYearRule",
    "ReaderCode",
    "ReportRule",
    "Rule",
    "Statement",
    "StatementKind",
    "check_report",
    "extract_statements",
    "finding",
    "mentions_processing_fee",
    "statements_in_text",
]
