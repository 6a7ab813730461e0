"""From printed cells to model cells: aligning a row's values to its columns, units, variants."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from gongkai.annual.codes import ReaderCode, finding
from gongkai.annual.findings import Finding
from gongkai.annual.model import Cell
from gongkai.annual.parse.document import TextCell
from gongkai.annual.parse.numbers import CellReading, read_cell
from gongkai.formats import ColumnSpec, Label, MoneyUnit, ValueKind, Variant, VariantKind, normalise
from gongkai.formats.labels import unnumbered

VARIANT_KIND_TEXT = {
    VariantKind.LOCAL: "地方模板的写法",
    VariantKind.TYPO: "疑似笔误",
    VariantKind.EXTENDED: "在国家格式文字后有添加",
    VariantKind.SHORTENED: "省略了国家格式的部分文字",
}


@dataclass(frozen=True, slots=True)
class Alignment:
    """The outcome of fitting a row's printed values to its columns."""

    values: tuple[TextCell, ...] | None  # one per column, or None when it cannot be decided
    problem: str | None = None  # "short", "long" or "ambiguous"


def align(
    values: Sequence[TextCell], width: int, identity: Callable[[list[CellReading]], bool] | None
) -> Alignment:
    """Fit printed values to ``width`` columns, dropping only blank cells at either end.

    Merged label cells and ragged conversions leave blank cells before or after the values.
    When dropping them in different ways gives different rows (a blank data cell next to a
    structural blank), the table's own identity (e.g. row total = sum of the six columns)
    decides; if it cannot, the row is reported as ambiguous, never guessed.
    """
    if len(values) == width:
        return Alignment(tuple(values))
    if len(values) < width:
        return Alignment(None, "short")
    readings = [read_cell(value.text) for value in values]
    extra = len(values) - width
    candidates: dict[tuple[str, ...], tuple[TextCell, ...]] = {}
    for lead in range(extra + 1):
        trail = extra - lead
        dropped = readings[:lead] + readings[len(readings) - trail :]
        if all(reading.is_blank for reading in dropped):
            kept = tuple(values[lead : len(values) - trail])
            candidates.setdefault(tuple(_signature(read_cell(cell.text)) for cell in kept), kept)
    if not candidates:
        return Alignment(None, "long")
    if len(candidates) == 1:
        return Alignment(next(iter(candidates.values())))
    if identity is not None:
        fitting = [kept for kept in candidates.values() if identity([read_cell(cell.text) for cell in kept])]
        if len(fitting) == 1:
            return Alignment(fitting[0])
    return Alignment(None, "ambiguous")


def _signature(reading: CellReading) -> str:
    if reading.is_blank:
        return ""
    return f"{reading.number}{reading.unit or ''}" if reading.number is not None else f"text:{reading.text}"


def row_total_identity(readings: list[CellReading]) -> bool:
    """Section 三 and 四 rows end with a total of the columns before it (C3, C7)."""
    numbers = [reading.number if reading.number is not None else 0 for reading in readings]
    if any(reading.text is not None for reading in readings):
        return False
    return sum(numbers[:-1]) == numbers[-1]


@dataclass(frozen=True, slots=True)
class CellResult:
    cell: Cell
    finding: Finding | None = None


def to_cell(
    reading: CellReading, column: ColumnSpec, where: str, header_unit: MoneyUnit | None = None
) -> CellResult:
    """A model cell for a column, converting money to the column's fixed unit if it has one."""
    if reading.is_blank:
        return CellResult(Cell.blank())
    if reading.number is None:
        return CellResult(Cell.printed(reading.text or ""))
    if column.kind is not ValueKind.MONEY:
        if reading.unit is not None:
            return CellResult(Cell.printed(f"{reading.number}{reading.unit.value}"))
        number = reading.number
        if isinstance(number, Decimal) and number == number.to_integral_value():
            number = int(number)
        return CellResult(Cell.number(number))
    amount = Decimal(reading.number)
    printed_unit = reading.unit or header_unit
    if column.unit is None:
        return CellResult(Cell.number(amount, printed_unit))
    if printed_unit is None or printed_unit is column.unit:
        return CellResult(Cell.number(amount, column.unit))
    amount_in_unit = amount * printed_unit.in_yuan / column.unit.in_yuan
    converted = finding(
        ReaderCode.UNIT_CONVERTED,
        where,
        f"金额印为 {amount}{printed_unit.value}，已按本栏单位换算为 {amount_in_unit}{column.unit.value}",
        expected=column.unit.value,
        actual=printed_unit.value,
    )
    return CellResult(Cell.number(amount_in_unit, column.unit), converted)


def variant_of(label: Label, printed: str) -> Variant | None:
    """The accepted variant a printed label is, or None when it is the national text."""
    key = normalise(printed)
    if unnumbered(key) == unnumbered(normalise(label.text)):
        return None  # the same words; a lost top-level numbering is typography
    for variant in label.variants:
        if normalise(variant.text) == key:
            return variant
    return Variant(printed.strip(), VariantKind.LOCAL, "近似匹配")


def variant_finding(label: Label, printed: str, where: str, what: str) -> Finding | None:
    variant = variant_of(label, printed)
    if variant is None:
        return None
    reason = VARIANT_KIND_TEXT[variant.kind]
    if variant.note:
        reason += f"（{variant.note}）"
    printed_text = " ".join(printed.split())
    return finding(
        ReaderCode.LABEL_VARIANT,
        where,
        f"{what}印为“{printed_text}”，国家格式为“{label.text}”：{reason}",
        expected=label.text,
        actual=printed_text,
    )
