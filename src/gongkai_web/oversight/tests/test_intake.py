"""Receiving a batch of reports: each read and checked in the background, kept as a version, matched
to its body; the same content never read twice; an interrupted batch completes when run again.

The tasks run for real with django-tasks' immediate backend (at commit, as `transaction.on_commit`
hands them over); `test_worker.py` runs the database backend's worker.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

import gongkai
from gongkai_web.accounts.models import User
from gongkai_web.bodies.models import Body
from gongkai_web.oversight.archive import ArchiveError
from gongkai_web.oversight.models import Batch, Document, FileStatus, IntakeFile, Reading
from gongkai_web.oversight.reading import STALE_AFTER
from gongkai_web.oversight.services import IntakeError, receive_batch
from gongkai_web.oversight.tasks import read_batch
from gongkai_web.oversight.tests.conftest import (
    HONGZE_2023,
    HONGZE_2023_PDF,
    HONGZE_2024,
    HUAIAN_2024,
    SHUYANG_NDRC_2023,
    Commit,
    upload,
    zipped,
)

pytestmark = pytest.mark.usefixtures("immediate_tasks")


def outcome(batch: Batch) -> list[tuple[str, str, str | None, str, int | None, tuple[int, int, int] | None]]:
    return [
        (
            file.name,
            file.status,
            file.body.name if file.body else None,
            file.body_source,
            file.year,
            (file.reading.errors, file.reading.warnings, file.reading.notes) if file.reading else None,
        )
        for file in batch.files.select_related("body", "reading").order_by("position")
    ]


def test_a_zip_of_reports_is_read_checked_and_matched_by_the_title(
    sam: User, django_capture_on_commit_callbacks: Commit
) -> None:
    content = zipped(HUAIAN_2024, HONGZE_2023, SHUYANG_NDRC_2023)
    with django_capture_on_commit_callbacks(execute=True):
        batch = receive_batch(actor=sam, uploads=[upload("一月收到.zip", content)], year=2024)
    assert outcome(batch) == [
        (HUAIAN_2024[0], "done", "淮安市人民政府", "title", 2024, (0, 0, 0)),
        (HONGZE_2023[0], "done", "淮安市洪泽区人民政府", "title", 2023, (3, 1, 0)),
        # No agency in its title, and 沭阳县 is not sam's: left for sam to assign.
        (SHUYANG_NDRC_2023[0], "done", None, "", 2023, (1, 4, 1)),
    ]
    reading = Reading.objects.get(document__files__name=HONGZE_2023[0])
    assert (reading.number, reading.reader_version, reading.kind, reading.report_format) == (
        1,
        gongkai.__version__,
        "text",
        "mixed",
    )
    assert reading.agency == "淮安市洪泽区人民政府"
    c7 = [finding for finding in reading.findings if finding["code"] == "C7"]
    assert c7[0]["where"] == "review_litigation.review.total"
    assert c7[0]["source"] == {"line": 323, "column": 1}
    assert reading.provenance["review_litigation.review.total"] == {"line": 323, "column": 1}
    assert '"agency": "淮安市洪泽区人民政府"' in reading.report_json


def test_a_file_name_names_the_body_when_the_title_does_not(
    sue: User, django_capture_on_commit_callbacks: Commit
) -> None:
    name, path = SHUYANG_NDRC_2023
    with django_capture_on_commit_callbacks(execute=True):
        batch = receive_batch(actor=sue, uploads=[upload(name, path.read_bytes())], year=2023)
    assert outcome(batch) == [(name, "done", "沭阳县发展和改革局", "file_name", 2023, (1, 4, 1))]


def test_a_body_chosen_at_upload_is_every_files_body(
    sam: User, jiangsu: dict[str, Body], django_capture_on_commit_callbacks: Commit
) -> None:
    name, path = HONGZE_2024
    body = jiangsu["淮安市洪泽区人民政府"]
    with django_capture_on_commit_callbacks(execute=True):
        batch = receive_batch(actor=sam, uploads=[upload(name, path.read_bytes())], year=2024, body=body)
    assert outcome(batch) == [(name, "done", "淮安市洪泽区人民政府", "chosen", 2024, (1, 2, 0))]


def test_the_same_content_uploaded_again_is_recognised_and_not_read_again(
    sam: User, django_capture_on_commit_callbacks: Commit
) -> None:
    name, path = HONGZE_2023
    with django_capture_on_commit_callbacks(execute=True):
        first = receive_batch(actor=sam, uploads=[upload(name, path.read_bytes())], year=2023)
    with django_capture_on_commit_callbacks(execute=True) as queued:
        again = receive_batch(actor=sam, uploads=[upload("重新发来的.txt", path.read_bytes())], year=2023)
    assert queued == []  # nothing to read: no task was queued
    assert Document.objects.count() == 1
    assert Reading.objects.count() == 1
    file = again.files.get()
    assert (file.status, file.reused, file.reading_id) == ("done", True, first.files.get().reading_id)
    assert file.body is not None and file.body.name == "淮安市洪泽区人民政府"


def test_a_reading_by_an_older_gongkai_is_kept_and_a_new_version_added(
    sam: User, django_capture_on_commit_callbacks: Commit
) -> None:
    name, path = HONGZE_2023
    with django_capture_on_commit_callbacks(execute=True):
        receive_batch(actor=sam, uploads=[upload(name, path.read_bytes())], year=2023)
    Reading.objects.update(reader_version="0.0.9")
    with django_capture_on_commit_callbacks(execute=True):
        receive_batch(actor=sam, uploads=[upload(name, path.read_bytes())], year=2023)
    assert list(Reading.objects.values_list("number", "reader_version", "errors")) == [
        (1, "0.0.9", 3),
        (2, gongkai.__version__, 3),
    ]


def test_a_broken_file_is_kept_as_unreadable_with_the_readers_code(
    sam: User, django_capture_on_commit_callbacks: Commit
) -> None:
    content = HONGZE_2023_PDF[1].read_bytes()[:4096]  # the published PDF, cut off after 4 KB
    with django_capture_on_commit_callbacks(execute=True):
        batch = receive_batch(actor=sam, uploads=[upload("洪泽区2023年年报（损坏）.pdf", content)], year=2023)
    file = batch.files.select_related("reading").get()
    assert file.status == FileStatus.FAILED
    assert file.reading is not None
    assert (file.reading.error_code, file.reading.error_message) == (
        "corrupt_pdf",
        "PDF 文件已损坏或不完整，无法读取",
    )
    assert file.body is None  # nothing read, nothing to match


def test_a_file_left_reading_by_a_worker_that_died_is_read_when_the_batch_runs_again(
    sam: User, django_capture_on_commit_callbacks: Commit
) -> None:
    with django_capture_on_commit_callbacks(execute=False):  # the worker never ran
        batch = receive_batch(
            actor=sam, uploads=[upload(HUAIAN_2024[0], HUAIAN_2024[1].read_bytes())], year=2024
        )
    died_at = timezone.now() - STALE_AFTER - dt.timedelta(seconds=1)
    IntakeFile.objects.update(status=FileStatus.READING, reading_since=died_at)
    assert read_batch.enqueue(batch.pk).return_value == 1
    assert outcome(batch)[0][1:3] == ("done", "淮安市人民政府")


def test_a_file_another_worker_is_reading_now_is_left_to_it(
    sam: User, django_capture_on_commit_callbacks: Commit
) -> None:
    with django_capture_on_commit_callbacks(execute=False):
        batch = receive_batch(
            actor=sam, uploads=[upload(HUAIAN_2024[0], HUAIAN_2024[1].read_bytes())], year=2024
        )
    IntakeFile.objects.update(status=FileStatus.READING, reading_since=timezone.now())
    assert read_batch.enqueue(batch.pk).return_value == 0
    assert batch.files.get().status == FileStatus.READING


def test_a_body_outside_the_supervision_cannot_be_chosen(sam: User, jiangsu: dict[str, Body]) -> None:
    with pytest.raises(PermissionDenied):
        receive_batch(
            actor=sam,
            uploads=[upload(SHUYANG_NDRC_2023[0], SHUYANG_NDRC_2023[1].read_bytes())],
            year=2023,
            body=jiangsu["沭阳县发展和改革局"],
        )
    assert Batch.objects.count() == 0


def test_an_archive_refused_as_a_whole_leaves_nothing(sam: User) -> None:
    bomb = zipped(HUAIAN_2024, ("炸弹.txt", b"0" * (4 * 1024 * 1024)))
    with pytest.raises(ArchiveError) as refused:
        receive_batch(actor=sam, uploads=[upload("一月收到.zip", bomb)], year=2024)
    assert refused.value.code == "zip_ratio"
    assert (Batch.objects.count(), Document.objects.count()) == (0, 0)


def test_an_empty_archive_is_refused(sam: User) -> None:
    with pytest.raises(IntakeError) as refused:
        receive_batch(actor=sam, uploads=[upload("空.zip", zipped())], year=2024)
    assert refused.value.code == "no_files"
    assert Batch.objects.count() == 0


def test_a_user_who_supervises_nothing_cannot_upload(nora: User) -> None:
    with pytest.raises(PermissionDenied):
        receive_batch(actor=nora, uploads=[upload(HUAIAN_2024[0], HUAIAN_2024[1].read_bytes())], year=2024)
