"""The registry of rules, and the documentation of every code."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from pathlib import Path

from check_builders import SEED_2019_FORMAT, balanced_2019, balanced_2021, seed, with_text

from gongkai.annual.checks import RULES, SEVERITY, Code, CrossYearRule, ReaderCode, ReportRule
from gongkai.annual.codes import BUILDER_CODES, READER_SEVERITY, ROLLUP_SEVERITY, RollupCode
from gongkai.annual.model import Cell
from gongkai.formats import TableId

DOCS = Path(__file__).parents[2] / "docs" / "checks.md"


def test_every_code_but_the_builders_is_reported_by_exactly_one_rule() -> None:
    declared = Counter(code for rule in RULES for code in rule.codes)

    assert set(declared) == set(Code) - BUILDER_CODES
    assert all(count == 1 for count in declared.values())


def test_the_builders_codes_are_those_of_tokens_empty_sections_and_repeated_text() -> None:
    assert {code.value for code in BUILDER_CODES} == {
        "TOKEN-UNKNOWN",
        "TOKEN-BLANK",
        "SECTION-EMPTY",
        "SIMILAR-TO-PREVIOUS",
    }


def test_every_code_has_one_severity() -> None:
    assert set(SEVERITY) == set(Code)
    assert set(READER_SEVERITY) == set(ReaderCode)
    assert set(ROLLUP_SEVERITY) == set(RollupCode)


def test_every_code_is_documented_with_its_severity() -> None:
    docs = DOCS.read_text(encoding="utf-8")
    headings = [line for line in docs.splitlines() if line.startswith("### ")]

    expected = [f"### `{code.value}` · {SEVERITY[code].value}" for code in Code]
    expected += [f"### `{code.value}` · {READER_SEVERITY[code].value}" for code in ReaderCode]
    expected += [f"### `{code.value}` · {ROLLUP_SEVERITY[code].value}" for code in RollupCode]

    assert sorted(headings) == sorted(expected)


def test_a_rule_reports_only_the_codes_it_declares() -> None:
    broken = (
        with_text(seed(SEED_2019_FORMAT), SEED_2019_FORMAT)
        .with_cell(TableId.PROACTIVE, "licensing", "change", Cell.printed("增"))
        .with_cell(TableId.APPLICATIONS, "granted", "natural_person", 3)
        .with_cell(TableId.REVIEW_LITIGATION, "review", "total", 5)
    )
    previous = replace(balanced_2019(), year=2020)
    seen: set[str] = set()
    for rule in RULES:
        found = {finding.code for finding in rule.run(broken, previous)}
        assert found <= {code.value for code in rule.codes}, rule
        seen |= found

    assert seen >= {"FORMAT-SUPERSEDED", "C4", "C2", "C5", "C7", "C6", "C10", "C13", "FEE-NOT-REPORTED"}


def test_cross_year_rules_are_silent_without_the_previous_report() -> None:
    report = balanced_2021().with_cell(TableId.APPLICATIONS, "carried_over", "natural_person", 9)

    for rule in RULES:
        if isinstance(rule, CrossYearRule):
            assert list(rule.run(report, None)) == []
        else:
            assert isinstance(rule, ReportRule)
