"""A year of cases becomes a report whose tables equal a count of the cases, and passes every check."""

from __future__ import annotations

from collections import Counter

from gongkai.annual.checks import check_report
from gongkai_web.accounts.models import User
from gongkai_web.applications.models import Application
from gongkai_web.personas import Office
from gongkai_web.reports.queries import compose
from gongkai_web.reports.services import save_draft
from gongkai_web.reports.tests.conftest import OTHER, OVERVIEW, PROBLEMS, YEAR

GRID_2021 = {
    "regulations": {"issued": "0", "repealed": "0", "in_force": "0"},
    "normative_documents": {"issued": "2", "repealed": "1", "in_force": "9"},
    "licensing": {"decisions": "37"},
    "penalty": {"decisions": "4"},
    "coercion": {"decisions": "0"},
    "fees": {"amount_wan_yuan": "0"},
}


def count_by_hand(cases: list[Application]) -> dict[tuple[str, str], int]:
    """Section 三 counted from each case's own fields, as the counting conventions say."""
    counted: Counter[tuple[str, str]] = Counter()
    for case in cases:
        case.refresh_from_db()
        column = case.applicant_type
        if case.received_on.year > YEAR or (case.closed_on is not None and case.closed_on.year < YEAR):
            continue
        first_row = "new_received" if case.received_on.year == YEAR else "carried_over"
        last_row = (
            case.outcome if case.closed_on is not None and case.closed_on.year == YEAR else "carried_forward"
        )
        for row in {first_row, last_row} | ({"total"} if last_row != "carried_forward" else set()):
            counted[row, column] += 1
            counted[row, "total"] += 1
    return counted


def test_the_tables_equal_a_count_of_the_cases_and_the_report_passes_every_check(
    office: Office, alice: User, year_of_cases: list[Application]
) -> None:
    texts = {"一": OVERVIEW, "五": PROBLEMS, "六": OTHER}
    save_draft(body=office.county, year=YEAR, actor=alice, texts=texts, grid=GRID_2021)

    composition = compose(body=office.county, year=YEAR)

    table = composition.report.applications
    assert table is not None
    expected = count_by_hand(year_of_cases)
    assert expected[("new_received", "total")] == 24
    for row in table.spec.rows:
        for column in row.column_ids:
            assert table.value(row.id, column) == expected[(row.id, column)], (row.id, column)
    review = composition.report.review_litigation
    assert review is not None
    assert (review.value("review", "upheld"), review.value("review", "total")) == (1, 1)
    assert review.value("litigation_direct", "total") == 0
    assert [finding.to_json() for finding in composition.findings] == []
    assert check_report(composition.report) == []
    overview = composition.report.section("一")
    assert overview is not None
    assert "全年新收政府信息公开申请24件，上年结转3件。" in overview.text
