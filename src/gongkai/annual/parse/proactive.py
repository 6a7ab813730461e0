"""Reading section 二 (proactive disclosure) from printed rows.

Section 二 is a run of sub-tables, each a caption (``第二十条第（一）项``), a header row that
starts with ``信息内容`` and names the columns, and item rows. The header decides which
column each value belongs to — and, because the 2019 and 2021 formats name their columns
differently, which format the table is in.

In a table row, a value belongs to the header column printed above it when the row has as
many cells as the header row; otherwise the values are taken in column order when their
number fits. Text flattened into lines (one cell per line, a header glued into one line,
``行政许可 97``) is scanned for captions, headers, items and numbers
(`gongkai.annual.parse.scan`). Items printed before all their values take them in row order —
or in column order when the same document was read column by column elsewhere (the hint from
section 三, where the row totals decide it).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace

from gongkai.annual.codes import ReaderCode, finding
from gongkai.annual.findings import Finding
from gongkai.annual.model import Table
from gongkai.annual.parse.cells import variant_finding
from gongkai.annual.parse.digits import Shape, needs_split, splits
from gongkai.annual.parse.document import Row, TextCell
from gongkai.annual.parse.numbers import read_cell
from gongkai.annual.parse.proactiveheader import (
    CAPTIONS,
    CONTENT,
    ITEMS,
    SPECS,
    VOCABULARY,
    Header,
    HeaderColumn,
    read_header,
)
from gongkai.annual.parse.scan import Hit, Numbers, scan
from gongkai.annual.parse.spans import is_blank, is_value, match_at
from gongkai.annual.parse.tablereading import (
    FLATTENED,
    GLUED_DIGITS,
    RowObservation,
    TableReading,
    extra_row,
    missing_table,
)
from gongkai.formats import FORMAT_2021, FormatId, RowGroup, normalise

_UNIT_SUFFIX = re.compile(r"[（(](?:单位[:：])?(万元|元)[)）]$")
COLUMN_MAJOR = "column-major"


@dataclass
class _Item:
    observation: RowObservation
    header: Header | None
    positions: list[int] | None = None  # cell index of each value in its table row
    row_width: int | None = None  # cells in the table row the item was printed in
    inline: bool = False  # values read from the item's own line of text, perhaps glued


@dataclass
class _Reader:
    orientation: str | None
    header: Header | None = None
    items: list[_Item] = field(default_factory=list)
    votes: Counter[FormatId] = field(default_factory=Counter)
    variants: list[Finding] = field(default_factory=list)
    waiting: list[_Item] = field(default_factory=list)  # items from text, still without values
    values: list[TextCell] = field(default_factory=list)  # values from text, not yet given out
    notes: set[str] = field(default_factory=set)  # how the layout was read

    def table_row(self, cells: list[TextCell]) -> None:
        filled = [cell for cell in cells if not is_blank(cell)]
        start = cells.index(filled[0])
        if match_at(cells, start, CAPTIONS) is not None:
            self._caption()
            return
        if normalise(filled[0].text) == CONTENT:
            self._header(read_header(cells[start + 1 :], start + 1, len(cells)))
            return
        if is_value(filled[0]):
            return
        self.flush()
        match = match_at(cells, start, ITEMS)
        if match is None:
            if self.header is not None and any(is_value(cell) for cell in cells):
                self.items.append(_Item(RowObservation("", filled[0].text, [], filled[0].source), None))
            return
        observation = RowObservation(match.target, match.printed, cells[match.end :], cells[start].source)
        self.items.append(_Item(observation, self.header, list(range(match.end, len(cells))), len(cells)))

    def line(self, cell: TextCell) -> None:
        words = cell.text.split()
        if not words:
            return
        if all(read_cell(word).number is not None for word in words):
            self.values.extend(TextCell(word, cell.source) for word in words)
            return
        tokens = scan([cell], VOCABULARY).tokens
        if not tokens or not isinstance(tokens[0], Hit) or tokens[0].start != 0:
            return  # a sentence (…新增公开市政府规章1件…): a table line starts with a word of the table
        for position, token in enumerate(tokens):
            if isinstance(token, Numbers):
                continue
            target = token.targets[0]
            if isinstance(target, RowGroup):
                self._caption()
            elif target == CONTENT:
                self._header(_header_from(tokens[position + 1 :]))
            elif isinstance(target, str):
                following = tokens[position + 1] if position + 1 < len(tokens) else None
                observation = RowObservation(target, token.key, [], token.source)
                if isinstance(following, Numbers) and following.start == token.end:
                    # Numbers on the item's own line (行政许可 97, 规章000) are its values.
                    self.flush()
                    observation.values = [TextCell(chunk, following.source) for chunk in following.chunks]
                    self.items.append(_Item(observation, self.header, inline=True))
                    self.notes.add(FLATTENED)
                    continue
                if self.values:
                    self.flush()
                self.waiting.append(_Item(observation, self.header))

    def _caption(self) -> None:
        self.flush()
        self.header = None

    def _header(self, header: Header) -> None:
        self.flush()
        self.header = header
        self.variants.extend(_header_variants(header))
        self.votes.update(column.format_id for column in header.columns if column is not None)

    def flush(self) -> None:
        """Give the values read from text to the items printed before them."""
        waiting, values = self.waiting, self.values
        self.waiting, self.values = [], []
        if waiting and values:
            self.notes.add(FLATTENED)
        if len(waiting) == 1:
            waiting[0].observation.values = values
        elif waiting:
            width, rest = divmod(len(values), len(waiting))
            if rest == 0 and width > 1 and self.orientation == COLUMN_MAJOR:
                self.notes.add(COLUMN_MAJOR)
                for row, item in enumerate(waiting):
                    item.observation.values = [values[column * len(waiting) + row] for column in range(width)]
            elif rest == 0:
                for row, item in enumerate(waiting):
                    item.observation.values = values[row * width : (row + 1) * width]
        self.items.extend(waiting)


def _header_from(tokens: tuple[Hit[object] | Numbers, ...]) -> Header:
    """The columns named straight after ``信息内容`` in a line of text."""
    texts = []
    for token in tokens:
        if not isinstance(token, Hit) or not isinstance(token.targets[0], HeaderColumn):
            break
        texts.append(TextCell(token.key, token.source))
    return read_header(texts, None, None)


def read_proactive(
    rows: list[Row], default: FormatId, orientation: str | None = None
) -> tuple[Table | None, TableReading]:
    """Section 二 as a table of the format its headers show (``default`` when they do not tell).

    ``orientation`` is how this document printed one value per line elsewhere, when known
    (``column-major``).
    """
    reader = _Reader(orientation)
    for row in rows:
        cells = list(row.cells)
        if all(is_blank(cell) for cell in cells):
            continue
        if row.is_table_row and len(cells) > 1:
            reader.table_row(cells)
        else:
            for cell in cells:
                reader.line(cell)
    reader.flush()
    format_id = _decide(reader.votes, reader.items, default)
    reading = TableReading(SPECS[format_id], notes=reader.notes)
    reading.findings.extend(reader.variants)
    if not reader.items and not reader.votes:
        reading.findings.append(missing_table(reading.spec))
        return None, reading
    for item in reader.items:
        _put(reading, item, format_id)
    reading.finish()
    return reading.table(), reading


def _decide(votes: Counter[FormatId], items: list[_Item], default: FormatId) -> FormatId:
    votes = Counter(votes)
    for item in items:
        row_id = item.observation.row_id
        if row_id and not FORMAT_2021.proactive.has_row(row_id):
            votes[FormatId.F2019] += 1
    if not votes:
        return default
    ranked = votes.most_common()
    if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
        return default
    return ranked[0][0]


def _put(reading: TableReading, item: _Item, format_id: FormatId) -> None:
    observation, header = item.observation, item.header
    spec = reading.spec
    if not observation.row_id or not spec.has_row(observation.row_id):
        reading.findings.append(extra_row(spec, observation.printed_label, observation.source))
        return
    row = spec.row(observation.row_id)
    if row.id in reading.seen_rows:
        return
    columns = [] if header is None else header.for_row(row, format_id)
    if header is None or not columns:
        reading.put_row(row, observation, identity=False)
        return
    reading.seen_rows.add(row.id)
    reading.label(row, observation)
    values = observation.values
    if item.positions is not None and header.row_width == item.row_width:
        unread = False
        for value, position in zip(values, item.positions, strict=True):
            above = header.at(position, row, format_id)
            if above is not None and above.column is not None:
                reading.put(row, above.column.column.id, value, above.unit)
            elif not is_blank(value):
                unread = True
        if unread:
            reading.findings.append(reading.misfit(row, observation, "long"))
        return
    printed = [value for value in values if not is_blank(value)]
    if len(printed) != len(columns) and len(values) == len(columns):
        printed = list(values)
    if item.inline and needs_split([value.text for value in printed], Shape(1, len(columns), totals=False)):
        _put_glued(reading, item, [column for column, _ in columns])
        return
    if len(printed) != len(columns):
        problem = "short" if len(printed) < len(columns) else "long"
        reading.findings.append(reading.misfit(row, observation, problem))
        return
    for (column, unit), value in zip(columns, printed, strict=True):
        reading.put(row, column.column.id, value, unit)


def _put_glued(reading: TableReading, item: _Item, columns: list[HeaderColumn]) -> None:
    """Digits glued on an item's line: taken when they split into its columns one way only.

    Section 二 has no identity within a row, so only the number of digits can decide
    (``规章000`` is 0·0·0; ``行政规范性文件82666`` is reported).
    """
    observation = item.observation
    row = reading.spec.row(observation.row_id)
    chunks = [value.text for value in observation.values]
    found = splits(chunks, Shape(1, len(columns), totals=False))
    if len(found.candidates) == 1 and not found.exhausted:
        reading.notes.add(GLUED_DIGITS)
        for column, number in zip(columns, found.candidates[0], strict=True):
            reading.put(row, column.column.id, TextCell(str(number), observation.source))
        return
    shown = " / ".join("、".join(str(number) for number in candidate) for candidate in found.candidates)
    reading.findings.append(
        finding(
            ReaderCode.DIGITS_AMBIGUOUS,
            reading.spec.where(row.id),
            f"{reading.spec.describe(row.id)}：数字连在一起印为“{''.join(chunks)}”，"
            f"可拆分为 {len(found.candidates)} 种（{shown or '无'}），无法确定，未读取",
            expected=len(columns),
            actual=shown or "".join(chunks),
            source=observation.source,
        )
    )


def _header_variants(header: Header) -> list[Finding]:
    """Column headers printed other than the national text; a bare unit suffix is no variant."""
    findings = []
    for column, printed in zip(header.columns, header.printed, strict=True):
        if column is None:
            continue
        text = normalise(printed.text)
        suffix = _UNIT_SUFFIX.search(text)
        if suffix is not None and normalise(column.column.label.text) == text[: suffix.start()]:
            continue
        found = variant_finding(
            column.column.label, printed.text, f"proactive.*.{column.column.id}", "第二项的列名"
        )
        if found is not None:
            findings.append(replace(found, source=printed.source))
    return findings
