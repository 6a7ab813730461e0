"""The text of a published file (an attachment), for the publication gate to scan.

The annual report's readers (`gongkai.annual.parse`) already open PDF (text layer, pypdfium2),
DOCX (paragraphs, tables, text boxes), HTML and plain text (encoding detected) within bounds,
refusing zip bombs, encrypted and broken files; this module takes their rows as plain text
(`Document.plain_text`) and adds Excel workbooks (XLSX, every cell of every sheet, openpyxl in
read-only mode, after the same zip-bomb checks).

A file whose words cannot be read — an image, a scanned PDF without a text layer (or with scanned
pages), an encrypted or broken file, an unknown kind — gives a `FileText` with a ``problem``, never
an empty text that would look clean: the gate asks a person to check it. ``extract_bounded`` reads
files in a worker process held to the limits' wall time and memory, as the batch reader does.
"""

from __future__ import annotations

import hashlib
import zipfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from io import BytesIO
from pathlib import PurePath

from gongkai.annual.codes import ReaderCode
from gongkai.annual.parse import READERS, kind_of
from gongkai.annual.parse.bounded import Failure, WorkerPool
from gongkai.annual.parse.limits import MIB, Limits
from gongkai.annual.parse.package import check_part_count, check_sizes
from gongkai.errors import GongkaiError, ReadError

# An attachment is at most a few MB; its text is read in well under a second.
ATTACHMENT_LIMITS = Limits(
    max_bytes=20 * MIB,
    max_unpacked_bytes=100 * MIB,
    max_pages=300,
    max_rows=200_000,
    seconds=30.0,
    memory_bytes=1024 * MIB,
)
_EXCEL = "Excel 工作簿"
_WORKBOOK_PART = "xl/workbook.xml"
_IMAGE_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF8", "GIF"),
    (b"II*\x00", "TIFF"),
    (b"MM\x00*", "TIFF"),
)
_TEXT_SUFFIXES = frozenset({".txt", ".text", ".csv", ".tsv", ".md", ".markdown"})
UNREADABLE_MESSAGE = "附件无法自动检查，请人工核对"


@dataclass(frozen=True, slots=True)
class FileText:
    """A file's name and digest, and either its text or why its words could not all be read.

    ``problem`` is a stable English code (``image``, ``pdf_no_text``, ``pdf_page_no_text``,
    ``encrypted_pdf``, ``zip_bomb``, ``timeout``…), ``message`` says it in Chinese. A file with
    a problem may still have some text (a PDF with some scanned pages).
    """

    name: str
    sha256: str
    text: str
    problem: str = ""
    message: str = ""

    @property
    def readable(self) -> bool:
        return not self.problem


@dataclass(frozen=True, slots=True)
class NamedFile:
    """A file to read: its name (which says the kind when the content does not) and its bytes."""

    name: str
    data: bytes


def extract_text(file: NamedFile, limits: Limits = ATTACHMENT_LIMITS) -> FileText:
    """The text of ``file``; a `FileText` with a problem when it cannot be read, never an exception."""
    digest = hashlib.sha256(file.data).hexdigest()
    try:
        text, problem, message = _read(file, limits)
    except GongkaiError as error:
        return FileText(file.name, digest, "", error.code, error.message)
    return FileText(file.name, digest, text, problem, message)


def extract_bounded(files: Iterable[NamedFile], limits: Limits = ATTACHMENT_LIMITS) -> list[FileText]:
    """`extract_text` of each file, in order, each in a worker process held to ``limits``.

    A file whose reading overruns the time or memory is given the pool's failure code as its
    problem (``timeout``, ``out_of_memory``, ``worker_crashed``).
    """
    pending = list(files)
    if not pending:
        return []
    found: dict[int, FileText] = {}
    tasks = [(index, file, limits) for index, file in enumerate(pending)]
    with WorkerPool(
        _extract_task, workers=1, seconds=limits.seconds, memory_bytes=limits.memory_bytes
    ) as pool:
        for (index, file, _), outcome in pool.run(tasks):
            if isinstance(outcome, Failure):
                digest = hashlib.sha256(file.data).hexdigest()
                found[index] = FileText(file.name, digest, "", outcome.code, outcome.message)
            else:
                found[index] = outcome
    return [found[index] for index in range(len(pending))]


def _extract_task(task: tuple[int, NamedFile, Limits]) -> FileText:
    _, file, limits = task
    return extract_text(file, limits)


def _read(file: NamedFile, limits: Limits) -> tuple[str, str, str]:
    data = file.data
    if len(data) > limits.max_bytes:
        raise ReadError(f"文件过大（{len(data)} 字节），上限为 {limits.max_bytes} 字节", code="too_large")
    for signature, label in _IMAGE_SIGNATURES:
        if data.startswith(signature):
            raise ReadError(f"{label} 图片中的文字无法自动读取", code="image")
    if not data.strip():
        return "", "", ""
    if data.startswith(b"PK\x03\x04") and _is_workbook(data, limits):
        return _read_workbook(data, limits), "", ""
    kind = kind_of(file.name, data)
    if kind == "text" and PurePath(file.name).suffix.lower() not in _TEXT_SUFFIXES and b"\x00" in data[:8192]:
        # UTF-16 text is named as such; any other binary would decode as garbage and look clean.
        raise ReadError(f"无法识别的文件类型：{file.name}", code="unknown_kind")
    document = READERS[kind](data, limits)
    if len(document.rows) > limits.max_rows:
        raise ReadError(
            f"文档过长（{len(document.rows)} 行），上限为 {limits.max_rows} 行", code="too_many_rows"
        )
    for note in document.notes:
        if note.code in (ReaderCode.PDF_NO_TEXT.value, ReaderCode.PDF_PAGE_NO_TEXT.value):
            return document.plain_text(), note.code.lower().replace("-", "_"), note.message
    return document.plain_text(), "", ""


def _corrupt_workbook(detail: str) -> ReadError:
    return ReadError(f"Excel 工作簿已损坏或不完整，无法读取：{detail}", code="corrupt_xlsx")


def _is_workbook(data: bytes, limits: Limits) -> bool:
    """A zip holding ``xl/workbook.xml`` (checked for zip bombs before its directory is read)."""
    check_part_count(data, _EXCEL, _corrupt_workbook("找不到 zip 目录（文件可能被截断）"))
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            return _WORKBOOK_PART in archive.namelist()
    except zipfile.BadZipFile:
        return False


def _read_workbook(data: bytes, limits: Limits) -> str:
    """Every non-empty cell of every sheet: a row a line, cells separated by tabs."""
    from openpyxl import load_workbook  # noqa: PLC0415 - loaded only when a workbook comes

    lines: list[str] = []
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            check_sizes(archive, limits, _EXCEL)
        workbook = load_workbook(BytesIO(data), read_only=True, data_only=True)
        try:
            for sheet in workbook.worksheets:
                lines.append(sheet.title)
                for row in sheet.iter_rows(values_only=True):
                    cells = [_cell_text(value) for value in row]
                    if any(cells):
                        lines.append("\t".join(cells))
                    if len(lines) > limits.max_rows:
                        raise ReadError(
                            f"工作簿过长（超过 {limits.max_rows} 行），上限为 {limits.max_rows} 行",
                            code="too_many_rows",
                        )
        finally:
            workbook.close()
    except ReadError:
        raise
    except (zipfile.BadZipFile, KeyError, EOFError, zlib.error, ValueError, OSError, TypeError) as error:
        raise _corrupt_workbook(f"{type(error).__name__}: {error}") from error
    return "\n".join(lines)


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


__all__ = [
    "ATTACHMENT_LIMITS",
    "UNREADABLE_MESSAGE",
    "FileText",
    "NamedFile",
    "extract_bounded",
    "extract_text",
]
