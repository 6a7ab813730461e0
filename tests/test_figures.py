"""Figures summed over many reports for charts: section 三 by outcome and by applicant.

Real reports (tests/data/corpus): 淮安市人民政府 2024 (005, the 2021 format) and 淮安市洪泽区人民政府
2024 (017, mixed: section 三 in the 2019 layout with its single （六）其他处理 row).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from gongkai.annual.figures import OUTCOMES, Tally, by_applicant, by_outcome, received
from gongkai.annual.model import AnnualReport
from gongkai.annual.parse import parse_path

CORPUS = Path(__file__).parent / "data" / "corpus"


@pytest.fixture(scope="module")
def reports() -> list[AnnualReport]:
    return [parse_path(CORPUS / name).report for name in ("005.txt", "017.txt")]


def test_outcomes_follow_the_national_table_and_group_numbered_items_under_their_heading() -> None:
    assert list(OUTCOMES.items()) == [
        ("（一）予以公开", "（一）予以公开"),
        ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "（二）部分公开"),
        ("（三）不予公开", "（三）不予公开"),
        ("（四）无法提供", "（四）无法提供"),
        ("（五）不予处理", "（五）不予处理"),
        ("（六）其他处理", "（六）其他处理"),
    ]


def test_both_formats_sum_by_outcome_with_the_2019_other_row_under_six(reports: list[AnnualReport]) -> None:
    city, county = reports
    # The hand-checked 总计 column of 005.expected.json and 017.expected.json, grouped by outcome.
    assert [tally.value for tally in by_outcome([city])] == [1362, 454, 178, 781, 88, 187]
    assert [tally.value for tally in by_outcome([county])] == [50, 9, 3, 32, 1, 0]
    assert [tally.value for tally in by_outcome(reports)] == [1412, 463, 181, 813, 89, 187]
    # The outcomes add up to （七）总计 in a balanced report.
    assert sum(tally.value for tally in by_outcome([city])) == 3050


def test_applicants_sum_the_new_applications_column_by_column(reports: list[AnnualReport]) -> None:
    assert by_applicant(reports) == [
        Tally("自然人", "自然人", 3096),
        Tally("商业企业", "商业企业", 53),
        Tally("科研机构", "科研机构", 0),
        Tally("社会公益组织", "社会公益组织", 0),
        Tally("法律服务机构", "法律服务机构", 61),
        Tally("其他", "其他", 4),
    ]
    assert received(reports) == 3119 + 95


def test_no_report_gives_zeros() -> None:
    assert [tally.value for tally in by_outcome([])] == [0] * 6
    assert received([]) == 0
