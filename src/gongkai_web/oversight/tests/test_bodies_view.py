"""/office/oversight/bodies/: the supervised hierarchy and its import, for supervisors of it only."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from gongkai_web.accounts.models import User
from gongkai_web.bodies.models import Body
from gongkai_web.oversight.tests.conftest import HUAIAN_SUBTREE
from gongkai_web.personas import logged_in

URL = "/office/oversight/bodies/"


def names_listed(page: str) -> list[str]:
    return re.findall(r'<span class="body-name">([^<]+)</span>', page)


def test_a_city_supervisor_sees_the_city_its_departments_counties_and_theirs(
    client: Client, sam: User
) -> None:
    page = logged_in(client, sam).get(URL).content.decode()
    assert names_listed(page) == [
        "淮安市人民政府",
        "淮安市洪泽区人民政府",
        "淮安市洪泽区岔河镇人民政府",
        "淮安市洪泽区教育体育局",
        "淮安市教育局",
        "淮安市民政局",
    ]
    assert sorted(names_listed(page)) == sorted(HUAIAN_SUBTREE)


def test_a_county_supervisor_sees_only_the_county(client: Client, sue: User) -> None:
    page = logged_in(client, sue).get(URL).content.decode()
    assert names_listed(page) == ["沭阳县人民政府", "沭阳县发展和改革局"]


def test_a_user_who_supervises_nothing_is_refused(client: Client, nora: User) -> None:
    assert logged_in(client, nora).get(URL).status_code == 403
    assert client.get("/office/oversight/").status_code == 403


def test_an_anonymous_visitor_is_sent_to_the_login_page(client: Client, jiangsu: dict[str, Body]) -> None:
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"] == f"/office/login/?next={URL}"


def test_the_office_navigation_offers_supervision_to_supervisors_only(
    client: Client, sam: User, nora: User
) -> None:
    assert '<a href="/office/oversight/">监督检查</a>' in logged_in(client, sam).get(URL).content.decode()
    client.logout()
    page = logged_in(client, nora).get("/office/oversight/").content.decode()
    assert "监督检查</a>" not in page


def upload(text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("bodies.csv", ("机关名称,层级,上级机关\n" + text).encode("gbk"), "text/csv")


@pytest.mark.django_db
def test_a_supervisor_imports_a_department_below_the_city(client: Client, sam: User) -> None:
    response = logged_in(client, sam).post(URL, {"file": upload("淮安市财政局,部门,淮安市人民政府\n")})
    assert response.status_code == 302
    assert Body.objects.get(name="淮安市财政局").parent == Body.objects.get(name="淮安市人民政府")
    assert "淮安市财政局" in names_listed(client.get(URL).content.decode())


@pytest.mark.django_db
def test_an_import_reaching_outside_the_scope_is_refused_row_by_row(client: Client, sam: User) -> None:
    response = logged_in(client, sam).post(
        URL, {"file": upload("淮安市财政局,部门,淮安市人民政府\n宿迁市财政局,部门,宿迁市人民政府\n")}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "文件未导入：1 处错误" in page
    assert "<td>第 3 行</td><td>上级机关</td><td>上级机关“宿迁市人民政府”不在您监督的范围内</td>" in page
    assert not Body.objects.filter(name__in=["淮安市财政局", "宿迁市财政局"]).exists()


@pytest.mark.django_db
def test_a_file_that_is_no_table_is_refused_with_its_code(client: Client, sam: User) -> None:
    empty = SimpleUploadedFile("bodies.csv", b"   ", "text/csv")
    response = logged_in(client, sam).post(URL, {"file": empty})
    assert response.status_code == 400
    assert "文件是空的 <code>file_empty</code>" in response.content.decode()
