"""``/api/v1/track/{code}``: the public status of an application, by its tracking code, without a token."""

from __future__ import annotations

import re

from django.http import Http404, HttpRequest
from ninja import Router

from gongkai_web.api import queries
from gongkai_web.api.auth import PerAddressThrottle
from gongkai_web.api.errors import errors
from gongkai_web.api.schemas import TrackingOut
from gongkai_web.applications.models import Application

# Enough for an applicant checking a few applications; far too few to guess a 128-bit code.
TRACKING_PER_MINUTE = 30
TRACKING_RATE = f"{TRACKING_PER_MINUTE}/m"

router = Router(tags=["track 公开查询"])

_CODE = re.compile(r"[A-Za-z0-9_-]{1,32}")  # secrets.token_urlsafe, as `new_tracking_code` makes them


@router.get(
    "/{code}",
    auth=None,
    throttle=[PerAddressThrottle(TRACKING_RATE)],
    response={200: TrackingOut, **errors(404, 429)},
    summary="按查询码查询办理进度 Track an application by its code",
    description=(
        "公开接口，无需令牌：申请状态、收到申请日期、答复期限和办理进程，"
        f"不含申请人信息、经办人员和理由。每个地址每分钟最多 {TRACKING_PER_MINUTE} 次。"
    ),
)
def track(request: HttpRequest, code: str) -> TrackingOut:
    # A code that could not have been issued is not looked up (nor sent to the database as is).
    found = _CODE.fullmatch(code) is not None
    application = (
        Application.objects.select_related("body").filter(tracking_code=code).first() if found else None
    )
    if application is None:
        raise Http404("没有与该查询码对应的申请，请核对查询码")
    return queries.tracking_view(application, on=queries.today())
