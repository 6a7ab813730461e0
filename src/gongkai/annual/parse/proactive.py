"""Reading section 二 (proactive disclosure) from printed rows.

Section 二 is a run of sub-tables, each a caption (``第二十条第（一）项``), a header row that
starts with ``信息内容`` and names the columns, and item rows. The header decides which
column each value belongs to — and, because the 2019 and 2021 formats name their columns
differently, which format the table is in.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace

from gongkai.annual.findings import Finding
from gongkai.annual.model import Table
from gongkai.annual.parse.cells import variant_finding
from gongkai.annual.parse.document import Row, TextCell
from gongkai.annual.parse.spans import is_blank, is_value, match_at
from gongkai.annual.parse.tablereading import RowObservation, TableReading, extra_row, missing_table
from gongkai.formats import (
    FORMAT_2019,
    FORMAT_2021,
    ColumnSpec,
    FormatId,
    LabelIndex,
    MoneyUnit,
    RowGroup,
    TableSpec,
    normalise,
)
from gongkai.formats.national import CONTENT_HEADER

_SPECS = {FormatId.F2021: FORMAT_2021.proactive, FormatId.F2019: FORMAT_2019.proactive}
_GROUPS = tuple(dict.fromkeys(group for spec in _SPECS.values() for group in spec.groups))
_CAPTIONS: LabelIndex[RowGroup] = LabelIndex((group.label, group) for group in _GROUPS)
_ROWS: LabelIndex[str] = LabelIndex(
    (label, row_id)
    for row_id, label in {row.id: row.label for spec in _SPECS.values() for row in spec.rows}.items()
)
_UNIT_SUFFIX = re.compile(r"[（(](?:单位[:：])?(万元|元)[)）]$")


@dataclass(frozen=True, slots=True)
class HeaderColumn:
    format_id: FormatId
    column: ColumnSpec


def _column_index(group: RowGroup) -> LabelIndex[HeaderColumn]:
    entries = {}
    for format_id, spec in _SPECS.items():
        for row in spec.rows:
            if row.group == group:
                for column in row.columns:
                    entries[(format_id, column.id)] = (column.label, HeaderColumn(format_id, column))
    return LabelIndex(entries.values())


_HEADERS = {group: _column_index(group) for group in _GROUPS}


@dataclass
class _Header:
    columns: list[HeaderColumn | None]
    printed: list[TextCell]
    units: list[MoneyUnit | None]


def read_proactive(rows: list[Row], default: FormatId) -> tuple[Table | None, TableReading]:
    """Section 二 as a table of the format its headers show (``default`` when they do not tell)."""
    group: RowGroup | None = None
    header: _Header | None = None
    votes: Counter[FormatId] = Counter()
    observed: list[tuple[RowObservation, _Header | None]] = []
    variants: list[Finding] = []
    for row in rows:
        cells = list(row.cells)
        filled = [cell for cell in cells if not is_blank(cell)]
        if not filled:
            continue
        caption = _CAPTIONS.match(filled[0].text)
        if caption is not None:
            group, header = caption.target, None
            continue
        if normalise(filled[0].text) == normalise(CONTENT_HEADER):
            header = _read_header(group, cells[cells.index(filled[0]) + 1 :])
            variants.extend(_header_variants(header))
            votes.update(column.format_id for column in header.columns if column is not None)
            continue
        start = cells.index(filled[0])
        if is_value(filled[0]):
            continue
        match = match_at(cells, start, _ROWS)
        if match is None:
            if (group is not None or header is not None) and any(is_value(cell) for cell in cells):
                observed.append((RowObservation("", filled[0].text, [], filled[0].source), None))
            continue
        observation = RowObservation(match.target, match.printed, cells[match.end :], cells[start].source)
        observed.append((observation, header))
    format_id = _decide(votes, observed, default)
    reading = TableReading(_SPECS[format_id])
    reading.findings.extend(variants)
    if not observed and not votes:
        reading.findings.append(missing_table(reading.spec))
        return None, reading
    for observation, row_header in observed:
        _put(reading, observation, row_header, format_id)
    reading.finish()
    return reading.table(), reading


def _read_header(group: RowGroup | None, cells: list[TextCell]) -> _Header:
    index = _HEADERS.get(group) if group is not None else None
    columns: list[HeaderColumn | None] = []
    units: list[MoneyUnit | None] = []
    for cell in cells:
        found = None
        unit = None
        if index is not None and not is_blank(cell):
            hit = index.match(cell.text)
            if hit is None:
                suffix = _UNIT_SUFFIX.search(normalise(cell.text))
                if suffix is not None:
                    unit = MoneyUnit(suffix.group(1))
                    hit = index.match(normalise(cell.text)[: suffix.start()])
            found = hit.target if hit is not None else None
        columns.append(found)
        units.append(unit)
    return _Header(columns, cells, units)


def _decide(
    votes: Counter[FormatId], observed: list[tuple[RowObservation, _Header | None]], default: FormatId
) -> FormatId:
    for observation, _ in observed:
        if observation.row_id and not _SPECS[FormatId.F2021].has_row(observation.row_id):
            votes[FormatId.F2019] += 1
    if not votes:
        return default
    ranked = votes.most_common()
    if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
        return default
    return ranked[0][0]


def _put(
    reading: TableReading, observation: RowObservation, header: _Header | None, format_id: FormatId
) -> None:
    spec: TableSpec = reading.spec
    if not observation.row_id or not spec.has_row(observation.row_id):
        reading.findings.append(extra_row(spec, observation.printed_label, observation.source))
        return
    row = spec.row(observation.row_id)
    if row.id in reading.seen_rows:
        return
    if header is None or not any(column is not None for column in header.columns):
        reading.put_row(row, observation, identity=False)
        return
    reading.seen_rows.add(row.id)
    reading.label(row, observation)
    values = observation.values
    for position, column in enumerate(header.columns):
        if column is None or column.format_id is not format_id or column.column.id not in row.column_ids:
            continue
        if position < len(values):
            reading.put(row, column.column.id, values[position], header.units[position])
    unread = [
        value
        for position, value in enumerate(values)
        if not is_blank(value) and (position >= len(header.columns) or header.columns[position] is None)
    ]
    if unread:
        reading.findings.append(reading.misfit(row, observation, "long"))


def _header_variants(header: _Header) -> list[Finding]:
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
