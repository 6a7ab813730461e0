"""Reading section 四 (administrative review and litigation) from printed rows.

The national layout is three header rows and one row of 15 numbers; some reports print one
row per block (行政复议 / 未经复议直接起诉 / 复议后起诉) with five numbers each.
"""

from __future__ import annotations

from gongkai.annual.codes import ReaderCode, finding
from gongkai.annual.model import Table
from gongkai.annual.parse.cells import align
from gongkai.annual.parse.document import Row, TextCell
from gongkai.annual.parse.spans import is_blank, is_value, match_at
from gongkai.annual.parse.tablereading import RowObservation, TableReading, missing_table
from gongkai.formats import REVIEW_LITIGATION, LabelIndex

_BLOCKS: LabelIndex[str] = LabelIndex((row.label, row.id) for row in REVIEW_LITIGATION.rows)
_WIDTH = sum(len(row.columns) for row in REVIEW_LITIGATION.rows)
_HEADERS: LabelIndex[str] = LabelIndex(
    [(row.label, row.id) for row in REVIEW_LITIGATION.rows]
    + [(group.label, group.id) for group in REVIEW_LITIGATION.groups]
    + [(column.label, column.id) for column in REVIEW_LITIGATION.rows[0].columns]
)


def read_review_litigation(rows: list[Row]) -> tuple[Table | None, TableReading]:
    reading = TableReading(REVIEW_LITIGATION)
    if _read_block_rows(rows, reading):
        reading.finish()
        return reading.table(), reading
    values = _value_run(rows)
    if not values:
        reading.findings.append(missing_table(REVIEW_LITIGATION))
        return None, reading
    alignment = align(values, _WIDTH, None)
    if alignment.values is None:
        printed = [value.text.strip() for value in values if value.text.strip()]
        reading.findings.append(
            finding(
                ReaderCode.ROW_SHORT if alignment.problem == "short" else ReaderCode.ROW_LONG,
                REVIEW_LITIGATION.id.value,
                f"第四项应有 {_WIDTH} 个数值，印了 {len(printed)} 个，未读取（印为：{' | '.join(printed)}）",
                expected=_WIDTH,
                actual=len(printed),
                source=values[0].source,
            )
        )
        return reading.table(), reading
    cells = iter(alignment.values)
    for row in REVIEW_LITIGATION.rows:
        reading.seen_rows.add(row.id)
        for column in row.columns:
            reading.put(row, column.id, next(cells))
    return reading.table(), reading


def _read_block_rows(rows: list[Row], reading: TableReading) -> bool:
    found = False
    for row in rows:
        cells = list(row.cells)
        for start, cell in enumerate(cells):
            if is_blank(cell):
                continue
            match = match_at(cells, start, _BLOCKS)
            values = cells[match.end :] if match is not None else []
            if match is not None and any(is_value(value) for value in values):
                observation = RowObservation(match.target, match.printed, values, cell.source)
                reading.put_row(REVIEW_LITIGATION.row(match.target), observation, identity=True)
                found = True
            break
    return found


def _value_run(rows: list[Row]) -> list[TextCell]:
    """The consecutive data rows after the headers: the 15 values, however the row is split.

    A data row holds no header label; it holds only numbers, or is a full-width row (whose
    blanks and printed text are cells of the table too).
    """
    run: list[TextCell] = []
    for row in rows:
        filled = [cell for cell in row.cells if not is_blank(cell)]
        is_data = not any(_HEADERS.match(cell.text) for cell in filled) and (
            (filled and all(is_value(cell) for cell in filled)) or len(row.cells) >= _WIDTH
        )
        if is_data:
            run.extend(row.cells)
        elif run:
            break
    return run
