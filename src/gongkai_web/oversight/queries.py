"""Reads for the oversight pages: the supervised hierarchy, the batches, the dashboard, a report."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from gongkai_web.accounts.models import User
from gongkai_web.bodies.models import Body
from gongkai_web.oversight.models import Batch, FileStatus, IntakeFile
from gongkai_web.oversight.reading import STALE_AFTER


@dataclass(frozen=True, slots=True)
class Placed:
    """A body in the hierarchy shown as a tree: its depth below the supervised body at the top."""

    body: Body
    depth: int


def tree(roots: list[Body], ids: frozenset[int]) -> list[Placed]:
    """The bodies of ``ids`` under ``roots``, depth first; below a body its governments, then departments."""
    children: dict[int | None, list[Body]] = {}
    for body in Body.objects.filter(pk__in=sorted(ids)).order_by("name"):
        children.setdefault(body.parent_id, []).append(body)
    placed: list[Placed] = []
    seen: set[int] = set()

    def walk(body: Body, depth: int) -> None:
        if body.pk in seen:
            return
        seen.add(body.pk)
        placed.append(Placed(body, depth))
        for child in sorted(
            children.get(body.pk, []), key=lambda b: (b.kind != "peoples_government", b.name)
        ):
            walk(child, depth + 1)

    for root in roots:
        walk(root, 0)
    return placed


# What the batch pages show of a reading; its JSON stays in the database until a report is opened.
HEAVY_READING_FIELDS = ("reading__report_json", "reading__findings", "reading__provenance")


@dataclass(frozen=True, slots=True)
class FileRow:
    file: IntakeFile
    interrupted: bool  # left reading by a worker that died: it will be read again


@dataclass(frozen=True, slots=True)
class Progress:
    total: int
    finished: int  # read, or found unreadable
    failed: int

    @property
    def done(self) -> bool:
        return self.finished == self.total


def visible_batches(user: User) -> QuerySet[Batch]:
    """The batches ``user`` uploaded, newest first, with their counts."""
    finished = Q(files__status__in=[FileStatus.DONE, FileStatus.FAILED])
    return Batch.objects.filter(uploaded_by_id=user.pk).annotate(
        total=Count("files"), finished=Count("files", filter=finished)
    )


def progress(batch: Batch) -> Progress:
    counts = dict(batch.files.values_list("status").annotate(n=Count("pk")).values_list("status", "n"))
    total = sum(counts.values())
    failed = counts.get(FileStatus.FAILED, 0)
    return Progress(total, counts.get(FileStatus.DONE, 0) + failed, failed)


def file_rows(batch: Batch, now: dt.datetime) -> list[FileRow]:
    files = batch.files.select_related("reading", "body").defer(*HEAVY_READING_FIELDS).order_by("position")
    return [
        FileRow(
            file,
            file.status == FileStatus.READING
            and file.reading_since is not None
            and file.reading_since < now - STALE_AFTER,
        )
        for file in files
    ]
