"""Every error in one JSON shape, and never a 500 for bad input."""

from __future__ import annotations

import pytest
from django.test import Client

from gongkai_web.accounts.models import User
from gongkai_web.api import queries
from gongkai_web.applications.models import Application, ApplicationEvent

from .conftest import Api, error


@pytest.fixture
def events_path(application: Application) -> str:
    return f"/applications/{application.pk}/events"


@pytest.mark.parametrize(
    "raw",
    [
        '{"action": "accept", "on": "2025-09-29"',
        "action=accept&on=2025-09-29",
        "\x00\xff",
        "{'action': 'accept'}",
    ],
)
def test_a_body_that_is_not_json_is_400(api: Api, events_path: str, bob: User, raw: str) -> None:
    response = api.post(events_path, None, bob, raw=raw)
    assert response.status_code == 400
    assert response.json() == error("malformed_json", "请求体不是有效的 JSON")
    assert not ApplicationEvent.objects.exists()


def test_a_form_encoded_body_is_400(events_path: str, api: Api, bob: User) -> None:
    response = Client().post(
        f"/api/v1{events_path}", {"action": "accept", "on": "2025-09-29"}, headers=api.headers(bob)
    )
    assert response.status_code == 400
    assert response.json()["code"] == "malformed_json"


def test_an_empty_body_is_422(api: Api, events_path: str, bob: User) -> None:
    response = api.post(events_path, None, bob, raw="")
    assert response.status_code == 422
    assert response.json() == error("field_missing", "请求体：缺少必填项")


@pytest.mark.parametrize(
    ("body", "message"), [([], "应为 JSON 对象"), ("accept", "应为 JSON 对象"), (7, "应为 JSON 对象")]
)
def test_json_that_is_not_an_object_is_422(
    api: Api, events_path: str, bob: User, body: object, message: str
) -> None:
    response = api.post(events_path, body, bob)
    assert response.status_code == 422
    assert response.json() == error("field_invalid", f"请求体：{message}")


def test_several_problems_are_all_named_and_the_first_is_the_field(
    api: Api, events_path: str, carol: User
) -> None:
    body = {"action": "extend", "on": "yesterday", "working_days": "ten", "notified_on": None, "by": "carol"}
    response = api.post(events_path, body, carol)
    assert response.status_code == 422
    assert response.json() == error(
        "field_invalid",
        "on：应为日期，格式 YYYY-MM-DD，实际为 'yesterday'；working_days：应为整数；"
        "notified_on：应为日期，格式 YYYY-MM-DD，实际为 None；by：不接受此项",
        "on",
    )


def test_a_method_a_route_does_not_take_is_405(api: Api, application: Application, bob: User) -> None:
    response = api.client.delete(f"/api/v1/applications/{application.pk}", headers=api.headers(bob))
    assert response.status_code == 405
    assert response.json() == error("method_not_allowed", "该地址不接受 DELETE 请求，可用：GET")
    assert response["Allow"] == "GET"


def test_an_unknown_route_is_404_in_the_same_shape(api: Api, bob: User) -> None:
    response = api.get("/cases", bob)
    assert response.status_code == 404
    assert response.json() == error("not_found", "接口中没有地址 /api/v1/cases")


def test_a_fault_of_the_server_is_a_500_in_the_same_shape(
    api: Api, application: Application, bob: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("the database went away")

    monkeypatch.setattr(queries, "case_view", broken)
    response = api.get(f"/applications/{application.pk}", bob)
    assert response.status_code == 500
    assert response.json() == error("internal_error", "服务器内部错误，请稍后再试或联系管理员")
    assert "database" not in response.content.decode()


def test_a_step_whose_answer_fails_is_not_recorded(
    api: Api, events_path: str, bob: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("rendering failed")

    monkeypatch.setattr(queries, "case_view", broken)
    response = api.post(events_path, {"action": "accept", "on": "2025-09-29"}, bob)
    assert response.status_code == 500
    assert not ApplicationEvent.objects.exists()


def test_chinese_is_written_as_characters_not_escapes(api: Api, application: Application, bob: User) -> None:
    response = api.get(f"/applications/{application.pk}", bob)
    assert "某县人民政府".encode() in response.content
    assert response["Content-Type"] == "application/json; charset=utf-8"
