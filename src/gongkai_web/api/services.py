"""Issuing, recognising and revoking API tokens; registering an application once per idempotency key."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from gongkai_web.accounts.models import User
from gongkai_web.api.models import ApiToken
from gongkai_web.applications.models import Application
from gongkai_web.applications.services import register_application
from gongkai_web.bodies.models import Body

TOKEN_PREFIX_BYTES = 6  # 12 hex characters: names the token, finds its row
TOKEN_SECRET_BYTES = 32  # 256 bits from secrets.token_urlsafe: no slow hash is needed to store it
_TOKEN = re.compile(r"gk_(?P<prefix>[0-9a-f]{12})_(?P<secret>[A-Za-z0-9_\-]{43})")
# last_used_at is written at most this often per token, not on every request.
LAST_USED_RESOLUTION = dt.timedelta(minutes=1)


class TokenRefused(Exception):  # noqa: N818  -- the API answers 401 with its code
    """The request's token does not authenticate anyone."""

    def __init__(self, message: str, *, code: str) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


@dataclass(frozen=True)
class IssuedToken:
    token: ApiToken
    value: str  # the only time the whole token exists outside the client


def hash_token(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


@transaction.atomic
def issue_api_token(*, user: User, name: str = "") -> IssuedToken:
    """A new token for ``user``: ``gk_<12 hex prefix>_<43 url-safe characters>``, shown only here."""
    if not user.is_active:
        raise ValueError(f"user {user.username} is not active")
    prefix = secrets.token_hex(TOKEN_PREFIX_BYTES)
    value = f"gk_{prefix}_{secrets.token_urlsafe(TOKEN_SECRET_BYTES)}"
    token = ApiToken.objects.create(
        user=user, name=name.strip(), prefix=prefix, secret_hash=hash_token(value)
    )
    return IssuedToken(token=token, value=value)


@transaction.atomic
def revoke_api_token(*, token: ApiToken) -> ApiToken:
    """Revoke ``token`` from now on; revoking a revoked token keeps its first revocation time."""
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def use_api_token(value: str) -> User:
    """The user a presented token acts as; raises TokenRefused for an unknown, revoked or malformed one."""
    match = _TOKEN.fullmatch(value)
    token = ApiToken.objects.select_related("user").filter(prefix=match["prefix"]).first() if match else None
    # compare_digest: the time taken does not tell how much of a guessed secret was right.
    if token is None or not hmac.compare_digest(token.secret_hash, hash_token(value)):
        raise TokenRefused("接口令牌无效", code="token_invalid")
    if token.revoked_at is not None:
        raise TokenRefused(
            f"接口令牌 {token.prefix} 已于 {_local(token.revoked_at)} 吊销", code="token_revoked"
        )
    if not token.user.is_active:
        raise TokenRefused(f"接口令牌 {token.prefix} 的用户已停用", code="user_inactive")
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


def _local(moment: dt.datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


@dataclass(frozen=True)
class Registration:
    application: Application
    created: bool


@transaction.atomic
def register_once(*, body: Body, submission_key: str | None, actor: User, **fields: Any) -> Registration:
    """`register_application`, telling whether this call created the application or found it.

    The service already returns the first application for a repeated ``submission_key``; the
    API must also say which happened (201 or 200). The body's row is locked first, so two API
    requests with one key are served one after the other: the second finds what the first made.
    """
    if submission_key is not None:
        Body.objects.select_for_update().filter(pk=body.pk).first()
        existed = Application.objects.filter(submission_key=submission_key).exists()
    else:
        existed = False
    application = register_application(body=body, submission_key=submission_key, actor=actor, **fields)
    return Registration(application=application, created=not existed)
