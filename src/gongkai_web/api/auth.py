"""``Authorization: Bearer <token>``: the token's user becomes ``request.auth`` for the endpoint."""

from __future__ import annotations

from django.http import HttpRequest
from ninja.security import HttpBearer
from ninja.throttling import AnonRateThrottle

from gongkai_web.accounts.models import User
from gongkai_web.api.services import use_api_token


class BearerToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> User:
        # Refusals raise TokenRefused, which the API answers with 401 and its code (errors.py).
        return use_api_token(token.strip())


class PerAddressThrottle(AnonRateThrottle):
    """Counts requests per client address in Django's cache.

    The address is REMOTE_ADDR: ninja would otherwise trust any X-Forwarded-For header, which a
    client can set to escape the limit. Behind a reverse proxy, the proxy must pass the client's
    address as REMOTE_ADDR (docs/api.md).
    """

    def get_ident(self, request: HttpRequest) -> str | None:
        address = request.META.get("REMOTE_ADDR")
        return address if isinstance(address, str) else None


def user_of(request: HttpRequest) -> User:
    """The user the request's token acts as (set by BearerToken before the endpoint runs)."""
    user = getattr(request, "auth", None)
    assert isinstance(user, User), "an endpoint with auth=None asked for the token's user"
    return user
