"""Reading speed and memory per document kind, beside pdfplumber's ``extract_tables``; batch memory.

    python benchmarks/parse.py [--seconds 5] [--batch-files 1000] [--out DIR]

Documents: the corpus files of each kind (tests/data/corpus) and reports rendered by gongkai
(the two seed reports and every corpus ``expected.json`` that loads) as text, markdown, HTML,
DOCX and PDF. Each kind is measured in a fresh process on one core: reports read per second
(wall time, one process, so per core), the process's peak RSS, and the largest Python heap
peak of one document (tracemalloc; C allocations such as pdfium's are in the RSS only).
pdfplumber's ``extract_tables`` runs on the same PDFs in a fresh process of its own, as the
baseline a user would otherwise reach for. The batch part runs ``gongkai parse DIR --out``
over copies of the documents and samples the memory of the whole process tree as it goes.
Not part of the test suite: figures go to BENCHMARKS.md with the machine and the date.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "data" / "corpus"
SEEDS = ROOT / "tests" / "data" / "seeds"
KINDS = ("txt", "md", "html", "docx", "pdf")
CORPUS_SUFFIX = {"txt": ".txt", "md": ".md", "html": ".html", "docx": ".docx", "pdf": ".pdf"}
TABLES = ("proactive", "applications", "review_litigation")
NUMBER = re.compile(r"^\s*-?\d+(?:\.\d+)?\s*$")
KIB = 1024
MIB = 1024 * 1024


def prepare(folder: Path) -> None:
    """Write every document measured into ``folder/<kind>/``, with ``<name>.expected.json`` beside."""
    from gongkai.annual import jsonio  # noqa: PLC0415 - imported in the process that renders
    from gongkai.annual.parse import parse_path  # noqa: PLC0415
    from gongkai.annual.render import render_docx, render_html, render_markdown, render_text  # noqa: PLC0415
    from gongkai.annual.render.pdf import render_pdf  # noqa: PLC0415

    reports = [(seed.stem, parse_path(seed).report) for seed in sorted(SEEDS.glob("*.txt"))]
    for expected in sorted(CORPUS.glob("*.expected.json")):
        try:
            reports.append((expected.name.split(".")[0], jsonio.loads(expected.read_text(encoding="utf-8"))))
        except Exception:  # a corpus file the canonical loader refuses is left out
            continue
    renderers = {
        "txt": lambda report: render_text(report).encode(),
        "md": lambda report: render_markdown(report).encode(),
        "html": lambda report: render_html(report).encode(),
        "docx": render_docx,
        "pdf": render_pdf,
    }
    for kind in KINDS:
        target = folder / kind
        target.mkdir(parents=True)
        for source in sorted(CORPUS.glob("[0-9]*" + CORPUS_SUFFIX[kind])):
            shutil.copy(source, target / source.name)
            shutil.copy(CORPUS / (source.stem + ".expected.json"), target / (source.stem + ".expected.json"))
        for name, report in reports:
            (target / f"rendered-{name}.{kind}").write_bytes(renderers[kind](report))
            (target / f"rendered-{name}.expected.json").write_text(jsonio.dumps(report), encoding="utf-8")


def documents(folder: Path) -> list[tuple[str, bytes, dict[str, Any]]]:
    found = []
    for path in sorted(folder.iterdir()):
        if not path.name.endswith(".expected.json"):
            expected = json.loads(
                (folder / (path.stem + ".expected.json")).read_text(encoding="utf-8"), parse_float=Decimal
            )
            found.append((path.name, path.read_bytes(), expected))
    return found


def expected_cells(expected: dict[str, Any]) -> dict[tuple[str, str, str], Any]:
    """The non-blank numeric cells a document prints, by (table, row, column)."""
    cells = {}
    for table in TABLES:
        for row, columns in (expected.get(table) or {}).items():
            for column, value in columns.items():
                if isinstance(value, (int, Decimal)) and not column.endswith("_unit"):
                    cells[table, row, column] = value
    return cells


def _status(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) * KIB
    return 0


def rss_now() -> int:
    return _status("VmRSS")


def peak_rss() -> int:
    """This process's high-water RSS (VmHWM: unlike ru_maxrss, not inherited across exec)."""
    return _status("VmHWM")


def measure_gongkai(folder: Path, seconds: float) -> dict[str, Any]:
    """Runs in a fresh process: read every document of one kind over and over for ``seconds``."""
    from gongkai.annual.jsonio import report_to_dict  # noqa: PLC0415
    from gongkai.annual.parse import parse_bytes  # noqa: PLC0415

    docs = documents(folder)
    right = total = 0
    for name, data, expected in docs:  # warm-up (imports, caches) and accuracy
        got = report_to_dict(parse_bytes(data, name).report)
        for (table, row, column), value in expected_cells(expected).items():
            total += 1
            right += (got.get(table) or {}).get(row, {}).get(column) == value
    rss_before = rss_now()
    heap_peak = 0
    for name, data, _ in docs:
        tracemalloc.start()
        parse_bytes(data, name)
        heap_peak = max(heap_peak, tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()
    count, started, cpu = 0, time.perf_counter(), time.process_time()
    while time.perf_counter() - started < seconds:
        for name, data, _ in docs:
            parse_bytes(data, name)
            count += 1
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu
    return {
        "documents": len(docs),
        "reads": count,
        "per_second": count / wall,
        "per_cpu_second": count / cpu,
        "cpu_share": cpu / wall,
        "ms_per_document": 1000 * wall / count,
        "peak_rss": peak_rss(),
        "rss_before": rss_before,
        "heap_peak": heap_peak,
        "cells_right": right,
        "cells_expected": total,
    }


def measure_pdfplumber(folder: Path, seconds: float) -> dict[str, Any]:
    """Runs in a fresh process: pdfplumber's extract_tables on every page of the same PDFs."""
    import pdfplumber  # noqa: PLC0415

    def tables(data: bytes) -> list[list[list[str | None]]]:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            return [table for page in pdf.pages for table in page.extract_tables()]

    docs = documents(folder)
    found = total = 0
    for _, data, expected in docs:
        cells = [cell for table in tables(data) for row in table for cell in row]
        found += sum(1 for cell in cells if cell is not None and NUMBER.match(cell))
        total += len(expected_cells(expected))
    rss_before = rss_now()
    count, started, cpu = 0, time.perf_counter(), time.process_time()
    while time.perf_counter() - started < seconds:
        for _, data, _ in docs:
            tables(data)
            count += 1
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu
    return {
        "documents": len(docs),
        "reads": count,
        "per_second": count / wall,
        "per_cpu_second": count / cpu,
        "cpu_share": cpu / wall,
        "ms_per_document": 1000 * wall / count,
        "peak_rss": peak_rss(),
        "rss_before": rss_before,
        "numeric_cells_found": found,
        "cells_expected": total,
    }


def in_fresh_process(what: str, folder: Path, seconds: float) -> dict[str, Any]:
    completed = subprocess.run(
        [sys.executable, __file__, "--measure", what, "--folder", str(folder), "--seconds", str(seconds)],
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, Any] = json.loads(completed.stdout)
    return result


def descendants(root: int) -> list[int]:
    """``root`` and every process below it (the fork server and the workers)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry.name))
    found, pending = [], [root]
    while pending:
        pid = pending.pop()
        found.append(pid)
        pending.extend(children.get(pid, ()))
    return found


def cpu_seconds(pid: int) -> float:
    """User + system CPU time a process has used so far."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def tree_memory(root: int) -> tuple[int, int]:
    """(RSS of ``root``, PSS summed over ``root`` and all its descendants), in bytes."""
    total = root_rss = 0
    for pid in descendants(root):
        try:
            rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
        except OSError:
            continue
        for line in rollup.splitlines():
            if line.startswith("Pss:"):
                total += int(line.split()[1]) * KIB
            if pid == root and line.startswith("Rss:"):
                root_rss = int(line.split()[1]) * KIB
    return root_rss, total


def run_batch_command(
    folder: Path, out: Path, jobs: int, *, sample: bool
) -> tuple[list[tuple[int, int, int]], float]:
    """Run ``gongkai parse folder --out out``. With ``sample``, every 50 ms note (records written,
    RSS of the gongkai process, PSS of its whole process tree); sampling memory costs CPU, so the
    timed run only notes, every 50 ms, the CPU time each process of the tree has used (its last
    note is within 50 ms of its end). Returns the samples and the CPU seconds of the tree."""
    command = "from gongkai.cli import main; main()"  # the gongkai command, from this interpreter's path
    errors = out.with_suffix(".stderr")
    with errors.open("wb") as stderr:
        process = subprocess.Popen(
            [sys.executable, "-c", command, "parse", str(folder), "--out", str(out), "--jobs", str(jobs)],
            stdout=subprocess.DEVNULL,
            stderr=stderr,
        )
        samples: list[tuple[int, int, int]] = []
        records = read_to = 0
        cpu: dict[int, float] = {}
        while process.poll() is None:
            if not sample:
                for pid in descendants(process.pid):
                    cpu[pid] = max(cpu.get(pid, 0.0), cpu_seconds(pid))
            if sample and out.exists():
                with out.open("rb") as stream:
                    stream.seek(read_to)
                    chunk = stream.read()
                records += chunk.count(b"\n")
                read_to += len(chunk)
                samples.append((records, *tree_memory(process.pid)))
            time.sleep(0.05)
    if not out.exists():
        raise SystemExit(errors.read_text(encoding="utf-8"))
    return samples, sum(cpu.values())


def measure_batch(prepared: Path, files: int, jobs: int) -> dict[str, Any]:
    """The batch over ``files`` copies of the prepared documents: once timed, once sampled for memory."""
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "documents"
        folder.mkdir()
        sources = sorted(
            path for path in prepared.rglob("*") if path.is_file() and not path.name.endswith(".json")
        )
        for number in range(files):
            source = sources[number % len(sources)]
            shutil.copy(source, folder / f"{number:05d}-{source.name}")
        timed, sampled = Path(scratch) / "timed.jsonl", Path(scratch) / "sampled.jsonl"
        started = time.perf_counter()
        _, cpu = run_batch_command(folder, timed, jobs, sample=False)
        wall = time.perf_counter() - started
        lines = timed.read_bytes().count(b"\n")
        samples, _ = run_batch_command(folder, sampled, jobs, sample=True)
    marks = {}
    for mark in sorted({100, files // 2, files}):
        upto = [sample for sample in samples if sample[0] <= mark]
        marks[mark] = {
            "parent_rss": max(sample[1] for sample in upto),
            "tree_pss": max(sample[2] for sample in upto),
        }
    return {
        "files": files,
        "records": lines,
        "seconds": wall,
        "per_second": lines / wall,
        "cpu_seconds": cpu,
        "marks": marks,
    }


def machine() -> dict[str, str]:
    model = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if "model name" in line
        ),
        platform.processor(),
    )
    memory = next(
        line for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal")
    )
    return {
        "cpu": model,
        "cores": str(len(os.sched_getaffinity(0))),
        "memory": f"{int(memory.split()[1]) / MIB:.1f} GiB",
        "python": platform.python_version(),
        "date": time.strftime("%Y-%m-%d"),
        "load average at start": " ".join(f"{load:.2f}" for load in os.getloadavg()),
    }


def table_row(kind: str, result: dict[str, Any]) -> str:
    expected = result["cells_expected"]
    if kind == "pdfplumber":
        heap = "–"
        cells = (
            f"{result['numeric_cells_found']} numeric cells found / {expected} printed (places not checked)"
        )
    else:
        heap = f"{result['heap_peak'] / MIB:.1f} MB"
        share = 100 * result["cells_right"] / max(1, expected)
        cells = f"{result['cells_right']}/{expected} read right ({share:.1f}%)"
    return (
        f"| {kind} | {result['documents']} | {result['per_second']:.0f} | {result['per_cpu_second']:.0f} "
        f"| {result['cpu_share']:.2f} "
        f"| {result['ms_per_document']:.2f} | {result['peak_rss'] / MIB:.0f} MB | {heap} | {cells} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5.0, help="time spent reading each kind")
    parser.add_argument("--batch-files", type=int, default=1000)
    parser.add_argument("--jobs", type=int, default=len(os.sched_getaffinity(0)))
    parser.add_argument("--measure", choices=[*KINDS, "pdfplumber"], help=argparse.SUPPRESS)
    parser.add_argument("--folder", type=Path, help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.measure is not None:
        measure = measure_pdfplumber if arguments.measure == "pdfplumber" else measure_gongkai
        print(json.dumps(measure(arguments.folder, arguments.seconds)))
        return

    print(json.dumps(machine()))
    with tempfile.TemporaryDirectory() as scratch:
        prepared = Path(scratch)
        prepare(prepared)
        print("| kind | docs | reports/s | per CPU-s | CPU share | ms each | peak RSS | heap peak | cells |")
        print("|---|---|---|---|---|---|---|---|---|")
        for kind in (*KINDS, "pdfplumber"):
            folder = prepared / ("pdf" if kind == "pdfplumber" else kind)
            print(table_row(kind, in_fresh_process(kind, folder, arguments.seconds)), flush=True)
        batch = measure_batch(prepared, arguments.batch_files, arguments.jobs)
        per_cpu_second = batch["records"] / batch["cpu_seconds"]
        print(
            f"\nbatch: {batch['records']} records from {batch['files']} files in {batch['seconds']:.1f} s "
            f"({batch['per_second']:.0f}/s on {arguments.jobs} workers); the process tree used "
            f"{batch['cpu_seconds']:.1f} CPU-s: {per_cpu_second:.0f} reports per CPU-s"
        )
        print("| records written | peak RSS of the gongkai process | peak PSS of the process tree |")
        print("|---|---|---|")
        for mark, memory in batch["marks"].items():
            print(f"| ≤ {mark} | {memory['parent_rss'] / MIB:.0f} MB | {memory['tree_pss'] / MIB:.0f} MB |")


if __name__ == "__main__":
    main()
