"""Section 三 counted from cases, one record each or grouped (what a GROUP BY gives); 三 and 四 checked alone."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from random import Random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.annual.checks import check_report
from gongkai.annual.model import AnnualReport, CellState
from gongkai.cases import (
    APPEAL_RESULTS,
    APPLICANT_TYPES,
    OUTCOMES,
    REVIEW,
    Action,
    AppealRecord,
    ApplicantType,
    ApplicationCount,
    ApplicationRecord,
    CaseState,
    Event,
    Outcome,
    RecordError,
    replay,
    statistics_period,
    table3,
    table3_from_counts,
    table4,
)
from gongkai.formats import FORMAT_2019, FORMAT_2021, TableId

PERSON = ApplicantType("natural_person")
LAW_FIRM = ApplicantType("legal_services")
GRANTED = Outcome("granted")


def test_the_statistics_period_is_the_calendar_year() -> None:
    assert statistics_period(2025) == (date(2025, 1, 1), date(2025, 12, 31))


def test_a_year_before_2019_or_beyond_the_calendar_is_refused() -> None:
    for year in (2018, 9999):
        with pytest.raises(RecordError) as caught:
            table3([], year)
        assert caught.value.code == "year_out_of_range"


def test_an_application_received_and_closed_in_the_year_counts_as_new_with_its_outcome() -> None:
    record = ApplicationRecord(PERSON, date(2025, 3, 3), date(2025, 3, 20), GRANTED)
    assert record.counted_in(2025) == ApplicationCount(PERSON, received_in_year=True, outcome=GRANTED)


def test_an_application_open_on_31_december_is_carried_forward_and_then_carried_over() -> None:
    record = ApplicationRecord(PERSON, date(2025, 12, 29), date(2026, 1, 12), GRANTED)
    assert record.counted_in(2025) == ApplicationCount(PERSON, received_in_year=True, outcome=None)
    assert record.counted_in(2026) == ApplicationCount(PERSON, received_in_year=False, outcome=GRANTED)


def test_an_application_received_after_the_year_or_closed_before_it_is_not_counted() -> None:
    record = ApplicationRecord(PERSON, date(2025, 12, 29), date(2026, 1, 12), GRANTED)
    assert (record.counted_in(2024), record.counted_in(2027)) == (None, None)


def test_counts_in_several_parts_add_up_in_their_cells() -> None:
    counts = [
        ApplicationCount(LAW_FIRM, True, GRANTED, 3),
        ApplicationCount(LAW_FIRM, True, GRANTED, 2),
        ApplicationCount(LAW_FIRM, False, None, 4),
    ]
    table = table3_from_counts(counts, 2025)
    assert [table.value(row, "legal_services") for row in ("new_received", "carried_over", "granted")] == [
        5,
        4,
        5,
    ]
    assert (table.value("carried_forward", "total"), table.value("total", "total")) == (4, 5)


def test_a_negative_or_fractional_count_is_refused() -> None:
    for count in (-1, 1.5, True):
        with pytest.raises(RecordError) as caught:
            ApplicationCount(PERSON, True, None, count)  # type: ignore[arg-type]
        assert caught.value.code == "invalid_count"


FIRM = ApplicantType("commercial")


def test_table3_counts_received_carried_decided_and_forwarded_applications() -> None:
    records = [
        ApplicationRecord(PERSON, date(2021, 12, 20)),  # carried over and forward
        ApplicationRecord(PERSON, date(2021, 12, 28), date(2022, 1, 10), Outcome("granted")),  # carried over
        ApplicationRecord(FIRM, date(2022, 3, 1), date(2022, 3, 20), Outcome("partially_granted")),
        ApplicationRecord(FIRM, date(2022, 12, 30)),  # carried forward
        ApplicationRecord(FIRM, date(2022, 12, 1), date(2023, 1, 5), Outcome("granted")),  # decided next year
        ApplicationRecord(PERSON, date(2021, 5, 1), date(2021, 6, 1), Outcome("granted")),  # closed before
        ApplicationRecord(PERSON, date(2023, 1, 2)),  # received after
    ]
    table = table3(records, 2022)
    nonzero = {(row.id, column): cell.value for row, column, cell in table.items() if cell.value}
    assert nonzero == {
        ("new_received", "commercial"): 3,
        ("new_received", "total"): 3,
        ("carried_over", "natural_person"): 2,
        ("carried_over", "total"): 2,
        ("granted", "natural_person"): 1,
        ("granted", "total"): 1,
        ("partially_granted", "commercial"): 1,
        ("partially_granted", "total"): 1,
        ("total", "natural_person"): 1,
        ("total", "commercial"): 1,
        ("total", "total"): 2,
        ("carried_forward", "natural_person"): 1,
        ("carried_forward", "commercial"): 2,
        ("carried_forward", "total"): 3,
    }
    assert table.spec is FORMAT_2021.applications


def test_table3_of_a_2019_format_year_counts_every_other_handling_in_one_row() -> None:
    records = [
        ApplicationRecord(PERSON, date(2020, 2, 3), date(2020, 3, 3), Outcome("other.no_correction")),
        ApplicationRecord(PERSON, date(2020, 2, 3), date(2020, 3, 3), Outcome("other.other")),
    ]
    table = table3(records, 2020)
    assert table.spec is FORMAT_2019.applications
    assert (table.value("other", "natural_person"), table.value("total", "total")) == (2, 2)


def test_a_record_from_a_closed_case_takes_the_decision_date_and_outcome() -> None:
    state = replay(
        [
            Event(Action.REQUEST_CORRECTION, date(2022, 3, 1)),
            Event(Action.CORRECTION_LAPSED, date(2022, 4, 1)),
        ]
    )
    assert ApplicationRecord.of(FIRM, date(2022, 3, 1), state) == ApplicationRecord(
        FIRM, date(2022, 3, 1), date(2022, 4, 1), Outcome("other.no_correction")
    )
    assert ApplicationRecord.of(FIRM, date(2022, 3, 1), CaseState()) == ApplicationRecord(
        FIRM, date(2022, 3, 1)
    )


def test_a_record_closed_without_an_outcome_is_refused() -> None:
    with pytest.raises(RecordError) as caught:
        ApplicationRecord(PERSON, date(2022, 3, 1), date(2022, 3, 2))
    assert caught.value.code == "closure_incomplete"
    assert caught.value.message == "办结日期与办理结果须同时填写，实际为办结日期 2022-03-02、办理结果 None"


def test_a_record_closed_before_it_was_received_is_refused() -> None:
    with pytest.raises(RecordError) as caught:
        ApplicationRecord(PERSON, date(2022, 3, 1), date(2022, 2, 1), Outcome("granted"))
    assert caught.value.message == "办结日期 2022-02-01 早于收到申请日期 2022-03-01"


@st.composite
def records(draw: st.DrawFn) -> ApplicationRecord:
    received = draw(st.dates(date(2018, 1, 1), date(2024, 12, 31)))
    applicant = draw(st.sampled_from(APPLICANT_TYPES))
    if draw(st.booleans()):
        return ApplicationRecord(applicant, received)
    closed = received + timedelta(days=draw(st.integers(0, 800)))
    return ApplicationRecord(applicant, received, closed, draw(st.sampled_from(OUTCOMES)))


def independent_count(applications: list[ApplicationRecord], year: int) -> dict[tuple[str, str], int]:
    """Section 三 by hand: one walk over the cases, each adding to its cells and the totals."""
    cells: dict[tuple[str, str], int] = {}

    def add(row: str, column: str) -> None:
        for key in ((row, column), (row, "total")):
            cells[key] = cells.get(key, 0) + 1

    for record in applications:
        if record.received_on.year > year or (record.closed_on and record.closed_on.year < year):
            continue
        column = record.applicant.id
        add("new_received" if record.received_on.year == year else "carried_over", column)
        if record.closed_on is None or record.closed_on.year > year:
            add("carried_forward", column)
            continue
        assert record.outcome is not None
        row = record.outcome.id
        if year < 2021 and row.startswith("other."):
            row = "other"
        add(row, column)
        add("total", column)
    return cells


@settings(max_examples=200, deadline=None)
@given(st.lists(records(), max_size=40), st.integers(2019, 2024))
def test_table3_balances_and_equals_an_independent_count(
    applications: list[ApplicationRecord], year: int
) -> None:
    table = table3(applications, year)
    assert check_report(AnnualReport(year=year, applications=table)) == []
    assert all(cell.state is CellState.NUMBER for cell in table.cells)
    nonzero = {key: cell.value for key, cell in zip(table.spec.keys, table.cells, strict=True) if cell.value}
    assert nonzero == independent_count(applications, year)


@settings(max_examples=200, deadline=None)
@given(st.lists(records(), max_size=60), st.integers(2019, 2026), st.randoms(use_true_random=False))
def test_grouped_counts_give_the_same_table_as_one_record_per_application(
    applications: list[ApplicationRecord], year: int, random: Random
) -> None:
    groups: Counter[tuple[ApplicantType, bool, Outcome | None]] = Counter()
    for record in applications:
        counted = record.counted_in(year)
        if counted is not None:
            groups[counted.applicant, counted.received_in_year, counted.outcome] += counted.count
    # What a GROUP BY gives: one count per group, here also cut in two parts in a random order.
    parts = []
    for (applicant, new, outcome), count in groups.items():
        first = random.randint(0, count)
        parts += [
            ApplicationCount(applicant, new, outcome, first),
            ApplicationCount(applicant, new, outcome, count - first),
        ]
    random.shuffle(parts)
    weighted = table3_from_counts(parts, year)
    assert weighted == table3(applications, year)
    assert check_report(AnnualReport(year=year, applications=weighted)) == []


def sections_three_and_four(year: int) -> AnnualReport:
    applications = [
        ApplicationRecord(PERSON, date(year, 2, 1), date(year, 2, 20), GRANTED),
        ApplicationRecord(LAW_FIRM, date(year - 1, 12, 30), date(year, 1, 8), Outcome("other.other")),
        ApplicationRecord(LAW_FIRM, date(year, 12, 30)),
    ]
    appeals = [
        AppealRecord(REVIEW, date(year, 3, 1), date(year, 5, 1), APPEAL_RESULTS[0]),
        AppealRecord(REVIEW, date(year, 11, 1)),
    ]
    return AnnualReport(
        year=year,
        agency="某县人民政府",
        applications=table3(applications, year),
        review_litigation=table4(appeals, year),
    )


@pytest.mark.parametrize("year", [2020, 2025])
def test_a_report_of_only_sections_three_and_four_counted_from_cases_has_no_findings(year: int) -> None:
    report = sections_three_and_four(year)
    assert report.proactive is None and report.sections == ()
    assert check_report(report) == []


def test_the_check_engine_still_finds_an_imbalance_in_a_report_of_only_sections_three_and_four() -> None:
    report = sections_three_and_four(2025)
    broken = report.with_cell(TableId.APPLICATIONS, "carried_forward", "legal_services", 0).with_cell(
        TableId.REVIEW_LITIGATION, "review", "pending", 0
    )
    assert [(found.code, found.where) for found in check_report(broken)] == [
        ("C1", "applications.total.legal_services"),
        ("C3", "applications.carried_forward.total"),
        ("C7", "review_litigation.review.total"),
    ]
