"""Section 三 rows read from glued digits: each row's split decided by the table's identities.

A row's own identity (总计 = the six columns, C3) usually leaves one split (`digits.splits`).
When it leaves several, the identities across rows decide: for every column,
一 + 二 = （七）总计 + 四 (C1) and （七）总计 = the sum of the outcome rows (C2). The reader
keeps the combination of splits under which both hold; if there is not exactly one, every row
still in doubt is reported with its candidate splits — never guessed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import product

from gongkai.annual.codes import ReaderCode, finding
from gongkai.annual.findings import Finding, SourceRef
from gongkai.annual.model import Number
from gongkai.annual.parse.digits import Splits
from gongkai.annual.parse.document import TextCell
from gongkai.annual.parse.entries import Entry
from gongkai.annual.parse.tablereading import RowObservation, TableReading
from gongkai.formats import RowSpec

MAX_COMBINATIONS = 4096  # combinations of candidate splits tried across the table

NEW, CARRIED, TOTAL, FORWARD = "new_received", "carried_over", "total", "carried_forward"


@dataclass(frozen=True, slots=True)
class GluedRow:
    """A row whose numbers came from running text; ``found`` is None when they were printed apart."""

    row: RowSpec
    source: SourceRef
    found: Splits | None
    entry: Entry


def solve_glued_rows(reading: TableReading, rows: Sequence[GluedRow]) -> None:
    """Put the rows whose split is decided; report the others."""
    doubtful: list[GluedRow] = []
    for glued in rows:
        if glued.found is None:
            chunks = glued.entry.chunks or ()
            values = [TextCell(chunk, glued.source) for chunk in chunks]
            observation = RowObservation(glued.row.id, glued.entry.printed, values, glued.source)
            reading.put_row(glued.row, observation, identity=True)
        elif len(glued.found.candidates) == 1 and not glued.found.exhausted:
            _put(reading, glued, glued.found.candidates[0])
        elif len(glued.found.candidates) > 1 and not glued.found.exhausted:
            doubtful.append(glued)
        else:
            reading.findings.append(_undecided(reading, glued))
    if not doubtful:
        return
    fitting = _fitting_combinations(reading, doubtful)
    if len(fitting) == 1:
        for glued, candidate in zip(doubtful, fitting[0], strict=True):
            _put(reading, glued, candidate)
        return
    reading.findings.extend(_undecided(reading, glued) for glued in doubtful)


def _put(reading: TableReading, glued: GluedRow, numbers: tuple[int, ...]) -> None:
    for column, number in zip(glued.row.columns, numbers, strict=True):
        reading.put(glued.row, column.id, TextCell(str(number), glued.source))


def _fitting_combinations(
    reading: TableReading, doubtful: list[GluedRow]
) -> list[tuple[tuple[int, ...], ...]]:
    choices = [glued.found.candidates for glued in doubtful if glued.found is not None]
    total = 1
    for options in choices:
        total *= len(options)
    if total > MAX_COMBINATIONS:
        return []
    spec = reading.spec
    columns = [column.id for column in spec.rows[0].columns]
    outcomes = [row.id for row in spec.outcome_rows]
    fitting = []
    for combination in product(*choices):
        values = dict(zip((glued.row.id for glued in doubtful), combination, strict=True))

        def cell(row_id: str, column: int, values: dict[str, tuple[int, ...]] = values) -> Number:
            if row_id in values:
                return values[row_id][column]
            found = reading.cells.get((row_id, columns[column]))
            return 0 if found is None or found.value is None else found.value

        if all(
            cell(NEW, column) + cell(CARRIED, column) == cell(TOTAL, column) + cell(FORWARD, column)
            and cell(TOTAL, column) == sum(cell(row_id, column) for row_id in outcomes)
            for column in range(len(columns))
        ):
            fitting.append(combination)
    return fitting


def _undecided(reading: TableReading, glued: GluedRow) -> Finding:
    printed = "".join(glued.entry.chunks or ())
    found = glued.found
    candidates = found.candidates if found is not None else ()
    shown = " / ".join("、".join(str(number) for number in candidate) for candidate in candidates)
    if found is not None and found.exhausted:
        reason = "可能的拆分过多，无法在限定的搜索范围内确定"
    elif candidates:
        reason = f"按本行和全表的勾稽关系仍有 {len(candidates)} 种拆分（{shown}），无法确定"
    else:
        reason = "没有一种拆分能满足“总计等于各栏之和”"
    spec = reading.spec
    return finding(
        ReaderCode.DIGITS_AMBIGUOUS,
        spec.where(glued.row.id),
        f"{spec.describe(glued.row.id)}：数字连在一起印为“{printed}”，{reason}，未读取",
        expected=len(glued.row.columns),
        actual=shown or printed,
        source=glued.source,
    )
