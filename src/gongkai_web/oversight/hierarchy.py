"""Reading the hierarchy of bodies from a CSV or XLSX file and checking it against the database.

Layout (the header row names the columns, in any order; ``docs/oversight.md``): 机关名称, 层级,
上级机关 (blank for the top of the file's tree), 机关类别 (选填: 人民政府 or 部门; derived from
层级 when blank). The table is read as the registers' imports read theirs (`registers.imports`:
UTF-8 with or without BOM, GBK, XLSX, size and row limits).

Every bad row is reported (row, column, code, message) and a file with any bad row imports
nothing. Refused: a name twice in the file; a 上级机关 that is neither in the file nor in the
database; a parent chain that comes back to the body (a cycle, also through bodies already
stored); a government under a department or under a government of the same or a lower level;
a row outside the importing supervisor's bodies.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from gongkai.formats import normalise
from gongkai_web.bodies.models import GOVERNMENT_LEVELS, Body, BodyKind, Level
from gongkai_web.registers.imports import Column, ImportFileError, RowError, read_table

NAME_LENGTH = 100  # Body.name

NAME = Column("机关名称", ("名称", "单位名称", "机关"))
LEVEL = Column("层级", ("级别", "行政层级"))
PARENT = Column("上级机关", ("上级单位", "上级", "上级机关名称"), required=False)
KIND = Column("机关类别", ("类别", "机关类型"), required=False)
COLUMNS = (NAME, LEVEL, PARENT, KIND)

LEVEL_WORDS: Mapping[str, Level] = {
    normalise(word): level
    for level, words in (
        (Level.PROVINCE, ("省", "省级", "自治区", "直辖市")),
        (Level.CITY, ("市", "市级", "地级", "地市级", "设区的市")),
        (Level.COUNTY, ("县", "县级", "区县", "县区", "县区级", "县（市、区）")),
        (Level.TOWNSHIP, ("乡", "乡级", "乡镇", "镇", "街道", "乡镇（街道）")),
        (Level.DEPARTMENT, ("部门", "政府部门", "工作部门")),
    )
    for word in words
}
KIND_WORDS: Mapping[str, BodyKind] = {
    normalise(word): kind
    for kind, words in (
        (BodyKind.PEOPLES_GOVERNMENT, ("人民政府", "政府")),
        (BodyKind.DEPARTMENT, ("部门", "政府部门", "工作部门")),
    )
    for word in words
}


@dataclass(frozen=True, slots=True)
class BodyRow:
    row: int
    name: str
    level: Level
    parent: str  # "" for a body at the top of the file's tree

    @property
    def kind(self) -> BodyKind:
        return self.level.kind


@dataclass(frozen=True, slots=True)
class Stored:
    """What the database holds of a body the file names."""

    pk: int
    level: str
    parent: str


def read_rows(content: bytes) -> tuple[list[BodyRow], list[RowError]]:
    """The rows of a hierarchy file, and the errors of the rows that cannot be read on their own.

    Raises `ImportFileError` for a file that is no table or lacks a required column.
    """
    rows = read_table(content)
    if not rows:
        raise ImportFileError("文件中没有表头行", code="file_empty")
    header_row, headers = rows[0]
    positions: dict[Column, int] = {}
    for position, heading in enumerate(headers):
        column = next((c for c in COLUMNS if heading and c.matches(heading) and c not in positions), None)
        if column is not None:
            positions[column] = position
    missing = [column.header for column in COLUMNS if column.required and column not in positions]
    if missing:
        raise ImportFileError(
            f"第 {header_row} 行表头缺少列：{'、'.join(missing)}"
            "（应包括：机关名称、层级，可有上级机关、机关类别）",
            code="missing_columns",
        )
    bodies: list[BodyRow] = []
    errors: list[RowError] = []
    for number, cells in rows[1:]:
        row_errors: list[RowError] = []
        name, level_text, kind_text = (_text(cells, positions.get(column)) for column in (NAME, LEVEL, KIND))
        if not name:
            row_errors.append(RowError(number, NAME.header, "value_missing", "未填写"))
        elif len(name) > NAME_LENGTH:
            row_errors.append(
                RowError(number, NAME.header, "name_too_long", f"机关名称不能超过 {NAME_LENGTH} 个字")
            )
        level = LEVEL_WORDS.get(normalise(level_text))
        if not level_text:
            row_errors.append(RowError(number, LEVEL.header, "value_missing", "未填写"))
        elif level is None:
            row_errors.append(
                RowError(
                    number,
                    LEVEL.header,
                    "level_unknown",
                    f"层级应为省级、市级、县级、乡级或部门，实为“{level_text}”",
                )
            )
        if kind_text:
            kind = KIND_WORDS.get(normalise(kind_text))
            if kind is None:
                row_errors.append(
                    RowError(
                        number, KIND.header, "kind_unknown", f"机关类别应为人民政府或部门，实为“{kind_text}”"
                    )
                )
            elif level is not None and level.kind != kind:
                row_errors.append(
                    RowError(
                        number,
                        KIND.header,
                        "level_kind_mismatch",
                        f"机关类别“{kind.label}”与层级“{level.label}”不符",
                    )
                )
        if row_errors or level is None:
            errors.extend(row_errors)
            continue
        bodies.append(BodyRow(number, name, level, _text(cells, positions.get(PARENT))))
    return bodies, errors


def _text(cells: list[str | None], position: int | None) -> str:
    if position is None or position >= len(cells) or cells[position] is None:
        return ""
    return unicodedata.normalize("NFKC", str(cells[position])).strip()


def check_rows(
    rows: Sequence[BodyRow], stored: Mapping[str, Stored], *, within: frozenset[int] | None
) -> list[RowError]:
    """What is wrong with ``rows`` as a whole, given the ``stored`` bodies by name.

    ``within``: the ids of the bodies the importer supervises (None: no limit, the administrator's
    command). A row may then only name a parent within them or in the file, and may not change a
    stored body outside them.
    """
    errors: list[RowError] = []
    first: dict[str, int] = {}
    for row in rows:
        if first.setdefault(row.name, row.row) != row.row:
            errors.append(
                RowError(
                    row.row, NAME.header, "duplicate_in_file", f"“{row.name}”已在第 {first[row.name]} 行出现"
                )
            )
    in_file = {row.name: row for row in rows}
    for row in rows:
        if row.parent and row.parent not in in_file and row.parent not in stored:
            errors.append(
                RowError(
                    row.row,
                    PARENT.header,
                    "parent_unknown",
                    f"上级机关“{row.parent}”既不在文件中，也不在系统中",
                )
            )
            continue
        if within is not None:
            errors.extend(_out_of_scope(row, stored, within))
        if _in_cycle(row, in_file, stored):
            errors.append(
                RowError(
                    row.row, PARENT.header, "parent_cycle", f"上级机关形成循环：“{row.name}”成了自己的上级"
                )
            )
            continue
        errors.extend(_misplaced(row, in_file, stored))
    return sorted(errors, key=lambda error: (error.row, error.column))


def _out_of_scope(row: BodyRow, stored: Mapping[str, Stored], within: frozenset[int]) -> list[RowError]:
    body = stored.get(row.name)
    if body is not None and body.pk not in within:
        return [RowError(row.row, NAME.header, "out_of_scope", f"“{row.name}”不在您监督的范围内，不能修改")]
    parent = stored.get(row.parent) if row.parent else None
    if not row.parent or (parent is not None and parent.pk not in within):
        where = f"上级机关“{row.parent}”" if row.parent else "没有上级机关的机关"
        return [RowError(row.row, PARENT.header, "out_of_scope", f"{where}不在您监督的范围内")]
    return []


def _parent_of(name: str, in_file: Mapping[str, BodyRow], stored: Mapping[str, Stored]) -> str:
    """The parent a body will have after the import: the file's word first, else the database's."""
    if name in in_file:
        return in_file[name].parent
    body = stored.get(name)
    return "" if body is None else body.parent


def _in_cycle(row: BodyRow, in_file: Mapping[str, BodyRow], stored: Mapping[str, Stored]) -> bool:
    seen = {row.name}
    parent = row.parent
    while parent:
        if parent in seen:
            return parent == row.name
        seen.add(parent)
        parent = _parent_of(parent, in_file, stored)
    return False


def _level_of(name: str, in_file: Mapping[str, BodyRow], stored: Mapping[str, Stored]) -> Level | None:
    if name in in_file:
        return in_file[name].level
    body = stored.get(name)
    return Level(body.level) if body is not None and body.level else None


def _misplaced(row: BodyRow, in_file: Mapping[str, BodyRow], stored: Mapping[str, Stored]) -> list[RowError]:
    """A government stands under a government of a higher level (a department may stand anywhere)."""
    if not row.parent or row.level is Level.DEPARTMENT:
        return []
    parent_level = _level_of(row.parent, in_file, stored)
    if parent_level is None:
        return []
    if parent_level is Level.DEPARTMENT:
        message = f"{row.level.label}人民政府不能以部门“{row.parent}”为上级机关"
        return [RowError(row.row, PARENT.header, "government_under_department", message)]
    if GOVERNMENT_LEVELS.index(parent_level) >= GOVERNMENT_LEVELS.index(row.level):
        message = f"上级机关“{row.parent}”为{parent_level.label}，不能管辖{row.level.label}人民政府"
        return [RowError(row.row, LEVEL.header, "level_order", message)]
    return []


def stored_bodies() -> dict[str, Stored]:
    """Every stored body by name, with its parent's name (parent chains are followed through them)."""
    by_id = {
        pk: (name, level, parent_id)
        for pk, name, level, parent_id in Body.objects.values_list("pk", "name", "level", "parent_id")
    }
    return {
        name: Stored(pk, level, by_id[parent_id][0] if parent_id is not None else "")
        for pk, (name, level, parent_id) in by_id.items()
    }
