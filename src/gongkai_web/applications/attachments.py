"""Files that come with an application: which are accepted, how they are checked, and storing them.

Accepted are PDF, JPEG, PNG, Word (.docx), Excel (.xlsx) and plain text, at most `MAX_FILES` of at most
`MAX_FILE_SIZE` each. The kind is decided by the bytes (magic numbers and structure), never by the
file's name or the browser's content type, and a file whose end is missing (an interrupted copy or
upload) is refused. A .docx or .xlsx is a ZIP archive: its central directory is read with a bound
on the number of entries and their declared sizes, and no member is ever extracted.

`check_upload` turns an upload into a `CheckedUpload` or raises `AttachmentRefused`, a
ValidationError whose Chinese message names the file and the reason (`check_uploads` does it for
all files of a form); `add_attachment` stores only checked uploads, through `stored_file`, which
the catalogue's attachments use too. `UploadLimits` is the upload handler that enforces the count
and the size while the request is read, so an oversized file is never buffered whole.
"""

from __future__ import annotations

import codecs
import hashlib
import re
import struct
import unicodedata
import zipfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from enum import Enum
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.db import models, transaction

from gongkai.cases import Status
from gongkai_web.accounts.models import User
from gongkai_web.applications.access import works_on_case
from gongkai_web.applications.models import Application, Attachment, Channel, LogKind
from gongkai_web.applications.services import NotPermitted, log

MAX_FILES = 5
MAX_FILE_SIZE = 10 * 1024 * 1024  # 10 MB
MAX_NAME_LENGTH = 200  # Attachment.original_name

# A .docx of a few hundred pages or an .xlsx of a few sheets has some dozens of parts; these bounds
# refuse ZIP bombs and archives that only pretend to be documents, for whoever opens the file later.
OFFICE_MAX_ENTRIES = 1000
OFFICE_MAX_UNCOMPRESSED = 256 * 1024 * 1024

_HEAD = 64 * 1024  # enough for JPEG header segments and a ZIP's local header
_TAIL = 1024  # PDF readers look for %%EOF in the last 1024 bytes
_ZIP_END_WINDOW = 22 + 0xFFFF  # end-of-central-directory record plus the longest comment
_HASH_CHUNK = 1024 * 1024
_JPEG_MAX_SEGMENTS = 1000  # header segments before the scan; cameras write about a dozen
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")  # tab, newlines and form feed are text
_UNSAFE_NAME = re.compile(r"[\x00-\x1f\x7f/\\]")


class FileKind(Enum):
    PDF = "application/pdf"
    JPEG = "image/jpeg"
    PNG = "image/png"
    DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    TEXT = "text/plain"

    @property
    def content_type(self) -> str:
        return self.value

    @property
    def label(self) -> str:
        return _KIND_LABELS[self]


_KIND_LABELS = {
    FileKind.PDF: "PDF 文件",
    FileKind.JPEG: "JPEG 图片",
    FileKind.PNG: "PNG 图片",
    FileKind.DOCX: "Word 文档（.docx）",
    FileKind.XLSX: "Excel 表格（.xlsx）",
    FileKind.TEXT: "纯文本文件",
}
ACCEPTED = "、".join(kind.label for kind in FileKind)
MAX_FILE_SIZE_TEXT = f"{MAX_FILE_SIZE // (1024 * 1024)} MB"


class Refusal(Enum):
    """Why a file is refused: the stable code and the Chinese reason that follows the file's name."""

    TOO_MANY = "attachment_too_many"
    TOO_LARGE = "attachment_too_large"
    EMPTY = "attachment_empty"
    WRONG_KIND = "attachment_wrong_kind"
    OLD_OFFICE = "attachment_old_office"
    NOT_DOCX = "attachment_not_docx"
    TRUNCATED = "attachment_truncated"
    DAMAGED = "attachment_damaged"
    NOT_TEXT = "attachment_not_text"

    @property
    def code(self) -> str:
        return self.value

    @property
    def reason(self) -> str:
        return _REASONS[self]


_REASONS = {
    Refusal.TOO_MANY: f"超出了附件数量上限（最多 {MAX_FILES} 个），未能接收",
    Refusal.TOO_LARGE: f"超过 {MAX_FILE_SIZE_TEXT}，请压缩或分成几个文件后再提交",
    Refusal.EMPTY: "是空文件",
    Refusal.WRONG_KIND: f"不是可以接受的文件类型（只接受 {ACCEPTED}）",
    Refusal.OLD_OFFICE: "是旧版 Word 或 Excel 文件（.doc、.xls），请另存为 PDF、.docx 或 .xlsx 后再提交",
    Refusal.NOT_DOCX: "是压缩包或其他 Office 文件，不是 Word 文档（.docx）或 Excel 表格（.xlsx）",
    Refusal.TRUNCATED: "不完整（文件末尾缺失，可能在复制或上传时中断），请重新选择完整的文件",
    Refusal.DAMAGED: "已损坏或结构异常，无法接收",
    Refusal.NOT_TEXT: "含有无法识别的字符或二进制内容，不是纯文本文件",
}


class AttachmentRefused(ValidationError):  # noqa: N818  -- a refusal, as NotPermitted is
    """A file that is not accepted; the message names the file, ``code`` says why."""

    def __init__(self, name: str, refusal: Refusal) -> None:
        super().__init__(f"文件“{name}”{refusal.reason}", code=refusal.code)
        self.name = name
        self.refusal = refusal


@dataclass(frozen=True)
class CheckedUpload:
    """An upload that passed `check_upload`: what it is, as decided from its bytes."""

    file: UploadedFile
    original_name: str
    kind: FileKind
    size: int
    sha256: str

    def row_fields(self) -> dict[str, object]:
        """What an attachment row keeps of the upload (the file itself is stored by `stored_file`)."""
        return {
            "original_name": self.original_name,
            "content_type": self.kind.content_type,
            "size": self.size,
            "sha256": self.sha256,
        }


@dataclass(frozen=True)
class RefusedUpload:
    """A file `UploadLimits` did not keep while reading the request."""

    name: str
    refusal: Refusal

    def error(self) -> AttachmentRefused:
        return AttachmentRefused(self.name, self.refusal)


def clean_name(name: str) -> str:
    """The applicant's file name made safe to show and store: no path, no control characters, ≤ 200."""
    text = _UNSAFE_NAME.sub("", unicodedata.normalize("NFC", name)).strip() or "未命名文件"
    if len(text) <= MAX_NAME_LENGTH:
        return text
    stem, dot, extension = text.rpartition(".")
    if dot and 0 < len(extension) <= 10:
        return stem[: MAX_NAME_LENGTH - len(extension) - 1] + "." + extension
    return text[:MAX_NAME_LENGTH]


def check_upload(upload: UploadedFile) -> CheckedUpload:
    """The upload as a CheckedUpload, or AttachmentRefused naming the file and the reason."""
    name = clean_name(upload.name or "")
    size = upload.size or 0
    if size > MAX_FILE_SIZE:
        raise AttachmentRefused(name, Refusal.TOO_LARGE)
    if size == 0:
        raise AttachmentRefused(name, Refusal.EMPTY)
    stream = upload.file
    if stream is None:
        raise AttachmentRefused(name, Refusal.EMPTY)
    kind = _kind_of(stream, size, name)
    digest = hashlib.sha256()
    stream.seek(0)
    while chunk := stream.read(_HASH_CHUNK):
        digest.update(chunk)
    stream.seek(0)
    return CheckedUpload(file=upload, original_name=name, kind=kind, size=size, sha256=digest.hexdigest())


def check_uploads(
    files: Sequence[UploadedFile], *, refused: Sequence[RefusedUpload], seen: int
) -> list[CheckedUpload]:
    """The files of one form, each checked by its bytes; one ValidationError naming every refusal.

    ``refused`` are the files `UploadLimits` did not keep while reading the request, ``seen`` how
    many files the request held (more than `MAX_FILES` refuses them all).
    """
    if seen > MAX_FILES or len(files) > MAX_FILES:
        raise ValidationError(
            f"最多可以附 {MAX_FILES} 个文件，这次选择了 {max(seen, len(files))} 个",
            code="attachment_too_many",
        )
    errors: list[ValidationError] = [refusal.error() for refusal in refused]
    checked: list[CheckedUpload] = []
    for upload in files:
        try:
            checked.append(check_upload(upload))
        except AttachmentRefused as refusal:
            errors.append(refusal)
    if errors:
        raise ValidationError(errors)
    return checked


def _read(stream: IO[bytes], offset: int, length: int) -> bytes:
    stream.seek(offset)
    return stream.read(length)


def _kind_of(stream: IO[bytes], size: int, name: str) -> FileKind:
    head = _read(stream, 0, _HEAD)
    tail = _read(stream, max(0, size - _TAIL), _TAIL)
    if head.startswith(b"%PDF-"):
        if b"%%EOF" not in tail:
            raise AttachmentRefused(name, Refusal.TRUNCATED)
        return FileKind.PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        if head[12:16] != b"IHDR":
            raise AttachmentRefused(name, Refusal.DAMAGED)
        if b"IEND\xaeB`\x82" not in tail:
            raise AttachmentRefused(name, Refusal.TRUNCATED)
        return FileKind.PNG
    if head.startswith(b"\xff\xd8\xff"):
        _check_jpeg(stream, name)
        return FileKind.JPEG
    if head.startswith(b"PK\x03\x04"):
        return _office_kind(stream, size, name)
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):  # OLE2: .doc, .xls, and encrypted .docx
        raise AttachmentRefused(name, Refusal.OLD_OFFICE)
    if _is_text(stream, head):
        return FileKind.TEXT
    raise AttachmentRefused(name, Refusal.WRONG_KIND)


def _check_jpeg(stream: IO[bytes], name: str) -> None:
    """The end-of-image marker must follow the start of the scan.

    Searching only after SOS skips the EXIF thumbnail (a whole JPEG inside APP1, with its own end
    marker); data after the end marker is allowed (phones append motion-photo video there).
    """
    offset = 2
    for _ in range(_JPEG_MAX_SEGMENTS):
        segment = _read(stream, offset, 4)
        if len(segment) < 4:
            raise AttachmentRefused(name, Refusal.TRUNCATED)
        if segment[0] != 0xFF or segment[1] in (0x00, 0xD8, 0xD9):
            raise AttachmentRefused(name, Refusal.DAMAGED)
        if segment[1] == 0xFF:  # a fill byte before the marker
            offset += 1
            continue
        length = struct.unpack(">H", segment[2:4])[0]
        if length < 2:
            raise AttachmentRefused(name, Refusal.DAMAGED)
        offset += 2 + length
        if segment[1] == 0xDA:  # start of scan
            break
    else:
        raise AttachmentRefused(name, Refusal.DAMAGED)
    stream.seek(offset)
    previous = b""
    while chunk := stream.read(_HASH_CHUNK):
        if b"\xff\xd9" in previous[-1:] + chunk:
            return
        previous = chunk
    raise AttachmentRefused(name, Refusal.TRUNCATED)


def _office_kind(stream: IO[bytes], size: int, name: str) -> FileKind:
    """A ZIP whose central directory is whole and small, holding ``word/document.xml`` (.docx) or
    ``xl/workbook.xml`` (.xlsx); nothing extracted."""
    end = _read(stream, max(0, size - _ZIP_END_WINDOW), _ZIP_END_WINDOW)
    at = end.rfind(b"PK\x05\x06")
    if at < 0 or len(end) - at < 22:
        raise AttachmentRefused(name, Refusal.TRUNCATED)
    entries = struct.unpack("<H", end[at + 10 : at + 12])[0]
    if entries == 0xFFFF or entries > OFFICE_MAX_ENTRIES:  # ZIP64 or too many parts for a document
        raise AttachmentRefused(name, Refusal.DAMAGED)
    stream.seek(0)
    try:
        with zipfile.ZipFile(stream) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise AttachmentRefused(name, Refusal.TRUNCATED) from None
    if sum(member.file_size for member in members) > OFFICE_MAX_UNCOMPRESSED:
        raise AttachmentRefused(name, Refusal.DAMAGED)
    names = {member.filename for member in members}
    if "[Content_Types].xml" in names and "word/document.xml" in names:
        return FileKind.DOCX
    if "[Content_Types].xml" in names and "xl/workbook.xml" in names:
        return FileKind.XLSX
    raise AttachmentRefused(name, Refusal.NOT_DOCX)


def _is_text(stream: IO[bytes], head: bytes) -> bool:
    """UTF-8 (with or without BOM), UTF-16 with a BOM, or GB18030, without control characters."""
    stream.seek(0)
    data = stream.read(MAX_FILE_SIZE + 1)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encodings: tuple[str, ...] = ("utf-16",)
    elif b"\x00" in head:
        return False
    else:
        encodings = ("utf-8-sig", "gb18030")
    for encoding in encodings:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return _CONTROL.search(text) is None
    return False


class UploadLimits(FileUploadHandler):
    """The first upload handler of a request: it skips, as they arrive, the files the portal cannot take.

    A file beyond `MAX_FILES` is skipped at its first byte, a file is skipped as soon as it passes
    `MAX_FILE_SIZE`, so neither is kept in memory or on disk; both are listed in ``refused`` for
    the form to name. Install it before the request body is read (the view is csrf_exempt and
    protects itself after installing it, as Django's documentation describes).
    """

    def __init__(self, request: Any = None) -> None:
        super().__init__(request)
        self.refused: list[RefusedUpload] = []
        self.files_seen = 0
        self.received = 0
        self.over_count = False

    def new_file(self, field_name: str, file_name: str, *args: Any, **kwargs: Any) -> None:
        super().new_file(field_name, file_name, *args, **kwargs)
        self.files_seen += 1
        self.received = 0
        self.over_count = self.files_seen > MAX_FILES
        if self.over_count:
            self.refused.append(RefusedUpload(clean_name(file_name), Refusal.TOO_MANY))
        # Skipping happens at the first chunk, not here: SkipFile closes every handler's current
        # file, and before the later handlers' new_file that would be the previous, accepted file.

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        if self.over_count:
            raise SkipFile
        self.received += len(raw_data)
        if self.received > MAX_FILE_SIZE:
            self.refused.append(RefusedUpload(clean_name(self.file_name or ""), Refusal.TOO_LARGE))
            raise SkipFile
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None  # the next handler (memory or temporary file) makes the file


@transaction.atomic
def add_attachment(*, application: Application, upload: CheckedUpload, actor: User | None) -> Attachment:
    """Store ``upload`` with ``application`` under a random name and note it in the case log.

    Without ``actor`` the file is the applicant's own, sent with an online application before anyone
    has worked on it; with one, ``actor`` must be a registrar, reviewer or head of the body or a
    handler of the assigned department. If the row cannot be written the stored file is removed;
    a caller that stores several files in one transaction removes the earlier ones if it fails
    (see `gongkai_web.portal.services.submit_application`).
    """
    _check_may_attach(actor, application)
    attachment = Attachment(application=application, uploaded_by=actor, **upload.row_fields())
    with stored_file(attachment, upload):
        attachment.save()
        log(
            application,
            LogKind.ATTACHMENT,
            f"添加附件“{upload.original_name}”（{upload.kind.label}，{upload.size} 字节）",
            actor=actor,
            details={"attachment": attachment.pk, "sha256": upload.sha256},
        )
    return attachment


@contextmanager
def stored_file(attachment: models.Model, upload: CheckedUpload) -> Iterator[str]:
    """Write ``upload`` to the storage of ``attachment.file`` under the name its ``upload_to`` gives.

    Yields the stored name (already set on the row) for the caller to save the row and note it;
    if that block fails, the file is removed again (also one left half-written by a failed save).
    """
    field_file = attachment.file  # type: ignore[attr-defined]
    name = field_file.field.generate_filename(attachment, upload.original_name)
    stored = name
    try:
        stored = field_file.storage.save(name, upload.file, max_length=field_file.field.max_length)
        field_file.name = stored
        yield stored
    except BaseException:
        field_file.storage.delete(stored)
        raise


def _check_may_attach(actor: User | None, application: Application) -> None:
    body = application.body
    if actor is None:
        own_submission = (
            application.channel == Channel.ONLINE
            and application.registered_by_id is None
            and application.status == Status.REGISTERED
        )
        if not own_submission:
            raise NotPermitted("申请人只能在网上提交申请时附上文件", code="applicant_attachment_closed")
        return
    if works_on_case(actor, application):
        return
    raise NotPermitted(f"{actor} 不能为{body.name}的这件申请添加附件", code="not_attacher")
