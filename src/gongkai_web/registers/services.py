"""Keeping the registers: adding, changing and repealing documents, entering monthly figures, imports.

Every service checks that the actor keeps the body's registers (`access.may_keep`), validates with
the core's rules (`gongkai.proactive`), runs in one transaction and records who changed what. A
refusal is a `RegisterError` with a Chinese message and a stable code; nothing is half-written.

Re-import is idempotent: a document of the same kind and 文号 (or, without 文号, the same kind,
标题 and 印发日期) is updated to the file's values, and a month's figure of an item is replaced by
the file's; rows equal to what is stored change nothing. The summary says how many of each.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import TypedDict

from django.db import IntegrityError, transaction

from gongkai.proactive import (
    DocumentKind,
    FigureItem,
    RegisteredDocument,
    RegisterError,
    check_figure,
    check_year,
)
from gongkai_web.accounts.models import User
from gongkai_web.bodies.models import Body
from gongkai_web.registers.access import require_keep
from gongkai_web.registers.imports import DocumentRow, FigureRow
from gongkai_web.registers.models import NUMBER_LENGTH, Document, MonthlyFigure


class DocumentFields(TypedDict):
    """What an officer writes of a document, as the services take it."""

    kind: DocumentKind
    title: str
    number: str
    issued_on: dt.date
    repealed_on: dt.date | None
    note: str


@dataclass(frozen=True, slots=True)
class ImportSummary:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def __str__(self) -> str:
        return f"新增 {self.created} 条，更新 {self.updated} 条，未变 {self.unchanged} 条"


def _validated(
    *, kind: DocumentKind, title: str, number: str, issued_on: dt.date, repealed_on: dt.date | None
) -> tuple[str, str]:
    RegisteredDocument(kind, issued_on, repealed_on)
    title, number = title.strip(), number.strip()
    if not title:
        raise RegisterError("请填写文件标题", code="title_missing")
    if len(number) > NUMBER_LENGTH:
        raise RegisterError(f"文号不能超过 {NUMBER_LENGTH} 个字", code="number_too_long")
    return title, number


def _save(document: Document) -> Document:
    try:
        with transaction.atomic():
            document.save()
    except IntegrityError:
        kind = DocumentKind(document.kind)
        raise RegisterError(
            f"{document.body.name}已登记文号为“{document.number}”的{kind.label}", code="duplicate_number"
        ) from None
    return document


@transaction.atomic
def add_document(
    *,
    body: Body,
    kind: DocumentKind,
    title: str,
    number: str,
    issued_on: dt.date,
    repealed_on: dt.date | None = None,
    note: str = "",
    actor: User,
) -> Document:
    """Register a 规章 or 行政规范性文件 of ``body``."""
    require_keep(actor, body)
    title, number = _validated(
        kind=kind, title=title, number=number, issued_on=issued_on, repealed_on=repealed_on
    )
    document = Document(
        body=body, kind=kind.value, title=title, number=number, issued_on=issued_on, repealed_on=repealed_on,
        note=note.strip(), created_by=actor, updated_by=actor,
    )  # fmt: skip
    return _save(document)


@transaction.atomic
def update_document(
    *,
    document: Document,
    kind: DocumentKind,
    title: str,
    number: str,
    issued_on: dt.date,
    repealed_on: dt.date | None,
    note: str,
    actor: User,
) -> Document:
    """Correct a registered document (its kind, title, 文号, dates or note)."""
    require_keep(actor, document.body)
    title, number = _validated(
        kind=kind, title=title, number=number, issued_on=issued_on, repealed_on=repealed_on
    )
    document.kind, document.title, document.number = kind.value, title, number
    document.issued_on, document.repealed_on, document.note = issued_on, repealed_on, note.strip()
    document.updated_by = actor
    return _save(document)


@transaction.atomic
def repeal_document(*, document: Document, repealed_on: dt.date, actor: User) -> Document:
    """Record that ``document`` was repealed (废止) on ``repealed_on``."""
    require_keep(actor, document.body)
    if document.repealed_on is not None:
        raise RegisterError(f"该文件已于 {document.repealed_on} 废止", code="already_repealed")
    RegisteredDocument(DocumentKind(document.kind), document.issued_on, repealed_on)
    document.repealed_on = repealed_on
    document.updated_by = actor
    document.save(update_fields=["repealed_on", "updated_by", "updated_at"])
    return document


@transaction.atomic
def record_figures(
    *, body: Body, year: int, values: Mapping[tuple[int, FigureItem], int | Decimal | None], actor: User
) -> ImportSummary:
    """Enter the year's grid: ``values[(month, item)]``; None removes a month's figure."""
    require_keep(actor, body)
    check_year(year)
    for (month, item), value in values.items():
        if not 1 <= month <= 12:
            raise RegisterError(f"月份应为 1 至 12，实为 {month}", code="month_out_of_range")
        if value is not None:
            check_figure(item, value)
    return _store_figures(body, year, values, actor)


def _store_figures(
    body: Body, year: int, values: Mapping[tuple[int, FigureItem], int | Decimal | None], actor: User
) -> ImportSummary:
    stored = {
        (figure.month, FigureItem(figure.item)): figure
        for figure in MonthlyFigure.objects.select_for_update().filter(body=body, year=year)
    }
    created = updated = unchanged = 0
    for (month, item), value in values.items():
        figure = stored.get((month, item))
        if value is None:
            if figure is not None:
                figure.delete()
                updated += 1
            continue
        count, amount = (None, Decimal(value)) if item.is_money else (int(value), None)
        if figure is None:
            MonthlyFigure.objects.create(
                body=body, year=year, month=month, item=item.value, count=count, amount=amount,
                created_by=actor, updated_by=actor,
            )  # fmt: skip
            created += 1
        elif (figure.count, figure.amount) == (count, amount):
            unchanged += 1
        else:
            figure.count, figure.amount, figure.updated_by = count, amount, actor
            figure.save(update_fields=["count", "amount", "updated_by", "updated_at"])
            updated += 1
    return ImportSummary(created, updated, unchanged)


@transaction.atomic
def import_documents(*, body: Body, rows: list[DocumentRow], actor: User) -> ImportSummary:
    """Store the rows of a documents file (already parsed without errors), all or nothing."""
    require_keep(actor, body)
    created = updated = unchanged = 0
    for row in rows:
        match = Document.objects.select_for_update().filter(body=body, kind=row.kind.value)
        if row.number:
            match = match.filter(number=row.number)
        else:
            match = match.filter(number="", title=row.title, issued_on=row.issued_on)
        document = match.first()
        fields = DocumentFields(
            kind=row.kind, title=row.title, number=row.number, issued_on=row.issued_on,
            repealed_on=row.repealed_on, note=row.note,
        )  # fmt: skip
        if document is None:
            add_document(body=body, actor=actor, **fields)
            created += 1
        elif (document.title, document.issued_on, document.repealed_on, document.note) == (
            row.title, row.issued_on, row.repealed_on, row.note,
        ):  # fmt: skip
            unchanged += 1
        else:
            update_document(document=document, actor=actor, **fields)
            updated += 1
    return ImportSummary(created, updated, unchanged)


@transaction.atomic
def import_figures(*, body: Body, rows: list[FigureRow], actor: User) -> ImportSummary:
    """Store the rows of a monthly-figures file (already parsed without errors), all or nothing."""
    require_keep(actor, body)
    by_year: dict[int, dict[tuple[int, FigureItem], int | Decimal | None]] = {}
    for row in rows:
        by_year.setdefault(row.year, {})[(row.month, row.item)] = row.value
    total = ImportSummary()
    for year, values in sorted(by_year.items()):
        done = _store_figures(body, year, values, actor)
        total = ImportSummary(
            total.created + done.created, total.updated + done.updated, total.unchanged + done.unchanged
        )
    return total
