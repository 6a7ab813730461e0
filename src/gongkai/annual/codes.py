"""The stable codes of findings — the checks' and the reader's — and the one severity each carries.

Every code is documented in ``docs/checks.md``; a test keeps the two in step. A code has
exactly one severity, so `finding` takes the severity from `SEVERITY` rather than from the
rule that reports it.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from gongkai.annual.findings import Finding, Severity, SourceRef


class Code(StrEnum):
    """Codes reported by the check engine (rule ids of spec §3 where there is one), and by the
    functions that compose a report from a builder's texts (`BUILDER_CODES`)."""

    FORMAT_SUPERSEDED = "FORMAT-SUPERSEDED"
    FORMAT_MIXED = "FORMAT-MIXED"
    FORMAT_PREMATURE = "FORMAT-PREMATURE"
    C4 = "C4"
    C4_BLANK = "C4-BLANK"
    C1 = "C1"
    C2 = "C2"
    C3 = "C3"
    C5 = "C5"
    C7 = "C7"
    C11 = "C11"
    C15 = "C15"
    C12 = "C12"
    C12_YEAR = "C12-YEAR"
    C6 = "C6"
    C8 = "C8"
    C9 = "C9"
    C10 = "C10"
    C16 = "C16"
    C16_ORDER = "C16-ORDER"
    C16_PERIOD = "C16-PERIOD"
    C13 = "C13"
    C13_AMBIGUOUS = "C13-AMBIGUOUS"
    C14 = "C14"
    FEE_NOT_REPORTED = "FEE-NOT-REPORTED"
    TOKEN_UNKNOWN = "TOKEN-UNKNOWN"
    TOKEN_BLANK = "TOKEN-BLANK"
    SECTION_EMPTY = "SECTION-EMPTY"
    SIMILAR_TO_PREVIOUS = "SIMILAR-TO-PREVIOUS"


# Reported while a report is composed from the texts an officer writes — a token naming no cell or a
# blank one (`gongkai.annual.tokens`), a narrative section left empty (`gongkai.annual.guidance`),
# a section repeating last year's (`gongkai.annual.similarity`) — not by a rule of `check_report`:
# a report read from a document has no tokens and no draft.
BUILDER_CODES = frozenset(
    {Code.TOKEN_UNKNOWN, Code.TOKEN_BLANK, Code.SECTION_EMPTY, Code.SIMILAR_TO_PREVIOUS}
)


SEVERITY: dict[Code, Severity] = {
    Code.FORMAT_SUPERSEDED: Severity.ERROR,
    Code.FORMAT_MIXED: Severity.ERROR,
    Code.FORMAT_PREMATURE: Severity.WARNING,
    Code.C4: Severity.ERROR,
    Code.C4_BLANK: Severity.INFO,
    Code.C1: Severity.ERROR,
    Code.C2: Severity.ERROR,
    Code.C3: Severity.ERROR,
    Code.C5: Severity.ERROR,
    Code.C7: Severity.ERROR,
    Code.C11: Severity.ERROR,
    Code.C15: Severity.WARNING,
    Code.C12: Severity.INFO,
    Code.C12_YEAR: Severity.WARNING,
    Code.C6: Severity.ERROR,
    Code.C8: Severity.WARNING,
    Code.C9: Severity.ERROR,
    Code.C10: Severity.WARNING,
    Code.C16: Severity.ERROR,
    Code.C16_ORDER: Severity.ERROR,
    Code.C16_PERIOD: Severity.WARNING,
    Code.C13: Severity.ERROR,
    Code.C13_AMBIGUOUS: Severity.WARNING,
    Code.C14: Severity.ERROR,
    Code.FEE_NOT_REPORTED: Severity.WARNING,
    Code.TOKEN_UNKNOWN: Severity.ERROR,  # publishing is refused until it is fixed
    Code.TOKEN_BLANK: Severity.ERROR,
    Code.SECTION_EMPTY: Severity.ERROR,
    Code.SIMILAR_TO_PREVIOUS: Severity.WARNING,
}


class ReaderCode(StrEnum):
    """Codes the document reader (``gongkai.annual.parse``) reports; listed here so that the
    documented list of codes is complete and both sides spell them the same way."""

    LABEL_VARIANT = "LABEL-VARIANT"
    ROW_EXTRA = "ROW-EXTRA"
    TABLE_MISSING = "TABLE-MISSING"
    ROW_MISSING = "ROW-MISSING"
    ROW_SHORT = "ROW-SHORT"
    ROW_LONG = "ROW-LONG"
    ROW_AMBIGUOUS = "ROW-AMBIGUOUS"
    ROW_PLACED = "ROW-PLACED"
    ROW_UNPLACED = "ROW-UNPLACED"
    DIGITS_AMBIGUOUS = "DIGITS-AMBIGUOUS"
    YEAR_UNKNOWN = "YEAR-UNKNOWN"
    YEAR_INFERRED = "YEAR-INFERRED"
    AGENCY_UNKNOWN = "AGENCY-UNKNOWN"
    UNIT_CONVERTED = "UNIT-CONVERTED"
    PDF_NO_TEXT = "PDF-NO-TEXT"
    PDF_PAGE_NO_TEXT = "PDF-PAGE-NO-TEXT"


READER_SEVERITY: dict[ReaderCode, Severity] = {
    ReaderCode.LABEL_VARIANT: Severity.WARNING,
    ReaderCode.ROW_EXTRA: Severity.WARNING,
    ReaderCode.TABLE_MISSING: Severity.ERROR,
    ReaderCode.ROW_MISSING: Severity.ERROR,
    ReaderCode.ROW_SHORT: Severity.ERROR,
    ReaderCode.ROW_LONG: Severity.ERROR,
    ReaderCode.ROW_AMBIGUOUS: Severity.ERROR,
    ReaderCode.ROW_PLACED: Severity.INFO,
    ReaderCode.ROW_UNPLACED: Severity.ERROR,
    ReaderCode.DIGITS_AMBIGUOUS: Severity.ERROR,
    ReaderCode.YEAR_UNKNOWN: Severity.WARNING,
    ReaderCode.YEAR_INFERRED: Severity.WARNING,
    ReaderCode.AGENCY_UNKNOWN: Severity.WARNING,
    ReaderCode.UNIT_CONVERTED: Severity.INFO,
    ReaderCode.PDF_NO_TEXT: Severity.ERROR,
    ReaderCode.PDF_PAGE_NO_TEXT: Severity.WARNING,
}


class RollupCode(StrEnum):
    """Codes of the roll-up comparison (``gongkai.annual.rollup``): a government's aggregate
    report against its subordinate bodies' reports. Not rules of one report, so not in `Code`."""

    ROLLUP = "ROLLUP"
    ROLLUP_YEAR = "ROLLUP-YEAR"
    ROLLUP_FORMAT = "ROLLUP-FORMAT"
    ROLLUP_TABLE_MISSING = "ROLLUP-TABLE-MISSING"


ROLLUP_SEVERITY: dict[RollupCode, Severity] = {
    RollupCode.ROLLUP: Severity.WARNING,
    RollupCode.ROLLUP_YEAR: Severity.WARNING,
    RollupCode.ROLLUP_FORMAT: Severity.WARNING,
    RollupCode.ROLLUP_TABLE_MISSING: Severity.WARNING,
}

_SEVERITIES: dict[str, Severity] = {
    code.value: severity
    for table in (SEVERITY, READER_SEVERITY, ROLLUP_SEVERITY)
    for code, severity in table.items()
}


def finding(
    code: Code | ReaderCode | RollupCode,
    where: str,
    message: str,
    *,
    expected: Any = None,
    actual: Any = None,
    source: SourceRef | None = None,
) -> Finding:
    """A finding with the severity its code carries."""
    return Finding(code.value, _SEVERITIES[code.value], where, message, expected, actual, source)
