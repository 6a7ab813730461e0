"""What a supervisor does: import the hierarchy of bodies, give supervision, take in reports.

Each service runs in one transaction: a refused import or upload leaves nothing behind.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from typing import IO

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q

from gongkai.errors import GongkaiError
from gongkai_web.accounts.models import User
from gongkai_web.bodies.models import Body
from gongkai_web.oversight import archive, hierarchy
from gongkai_web.oversight.access import require_supervisor, supervised_ids
from gongkai_web.oversight.models import (
    Batch,
    BodySource,
    FileStatus,
    IntakeFile,
    Supervision,
)
from gongkai_web.oversight.reading import current_reading, settle, store_document
from gongkai_web.oversight.tasks import read_batch
from gongkai_web.registers.imports import RowError

MAX_UPLOAD_BYTES = 256 * 1024 * 1024  # one uploaded file, a ZIP archive included
MAX_FILES = archive.MAX_MEMBERS  # files in one batch, uploaded one by one or in archives
URL_HEADERS = frozenset({"url", "网址", "链接", "地址"})  # a header line of a list of URLs


class HierarchyError(GongkaiError):
    """A hierarchy file with bad rows: nothing was imported; ``errors`` says where and why."""

    code = "hierarchy_rejected"

    def __init__(self, errors: list[RowError]) -> None:
        super().__init__(f"文件未导入：{len(errors)} 处错误", code=self.code)
        self.errors = errors


@dataclass(frozen=True, slots=True)
class HierarchySummary:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def __str__(self) -> str:
        return f"新增 {self.created} 个机关，更新 {self.updated} 个，未变 {self.unchanged} 个"


@transaction.atomic
def import_hierarchy(*, content: bytes, within: frozenset[int] | None) -> HierarchySummary:
    """Create or update the bodies a hierarchy file lists (`hierarchy`), all or none.

    A body is known by its name: importing the same file again changes nothing. ``within`` limits
    the rows to a supervisor's bodies (None for the administrator). Raises `HierarchyError`
    with every bad row, or `registers.imports.ImportFileError` for a file that is no table.
    """
    rows, errors = hierarchy.read_rows(content)
    stored = hierarchy.stored_bodies()
    errors += hierarchy.check_rows(rows, stored, within=within)
    if errors:
        raise HierarchyError(sorted(errors, key=lambda error: (error.row, error.column)))
    created = updated = unchanged = 0
    bodies = {name: Body.objects.get(pk=body.pk) for name, body in stored.items() if name in _names(rows)}
    for row in _parents_first(rows):
        parent = bodies.get(row.parent) or (Body.objects.get(name=row.parent) if row.parent else None)
        body = bodies.get(row.name)
        if body is None:
            body = Body(name=row.name)
            created += 1
        elif (body.kind, body.level, body.parent_id) == (row.kind, row.level, parent.pk if parent else None):
            unchanged += 1
            continue
        else:
            updated += 1
        body.kind, body.level, body.parent = row.kind, row.level, parent
        body.full_clean()
        body.save()
        bodies[row.name] = body
    return HierarchySummary(created, updated, unchanged)


def _names(rows: list[hierarchy.BodyRow]) -> set[str]:
    return {row.name for row in rows} | {row.parent for row in rows if row.parent}


def _parents_first(rows: list[hierarchy.BodyRow]) -> list[hierarchy.BodyRow]:
    """The rows ordered so that a body's parent from the same file is saved before it (no cycles here)."""
    in_file = {row.name: row for row in rows}
    depth: dict[str, int] = {}

    def depth_of(name: str) -> int:
        if name not in depth:
            parent = in_file[name].parent
            depth[name] = depth_of(parent) + 1 if parent in in_file else 0
        return depth[name]

    return sorted(rows, key=lambda row: (depth_of(row.name), row.row))


@transaction.atomic
def grant_supervision(*, user: User, body: Body) -> Supervision:
    """Make ``user`` a supervisor of ``body`` and the bodies below it (again: no change)."""
    supervision, _ = Supervision.objects.get_or_create(user=user, body=body)
    return supervision


class IntakeError(GongkaiError):
    """An upload refused as a whole: nothing of it was received."""

    code = "intake_refused"


@dataclass(frozen=True, slots=True)
class Upload:
    """One uploaded file as the view hands it over: its name, its stream and its size."""

    name: str
    stream: IO[bytes]
    size: int


@transaction.atomic
def receive_batch(
    *,
    actor: User,
    uploads: Sequence[Upload],
    year: int,
    body: Body | None = None,
    urls: Sequence[str] = (),
) -> Batch:
    """Receive uploaded reports (files, or the files of ZIP archives) as one batch and queue its reading.

    Each of ``urls`` is a file of the batch too, fetched by the background task before it is read.

    ``body``, when chosen, is the body every file is the report of; otherwise each file's body is
    found from the report's title or its file name after reading, or left for the supervisor.
    Content received before (the same SHA-256) and already read by this gongkai is not read again.
    Raises PermissionDenied outside the actor's supervision, `IntakeError` or
    `archive.ArchiveError` for an upload refused as a whole (nothing is kept).
    """
    ids = require_supervisor(actor)
    if body is not None and body.pk not in ids:
        raise PermissionDenied(f"{actor} 无权接收{body.name}的年度报告")
    if not uploads and not urls:
        raise IntakeError("请选择要上传的文件或填写网址", code="no_files")
    batch = Batch.objects.create(uploaded_by=actor, name=_batch_name(uploads, urls), year=year, body=body)
    files = 0
    for position, (name, data) in enumerate(_files(uploads), start=1):
        if position > MAX_FILES:
            raise _too_many()
        files = position
        _receive_file(batch, position, name, data)
    for position, url in enumerate(urls, start=files + 1):
        if position > MAX_FILES:
            raise _too_many()
        files = position
        _receive_url(batch, position, url)
    if files == 0:
        raise IntakeError("上传的压缩包中没有文件", code="no_files")
    if batch.files.filter(status=FileStatus.WAITING).exists():
        transaction.on_commit(partial(read_batch.enqueue, batch.pk))
    return batch


def _too_many() -> IntakeError:
    return IntakeError(f"一次至多上传 {MAX_FILES} 个文件，请分批上传", code="too_many_files")


def _batch_name(uploads: Sequence[Upload], urls: Sequence[str]) -> str:
    names = [upload.name for upload in uploads] + list(urls)
    name = names[0] if len(names) == 1 else f"{names[0]} 等 {len(names)} 个文件"
    return name[:200]


def url_lines(text: str) -> list[str]:
    """The URLs of a pasted list or a .txt/.csv file: one a line (the first cell of a CSV row),
    blank lines, a header and repeats left out."""
    urls: list[str] = []
    for line in text.splitlines():
        cell = line.split(",", 1)[0].strip().strip('"').strip()
        if cell and cell.lower() not in URL_HEADERS and cell not in urls:
            urls.append(cell)  # kept as written: one that is no http(s) URL is refused when fetched
    return urls


def _files(uploads: Sequence[Upload]) -> Iterator[tuple[str, bytes]]:
    """Each file received: an upload as it is, or each member of an uploaded ZIP archive."""
    for upload in uploads:
        if upload.size > MAX_UPLOAD_BYTES:
            raise IntakeError(
                f"“{upload.name}”有 {upload.size} 字节，"
                f"超过单个上传文件的上限 {MAX_UPLOAD_BYTES // 2**20} MB",
                code="upload_too_large",
            )
        head = upload.stream.read(4)
        upload.stream.seek(0)
        if not archive.is_archive(upload.name, head):
            if upload.size > archive.MAX_MEMBER_BYTES:
                raise IntakeError(
                    f"“{upload.name}”有 {upload.size} 字节，"
                    f"超过单份报告的上限 {archive.MAX_MEMBER_BYTES // 2**20} MB",
                    code="file_too_large",
                )
            yield upload.name[:255], upload.stream.read()
            continue
        opened, members = archive.open_archive(upload.stream)
        with opened:
            for name, data in archive.contents(opened, members):
                yield name[:255], data


def _receive_url(batch: Batch, position: int, url: str) -> IntakeFile:
    return IntakeFile.objects.create(
        batch=batch,
        position=position,
        name=url[:255],
        url=url[:2000],
        body=batch.body,
        body_source=BodySource.CHOSEN if batch.body is not None else "",
    )


def _receive_file(batch: Batch, position: int, name: str, data: bytes) -> IntakeFile:
    document = store_document(data)
    file = IntakeFile.objects.create(
        batch=batch,
        position=position,
        name=name,
        document=document,
        body=batch.body,
        body_source=BodySource.CHOSEN if batch.body is not None else "",
    )
    reading = current_reading(document)
    if reading is not None:
        settle(file, reading, reused=True)
    return file


@transaction.atomic
def assign_file(
    *, actor: User, file: IntakeFile, body: Body | None, published_on: dt.date | None
) -> IntakeFile:
    """Say which body a file is the report of, and the date it was published (either may be cleared).

    Raises PermissionDenied for a file of another supervisor's batch or a body outside the actor's.
    """
    ids = supervised_ids(actor)
    if file.batch.uploaded_by_id != actor.pk:
        raise PermissionDenied(f"{actor} 不能修改他人上传的文件")
    if body is not None and body.pk not in ids:
        raise PermissionDenied(f"{actor} 无权接收{body.name}的年度报告")
    if body is None:
        file.body, file.body_source = None, ""
    elif body.pk != file.body_id:
        file.body, file.body_source = body, BodySource.ASSIGNED
    file.published_on = published_on
    file.save(update_fields=["body", "body_source", "published_on"])
    return file


def resume_interrupted() -> int:
    """Queue again every batch with a file waiting or being read; how many batches.

    Run when the worker starts: a file a dead worker left reading is read again once it is stale
    (`reading.STALE_AFTER`; `tasks.read_batch` looks again then). A batch queued twice is read
    once: files are claimed one at a time (`reading.read_next`).
    """
    unfinished = Q(status__in=[FileStatus.WAITING, FileStatus.READING])
    batch_ids = sorted(set(IntakeFile.objects.filter(unfinished).values_list("batch_id", flat=True)))
    for batch_id in batch_ids:
        read_batch.enqueue(batch_id)
    return len(batch_ids)
