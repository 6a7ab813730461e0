"""GET /api/v1/me: who the token acts as, with the ids of bodies and departments a client needs."""

from __future__ import annotations

from gongkai_web.accounts.models import User
from gongkai_web.personas import Office

from .conftest import NO_TOKEN, Api


def test_a_handler_sees_the_body_role_and_department(api: Api, office: Office, bob: User) -> None:
    response = api.get("/me", bob)
    assert response.status_code == 200
    assert response.json() == {
        "username": "bob",
        "memberships": [
            {
                "body": {"id": office.county.pk, "name": "某县人民政府"},
                "role": {"code": "handler", "label": "承办"},
                "department": {"id": office.education.pk, "name": "教育股"},
            }
        ],
    }


def test_an_officer_with_several_roles_sees_each(api: Api, office: Office, dave: User) -> None:
    roles = [membership["role"]["code"] for membership in api.get("/me", dave).json()["memberships"]]
    assert roles == ["admin", "handler", "head", "registrar", "reviewer"]


def test_no_token_is_refused(api: Api, office: Office) -> None:
    response = api.get("/me")
    assert (response.status_code, response.json()) == (401, NO_TOKEN)


def test_a_revoked_token_is_refused(api: Api, office: Office, bob: User) -> None:
    response = api.get("/me", token=api.revoked_token(bob))
    assert response.status_code == 401
    assert response.json()["code"] == "token_revoked"
