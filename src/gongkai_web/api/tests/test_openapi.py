"""The OpenAPI document at /api/v1/openapi.json and the docs page that reads it, served without a CDN."""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.test import Client
from playwright.sync_api import Browser
from pytest_django.live_server_helper import LiveServer

from gongkai_web.api.main import api

METHODS = {"get", "post", "put", "patch", "delete"}


@pytest.fixture
def document(db: None) -> dict[str, Any]:
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    parsed = json.loads(response.content)
    assert isinstance(parsed, dict)
    return parsed


def operations(document: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (method.upper(), path, operation)
        for path, item in document["paths"].items()
        for method, operation in item.items()
        if method in METHODS
    ]


def test_the_document_is_openapi_3_1_for_version_1(document: dict[str, Any]) -> None:
    assert document["openapi"].startswith("3.1")
    assert document["info"]["title"] == "gongkai 依申请公开接口"
    assert document["info"]["version"] == "1"
    assert document["components"]["securitySchemes"] == {"BearerToken": {"type": "http", "scheme": "bearer"}}


def test_it_lists_every_endpoint(document: dict[str, Any]) -> None:
    assert sorted((method, path) for method, path, _ in operations(document)) == sorted(
        [
            ("GET", "/api/v1/applications"),
            ("GET", "/api/v1/applications/{application_id}"),
            ("GET", "/api/v1/me"),
            ("GET", "/api/v1/oversight/{year}/cells"),
            ("GET", "/api/v1/oversight/{year}/reports"),
            ("GET", "/api/v1/statistics/{year}"),
            ("GET", "/api/v1/track/{code}"),
            ("POST", "/api/v1/applications"),
            ("POST", "/api/v1/applications/{application_id}/assignment"),
            ("POST", "/api/v1/applications/{application_id}/events"),
            ("GET", "/api/v1/registers/{body_id}/documents"),
            ("POST", "/api/v1/registers/{body_id}/documents"),
            ("POST", "/api/v1/registers/{body_id}/documents/{document_id}/repeal"),
            ("GET", "/api/v1/registers/{body_id}/figures/{year}"),
            ("PUT", "/api/v1/registers/{body_id}/figures/{year}"),
            ("POST", "/api/v1/registers/{body_id}/imports/{kind}"),
            ("GET", "/api/v1/registers/{body_id}/proactive/{year}"),
            ("GET", "/api/v1/catalogue/{body_id}/items"),
            ("GET", "/api/v1/catalogue/{body_id}/items/{item_id}"),
            ("GET", "/api/v1/catalogue/{body_id}/items/{item_id}/revisions/{revision}"),
            ("POST", "/api/v1/catalogue/{body_id}/drafts"),
            ("GET", "/api/v1/catalogue/office/items/{item_id}"),
            ("PUT", "/api/v1/catalogue/office/items/{item_id}"),
            ("POST", "/api/v1/catalogue/office/items/{item_id}/revisions"),
            ("POST", "/api/v1/catalogue/office/items/{item_id}/submit"),
            ("POST", "/api/v1/catalogue/office/items/{item_id}/reviews"),
            ("POST", "/api/v1/catalogue/office/items/{item_id}/withdrawal"),
            ("GET", "/api/v1/reports/{body_id}/{year}/draft"),
            ("GET", "/api/v1/reports/{body_id}/{year}/versions"),
            ("GET", "/api/v1/reports/{body_id}/{year}/versions/{number}/{kind}"),
        ]
    )


def test_every_operation_has_a_summary_and_a_schema_for_each_response(document: dict[str, Any]) -> None:
    for method, path, operation in operations(document):
        assert re.fullmatch(r"\S.+ [A-Z].+", operation["summary"]), (method, path)  # 中文 then English
        assert operation.get("description"), (method, path)
        assert any(status.startswith("2") for status in operation["responses"]), (method, path)
        for status, response in operation["responses"].items():
            assert response["content"], (method, path, status)
            for schema in (content["schema"] for content in response["content"].values()):
                assert "$ref" in schema or "type" in schema, (method, path, status)


def test_a_published_file_is_documented_in_each_of_its_types(document: dict[str, Any]) -> None:
    operation = document["paths"]["/api/v1/reports/{body_id}/{year}/versions/{number}/{kind}"]["get"]
    assert sorted(operation["responses"]["200"]["content"]) == [
        "application/json",
        "application/pdf",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "text/html",
    ]


def test_errors_are_documented_with_the_one_error_schema(document: dict[str, Any]) -> None:
    assert document["components"]["schemas"]["ErrorOut"]["required"] == ["code", "message"]
    for method, path, operation in operations(document):
        for status, response in operation["responses"].items():
            if status.startswith(("4", "5")):
                assert response["content"]["application/json"]["schema"] == {
                    "$ref": "#/components/schemas/ErrorOut"
                }, (method, path, status)


def test_every_reference_resolves(document: dict[str, Any]) -> None:
    text = json.dumps(document)
    for name in re.findall(r'"#/components/schemas/([^"]+)"', text):
        assert name in document["components"]["schemas"], name


PUBLIC = re.compile(r"/api/v1/(track/|catalogue/\{body_id\}/items|reports/\{body_id\}/\{year\}/versions)")


def test_staff_operations_need_the_token_and_public_ones_do_not(document: dict[str, Any]) -> None:
    for method, path, operation in operations(document):
        expected: list[dict[str, list[str]]] | None = None if PUBLIC.match(path) else [{"BearerToken": []}]
        assert operation.get("security") == expected, (method, path)


def test_the_events_body_is_a_union_tagged_by_action(document: dict[str, Any]) -> None:
    operation = document["paths"]["/api/v1/applications/{application_id}/events"]["post"]
    schema = operation["requestBody"]["content"]["application/json"]["schema"]
    assert schema["discriminator"]["propertyName"] == "action"
    assert sorted(schema["discriminator"]["mapping"]) == [
        "accept",
        "correction_lapsed",
        "decide",
        "end_consultation",
        "extend",
        "payment_lapsed",
        "receive_correction",
        "receive_payment",
        "request_correction",
        "request_fee",
        "start_consultation",
        "withdraw",
    ]


def test_the_document_is_the_one_the_api_object_builds(document: dict[str, Any]) -> None:
    assert document == json.loads(json.dumps(api.get_openapi_schema(), default=str))


def test_the_docs_page_loads_swagger_ui_from_the_apps_own_static_files(db: None) -> None:
    client = Client()
    page = client.get("/api/v1/docs").content.decode()
    assets = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert assets, page
    for asset in assets:
        assert urlsplit(asset).netloc == "", asset  # nothing from another host
        served = client.get(asset)
        assert served.status_code == 200, asset
    assert '"validatorUrl": null' in page
    assert '"url": "/api/v1/openapi.json"' in page


@pytest.mark.django_db(transaction=True)
def test_the_docs_page_renders_in_a_browser_without_leaving_the_server(
    live_server: LiveServer, browser: Browser
) -> None:
    requested: list[str] = []
    page = browser.new_page()
    page.on("request", lambda request: requested.append(request.url))
    page.goto(f"{live_server.url}/api/v1/docs")
    page.wait_for_selector("text=查看申请 Read a case", timeout=15000)
    assert page.locator(".opblock").count() == len(operations(api.get_openapi_schema()))
    foreign = [url for url in requested if not url.startswith((live_server.url, "data:"))]
    assert foreign == []
