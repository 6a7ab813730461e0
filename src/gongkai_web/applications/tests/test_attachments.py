"""Attachments: the kind decided by the bytes, truncated and foreign files refused, storing all or nothing."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile, TemporaryUploadedFile

from gongkai.cases import Action
from gongkai_web.accounts.models import User
from gongkai_web.applications import attachments as attachments_module
from gongkai_web.applications.attachments import (
    MAX_FILE_SIZE,
    MAX_FILES,
    AttachmentRefused,
    FileKind,
    Refusal,
    UploadLimits,
    add_attachment,
    check_upload,
    clean_name,
)
from gongkai_web.applications.models import Application, Attachment, CaseLogEntry, LogKind
from gongkai_web.applications.services import NotPermitted, record_event
from gongkai_web.personas import SEPTEMBER_28, Office, walk_in
from gongkai_web.portal.tests import sample_files
from gongkai_web.testing import files_under

pytestmark = pytest.mark.usefixtures("media")


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


@pytest.fixture
def online(office: Office) -> Application:
    """An application the applicant sent through the portal."""
    return walk_in(
        office,
        None,
        channel="online",
        receipt_basis="confirmed_by_both",
        department=None,
    )


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        (sample_files.pdf(), FileKind.PDF),
        (sample_files.jpeg(), FileKind.JPEG),
        (sample_files.jpeg_with_thumbnail(), FileKind.JPEG),
        (sample_files.png(), FileKind.PNG),
        (sample_files.docx_file(), FileKind.DOCX),
        (sample_files.xlsx(), FileKind.XLSX),
        (sample_files.utf8_text(), FileKind.TEXT),
        (sample_files.gb18030_text(), FileKind.TEXT),
        ("\ufeff申请书".encode("utf-16"), FileKind.TEXT),
    ],
)
def test_accepted_files_are_recognised_by_their_bytes(content: bytes, kind: FileKind) -> None:
    checked = check_upload(upload("扫描件.bin", content))
    assert checked.kind is kind
    assert checked.size == len(content)
    assert checked.sha256 == hashlib.sha256(content).hexdigest()
    assert checked.original_name == "扫描件.bin"


def test_the_name_does_not_decide_the_kind() -> None:
    assert check_upload(upload("照片.pdf", sample_files.png())).kind is FileKind.PNG
    with pytest.raises(AttachmentRefused, match="不是可以接受的文件类型"):
        check_upload(upload("申请书.pdf", sample_files.gif()))


@pytest.mark.parametrize(
    ("name", "content", "refusal", "message"),
    [
        (
            "动图.gif",
            sample_files.gif(),
            Refusal.WRONG_KIND,
            "文件“动图.gif”不是可以接受的文件类型"
            "（只接受 PDF 文件、JPEG 图片、PNG 图片、Word 文档（.docx）、Excel 表格（.xlsx）、纯文本文件）",
        ),
        ("旧文档.doc", sample_files.old_word(), Refusal.OLD_OFFICE, "是旧版 Word 或 Excel 文件"),
        (
            "资料.zip",
            sample_files.zip_of(["a.txt", "b.txt"]),
            Refusal.NOT_DOCX,
            "不是 Word 文档（.docx）或 Excel 表格",
        ),
        ("截断.xlsx", sample_files.xlsx()[:-100], Refusal.TRUNCATED, "不完整"),
        (
            "程序.exe",
            b"MZ\x90\x00\x03\x00\x00\x00" + bytes(range(256)) * 4,
            Refusal.WRONG_KIND,
            "不是可以接受的文件类型",
        ),
        ("截断.pdf", sample_files.pdf()[:-40], Refusal.TRUNCATED, "不完整"),
        ("截断.png", sample_files.png()[:-20], Refusal.TRUNCATED, "不完整"),
        ("截断.jpg", sample_files.jpeg()[:-300], Refusal.TRUNCATED, "不完整"),
        ("截断缩略图.jpg", sample_files.jpeg_with_thumbnail()[:-300], Refusal.TRUNCATED, "不完整"),
        ("头部截断.jpg", sample_files.jpeg()[:40], Refusal.TRUNCATED, "不完整"),
        ("截断.docx", sample_files.docx_file()[:-100], Refusal.TRUNCATED, "不完整"),
        ("空.txt", b"", Refusal.EMPTY, "文件“空.txt”是空文件"),
        ("控制字符.txt", "正文\x1b[31m".encode(), Refusal.WRONG_KIND, "不是可以接受的文件类型"),
        ("坏图.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, Refusal.DAMAGED, "已损坏或结构异常"),
    ],
)
def test_refused_files_are_named_with_the_reason(
    name: str, content: bytes, refusal: Refusal, message: str
) -> None:
    with pytest.raises(AttachmentRefused) as refused:
        check_upload(upload(name, content))
    assert refused.value.code == refusal.code
    assert message in refused.value.message
    assert f"文件“{name}”" in refused.value.message


def test_a_docx_with_too_many_parts_is_refused_without_opening_them() -> None:
    names = ["[Content_Types].xml", "word/document.xml", *(f"word/media/{i}.png" for i in range(1001))]
    with pytest.raises(AttachmentRefused, match="已损坏或结构异常"):
        check_upload(upload("炸弹.docx", sample_files.zip_of(names)))


def test_an_xlsx_with_too_many_parts_is_refused_without_opening_them() -> None:
    names = ["[Content_Types].xml", "xl/workbook.xml", *(f"xl/worksheets/sheet{i}.xml" for i in range(1001))]
    with pytest.raises(AttachmentRefused, match="已损坏或结构异常"):
        check_upload(upload("炸弹.xlsx", sample_files.zip_of(names)))


def test_a_file_of_exactly_ten_megabytes_is_accepted_and_one_byte_more_is_refused() -> None:
    pdf = sample_files.pdf()
    body = pdf[:-6]  # everything before the final %%EOF\n
    exact = body + b"\n" * (MAX_FILE_SIZE - len(pdf)) + pdf[-6:]
    assert len(exact) == MAX_FILE_SIZE
    assert check_upload(upload("大.pdf", exact)).kind is FileKind.PDF
    with pytest.raises(AttachmentRefused, match="超过 10 MB") as refused:
        check_upload(upload("更大.pdf", exact + b"\n"))
    assert refused.value.code == "attachment_too_large"


def test_a_file_on_disk_is_checked_like_one_in_memory(tmp_path: Path) -> None:
    content = sample_files.docx_file()
    on_disk = TemporaryUploadedFile("申请.docx", "application/octet-stream", len(content), None)
    on_disk.write(content)
    on_disk.seek(0)
    assert check_upload(on_disk).kind is FileKind.DOCX


def test_names_lose_paths_and_control_characters_and_keep_their_extension() -> None:
    assert clean_name("..\\..\\etc/passwd\x00") == "....etcpasswd"
    assert clean_name("") == "未命名文件"
    long = "很" * 300 + ".pdf"
    assert clean_name(long) == "很" * 196 + ".pdf"


def test_the_applicant_attaches_a_file_to_the_online_application(online: Application, media: Path) -> None:
    content = sample_files.pdf()
    attachment = add_attachment(
        application=online, upload=check_upload(upload("身份证.pdf", content)), actor=None
    )
    stored = Attachment.objects.get()
    assert stored == attachment
    assert (stored.original_name, stored.content_type, stored.size) == (
        "身份证.pdf",
        "application/pdf",
        len(content),
    )
    assert stored.file.name.startswith("attachments/") and "身份证" not in stored.file.name
    assert files_under(media) == [media / stored.file.name]
    assert (media / stored.file.name).read_bytes() == content
    assert stored.uploaded_by is None
    entry = CaseLogEntry.objects.get(kind=LogKind.ATTACHMENT)
    assert entry.summary == f"添加附件“身份证.pdf”（PDF 文件，{len(content)} 字节）"


def test_the_applicant_cannot_attach_to_an_application_registered_by_the_office(
    office: Office, alice: User, media: Path
) -> None:
    application = walk_in(office, alice)
    with pytest.raises(NotPermitted) as refused:
        add_attachment(application=application, upload=check_upload(upload("a.txt", b"text")), actor=None)
    assert refused.value.code == "applicant_attachment_closed"
    assert not Attachment.objects.exists() and files_under(media) == []


def test_the_applicant_cannot_attach_once_the_case_is_worked_on(
    online: Application, alice: User, bob: User, office: Office, media: Path
) -> None:
    from gongkai_web.applications.services import assign_department

    assign_department(application=online, department=office.education, actor=alice)
    record_event(application=online, action=Action.ACCEPT, on=SEPTEMBER_28, actor=bob)
    online.refresh_from_db()
    with pytest.raises(NotPermitted):
        add_attachment(application=online, upload=check_upload(upload("a.txt", b"text")), actor=None)
    assert files_under(media) == []


def test_the_registrar_and_the_handler_attach_files(application: Application, alice: User, bob: User) -> None:
    add_attachment(application=application, upload=check_upload(upload("a.txt", b"one")), actor=alice)
    add_attachment(application=application, upload=check_upload(upload("b.txt", b"two")), actor=bob)
    assert list(Attachment.objects.values_list("uploaded_by__username", flat=True)) == ["alice", "bob"]


def test_a_handler_of_another_department_or_body_cannot_attach(
    application: Application, erin: User, dave: User, media: Path
) -> None:
    for outsider in (erin, dave):
        with pytest.raises(NotPermitted) as refused:
            add_attachment(
                application=application, upload=check_upload(upload("a.txt", b"x")), actor=outsider
            )
        assert refused.value.code == "not_attacher"
    assert not Attachment.objects.exists() and files_under(media) == []


def test_a_failure_after_the_file_is_written_leaves_neither_row_nor_file(
    online: Application, media: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken_log(*args: object, **kwargs: object) -> None:
        raise RuntimeError("database went away")

    monkeypatch.setattr(attachments_module, "log", broken_log)
    with pytest.raises(RuntimeError):
        add_attachment(
            application=online, upload=check_upload(upload("a.pdf", sample_files.pdf())), actor=None
        )
    assert not Attachment.objects.exists()
    assert files_under(media) == []


def test_an_attachment_cannot_be_changed_or_deleted(online: Application) -> None:
    from gongkai_web.appendonly import AppendOnlyError

    attachment = add_attachment(application=online, upload=check_upload(upload("a.txt", b"x")), actor=None)
    with pytest.raises(AppendOnlyError):
        attachment.delete()


class FakeRequest:
    """What an upload handler's request needs here: nothing."""


def feed(handler: UploadLimits, name: str, size: int, *, chunk: int = 64 * 1024) -> bool:
    """Stream a file of ``size`` bytes through ``handler``; False if the handler skipped it."""
    from django.core.files.uploadhandler import SkipFile

    try:
        handler.new_file("attachments", name, "application/pdf", None)
        for start in range(0, size, chunk):
            handler.receive_data_chunk(b"x" * min(chunk, size - start), start)
    except SkipFile:
        return False
    return True


def test_the_upload_handler_skips_a_file_as_soon_as_it_passes_the_limit() -> None:
    handler = UploadLimits(FakeRequest())
    assert feed(handler, "小.pdf", MAX_FILE_SIZE)
    assert not feed(handler, "大.pdf", MAX_FILE_SIZE + 1)
    assert handler.received == MAX_FILE_SIZE + 1  # stopped at the first chunk past the limit
    assert [(r.name, r.refusal) for r in handler.refused] == [("大.pdf", Refusal.TOO_LARGE)]


def test_the_upload_handler_skips_files_beyond_the_fifth() -> None:
    handler = UploadLimits(FakeRequest())
    kept = [feed(handler, f"{i}.pdf", 10) for i in range(1, MAX_FILES + 3)]
    assert kept == [True] * MAX_FILES + [False, False]
    assert [r.name for r in handler.refused] == ["6.pdf", "7.pdf"]
    assert handler.files_seen == MAX_FILES + 2
    assert handler.refused[0].error().message == "文件“6.pdf”超出了附件数量上限（最多 5 个），未能接收"
