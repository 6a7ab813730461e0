"""Reading section 三 (applications received and handled) from printed rows.

`observe_applications` reduces the printed rows to entries — values with what the print says
about their row (`gongkai.annual.parse.entries`); `read_applications` decides the format,
places every entry in a row of it (by label, or by the format's row order where the label was
lost), splits glued digits by the table's identities, and reports what it could not decide.
``（六）其他处理`` is a row of the 2019 format but a group label of the 2021 format: what
follows it decides which.
"""

from __future__ import annotations

from dataclasses import replace

from gongkai.annual.codes import ReaderCode, finding
from gongkai.annual.findings import Finding, SourceRef
from gongkai.annual.model import Table
from gongkai.annual.parse.cells import variant_finding
from gongkai.annual.parse.digits import needs_split, splits
from gongkai.annual.parse.document import Row, TextCell
from gongkai.annual.parse.entries import GROUP, OTHER, ROW, Entry, Lexer, Observed
from gongkai.annual.parse.gluedrows import GluedRow, solve_glued_rows
from gongkai.annual.parse.orientation import ROW_MAJOR
from gongkai.annual.parse.placement import place
from gongkai.annual.parse.scan import Vocabulary
from gongkai.annual.parse.spans import SpanMatch, is_blank, is_value, match_at
from gongkai.annual.parse.tablereading import (
    PLACED_BY_ORDER,
    RowObservation,
    TableReading,
    extra_row,
    missing_table,
)
from gongkai.formats import FORMAT_2019, FORMAT_2021, ColumnSpec, FormatId, LabelIndex, RowGroup, TableSpec
from gongkai.formats.national import APPLICANT_COLUMNS

_SPECS = (FORMAT_2021.applications, FORMAT_2019.applications)
_ROW_LABELS = {row.id: row.label for spec in _SPECS for row in spec.rows}
_ROWS: LabelIndex[str] = LabelIndex((label, row_id) for row_id, label in _ROW_LABELS.items())
_GROUP_LIST = tuple(dict.fromkeys(group for spec in _SPECS for group in spec.groups))
_GROUPS: LabelIndex[RowGroup] = LabelIndex((group.label, group) for group in _GROUP_LIST)
_VOCABULARY: Vocabulary[str] = Vocabulary(
    [(label, row_id) for row_id, label in _ROW_LABELS.items()]
    + [(group.label, GROUP + group.id) for group in _GROUP_LIST],
    without_numbering=True,
)
_COLUMNS: LabelIndex[ColumnSpec] = LabelIndex((column.label, column) for column in APPLICANT_COLUMNS)


def observe_applications(rows: list[Row]) -> tuple[Observed, list[Finding]]:
    """Section 三's printed rows as entries, and the column headers printed as local variants."""
    lexer = Lexer(_VOCABULARY, _row_label)
    seen_variants: set[str] = set()
    findings: list[Finding] = []
    for row in rows:
        lexer.feed(row)
        findings.extend(_header_variants(row.cells, seen_variants))
    return lexer.finish(), findings


def read_applications(
    observed: Observed, header_findings: list[Finding], default: FormatId
) -> tuple[Table | None, TableReading]:
    """Section 三 as a table of the format its rows show (``default`` when they do not tell)."""
    spec = _choose_spec(observed, default)
    reading = TableReading(spec)
    reading.findings.extend(header_findings)
    reading.notes |= observed.notes - {ROW_MAJOR}
    if not observed.entries:
        # Values that fit no row mean the table is there but unreadable, not missing.
        for group in observed.unplaced:
            reading.findings.append(_unplaced(spec, group, group[0].source))
        if not observed.unplaced:
            reading.findings.append(missing_table(spec))
        return None, reading
    entries: list[Entry] = []
    for entry in observed.entries:
        row_id = entry.row_id
        if row_id is not None and not spec.has_row(row_id):
            reading.findings.append(extra_row(spec, entry.printed, entry.source))
        else:
            entries.append(entry)
    index = {row.id: position for position, row in enumerate(spec.rows)}
    placement = place(
        [
            None if entry.candidates is None else frozenset(index[r] for r in entry.candidates if r in index)
            for entry in entries
        ],
        len(spec.rows),
    )
    glued: list[GluedRow] = []
    for entry, position in zip(entries, placement.rows, strict=True):
        if position is None:
            if entry.row_id is None or not entry.whole:  # a second row under a whole label is a repeat
                reading.findings.append(_unplaced(spec, entry.values, entry.source))
            continue
        row = spec.rows[position]
        printed = entry.printed
        if entry.row_id is None or not entry.whole:
            reading.findings.append(_placed_by_order(spec, row.id, entry))
            reading.notes.add(PLACED_BY_ORDER)
            printed = ""  # a piece of a label is no printed variant of it
        observation = RowObservation(row.id, printed, entry.values, entry.source, entry.fuzzy)
        if entry.chunks is None:
            reading.put_row(row, observation, identity=True)
            continue
        reading.seen_rows.add(row.id)
        reading.label(row, observation)
        glued.append(GluedRow(row, entry.source, splits(entry.chunks, ROW) if _glued(entry) else None, entry))
    for group in observed.unplaced:
        reading.findings.append(_unplaced(spec, group, group[0].source))
    solve_glued_rows(reading, glued)
    reading.finish()
    return reading.table(), reading


def _glued(entry: Entry) -> bool:
    return entry.chunks is not None and needs_split(entry.chunks, ROW)


def _choose_spec(observed: Observed, default: FormatId) -> TableSpec:
    ids = {entry.row_id for entry in observed.entries} | {orphan.row_id for orphan in observed.orphans}
    if any(row_id is not None and row_id.startswith(OTHER + ".") for row_id in ids):
        return FORMAT_2021.applications
    if OTHER in ids:
        return FORMAT_2019.applications
    return FORMAT_2021.applications if default is FormatId.F2021 else FORMAT_2019.applications


def _row_label(cells: list[TextCell]) -> SpanMatch[str] | None:
    """The row label of a printed row, skipping the group labels before it."""
    position = 0
    while position < len(cells):
        cell = cells[position]
        if is_blank(cell):
            position += 1
            continue
        if is_value(cell):
            return None
        row = match_at(cells, position, _ROWS)
        group = match_at(cells, position, _GROUPS)
        if row is not None and group is not None:
            if row.target == OTHER and _row_label_follows(cells, group.end):
                row = None
            else:
                group = None
        if row is not None:
            return row
        if group is None:
            return None
        position = group.end
    return None


def _row_label_follows(cells: list[TextCell], start: int) -> bool:
    for position in range(start, len(cells)):
        if is_blank(cells[position]):
            continue
        return not is_value(cells[position]) and match_at(cells, position, _ROWS) is not None
    return False


def _placed_by_order(spec: TableSpec, row_id: str, entry: Entry) -> Finding:
    printed = " | ".join(value.text.strip() for value in entry.values if value.text.strip())
    piece = " ".join(entry.printed.split())
    how = f"行名只印出一部分（“{piece}”）" if piece else "数值未与行名印在一起"
    return finding(
        ReaderCode.ROW_PLACED,
        spec.where(row_id),
        f"{spec.describe(row_id)}：{how}，按国家格式的行序归入本行（印为：{printed}）",
        actual=piece or None,
        source=entry.source,
    )


def _unplaced(spec: TableSpec, values: list[TextCell], source: SourceRef) -> Finding:
    shown = " | ".join(value.text.strip() for value in values if value.text.strip()) or "空"
    return finding(
        ReaderCode.ROW_UNPLACED,
        spec.id.value,
        f"第{spec.number}项有一组数值无法确定属于哪一行（行名缺失或数值个数不成整行），未读取（印为：{shown}）",
        actual=shown,
        source=source,
    )


def _header_variants(cells: tuple[TextCell, ...], seen: set[str]) -> list[Finding]:
    """Column headers printed as a local variant (社会组织 for 社会公益组织), each reported once."""
    findings = []
    for cell in cells:
        found = _COLUMNS.match(cell.text)
        if found is None or found.variant is None or found.target.id in seen:
            continue
        seen.add(found.target.id)
        column = found.target
        reported = variant_finding(column.label, cell.text, f"applications.*.{column.id}", "第三项的列名")
        if reported is not None:
            findings.append(replace(reported, source=cell.source))
    return findings
