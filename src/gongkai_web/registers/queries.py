"""Reads of the registers; `proactive_table` is what the annual report builder calls."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import QuerySet

from gongkai.annual.model import Table
from gongkai.proactive import DocumentKind, FigureItem, RegisteredDocument, check_year
from gongkai.proactive import MonthlyFigure as Figure
from gongkai.proactive import proactive_table as count_table
from gongkai_web.bodies.models import Body
from gongkai_web.registers.models import Document, MonthlyFigure


def proactive_table(*, body: Body, year: int) -> Table:
    """Section 二 of ``body``'s report on ``year``, counted by the core from its registers.

    Raises `gongkai.proactive.RegisterError` (code year_out_of_range) for a year before 2019.
    In a 2019-format year the cells the registers do not hold are blank
    (`gongkai.proactive.underived_cells`).
    """
    check_year(year)
    documents = [
        RegisteredDocument(DocumentKind(kind), issued_on, repealed_on)
        for kind, issued_on, repealed_on in Document.objects.filter(
            body=body, issued_on__year__lte=year
        ).values_list("kind", "issued_on", "repealed_on")
    ]
    figures = [figure_of(figure) for figure in MonthlyFigure.objects.filter(body=body, year=year)]
    return count_table(documents, figures, year)


def keeps_registers(body: Body) -> bool:
    """Whether ``body`` records its documents or monthly figures here (its section 二 comes from them)."""
    return Document.objects.filter(body=body).exists() or MonthlyFigure.objects.filter(body=body).exists()


def figure_of(figure: MonthlyFigure) -> Figure:
    return Figure(figure.year, figure.month, FigureItem(figure.item), figure.value)


def documents_of(body: Body) -> QuerySet[Document]:
    return Document.objects.filter(body=body).select_related("created_by", "updated_by")


def figure_grid(*, body: Body, year: int) -> dict[tuple[int, FigureItem], int | Decimal]:
    """The year's stored figures by (month, item)."""
    return {
        (figure.month, FigureItem(figure.item)): figure.value
        for figure in MonthlyFigure.objects.filter(body=body, year=year)
    }


def years_with_figures(body: Body) -> list[int]:
    return sorted(set(MonthlyFigure.objects.filter(body=body).values_list("year", flat=True)), reverse=True)
