"""Reading section 四 (administrative review and litigation) from printed rows.

The national layout is three header rows and one row of 15 numbers; some reports print one
row per block (行政复议 / 未经复议直接起诉 / 复议后起诉) with five numbers each, or one small
table per block under its own heading. Conversions split the header into pieces, put each
number on its own line, or glue the 15 numbers into one run of digits — which the block
identities (总计 = the four results, C7) split (`gongkai.annual.parse.digits`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise

from gongkai.annual.codes import ReaderCode, finding
from gongkai.annual.model import Table
from gongkai.annual.parse.cells import align
from gongkai.annual.parse.digits import Shape, needs_split, splits
from gongkai.annual.parse.document import Row, TextCell
from gongkai.annual.parse.numbers import read_cell
from gongkai.annual.parse.scan import Numbers, Vocabulary, scan
from gongkai.annual.parse.spans import is_blank, is_value, match_at
from gongkai.annual.parse.tablereading import (
    FLATTENED,
    GLUED_DIGITS,
    RowObservation,
    TableReading,
    missing_table,
)
from gongkai.formats import REVIEW_LITIGATION, Label, LabelIndex, normalise

_BLOCKS: LabelIndex[str] = LabelIndex((row.label, row.id) for row in REVIEW_LITIGATION.rows)
_HEADER_LABELS: list[tuple[Label, str]] = (
    [(row.label, row.id) for row in REVIEW_LITIGATION.rows]
    + [(group.label, group.id) for group in REVIEW_LITIGATION.groups]
    + [(column.label, column.id) for column in REVIEW_LITIGATION.rows[0].columns]
)
_HEADERS: Vocabulary[str] = Vocabulary(_HEADER_LABELS)
_HEADER_KEYS = tuple(normalise(label.text) for label, _ in _HEADER_LABELS)
_SHAPE = Shape(blocks=len(REVIEW_LITIGATION.rows), block=len(REVIEW_LITIGATION.rows[0].columns), totals=True)
_WIDTH = _SHAPE.width


@dataclass
class _Printed:
    """The numbers of section 四 as printed: groups of value cells, or a run read from text."""

    groups: list[list[TextCell]] = field(default_factory=list)
    lines: bool = False  # some values were printed one per line
    chunks: tuple[str, ...] | None = None
    chunks_source: TextCell | None = None


def read_review_litigation(rows: list[Row]) -> tuple[Table | None, TableReading]:
    reading = TableReading(REVIEW_LITIGATION)
    if _read_block_rows(rows, reading):
        reading.finish()
        return reading.table(), reading
    printed = _printed(rows)
    values = _first_full_row(printed.groups)
    if printed.lines:
        reading.notes.add(FLATTENED)
    if not values and printed.chunks is not None and printed.chunks_source is not None:
        reading.notes |= {FLATTENED, GLUED_DIGITS} if len(printed.chunks) != _WIDTH else {FLATTENED}
        return _read_glued(reading, printed.chunks, printed.chunks_source)
    if not values:
        reading.findings.append(missing_table(REVIEW_LITIGATION))
        return None, reading
    alignment = align(values, _WIDTH, None)
    if alignment.values is None:
        shown = [value.text.strip() for value in values if value.text.strip()]
        reading.findings.append(
            finding(
                ReaderCode.ROW_SHORT if alignment.problem == "short" else ReaderCode.ROW_LONG,
                REVIEW_LITIGATION.id.value,
                f"第四项应有 {_WIDTH} 个数值，印了 {len(shown)} 个，未读取（印为：{' | '.join(shown)}）",
                expected=_WIDTH,
                actual=len(shown),
                source=values[0].source,
            )
        )
        return reading.table(), reading
    _put_all(reading, list(alignment.values))
    return reading.table(), reading


def _put_all(reading: TableReading, values: list[TextCell]) -> None:
    cells = iter(values)
    for row in REVIEW_LITIGATION.rows:
        reading.seen_rows.add(row.id)
        for column in row.columns:
            reading.put(row, column.id, next(cells))


def _read_glued(
    reading: TableReading, chunks: tuple[str, ...], source: TextCell
) -> tuple[Table | None, TableReading]:
    if len(chunks) == _WIDTH:
        _put_all(reading, [TextCell(chunk, source.source) for chunk in chunks])
        return reading.table(), reading
    found = splits(chunks, _SHAPE)
    if len(found.candidates) == 1 and not found.exhausted:
        _put_all(reading, [TextCell(str(number), source.source) for number in found.candidates[0]])
        return reading.table(), reading
    shown = " / ".join("、".join(str(number) for number in candidate) for candidate in found.candidates)
    reason = (
        f"按各栏总计等于前四栏之和仍有 {len(found.candidates)} 种拆分（{shown}）"
        if found.candidates
        else "没有一种拆分能满足“总计等于前四栏之和”"
    )
    reading.findings.append(
        finding(
            ReaderCode.DIGITS_AMBIGUOUS,
            REVIEW_LITIGATION.id.value,
            f"第四项的数字连在一起印为“{''.join(chunks)}”，{reason}，未读取",
            expected=_WIDTH,
            actual=shown or "".join(chunks),
            source=source.source,
        )
    )
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


def _printed(rows: list[Row]) -> _Printed:
    """Groups of consecutive data rows (or number lines), and numbers glued to the header text.

    A data row holds only numbers, or is a full-width row none of whose cells is a piece of
    a header (its blanks and printed words are cells of the table too).
    """
    printed = _Printed()
    lines: list[TextCell] | None = None
    for row in rows:
        cells = list(row.cells)
        if row.is_table_row and len(cells) > 1:
            lines = None
            if _is_data_row(cells):
                printed.groups.append(cells)
            continue
        for cell in cells:
            words = cell.text.split()
            if words and all(read_cell(word).text is None for word in words):
                if lines is None:
                    lines = []
                    printed.groups.append(lines)
                    printed.lines = True
                lines.extend(TextCell(word, cell.source) for word in words)
            elif words:
                lines = None
                _glued_numbers(cell, printed)
    return printed


def _is_data_row(cells: list[TextCell]) -> bool:
    filled = [cell for cell in cells if not is_blank(cell)]
    if not filled:
        return len(cells) >= _WIDTH  # a data row printed with every cell blank
    if all(is_value(cell) for cell in filled):
        return True
    return len(cells) >= _WIDTH and not any(
        normalise(cell.text) in key for cell in filled if not is_value(cell) for key in _HEADER_KEYS
    )


def _glued_numbers(cell: TextCell, printed: _Printed) -> None:
    """Numbers printed straight after a header word, in a line of text: ``…总计1000110000…``."""
    if printed.chunks is not None:
        return
    tokens = scan([cell], _HEADERS).tokens
    for before, token in pairwise(tokens):
        if (
            isinstance(token, Numbers)
            and not isinstance(before, Numbers)
            and before.end == token.start
            and (len(token.chunks) == _WIDTH or needs_split(token.chunks, _SHAPE))
        ):
            printed.chunks = token.chunks
            printed.chunks_source = cell
            return


def _first_full_row(groups: list[list[TextCell]]) -> list[TextCell]:
    """The first group of values — joined with the groups after it while it is short of 15.

    Block-per-table layouts (one small table per 行政复议 / 直接起诉 / 复议后起诉) print the 15
    values as three groups of five, in the format's order. A row left entirely blank counts
    only when no row prints anything.
    """
    printed = [group for group in groups if any(not is_blank(cell) for cell in group)]
    values: list[TextCell] = []
    for group in printed or groups[:1]:
        values.extend(group)
        if sum(1 for value in values if not is_blank(value)) >= _WIDTH or len(values) >= _WIDTH:
            break
    return values
