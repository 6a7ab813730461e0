"""Oversight intake end to end: 1,000 mixed reports uploaded, read in child processes, stored in PostgreSQL.

    python benchmarks/oversight_intake.py --database postgres://postgres@127.0.0.1:5432/gk_bench \
        [--reports 1000] [--workers 2]

The documents are those of ``oversight_batch.py`` (TXT, HTML and DOCX, a third each, generated
from the corpus's real reports with varied figures, every document's text different); generation
is not timed. The database named is dropped and created again, then migrated (not timed).

Measured, in two timed phases that together are the end-to-end figure:

1. **upload** — in this process, the service the 批量接收 page calls (`services.receive_batch`),
   as one supervisor, in batches of 500 (the most one batch takes): each file hashed (SHA-256),
   stored once in PostgreSQL (`Document`), its `IntakeFile` row written, the batch queued in
   django-tasks' database queue.
2. **reading** — ``--workers`` processes of ``python -m gongkai_web intake_worker --batch`` (the
   background worker `gongkai serve` starts), started together and run until the queue is empty:
   each claims a file (``select_for_update(skip_locked)``), reads and checks it in a bounded child
   process (the fork-server pool, 60 s and 2 GB per document), and stores the reading (canonical
   JSON, every finding, the provenance of every value) and settles the file (its body found from
   the report's title or file name), each in its own transaction. Each batch is queued once more
   so that every worker works on every batch.

CPU: this process's CPU time and its PostgreSQL backend's during the upload; during the reading,
every 100 ms, the CPU time of every process of each worker's tree and of every PostgreSQL backend
connected to the benchmark's database (the counting connection excepted), the last value seen of
each summed. Reports per CPU-second does not depend on what else the machine runs; reports per
second does (the machine is shared).

Memory: during the reading, every 100 ms, the files settled (one count query), and the PSS summed
over each worker's process tree (the worker, the fork server and its reading child).
``GONGKAI_DEBUG`` is off in the workers (Django would otherwise keep every query in memory).
"""

from __future__ import annotations

import argparse
import io
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from oversight_batch import FILE_FORMATS, generate

from parse import MIB, cpu_seconds, descendants, machine, tree_memory

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_SECONDS = 0.1
BATCH = 500
MARKS = (100, 250, 500, 750, 1000)
ENVIRONMENT = {
    "DJANGO_SETTINGS_MODULE": "gongkai_web.settings",
    "GONGKAI_DEBUG": "0",
    "GONGKAI_SECRET_KEY": "benchmark-only-" + "x" * 50,
    "GONGKAI_ALLOWED_HOSTS": "localhost",
    "GONGKAI_TASKS": "database",
}


def recreate(database: str) -> None:
    import psycopg  # noqa: PLC0415

    parts = urlsplit(database)
    name = parts.path.lstrip("/")
    with psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--database", required=True, help="a PostgreSQL URL; the database is dropped and created"
    )
    parser.add_argument("--reports", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=len(os.sched_getaffinity(0)))
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    os.environ.update(ENVIRONMENT | {"DATABASE_URL": args.database})

    with tempfile.TemporaryDirectory(prefix="gongkai-intake-") as folder:
        made = generate(Path(folder), args.reports, args.seed)
        documents = sorted(Path(folder).iterdir())
        print(f"generated {made}")
        recreate(args.database)
        import django  # noqa: PLC0415

        django.setup()
        from django.core.management import call_command  # noqa: PLC0415

        call_command("migrate", verbosity=0)
        result = run(documents, args.workers)
    print(machine())
    for name, value in result.items():
        print(f"{name}: {value}")


def run(documents: list[Path], workers: int) -> dict[str, object]:
    from gongkai_web.oversight.models import FileStatus, IntakeFile  # noqa: PLC0415
    from gongkai_web.oversight.services import (  # noqa: PLC0415
        Upload,
        grant_supervision,
        import_hierarchy,
        receive_batch,
    )
    from gongkai_web.oversight.tasks import read_batch  # noqa: PLC0415
    from gongkai_web.personas import person  # noqa: PLC0415

    import_hierarchy(content="机关名称,层级\n东城县人民政府,县级\n".encode(), within=None)
    from gongkai_web.bodies.models import Body  # noqa: PLC0415

    supervisor = person("bench")
    grant_supervision(user=supervisor, body=Body.objects.get(name="东城县人民政府"))
    contents = [(path.name, path.read_bytes()) for path in documents]
    size = sum(len(data) for _, data in contents)

    from django.db import connection  # noqa: PLC0415

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        own_backend = cursor.fetchone()[0]
    cpu_before = time.process_time() + cpu_seconds(own_backend)
    started = time.perf_counter()
    batches = []
    for first in range(0, len(contents), BATCH):
        uploads = [
            Upload(name, io.BytesIO(data), len(data)) for name, data in contents[first : first + BATCH]
        ]
        batches.append(receive_batch(actor=supervisor, uploads=uploads, year=2025))
    uploaded = time.perf_counter() - started
    upload_cpu = time.process_time() + cpu_seconds(own_backend) - cpu_before
    for batch in batches:  # every worker then works on every batch
        read_batch.enqueue(batch.pk)

    connection.close()  # the workers' turn; this process only counts
    command = [sys.executable, "-m", "gongkai_web", "intake_worker", "--batch", "--verbosity", "0"]
    started = time.perf_counter()
    processes = [
        subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        for _ in range(workers)
    ]
    samples, cpu = watch(processes, started)
    reading = time.perf_counter() - started
    for process in processes:
        if process.returncode != 0:
            raise SystemExit(process.stderr.read().decode() if process.stderr else "worker failed")
    counts = {
        status: IntakeFile.objects.filter(status=status).count()
        for status in (FileStatus.DONE, FileStatus.FAILED, FileStatus.WAITING, FileStatus.READING)
    }
    total = uploaded + reading
    cpu_total = upload_cpu + sum(cpu.values())
    memory = {}
    for mark in MARKS:
        upto = [sample for sample in samples if sample[1] <= mark]
        if upto:
            memory[f"<= {mark} settled"] = (
                f"{upto[-1][0]:.1f} s, peak PSS {max(s[2] for s in upto) / MIB:.0f} MB"
            )
    return {
        "reports": len(contents),
        "formats": ", ".join(FILE_FORMATS),
        "bytes": size,
        "files by status": counts,
        "upload s": round(uploaded, 2),
        "reading s": round(reading, 2),
        "end to end s": round(total, 2),
        "reports/s end to end": round(len(contents) / total, 1),
        "reports/s reading": round(len(contents) / reading, 1),
        "CPU s upload (this process and its database backend)": round(upload_cpu, 1),
        "CPU s reading (workers, their readers, their database backends)": round(sum(cpu.values()), 1),
        "reports per CPU-second": round(len(contents) / cpu_total, 1),
        "memory": memory,
    }


def watch(
    processes: list[subprocess.Popen[bytes]], started: float
) -> tuple[list[tuple[float, int, int]], dict[int, float]]:
    """Sample the reading until every worker exits: (seconds, files settled, PSS of the workers' trees),
    and the CPU seconds of every process of the trees and of the database backends."""
    from django.db import connection  # noqa: PLC0415

    from gongkai_web.oversight.models import FileStatus, IntakeFile  # noqa: PLC0415

    samples: list[tuple[float, int, int]] = []
    settled = [FileStatus.DONE, FileStatus.FAILED]
    cpu: dict[
        int, float
    ] = {}  # CPU seconds of each process seen: the workers' trees and their database backends
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        counting_backend = cursor.fetchone()[0]
    while any(process.poll() is None for process in processes):
        done = IntakeFile.objects.filter(status__in=settled).count()
        pss = sum(tree_memory(process.pid)[1] for process in processes if process.poll() is None)
        samples.append((time.perf_counter() - started, done, pss))
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> %s",
                [counting_backend],
            )
            backends = [row[0] for row in cursor.fetchall()]
        for pid in [pid for process in processes for pid in descendants(process.pid)] + backends:
            cpu[pid] = max(cpu.get(pid, 0.0), cpu_seconds(pid))
        time.sleep(SAMPLE_SECONDS)
    return samples, cpu


if __name__ == "__main__":
    main()
