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
    assert sorted((method, path) for method, path, _ in operations(document)) == [
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
    ]


def test_every_operation_has_a_summary_and_a_schema_for_each_response(document: dict[str, Any]) -> None:
    for method, path, operation in operations(document):
        assert re.fullmatch(r"\S.+ [A-Z].+", operation["summary"]), (method, path)  # 中文 then English
        assert operation.get("description"), (method, path)
        assert any(status.startswith("2") for status in operation["responses"]), (method, path)
        for status, response in operation["responses"].items():
            schema = response["content"]["application/json"]["schema"]
            assert "$ref" in schema or "type" in schema, (method, path, status)


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


def test_staff_operations_need_the_token_and_tracking_does_not(document: dict[str, Any]) -> None:
    for method, path, operation in operations(document):
        expected: list[dict[str, list[str]]] | None = (
            None if path.startswith("/api/v1/track/") else [{"BearerToken": []}]
        )
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
    assert page.locator(".opblock").count() == 10
    foreign = [url for url in requested if not url.startswith((live_server.url, "data:"))]
    assert foreign == []
