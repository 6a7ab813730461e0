"""The results file of a batch read: one JSON object per document (JSONL) or one row per cell (CSV).

Records are written as text, one document at a time, so that a batch streams them to disk and
never holds them. A results file is also the batch's memory: re-reading it tells which files
(path as recorded + SHA-256 of the content) are already done.

JSONL, one object per document::

    {"file", "sha256", "kind", "layout", "format", "year", "agency", "report", "findings"}
    {"file", "sha256", "error": {"code", "message"}}          # a file that could not be read

``report`` is the canonical JSON (``report-json.md``); ``findings`` are the reader's, and with
``--check`` the checks' too. CSV: the long form of `gongkai.annual.longform`, one row per cell
of the three statistical tables, UTF-8 with a byte-order mark (so that Excel reads it as
UTF-8). A file that could not be read has one row with only ``file``, ``sha256`` and the error
columns; a report with no table found has one row with the table columns empty, so that every
file read appears in the file.
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Iterable, Iterator, Sequence
from enum import StrEnum
from pathlib import Path
from typing import Any, BinaryIO

from gongkai.annual import jsonio, longform
from gongkai.annual.findings import Finding
from gongkai.annual.model import AnnualReport
from gongkai.errors import GongkaiError

CSV_COLUMNS = longform.COLUMNS
_CSV_ENCODING = "utf-8-sig"  # with a BOM: Excel then reads UTF-8
_CSV_END = "\r\n"  # the csv module's record terminator; a newline inside a cell is a bare "\n"
_JSONL_END = "\n"
_TAIL_CHUNK = 64 * 1024


class ResultsKind(StrEnum):
    JSONL = "jsonl"
    CSV = "csv"


_KIND_BY_SUFFIX = {".jsonl": ResultsKind.JSONL, ".ndjson": ResultsKind.JSONL, ".csv": ResultsKind.CSV}


def results_kind(path: Path) -> ResultsKind:
    """The kind of results file its name asks for: ``.jsonl`` (or ``.ndjson``) or ``.csv``."""
    try:
        return _KIND_BY_SUFFIX[path.suffix.lower()]
    except KeyError:
        raise GongkaiError(
            f"输出文件应以 .jsonl 或 .csv 结尾，实为 {path.name}", code="unknown_results_kind"
        ) from None


def report_record(
    kind: ResultsKind,
    *,
    file: str,
    sha256: str,
    report: AnnualReport,
    document_kind: str,
    layout: str | None,
    findings: Sequence[Finding],
) -> str:
    """The text recording one report read from ``file``."""
    if kind is ResultsKind.JSONL:
        head = {
            "file": file,
            "sha256": sha256,
            "kind": document_kind,
            "layout": layout,
            "format": None if report.format is None else str(report.format),
            "year": report.year,
            "agency": report.agency,
        }
        members = [(key, json.dumps(value, ensure_ascii=False)) for key, value in head.items()]
        members.append(("report", jsonio.dumps(report, indent=None)))  # exact decimals
        members.append(("findings", json.dumps([f.to_json() for f in findings], ensure_ascii=False)))
        return "{" + ", ".join(f"{json.dumps(key)}: {value}" for key, value in members) + "}" + _JSONL_END
    return _csv_text(longform.cell_rows(report, file=file, sha256=sha256))


def error_record(kind: ResultsKind, *, file: str, sha256: str | None, code: str, message: str) -> str:
    """The text recording a file that could not be read."""
    if kind is ResultsKind.JSONL:
        record = {"file": file, "sha256": sha256, "error": {"code": code, "message": message}}
        return json.dumps(record, ensure_ascii=False) + _JSONL_END
    return _csv_text([longform.error_row(file=file, sha256=sha256, code=code, message=message)])


def csv_header() -> str:
    return _csv_text([CSV_COLUMNS])


def _csv_text(rows: Iterable[longform.Row]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator=_CSV_END)
    writer.writerows(longform.as_text(row) for row in rows)
    return buffer.getvalue()


def recorded_files(path: Path, kind: ResultsKind, *, redo: frozenset[str]) -> set[tuple[str, str]]:
    """(file, sha256) of every document a results file already records.

    Error records whose code is in ``redo`` do not count as done: they are failures of the
    run (a timeout, say), not of the file, and a re-run — perhaps with higher limits — tries
    again. A torn last record (a run stopped mid-write) is ignored; `open_for_append` cuts it.
    """
    done: set[tuple[str, str]] = set()
    for record in _records(path, kind):
        error = record.get("error")
        code = error.get("code") if isinstance(error, dict) else record.get("error_code")
        file, sha256 = record.get("file"), record.get("sha256")
        if isinstance(file, str) and isinstance(sha256, str) and sha256 and code not in redo:
            done.add((file, sha256))
    return done


def _records(path: Path, kind: ResultsKind) -> Iterator[dict[str, Any]]:
    if not path.exists():
        return
    with path.open(encoding=_CSV_ENCODING if kind is ResultsKind.CSV else "utf-8", newline="") as stream:
        if kind is ResultsKind.CSV:
            reader = csv.DictReader(stream)
            _check_columns(path, reader.fieldnames)
            yield from reader
            return
        for line in stream:
            try:
                record = json.loads(line)
            except json.JSONDecodeError:
                continue
            if isinstance(record, dict):
                yield record


def open_for_append(path: Path, kind: ResultsKind) -> io.TextIOWrapper:
    """The results file opened to append records: created with a header (CSV) if new, and cut
    back to its last complete record if a previous run stopped in the middle of one."""
    if path.exists():
        with path.open("r+b") as raw:
            raw.truncate(
                _complete_length(raw, (_CSV_END if kind is ResultsKind.CSV else _JSONL_END).encode())
            )
    stream = path.open("a", encoding=_CSV_ENCODING if kind is ResultsKind.CSV else "utf-8", newline="")
    if kind is ResultsKind.CSV and stream.tell() == 0:
        stream.write(csv_header())
    return stream


def _check_columns(path: Path, found: Sequence[str] | None) -> None:
    """Refuse to append to a CSV written with other columns (by an earlier version)."""
    if found is not None and tuple(found) != CSV_COLUMNS:
        raise GongkaiError(
            f"结果文件 {path.name} 的列与当前版本不同（应为 {','.join(CSV_COLUMNS)}），"
            "无法在其后追加；请另用一个输出文件",
            code="results_columns_changed",
        )


def _complete_length(raw: BinaryIO, end: bytes) -> int:
    """Length of the file up to and including its last record terminator, read from the end."""
    size = raw.seek(0, os.SEEK_END)
    position = size
    tail = b""
    while position > 0:
        step = min(_TAIL_CHUNK, position)
        position -= step
        raw.seek(position)
        tail = raw.read(step) + tail[: len(end) - 1]
        found = tail.rfind(end)
        if found >= 0:
            return position + found + len(end)
    return 0


__all__ = [
    "CSV_COLUMNS",
    "ResultsKind",
    "csv_header",
    "error_record",
    "open_for_append",
    "recorded_files",
    "report_record",
    "results_kind",
]
