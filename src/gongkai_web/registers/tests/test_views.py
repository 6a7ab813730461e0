"""The register pages under /office/registers/: who reads, who keeps, and every page refused to others."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from gongkai.proactive import DocumentKind, FigureItem
from gongkai_web.accounts.models import User
from gongkai_web.personas import Office
from gongkai_web.registers import services
from gongkai_web.registers.models import Document, MonthlyFigure


@pytest.fixture
def decree(office: Office, alice: User) -> Document:
    return services.add_document(
        body=office.county, kind=DocumentKind.NORMATIVE_DOCUMENTS, title="某县城区养犬管理办法",
        number="某政规〔2025〕1号", issued_on=dt.date(2025, 3, 1), repealed_on=None, note="", actor=alice,
    )  # fmt: skip


def as_(client: Client, request: pytest.FixtureRequest, who: str) -> Client:
    client.force_login(request.getfixturevalue(who))
    return client


def read_pages(office: Office, decree: Document) -> list[str]:
    base = f"/office/registers/{office.county.pk}"
    return [f"{base}/", f"{base}/figures/2025/", f"{base}/proactive/2025/"]


def keep_pages(office: Office, decree: Document) -> list[str]:
    base = f"/office/registers/{office.county.pk}"
    return [f"{base}/documents/add/", f"{base}/documents/{decree.pk}/", f"{base}/import/"]


@pytest.mark.parametrize("who", ["dave", "olga"])
def test_an_officer_of_another_body_is_refused_every_page(
    client: Client, office: Office, decree: Document, who: str, request: pytest.FixtureRequest
) -> None:
    c = as_(client, request, who)
    base = f"/office/registers/{office.county.pk}"
    for url in read_pages(office, decree) + keep_pages(office, decree):
        assert c.get(url).status_code == 403, url
    for url in [f"{base}/figures/2025/", f"{base}/documents/{decree.pk}/repeal/", f"{base}/documents/add/"]:
        assert c.post(url, {"repealed_on": "2025-06-01"}).status_code == 403, url
    decree.refresh_from_db()
    assert decree.repealed_on is None


def test_an_anonymous_visitor_is_sent_to_the_login_page(
    client: Client, office: Office, decree: Document
) -> None:
    for url in ["/office/registers/", *read_pages(office, decree), *keep_pages(office, decree)]:
        response = client.get(url)
        assert response.status_code == 302 and "login" in response["Location"], url


@pytest.mark.parametrize("who", ["bob", "carol"])
def test_a_handler_and_a_reviewer_read_but_may_not_change(
    client: Client, office: Office, decree: Document, who: str, request: pytest.FixtureRequest
) -> None:
    c = as_(client, request, who)
    for url in read_pages(office, decree):
        assert c.get(url).status_code == 200, url
    page = c.get(f"/office/registers/{office.county.pk}/").content.decode()
    assert "某县城区养犬管理办法" in page and "修改或废止" not in page
    for url in keep_pages(office, decree):
        assert c.get(url).status_code == 403, url
    base = f"/office/registers/{office.county.pk}"
    assert c.post(f"{base}/figures/2025/", {"licensing-1": "3"}).status_code == 403
    assert c.post(f"{base}/documents/{decree.pk}/repeal/", {"repealed_on": "2025-06-01"}).status_code == 403
    assert not MonthlyFigure.objects.exists()


@pytest.mark.parametrize("who", ["alice", "hana", "frank"])
def test_the_registrar_head_and_administrator_open_every_page(
    client: Client, office: Office, decree: Document, who: str, request: pytest.FixtureRequest
) -> None:
    c = as_(client, request, who)
    for url in read_pages(office, decree) + keep_pages(office, decree):
        assert c.get(url).status_code == 200, url


def test_the_navigation_leads_a_member_to_the_register(client: Client, office: Office, bob: User) -> None:
    client.force_login(bob)
    response = client.get("/office/registers/", follow=True)
    assert response.redirect_chain == [(f"/office/registers/{office.county.pk}/", 302)]
    assert '<a href="/office/registers/">主动公开登记</a>' in response.content.decode()


def test_a_document_of_another_body_is_not_found_under_this_body(
    client: Client, office: Office, decree: Document, dave: User
) -> None:
    client.force_login(dave)
    bureau = office.finance_bureau.pk
    assert client.get(f"/office/registers/{bureau}/documents/{decree.pk}/").status_code == 404


def test_the_registrar_adds_a_document_and_sees_the_refusal_of_a_bad_repeal_on_the_form(
    client: Client, office: Office, alice: User
) -> None:
    client.force_login(alice)
    base = f"/office/registers/{office.county.pk}"
    data = {"kind": "regulations", "title": "某县人民政府规章制定程序规定", "number": "某县人民政府令第1号",
            "issued_on": "2025-05-01", "repealed_on": "2025-04-01", "note": ""}  # fmt: skip
    response = client.post(f"{base}/documents/add/", data)
    assert response.status_code == 200
    assert "废止日期 2025-04-01 早于印发日期 2025-05-01" in response.content.decode()
    assert not Document.objects.exists()
    data["repealed_on"] = ""
    assert client.post(f"{base}/documents/add/", data).status_code == 302
    document = Document.objects.get()
    assert (document.kind, document.created_by) == ("regulations", alice)
    assert (
        client.post(f"{base}/documents/{document.pk}/repeal/", {"repealed_on": "2025-12-01"}).status_code
        == 302
    )
    document.refresh_from_db()
    assert document.repealed_on == dt.date(2025, 12, 1)


def test_the_year_grid_saves_the_months_entered(client: Client, office: Office, hana: User) -> None:
    client.force_login(hana)
    url = f"/office/registers/{office.county.pk}/figures/2025/"
    page = client.get(url).content.decode()
    assert page.count('type="number"') == 48
    assert "行政事业性收费（元）" in page
    response = client.post(url, {"licensing-1": "12", "penalty-3": "4", "fees-6": "2500.50"})
    assert response.status_code == 302
    stored = {(f.month, f.item): f.value for f in MonthlyFigure.objects.all()}
    assert stored == {(1, "licensing"): 12, (3, "penalty"): 4, (6, "fees"): Decimal("2500.50")}
    assert client.post(url, {"penalty-3": "-1"}).status_code == 200
    assert MonthlyFigure.objects.count() == 3


def test_the_preview_shows_section_2_with_the_national_labels(
    client: Client, office: Office, decree: Document, alice: User, carol: User
) -> None:
    services.record_figures(
        body=office.county, year=2025, values={(6, FigureItem.FEES): Decimal("123456.78")}, actor=alice
    )
    client.force_login(carol)
    page = client.get(f"/office/registers/{office.county.pk}/proactive/2025/").content.decode()
    for label in (
        "第二十条第（一）项",
        "本年制发件数",
        "现行有效件数",
        "行政规范性文件",
        "本年收费金额（单位：万元）",
    ):
        assert label in page
    assert '<td class="number" data-where="proactive.normative_documents.in_force">1</td>' in page
    assert 'data-where="proactive.fees.amount_wan_yuan" colspan="3">12.3457</td>' in page


def test_the_2020_preview_names_the_cells_the_registers_cannot_fill(
    client: Client, office: Office, alice: User
) -> None:
    client.force_login(alice)
    page = client.get(f"/office/registers/{office.county.pk}/proactive/2020/").content.decode()
    assert "国办公开办函〔2019〕60号" in page
    assert "第二项第二十条第（一）项 规章·对外公开总数量" in page


def csv_upload(rows: list[list[str]]) -> SimpleUploadedFile:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return SimpleUploadedFile("登记簿.csv", out.getvalue().encode("gbk"), content_type="text/csv")


def test_an_import_with_a_bad_row_imports_nothing_and_lists_the_errors(
    client: Client, office: Office, alice: User
) -> None:
    client.force_login(alice)
    upload = csv_upload(
        [["类别", "标题", "文号", "印发日期"], ["规章", "某县规章", "某县令第1号", "2025-01-01"],
         ["规章", "某县另一规章", "某县令第2号", "2025年13月1日"]]
    )  # fmt: skip
    response = client.post(
        f"/office/registers/{office.county.pk}/import/", {"kind": "documents", "file": upload}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "文件未导入：1 处错误" in page
    assert (
        "<td>第 3 行</td><td>印发日期</td><td>“2025年13月1日”不是存在的日期</td><td><code>date_invalid</code></td>"
        in page
    )
    assert not Document.objects.exists()


def test_a_good_import_stores_every_row(client: Client, office: Office, frank: User) -> None:
    client.force_login(frank)
    upload = csv_upload(
        [["年", "月", "事项", "数值"], ["2025", "1", "行政许可", "12"], ["2025", "2", "行政强制", "1"]]
    )
    response = client.post(
        f"/office/registers/{office.county.pk}/import/", {"kind": "figures", "file": upload}, follow=True
    )
    assert "已导入“登记簿.csv”：新增 2 条，更新 0 条，未变 0 条" in response.content.decode()
    assert MonthlyFigure.objects.filter(body=office.county).count() == 2


def test_a_file_error_is_shown_with_its_code(client: Client, office: Office, alice: User) -> None:
    client.force_login(alice)
    upload = SimpleUploadedFile("坏.xlsx", b"PK\x03\x04broken", content_type="application/octet-stream")
    response = client.post(
        f"/office/registers/{office.county.pk}/import/", {"kind": "figures", "file": upload}
    )
    assert response.status_code == 400
    assert "XLSX 文件已损坏，无法打开 <code>file_not_table</code>" in response.content.decode()
