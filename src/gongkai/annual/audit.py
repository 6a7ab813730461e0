"""Reading a report from a file and checking it: what the CLI and, later, the web app call."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path

from gongkai.annual import jsonio
from gongkai.annual.checks import check_report
from gongkai.annual.findings import Finding, Severity, SourceRef
from gongkai.annual.model import AnnualReport
from gongkai.annual.parse import parse_path
from gongkai.annual.publication import Publication
from gongkai.errors import ReadError, ReportDataError

JSON_SUFFIX = ".json"


@dataclass(frozen=True)
class LoadedReport:
    path: Path
    report: AnnualReport
    findings: tuple[Finding, ...]  # what reading the document found
    kind: str  # "json", "text", "markdown", …
    provenance: dict[str, SourceRef] = field(default_factory=dict)  # location -> where it was printed
    publication: Publication | None = None  # the version mark of a published canonical JSON


@dataclass(frozen=True)
class Audit:
    """A report with everything found about it: reading findings first, then the checks'."""

    loaded: LoadedReport
    findings: tuple[Finding, ...]

    @property
    def report(self) -> AnnualReport:
        return self.loaded.report

    def count(self, severity: Severity) -> int:
        return sum(1 for finding in self.findings if finding.severity is severity)

    @property
    def has_errors(self) -> bool:
        return self.count(Severity.ERROR) > 0


def load_report(path: str | Path) -> LoadedReport:
    """A report from canonical JSON (``.json``) or from a published document.

    A published version's JSON also carries its `Publication` (第N版, date, 更正说明), which a
    writer must print again; a document's mark is text of the document, not read as one.
    """
    path = Path(path)
    if path.suffix.lower() == JSON_SUFFIX:
        try:
            text = path.read_text(encoding="utf-8-sig")
        except FileNotFoundError:
            raise ReadError(f"找不到文件：{path}", code="not_found") from None
        except UnicodeDecodeError:
            raise ReportDataError(f"JSON 文件不是 UTF-8 编码：{path}", code="json_encoding") from None
        return LoadedReport(path, jsonio.loads(text), (), "json", publication=jsonio.publication_of(text))
    result = parse_path(path)
    return LoadedReport(path, result.report, result.findings, result.kind, result.provenance)


def audit(loaded: LoadedReport, previous: LoadedReport | None = None) -> Audit:
    checked = check_report(loaded.report, previous=previous.report if previous is not None else None)
    located = tuple(_locate(finding, loaded.provenance) for finding in checked)
    return Audit(loaded, loaded.findings + located)


def _locate(finding: Finding, provenance: dict[str, SourceRef]) -> Finding:
    """Point a check's finding at the printed cell or row it is about, when the reader knows it."""
    if finding.source is not None or finding.where not in provenance:
        return finding
    return replace(finding, source=provenance[finding.where])


def sample_paths() -> list[Path]:
    """The sample reports shipped with gongkai (two real published reports)."""
    folder = resources.files("gongkai") / "samples"
    return sorted(Path(str(entry)) for entry in folder.iterdir() if entry.name.endswith(".txt"))
