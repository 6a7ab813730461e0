"""Sections 三 and 四 of the county's report counted from its cases: equal to a count by hand, balanced."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from gongkai.annual import jsonio
from gongkai.annual.model import Table
from gongkai.cases import Action, RecordError
from gongkai.formats import FORMAT_2019, FORMAT_2021, REVIEW_LITIGATION
from gongkai_web.accounts.models import User
from gongkai_web.applications.services import record_event
from gongkai_web.personas import Office, walk_in
from gongkai_web.statistics.queries import application_counts, statistics_for

from .conftest import CountyCases


def nonzero(table: Table) -> dict[tuple[str, str], Any]:
    return {key: cell.value for key, cell in zip(table.spec.keys, table.cells, strict=True) if cell.value}


def blocks(table: Table) -> dict[str, list[Any]]:
    """Section 四 as printed: per block, 结果维持, 结果纠正, 其他结果, 尚未审结, 总计."""
    return {row.id: [table.value(row.id, column) for column in row.column_ids] for row in table.spec.rows}


# Section 三 of 2025 counted by hand from the cases of `county_cases` (their letters in brackets).
COUNTY_2025 = {
    ("new_received", "natural_person"): 5,  # D J L N V
    ("new_received", "commercial"): 3,  # E K M
    ("new_received", "research"): 1,  # F
    ("new_received", "social_welfare"): 1,  # G
    ("new_received", "legal_services"): 1,  # H
    ("new_received", "other"): 1,  # I
    ("new_received", "total"): 12,
    ("carried_over", "natural_person"): 1,  # B2
    ("carried_over", "commercial"): 1,  # A
    ("carried_over", "research"): 1,  # B
    ("carried_over", "total"): 3,
    ("granted", "natural_person"): 1,  # D
    ("granted", "commercial"): 1,  # A
    ("granted", "total"): 2,
    ("partially_granted", "commercial"): 1,  # E
    ("partially_granted", "total"): 1,
    ("withheld.state_secret", "natural_person"): 1,  # V
    ("withheld.state_secret", "total"): 1,
    ("withheld.third_party_rights", "research"): 1,  # F
    ("withheld.third_party_rights", "total"): 1,
    ("withheld.process_information", "natural_person"): 1,  # B2
    ("withheld.process_information", "total"): 1,
    ("unavailable.not_held", "social_welfare"): 1,  # G
    ("unavailable.not_held", "total"): 1,
    ("not_processed.repeated", "legal_services"): 1,  # H
    ("not_processed.repeated", "total"): 1,
    ("other.no_correction", "research"): 1,  # B
    ("other.no_correction", "other"): 1,  # I
    ("other.no_correction", "total"): 2,
    ("other.unpaid_fee", "natural_person"): 1,  # J
    ("other.unpaid_fee", "total"): 1,
    ("other.other", "commercial"): 1,  # K
    ("other.other", "total"): 1,
    ("total", "natural_person"): 4,  # D V B2 J
    ("total", "commercial"): 3,  # A E K
    ("total", "research"): 2,  # F B
    ("total", "social_welfare"): 1,
    ("total", "legal_services"): 1,
    ("total", "other"): 1,
    ("total", "total"): 12,
    ("carried_forward", "natural_person"): 2,  # L N
    ("carried_forward", "commercial"): 1,  # M
    ("carried_forward", "total"): 3,
}


def test_the_county_year_gives_section_three_as_counted_by_hand(
    county_cases: CountyCases, office: Office
) -> None:
    statistics = statistics_for(body=office.county, year=2025)
    assert statistics.applications.spec is FORMAT_2021.applications
    assert nonzero(statistics.applications) == COUNTY_2025


def test_the_county_year_gives_section_four_as_counted_by_hand(
    county_cases: CountyCases, office: Office
) -> None:
    statistics = statistics_for(body=office.county, year=2025)
    assert statistics.review_litigation.spec is REVIEW_LITIGATION
    assert blocks(statistics.review_litigation) == {
        "review": [
            1,
            1,
            0,
            1,
            3,
        ],  # upheld 某府复〔2025〕8号; corrected 〔2024〕30号 (filed 2024); pending 〔2025〕11号
        "litigation_direct": [0, 0, 0, 1, 1],  # （2025）某0101行初7号, concluded in 2026
        "litigation_after_review": [0, 0, 1, 0, 1],  # （2025）某01行初9号
    }


def test_the_county_year_balances_and_the_check_engine_finds_nothing(
    county_cases: CountyCases, office: Office
) -> None:
    statistics = statistics_for(body=office.county, year=2025)
    assert statistics.findings == ()
    assert all(cell.value is not None for table in statistics.report.tables for cell in table.cells)


def test_what_2025_carries_over_is_what_2024_carried_forward_and_so_on_into_2026(
    county_cases: CountyCases, office: Office
) -> None:
    years = {year: statistics_for(body=office.county, year=year).applications for year in (2024, 2025, 2026)}
    assert nonzero(years[2024]) == {
        ("new_received", "natural_person"): 2,  # C0 B2
        ("new_received", "commercial"): 1,  # A
        ("new_received", "research"): 1,  # B
        ("new_received", "total"): 4,
        ("granted", "natural_person"): 1,  # C0
        ("granted", "total"): 1,
        ("total", "natural_person"): 1,
        ("total", "total"): 1,
        ("carried_forward", "natural_person"): 1,  # B2
        ("carried_forward", "commercial"): 1,  # A
        ("carried_forward", "research"): 1,  # B
        ("carried_forward", "total"): 3,
    }
    for year in (2025, 2026):
        columns = years[year].spec.row("carried_over").column_ids
        assert [years[year].value("carried_over", column) for column in columns] == [
            years[year - 1].value("carried_forward", column) for column in columns
        ]
    assert nonzero(years[2026]) == {
        ("new_received", "natural_person"): 1,  # P
        ("new_received", "total"): 1,
        ("carried_over", "natural_person"): 2,  # L N
        ("carried_over", "commercial"): 1,  # M
        ("carried_over", "total"): 3,
        ("granted", "natural_person"): 2,  # L P
        ("granted", "total"): 2,
        ("total", "natural_person"): 2,
        ("total", "total"): 2,
        ("carried_forward", "natural_person"): 1,  # N
        ("carried_forward", "commercial"): 1,  # M
        ("carried_forward", "total"): 2,
    }


def test_appeals_are_pending_while_open_and_counted_with_their_result_in_the_year_concluded(
    county_cases: CountyCases, office: Office
) -> None:
    assert blocks(statistics_for(body=office.county, year=2024).review_litigation)["review"] == [
        0,
        0,
        0,
        1,
        1,
    ]
    later = blocks(statistics_for(body=office.county, year=2026).review_litigation)
    assert later == {
        "review": [0, 0, 0, 1, 1],  # 某府复〔2025〕11号 still open
        "litigation_direct": [0, 1, 0, 0, 1],  # concluded 2026-02-01
        "litigation_after_review": [0, 0, 0, 0, 0],
    }


def test_another_bodys_cases_and_appeals_are_not_counted(county_cases: CountyCases, office: Office) -> None:
    bureau = statistics_for(body=office.finance_bureau, year=2025)
    assert nonzero(bureau.applications) == {
        ("new_received", "natural_person"): 1,
        ("new_received", "total"): 1,
        ("granted", "natural_person"): 1,
        ("granted", "total"): 1,
        ("total", "natural_person"): 1,
        ("total", "total"): 1,
    }
    assert blocks(bureau.review_litigation)["litigation_direct"] == [0, 0, 0, 1, 1]
    assert bureau.findings == ()


def test_section_three_is_counted_in_one_query_and_section_four_in_two(
    county_cases: CountyCases, office: Office, django_assert_num_queries: Any
) -> None:
    with django_assert_num_queries(1):
        application_counts(body=office.county, year=2025)
    with django_assert_num_queries(3):
        statistics_for(body=office.county, year=2025)


def test_the_json_is_the_canonical_report_with_the_year_and_the_body(
    county_cases: CountyCases, office: Office
) -> None:
    statistics = statistics_for(body=office.county, year=2025)
    data = statistics.to_json()
    assert list(data) == ["format", "year", "agency", "applications", "review_litigation"]
    assert (data["format"], data["year"], data["agency"]) == ("2021", 2025, "某县人民政府")
    assert data["applications"]["other.no_correction"] == {
        "natural_person": 0,
        "commercial": 0,
        "research": 1,
        "social_welfare": 0,
        "legal_services": 0,
        "other": 1,
        "total": 2,
    }
    assert data["review_litigation"]["review"] == {
        "upheld": 1,
        "corrected": 1,
        "other": 0,
        "pending": 1,
        "total": 3,
    }
    assert jsonio.loads(statistics.dumps()) == statistics.report


def test_a_2020_report_is_counted_in_the_2019_format_with_one_other_handling_row(
    office: Office, alice: User, bob: User
) -> None:
    lapsed = walk_in(office, alice, submitted_on=dt.date(2020, 6, 1), received_on=dt.date(2020, 6, 1))
    record_event(
        application=lapsed,
        action=Action.REQUEST_CORRECTION,
        on=dt.date(2020, 6, 2),
        actor=bob,
        respond_by=dt.date(2020, 6, 16),
    )
    record_event(application=lapsed, action=Action.CORRECTION_LAPSED, on=dt.date(2020, 6, 17), actor=bob)
    withdrawn = walk_in(office, alice, submitted_on=dt.date(2020, 7, 1), received_on=dt.date(2020, 7, 1))
    record_event(application=withdrawn, action=Action.WITHDRAW, on=dt.date(2020, 7, 3), actor=bob)
    statistics = statistics_for(body=office.county, year=2020)
    assert statistics.format is FORMAT_2019
    assert statistics.applications.spec is FORMAT_2019.applications
    assert statistics.to_json()["format"] == "2019"
    assert (statistics.applications.value("other", "natural_person"), statistics.findings) == (2, ())


def test_a_year_before_the_first_national_format_is_refused(office: Office) -> None:
    with pytest.raises(RecordError, match="无法统计 2018 年"):
        statistics_for(body=office.county, year=2018)
