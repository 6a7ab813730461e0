"""Reading untrusted documents within bounds of time and memory, in a pool of worker processes.

A published PDF or HTML file can make C code (pdfium, libxml2) or a regular expression run or
allocate without end, and nothing in Python can interrupt that from inside. So each document
is read in a worker process whose address space is capped (``RLIMIT_AS`` = ``Limits.memory_bytes``)
and whose task has a wall-time deadline (``Limits.seconds``). A worker that overruns is killed
and replaced; the document gets a `Failure` instead of a result and the pool goes on.

`concurrent.futures.ProcessPoolExecutor` cannot kill one hung task, hence this small pool:
N long-lived processes, one pipe each, one task at a time per worker. Workers are started with
the ``forkserver`` method: forking the caller directly is unsafe once it runs threads (the
progress bar does), and the fork server keeps the job's module imported so that replacing a
killed worker costs milliseconds, not a fresh interpreter.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import resource
import signal
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from typing import Any, Generic, TypeVar

from gongkai.errors import GongkaiError

Task = TypeVar("Task")
Result = TypeVar("Result")

START_SECONDS = 60.0  # a worker that has not started by then never will (the machine is stuck)
STOP_SECONDS = 5.0  # how long an idle worker may take to exit before it is killed
_READY = "ready"
_STOP = None  # sent to a worker: exit
_END = object()  # no more tasks


class FailureCode(StrEnum):
    """Why a task has no result. Stable: they are written into batch output as error codes."""

    TIMEOUT = "timeout"
    OUT_OF_MEMORY = "out_of_memory"
    WORKER_CRASHED = "worker_crashed"
    INTERNAL_ERROR = "internal_error"  # the job raised an exception it should not have


@dataclass(frozen=True, slots=True)
class Failure:
    """A task that produced no result: a `FailureCode` value and a Chinese message."""

    code: str
    message: str


def _serve(job: Callable[[Any], Any], connection: Connection, memory_bytes: int | None) -> None:
    """The worker's loop: run the job on each task received until told to stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the pool's to handle: it kills workers
    if memory_bytes is not None:
        in_use = _address_space()
        if in_use >= memory_bytes:  # the worker could not even run its job
            connection.send(in_use)
            return
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, hard))
    connection.send(_READY)
    while True:
        try:
            task = connection.recv()
        except EOFError:  # the pool is gone
            return
        if task is _STOP:
            return
        reply: tuple[str, Any]
        try:
            reply = ("ok", job(task))
        except MemoryError:
            reply = ("failed", (FailureCode.OUT_OF_MEMORY, ""))
        except Exception as error:  # a bug in a job must become a record, not a dead batch
            reply = ("failed", (FailureCode.INTERNAL_ERROR, f"{type(error).__name__}: {error}"))
        try:
            connection.send(reply)
        except Exception as error:  # e.g. a result that cannot be pickled
            connection.send(("failed", (FailureCode.INTERNAL_ERROR, f"{type(error).__name__}: {error}")))
        if reply[0] == "failed" and reply[1][0] is FailureCode.OUT_OF_MEMORY:
            return  # the heap may be left half-built; the pool starts a fresh worker


@dataclass
class _Worker(Generic[Task]):
    process: BaseProcess
    connection: Connection
    task: Task | None = None
    deadline: float = 0.0

    def stop(self) -> None:
        if self.process.is_alive():
            with contextlib.suppress(OSError):
                self.connection.send(_STOP)
            self.process.join(STOP_SECONDS)
        self.kill()

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join()
        self.connection.close()


class WorkerPool(Generic[Task, Result]):
    """N worker processes running ``job`` on tasks, each task bounded in wall time and memory.

    ``job`` must be a module-level function (it is imported by name in the workers); tasks and
    results must pickle. Use as a context manager so that workers are always stopped::

        with WorkerPool(read_one, workers=4, seconds=60, memory_bytes=2 << 30) as pool:
            for task, outcome in pool.run(tasks):
                ...  # outcome is the job's result or a Failure
    """

    def __init__(
        self,
        job: Callable[[Task], Result],
        *,
        workers: int,
        seconds: float,
        memory_bytes: int | None,
    ) -> None:
        if workers < 1:
            raise ValueError(f"workers must be at least 1, got {workers}")
        self._job = job
        self._size = workers
        self._seconds = seconds
        self._memory_bytes = memory_bytes
        self._context = multiprocessing.get_context("forkserver")
        # Takes effect when the fork server starts (once per process); later pools reuse it.
        self._context.set_forkserver_preload([job.__module__])
        self._workers: list[_Worker[Task]] = []

    def __enter__(self) -> WorkerPool[Task, Result]:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Stop idle workers; kill busy ones (the caller stopped waiting for their tasks)."""
        for worker in self._workers:
            if worker.task is None:
                worker.stop()
            else:
                worker.kill()
        self._workers.clear()

    def run(self, tasks: Iterable[Task]) -> Iterator[tuple[Task, Result | Failure]]:
        """Each task with its outcome, in the order they finish. Tasks are drawn lazily."""
        pending = iter(tasks)
        exhausted = False
        busy: list[_Worker[Task]] = []
        while True:
            while not exhausted and len(busy) < self._size:
                task = next(pending, _END)
                if task is _END:
                    exhausted = True
                    break
                busy.append(self._dispatch(task))  # type: ignore[arg-type]
            if not busy:
                return
            timeout = max(0.0, min(worker.deadline for worker in busy) - time.monotonic())
            ready = set(wait([worker.connection for worker in busy], timeout))
            now = time.monotonic()
            for worker in list(busy):
                if worker.connection in ready:
                    outcome = self._collect(worker)
                elif now >= worker.deadline:
                    self._retire(worker)
                    outcome = Failure(
                        FailureCode.TIMEOUT.value, f"读取超时：超过 {self._seconds:g} 秒仍未完成，已中止"
                    )
                else:
                    continue
                busy.remove(worker)
                assert worker.task is not None
                task, worker.task = worker.task, None
                yield task, outcome

    def _dispatch(self, task: Task) -> _Worker[Task]:
        worker = next((w for w in self._workers if w.task is None), None) or self._start()
        try:
            worker.connection.send(task)
        except OSError:  # the idle worker died (killed from outside); start another
            self._retire(worker)
            worker = self._start()
            worker.connection.send(task)
        worker.task = task
        worker.deadline = time.monotonic() + self._seconds
        return worker

    def _collect(self, worker: _Worker[Task]) -> Result | Failure:
        try:
            status, value = worker.connection.recv()
        except (EOFError, OSError):
            self._retire(worker)
            return Failure(FailureCode.WORKER_CRASHED.value, _crash_message(worker.process.exitcode))
        if status == "ok":
            result: Result = value
            return result
        code, detail = value
        if code is FailureCode.OUT_OF_MEMORY:
            self._retire(worker)
            limit = "" if self._memory_bytes is None else f"（上限 {self._memory_bytes // 2**20} MB）"
            return Failure(code.value, f"读取时内存不足{limit}，已中止")
        return Failure(FailureCode.INTERNAL_ERROR.value, f"读取程序内部错误：{detail}")

    def _start(self) -> _Worker[Task]:
        ours, theirs = self._context.Pipe(duplex=True)
        process = self._context.Process(
            target=_serve, args=(self._job, theirs, self._memory_bytes), daemon=True, name="gongkai-worker"
        )
        process.start()
        theirs.close()
        worker: _Worker[Task] = _Worker(process, ours)
        greeting = _receive(ours) if ours.poll(START_SECONDS) else None
        if greeting != _READY:
            worker.kill()
            if isinstance(greeting, int):
                raise GongkaiError(
                    f"内存上限过低：读取进程启动时已占用 {greeting // 2**20} MB 地址空间，"
                    f"上限为 {(self._memory_bytes or 0) // 2**20} MB",
                    code="memory_limit_too_low",
                )
            raise GongkaiError(f"无法启动读取进程（退出码 {process.exitcode}）", code="worker_start_failed")
        self._workers.append(worker)
        return worker

    def _retire(self, worker: _Worker[Task]) -> None:
        """Kill a worker that overran or died; the next dispatch starts a replacement."""
        worker.kill()
        self._workers.remove(worker)


def _address_space() -> int:
    """Bytes of address space this process maps now (Linux; 0 where /proc is missing)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            pages = int(statm.read().split()[0])
    except OSError:
        return 0
    return pages * resource.getpagesize()


def _receive(connection: Connection) -> object:
    try:
        return connection.recv()
    except (EOFError, OSError):
        return None


def _crash_message(exitcode: int | None) -> str:
    if exitcode is not None and exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = str(-exitcode)
        return f"读取进程异常退出（信号 {name}），已跳过该文件"
    return f"读取进程异常退出（退出码 {exitcode}），已跳过该文件"


__all__ = ["Failure", "FailureCode", "WorkerPool"]
