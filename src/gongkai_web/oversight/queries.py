"""Reads for the oversight pages: the supervised hierarchy, the batches, the dashboard, a report."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from django.db.models import Count, Q, QuerySet

from gongkai.annual.parse.text import decode
from gongkai_web.accounts.models import User
from gongkai_web.bodies.models import Body
from gongkai_web.oversight.crossyear import cross_year_findings
from gongkai_web.oversight.models import Batch, FileStatus, IntakeFile, Reading
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


TEXT_KINDS = frozenset({"text", "markdown"})  # documents whose SourceRef is a line of the text

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


class Timeliness(StrEnum):
    """A report's publication against the statutory deadline (条例 第四十九条, `Body.annual_report_due`)."""

    ON_TIME = "on_time"
    LATE = "late"
    DATE_UNKNOWN = "date_unknown"  # received, the publication date not recorded
    MISSING = "missing"  # not received, the deadline still ahead
    OVERDUE = "overdue"  # not received, the deadline passed

    @property
    def label(self) -> str:
        return {
            "on_time": "按期发布",
            "late": "逾期发布",
            "date_unknown": "未填写发布日期",
            "missing": "尚未收到",
            "overdue": "未收到，已过期限",
        }[self.value]


def timeliness(*, received: bool, published_on: dt.date | None, due: dt.date, today: dt.date) -> Timeliness:
    if not received:
        return Timeliness.OVERDUE if today > due else Timeliness.MISSING
    if published_on is None:
        return Timeliness.DATE_UNKNOWN
    return Timeliness.LATE if published_on > due else Timeliness.ON_TIME


@dataclass(frozen=True, slots=True)
class DashboardRow:
    placed: Placed
    file: IntakeFile | None  # the latest received for the body and year, with its reading
    due: dt.date
    timeliness: Timeliness
    cross_year: int = 0  # findings of the cross-year checks against the body's report the year before

    @property
    def days_late(self) -> int:
        if self.file is None or self.file.published_on is None:
            return 0
        return max((self.file.published_on - self.due).days, 0)


def latest_files(ids: frozenset[int], year: int) -> dict[int, IntakeFile]:
    """The file last received for each body of ``ids`` as its report on ``year`` (read or unreadable;
    a URL that gave nothing was not received)."""
    files = (
        IntakeFile.objects.filter(body_id__in=sorted(ids), year=year, reading__isnull=False)
        .select_related("reading")
        .defer(*HEAVY_READING_FIELDS)
        .order_by("body_id", "-batch__uploaded_at", "-pk")
    )
    latest: dict[int, IntakeFile] = {}
    for file in files:
        assert file.body_id is not None
        latest.setdefault(file.body_id, file)
    return latest


def dashboard(*, roots: list[Body], ids: frozenset[int], year: int, today: dt.date) -> list[DashboardRow]:
    """Each supervised body, in the hierarchy's order, with its report on ``year`` if received."""
    latest = latest_files(ids, year)
    cross = cross_year_counts(latest, latest_files(ids, year - 1))
    rows = []
    for placed in tree(roots, ids):
        file = latest.get(placed.body.pk)
        due = placed.body.annual_report_due(year)
        state = timeliness(
            received=file is not None,
            published_on=file.published_on if file else None,
            due=due,
            today=today,
        )
        rows.append(DashboardRow(placed, file, due, state, cross.get(placed.body.pk, 0)))
    return rows


def _readable(file: IntakeFile | None) -> bool:
    return file is not None and file.reading is not None and not file.reading.failed


def cross_year_counts(latest: dict[int, IntakeFile], before: dict[int, IntakeFile]) -> dict[int, int]:
    """For each body with a readable report in both years, how many cross-year findings
    (`crossyear`) its report has against the year before's."""
    pairs = {
        body_id: (file.reading_id, before[body_id].reading_id)
        for body_id, file in latest.items()
        if _readable(file) and _readable(before.get(body_id))
    }
    wanted = sorted({pk for pair in pairs.values() for pk in pair if pk is not None})
    texts = dict(Reading.objects.filter(pk__in=wanted).values_list("pk", "report_json"))
    return {
        body_id: len(cross_year_findings(texts[now], texts[then]))
        for body_id, (now, then) in pairs.items()
        if now is not None and then is not None
    }


def received_report(body: Body, year: int) -> IntakeFile | None:
    """The file last received as ``body``'s report on ``year``, with its whole reading."""
    return (
        IntakeFile.objects.filter(body=body, year=year, reading__isnull=False)
        .select_related("reading", "document", "batch")
        .order_by("-batch__uploaded_at", "-pk")
        .first()
    )


def printed_line(file: IntakeFile, line: int | None) -> str | None:
    """The line ``line`` of a text or markdown document as printed (the reader counts lines from 1)."""
    if line is None or file.reading is None or file.document is None or file.reading.kind not in TEXT_KINDS:
        return None
    lines = decode(bytes(file.document.content)).splitlines()
    return lines[line - 1].strip() if 0 < line <= len(lines) else None
