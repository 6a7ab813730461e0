"""``/api/v1/``: ninja's routes, answering 405 and unknown paths in the API's error shape too."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseNotAllowed
from django.urls import URLPattern, URLResolver, re_path
from django.views.decorators.csrf import csrf_exempt

from gongkai_web.api.errors import error_response
from gongkai_web.api.main import api

app_name = "api"

View = Callable[..., HttpResponseBase]


def _json_not_allowed(view: View) -> View:
    """ninja answers a method a route does not take with a plain-text 405; this answers in JSON."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        response = view(request, *args, **kwargs)
        if isinstance(response, HttpResponseNotAllowed):
            allowed = response["Allow"]
            return error_response(
                405,
                "method_not_allowed",
                f"该地址不接受 {request.method} 请求，可用：{allowed}",
                headers={"Allow": allowed},
            )
        return response

    return wrapped


@csrf_exempt
def not_found(request: HttpRequest, path: str) -> HttpResponse:
    return error_response(404, "not_found", f"接口中没有地址 /api/v1/{path}")


def _routes() -> list[URLPattern | URLResolver]:
    routes, _app_name, _namespace = api.urls
    patterns: list[URLPattern | URLResolver] = []
    for route in routes:
        if isinstance(route, URLPattern):
            callback = _json_not_allowed(route.callback)
            patterns.append(URLPattern(route.pattern, callback, route.default_args, route.name))
        else:
            patterns.append(route)
    return patterns


urlpatterns: list[URLPattern | URLResolver] = [*_routes(), re_path(r"^(?P<path>.*)$", not_found)]
