"""The ``gongkai`` command: check, parse and render annual reports. Thin over the core.

Exit status of ``check``: 0 no error-severity finding, 1 some, 2 a file could not be read;
of ``rollup``: 0 every compared cell equals the sum, 1 some does not, 2 a file could not be read.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

import click
from rich.console import Console
from rich.markup import escape
from rich.progress import MofNCompleteColumn, Progress
from rich.table import Table

from gongkai import __version__
from gongkai.annual import jsonio
from gongkai.annual.audit import Audit, LoadedReport, audit, load_report, sample_paths
from gongkai.annual.batch import find_documents, plan_batch, run_batch
from gongkai.annual.checks import messages
from gongkai.annual.codes import RollupCode
from gongkai.annual.findings import Finding, Severity
from gongkai.annual.opendata import EXPORT_SUFFIXES, export_cells, read_levels
from gongkai.annual.parse.limits import DEFAULT_LIMITS, MIB, Limits
from gongkai.annual.render import RENDERERS
from gongkai.annual.results import ResultsKind, results_kind
from gongkai.annual.rollup import Rollup, RollupDifference, body_names, roll_up
from gongkai.errors import GongkaiError

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_UNREADABLE = 2
PROGRESS_THRESHOLD = 3  # more files than this get a progress bar

_SEVERITY_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def _batch_options(prefix: str) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """The options of a batch read: workers and the per-document limits (``prefix`` starts each help)."""
    options = (
        click.option(
            "-j", "--jobs", type=click.IntRange(min=1), help=f"{prefix}并行读取的进程数，默认为 CPU 核数。"
        ),
        click.option(
            "--limit-seconds",
            type=click.FloatRange(min=0, min_open=True),
            help=f"{prefix}每份文档的读取时限（秒），默认 {DEFAULT_LIMITS.seconds:g}。",
        ),
        click.option(
            "--limit-pages",
            type=click.IntRange(min=1),
            help=f"{prefix}PDF 最多读取的页数，默认 {DEFAULT_LIMITS.max_pages}。",
        ),
        click.option(
            "--limit-mb",
            type=click.IntRange(min=1),
            help=f"{prefix}文件大小上限（MB），默认 {DEFAULT_LIMITS.max_bytes // MIB}。",
        ),
    )

    def decorate(command: Callable[..., None]) -> Callable[..., None]:
        for option in reversed(options):
            command = option(command)
        return command

    return decorate


def _limits(seconds: float | None, pages: int | None, megabytes: int | None) -> Limits:
    return replace(
        DEFAULT_LIMITS,
        seconds=seconds or DEFAULT_LIMITS.seconds,
        max_pages=pages or DEFAULT_LIMITS.max_pages,
        max_bytes=megabytes * MIB if megabytes else DEFAULT_LIMITS.max_bytes,
    )


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="gongkai")
def main() -> None:
    """gongkai：政府信息公开工作年度报告的读取、核查与生成。"""


@main.command()
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--previous",
    type=click.Path(path_type=Path),
    help="上一年度的报告（文档或 JSON），用于跨年度核对（C6、C8、C10）。",
)
@click.option("--samples", is_flag=True, help="核查随 gongkai 附带的样例报告。")
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出（每个文件一行），供程序使用。")
def check(files: tuple[Path, ...], previous: Path | None, samples: bool, as_json: bool) -> None:
    """核查年度报告：读取每个文件，列出发现的问题。

    FILES 可以是文本、Markdown 或规范 JSON。退出码：0 无错误，1 有错误级问题，2 有文件无法读取。
    """
    paths = [*files, *(sample_paths() if samples else [])]
    if not paths:
        raise click.UsageError("请指定要核查的文件，或使用 --samples 核查样例报告。")
    out = Console(soft_wrap=True) if as_json else Console()
    previous_report = None
    if previous is not None:
        try:
            previous_report = load_report(previous)
        except GongkaiError as error:
            _fail_read(previous, error)
            sys.exit(EXIT_UNREADABLE)
    status = EXIT_OK
    for path, outcome in _each(paths, previous_report):
        if isinstance(outcome, GongkaiError):
            status = EXIT_UNREADABLE
            if as_json:
                _print_json(
                    out, {"file": str(path), "error": {"code": outcome.code, "message": outcome.message}}
                )
            else:
                _fail_read(path, outcome)
            continue
        if outcome.has_errors and status == EXIT_OK:
            status = EXIT_FINDINGS
        if as_json:
            _print_json(out, _audit_json(outcome))
        else:
            _print_audit(out, outcome)
    if not as_json and len(paths) > 1:
        out.print(f"共核查 {len(paths)} 份报告。")
    sys.exit(status)


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="输出规范 JSON（多个文件时每行一个对象）。")
@click.option(
    "--out",
    type=click.Path(path_type=Path, dir_okay=False),
    help="批量模式：结果逐份写入此文件（.jsonl 每份一行，.csv 每格一行）；FILES 可以是文件夹；"
    "再次运行时跳过文件中已有的文件（按路径和内容 SHA-256），只追加新的或改过的。",
)
@_batch_options("批量模式：")
@click.option(
    "--check", "with_checks", is_flag=True, help="批量模式：同时核查，发现写入 findings（仅 .jsonl）。"
)
def parse(
    files: tuple[Path, ...],
    as_json: bool,
    out: Path | None,
    jobs: int | None,
    limit_seconds: float | None,
    limit_pages: int | None,
    limit_mb: int | None,
    with_checks: bool,
) -> None:
    """读取年度报告，输出其中的数据（格式、年度、机关与各表数值）。

    加 --out 为批量模式：读取所有文件和文件夹中的报告，结果写入 .jsonl 或 .csv，
    无法读取的文件记为错误而不中断。退出码：0 全部读取，2 有文件无法读取。
    """
    if out is not None:
        if as_json:
            raise click.UsageError("--json 与 --out 不能同时使用：批量模式的格式由输出文件的后缀决定。")
        limits = _limits(limit_seconds, limit_pages, limit_mb)
        sys.exit(_parse_batch(files, out, jobs or _cores(), limits, with_checks))
    batch_only = {
        "--jobs": jobs,
        "--limit-seconds": limit_seconds,
        "--limit-pages": limit_pages,
        "--limit-mb": limit_mb,
        "--check": with_checks or None,
    }
    given = [name for name, value in batch_only.items() if value is not None]
    if given:
        raise click.UsageError(f"{'、'.join(given)} 只用于批量模式，请同时指定 --out。")
    console = Console(soft_wrap=True)
    status = EXIT_OK
    for path in files:
        try:
            loaded = load_report(path)
        except GongkaiError as error:
            status = EXIT_UNREADABLE
            _fail_read(path, error)
            continue
        if as_json:
            console.print(jsonio.dumps(loaded.report, indent=None), markup=False, highlight=False)
        else:
            _print_summary(console, loaded)
    sys.exit(status)


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--out",
    required=True,
    type=click.Path(path_type=Path, dir_okay=False),
    help="开放数据文件：.csv（UTF-8，带 BOM，Excel 可直接打开）或 .xlsx；每个单元格一行。",
)
@click.option(
    "--reports",
    type=click.Path(path_type=Path, dir_okay=False),
    help="各报告的规范 JSON（每份一行）写入此 .jsonl 文件，默认与 --out 同名；"
    "再次运行时只读取新增或改过的文档。",
)
@click.option(
    "--levels",
    type=click.Path(path_type=Path, dir_okay=False),
    help="机关层级：两列的 CSV（机关名称、层级，第一行为表头），按报告所印发布机关填入 level 列。",
)
@_batch_options("")
def opendata(
    files: tuple[Path, ...],
    out: Path,
    reports: Path | None,
    levels: Path | None,
    jobs: int | None,
    limit_seconds: float | None,
    limit_pages: int | None,
    limit_mb: int | None,
) -> None:
    """把一批报告的各表数据输出为开放数据（长表，每个单元格一行）。

    读取 FILES（文件或文件夹）中的全部报告（同 parse --out，并行、限时、可续读），各报告的规范 JSON
    写入 --reports 文件，再把其中每个单元格写成一行：机关、层级、年度、格式、表、行、列、行名、列名、数值、
    来源文件及其 SHA-256。退出码：0 全部读取，2 有文件无法读取（已记为错误行）。
    """
    if out.suffix.lower() not in EXPORT_SUFFIXES:
        raise click.UsageError(f"--out 应以 .csv 或 .xlsx 结尾，实为 {out.name}")
    results = reports or out.with_suffix(f".{ResultsKind.JSONL.value}")
    try:
        if results_kind(results) is not ResultsKind.JSONL:
            raise click.UsageError(f"--reports 应以 .jsonl 结尾，实为 {results.name}")
        body_levels = read_levels(levels) if levels is not None else None
    except GongkaiError as error:
        raise click.UsageError(error.message) from None
    status = _parse_batch(
        files, results, jobs or _cores(), _limits(limit_seconds, limit_pages, limit_mb), False
    )
    documents = {str(path) for path in find_documents(files)}
    summary = export_cells(results, out, files=documents, levels=body_levels)
    Console(stderr=True, soft_wrap=True).print(
        f"已写入 {escape(str(out))}：{summary.reports} 份报告、{summary.unreadable} 份无法读取，"
        f"共 {summary.rows} 行；各报告的规范 JSON 在 {escape(str(results))}。"
    )
    sys.exit(status)


def _parse_batch(files: Sequence[Path], out: Path, jobs: int, limits: Limits, with_checks: bool) -> int:
    try:
        plan = plan_batch(files, out, max_bytes=limits.max_bytes)
    except GongkaiError as error:
        raise click.UsageError(error.message) from None
    if with_checks and plan.kind is ResultsKind.CSV:
        raise click.UsageError("--check 的发现只能写入 .jsonl 文件；.csv 只记录各单元格的数值。")
    err = Console(stderr=True, soft_wrap=True)
    failed = 0
    with Progress(*Progress.get_default_columns(), MofNCompleteColumn(), console=err) as progress:
        task = progress.add_task("读取中", total=len(plan.todo))
        try:
            for outcome in run_batch(plan, jobs=jobs, limits=limits, check=with_checks):
                if outcome.error_code is not None:
                    failed += 1
                    progress.console.print(
                        f"[bold red]无法读取[/] {escape(outcome.file)} [dim]({outcome.error_code})[/]"
                    )
                progress.advance(task)
        except GongkaiError as error:  # the workers could not start: nothing can be read
            err.print(f"[bold red]批量读取中止[/]：{escape(error.message)} [dim]({error.code})[/]")
            return EXIT_UNREADABLE
    err.print(
        f"读取 {len(plan.todo) - failed} 份，无法读取 {failed} 份（已记为错误），"
        f"跳过 {plan.skipped} 份（{escape(str(out))} 中已有）。"
    )
    return EXIT_UNREADABLE if failed else EXIT_OK


def _cores() -> int:
    return len(os.sched_getaffinity(0))


@main.command()
@click.argument("report", type=click.Path(path_type=Path))
@click.option("--to", "kind", required=True, type=click.Choice(sorted(RENDERERS)), help="输出格式。")
@click.option("-o", "--output", type=click.Path(path_type=Path), help="输出文件；省略时按报告文件名加后缀。")
def render(report: Path, kind: str, output: Path | None) -> None:
    """把报告（规范 JSON 或可读取的文档）输出为 HTML、Word、PDF、Excel、Markdown、文本或 JSON。

    已发布版本的规范 JSON 带有版本标记（第几版、发布日期、更正说明），输出文件中照样印出。
    """
    renderer = RENDERERS[kind]
    try:
        loaded = load_report(report)
    except GongkaiError as error:
        _fail_read(report, error)
        sys.exit(EXIT_UNREADABLE)
    target = output or report.with_suffix(renderer.suffix)
    if target.resolve() == report.resolve():
        raise click.UsageError(f"输出文件与输入文件相同：{target}")
    target.write_bytes(renderer.render(loaded.report, loaded.publication))
    Console(stderr=True).print(f"已写入 {escape(str(target))}（{renderer.description}）")


@main.command()
@click.argument("aggregate", type=click.Path(path_type=Path))
@click.argument("subordinates", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出（每项发现一行），供程序使用。")
def rollup(aggregate: Path, subordinates: tuple[Path, ...], as_json: bool) -> None:
    """层级汇总核对：汇总报告的每个单元格是否等于各下级报告该单元格之和。

    AGGREGATE 是一级政府的汇总报告，SUBORDINATE 是其下级机关同一年度的报告（文档或规范 JSON；
    汇总含本级数据时，把本级报告也列为下级报告）。机关名称取报告所印的发布机关，读不出时用文件名。
    退出码：0 比较的单元格全部一致，1 有不一致的单元格，2 有文件无法读取（不作核对）。
    """
    paths = [aggregate, *subordinates]
    if len({path.resolve() for path in paths}) < len(paths):
        raise click.UsageError("同一文件指定了不止一次。")
    out = Console(soft_wrap=True) if as_json else Console()
    loaded: list[LoadedReport] = []
    for path in paths:
        try:
            loaded.append(load_report(path))
        except GongkaiError as error:
            if as_json:
                _print_json(out, {"file": str(path), "error": {"code": error.code, "message": error.message}})
            else:
                _fail_read(path, error)
    if len(loaded) < len(paths):
        if not as_json:
            Console(stderr=True).print("有文件无法读取，未作汇总核对。")
        sys.exit(EXIT_UNREADABLE)
    top, *rest = loaded
    result = roll_up(top.report, body_names([(item.path, item.report) for item in rest]))
    if as_json:
        for record in result.records():
            _print_json(out, record)
    else:
        _print_rollup(out, top, result)
    sys.exit(EXIT_FINDINGS if result.differences else EXIT_OK)


def _print_rollup(out: Console, aggregate: LoadedReport, result: Rollup) -> None:
    report = aggregate.report
    name = escape(report.agency or aggregate.path.name)
    year = f" {report.year}年度" if report.year is not None else ""
    out.print(f"[bold]汇总报告[/]：{name}{year}（{escape(str(aggregate.path))}）")
    out.print(f"[bold]参与汇总的下级报告[/] {len(result.summed)} 份：{escape('、'.join(result.summed))}")
    for found in result.findings:
        if found.code != RollupCode.ROLLUP:
            out.print(f"  [yellow]{found.severity.label}[/] {found.code} {escape(found.message)}")
    if result.differences:
        table = Table(show_lines=False, expand=True)
        table.add_column("单元格", overflow="fold", ratio=3)
        table.add_column("汇总报告", justify="right", no_wrap=True)
        table.add_column("下级报告之和", justify="right", no_wrap=True)
        table.add_column("差额", justify="right", no_wrap=True)
        table.add_column("下级报告", overflow="fold", ratio=4)
        for difference in result.differences:
            table.add_row(*(escape(text) for text in _difference_row(difference)))
        out.print(table)
        out.print(
            f"比较 {result.compared_cells} 个单元格，[bold]{len(result.differences)} 个[/]"
            "不等于下级报告之和。"
        )
    else:
        out.print(f"[green]比较 {result.compared_cells} 个单元格，全部等于下级报告之和。[/]")


def _difference_row(difference: RollupDifference) -> tuple[str, str, str, str, str]:
    """单元格, 汇总报告, 下级报告之和, 差额 (多/少 as the aggregate reports), the subordinates that added."""
    unit = "" if difference.unit is None else difference.unit.value
    gap = difference.difference
    direction = messages.ROLLUP_MORE if gap > 0 else messages.ROLLUP_LESS
    aggregate = (
        messages.ROLLUP_BLANK
        if difference.aggregate.is_blank
        else messages.amount(difference.aggregate_amount) + unit
    )
    parts = messages.LIST_SEPARATOR.join(
        messages.ROLLUP_PART.format(body=part.body, value=messages.amount(part.amount or 0) + unit)
        for part in difference.contributors
    )
    return (
        difference.table.describe(difference.row_id, difference.column_id),
        aggregate,
        messages.amount(difference.total) + unit,
        f"{direction} {messages.amount(gap if gap > 0 else -gap)}{unit}",
        parts or messages.ROLLUP_NO_PART,
    )


def _each(
    paths: Sequence[Path], previous: LoadedReport | None
) -> Iterator[tuple[Path, Audit | GongkaiError]]:
    with _progress(len(paths)) as advance:
        for path in paths:
            try:
                yield path, audit(load_report(path), previous)
            except GongkaiError as error:
                yield path, error
            advance()


@contextmanager
def _progress(total: int) -> Iterator[Callable[[], None]]:
    if total <= PROGRESS_THRESHOLD:
        yield lambda: None
        return
    with Progress(console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task("核查中", total=total)
        yield lambda: progress.advance(task)


def _fail_read(path: Path, error: GongkaiError) -> None:
    Console(stderr=True, soft_wrap=True).print(
        f"[bold red]无法读取[/] {escape(str(path))}：{escape(error.message)} [dim]({error.code})[/]"
    )


def _print_json(out: Console, data: object) -> None:
    out.print(json.dumps(data, ensure_ascii=False), markup=False, highlight=False)


def _audit_json(result: Audit) -> dict[str, object]:
    report = result.report
    return {
        "file": str(result.loaded.path),
        "format": None if report.format is None else str(report.format),
        "year": report.year,
        "agency": report.agency,
        "errors": result.count(Severity.ERROR),
        "warnings": result.count(Severity.WARNING),
        "findings": [finding.to_json() for finding in result.findings],
    }


def _print_summary(out: Console, loaded: LoadedReport) -> None:
    report = loaded.report
    out.print(
        f"[bold]{escape(str(loaded.path))}[/]  机关：{escape(report.agency or '未识别')}  "
        f"年度：{report.year or '未识别'}  格式：{report.format or '未识别'}  "
        f"读取时发现 {len(loaded.findings)} 项问题"
    )


def _print_audit(out: Console, result: Audit) -> None:
    _print_summary(out, result.loaded)
    if not result.findings:
        out.print("  [green]未发现问题。[/]")
        return
    table = Table(show_lines=False, expand=True)
    table.add_column("级别", no_wrap=True)
    table.add_column("代码", no_wrap=True)
    table.add_column("位置", overflow="fold", ratio=2)
    table.add_column("说明", overflow="fold", ratio=5)
    for finding in _ordered(result.findings):
        style = _SEVERITY_STYLE[finding.severity]
        table.add_row(
            f"[{style}]{finding.severity.label}[/]",
            finding.code,
            escape(finding.where + (f"\n（原文{finding.source}）" if finding.source else "")),
            escape(finding.message),
        )
    out.print(table)
    out.print(
        f"  错误 {result.count(Severity.ERROR)} 项，警告 {result.count(Severity.WARNING)} 项，"
        f"提示 {result.count(Severity.INFO)} 项。"
    )


def _ordered(findings: Sequence[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda finding: finding.severity.rank)
