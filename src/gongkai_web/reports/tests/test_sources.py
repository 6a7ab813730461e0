"""Section 二 comes from the 第二十条 registers when the body keeps them; the builder's grid fills
only the cells the registers cannot give, and a body without registers types it all."""

from __future__ import annotations

import datetime as dt

from gongkai.proactive import DocumentKind, FigureItem
from gongkai_web.accounts.models import User
from gongkai_web.personas import Office
from gongkai_web.registers.services import add_document, record_figures
from gongkai_web.reports.queries import compose
from gongkai_web.reports.services import save_draft


def test_without_registers_section_two_is_the_grid_typed_in_the_builder(office: Office, alice: User) -> None:
    grid = {
        "licensing": {"decisions": "37"},
        "regulations": {"issued": "1", "repealed": "0", "in_force": "4"},
    }
    save_draft(body=office.county, year=2025, actor=alice, texts={}, grid=grid)
    table = compose(body=office.county, year=2025).report.proactive
    assert table is not None
    assert table.value("licensing", "decisions") == 37
    assert table.value("regulations", "in_force") == 4


def test_with_registers_their_counts_win_over_figures_typed_in_the_grid(office: Office, alice: User) -> None:
    add_document(
        body=office.county,
        kind=DocumentKind.NORMATIVE_DOCUMENTS,
        title="某县人民政府关于印发某县义务教育学区划分办法的通知",
        number="某政规〔2025〕1号",
        issued_on=dt.date(2025, 3, 3),
        actor=alice,
    )
    record_figures(
        body=office.county,
        year=2025,
        values={(3, FigureItem.LICENSING): 12, (4, FigureItem.LICENSING): 9},
        actor=alice,
    )
    save_draft(body=office.county, year=2025, actor=alice, texts={}, grid={"licensing": {"decisions": "37"}})
    table = compose(body=office.county, year=2025).report.proactive
    assert table is not None
    assert table.value("licensing", "decisions") == 21
    assert (table.value("normative_documents", "issued"), table.value("normative_documents", "in_force")) == (
        1,
        1,
    )


def test_in_a_2019_format_year_the_grid_gives_what_the_registers_cannot(office: Office, alice: User) -> None:
    record_figures(body=office.county, year=2020, values={(6, FigureItem.LICENSING): 5}, actor=alice)
    grid = {"licensing": {"previous_items": "48", "change": "2", "decisions": "99"}}
    save_draft(body=office.county, year=2020, actor=alice, texts={}, grid=grid)
    table = compose(body=office.county, year=2020).report.proactive
    assert table is not None
    assert table.value("licensing", "decisions") == 5  # counted
    assert (table.value("licensing", "previous_items"), table.value("licensing", "change")) == (
        48,
        2,
    )  # typed
