"""Rules on the report's text: its six parts (C16), figures it states (C13), the fee (C14).

A report built from data rather than read from a document has no sections; these rules
then say nothing (there is no text to judge).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from gongkai.annual.checks import messages
from gongkai.annual.checks.statements import (
    Statement,
    StatementKind,
    extract_statements,
    mentions_processing_fee,
    narrative_sections,
    normalise,
    section_location,
    section_where,
)
from gongkai.annual.checks.tables import CARRIED_FORWARD, CARRIED_OVER, NEW_RECEIVED, TOTAL
from gongkai.annual.codes import Code, finding
from gongkai.annual.findings import Finding
from gongkai.annual.model import AnnualReport, Number, Table
from gongkai.formats import FORMAT_2021, SECTIONS
from gongkai.formats.national import APPLICATIONS_2021

REPORT = ""
UNPAID_FEE = "other.unpaid_fee"  # 2021 （六）2: fee notice issued, fee not paid (国办函〔2020〕109号)
FEE_SECTION = "六"  # 六、其他需要报告的事项 is where 30号 asks for the fee report (spec §1.5)

_PERIOD = re.compile(
    r"统计(?:期限|周期|时限|区间|时段|时间|范围|期间)?[^。;]{0,12}?"
    r"(?P<y1>\d{4})年(?P<m1>\d{1,2})月(?P<d1>\d{1,2})日起?(?:至|到|-|—|~)"
    r"(?:(?P<y2>\d{4})年)?(?P<m2>\d{1,2})月(?P<d2>\d{1,2})日"
)
FIRST_DAY = (1, 1)  # the statistics year is the calendar year (spec §3 C16)
LAST_DAY = (12, 31)


# -- C16: the six parts ----------------------------------------------------------------------------


def c16_sections_present(report: AnnualReport) -> Iterator[Finding]:
    """All six numbered parts of the national format are present (spec §1.1)."""
    if not report.sections:
        return
    present = {section.number for section in report.sections}
    for spec in SECTIONS:
        if spec.number in present:
            continue
        yield finding(
            Code.C16,
            section_location(spec.number),
            messages.C16.format(title=spec.title),
            expected=spec.title,
        )


def c16_sections_in_order(report: AnnualReport) -> Iterator[Finding]:
    """The parts appear once each, in the order 一…六."""
    order = [spec.number for spec in SECTIONS]
    printed = [section.number for section in report.sections if section.number in order]
    if not printed:
        return
    expected = sorted(set(printed), key=order.index)
    if printed == expected:
        return
    yield finding(
        Code.C16_ORDER,
        REPORT,
        messages.C16_ORDER.format(
            expected=messages.ORDER_SEPARATOR.join(expected), actual=messages.ORDER_SEPARATOR.join(printed)
        ),
        expected=messages.ORDER_SEPARATOR.join(expected),
        actual=messages.ORDER_SEPARATOR.join(printed),
    )


def c16_statistics_period(report: AnnualReport) -> Iterator[Finding]:
    """A statistics period stated in the text covers 1 January to 31 December of the report year."""
    if report.year is None:
        return
    expected = messages.PERIOD.format(year=report.year)
    for section in report.sections:
        normal, origin = normalise(section.text)
        for match in _PERIOD.finditer(normal):
            start_year = int(match["y1"])
            end_year = int(match["y2"]) if match["y2"] else start_year
            start = (int(match["m1"]), int(match["d1"]))
            end = (int(match["m2"]), int(match["d2"]))
            if (start_year, start, end_year, end) == (report.year, FIRST_DAY, report.year, LAST_DAY):
                continue
            printed = section.text[origin[match.start()] : origin[match.end() - 1] + 1]
            yield finding(
                Code.C16_PERIOD,
                section_where(section),
                messages.C16_PERIOD.format(text=_compact(printed), expected=expected),
                expected=expected,
                actual=_compact(printed),
            )


# -- C13: figures stated in the text -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Figure:
    """What a statement is compared with: a table figure and how a clerk names it."""

    value: Number
    name: str


def c13_stated_figures(report: AnnualReport) -> Iterator[Finding]:
    """A figure stated in the text equals the table cell it reports (spec §3 C13)."""
    for statement in _statements(report):
        if statement.kind not in _EXACT:
            continue
        figure = _EXACT[statement.kind](report)
        if figure is None or figure.value == statement.value:
            continue
        yield _contradiction(Code.C13, messages.C13, report, statement, figure)


def c13_ambiguous_figures(report: AnnualReport) -> Iterator[Finding]:
    """A figure stated with 受理 or 办理 equals neither of the table figures the verb is used for."""
    for statement in _statements(report):
        if statement.kind not in _EITHER:
            continue
        readings = [reading(report) for reading in _EITHER[statement.kind]]
        figures = [figure for figure in readings if figure is not None]
        if len(figures) < len(readings) or any(figure.value == statement.value for figure in figures):
            continue
        if len({figure.value for figure in figures}) == 1:
            yield _contradiction(
                Code.C13_AMBIGUOUS, messages.C13_AMBIGUOUS_SAME, report, statement, figures[0]
            )
        else:
            yield _contradiction(Code.C13_AMBIGUOUS, messages.C13_AMBIGUOUS, report, statement, *figures)


def _contradiction(
    code: Code, template: str, report: AnnualReport, statement: Statement, figure: _Figure, *others: _Figure
) -> Finding:
    alternative = others[0] if others else None
    return finding(
        code,
        statement.where,
        template.format(
            section=_section_name(report, statement),
            text=_compact(statement.text),
            value=messages.amount(statement.value),
            figure=figure.name,
            expected=messages.amount(figure.value),
            alternative=alternative.name if alternative else "",
            other=messages.amount(alternative.value) if alternative else "",
        ),
        expected=figure.value,
        actual=statement.value,
    )


def _cell(table: Table | None, row_id: str, column_id: str = TOTAL) -> _Figure | None:
    """The figure of a cell, or None when it is unknown to the text rules.

    Unlike the balances, a sentence is not compared with a blank cell: a table the reader
    could not read comes out blank, and the text would then be blamed for the reader's miss.
    A blank total the report really printed is already noted by C4-BLANK and the balances.
    """
    if table is None or not table.spec.has_row(row_id):
        return None
    cell = table[(row_id, column_id)]
    if cell.value is None:
        return None
    return _Figure(cell.value, table.spec.describe(row_id, column_id))


def _sum(first: _Figure | None, second: _Figure | None) -> _Figure | None:
    if first is None or second is None:
        return None
    return _Figure(
        first.value + second.value, messages.FIGURE_SUM.format(first=first.name, second=second.name)
    )


def _received(report: AnnualReport) -> _Figure | None:
    return _cell(report.applications, NEW_RECEIVED)


def _carried_over(report: AnnualReport) -> _Figure | None:
    return _cell(report.applications, CARRIED_OVER)


def _handled(report: AnnualReport) -> _Figure | None:
    return _cell(report.applications, TOTAL)


def _carried_forward(report: AnnualReport) -> _Figure | None:
    return _cell(report.applications, CARRIED_FORWARD)


def _on_hand(report: AnnualReport) -> _Figure | None:
    return _sum(_received(report), _carried_over(report))


def _reviews(report: AnnualReport) -> _Figure | None:
    return _cell(report.review_litigation, "review")


def _lawsuits(report: AnnualReport) -> _Figure | None:
    table = report.review_litigation
    return _sum(_cell(table, "litigation_direct"), _cell(table, "litigation_after_review"))


_EXACT = {
    StatementKind.RECEIVED: _received,
    StatementKind.CARRIED_OVER: _carried_over,
    StatementKind.HANDLED: _handled,
    StatementKind.CARRIED_FORWARD: _carried_forward,
    StatementKind.REVIEWS: _reviews,
    StatementKind.LAWSUITS: _lawsuits,
}
# 受理: new applications (淮安市 2024) or new + carried over (沭阳县 2025).
# 办理: applications handled (沭阳县 2025), or all on hand.
_EITHER = {
    StatementKind.ACCEPTED: (_received, _on_hand),
    StatementKind.PROCESSED: (_handled, _on_hand),
}


# -- C14 and the fee report -----------------------------------------------------------------------------

# Statements that deny a fee notice was ever issued. 未收取 (nothing collected) is not among
# them: an unpaid fee — exactly what （六）2 counts — is a fee notice with nothing collected.
_NO_FEE_CHARGED = frozenset({StatementKind.FEE_NOT_CHARGED, StatementKind.FEE_NO_NOTICE})


def c14_unpaid_fee_without_notice(report: AnnualReport) -> Iterator[Finding]:
    """（六）2 > 0 means fee notices were issued (国办函〔2020〕109号); the text must not deny it."""
    unpaid = _cell(report.applications, UNPAID_FEE)
    if unpaid is None or unpaid.value <= 0:
        return
    for statement in _statements(report):
        if statement.kind not in _NO_FEE_CHARGED:
            continue
        yield finding(
            Code.C14,
            statement.where,
            messages.C14.format(
                cell=unpaid.name,
                count=messages.amount(unpaid.value),
                section=_section_name(report, statement),
                text=_compact(statement.text),
            ),
            expected=unpaid.value,
            actual=statement.value,
        )


def fee_not_reported(report: AnnualReport) -> Iterator[Finding]:
    """From report year 2021, part 六 reports the 信息处理费 (spec §1.5) — zero included."""
    if not report.sections or report.year is None or report.year < FORMAT_2021.first_year:
        return
    if any(mentions_processing_fee(section.text) for section in narrative_sections(report)):
        return
    article = APPLICATIONS_2021.row(UNPAID_FEE).articles[0]
    section = next(spec for spec in SECTIONS if spec.number == FEE_SECTION)
    yield finding(
        Code.FEE_NOT_REPORTED,
        section_location(FEE_SECTION),
        messages.FEE_NOT_REPORTED.format(
            title=section.title,
            fee=messages.PROCESSING_FEE,
            instrument=article.instrument,
            notice=article.text,
            year=report.year,
        ),
    )


def _statements(report: AnnualReport) -> list[Statement]:
    return extract_statements(report) if report.sections else []


def _section_name(report: AnnualReport, statement: Statement) -> str:
    for section in report.sections:
        if section_where(section) == statement.where:
            return messages.section_name(section.number)
    return messages.PREAMBLE


def _compact(text: str) -> str:
    return "".join(text.split())
