"""Files sent with an online application: stored with it, or refused by name with nothing stored at all."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from gongkai_web.applications.attachments import MAX_FILE_SIZE, MAX_FILES, add_attachment
from gongkai_web.applications.models import Application, Attachment, CaseLogEntry
from gongkai_web.personas import Office
from gongkai_web.portal import services as portal_services
from gongkai_web.portal.views import MAX_REQUEST_SIZE
from gongkai_web.testing import files_under

from . import sample_files
from .conftest import apply_url, valid_form
from .test_apply import errors_of


def attach(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def test_an_application_is_stored_with_its_files(client: Client, office: Office, media: Path) -> None:
    url = apply_url(office)
    pdf, photo = sample_files.pdf(), sample_files.jpeg()
    data = valid_form(client, url, attachments=[attach("身份证正面.pdf", pdf), attach("照片.jpg", photo)])
    assert client.post(url, data).status_code == 302
    application = Application.objects.get()
    stored = list(application.attachments.order_by("id"))
    assert [(a.original_name, a.content_type, a.size) for a in stored] == [
        ("身份证正面.pdf", "application/pdf", len(pdf)),
        ("照片.jpg", "image/jpeg", len(photo)),
    ]
    assert [(media / a.file.name).read_bytes() for a in stored] == [pdf, photo]
    assert len(files_under(media)) == 2


def test_the_same_file_chosen_twice_is_stored_once(client: Client, office: Office, media: Path) -> None:
    url = apply_url(office)
    pdf = sample_files.pdf()
    client.post(url, valid_form(client, url, attachments=[attach("a.pdf", pdf), attach("b.pdf", pdf)]))
    assert Attachment.objects.count() == 1 and len(files_under(media)) == 1


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("动图.gif", sample_files.gif(), "文件“动图.gif”不是可以接受的文件类型"),
        ("截断.pdf", sample_files.pdf()[:-40], "文件“截断.pdf”不完整"),
        ("截断.docx", sample_files.docx_file()[:-100], "文件“截断.docx”不完整"),
        ("资料.zip", sample_files.zip_of(["a.txt", "b.txt"]), "文件“资料.zip”是压缩包或其他 Office 文件"),
    ],
)
def test_a_refused_file_is_named_and_nothing_is_stored(
    client: Client, office: Office, media: Path, name: str, content: bytes, message: str
) -> None:
    url = apply_url(office)
    data = valid_form(
        client, url, attachments=[attach("好的.pdf", sample_files.pdf()), attach(name, content)]
    )
    response = client.post(url, data)
    assert response.status_code == 400
    errors = errors_of(response.content.decode())
    assert len(errors) == 1 and errors[0].startswith(message)
    assert "已选择的文件也没有保存：如需附件，请重新选择" in response.content.decode()
    assert not Application.objects.exists() and not Attachment.objects.exists()
    assert files_under(media) == []


def test_an_oversized_file_is_refused_while_it_arrives(client: Client, office: Office, media: Path) -> None:
    url = apply_url(office)
    big = sample_files.pdf()[:-6] + b"\n" * MAX_FILE_SIZE + b"%%EOF\n"
    response = client.post(url, valid_form(client, url, attachments=[attach("扫描件.pdf", big)]))
    assert errors_of(response.content.decode()) == [
        "文件“扫描件.pdf”超过 10 MB，请压缩或分成几个文件后再提交"
    ]
    assert not Application.objects.exists() and files_under(media) == []


def test_more_than_five_files_are_refused_with_their_count(
    client: Client, office: Office, media: Path
) -> None:
    url = apply_url(office)
    files = [attach(f"第{i}页.txt", f"第{i}页".encode()) for i in range(1, MAX_FILES + 3)]
    response = client.post(url, valid_form(client, url, attachments=files))
    assert errors_of(response.content.decode()) == ["最多可以附 5 个文件，这次选择了 7 个"]
    assert not Application.objects.exists() and files_under(media) == []


def test_a_request_larger_than_any_honest_form_is_refused_before_it_is_read(
    client: Client, office: Office
) -> None:
    url = apply_url(office)
    response = client.post(url, {"name": "张三"}, CONTENT_LENGTH=str(MAX_REQUEST_SIZE + 1))
    assert response.status_code == 413
    assert "附件太大，申请没有提交" in response.content.decode()
    assert not Application.objects.exists()


def test_a_failure_after_some_files_are_written_removes_them_with_the_application(
    client: Client, office: Office, media: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = []

    def failing_third(**kwargs: object) -> Attachment:
        calls.append(kwargs)
        if len(calls) == 3:
            assert len(files_under(media)) == 2  # two files are on disk when the third fails
            raise OSError("disk full")
        return add_attachment(**kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(portal_services, "add_attachment", failing_third)
    url = apply_url(office)
    files = [attach("1.txt", b"one"), attach("2.txt", b"two"), attach("3.txt", b"three")]
    client.raise_request_exception = True
    with pytest.raises(OSError, match="disk full"):
        client.post(url, valid_form(client, url, attachments=files))
    assert not Application.objects.exists()
    assert not Attachment.objects.exists() and not CaseLogEntry.objects.exists()
    assert files_under(media) == []
