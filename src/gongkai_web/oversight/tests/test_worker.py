"""The database backend for real: an upload queues a task in the database, and the worker command
(``intake_worker``, over django-tasks-db's ``db_worker``) reads the batch to the end; run again
after a worker died, it completes what that worker left."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from gongkai_web.accounts.models import User
from gongkai_web.oversight.models import FileStatus, IntakeFile
from gongkai_web.oversight.reading import STALE_AFTER
from gongkai_web.oversight.services import receive_batch
from gongkai_web.oversight.tests.conftest import HONGZE_2023, HUAIAN_2024, upload, zipped

# Committed transactions: the worker sees what the upload committed, as a separate process would.
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("database_tasks")]


def statuses() -> list[tuple[str, str]]:
    return list(IntakeFile.objects.order_by("position").values_list("name", "status"))


def test_the_worker_reads_a_queued_batch_to_completion(sam: User, own_signals: None) -> None:
    receive_batch(actor=sam, uploads=[upload("一月收到.zip", zipped(HUAIAN_2024, HONGZE_2023))], year=2024)
    assert statuses() == [(HUAIAN_2024[0], "waiting"), (HONGZE_2023[0], "waiting")]
    assert list(DBTaskResult.objects.values_list("status", flat=True)) == ["READY"]
    call_command("intake_worker", "--batch", verbosity=0)
    assert statuses() == [(HUAIAN_2024[0], "done"), (HONGZE_2023[0], "done")]
    # The worker queued the unfinished batch once more as it started; that task found nothing left.
    finished = DBTaskResult.objects.order_by("enqueued_at")
    assert [(task.status, task.return_value) for task in finished] == [("SUCCESSFUL", 2), ("SUCCESSFUL", 0)]


def test_run_again_the_worker_completes_a_batch_whose_worker_died(sam: User, own_signals: None) -> None:
    receive_batch(actor=sam, uploads=[upload("一月收到.zip", zipped(HUAIAN_2024, HONGZE_2023))], year=2024)
    # A worker took the task, read the first file, and was killed while reading the second.
    call_command("intake_worker", "--batch", verbosity=0)
    died_at = timezone.now() - STALE_AFTER - dt.timedelta(seconds=1)
    IntakeFile.objects.filter(position=2).update(
        status=FileStatus.READING, reading_since=died_at, reading=None
    )
    DBTaskResult.objects.update(status="RUNNING")
    call_command("intake_worker", "--batch", verbosity=0)
    assert statuses() == [(HUAIAN_2024[0], "done"), (HONGZE_2023[0], "done")]
    assert IntakeFile.objects.get(position=2).reading is not None
