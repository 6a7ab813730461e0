"""API tokens: issued once by a command, stored as a hash, refused when unknown or revoked, revoked in the admin."""

from __future__ import annotations

import hashlib
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone

from gongkai_web.accounts.models import User
from gongkai_web.api.models import ApiToken
from gongkai_web.api.services import LAST_USED_RESOLUTION, issue_api_token, revoke_api_token
from gongkai_web.personas import person

from .conftest import NO_TOKEN, Api, error


def test_the_command_prints_the_token_once_and_stores_only_its_hash(alice: User) -> None:
    out, err = StringIO(), StringIO()
    call_command("create_api_token", "alice", "--name", "档案系统", stdout=out, stderr=err)
    value = out.getvalue().strip()
    token = ApiToken.objects.get()
    assert (token.user, token.name) == (alice, "档案系统")
    assert value == f"gk_{token.prefix}_{value[16:]}"
    assert len(value) == 16 + 43
    assert token.secret_hash == hashlib.sha256(value.encode()).hexdigest()
    assert value not in {field.value_from_object(token) for field in ApiToken._meta.concrete_fields}
    assert f"已为 alice 生成接口令牌 {token.prefix}" in err.getvalue()


def test_the_command_refuses_an_unknown_user(db: None) -> None:
    with pytest.raises(CommandError, match="没有用户名为 nobody 的用户"):
        call_command("create_api_token", "nobody", stdout=StringIO(), stderr=StringIO())
    assert not ApiToken.objects.exists()


def test_the_command_refuses_an_inactive_user(db: None) -> None:
    user = person("gone")
    user.is_active = False
    user.save()
    with pytest.raises(CommandError, match="用户 gone 已停用"):
        call_command("create_api_token", "gone", stdout=StringIO(), stderr=StringIO())


def test_a_token_acts_as_its_user_and_records_its_use(api: Api, alice: User) -> None:
    issued = issue_api_token(user=alice)
    assert issued.token.last_used_at is None
    response = api.get("/me", token=issued.value)
    assert response.status_code == 200
    assert response.json()["username"] == "alice"
    used = ApiToken.objects.get().last_used_at
    assert used is not None
    assert timezone.now() - used < LAST_USED_RESOLUTION


def test_two_requests_within_a_minute_write_the_use_once(api: Api, alice: User) -> None:
    issued = issue_api_token(user=alice)
    api.get("/me", token=issued.value)
    first = ApiToken.objects.get().last_used_at
    api.get("/me", token=issued.value)
    assert ApiToken.objects.get().last_used_at == first


def test_no_token_is_refused_with_401(api: Api, alice: User) -> None:
    response = api.get("/me")
    assert response.status_code == 401
    assert response.json() == NO_TOKEN
    assert response["WWW-Authenticate"] == 'Bearer realm="gongkai"'


def test_another_scheme_than_bearer_is_refused_with_401(api: Api, alice: User) -> None:
    response = Client().get("/api/v1/me", headers={"Authorization": f"Token {api.token(alice)}"})
    assert response.status_code == 401
    assert response.json() == NO_TOKEN


@pytest.mark.parametrize(
    "value",
    [
        "gk_000000000000_" + "a" * 43,  # well formed, never issued
        "not-a-token",
        "gk_",
        "Bearer",
    ],
)
def test_an_unknown_token_is_refused_with_401(api: Api, alice: User, value: str) -> None:
    response = api.get("/me", token=value)
    assert response.status_code == 401
    assert response.json() == error("token_invalid", "接口令牌无效")


def test_a_token_with_a_changed_secret_is_refused(api: Api, alice: User) -> None:
    value = api.token(alice)
    forged = value[:-1] + ("A" if value[-1] != "A" else "B")
    response = api.get("/me", token=forged)
    assert response.status_code == 401
    assert response.json() == error("token_invalid", "接口令牌无效")


def test_a_revoked_token_is_refused_with_401(api: Api, alice: User) -> None:
    issued = issue_api_token(user=alice)
    revoke_api_token(token=issued.token)
    revoked_at = timezone.localtime(ApiToken.objects.get().revoked_at).strftime("%Y-%m-%d %H:%M")
    response = api.get("/me", token=issued.value)
    assert response.status_code == 401
    assert response.json() == error("token_revoked", f"接口令牌 {issued.token.prefix} 已于 {revoked_at} 吊销")


def test_the_token_of_a_deactivated_user_is_refused(api: Api, alice: User) -> None:
    value = api.token(alice)
    alice.is_active = False
    alice.save()
    response = api.get("/me", token=value)
    assert response.status_code == 401
    assert response.json()["code"] == "user_inactive"


def test_revoking_twice_keeps_the_first_time(alice: User) -> None:
    issued = issue_api_token(user=alice)
    first = revoke_api_token(token=issued.token).revoked_at
    assert first is not None
    again = revoke_api_token(token=ApiToken.objects.get())
    assert again.revoked_at == first


@pytest.fixture
def admin_client(db: None) -> Client:
    superuser = User.objects.create_superuser(username="root", password="x-long-enough-password")
    client = Client()
    client.force_login(superuser)
    return client


def test_the_admin_revokes_a_token_and_the_api_then_refuses_it(
    api: Api, alice: User, admin_client: Client
) -> None:
    value = api.token(alice)
    token = ApiToken.objects.get()
    response = admin_client.post(
        "/admin/api/apitoken/", {"action": "revoke", "_selected_action": [token.pk]}, follow=True
    )
    assert "已吊销 1 个令牌" in response.content.decode()
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert api.get("/me", token=value).json()["code"] == "token_revoked"


def test_the_admin_lists_tokens_but_cannot_add_edit_or_delete_them(alice: User, admin_client: Client) -> None:
    issued = issue_api_token(user=alice, name="档案系统")
    listing = admin_client.get("/admin/api/apitoken/").content.decode()
    assert issued.token.prefix in listing
    assert issued.value not in listing
    assert admin_client.get("/admin/api/apitoken/add/").status_code == 403
    assert admin_client.get(f"/admin/api/apitoken/{issued.token.pk}/delete/").status_code == 403
    detail = admin_client.get(f"/admin/api/apitoken/{issued.token.pk}/change/")
    assert detail.status_code == 200  # view only
    assert issued.token.secret_hash not in detail.content.decode()
