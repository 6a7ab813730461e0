"""``supervises`` for the office navigation: whether to offer the 监督检查 link (read lazily)."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from gongkai_web.oversight.access import is_supervisor


def supervision(request: HttpRequest) -> dict[str, object]:
    return {"supervises": SimpleLazyObject(lambda: is_supervisor(request.user))}
