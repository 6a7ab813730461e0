"""Opening an Office Open XML package (DOCX, XLSX) safely: the zip-bomb checks both readers use.

Nothing is unpacked before the zip's end record and central directory are checked: a package
that announces more parts than a document has, more unpacked bytes than
``Limits.max_unpacked_bytes``, or a part packed at an absurd ratio is refused as a zip bomb; a
part is then read in chunks that stop at a cap whatever its header claims. ``what`` names the
kind of document in the messages ("Word 文档", "Excel 工作簿").
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator

from gongkai.annual.parse.limits import Limits
from gongkai.errors import ReadError

_CHUNK = 256 * 1024
# A DOCX has a few dozen parts (a few hundred with many images); the zip's central
# directory is parsed whole on opening, so a count far beyond that is refused unread.
MAX_PARTS = 10_000
# Deflate packs Word's XML about 5-30:1; a zip bomb packs about 1000:1 (deflate's maximum).
_MAX_RATIO = 200
_RATIO_FLOOR = 1024 * 1024  # parts smaller than this unpacked are harmless at any ratio
_END_OF_CENTRAL_DIRECTORY = b"PK\x05\x06"
_END_RECORD_SPAN = 22 + 0xFFFF  # the record and the longest zip comment


def check_part_count(data: bytes, what: str, corrupt: ReadError) -> None:
    """Refuse a zip whose end record announces more parts than a document has, before opening it.

    ``corrupt`` is raised when there is no end record at all (a truncated file).
    """
    end = data.rfind(_END_OF_CENTRAL_DIRECTORY, max(0, len(data) - _END_RECORD_SPAN))
    if end < 0 or end + 22 > len(data):
        raise corrupt
    parts = int.from_bytes(data[end + 10 : end + 12], "little")
    if parts > MAX_PARTS:
        raise ReadError(f"{what}包含的部件过多（{parts} 个），疑似 zip 炸弹", code="zip_bomb")


def check_sizes(archive: zipfile.ZipFile, limits: Limits, what: str) -> None:
    """Refuse a package whose parts declare too many bytes in all or too high a ratio in one."""
    infos = archive.infolist()
    if len(infos) > MAX_PARTS:
        raise ReadError(f"{what}包含的部件过多（{len(infos)} 个），疑似 zip 炸弹", code="zip_bomb")
    declared = sum(info.file_size for info in infos)
    if declared > limits.max_unpacked_bytes:
        raise ReadError(
            f"{what}解压后将达 {declared} 字节，超过上限 {limits.max_unpacked_bytes} 字节，疑似 zip 炸弹",
            code="zip_bomb",
        )
    for info in infos:
        if info.file_size > _RATIO_FLOOR and info.file_size > _MAX_RATIO * max(info.compress_size, 1):
            raise ReadError(
                f"{what}的部件 {info.filename} 压缩比异常"
                f"（{info.file_size} / {info.compress_size}），疑似 zip 炸弹",
                code="zip_bomb",
            )


def part_chunks(archive: zipfile.ZipFile, name: str, cap: int, what: str) -> Iterator[bytes]:
    """A part's bytes in chunks, refusing to go past ``cap`` whatever the zip header declares."""
    total = 0
    with archive.open(name) as member:
        while chunk := member.read(_CHUNK):
            total += len(chunk)
            if total > cap:
                raise ReadError(f"{what}的部件 {name} 解压后超过 {cap} 字节，疑似 zip 炸弹", code="zip_bomb")
            yield chunk
