"""Reading many documents into one results file: on all cores, bounded, streamed and resumable.

`plan_batch` walks the given files and folders and leaves out what the results file already
records; `run_batch` reads the rest in a `WorkerPool` (each document bounded by the `Limits`
in wall time and memory) and appends one record per document to the results file as soon as
it is read. Nothing is accumulated: the parent holds the list of paths still to read, and
each worker one document at a time. A file that cannot be read gets an error record; the
batch never stops on a bad file.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from gongkai.annual.audit import LoadedReport, audit, load_report
from gongkai.annual.findings import Finding
from gongkai.annual.parse import parse_path
from gongkai.annual.parse.bounded import Failure, FailureCode, WorkerPool
from gongkai.annual.parse.limits import Limits
from gongkai.annual.results import (
    ResultsKind,
    error_record,
    open_for_append,
    recorded_files,
    report_record,
    results_kind,
)
from gongkai.errors import GongkaiError, ReadError

# What a folder is searched for. Canonical JSON is data already, not a published document:
# it is read when named explicitly, never picked up from a folder (where it is usually an
# earlier run's output or a sidecar).
DOCUMENT_SUFFIXES = frozenset(
    {".txt", ".text", ".tsv", ".md", ".markdown", ".html", ".htm", ".shtml", ".xhtml", ".docx", ".pdf"}
)
JSON_SUFFIX = ".json"
# Failures of a run rather than of a file: a re-run (perhaps with higher limits) tries again.
REDONE_ON_RERUN = frozenset(code.value for code in FailureCode)


@dataclass(frozen=True, slots=True)
class Planned:
    """A document to read: its path as recorded and the SHA-256 of its content (None if unreadable)."""

    file: str
    sha256: str | None


@dataclass(frozen=True, slots=True)
class BatchPlan:
    todo: tuple[Planned, ...]
    skipped: int  # documents already in the results file with the same content
    results: Path
    kind: ResultsKind


@dataclass(frozen=True, slots=True)
class DocumentTask:
    """What a worker needs to read one document and write its record."""

    file: str
    sha256: str | None
    limits: Limits
    check: bool
    kind: ResultsKind


@dataclass(frozen=True, slots=True)
class DocumentOutcome:
    """A worker's answer: the record text to append, and the error code if it is an error record."""

    file: str
    text: str
    error_code: str | None


def find_documents(paths: Iterable[Path]) -> Iterator[Path]:
    """Files named, and in folders named (recursively, in name order), the documents by suffix.

    Hidden files and folders (``.git``) are not searched. A named file is taken whatever its
    suffix: the reader decides by content.
    """
    for path in paths:
        if not path.is_dir():
            yield path
            continue
        for folder, subfolders, names in os.walk(path):
            subfolders[:] = sorted(name for name in subfolders if not name.startswith("."))
            for name in sorted(names):
                if not name.startswith(".") and Path(name).suffix.lower() in DOCUMENT_SUFFIXES:
                    yield Path(folder) / name


def plan_batch(paths: Sequence[Path], results: Path, *, max_bytes: int) -> BatchPlan:
    """The documents under ``paths`` that ``results`` does not yet record with the same content.

    Files larger than ``max_bytes`` are not hashed (they are refused by size, unread), so they
    are planned again on every run; that costs one ``stat``.
    """
    kind = results_kind(results)
    done = recorded_files(results, kind, redo=REDONE_ON_RERUN)
    todo: list[Planned] = []
    seen: set[str] = set()
    skipped = 0
    for path in find_documents(paths):
        file = str(path)
        if file in seen:
            continue
        seen.add(file)
        planned = Planned(file, _sha256(path, max_bytes))
        if planned.sha256 is not None and (file, planned.sha256) in done:
            skipped += 1
        else:
            todo.append(planned)
    return BatchPlan(tuple(todo), skipped, results, kind)


def run_batch(plan: BatchPlan, *, jobs: int, limits: Limits, check: bool) -> Iterator[DocumentOutcome]:
    """Read the plan's documents on ``jobs`` workers, appending each record as it is read.

    Yields each outcome once its record is on disk (for a progress bar); the caller need not
    keep them.
    """
    tasks = (DocumentTask(item.file, item.sha256, limits, check, plan.kind) for item in plan.todo)
    with (
        open_for_append(plan.results, plan.kind) as out,
        WorkerPool(
            read_document, workers=jobs, seconds=limits.seconds, memory_bytes=limits.memory_bytes
        ) as pool,
    ):
        for task, result in pool.run(tasks):
            outcome = _failed(task, result) if isinstance(result, Failure) else result
            out.write(outcome.text)
            out.flush()
            yield outcome


def read_document(task: DocumentTask) -> DocumentOutcome:
    """Read (and, if asked, check) one document and make its record. Runs in a worker."""
    try:
        loaded, layout = _load(Path(task.file), task.limits)
        findings: Sequence[Finding] = audit(loaded).findings if task.check else loaded.findings
    except GongkaiError as error:
        text = error_record(
            task.kind, file=task.file, sha256=task.sha256, code=error.code, message=error.message
        )
        return DocumentOutcome(task.file, text, error.code)
    text = report_record(
        task.kind,
        file=task.file,
        sha256=task.sha256 or "",
        report=loaded.report,
        document_kind=loaded.kind,
        layout=layout,
        findings=findings,
    )
    return DocumentOutcome(task.file, text, None)


def _load(path: Path, limits: Limits) -> tuple[LoadedReport, str | None]:
    """The report in a document (bounded by ``limits``) or in a canonical JSON file, and the layout read."""
    if path.suffix.lower() != JSON_SUFFIX:
        result = parse_path(path, limits)
        loaded = LoadedReport(path, result.report, result.findings, result.kind, result.provenance)
        return loaded, result.layout
    with contextlib.suppress(OSError):  # a missing file is reported by load_report
        size = path.stat().st_size
        if size > limits.max_bytes:
            raise ReadError(
                f"文件过大（{size} 字节），上限为 {limits.max_bytes} 字节：{path}", code="too_large"
            )
    try:
        return load_report(path), None
    except OSError as error:
        raise ReadError(f"无法读取文件：{path}（{error.strerror}）", code="unreadable_file") from None


def _failed(task: DocumentTask, failure: Failure) -> DocumentOutcome:
    text = error_record(
        task.kind, file=task.file, sha256=task.sha256, code=failure.code, message=failure.message
    )
    return DocumentOutcome(task.file, text, failure.code)


def _sha256(path: Path, max_bytes: int) -> str | None:
    """The content's SHA-256; None for what the reader will refuse unread (its record says why)."""
    try:
        status = path.stat()
        if not stat.S_ISREG(status.st_mode) or status.st_size > max_bytes:
            return None  # a device or pipe could be endless; an oversized file is refused by size
        with path.open("rb") as stream:
            return hashlib.file_digest(stream, "sha256").hexdigest()
    except OSError:
        return None  # missing, no permission: the reader says which


__all__ = [
    "DOCUMENT_SUFFIXES",
    "BatchPlan",
    "DocumentOutcome",
    "DocumentTask",
    "Planned",
    "find_documents",
    "plan_batch",
    "read_document",
    "run_batch",
]
