"""One JSON shape for every error the API answers: ``{"code": …, "message": …, "field": …}``.

``code`` is a stable English identifier for programs, ``message`` Chinese for people, ``field``
the dotted path of the offending input (``"on"``, ``"articles.0.text"``) or null. The status says
which kind of refusal it is (docs/api.md lists every code):

===== ===================================================================================
400   the body is not JSON (``malformed_json``)
401   no token, or a token that authenticates no one (``token_missing``, ``token_invalid``,
      ``token_revoked``, ``user_inactive``)
403   the token's user may not do this (`NotPermitted` from the services, with its code)
404   no such application or route (``not_found``)
410   a published item since withdrawn (``catalogue_item_withdrawn``, saying when)
405   the route does not take this method (``method_not_allowed``)
409   the case's rules refuse the step as the case stands: every core `GongkaiError`
      (``illegal_transition``, ``already_extended``, ``correction_request_late``,
      ``reasons_required``, ``outcome_reserved`` …), whatever the input, because the same
      input may be lawful on another case or another day
422   the input is wrong in itself: a schema error (``field_missing``, ``field_unknown``,
      ``field_invalid``) or the services' Django ValidationError with its code
      (``receipt_basis_mismatch``, ``event_out_of_order``, ``reassignment_reason_required`` …);
      an imported file with bad rows (``import_rows_invalid``, each bad cell in ``rows``)
429   too many public tracking requests from one address (``rate_limited``)
500   a fault of the server (``internal_error``), never an answer to bad input
===== ===================================================================================
"""

from __future__ import annotations

import logging
import math
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, Throttled
from ninja.errors import ValidationError as SchemaError
from pydantic import Field

from gongkai.cases import Action
from gongkai.errors import GongkaiError
from gongkai_web.api.services import TokenRefused
from gongkai_web.applications.services import NotPermitted
from gongkai_web.registers.imports import RowError

logger = logging.getLogger(__name__)

# The parts of a request ninja names first in an error's location; the rest is the field's path.
_SOURCES = {"body", "query", "path", "header", "cookie", "form", "file"}


class RowErrorOut(Schema):
    """One bad cell of an imported file: the row as the spreadsheet numbers it, the column by its header."""

    row: int
    column: str
    code: str
    message: str


class ErrorOut(Schema):
    code: str
    message: str
    field: str | None = None
    rows: list[RowErrorOut] | None = Field(
        default=None, description="导入文件的逐行错误（仅 import_rows_invalid 带有此项）"
    )


class Gone(Exception):  # noqa: N818  -- a refusal, as NotPermitted is
    """What the address named existed once and was taken away on purpose (410), e.g. a withdrawn item."""

    def __init__(self, message: str, *, code: str) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


class RowsRefused(Exception):  # noqa: N818  -- a refusal, as NotPermitted is
    """A file with bad rows: nothing of it is imported, every bad cell is answered."""

    def __init__(self, rows: Sequence[RowError]) -> None:
        super().__init__(f"{len(rows)} bad rows")
        self.rows = list(rows)


def errors(*statuses: int) -> dict[int, type[ErrorOut]]:
    """The error responses an endpoint declares in the OpenAPI document (405 and 500 go without saying)."""
    return dict.fromkeys(statuses, ErrorOut)


def error_response(
    status: int,
    code: str,
    message: str,
    field: str | None = None,
    headers: Mapping[str, str] | None = None,
    rows: Sequence[RowError] = (),
) -> JsonResponse:
    body: dict[str, object] = {"code": code, "message": message, "field": field}
    if rows:
        body["rows"] = [
            {"row": row.row, "column": row.column, "code": row.code, "message": row.message} for row in rows
        ]
    return JsonResponse(
        body, status=status, headers=dict(headers or {}), json_dumps_params={"ensure_ascii": False}
    )


def install_error_handlers(api: NinjaAPI) -> None:
    """Replace ninja's handlers (``{"detail": …}``) with ones answering in the one shape."""
    handlers: list[tuple[type[Exception], Callable[[HttpRequest, Any], HttpResponse]]] = [
        (TokenRefused, _token_refused),
        (RowsRefused, _rows_refused),
        (Gone, _gone),
        (AuthenticationError, _token_missing),
        (Throttled, _throttled),
        (HttpError, _http_error),
        (PermissionDenied, _not_permitted),
        (Http404, _not_found),
        (ObjectDoesNotExist, _not_found),
        (GongkaiError, _refused_by_the_rules),
        (ValidationError, _invalid),
        (SchemaError, _schema_invalid),
        (Exception, _internal_error),
    ]
    for exception, handler in handlers:
        api.add_exception_handler(exception, handler)


_BEARER = {"WWW-Authenticate": 'Bearer realm="gongkai"'}


def _token_refused(request: HttpRequest, error: TokenRefused) -> HttpResponse:
    return error_response(401, error.code, error.message, headers=_BEARER)


def _rows_refused(request: HttpRequest, error: RowsRefused) -> HttpResponse:
    message = f"文件未导入：{len(error.rows)} 处错误，请更正后重新导入"
    return error_response(422, "import_rows_invalid", message, field="file", rows=error.rows)


def _gone(request: HttpRequest, error: Gone) -> HttpResponse:
    return error_response(410, error.code, error.message)


def _token_missing(request: HttpRequest, error: AuthenticationError) -> HttpResponse:
    return error_response(
        401,
        "token_missing",
        "缺少接口令牌：请在请求头中提供 Authorization: Bearer <令牌>",
        headers=_BEARER,
    )


def _throttled(request: HttpRequest, error: Throttled) -> HttpResponse:
    wait = f"请 {math.ceil(error.wait)} 秒后再试" if error.wait is not None else "请稍后再试"
    return error_response(429, "rate_limited", f"查询过于频繁，{wait}")


def _http_error(request: HttpRequest, error: HttpError) -> HttpResponse:
    if error.status_code == 400:  # ninja raises it only when the body cannot be parsed
        return error_response(400, "malformed_json", "请求体不是有效的 JSON")
    logger.error("unexpected ninja HttpError %s: %s", error.status_code, error.message)
    return error_response(error.status_code, "http_error", error.message)


def _not_permitted(request: HttpRequest, error: PermissionDenied) -> HttpResponse:
    if isinstance(error, NotPermitted):
        return error_response(403, error.code, error.message)
    return error_response(403, "not_permitted", str(error) or "无权进行此操作")


def _not_found(request: HttpRequest, error: Exception) -> HttpResponse:
    message = str(error) if isinstance(error, Http404) and error.args else "未找到"
    return error_response(404, "not_found", message)


def _refused_by_the_rules(request: HttpRequest, error: GongkaiError) -> HttpResponse:
    return error_response(409, error.code, error.message)


def _invalid(request: HttpRequest, error: ValidationError) -> HttpResponse:
    if hasattr(error, "error_dict"):  # a model's full_clean: messages per field
        field, errors = next(iter(error.error_dict.items()))
        code = errors[0].code or "invalid"
        messages = [
            f"{name}：{message}" for name, items in error.error_dict.items() for message in _texts(items)
        ]
        return error_response(422, code, "；".join(messages), field=None if field == "__all__" else field)
    return error_response(422, error.code or "invalid", "；".join(_texts(error.error_list)))


def _texts(errors: Sequence[ValidationError]) -> list[str]:
    return [str(message) for error in errors for message in error.messages]


def _schema_invalid(request: HttpRequest, error: SchemaError) -> HttpResponse:
    problems = [(_field(problem["loc"], problem["type"]), problem) for problem in error.errors]
    first_field, first = problems[0]
    lines = [f"{field or '请求体'}：{_explain(problem)}" for field, problem in problems]
    return error_response(422, _schema_code(first["type"]), "；".join(lines), field=first_field)


def _field(location: Sequence[Any], kind: str) -> str | None:
    """``("body", "event", "decide", "articles", 0, "text")`` -> ``"articles.0.text"``."""
    parts = list(location)
    if kind in {"union_tag_invalid", "union_tag_not_found"}:
        parts.append("action")
    if parts and parts[0] in _SOURCES:
        source = parts.pop(0)
        if source == "body" and parts:
            parts.pop(0)  # the endpoint's parameter name, not part of the JSON
    parts = [part for part in parts if not _is_union_tag(part)]
    return ".".join(str(part) for part in parts) or None


def _is_union_tag(part: object) -> bool:
    """The events body is a union tagged by ``action``; pydantic puts the tag in the location."""
    return isinstance(part, str) and part in Action.__members__.values()


def _schema_code(kind: str) -> str:
    if kind in {"missing", "union_tag_not_found"}:
        return "field_missing"
    if kind == "extra_forbidden":
        return "field_unknown"
    return "field_invalid"


def _explain(problem: Mapping[str, Any]) -> str:
    """pydantic's error types in the words of the UI."""
    kind, context = problem["type"], problem.get("ctx") or {}
    match kind:
        case "missing":
            return "缺少必填项"
        case "extra_forbidden":
            return "不接受此项"
        case "string_type":
            return "应为文本"
        case "int_type" | "int_parsing" | "int_from_float":
            return "应为整数"
        case "bool_type" | "bool_parsing":
            return "应为 true 或 false"
        case "enum" | "literal_error":
            return f"应为 {_choices(str(context.get('expected', '')))} 之一"
        case "union_tag_invalid":
            actions = "、".join(action.value for action in Action)
            return f"action 应为 {actions} 之一，实际为 {context.get('tag', '')!r}"
        case "union_tag_not_found":
            return "缺少 action"
        case "string_too_short":
            return "不能为空"
        case "string_too_long":
            return f"不能超过 {context.get('max_length')} 个字符"
        case "greater_than_equal":
            return f"应不小于 {context.get('ge')}"
        case "less_than_equal":
            return f"应不大于 {context.get('le')}"
        case "string_unicode":
            return "含有无法编码的字符（孤立的代理项）"
        case "string_pattern_mismatch":  # only keys have a pattern (schemas.KEY_PATTERN)
            return "只能由可见的 ASCII 字符组成，不含空格"
        case "list_type":
            return "应为列表"
        case "model_type" | "model_attributes_type" | "dict_type":
            return "应为 JSON 对象"
        case "value_error":
            return str(context.get("error", problem.get("msg", "")))
        case "date_type" | "date_parsing" | "date_from_datetime_parsing" | "date_from_datetime_inexact":
            return "应为日期，格式 YYYY-MM-DD"
    return f"格式不正确（{kind}）"


def _choices(expected: str) -> str:
    """pydantic's ``'a', 'b' or 'c'`` as ``a、b、c``."""
    return "、".join(re.findall(r"'([^']*)'", expected)) or expected


def _internal_error(request: HttpRequest, error: Exception) -> HttpResponse:
    logger.exception("error in %s %s", request.method, request.path, exc_info=error)
    return error_response(500, "internal_error", "服务器内部错误，请稍后再试或联系管理员")
