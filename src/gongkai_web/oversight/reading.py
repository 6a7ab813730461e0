"""Reading the files of a batch, one at a time, each in a bounded worker (the background task's work).

A file is claimed (WAITING → READING, with the time) in a short transaction, read outside any
transaction, and settled (DONE or FAILED, with its body and year) in another. A worker that dies
leaves its file READING; once `STALE_AFTER` has passed with no result — longer than any reading
may take, the worker pool kills a reading at ``LIMITS.seconds`` — the file is claimable again,
so re-running the worker completes the batch. Content already read by this version of gongkai
(the same SHA-256, from any batch) is not read again: its reading is reused.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import threading
import unicodedata
from collections.abc import Sequence

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.utils import timezone

import gongkai
from gongkai.annual.examine import Examined, Examiner, Submitted
from gongkai.annual.findings import Severity
from gongkai.annual.parse.bounded import START_SECONDS
from gongkai.annual.parse.limits import DEFAULT_LIMITS
from gongkai_web.bodies.models import Body
from gongkai_web.oversight import fetching
from gongkai_web.oversight.access import supervised_ids
from gongkai_web.oversight.archive import MAX_MEMBER_BYTES
from gongkai_web.oversight.models import BodySource, Document, FileStatus, IntakeFile, Reading

LIMITS = DEFAULT_LIMITS  # per document, as the batch command's defaults (docs/batch.md)
STALE_AFTER = dt.timedelta(seconds=LIMITS.seconds + START_SECONDS + 60)


_local = threading.local()


def examiner() -> Examiner:
    """This thread's bounded reader, kept for the life of the process (the worker reads file after
    file: starting a reading process per file would cost more than the reading)."""
    kept: Examiner | None = getattr(_local, "examiner", None)
    if kept is None:
        kept = _local.examiner = Examiner(LIMITS)
    return kept


def current_reading(document: Document) -> Reading | None:
    """The document's latest reading by this version of gongkai, if there is one."""
    return document.readings.filter(reader_version=gongkai.__version__).order_by("-number").first()


def claimable(batch_id: int, now: dt.datetime) -> Q:
    return Q(batch_id=batch_id) & (
        Q(status=FileStatus.WAITING) | Q(status=FileStatus.READING, reading_since__lt=now - STALE_AFTER)
    )


def read_next(batch_id: int) -> IntakeFile | None:
    """Claim, read and settle the batch's next file; None when no file is left to claim.

    A file given as a URL is fetched first (`fetching`); what it gives is stored and read as an
    uploaded file's content is, and a URL that gives nothing is settled as unreadable with why.
    """
    file = _claim(batch_id)
    if file is None:
        return None
    if file.document is None:
        try:
            fetched = fetching.fetch(file.url, fetch_limits())
        except fetching.FetchError as error:
            return _unfetched(file, error)
        file.document = store_document(fetched.data)
        file.name, file.content_type = fetched.name, fetched.content_type
        file.save(update_fields=["document", "name", "content_type"])
    reading = current_reading(file.document)
    reused = reading is not None
    if reading is None:
        examined = examiner().examine(Submitted(file.name, bytes(file.document.content), LIMITS))
        reading = _store(file.document, examined)
    return settle(file, reading, reused=reused)


def fetch_limits() -> fetching.Limits:
    """A URL's limits: a report's size cap, and private addresses only where the settings allow."""
    allow = bool(getattr(settings, "OVERSIGHT_FETCH_ALLOW_PRIVATE", False))
    return fetching.Limits(max_bytes=MAX_MEMBER_BYTES, allow_private=allow)


def store_document(data: bytes) -> Document:
    """The document holding ``data``: the one stored before with the same SHA-256, or a new one."""
    sha256 = hashlib.sha256(data).hexdigest()
    document, _ = Document.objects.get_or_create(sha256=sha256, defaults={"content": data, "size": len(data)})
    return document


def _unfetched(file: IntakeFile, error: fetching.FetchError) -> IntakeFile:
    file.status, file.year = FileStatus.FAILED, file.batch.year
    file.error_code, file.error_message = error.code, error.message
    file.save(update_fields=["status", "year", "error_code", "error_message"])
    return file


def _claim(batch_id: int) -> IntakeFile | None:
    now = timezone.now()
    with transaction.atomic():
        file = (
            IntakeFile.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("batch__uploaded_by", "document")
            .filter(claimable(batch_id, now))
            .order_by("position")
            .first()
        )
        if file is None:
            return None
        file.status, file.reading_since = FileStatus.READING, now
        file.save(update_fields=["status", "reading_since"])
    return file


def _store(document: Document, examined: Examined) -> Reading:
    """Keep ``examined`` as the document's next version (or the one another worker kept first)."""
    number = (document.readings.aggregate(last=Max("number"))["last"] or 0) + 1
    try:
        with transaction.atomic():
            return Reading.objects.create(
                document=document,
                number=number,
                reader_version=gongkai.__version__,
                kind=examined.kind,
                layout=examined.layout[:200],
                report_format=examined.report_format,
                year=examined.year,
                agency=examined.agency[:200],
                report_json=examined.report_json,
                findings=examined.findings,
                provenance=examined.provenance,
                errors=examined.count(Severity.ERROR),
                warnings=examined.count(Severity.WARNING),
                notes=examined.count(Severity.INFO),
                error_code=examined.error_code,
                error_message=examined.error_message,
            )
    except IntegrityError:  # another worker read the same content at the same time
        reading = current_reading(document)
        if reading is None:
            raise
        return reading


@transaction.atomic
def settle(file: IntakeFile, reading: Reading, *, reused: bool) -> IntakeFile:
    """Record ``reading`` as the file's, with its year and, if not yet known, its body."""
    file.reading, file.reused = reading, reused
    file.status = FileStatus.FAILED if reading.failed else FileStatus.DONE
    file.year = reading.year or file.batch.year
    if file.body_id is None:
        ids = supervised_ids(file.batch.uploaded_by)
        bodies = list(Body.objects.filter(pk__in=sorted(ids)).only("pk", "name"))
        body = named_body(reading.agency, bodies)
        if body is not None:
            file.body, file.body_source = body, BodySource.TITLE
        else:
            body = body_in_name(file.name, bodies)
            if body is not None:
                file.body, file.body_source = body, BodySource.FILE_NAME
    file.save()
    return file


def _plain(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKC", text) if not ch.isspace())


def named_body(agency: str, bodies: Sequence[Body]) -> Body | None:
    """The supervised body whose name the report's title gives (spaces and full-width forms aside)."""
    if not agency:
        return None
    wanted = _plain(agency)
    found = [body for body in bodies if _plain(body.name) == wanted]
    return found[0] if len(found) == 1 else None


def body_in_name(file_name: str, bodies: Sequence[Body]) -> Body | None:
    """The supervised body whose full name the file name contains; the longest if several do
    (淮安市洪泽区人民政府 contains no other name, 淮安市洪泽区教育体育局 would not match 淮安市人民政府)."""
    plain = _plain(file_name)
    found = sorted(
        (body for body in bodies if _plain(body.name) in plain),
        key=lambda body: -len(body.name),
    )
    if not found or (len(found) > 1 and len(found[0].name) == len(found[1].name)):
        return None
    return found[0]
