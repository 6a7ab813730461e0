"""Reading and checking one document given as bytes, in a bounded worker, into JSON-ready parts.

For a caller that keeps what was read rather than printing it (the web application's intake of
reports for oversight): the canonical JSON of the report, every finding (the reader's and the
checks', pointed at the printed cell where the reader knows it), and the provenance of every value
(location → where it was printed). A document the reader refuses, or one that overruns the time
or memory `Limits`, gives the error's code and message instead; `examine_bounded` never raises for
a bad document.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gongkai.annual import jsonio
from gongkai.annual.audit import LoadedReport, audit
from gongkai.annual.findings import Severity
from gongkai.annual.parse import parse_bytes
from gongkai.annual.parse.bounded import Failure, WorkerPool
from gongkai.annual.parse.limits import DEFAULT_LIMITS, Limits
from gongkai.errors import GongkaiError


@dataclass(frozen=True, slots=True)
class Submitted:
    """One document to read: its name (for the reader's choice by suffix and for messages) and bytes."""

    name: str
    data: bytes
    limits: Limits = DEFAULT_LIMITS


@dataclass(frozen=True, slots=True)
class Examined:
    """What reading and checking one document gave; ``error_code`` set means nothing was read."""

    kind: str = ""
    layout: str = ""
    report_json: str = ""
    report_format: str = ""
    year: int | None = None
    agency: str = ""
    findings: list[dict[str, Any]] = field(default_factory=list)
    provenance: dict[str, dict[str, int]] = field(default_factory=dict)
    error_code: str = ""
    error_message: str = ""

    def count(self, severity: Severity) -> int:
        return sum(1 for finding in self.findings if finding["severity"] == severity.value)


def examine(submitted: Submitted) -> Examined:
    """Read and check ``submitted`` in this process (no time or memory bound: see `examine_bounded`)."""
    try:
        result = parse_bytes(submitted.data, submitted.name, submitted.limits)
    except GongkaiError as error:
        return Examined(error_code=error.code, error_message=error.message)
    loaded = LoadedReport(
        Path(submitted.name), result.report, result.findings, result.kind, result.provenance
    )
    checked = audit(loaded)
    report = result.report
    return Examined(
        kind=result.kind,
        layout=result.layout,
        report_json=jsonio.dumps(report),
        report_format="" if report.format is None else str(report.format),
        year=report.year,
        agency=report.agency or "",
        findings=[finding.to_json() for finding in checked.findings],
        provenance={where: source.to_json() for where, source in result.provenance.items()},
    )


def examine_bounded(submitted: Submitted) -> Examined:
    """`examine` in a worker process held to ``submitted.limits`` in wall time and memory.

    A worker that overruns is killed; the result then carries the pool's failure code
    (``timeout``, ``out_of_memory``, ``worker_crashed``, ``internal_error``). The worker is
    started for this one document; `Examiner` keeps one for many.
    """
    with Examiner(submitted.limits) as examiner:
        return examiner.examine(submitted)


class Examiner:
    """`examine_bounded` for many documents: one bounded worker process, started once and kept.

    Starting a worker costs more than reading a typical report (the fork server's child imports
    the caller's main module again), so a process that reads document after document keeps one.
    A worker that overran or crashed is replaced for the next document. Not thread-safe: one per
    thread. Every document is held to the ``limits`` given here in time and memory.
    """

    def __init__(self, limits: Limits = DEFAULT_LIMITS) -> None:
        self.limits = limits
        self._pool = WorkerPool(examine, workers=1, seconds=limits.seconds, memory_bytes=limits.memory_bytes)

    def examine(self, submitted: Submitted) -> Examined:
        for _, outcome in self._pool.run([submitted]):
            if isinstance(outcome, Failure):
                return Examined(error_code=outcome.code, error_message=outcome.message)
            return outcome
        raise AssertionError("the pool returns one outcome per task")

    def close(self) -> None:
        self._pool.close()

    def __enter__(self) -> Examiner:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
