"""GET /api/v1/track/{code}: public, no token; dates and steps only; unknown codes 404; rate-limited per address."""

from __future__ import annotations

import datetime as dt

from django.test import Client

from gongkai.cases import Action
from gongkai_web.accounts.models import User
from gongkai_web.api.endpoints.track import TRACKING_PER_MINUTE
from gongkai_web.applications.models import Application
from gongkai_web.applications.services import record_event

from .conftest import SEPTEMBER_29, Api, Today, error


def test_anyone_with_the_code_sees_the_status_deadline_and_steps(
    api: Api, application: Application, bob: User, carol: User, today: Today
) -> None:
    record_event(application=application, action=Action.ACCEPT, on=SEPTEMBER_29, actor=bob)
    record_event(
        application=application,
        action=Action.EXTEND,
        on=dt.date(2025, 10, 20),
        actor=carol,
        working_days=20,
        notified_on=dt.date(2025, 10, 20),
    )
    today.date = dt.date(2025, 10, 21)
    response = Client().get(f"/api/v1/track/{application.tracking_code}")
    assert response.status_code == 200
    assert response.json() == {
        "body": "某县人民政府",
        "status": {"code": "in_progress", "label": "办理中"},
        "received_on": "2025-09-28",
        "due_on": "2025-11-28",
        "deadline_provisional": False,
        "closed_on": None,
        "timeline": [
            {"on": "2025-09-29", "action": {"code": "accept", "label": "受理"}},
            {"on": "2025-10-20", "action": {"code": "extend", "label": "延期答复"}},
        ],
    }


def test_the_public_view_holds_no_personal_data_officer_names_or_reasons(
    api: Api, application: Application, bob: User, carol: User
) -> None:
    record_event(application=application, action=Action.ACCEPT, on=SEPTEMBER_29, actor=bob)
    record_event(
        application=application,
        action=Action.DECIDE,
        on=SEPTEMBER_29,
        actor=carol,
        outcome="withheld.third_party_rights",
        reasons="涉及某公司商业秘密",
    )
    response = Client().get(f"/api/v1/track/{application.tracking_code}")
    text = response.content.decode()
    for secret in [
        "张三",
        "110101199001011234",
        "1234",
        "13800000000",
        "0000",
        "义务教育",
        "alice",
        "bob",
        "carol",
        "商业秘密",
        "教育股",
        "third_party",
    ]:
        assert secret not in text, secret
    assert response.json()["status"] == {"code": "decided", "label": "已答复"}
    assert (response.json()["due_on"], response.json()["closed_on"]) == (None, "2025-09-29")


def test_a_token_is_neither_needed_nor_looked_at(api: Api, application: Application) -> None:
    response = api.get(f"/track/{application.tracking_code}", token="gk_not_a_real_token")
    assert response.status_code == 200


def test_an_unknown_code_is_404_in_the_one_error_shape(api: Api, application: Application) -> None:
    response = Client().get("/api/v1/track/AAAAAAAAAAAAAAAAAAAAAA")
    assert response.status_code == 404
    assert response.json() == error("not_found", "没有与该查询码对应的申请，请核对查询码")


def test_one_address_is_limited_to_30_lookups_a_minute(api: Api, application: Application) -> None:
    client = Client(REMOTE_ADDR="203.0.113.7")
    statuses = [client.get("/api/v1/track/unknown-code").status_code for _ in range(TRACKING_PER_MINUTE)]
    assert statuses == [404] * TRACKING_PER_MINUTE
    limited = client.get(f"/api/v1/track/{application.tracking_code}")
    assert limited.status_code == 429
    wait = limited["Retry-After"]
    assert 0 < int(wait) <= 60
    assert limited.json() == error("rate_limited", f"查询过于频繁，请 {wait} 秒后再试")
    assert (
        Client(REMOTE_ADDR="198.51.100.2").get(f"/api/v1/track/{application.tracking_code}").status_code
        == 200
    )


def test_a_forwarded_for_header_does_not_escape_the_limit(api: Api, application: Application) -> None:
    client = Client(REMOTE_ADDR="203.0.113.7")
    for n in range(TRACKING_PER_MINUTE):
        client.get("/api/v1/track/unknown-code", headers={"X-Forwarded-For": f"10.0.0.{n}"})
    response = client.get(
        f"/api/v1/track/{application.tracking_code}", headers={"X-Forwarded-For": "10.9.9.9"}
    )
    assert response.status_code == 429
