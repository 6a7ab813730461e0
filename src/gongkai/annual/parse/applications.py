"""Reading section 三 (applications received and handled) from printed rows.

A row is found by its label, which may be preceded by group labels (``（三）不予公开``) and
split over cells; its values follow. A label printed alone is completed by the value-only
rows after it. ``（六）其他处理`` is a row of the 2019 format but a group label of the 2021
format: what follows it decides which.
"""

from __future__ import annotations

from dataclasses import replace

from gongkai.annual.findings import Finding
from gongkai.annual.model import Table
from gongkai.annual.parse.cells import variant_finding
from gongkai.annual.parse.document import Row, TextCell
from gongkai.annual.parse.spans import SpanMatch, is_blank, is_value, match_at
from gongkai.annual.parse.tablereading import RowObservation, TableReading, extra_row, missing_table
from gongkai.formats import FORMAT_2019, FORMAT_2021, ColumnSpec, FormatId, LabelIndex, RowGroup, TableSpec
from gongkai.formats.national import APPLICANT_COLUMNS

_SPECS = (FORMAT_2021.applications, FORMAT_2019.applications)
_ROW_LABELS = {row.id: row.label for spec in _SPECS for row in spec.rows}
_ROWS: LabelIndex[str] = LabelIndex((label, row_id) for row_id, label in _ROW_LABELS.items())
_GROUPS: LabelIndex[RowGroup] = LabelIndex(
    (group.label, group) for spec in _SPECS for group in dict.fromkeys(spec.groups)
)
_COLUMNS: LabelIndex[ColumnSpec] = LabelIndex((column.label, column) for column in APPLICANT_COLUMNS)
_WIDTH = len(APPLICANT_COLUMNS)
_SINGLE_OTHER = "other"  # the 2019 row whose label is the 2021 group label


def read_applications(rows: list[Row], default: FormatId) -> tuple[Table | None, TableReading]:
    """Section 三 as a table of the format its rows show (``default`` when they do not tell)."""
    observations, findings = _observe(rows)
    spec = _choose_spec(observations, default)
    reading = TableReading(spec)
    reading.findings.extend(findings)
    if not observations:
        reading.findings.append(missing_table(spec))
        return None, reading
    for observation in observations:
        if not spec.has_row(observation.row_id):
            reading.findings.append(extra_row(spec, observation.printed_label, observation.source))
        elif observation.row_id not in reading.seen_rows:
            reading.put_row(spec.row(observation.row_id), observation, identity=True)
    reading.finish()
    return reading.table(), reading


def _choose_spec(observations: list[RowObservation], default: FormatId) -> TableSpec:
    ids = {observation.row_id for observation in observations}
    split_other = any(row_id.startswith("other.") for row_id in ids)
    if split_other:
        return FORMAT_2021.applications
    if _SINGLE_OTHER in ids:
        return FORMAT_2019.applications
    return FORMAT_2021.applications if default is FormatId.F2021 else FORMAT_2019.applications


def _observe(rows: list[Row]) -> tuple[list[RowObservation], list[Finding]]:
    observations: list[RowObservation] = []
    findings: list[Finding] = []
    seen_variants: set[str] = set()
    pending: RowObservation | None = None
    for row in rows:
        cells = list(row.cells)
        match = _row_label(cells)
        if match is not None:
            if (
                pending is not None
                and pending.row_id == _SINGLE_OTHER
                and not pending.values
                and match.target.startswith("other.")
            ):
                observations.remove(pending)  # it was the 2021 group label after all
            values = cells[match.end :]
            observation = RowObservation(
                match.target, match.printed, values, cells[match.start].source, match.fuzzy
            )
            observations.append(observation)
            pending = observation if all(is_blank(value) for value in values) else None
            continue
        if pending is not None and _is_value_row(cells):
            if all(is_blank(value) for value in pending.values):
                pending.values.clear()  # the blanks were the label row's padding, not its values
            pending.values.extend(cells)
            if sum(1 for value in pending.values if not is_blank(value)) >= _WIDTH:
                pending = None
            continue
        findings.extend(_header_variants(cells, seen_variants))
    return observations, findings


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
            if row.target == _SINGLE_OTHER and _row_label_follows(cells, group.end):
                row = None
            else:
                group = None
        if row is not None:
            return row
        if group is not None:
            position = group.end
            continue
        fuzzy = match_at(cells, position, _ROWS, fuzzy=True)
        if fuzzy is not None:
            return fuzzy
        position += 1
    return None


def _row_label_follows(cells: list[TextCell], start: int) -> bool:
    for position in range(start, len(cells)):
        if is_blank(cells[position]):
            continue
        return not is_value(cells[position]) and match_at(cells, position, _ROWS) is not None
    return False


def _is_value_row(cells: list[TextCell]) -> bool:
    filled = [cell for cell in cells if not is_blank(cell)]
    return bool(filled) and all(is_value(cell) for cell in filled)


def _header_variants(cells: list[TextCell], seen: set[str]) -> list[Finding]:
    """Column headers printed as a local variant (社会组织 for 社会公益组织), each reported once."""
    findings = []
    for cell in cells:
        found = _COLUMNS.match(cell.text)
        if found is None or found.variant is None or found.target.id in seen:
            continue
        seen.add(found.target.id)
        column = found.target
        finding = variant_finding(column.label, cell.text, f"applications.*.{column.id}", "第三项的列名")
        if finding is not None:
            findings.append(replace(finding, source=cell.source))
    return findings
