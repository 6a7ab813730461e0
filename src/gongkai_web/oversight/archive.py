"""Taking the files out of an uploaded ZIP archive without trusting it.

Checked from the central directory before any member is inflated: the number of members
(`MAX_MEMBERS`), the total uncompressed size (`MAX_TOTAL_BYTES`), each member's size against the
reader's own limit (`Limits.max_bytes`) and its compression ratio (`MAX_RATIO`: a zip bomb
inflates a small member a thousandfold), encrypted members, and names that climb out of the
archive (absolute paths, ``..``, drive letters) or are links. Any of these refuses the whole
archive: nothing of it is received. Member names are never used as paths on disk; they are only
shown. Directories, hidden files and the ``__MACOSX`` folder macOS adds are passed over.

A member is inflated only when it is asked for (`members` yields them one at a time), and
Python's zipfile stops at the declared size, so memory holds one member at a time.
"""

from __future__ import annotations

import re
import stat
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import IO

from gongkai.annual.parse.limits import DEFAULT_LIMITS
from gongkai.errors import GongkaiError

MAX_MEMBERS = 500
MAX_TOTAL_BYTES = 256 * 1024 * 1024
MAX_RATIO = 100
RATIO_FLOOR_BYTES = 1024 * 1024  # below this a high ratio (a page of spaces) is harmless
MAX_MEMBER_BYTES = DEFAULT_LIMITS.max_bytes
_UTF8_NAMES = 0x800  # general purpose flag bit 11: the name is UTF-8
_ENCRYPTED = 0x1
_DRIVE = re.compile(r"^[A-Za-z]:")


class ArchiveError(GongkaiError):
    code = "zip_refused"


@dataclass(frozen=True, slots=True)
class Member:
    name: str
    info: zipfile.ZipInfo


def is_archive(name: str, head: bytes) -> bool:
    """An upload meant as an archive of reports: named .zip, or a zip by its first bytes that is not
    named as a Word document (a DOCX is a zip too, and is read as the report it is)."""
    lowered = name.lower()
    return lowered.endswith(".zip") or (head.startswith(b"PK\x03\x04") and not lowered.endswith(".docx"))


def open_archive(stream: IO[bytes]) -> tuple[zipfile.ZipFile, list[Member]]:
    """The archive and the members to receive, checked (raises `ArchiveError`)."""
    try:
        archive = zipfile.ZipFile(stream)
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise ArchiveError(f"ZIP 文件已损坏，无法打开（{error}）", code="zip_corrupt") from error
    if len(infos) > MAX_MEMBERS:
        raise ArchiveError(
            f"ZIP 文件中有 {len(infos)} 个条目，上限为 {MAX_MEMBERS} 个，请分批上传",
            code="zip_too_many_members",
        )
    members: list[Member] = []
    total = 0
    for info in infos:
        name = member_name(info)
        _check_path(name, info)
        if info.is_dir() or _passed_over(name):
            continue
        if info.flag_bits & _ENCRYPTED:
            raise ArchiveError(f"ZIP 文件中的“{name}”已加密，无法读取", code="zip_encrypted")
        if info.file_size > MAX_MEMBER_BYTES:
            raise ArchiveError(
                f"ZIP 文件中的“{name}”解压后 {info.file_size} 字节，超过单个文件上限 {MAX_MEMBER_BYTES} 字节",
                code="zip_member_too_large",
            )
        if info.file_size > RATIO_FLOOR_BYTES and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise ArchiveError(
                f"ZIP 文件中的“{name}”压缩比超过 {MAX_RATIO} 倍（疑似压缩炸弹），拒绝解压", code="zip_ratio"
            )
        total += info.file_size
        if total > MAX_TOTAL_BYTES:
            raise ArchiveError(
                f"ZIP 文件解压后超过 {MAX_TOTAL_BYTES // 2**20} MB，请分批上传", code="zip_too_large"
            )
        members.append(Member(name, info))
    return archive, members


def contents(archive: zipfile.ZipFile, members: list[Member]) -> Iterator[tuple[str, bytes]]:
    """Each member's name and bytes, inflated one at a time."""
    for member in members:
        try:
            with archive.open(member.info) as stream:
                data = stream.read(member.info.file_size + 1)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
            raise ArchiveError(f"ZIP 文件中的“{member.name}”已损坏，无法解压", code="zip_corrupt") from error
        if len(data) != member.info.file_size:
            raise ArchiveError(f"ZIP 文件中的“{member.name}”大小与记录不符", code="zip_corrupt")
        yield member.name, data


def member_name(info: zipfile.ZipInfo) -> str:
    """The member's name as its author wrote it: Chinese Windows tools write GBK without saying so."""
    if info.flag_bits & _UTF8_NAMES:
        return info.filename
    raw = info.filename.encode("cp437")  # how zipfile decoded the unflagged bytes
    for encoding in ("utf-8", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return info.filename


def _check_path(name: str, info: zipfile.ZipInfo) -> None:
    parts = PurePosixPath(name.replace("\\", "/")).parts
    if name.startswith(("/", "\\")) or _DRIVE.match(name) or ".." in parts:
        raise ArchiveError(f"ZIP 文件中的“{name}”指向压缩包以外的位置，拒绝解压", code="zip_unsafe_path")
    if stat.S_ISLNK(info.external_attr >> 16):
        raise ArchiveError(f"ZIP 文件中的“{name}”是符号链接，拒绝解压", code="zip_unsafe_path")


def _passed_over(name: str) -> bool:
    parts = PurePosixPath(name.replace("\\", "/")).parts
    return any(part.startswith(".") or part == "__MACOSX" for part in parts)
