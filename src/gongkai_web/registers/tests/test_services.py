"""Keeping the registers: who may, what is refused, and section 二 counted from what is stored."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from gongkai.annual.checks import check_report
from gongkai.annual.findings import Severity
from gongkai.annual.model import AnnualReport
from gongkai.proactive import DocumentKind, FigureItem, RegisterError
from gongkai_web.accounts.models import User
from gongkai_web.personas import Office
from gongkai_web.registers import services
from gongkai_web.registers.models import Document, MonthlyFigure
from gongkai_web.registers.queries import proactive_table

D = dt.date
NORM = DocumentKind.NORMATIVE_DOCUMENTS


def add(
    office: Office,
    actor: User,
    number: str,
    issued_on: dt.date,
    *,
    kind: DocumentKind = NORM,
    title: str = "",
    repealed_on: dt.date | None = None,
) -> Document:
    return services.add_document(
        body=office.county, kind=kind, title=title or f"关于{number}的规定", number=number,
        issued_on=issued_on, repealed_on=repealed_on, actor=actor,
    )  # fmt: skip


def test_the_registrar_registers_a_document_and_is_recorded_as_its_author(
    office: Office, alice: User
) -> None:
    document = add(office, alice, "某政规〔2025〕1号", D(2025, 3, 1))
    assert (document.created_by, document.updated_by) == (alice, alice)
    assert document.created_at is not None and document.updated_at is not None


def test_the_same_number_twice_for_the_same_kind_is_refused_in_chinese(office: Office, alice: User) -> None:
    add(office, alice, "某政规〔2025〕1号", D(2025, 3, 1))
    with pytest.raises(RegisterError) as raised:
        add(office, alice, "某政规〔2025〕1号", D(2025, 4, 1))
    assert raised.value.code == "duplicate_number"
    assert raised.value.message == "某县人民政府已登记文号为“某政规〔2025〕1号”的行政规范性文件"
    assert Document.objects.count() == 1


def test_documents_without_a_number_may_share_the_empty_number(office: Office, alice: User) -> None:
    add(office, alice, "", D(2025, 3, 1), title="甲")
    add(office, alice, "", D(2025, 4, 1), title="乙")
    assert Document.objects.count() == 2


def test_a_repeal_before_the_issue_date_is_refused(office: Office, hana: User) -> None:
    document = add(office, hana, "某政规〔2025〕2号", D(2025, 3, 1))
    with pytest.raises(RegisterError, match="repealed_before_issued"):
        services.repeal_document(document=document, repealed_on=D(2025, 2, 28), actor=hana)
    document.refresh_from_db()
    assert document.repealed_on is None


def test_the_administrator_repeals_and_is_recorded_as_the_last_to_change_it(
    office: Office, alice: User, frank: User
) -> None:
    document = add(office, alice, "某政规〔2025〕2号", D(2025, 3, 1))
    services.repeal_document(document=document, repealed_on=D(2025, 9, 1), actor=frank)
    document.refresh_from_db()
    assert (document.repealed_on, document.created_by, document.updated_by) == (D(2025, 9, 1), alice, frank)
    with pytest.raises(RegisterError, match="already_repealed"):
        services.repeal_document(document=document, repealed_on=D(2025, 10, 1), actor=frank)


@pytest.mark.parametrize("who", ["bob", "carol", "dave", "olga"])
def test_readers_and_outsiders_may_not_keep_the_register(
    office: Office, who: str, request: pytest.FixtureRequest
) -> None:
    actor = request.getfixturevalue(who)
    with pytest.raises(PermissionDenied):
        add(office, actor, "某政规〔2025〕1号", D(2025, 3, 1))
    with pytest.raises(PermissionDenied):
        services.record_figures(
            body=office.county, year=2025, values={(1, FigureItem.PENALTY): 1}, actor=actor
        )
    assert not Document.objects.exists() and not MonthlyFigure.objects.exists()


def test_the_year_grid_stores_replaces_and_removes_figures(office: Office, alice: User) -> None:
    values: dict[tuple[int, FigureItem], int | Decimal | None] = {
        (1, FigureItem.LICENSING): 10,
        (2, FigureItem.LICENSING): 5,
        (1, FigureItem.FEES): Decimal("2500.50"),
    }
    assert str(services.record_figures(body=office.county, year=2025, values=values, actor=alice)) == (
        "新增 3 条，更新 0 条，未变 0 条"
    )
    values |= {(2, FigureItem.LICENSING): None, (1, FigureItem.FEES): Decimal("2600.00")}
    summary = services.record_figures(body=office.county, year=2025, values=values, actor=alice)
    assert (summary.created, summary.updated, summary.unchanged) == (0, 2, 1)
    stored = {(f.month, f.item): f.value for f in MonthlyFigure.objects.filter(body=office.county)}
    assert stored == {(1, "licensing"): 10, (1, "fees"): Decimal("2600.00")}


def test_a_bad_figure_in_the_grid_stores_nothing(office: Office, alice: User) -> None:
    values: dict[tuple[int, FigureItem], int | Decimal | None] = {
        (1, FigureItem.LICENSING): 10,
        (2, FigureItem.PENALTY): -1,
    }
    with pytest.raises(RegisterError, match="count_negative"):
        services.record_figures(body=office.county, year=2025, values=values, actor=alice)
    assert not MonthlyFigure.objects.exists()


def test_section_2_is_counted_from_the_stored_registers_and_passes_the_checks(
    office: Office, alice: User, dave: User
) -> None:
    add(office, alice, "某政规〔2023〕1号", D(2023, 5, 1))
    add(office, alice, "某政规〔2024〕1号", D(2024, 2, 1), repealed_on=D(2025, 6, 30))
    add(office, alice, "某政规〔2025〕1号", D(2025, 3, 1))
    add(office, alice, "某县人民政府令第1号", D(2025, 8, 1), kind=DocumentKind.REGULATIONS)
    services.add_document(
        body=office.finance_bureau, kind=NORM, title="财政局的文件", number="某财规〔2025〕1号",
        issued_on=D(2025, 1, 1), repealed_on=None, note="", actor=dave,
    )  # fmt: skip
    services.record_figures(
        body=office.county, year=2025, actor=alice,
        values={(3, FigureItem.PENALTY): 4, (4, FigureItem.PENALTY): 2, (6, FigureItem.FEES): Decimal("123456.78")},
    )  # fmt: skip
    table = proactive_table(body=office.county, year=2025)
    rows = {
        row.id: {column: cell.value for column, cell in table.row_cells(row.id).items()}
        for row in table.spec.rows
    }
    assert rows == {
        "regulations": {"issued": 1, "repealed": 0, "in_force": 1},
        "normative_documents": {"issued": 1, "repealed": 1, "in_force": 2},
        "licensing": {"decisions": 0},
        "penalty": {"decisions": 6},
        "coercion": {"decisions": 0},
        "fees": {"amount_wan_yuan": Decimal("12.3457")},
    }
    report = AnnualReport(year=2025, agency=office.county.name, proactive=table)
    previous = AnnualReport(
        year=2024, agency=office.county.name, proactive=proactive_table(body=office.county, year=2024)
    )
    assert [f for f in check_report(report, previous=previous) if f.severity is not Severity.INFO] == []
