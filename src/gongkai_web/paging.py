"""A list page's page: the one ``?page=`` asks for, and the list's other parameters for its links."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page, Paginator
from django.http import HttpRequest


@dataclass(frozen=True)
class Paged:
    """What ``_pagination.html`` shows: ``page`` and ``query`` (the request's parameters but ``page``)."""

    page: Page[Any]
    query: str


def paged(request: HttpRequest, paginator: Paginator[Any]) -> Paged:
    """The page of ``paginator`` the request asks for (the last one past the end, the first if unreadable)."""
    query = request.GET.copy()
    query.pop("page", None)
    return Paged(page=paginator.get_page(request.GET.get("page")), query=query.urlencode())
