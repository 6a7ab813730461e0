"""The API under ``/api/v1/``: one NinjaAPI, a router per resource, one error shape, token auth by default."""

from __future__ import annotations

from typing import Any

from ninja import NinjaAPI
from ninja.openapi.docs import Swagger
from ninja.renderers import JSONRenderer

from gongkai_web.api.auth import BearerToken
from gongkai_web.api.endpoints import applications, catalogue, me, registers, reports, statistics, track
from gongkai_web.api.errors import install_error_handlers

DESCRIPTION = """\
政府信息公开依申请公开办理系统的接口（gongkai）。The case API of gongkai: register 依申请公开
applications, record each step of their handling, read a case with its statutory deadline and
history, and track an application publicly by its code.

工作人员使用接口令牌（`python -m gongkai_web create_api_token <用户名>` 生成），请求头
`Authorization: Bearer <令牌>`；令牌的权限与其用户在网页中的权限相同。按查询码查询无需令牌。
所有错误的形状相同：`{"code": …, "message": …, "field": …}`（见 docs/api.md）。
"""


class Utf8JSONRenderer(JSONRenderer):
    """Chinese text as UTF-8 characters, not ``\\uXXXX`` escapes (the bytes a person reads in a log)."""

    json_dumps_params: dict[str, Any] = {"ensure_ascii": False}


api = NinjaAPI(
    title="gongkai 依申请公开接口",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api",
    auth=BearerToken(),
    # Swagger UI from ninja's own static files ("ninja" in INSTALLED_APPS), no CDN; validatorUrl
    # None keeps it from sending the schema to validator.swagger.io.
    docs=Swagger(settings={"validatorUrl": None}),
    docs_url="/docs",
    openapi_url="/openapi.json",
    renderer=Utf8JSONRenderer(),
)
install_error_handlers(api)
api.add_router("/applications", applications.router)
api.add_router("/track", track.router)
api.add_router("/me", me.router)
api.add_router("/statistics", statistics.router)
api.add_router("/registers", registers.router)
api.add_router("/catalogue", catalogue.router)
api.add_router("/reports", reports.router)
api.add_router("/oversight", "gongkai_web.api.endpoints.oversight.router")
