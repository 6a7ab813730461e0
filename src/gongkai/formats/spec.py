"""The vocabulary in which the statutory report formats are written down as data.

Nothing here knows a particular format; `gongkai.formats.national` fills these shapes with
the 2019 and 2021 national formats. Parsers, checks, renderers and the web app all read the
formats through these types, so a label or an id is never typed twice.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property


class FormatId(StrEnum):
    """The national annual-report formats, by the year of the notice that issued them."""

    F2019 = "2019"  # 国办公开办函〔2019〕60号, 格式（试行）
    F2021 = "2021"  # 国办公开办函〔2021〕30号


class TableId(StrEnum):
    PROACTIVE = "proactive"  # 二、主动公开政府信息情况
    APPLICATIONS = "applications"  # 三、收到和处理政府信息公开申请情况
    REVIEW_LITIGATION = "review_litigation"  # 四、政府信息公开行政复议、行政诉讼情况


class ValueKind(StrEnum):
    """What a cell may hold."""

    COUNT = "count"  # integer >= 0
    SIGNED_COUNT = "signed_count"  # integer, may be negative (2019 本年增/减)
    MONEY = "money"  # decimal amount with a unit (元 or 万元)


class MoneyUnit(StrEnum):
    YUAN = "元"
    WAN_YUAN = "万元"

    @property
    def in_yuan(self) -> int:
        return 10_000 if self is MoneyUnit.WAN_YUAN else 1


class VariantKind(StrEnum):
    """Why a printed label differs from the national text (after typographic normalisation)."""

    LOCAL = "local"  # a local template's relabelling, e.g. 社会组织 for 社会公益组织
    TYPO = "typo"  # a misprint that is still recognisable, e.g. 本年度止件数
    EXTENDED = "extended"  # the national label with a local addition, e.g. ...保留4位小数
    SHORTENED = "shortened"  # the national label with its explanatory part dropped


@dataclass(frozen=True, slots=True)
class Variant:
    """A label seen in real reports in place of the national one."""

    text: str
    kind: VariantKind
    note: str = ""


@dataclass(frozen=True, slots=True)
class Label:
    """A national label and the variants accepted for it.

    ``text`` is the label exactly as the national format prints it. Typographic differences
    (full/half width, spaces, quotes, 1、 for 1.) never need a variant: matching normalises
    them away (`gongkai.formats.labels.normalise`).
    """

    text: str
    variants: tuple[Variant, ...] = ()


@dataclass(frozen=True, slots=True)
class ColumnSpec:
    id: str
    label: Label
    kind: ValueKind = ValueKind.COUNT
    unit: MoneyUnit | None = None  # fixed unit of a MONEY column; None when the report chooses
    parent: str | None = None  # spanning header above this column, e.g. 法人或其他组织

    @property
    def title(self) -> str:
        return self.label.text


@dataclass(frozen=True, slots=True)
class Article:
    """A provision of the 政府信息公开条例 (2019) or another instrument."""

    text: str  # e.g. "第三十六条第（四）项"
    instrument: str = "条例"


@dataclass(frozen=True, slots=True)
class RowGroup:
    """A label that groups rows without numbers of its own, e.g. （三）不予公开 or 第二十条第（一）项."""

    id: str
    label: Label


@dataclass(frozen=True)
class RowSpec:
    id: str
    label: Label
    columns: tuple[ColumnSpec, ...]
    group: RowGroup | None = None
    articles: tuple[Article, ...] = ()  # the provisions an outcome row stands for (spec §1.3)
    is_outcome: bool = False  # counts in （七）总计 of section 三

    @property
    def title(self) -> str:
        """The row as a clerk names it: group and item, e.g. ``（三）不予公开 1.属于国家秘密``."""
        if self.group is None:
            return self.label.text
        return f"{self.group.label.text} {self.label.text}"

    @cached_property
    def column_ids(self) -> tuple[str, ...]:
        return tuple(column.id for column in self.columns)

    def column(self, column_id: str) -> ColumnSpec:
        for column in self.columns:
            if column.id == column_id:
                return column
        raise KeyError(f"row {self.id!r} has no column {column_id!r}")


@dataclass(frozen=True)
class TableSpec:
    """One statistical table of the report: its rows, in printed order, and their columns."""

    id: TableId
    number: str  # the section number in Chinese, e.g. "三"
    title: Label
    rows: tuple[RowSpec, ...]
    groups: tuple[RowGroup, ...] = ()  # in printed order
    note: str = ""  # text printed in the table itself (e.g. the 勾稽 note of section 三)
    keys: tuple[tuple[str, str], ...] = field(init=False)

    def __post_init__(self) -> None:
        keys = tuple((row.id, column.id) for row in self.rows for column in row.columns)
        object.__setattr__(self, "keys", keys)

    @cached_property
    def _rows_by_id(self) -> dict[str, RowSpec]:
        return {row.id: row for row in self.rows}

    @cached_property
    def index(self) -> dict[tuple[str, str], int]:
        return {key: position for position, key in enumerate(self.keys)}

    def row(self, row_id: str) -> RowSpec:
        try:
            return self._rows_by_id[row_id]
        except KeyError:
            raise KeyError(f"table {self.id.value!r} has no row {row_id!r}") from None

    def has_row(self, row_id: str) -> bool:
        return row_id in self._rows_by_id

    def rows_in(self, group_id: str) -> tuple[RowSpec, ...]:
        return tuple(row for row in self.rows if row.group is not None and row.group.id == group_id)

    @cached_property
    def outcome_rows(self) -> tuple[RowSpec, ...]:
        return tuple(row for row in self.rows if row.is_outcome)

    def where(self, row_id: str, column_id: str | None = None) -> str:
        """Canonical location string, e.g. ``applications.total.natural_person``."""
        parts = [self.id.value, row_id] + ([column_id] if column_id else [])
        return ".".join(parts)

    def describe(self, row_id: str, column_id: str | None = None) -> str:
        """A location as a clerk reads it: ``第三项（七）总计·自然人``."""
        row = self.row(row_id)
        joiner = "第" if row.title.startswith("（") else ""
        text = f"第{self.number}项{joiner}{row.title}"
        if column_id is not None:
            column = row.column(column_id)
            text += f"·{column.title}"
        return text


@dataclass(frozen=True, slots=True)
class SectionSpec:
    """One of the six numbered parts of the report."""

    number: str  # 一 … 六
    label: Label  # title without the number, e.g. 总体情况

    @property
    def title(self) -> str:
        return f"{self.number}、{self.label.text}"


@dataclass(frozen=True, slots=True)
class ReportFormat:
    id: FormatId
    notice: str  # the notice that issued it
    title: str  # the title of the format document
    first_year: int  # first report year the format applies to
    sections: tuple[SectionSpec, ...]
    proactive: TableSpec
    applications: TableSpec
    review_litigation: TableSpec

    @property
    def tables(self) -> tuple[TableSpec, ...]:
        return (self.proactive, self.applications, self.review_litigation)

    def table(self, table_id: TableId) -> TableSpec:
        for table in self.tables:
            if table.id is table_id:
                return table
        raise KeyError(table_id)
