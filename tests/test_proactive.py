"""Section 二 counted from the registers of documents and monthly figures (gongkai.proactive)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.annual.checks import check_report
from gongkai.annual.findings import Severity
from gongkai.annual.model import AnnualReport
from gongkai.formats import FORMAT_2019, FORMAT_2021, MoneyUnit
from gongkai.proactive import (
    DocumentKind,
    FigureItem,
    MonthlyFigure,
    RegisteredDocument,
    RegisterError,
    document_counts,
    proactive_table,
    underived_cells,
    yuan_to_wan_yuan,
)

D = dt.date
REG = DocumentKind.REGULATIONS
NORM = DocumentKind.NORMATIVE_DOCUMENTS

COUNTY_DOCUMENTS = (
    RegisteredDocument(NORM, D(2021, 5, 10)),  # still in force
    RegisteredDocument(NORM, D(2022, 3, 1), D(2024, 6, 30)),  # repealed in 2024
    RegisteredDocument(NORM, D(2024, 2, 1)),  # issued in 2024
    RegisteredDocument(NORM, D(2024, 4, 1), D(2024, 11, 1)),  # issued and repealed in 2024
    RegisteredDocument(NORM, D(2025, 1, 2)),  # after the year
    RegisteredDocument(REG, D(2023, 12, 31), D(2025, 1, 1)),  # in force on 31 December 2024
)

FIGURES_2024 = (
    MonthlyFigure(2024, 1, FigureItem.LICENSING, 12),
    MonthlyFigure(2024, 2, FigureItem.LICENSING, 30),
    MonthlyFigure(2024, 3, FigureItem.PENALTY, 4),
    MonthlyFigure(2023, 3, FigureItem.PENALTY, 99),  # another year
    MonthlyFigure(2024, 1, FigureItem.FEES, Decimal("12345.67")),
    MonthlyFigure(2024, 7, FigureItem.FEES, Decimal("0.33")),
)


def test_documents_are_counted_as_issued_repealed_and_in_force_at_the_end_of_the_year() -> None:
    counts = document_counts(COUNTY_DOCUMENTS, 2024)
    assert (counts[NORM].issued, counts[NORM].repealed, counts[NORM].in_force) == (2, 2, 2)
    assert (counts[REG].issued, counts[REG].repealed, counts[REG].in_force) == (0, 0, 1)


def test_the_2024_table_has_every_cell_of_the_2021_format_filled() -> None:
    table = proactive_table(COUNTY_DOCUMENTS, FIGURES_2024, 2024)
    assert table.spec is FORMAT_2021.proactive
    assert {key: table[key].value for key in table.spec.keys} == {
        ("regulations", "issued"): 0,
        ("regulations", "repealed"): 0,
        ("regulations", "in_force"): 1,
        ("normative_documents", "issued"): 2,
        ("normative_documents", "repealed"): 2,
        ("normative_documents", "in_force"): 2,
        ("licensing", "decisions"): 42,
        ("penalty", "decisions"): 4,
        ("coercion", "decisions"): 0,
        ("fees", "amount_wan_yuan"): Decimal("1.2346"),
    }
    assert table["fees", "amount_wan_yuan"].unit is MoneyUnit.WAN_YUAN


def test_fees_are_summed_in_yuan_and_rounded_once_half_up_to_four_places() -> None:
    assert yuan_to_wan_yuan(Decimal("12346.00")) == Decimal("1.2346")
    assert yuan_to_wan_yuan(Decimal("0.50")) == Decimal("0.0001")
    assert yuan_to_wan_yuan(Decimal("0.49")) == Decimal("0.0000")


def test_twelve_small_monthly_fees_add_up_before_rounding() -> None:
    """Rounded month by month each 0.40 元 would be 0 万元; the year's 4.80 元 is 0.0005 万元."""
    months = [MonthlyFigure(2024, m, FigureItem.FEES, Decimal("0.40")) for m in range(1, 13)]
    assert proactive_table((), months, 2024).value("fees", "amount_wan_yuan") == Decimal("0.0005")


def test_a_2020_table_fills_what_the_registers_hold_and_leaves_the_rest_blank() -> None:
    table = proactive_table(COUNTY_DOCUMENTS, [MonthlyFigure(2020, 5, FigureItem.LICENSING, 7)], 2020)
    assert table.spec is FORMAT_2019.proactive
    filled = {key: table[key].value for key in table.spec.keys if not table[key].is_blank}
    assert filled == {
        ("regulations", "made"): 0,
        ("normative_documents", "made"): 0,
        ("licensing", "decisions"): 7,
        ("penalty", "decisions"): 0,
        ("coercion", "decisions"): 0,
    }
    assert set(underived_cells(2020)) == set(table.spec.keys) - set(filled)
    assert ("regulations", "total_public") in underived_cells(2020)
    assert underived_cells(2024) == ()


def test_a_document_cannot_be_repealed_before_it_was_issued() -> None:
    with pytest.raises(RegisterError) as raised:
        RegisteredDocument(REG, D(2024, 5, 1), D(2024, 4, 30))
    assert raised.value.code == "repealed_before_issued"
    assert "废止日期 2024-04-30 早于印发日期 2024-05-01" in raised.value.message


@pytest.mark.parametrize(
    ("item", "value", "code"),
    [
        (FigureItem.LICENSING, -1, "count_negative"),
        (FigureItem.PENALTY, Decimal("1.5"), "count_not_integer"),
        (FigureItem.COERCION, True, "count_not_integer"),
        (FigureItem.FEES, Decimal("-0.01"), "fee_negative"),
        (FigureItem.FEES, Decimal("1.005"), "fee_below_fen"),
        (FigureItem.FEES, 100, "fee_not_amount"),
        (FigureItem.FEES, Decimal("NaN"), "fee_not_amount"),
    ],
)
def test_a_figure_the_item_cannot_take_is_refused(item: FigureItem, value: int | Decimal, code: str) -> None:
    with pytest.raises(RegisterError) as raised:
        MonthlyFigure(2024, 1, item, value)
    assert raised.value.code == code


def test_a_month_outside_the_year_and_a_year_before_the_formats_are_refused() -> None:
    with pytest.raises(RegisterError, match="month_out_of_range"):
        MonthlyFigure(2024, 13, FigureItem.LICENSING, 1)
    with pytest.raises(RegisterError, match="year_out_of_range"):
        proactive_table((), (), 2018)


def test_the_kinds_and_items_take_their_labels_from_the_2021_format() -> None:
    assert [kind.label for kind in DocumentKind] == ["规章", "行政规范性文件"]
    assert [item.label for item in FigureItem] == ["行政许可", "行政处罚", "行政强制", "行政事业性收费"]


days = st.dates(min_value=D(2019, 1, 1), max_value=D(2027, 12, 31))


@st.composite
def documents(draw: st.DrawFn) -> RegisteredDocument:
    issued = draw(days)
    repealed = draw(st.none() | st.dates(min_value=issued, max_value=D(2028, 12, 31)))
    return RegisteredDocument(draw(st.sampled_from(DocumentKind)), issued, repealed)


@settings(max_examples=200, deadline=None)
@given(st.lists(documents(), max_size=40), st.integers(min_value=2022, max_value=2027))
def test_c8_and_c9_hold_for_any_register(register: list[RegisteredDocument], year: int) -> None:
    before = AnnualReport(
        year=year - 1, agency="某县人民政府", proactive=proactive_table(register, (), year - 1)
    )
    report = AnnualReport(year=year, agency="某县人民政府", proactive=proactive_table(register, (), year))
    for kind in DocumentKind:
        this, last = report.proactive, before.proactive
        assert this is not None and last is not None
        assert this.count(kind, "in_force") == (
            last.count(kind, "in_force") + this.count(kind, "issued") - this.count(kind, "repealed")
        )
    codes = {found.code for found in check_report(report, previous=before)}
    assert not codes & {"C8", "C9"}


@settings(max_examples=50, deadline=None)
@given(
    st.lists(documents(), max_size=20),
    st.lists(
        st.builds(
            MonthlyFigure,
            st.just(2024),
            st.integers(1, 12),
            st.sampled_from([FigureItem.LICENSING, FigureItem.PENALTY, FigureItem.COERCION]),
            st.integers(0, 500),
        ),
        max_size=30,
    ),
    st.lists(st.decimals(min_value=0, max_value=99_999, places=2), max_size=12),
)
def test_the_check_engine_finds_no_error_in_a_report_with_this_table(
    register: list[RegisteredDocument], counts: list[MonthlyFigure], fees: list[Decimal]
) -> None:
    money = [MonthlyFigure(2024, month, FigureItem.FEES, fee) for month, fee in enumerate(fees, start=1)]
    report = AnnualReport(
        year=2024, agency="某县人民政府", proactive=proactive_table(register, counts + money, 2024)
    )
    previous = AnnualReport(year=2023, agency="某县人民政府", proactive=proactive_table(register, (), 2023))
    errors = [found for found in check_report(report, previous=previous) if found.severity is Severity.ERROR]
    assert errors == []
