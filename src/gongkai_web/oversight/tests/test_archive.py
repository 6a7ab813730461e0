"""Opening an uploaded ZIP without trusting it: bombs, too many members, paths out of the archive."""

from __future__ import annotations

import io
import stat
import zipfile
from collections.abc import Sequence

import pytest

from gongkai_web.oversight import archive
from gongkai_web.oversight.archive import ArchiveError, contents, open_archive


def build(entries: Sequence[tuple[zipfile.ZipInfo | str, bytes]]) -> io.BytesIO:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zipped:
        for name, data in entries:
            zipped.writestr(name, data)
    buffer.seek(0)
    return buffer


def refusal(stream: io.BytesIO) -> str:
    with pytest.raises(ArchiveError) as refused:
        open_archive(stream)
    return refused.value.code


def test_members_are_taken_out_one_by_one_skipping_folders_and_hidden_files() -> None:
    stream = build(
        [
            ("报告/淮安市.txt", "一、总体情况".encode()),
            ("报告/", b""),
            ("__MACOSX/报告/._淮安市.txt", b"\x00\x05"),
            (".DS_Store", b"\x00"),
        ]
    )
    opened, members = open_archive(stream)
    with opened:
        assert list(contents(opened, members)) == [("报告/淮安市.txt", "一、总体情况".encode())]


def test_gbk_names_written_by_chinese_windows_tools_are_read_back() -> None:
    # Such tools write the name's GBK bytes without the UTF-8 flag; put them where an ASCII name
    # of the same length stood (the CRC does not cover names).
    gbk = "洪泽区年报.txt".encode("gbk")
    placeholder = b"a" * (len(gbk) - 4) + b".txt"
    raw = build([(placeholder.decode(), b"text")]).getvalue().replace(placeholder, gbk)
    opened, members = open_archive(io.BytesIO(raw))
    assert [member.name for member in members] == ["洪泽区年报.txt"]
    opened.close()


def test_a_member_that_inflates_a_hundredfold_is_refused_as_a_zip_bomb() -> None:
    assert refusal(build([("bomb.txt", b"0" * (4 * 1024 * 1024))])) == "zip_ratio"


def test_more_members_than_the_limit_are_refused_before_any_is_inflated() -> None:
    entries = [(f"{number}.txt", b"x") for number in range(archive.MAX_MEMBERS + 1)]
    assert refusal(build(entries)) == "zip_too_many_members"


def test_the_total_inflated_size_is_capped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(archive, "MAX_TOTAL_BYTES", 1000)
    assert refusal(build([("a.txt", b"a" * 600), ("b.txt", b"b" * 600)])) == "zip_too_large"


@pytest.mark.parametrize(
    "name", ["../../etc/cron.d/evil.txt", "/etc/passwd", "C:\\Windows\\evil.txt", "a/../../b.txt"]
)
def test_names_that_climb_out_of_the_archive_are_refused(name: str) -> None:
    info = zipfile.ZipInfo("placeholder.txt")
    info.filename = name  # zipfile's writer would clean the name; a hostile archive does not
    assert refusal(build([(info, b"x")])) == "zip_unsafe_path"


def test_a_symbolic_link_is_refused() -> None:
    info = zipfile.ZipInfo("link.txt")
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    assert refusal(build([(info, b"/etc/passwd")])) == "zip_unsafe_path"


def test_an_encrypted_member_is_refused() -> None:
    raw = bytearray(build([("secret.txt", b"x")]).getvalue())
    central = raw.index(b"PK\x01\x02")
    raw[central + 8] |= 0x1  # the general purpose flags of the central directory entry: encrypted
    assert refusal(io.BytesIO(bytes(raw))) == "zip_encrypted"


def test_a_file_that_is_no_zip_is_refused() -> None:
    assert refusal(io.BytesIO(b"PK\x03\x04 not really a zip")) == "zip_corrupt"
