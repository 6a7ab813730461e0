"""What a check or a reader says about a report."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class Severity(StrEnum):
    ERROR = "error"  # the report is wrong and must not be published as it is
    WARNING = "warning"  # probably wrong, or not as the national format asks
    INFO = "info"  # worth knowing; nothing to fix

    @property
    def rank(self) -> int:
        return {"error": 0, "warning": 1, "info": 2}[self.value]

    @property
    def label(self) -> str:
        return {"error": "错误", "warning": "警告", "info": "提示"}[self.value]


@dataclass(frozen=True, slots=True)
class SourceRef:
    """Where in the source document something was read: line and column, or page/table/row/cell."""

    line: int | None = None
    column: int | None = None
    page: int | None = None
    table: int | None = None
    row: int | None = None
    cell: int | None = None

    def __str__(self) -> str:
        parts = []
        if self.page is not None:
            parts.append(f"第{self.page}页")
        if self.table is not None:
            parts.append(f"表{self.table}")
        if self.row is not None:
            parts.append(f"第{self.row}行")
        if self.cell is not None:
            parts.append(f"第{self.cell}格")
        if self.line is not None:
            parts.append(f"第{self.line}行")
        if self.column is not None:
            parts.append(f"第{self.column}列")
        return "".join(parts)

    def to_json(self) -> dict[str, int]:
        return {name: getattr(self, name) for name in self.__slots__ if getattr(self, name) is not None}


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing wrong with (or worth noting about) a report.

    ``code`` is stable and documented in docs/checks.md; ``where`` is a canonical location
    (``applications.total.natural_person``, ``sections.五``) or "" for the whole report;
    ``message`` is Chinese, for the clerk.
    """

    code: str
    severity: Severity
    where: str
    message: str
    expected: Any = None
    actual: Any = None
    source: SourceRef | None = None

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "code": self.code,
            "severity": self.severity.value,
            "where": self.where,
            "message": self.message,
        }
        if self.expected is not None:
            data["expected"] = _plain(self.expected)
        if self.actual is not None:
            data["actual"] = _plain(self.actual)
        if self.source is not None:
            data["source"] = self.source.to_json()
        return data


def _plain(value: Any) -> Any:
    """JSON-friendly form of an expected/actual value (Decimals as their exact text)."""
    if isinstance(value, (int, float, str, bool)):
        return value
    return str(value)


def has_errors(findings: list[Finding]) -> bool:
    return any(finding.severity is Severity.ERROR for finding in findings)
