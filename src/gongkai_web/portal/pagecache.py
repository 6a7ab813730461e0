"""Public pages kept rendered in the shared cache, so a crowd of visitors costs one rendering.

The home page and the form's first step are alike for everyone; a case's status page is alike for
everyone holding its code on a given day. Only a visitor who brings no session and no pending
messages gets a shared copy, and a page is shared only if its rendering used no CSRF token and set
no cookie: what is one person's (a message after a login, a form's token) never reaches another.
Only the bare address is kept (no query string), and a case's pages only once the case is known to
exist, so made-up addresses cannot fill the cache.

Keys carry versions rather than being deleted. A change to a body, a help desk or the work calendar
starts a new generation of every key; a change to a case, its steps or its letters starts a new
version of that case's keys. Each is bumped at once and again when the transaction commits: a
page rendered from the old rows while the change was committing was stored under the old version,
which nobody asks for any more. The timeout bounds anything else. Every worker must read the same
cache (Redis in production; settings.GONGKAI_SHARED_PAGES is off by default without one).
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

SHARED_SECONDS = 300
VERSION_SECONDS = 7 * 24 * 3600  # longer than any page is kept, so a version outlives its pages
GENERATION_KEY = "portal:page-generation"
MESSAGES_COOKIE = "messages"  # django.contrib.messages' CookieStorage
KEPT_HEADERS = ("Content-Type", "Referrer-Policy")

View = Callable[..., HttpResponse]


def shared_page(view: View) -> View:
    """Serve ``view``'s page from the shared cache to visitors who hold nothing of their own."""
    return _shared(view, version=lambda **_: "all")


def shared_case_page(view: View) -> View:
    """Like `shared_page`, for a view of the case whose tracking code is the ``code`` argument: a
    copy lasts until the case changes or the day ends (its deadlines are read as of today)."""
    return _shared(view, version=_case_version)


def new_generation(**_: Any) -> None:
    """Forget every shared page (a signal receiver: a body, a help desk or the calendar changed)."""
    _bump_now_and_on_commit(GENERATION_KEY)


def case_changed(tracking_code: str) -> None:
    """Forget the shared pages of the case with ``tracking_code``."""
    _bump_now_and_on_commit(_case_key(tracking_code))


def _shared(view: View, *, version: Callable[..., str | None]) -> View:
    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not _may_share(request):
            return view(request, *args, **kwargs)
        current = version(**kwargs)
        if (
            current is None
        ):  # a case nobody has looked up lately: start its version, share from the next visit
            response = view(request, *args, **kwargs)
            if response.status_code == 200:
                cache.add(_case_key(kwargs["code"]), _fresh_start(), VERSION_SECONDS)
            return response
        key = "portal:page:" + _digest(f"{_counter(GENERATION_KEY)}:{current}:{request.path}")
        cached = cache.get(key)
        if cached is not None:
            content, headers = cached
            return HttpResponse(content, headers=headers)
        response = view(request, *args, **kwargs)
        if _shareable(request, response):
            headers = {name: response[name] for name in KEPT_HEADERS if response.has_header(name)}
            cache.set(key, (response.content, headers), SHARED_SECONDS)
        return response

    return wrapper


def _case_version(*, code: str, **_: Any) -> str | None:
    """The case's version and today, or None if no version is kept: only a case that exists gets one
    (after a page of it was rendered), so made-up codes leave nothing in the cache."""
    counter = cache.get(_case_key(code))
    return None if counter is None else f"{counter}:{_today().isoformat()}"


def _today() -> dt.date:
    return timezone.localdate()


def _case_key(tracking_code: str) -> str:
    return "portal:case-version:" + _digest(tracking_code)


def _digest(text: str) -> str:
    """A short key of any text, in the characters every cache accepts."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _counter(key: str) -> int:
    value = cache.get(key)
    if value is None:
        cache.add(key, _fresh_start(), VERSION_SECONDS)
        value = cache.get(key, 0)
    return int(value)


def _bump(key: str) -> None:
    try:
        cache.incr(key)
    except ValueError:  # no version kept (never made, expired or evicted): a new one starts now
        cache.set(key, _fresh_start(), VERSION_SECONDS)


def _fresh_start() -> int:
    """A version no page kept can carry: a counter that was lost restarts past every earlier value."""
    return time.time_ns() // 1000


def _bump_now_and_on_commit(key: str) -> None:
    _bump(key)
    transaction.on_commit(lambda: _bump(key))


def _may_share(request: HttpRequest) -> bool:
    return (
        settings.GONGKAI_SHARED_PAGES
        and request.method == "GET"
        and not request.META.get("QUERY_STRING")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and MESSAGES_COOKIE not in request.COOKIES
    )


def _shareable(request: HttpRequest, response: HttpResponse) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and "CSRF_COOKIE" not in request.META
    )
