"""/office/oversight/batches/: upload many files or a ZIP, watch the progress, assign a body."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from gongkai_web.accounts.models import User
from gongkai_web.bodies.models import Body
from gongkai_web.oversight.models import Batch, IntakeFile
from gongkai_web.oversight.tests.conftest import HONGZE_2023, HUAIAN_2024, SHUYANG_NDRC_2023, Commit, zipped
from gongkai_web.personas import logged_in

URL = "/office/oversight/batches/"


def as_upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, "application/octet-stream")


def progress_text(page: str) -> str:
    found = re.search(r'<span id="progress-text">([^<]+)</span>', page)
    assert found is not None
    return found.group(1)


@pytest.mark.usefixtures("immediate_tasks")
def test_several_files_uploaded_at_once_are_read_and_the_page_stops_refreshing(
    client: Client, sam: User, django_capture_on_commit_callbacks: Commit
) -> None:
    files = [as_upload(name, path.read_bytes()) for name, path in (HUAIAN_2024, HONGZE_2023)]
    with django_capture_on_commit_callbacks(execute=True):
        response = logged_in(client, sam).post(URL, {"reports": files, "year": "2024", "body": ""})
    batch = Batch.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/office/oversight/batches/{batch.pk}/"
    page = client.get(response["Location"]).content.decode()
    assert progress_text(page) == "已读取 2 / 2 份，全部完成"
    assert 'http-equiv="refresh"' not in page
    assert '淮安市洪泽区人民政府</a><br><span class="muted">按报告标题中的机关名称</span>' in page
    assert '<span class="count count-error">错误 3</span>' in page


@pytest.mark.usefixtures("database_tasks")
def test_a_zip_waiting_for_the_worker_shows_its_progress_and_refreshes(client: Client, sam: User) -> None:
    archive = as_upload("一月收到.zip", zipped(HUAIAN_2024, HONGZE_2023, SHUYANG_NDRC_2023))
    response = logged_in(client, sam).post(URL, {"reports": [archive], "year": "2024"})
    page = client.get(response["Location"]).content.decode()
    assert progress_text(page).startswith("已读取 0 / 3 份，正在读取……")
    assert '<meta http-equiv="refresh" content="2">' in page
    assert page.count('<td class="file-status">等待读取</td>') == 3


@pytest.mark.usefixtures("immediate_tasks")
def test_the_supervisor_assigns_a_file_to_a_body_and_records_its_publication(
    client: Client, sue: User, jiangsu: dict[str, Body], django_capture_on_commit_callbacks: Commit
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        logged_in(client, sue).post(
            URL, {"reports": [as_upload("年报.txt", SHUYANG_NDRC_2023[1].read_bytes())], "year": "2023"}
        )
    file = IntakeFile.objects.get()
    assert file.body is None
    body = jiangsu["沭阳县发展和改革局"]
    response = client.post(
        f"/office/oversight/files/{file.pk}/assign/",
        {f"f{file.pk}-body": str(body.pk), f"f{file.pk}-published_on": "2024-01-26"},
    )
    assert response.status_code == 302
    assigned = IntakeFile.objects.get()
    assert (assigned.body, assigned.body_source, str(assigned.published_on)) == (
        body,
        "assigned",
        "2024-01-26",
    )


@pytest.mark.usefixtures("immediate_tasks")
def test_a_body_outside_the_supervision_cannot_be_assigned(
    client: Client, sam: User, jiangsu: dict[str, Body], django_capture_on_commit_callbacks: Commit
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        logged_in(client, sam).post(
            URL, {"reports": [as_upload("年报.txt", SHUYANG_NDRC_2023[1].read_bytes())], "year": "2023"}
        )
    file = IntakeFile.objects.get()
    outside = jiangsu["沭阳县发展和改革局"]
    client.post(f"/office/oversight/files/{file.pk}/assign/", {f"f{file.pk}-body": str(outside.pk)})
    file.refresh_from_db()
    assert file.body is None


@pytest.mark.usefixtures("database_tasks")
def test_another_supervisors_batch_is_not_found(client: Client, sam: User, sue: User) -> None:
    logged_in(client, sam).post(
        URL, {"reports": [as_upload(HUAIAN_2024[0], HUAIAN_2024[1].read_bytes())], "year": "2024"}
    )
    batch = Batch.objects.get()
    file = batch.files.get()
    client.logout()
    logged_in(client, sue)
    assert client.get(f"/office/oversight/batches/{batch.pk}/").status_code == 404
    assert client.post(f"/office/oversight/files/{file.pk}/assign/", {}).status_code == 404
    assert batch.name not in client.get(URL).content.decode()


def test_a_user_who_supervises_nothing_cannot_upload(client: Client, nora: User) -> None:
    assert logged_in(client, nora).get(URL).status_code == 403
    response = client.post(URL, {"reports": [as_upload(HUAIAN_2024[0], b"x")], "year": "2024"})
    assert response.status_code == 403
    assert Batch.objects.count() == 0


@pytest.mark.usefixtures("database_tasks")
def test_a_refused_archive_is_reported_on_the_form(client: Client, sam: User) -> None:
    bomb = as_upload("一月收到.zip", zipped(("炸弹.txt", b"0" * (4 * 1024 * 1024))))
    response = logged_in(client, sam).post(URL, {"reports": [bomb], "year": "2024"})
    assert response.status_code == 400
    assert "压缩比超过 100 倍（疑似压缩炸弹），拒绝解压（zip_ratio）" in response.content.decode()
    assert Batch.objects.count() == 0


@pytest.mark.usefixtures("database_tasks")
def test_pasted_urls_and_a_list_file_become_files_of_one_batch(client: Client, sam: User) -> None:
    url_list = as_upload("网址.csv", "网址,机关\nhttps://b.example/2.pdf,某局\n".encode("gb18030"))
    response = logged_in(client, sam).post(
        URL, {"urls": "http://a.example/nianbao.html\n\n", "url_list": url_list, "year": "2024"}
    )
    batch = Batch.objects.get()
    assert batch.name == "http://a.example/nianbao.html 等 2 个文件"
    assert list(batch.files.values_list("url", "status")) == [
        ("http://a.example/nianbao.html", "waiting"),
        ("https://b.example/2.pdf", "waiting"),
    ]
    page = client.get(response["Location"]).content.decode()
    assert '<span class="muted file-url">https://b.example/2.pdf</span>' in page


@pytest.mark.usefixtures("immediate_tasks")
def test_a_url_of_an_internal_address_is_refused_and_shown_on_the_batch(
    client: Client, sam: User, django_capture_on_commit_callbacks: Commit
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = logged_in(client, sam).post(
            URL, {"urls": "http://127.0.0.1:9/report.html", "year": "2024"}
        )
    page = client.get(response["Location"]).content.decode()
    assert progress_text(page) == "已读取 1 / 1 份，其中 1 份无法读取，全部完成"
    assert (
        "网址无法获取：网址的主机 127.0.0.1 是本机或内部网络地址，不予读取</span> <code>url_address_refused</code>"
        in page
    )


def test_a_form_with_neither_files_nor_urls_is_refused(client: Client, sam: User) -> None:
    response = logged_in(client, sam).post(URL, {"urls": "\n", "year": "2024"})
    assert response.status_code == 400
    assert "请选择要上传的文件或填写网址（no_files）" in response.content.decode()
    assert Batch.objects.count() == 0
