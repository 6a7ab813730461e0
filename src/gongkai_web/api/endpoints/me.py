"""``/api/v1/me``: who the token acts as, and the bodies, roles and departments a client needs the ids of."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router

from gongkai_web.api import queries
from gongkai_web.api.auth import user_of
from gongkai_web.api.errors import errors
from gongkai_web.api.schemas import MeOut

router = Router(tags=["me 本人"])


@router.get(
    "",
    response={200: MeOut, **errors(401)},
    summary="令牌所属用户及其岗位 Who the token acts as",
    description="令牌所属用户在各机关的角色和股室（登记申请、分办时所需的机关和股室编号）。",
)
def me(request: HttpRequest) -> MeOut:
    return queries.me_view(user_of(request))
