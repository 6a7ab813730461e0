"""The worker pool that bounds each document's reading in wall time and memory."""

from __future__ import annotations

import os
import signal
import time

import pytest

from gongkai.annual.parse.bounded import STOP_SECONDS, Failure, WorkerPool
from gongkai.errors import GongkaiError

MIB = 1024 * 1024
MEMORY = 512 * MIB  # well above a worker's own address space, well below what `allocate` asks


def behave(task: tuple[str, int]) -> int:
    """A job that does what its task says: answer, hang, allocate, raise or die."""
    action, number = task
    if action == "answer":
        return number * 2
    if action == "hang":
        time.sleep(3600)
    if action == "allocate":
        return len(bytearray(number * MIB))
    if action == "raise":
        raise KeyError(number)
    if action == "segfault":
        os.kill(os.getpid(), signal.SIGSEGV)
    if action == "exit":
        os._exit(number)
    if action == "pid":
        return os.getpid()
    raise AssertionError(action)


def run(tasks: list[tuple[str, int]], *, workers: int = 2, seconds: float = 10.0) -> list[object]:
    """Outcomes in task order (the pool yields them in the order they finish)."""
    with WorkerPool(behave, workers=workers, seconds=seconds, memory_bytes=MEMORY) as pool:
        outcomes = dict(pool.run(tasks))
    return [outcomes[task] for task in tasks]


def test_every_task_gets_the_result_of_the_job():
    tasks = [("answer", number) for number in range(20)]
    assert run(tasks) == [number * 2 for number in range(20)]


def test_a_hung_task_times_out_and_the_others_still_finish():
    started = time.monotonic()
    outcomes = run([("hang", 0), ("answer", 1), ("answer", 2), ("answer", 3)], seconds=1.0)
    assert outcomes == [Failure("timeout", "读取超时：超过 1 秒仍未完成，已中止"), 2, 4, 6]
    assert time.monotonic() - started < 30  # the hung worker was killed, not waited for


def test_a_worker_is_replaced_after_a_timeout_and_serves_the_next_task():
    outcomes = run([("hang", 0), ("hang", 1), ("answer", 5)], workers=1, seconds=0.5)
    assert [getattr(outcome, "code", outcome) for outcome in outcomes] == ["timeout", "timeout", 10]


def test_allocating_beyond_the_memory_limit_is_out_of_memory_not_a_dead_machine():
    outcomes = run([("allocate", 4096), ("allocate", 10), ("answer", 4)])
    assert outcomes == [Failure("out_of_memory", "读取时内存不足（上限 512 MB），已中止"), 10 * MIB, 8]


def test_a_worker_killed_by_a_signal_is_reported_as_crashed():
    outcomes = run([("segfault", 0), ("answer", 1)], workers=1)
    assert outcomes == [Failure("worker_crashed", "读取进程异常退出（信号 SIGSEGV），已跳过该文件"), 2]


def test_a_worker_that_exits_is_reported_as_crashed_with_its_exit_code():
    outcomes = run([("exit", 7), ("answer", 1)], workers=1)
    assert outcomes == [Failure("worker_crashed", "读取进程异常退出（退出码 7），已跳过该文件"), 2]


def test_an_exception_in_the_job_is_an_internal_error_and_the_worker_lives_on():
    outcomes = run([("pid", 0), ("raise", 3), ("pid", 0)], workers=1)
    assert outcomes[1] == Failure("internal_error", "读取程序内部错误：KeyError: 3")
    assert outcomes[0] == outcomes[2]


def test_workers_are_long_lived_and_reused_across_tasks():
    outcomes = run([("pid", number) for number in range(10)], workers=2)
    assert len(set(outcomes)) <= 2
    assert os.getpid() not in outcomes


def test_tasks_are_drawn_lazily_so_a_long_stream_is_never_held_in_memory():
    drawn: list[int] = []

    def tasks():
        for number in range(6):
            drawn.append(number)
            yield ("answer", number)

    with WorkerPool(behave, workers=2, seconds=10, memory_bytes=MEMORY) as pool:
        stream = pool.run(tasks())
        next(stream)
        assert len(drawn) <= 3  # two in flight and the one just handed back
        assert sorted(outcome for _, outcome in [*stream]) == [2, 4, 6, 8, 10]


def test_a_memory_limit_below_what_a_worker_needs_to_start_is_a_clear_error():
    with (
        WorkerPool(behave, workers=1, seconds=10, memory_bytes=MIB) as pool,
        pytest.raises(GongkaiError) as raised,
    ):
        list(pool.run([("answer", 1)]))
    assert raised.value.code == "memory_limit_too_low"
    assert raised.value.message.endswith("上限为 1 MB")


def test_closing_the_pool_stops_every_worker():
    with WorkerPool(behave, workers=2, seconds=10, memory_bytes=MEMORY) as pool:
        pids = {outcome for _, outcome in pool.run([("pid", 0), ("pid", 1), ("pid", 2)])}
    for pid in pids:
        assert isinstance(pid, int)
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)


def test_leaving_a_run_early_kills_the_workers_still_busy_without_waiting_for_them():
    started = time.monotonic()
    with WorkerPool(behave, workers=2, seconds=3600, memory_bytes=MEMORY) as pool:
        stream = pool.run([("answer", 1), ("hang", 0), ("hang", 1)])
        assert next(stream) == (("answer", 1), 2)
        busy = [worker.process for worker in pool._workers]
    assert time.monotonic() - started < STOP_SECONDS  # a hung worker asked to stop would take this long
    assert [process.is_alive() for process in busy] == [False, False]


def test_workers_ignore_ctrl_c_which_is_the_pools_to_handle():
    with WorkerPool(behave, workers=1, seconds=10, memory_bytes=MEMORY) as pool:
        [(_, pid)] = list(pool.run([("pid", 0)]))
        os.kill(pid, signal.SIGINT)
        assert [outcome for _, outcome in pool.run([("pid", 0)])] == [pid]
