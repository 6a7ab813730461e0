"""Property: a report written as text or markdown reads back as the same report."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.annual.model import AnnualReport, Cell, Section, Table
from gongkai.annual.parse import parse_text
from gongkai.annual.render.markdown import render_markdown
from gongkai.annual.render.text import render_text
from gongkai.formats import FORMAT_2019, FORMAT_2021, SECTIONS, MoneyUnit, TableSpec, ValueKind

# Words real reports print in number cells; none of them reads as a number or a label.
PRINTED_WORDS = ("增", "减", "不详", "见附件")
# Narrative text: ordinary Chinese, no digits (a digit could make a line look like a title).
PROSE = "的是在有和人中大为上个国我以要他时来用们生到作地于出就分对成会可主发动同工也能下过子说产种面而方后多定行学法所民得经"
BODY = "东南西北中华安平阳山河湖江海宁"


def count_cells(kind: ValueKind) -> st.SearchStrategy[Cell]:
    low = -500 if kind is ValueKind.SIGNED_COUNT else 0
    return st.one_of(
        st.just(Cell.blank()),
        st.integers(low, 100_000).map(Cell.number),
        st.sampled_from(PRINTED_WORDS).map(Cell.printed),
    )


def money_cells(unit: MoneyUnit | None) -> st.SearchStrategy[Cell]:
    amounts = st.decimals(min_value=0, max_value=10**6, places=4, allow_nan=False, allow_infinity=False)
    units = st.just(unit) if unit is not None else st.sampled_from([None, MoneyUnit.YUAN, MoneyUnit.WAN_YUAN])
    return st.one_of(
        st.just(Cell.blank()), st.builds(lambda a, u: Cell.number(Decimal(a), u), amounts, units)
    )


@st.composite
def tables(draw: st.DrawFn, spec: TableSpec) -> Table:
    cells = []
    for row_id, column_id in spec.keys:
        column = spec.row(row_id).column(column_id)
        if column.kind is ValueKind.MONEY:
            cells.append(draw(money_cells(column.unit)))
        else:
            cells.append(draw(count_cells(column.kind)))
    return Table(spec, tuple(cells))


paragraphs = st.text(alphabet=PROSE, min_size=1, max_size=40)


@st.composite
def reports(draw: st.DrawFn) -> AnnualReport:
    proactive_format = draw(st.sampled_from([FORMAT_2019, FORMAT_2021]))
    applications_format = draw(st.sampled_from([FORMAT_2019, FORMAT_2021]))
    year = draw(st.integers(2019, 2030))
    agency = draw(st.text(alphabet=BODY, min_size=2, max_size=8)) + draw(
        st.sampled_from(["县民政局", "市人民政府", "区司法局"])
    )
    preamble = draw(st.lists(paragraphs, max_size=2))
    sections = [Section(None, "", "\n".join(preamble))] if preamble else []
    for spec in SECTIONS:
        text = "\n".join(draw(st.lists(paragraphs, max_size=3)))
        sections.append(Section(spec.number, spec.title, text))
    return AnnualReport(
        year=year,
        agency=agency,
        title=f"{agency}{year}年政府信息公开工作年度报告",
        proactive=draw(tables(proactive_format.proactive)),
        applications=draw(tables(applications_format.applications)),
        review_litigation=draw(tables(FORMAT_2021.review_litigation)),
        sections=tuple(sections),
    )


ROUND_TRIP = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@ROUND_TRIP
@given(reports())
def test_text_rendering_reads_back_as_the_same_report(report):
    result = parse_text(render_text(report))
    assert result.report == report


@ROUND_TRIP
@given(reports())
def test_markdown_rendering_reads_back_as_the_same_report(report):
    result = parse_text(render_markdown(report), kind="markdown")
    assert result.report == report
