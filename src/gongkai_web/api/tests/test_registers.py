"""/api/v1/registers/{body}: the documents register, the monthly figures, imports and section 二.

Every member of the county reads; alice (registrar), hana (head) and frank (administrator) keep;
bob (handler) and carol (reviewer) only read; dave (the finance bureau) and olga (no body) see nothing.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.proactive import DocumentKind, FigureItem
from gongkai_web.accounts.models import User
from gongkai_web.personas import Office
from gongkai_web.registers import services
from gongkai_web.registers.models import Document, MonthlyFigure

from .conftest import NO_TOKEN, Api, error


@pytest.fixture
def decree(office: Office, alice: User) -> Document:
    return services.add_document(
        body=office.county, kind=DocumentKind.NORMATIVE_DOCUMENTS, title="某县城区养犬管理办法",
        number="某政规〔2025〕1号", issued_on=dt.date(2025, 3, 1), note="", actor=alice,
    )  # fmt: skip


def base(office: Office) -> str:
    return f"/registers/{office.county.pk}"


def csv_file(rows: list[list[str]], name: str = "登记簿.csv") -> SimpleUploadedFile:
    """A CSV as a county's office system exports it (GBK)."""
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return SimpleUploadedFile(name, out.getvalue().encode("gbk"), content_type="text/csv")


REGULATION = {
    "kind": "regulations",
    "title": "某县农村宅基地管理办法",
    "number": "某县人民政府令第3号",
    "issued_on": "2025-04-10",
}


def test_a_member_reads_the_documents_register(api: Api, office: Office, decree: Document, bob: User) -> None:
    response = api.get(f"{base(office)}/documents", bob)
    assert response.status_code == 200
    page = response.json()
    assert (page["count"], page["page"], page["page_size"]) == (1, 1, 50)
    [item] = page["items"]
    assert {
        key: item[key] for key in ("id", "kind", "title", "number", "issued_on", "repealed_on", "note")
    } == {
        "id": decree.pk,
        "kind": {"code": "normative_documents", "label": "行政规范性文件"},
        "title": "某县城区养犬管理办法",
        "number": "某政规〔2025〕1号",
        "issued_on": "2025-03-01",
        "repealed_on": None,
        "note": "",
    }
    assert (item["created_by"], item["updated_by"]) == ("alice", "alice")


def test_the_register_lists_by_kind(api: Api, office: Office, decree: Document, alice: User) -> None:
    api.post(f"{base(office)}/documents", REGULATION, alice)
    listed = api.get(f"{base(office)}/documents", alice, kind="regulations").json()
    assert [item["title"] for item in listed["items"]] == ["某县农村宅基地管理办法"]


@pytest.mark.parametrize("who", ["dave", "olga"])
def test_an_officer_of_another_body_reads_nothing_and_changes_nothing(
    api: Api, office: Office, decree: Document, who: str, request: pytest.FixtureRequest
) -> None:
    outsider: User = request.getfixturevalue(who)
    message = f"{who} 不是某县人民政府的工作人员，无权查看其登记簿"
    for path in ("/documents", "/figures/2025", "/proactive/2025"):
        response = api.get(f"{base(office)}{path}", outsider)
        assert (response.status_code, response.json()) == (403, error("register_not_member", message)), path
    keeper_only = error(
        "register_not_keeper", f"{who} 无权修改某县人民政府的登记簿（须为登记人员、负责人或管理员）"
    )
    for response in (
        api.post(f"{base(office)}/documents", REGULATION, outsider),
        api.post(f"{base(office)}/documents/{decree.pk}/repeal", {"repealed_on": "2025-06-01"}, outsider),
        api.put(f"{base(office)}/figures/2025", {"figures": []}, outsider),
        api.upload(f"{base(office)}/imports/documents", csv_file([["类别"]]), outsider),
    ):
        assert (response.status_code, response.json()) == (403, keeper_only)
    decree.refresh_from_db()
    assert decree.repealed_on is None and Document.objects.count() == 1


@pytest.mark.parametrize("who", ["bob", "carol"])
def test_a_handler_and_a_reviewer_read_but_may_not_keep(
    api: Api, office: Office, decree: Document, who: str, request: pytest.FixtureRequest
) -> None:
    reader: User = request.getfixturevalue(who)
    assert api.get(f"{base(office)}/documents", reader).status_code == 200
    assert api.get(f"{base(office)}/proactive/2025", reader).status_code == 200
    refused = api.post(f"{base(office)}/documents", REGULATION, reader)
    assert (refused.status_code, refused.json()["code"]) == (403, "register_not_keeper")
    put = api.put(
        f"{base(office)}/figures/2025", {"figures": [{"month": 1, "item": "licensing", "value": 3}]}, reader
    )
    assert (put.status_code, put.json()["code"]) == (403, "register_not_keeper")
    assert not MonthlyFigure.objects.exists() and Document.objects.count() == 1


def test_without_a_token_the_register_is_refused(api: Api, office: Office) -> None:
    response = api.get(f"{base(office)}/documents")
    assert (response.status_code, response.json()) == (401, NO_TOKEN)


def test_an_unknown_body_is_not_found(api: Api, office: Office, alice: User) -> None:
    response = api.get("/registers/999999/documents", alice)
    assert (response.status_code, response.json()) == (404, error("not_found", "没有编号为 999999 的机关"))


def test_the_registrar_registers_a_repealed_document(api: Api, office: Office, alice: User) -> None:
    response = api.post(
        f"{base(office)}/documents",
        REGULATION | {"repealed_on": "2025-12-01", "note": "已被新办法替代"},
        alice,
    )
    assert response.status_code == 201
    created = response.json()
    document = Document.objects.get()
    assert created["id"] == document.pk
    assert (created["kind"], created["repealed_on"], created["note"]) == (
        {"code": "regulations", "label": "规章"},
        "2025-12-01",
        "已被新办法替代",
    )
    assert (document.issued_on, document.repealed_on, document.created_by) == (
        dt.date(2025, 4, 10),
        dt.date(2025, 12, 1),
        alice,
    )


def test_a_repeal_before_the_issue_is_refused_on_its_field(api: Api, office: Office, hana: User) -> None:
    response = api.post(f"{base(office)}/documents", REGULATION | {"repealed_on": "2025-04-01"}, hana)
    assert response.status_code == 422
    assert response.json() == error(
        "repealed_before_issued", "repealed_on：废止日期 2025-04-01 早于印发日期 2025-04-10", "repealed_on"
    )
    assert not Document.objects.exists()


def test_a_number_registered_twice_is_refused(
    api: Api, office: Office, decree: Document, alice: User
) -> None:
    again = {
        "kind": "normative_documents",
        "title": "另一办法",
        "number": "某政规〔2025〕1号",
        "issued_on": "2025-05-01",
    }
    response = api.post(f"{base(office)}/documents", again, alice)
    assert response.status_code == 422
    assert response.json() == error(
        "duplicate_number", "number：某县人民政府已登记文号为“某政规〔2025〕1号”的行政规范性文件", "number"
    )


def test_a_document_is_repealed_once(api: Api, office: Office, decree: Document, frank: User) -> None:
    path = f"{base(office)}/documents/{decree.pk}/repeal"
    first = api.post(path, {"repealed_on": "2025-11-30"}, frank)
    assert (first.status_code, first.json()["repealed_on"], first.json()["updated_by"]) == (
        200,
        "2025-11-30",
        "frank",
    )
    second = api.post(path, {"repealed_on": "2025-12-01"}, frank)
    assert second.status_code == 422
    assert second.json() == error(
        "already_repealed", "repealed_on：该文件已于 2025-11-30 废止", "repealed_on"
    )


def test_a_document_of_another_body_is_not_found_under_this_body(
    api: Api, office: Office, decree: Document, dave: User
) -> None:
    response = api.post(
        f"/registers/{office.finance_bureau.pk}/documents/{decree.pk}/repeal",
        {"repealed_on": "2025-06-01"},
        dave,
    )
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_the_head_puts_a_years_figures_and_reads_them_back(api: Api, office: Office, hana: User) -> None:
    grid = {
        "figures": [
            {"month": 1, "item": "licensing", "value": 12},
            {"month": 3, "item": "penalty", "value": 4},
            {"month": 6, "item": "fees", "value": "2500.50"},
        ]
    }
    response = api.put(f"{base(office)}/figures/2025", grid, hana)
    assert response.status_code == 200
    saved = response.json()
    assert saved["summary"] == {"created": 3, "updated": 0, "unchanged": 0}
    assert saved["figures"] == [
        {"month": 1, "item": {"code": "licensing", "label": "行政许可"}, "value": 12},
        {"month": 3, "item": {"code": "penalty", "label": "行政处罚"}, "value": 4},
        {"month": 6, "item": {"code": "fees", "label": "行政事业性收费"}, "value": "2500.50"},
    ]
    stored = {(f.month, f.item): f.value for f in MonthlyFigure.objects.filter(body=office.county)}
    assert stored == {(1, "licensing"): 12, (3, "penalty"): 4, (6, "fees"): Decimal("2500.50")}
    read = api.get(f"{base(office)}/figures/2025", hana).json()
    assert read["figures"] == saved["figures"] and read["summary"] is None


def test_putting_the_year_again_replaces_it(api: Api, office: Office, alice: User) -> None:
    services.record_figures(
        body=office.county,
        year=2025,
        values={(1, FigureItem.LICENSING): 12, (2, FigureItem.COERCION): 1},
        actor=alice,
    )
    response = api.put(
        f"{base(office)}/figures/2025",
        {
            "figures": [
                {"month": 1, "item": "licensing", "value": 12},
                {"month": 4, "item": "fees", "value": 300},
            ]
        },
        alice,
    )
    assert response.json()["summary"] == {"created": 1, "updated": 1, "unchanged": 1}
    stored = {(f.month, f.item): f.value for f in MonthlyFigure.objects.filter(body=office.county)}
    assert stored == {(1, "licensing"): 12, (4, "fees"): Decimal("300.00")}


@pytest.mark.parametrize(
    ("figure", "expected"),
    [
        (
            {"month": 3, "item": "penalty", "value": -1},
            error("count_negative", "行政处罚的处理决定数量不能为负数，实为 -1"),
        ),
        (
            {"month": 3, "item": "fees", "value": "12.345"},
            error("fee_below_fen", "行政事业性收费的金额最多保留两位小数（到分），实为 12.345 元"),
        ),
        (
            {"month": 3, "item": "licensing", "value": "12"},
            error(
                "count_not_integer",
                "行政许可的处理决定数量应为整数，实为 '12'",
            ),
        ),
        (
            {"month": 13, "item": "licensing", "value": 1},
            error("field_invalid", "figures.0.month：应不大于 12", "figures.0.month"),
        ),
    ],
)
def test_a_bad_figure_is_refused_and_nothing_is_saved(
    api: Api, office: Office, alice: User, figure: dict[str, object], expected: dict[str, object]
) -> None:
    grid = {"figures": [figure, {"month": 1, "item": "coercion", "value": 2}]}
    response = api.put(f"{base(office)}/figures/2025", grid, alice)
    assert (response.status_code, response.json()) == (422, expected)
    assert not MonthlyFigure.objects.exists()


def test_a_month_given_twice_is_refused(api: Api, office: Office, alice: User) -> None:
    twice = {
        "figures": [{"month": 2, "item": "penalty", "value": 1}, {"month": 2, "item": "penalty", "value": 2}]
    }
    response = api.put(f"{base(office)}/figures/2025", twice, alice)
    assert response.json() == error("duplicate_figure", "figures.1：2月“行政处罚”重复填写", "figures.1")


def test_a_year_before_the_national_format_is_refused(api: Api, office: Office, alice: User) -> None:
    response = api.get(f"{base(office)}/figures/2018", alice)
    assert response.status_code == 422
    assert response.json() == error(
        "year_out_of_range", "无法统计 2018 年：年度报告格式自 2019 年起适用（国办公开办函〔2019〕60号）"
    )


def test_an_import_with_a_bad_row_imports_nothing_and_answers_every_bad_cell(
    api: Api, office: Office, alice: User
) -> None:
    upload = csv_file(
        [["类别", "标题", "文号", "印发日期"], ["规章", "某县规章", "某县令第1号", "2025-01-01"],
         ["规章", "某县另一规章", "某县令第2号", "2025年13月1日"], ["决定", "某县决定", "", "2025-02-01"]]
    )  # fmt: skip
    response = api.upload(f"{base(office)}/imports/documents", upload, alice)
    assert response.status_code == 422
    assert response.json() == {
        "code": "import_rows_invalid",
        "message": "文件未导入：2 处错误，请更正后重新导入",
        "field": "file",
        "rows": [
            {
                "row": 3,
                "column": "印发日期",
                "code": "date_invalid",
                "message": "“2025年13月1日”不是存在的日期",
            },
            {
                "row": 4,
                "column": "类别",
                "code": "kind_unknown",
                "message": "类别应为“规章”或“行政规范性文件”，实为“决定”",
            },
        ],
    }
    assert not Document.objects.exists()


def test_a_good_import_stores_every_row_and_again_changes_nothing(
    api: Api, office: Office, frank: User
) -> None:
    rows = [
        ["年", "月", "事项", "数值"],
        ["2025", "1", "行政许可", "12"],
        ["2025", "2", "行政事业性收费", "1,200.50"],
    ]
    first = api.upload(f"{base(office)}/imports/figures", csv_file(rows), frank)
    assert (first.status_code, first.json()) == (200, {"created": 2, "updated": 0, "unchanged": 0})
    again = api.upload(f"{base(office)}/imports/figures", csv_file(rows), frank)
    assert again.json() == {"created": 0, "updated": 0, "unchanged": 2}
    stored = {(f.month, f.item): f.value for f in MonthlyFigure.objects.filter(body=office.county)}
    assert stored == {(1, "licensing"): 12, (2, "fees"): Decimal("1200.50")}


def test_a_broken_file_is_refused_with_the_importers_code(api: Api, office: Office, alice: User) -> None:
    broken = SimpleUploadedFile("坏.xlsx", b"PK\x03\x04broken", content_type="application/octet-stream")
    response = api.upload(f"{base(office)}/imports/figures", broken, alice)
    assert (response.status_code, response.json()) == (
        422,
        error("file_not_table", "file：XLSX 文件已损坏，无法打开", "file"),
    )


def test_an_import_without_a_file_is_refused(api: Api, office: Office, alice: User) -> None:
    response = api.client.post(f"/api/v1{base(office)}/imports/documents", {}, headers=api.headers(alice))
    assert (response.status_code, response.json()["code"], response.json()["field"]) == (
        422,
        "field_missing",
        "file",
    )


def test_section_two_is_counted_from_the_registers(
    api: Api, office: Office, decree: Document, alice: User, carol: User
) -> None:
    services.record_figures(
        body=office.county,
        year=2025,
        values={(6, FigureItem.FEES): Decimal("123456.78"), (6, FigureItem.LICENSING): 12},
        actor=alice,
    )
    response = api.get(f"{base(office)}/proactive/2025", carol)
    assert response.status_code == 200
    assert response.json() == {
        "body": {"id": office.county.pk, "name": "某县人民政府"},
        "year": 2025,
        "format": "2021",
        "proactive": {
            "regulations": {"issued": 0, "repealed": 0, "in_force": 0},
            "normative_documents": {"issued": 1, "repealed": 0, "in_force": 1},
            "licensing": {"decisions": 12},
            "penalty": {"decisions": 0},
            "coercion": {"decisions": 0},
            "fees": {"amount_wan_yuan": 12.3457},
        },
        "underived": [],
    }


def test_section_two_of_2020_names_the_cells_left_blank(api: Api, office: Office, alice: User) -> None:
    body = api.get(f"{base(office)}/proactive/2020", alice).json()
    assert body["format"] == "2019"
    assert body["proactive"]["regulations"] == {"made": 0, "published": None, "total_public": None}
    assert body["underived"][0] == {
        "where": "proactive.regulations.published",
        "label": "第二项第二十条第（一）项 规章·本年新公开数量",
    }
    blank = {
        f"proactive.{row}.{column}"
        for row, cells in body["proactive"].items()
        for column, value in cells.items()
        if value is None and not column.endswith("_unit")
    }
    assert len(body["underived"]) == 17
    assert {cell["where"] for cell in body["underived"]} == blank
