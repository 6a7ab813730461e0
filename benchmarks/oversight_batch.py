"""Oversight throughput: 1,000 mixed reports read, checked and written to JSONL by the batch.

    python benchmarks/oversight_batch.py [--reports 1000] [--jobs 2] [--profile 60]

What a 政务公开办 runs on a year's reports: ``gongkai parse DIR --out results.jsonl --check``
over a folder of TXT, HTML and DOCX reports (a third each), generated from the corpus's real
reports with varied figures: every count of a base report multiplied by a factor drawn from
1–40 (so the balances still hold, as in most published reports), the fee by a decimal factor,
the body renamed and the year drawn from 2021–2025. Generation is not timed.

Measured end to end, in a fresh ``gongkai`` process with ``--jobs`` workers: planning (walking
the folder and hashing each file), reading each document, every check (balances, format, text),
and appending each record (canonical JSON and findings) to the JSONL file. Not measured:
storing in a database, which the web application adds. The run is made twice: once timed
(only the CPU time of the process tree is noted, every 50 ms), once with the memory of the
tree sampled every 50 ms (records written, RSS of the gongkai process, PSS of the tree).

``--profile N`` also reads and checks N of the documents in this process under cProfile and
prints where the time goes, by file format.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import random
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from gongkai.annual.audit import audit, load_report
from gongkai.annual.batch import DocumentTask, read_document
from gongkai.annual.model import AnnualReport, Cell, Table
from gongkai.annual.parse.limits import DEFAULT_LIMITS
from gongkai.annual.render import RENDERERS
from gongkai.annual.results import ResultsKind, report_record
from gongkai.formats import ValueKind
from parse import MIB, cpu_seconds, descendants, machine, tree_memory

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
FILE_FORMATS = ("txt", "html", "docx")
DOCUMENT_SUFFIXES = {".txt", ".md", ".html", ".pdf"}
FACTORS = range(1, 41)
YEARS = range(2021, 2026)
BODIES = (
    "民政局",
    "司法局",
    "财政局",
    "教育局",
    "卫生健康委员会",
    "自然资源和规划局",
    "人民政府",
    "住房和城乡建设局",
)
PLACES = ("东城", "西湖", "南山", "北塘", "清河", "安平", "永宁", "长乐", "新丰", "和平")
SAMPLE_SECONDS = 0.05
MARKS = (100, 250, 500, 750, 1000)


def base_reports() -> list[AnnualReport]:
    """The corpus reports in the 2021 format that read and check without an error, one per set of tables,
    without the text of the sections that hold tables (a document flattened from a PDF keeps the
    table's lines there; rendered again, the table would be printed twice)."""
    documents = sorted(path for path in (DATA / "corpus").iterdir() if path.suffix in DOCUMENT_SUFFIXES)
    documents += sorted((DATA / "seeds").glob("*.txt"))
    kept: list[AnnualReport] = []
    for path in documents:
        checked = audit(load_report(path))
        report = checked.report
        if (
            checked.has_errors
            or report.format != "2021"
            or any(report.tables == base.tables for base in kept)
        ):
            continue
        numbers = {table.spec.number for table in report.tables}
        sections = tuple(replace(s, text="") if s.number in numbers else s for s in report.sections)
        kept.append(replace(report, sections=sections))
    return kept


def varied(report: AnnualReport, rng: random.Random, number: int) -> AnnualReport:
    """The report with its figures scaled (balances kept), another body and another year."""
    factor = rng.choice(FACTORS)
    fee_factor = Decimal(rng.randint(1, 4000)) / 100
    tables = []
    for table in report.tables:
        cells = []
        for row, column_id, cell in table.items():
            kind = row.column(column_id).kind
            if cell.value is None:
                cells.append(cell)
            elif kind is ValueKind.MONEY:
                cells.append(Cell.number(Decimal(cell.value) * fee_factor, cell.unit))
            else:
                cells.append(Cell.number(cell.value * factor))
        tables.append(Table(table.spec, tuple(cells)))
    year = rng.choice(YEARS)
    agency = f"{rng.choice(PLACES)}县{rng.choice(BODIES)}"
    # Every document's text differs, as real reports' do (no cache may serve one report's text to another).
    sections = tuple(
        replace(section, text=f"{section.text}\n（{agency}第{number}号报告）") if section.text else section
        for section in report.sections
    )
    changed = replace(
        report, year=year, agency=agency, title=f"{agency}{year}年政府信息公开工作年度报告", sections=sections
    )
    for table in tables:
        changed = changed.with_table(table)
    return changed


def generate(folder: Path, count: int, seed: int) -> dict[str, int]:
    rng = random.Random(seed)
    bases = base_reports()
    made = dict.fromkeys(FILE_FORMATS, 0)
    for number in range(count):
        file_format = FILE_FORMATS[number % len(FILE_FORMATS)]
        report = varied(rng.choice(bases), rng, number)
        (folder / f"{number:05d}.{file_format}").write_bytes(RENDERERS[file_format].render(report))
        made[file_format] += 1
    return {"bases": len(bases), **made}


def run_command(
    folder: Path, out: Path, jobs: int, *, sample: bool
) -> tuple[list[tuple[float, int, int, int]], float]:
    """``gongkai parse folder --out out --check --jobs jobs``; samples (seconds, records, parent RSS,
    tree PSS) when ``sample``, else only the CPU seconds of the process tree."""
    command = "from gongkai.cli import main; main()"
    errors = out.with_suffix(".stderr")
    started = time.perf_counter()
    with errors.open("wb") as stderr:
        process = subprocess.Popen(
            [
                sys.executable,
                "-c",
                command,
                "parse",
                str(folder),
                "--out",
                str(out),
                "--check",
                "--jobs",
                str(jobs),
            ],
            stdout=subprocess.DEVNULL,
            stderr=stderr,
        )
        samples: list[tuple[float, int, int, int]] = []
        cpu: dict[int, float] = {}
        records = read_to = 0
        while process.poll() is None:
            if sample:
                if out.exists():
                    with out.open("rb") as stream:
                        stream.seek(read_to)
                        chunk = stream.read()
                    records += chunk.count(b"\n")
                    read_to += len(chunk)
                samples.append((time.perf_counter() - started, records, *tree_memory(process.pid)))
            else:
                for pid in descendants(process.pid):
                    cpu[pid] = max(cpu.get(pid, 0.0), cpu_seconds(pid))
            time.sleep(SAMPLE_SECONDS)
    if process.returncode != 0:
        raise SystemExit(errors.read_text(encoding="utf-8"))
    return samples, sum(cpu.values())


def profile(folder: Path, count: int) -> None:
    """Read and check ``count`` documents per file format in this process: first timed stage by
    stage (CPU time, no profiler), then under cProfile. cProfile charges its own overhead to every
    call, so code that calls a builtin per character looks far slower under it than it is; the
    stage times are the ones to trust."""
    for file_format in FILE_FORMATS:
        paths = sorted(folder.glob(f"*.{file_format}"))[:count]
        read_document(DocumentTask(str(paths[0]), None, DEFAULT_LIMITS, True, ResultsKind.JSONL))  # warm up
        stages = dict.fromkeys(("read", "checks", "record"), 0.0)
        for path in paths:
            started = time.process_time()
            loaded = load_report(path)
            read = time.process_time()
            findings = audit(loaded).findings
            checked = time.process_time()
            report_record(
                ResultsKind.JSONL,
                file=str(path),
                sha256="",
                report=loaded.report,
                document_kind=loaded.kind,
                layout=None,
                findings=findings,
            )
            stages["read"] += read - started
            stages["checks"] += checked - read
            stages["record"] += time.process_time() - checked
        each = {stage: 1000 * seconds / len(paths) for stage, seconds in stages.items()}
        print(
            f"\n## {file_format}: {len(paths)} documents, CPU ms each: "
            + ", ".join(f"{stage} {ms:.2f}" for stage, ms in each.items())
            + f", total {sum(each.values()):.2f}"
        )
        tasks = [DocumentTask(str(path), None, DEFAULT_LIMITS, True, ResultsKind.JSONL) for path in paths]
        profiler = cProfile.Profile()
        profiler.enable()
        for task in tasks:
            read_document(task)
        profiler.disable()
        text = io.StringIO()
        pstats.Stats(profiler, stream=text).sort_stats("tottime").print_stats(12)
        print("\n".join(line for line in text.getvalue().splitlines() if line.strip()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=1000)
    parser.add_argument("--jobs", type=int, default=len(os.sched_getaffinity(0)))
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--profile", type=int, default=0, help="documents per format to profile in-process")
    parser.add_argument(
        "--documents", type=Path, help="keep the generated documents here; reuse them if present"
    )
    arguments = parser.parse_args()
    print(machine())
    with tempfile.TemporaryDirectory() as scratch:
        folder = arguments.documents or Path(scratch) / "reports"
        if not folder.is_dir() or not any(folder.iterdir()):
            folder.mkdir(parents=True, exist_ok=True)
            started = time.perf_counter()
            made = generate(folder, arguments.reports, arguments.seed)
            print(f"generated {made} in {time.perf_counter() - started:.1f} s")
        size = sum(path.stat().st_size for path in folder.iterdir())
        print(f"documents: {len(list(folder.iterdir()))} files, {size / MIB:.1f} MB")
        timed = Path(scratch) / "timed.jsonl"
        started = time.perf_counter()
        _, cpu = run_command(folder, timed, arguments.jobs, sample=False)
        wall = time.perf_counter() - started
        records = timed.read_bytes().count(b"\n")
        errors = sum(1 for line in timed.read_text(encoding="utf-8").splitlines() if '"error":' in line[:400])
        print(
            f"timed: {records} records ({errors} unreadable) in {wall:.2f} s = {records / wall:.1f} "
            f"reports/s on {arguments.jobs} workers; process tree {cpu:.1f} CPU-s = "
            f"{records / cpu:.1f} reports per CPU-s"
        )
        samples, _ = run_command(folder, Path(scratch) / "sampled.jsonl", arguments.jobs, sample=True)
        print(
            "| records written | seconds | peak RSS of the gongkai process | peak PSS of the process tree |"
        )
        print("|---|---|---|---|")
        for mark in (mark for mark in MARKS if mark <= arguments.reports):
            upto = [sample for sample in samples if sample[1] <= mark]
            print(
                f"| ≤ {mark} | {max(s[0] for s in upto):.1f} | {max(s[2] for s in upto) / MIB:.0f} MB "
                f"| {max(s[3] for s in upto) / MIB:.0f} MB |"
            )
        if arguments.profile:
            profile(folder, arguments.profile)


if __name__ == "__main__":
    main()
