"""Open data of a supervisor's scope: every cell of every body's report on a year, in one shape.

The rows are the core's long form (`gongkai.annual.longform`, the shape of ``gongkai opendata``)
and the files are written by the core's writer (`gongkai.annual.opendata.open_cell_writer`: CSV
with a byte-order mark for Excel, or a streamed XLSX workbook). Each body counts once, with the
report the dashboard shows (`queries.latest_files`), in the hierarchy's order; a received file
that could not be read is one row with its error code.

``body`` is the body the report was received as (the supervisor's hierarchy), not the name as
printed in the report, which may be missing or abbreviated; ``level`` is that body's level.
The canonical JSON gives each report exactly as stored (`Reading.report_json`).
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO

from gongkai.annual import longform
from gongkai.annual.opendata import open_cell_writer
from gongkai_web.bodies.models import Body
from gongkai_web.oversight.models import IntakeFile
from gongkai_web.oversight.queries import latest_files, tree
from gongkai_web.oversight.tables import report_of


@dataclass(frozen=True, slots=True)
class Received:
    """A body's report on the year, as the open data gives it."""

    body: Body
    file: IntakeFile  # with its reading; the document's content is not loaded
    sha256: str

    @property
    def level(self) -> str:
        return self.body.get_level_display() if self.body.level else ""

    @property
    def readable(self) -> bool:
        return self.file.reading is not None and not self.file.reading.failed


def received(roots: list[Body], ids: frozenset[int], year: int) -> list[Received]:
    """The report on ``year`` of each body of ``ids`` that sent one, in the hierarchy's order."""
    latest = latest_files(ids, year)
    hashes = dict(
        IntakeFile.objects.filter(pk__in=[file.pk for file in latest.values()]).values_list(
            "pk", "document__sha256"
        )
    )
    return [
        Received(placed.body, latest[placed.body.pk], hashes[latest[placed.body.pk].pk])
        for placed in tree(roots, ids)
        if placed.body.pk in latest
    ]


def cell_rows(reports: list[Received]) -> Iterator[longform.Row]:
    """Every cell of every report, one report's JSON loaded at a time."""
    for item in reports:
        reading = item.file.reading
        assert reading is not None
        if not item.readable:
            yield longform.error_row(
                file=item.file.name,
                sha256=item.sha256,
                code=reading.error_code,
                message=reading.error_message,
            )
            continue
        report = replace(report_of(reading.report_json), agency=item.body.name)
        yield from longform.cell_rows(report, file=item.file.name, sha256=item.sha256, level=item.level)


def cells_file(reports: list[Received], suffix: str) -> IO[bytes]:
    """The long-form rows written to a temporary ``.csv`` or ``.xlsx``, opened for reading; the file
    has no name left on disk (it is removed once open), so nothing outlives the response."""
    with tempfile.TemporaryDirectory(prefix="gongkai-opendata-") as folder:
        path = Path(folder) / f"cells{suffix}"
        with open_cell_writer(path) as writer:
            for row in cell_rows(reports):
                writer.write(row)
        return path.open("rb")


def canonical_json(reports: list[Received], year: int) -> Iterator[str]:
    """``{"year": …, "reports": [{body, level, file, sha256, reading, report | error}, …]}`` in pieces,
    each report's canonical JSON as stored (exact decimals, untouched)."""
    yield f'{{"year": {year}, "reports": ['
    for number, item in enumerate(reports):
        reading = item.file.reading
        assert reading is not None
        head = {
            "body": item.body.name,
            "level": item.level,
            "file": item.file.name,
            "sha256": item.sha256,
            "reading": reading.number,
            "reader_version": reading.reader_version,
        }
        text = json.dumps(head, ensure_ascii=False)[:-1]
        if item.readable:
            text += f', "report": {reading.report_json}}}'
        else:
            error = {"code": reading.error_code, "message": reading.error_message}
            text += f', "error": {json.dumps(error, ensure_ascii=False)}}}'
        yield ("" if number == 0 else ", ") + text
    yield "]}\n"
