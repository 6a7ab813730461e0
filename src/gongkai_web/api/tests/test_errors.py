"""Every error in one JSON shape, and never a 500 for bad input."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.test import Client

from gongkai_web.accounts.models import User
from gongkai_web.api import queries
from gongkai_web.applications.models import Application, ApplicationEvent
from gongkai_web.personas import Office

from .conftest import Api, Today, error, registration


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


HUGE = 10**30  # beyond a 64-bit column: the database would overflow if it were ever asked


def test_ids_beyond_64_bits_are_422_not_a_database_overflow(
    api: Api, application: Application, office: Office, alice: User
) -> None:
    limit = "应不大于 9223372036854775807"
    response = api.get(f"/applications/{HUGE}", alice)
    assert response.json() == error("field_invalid", f"application_id：{limit}", "application_id")
    response = api.get("/applications", alice, department=str(HUGE))
    assert response.json() == error("field_invalid", f"department：{limit}", "department")
    response = api.post(f"/applications/{application.pk}/assignment", {"department": HUGE}, alice)
    assert response.json() == error("field_invalid", f"department：{limit}", "department")
    response = api.post("/applications", registration(office, body=HUGE), alice)
    assert (response.status_code, response.json()["field"]) == (422, "body")


def test_a_page_far_beyond_the_data_is_refused_before_the_query(api: Api, alice: User) -> None:
    response = api.get("/applications", alice, page="99999999999999999999")
    assert response.json() == error("field_invalid", "page：应不大于 1000000", "page")


def test_dates_outside_the_recordable_range_are_422(api: Api, office: Office, alice: User) -> None:
    body = registration(
        office,
        channel="letter",
        receipt_basis="signed_for",
        submitted_on="2008-04-30",
        received_on="9999-12-31",
    )
    response = api.post("/applications", body, alice)
    assert response.status_code == 422
    assert response.json() == error(
        "field_invalid",
        "submitted_on：2008-04-30 超出可记录的范围（2008-05-01 至 2099-12-31）；"
        "received_on：9999-12-31 超出可记录的范围（2008-05-01 至 2099-12-31）",
        "submitted_on",
    )
    assert not Application.objects.exists()


def test_counts_beyond_64_bits_are_422(api: Api, application: Application, carol: User, today: Today) -> None:
    today.date = dt.date(2025, 10, 9)
    body = {"action": "extend", "on": "2025-10-09", "working_days": HUGE, "notified_on": "2025-10-09"}
    response = api.post(f"/applications/{application.pk}/events", body, carol)
    assert response.json() == error(
        "field_invalid", "working_days：应不大于 9223372036854775807", "working_days"
    )


def test_a_nul_character_is_422_on_every_database(
    api: Api, application: Application, office: Office, alice: User
) -> None:
    response = api.post("/applications", registration(office, applicant_name="张\x00三"), alice)
    assert response.json() == error(
        "field_invalid", "applicant_name：不能含有空字符（U+0000）", "applicant_name"
    )
    response = api.post(
        f"/applications/{application.pk}/assignment",
        {"department": office.general_office.pk, "reason": "改派\x00"},
        alice,
    )
    assert response.json() == error("field_invalid", "reason：不能含有空字符（U+0000）", "reason")
    assert api.get("/track/ab%00cd").json() == error("not_found", "没有与该查询码对应的申请，请核对查询码")


def test_an_idempotency_key_with_spaces_or_control_characters_is_422(
    api: Api, office: Office, alice: User
) -> None:
    for key in ["two words", "tab\there", "nul\x00"]:
        response = api.post("/applications", registration(office), alice, headers={"Idempotency-Key": key})
        assert response.json() == error(
            "field_invalid", "Idempotency-Key：只能由可见的 ASCII 字符组成，不含空格", "Idempotency-Key"
        ), key
    assert not Application.objects.exists()


def test_a_lone_surrogate_in_json_is_422(api: Api, office: Office, alice: User) -> None:
    raw = json.dumps(registration(office)).replace('"description": "', '"description": "\\udfff')
    response = api.post("/applications", None, alice, raw=raw)
    assert response.json() == error(
        "field_invalid", "description：含有无法编码的字符（孤立的代理项）", "description"
    )


def test_a_reassignment_reason_is_as_long_as_the_case_log_can_hold(
    api: Api, application: Application, office: Office, alice: User
) -> None:
    path = f"/applications/{application.pk}/assignment"
    too_long = api.post(path, {"department": office.general_office.pk, "reason": "理" * 490}, alice)
    assert (too_long.status_code, too_long.json()) == (
        422,
        error(
            "reassignment_reason_too_long",
            "改派理由过长：连同两个股室的名称写入办理记录，理由最多 489 个字，实际为 490 个字",
        ),
    )
    longest = api.post(path, {"department": office.general_office.pk, "reason": "理" * 489}, alice)
    assert longest.status_code == 200
