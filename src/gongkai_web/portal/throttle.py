"""How often one client address may submit applications or look up codes (Django's cache counts).

A fixed window per limit and address: the first request of a window adds the counter, the others
increment it. The default cache is per process (LocMemCache): under gunicorn each worker counts on
its own, so the effective limit is the limit times the workers; a deployment that needs an exact
limit sets GONGKAI_CACHE_URL to its Redis (docs/deploy.md). The address is ``REMOTE_ADDR``: behind a reverse
proxy the server must set it to the client's address, or every client shares one counter.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest


@dataclass(frozen=True)
class RateLimit:
    scope: str
    requests: int
    seconds: int

    @property
    def description(self) -> str:
        """``每 10 分钟 20 次`` for the 429 page."""
        if self.seconds % 3600 == 0:
            span = f"{self.seconds // 3600} 小时"
        elif self.seconds % 60 == 0:
            span = f"{self.seconds // 60} 分钟"
        else:
            span = f"{self.seconds} 秒"
        return f"每 {span} {self.requests} 次"


# Generous for a person (a family or an office behind one address included), tight for a script;
# settings.GONGKAI_RATE_LIMITS (environment GONGKAI_RATE_LIMITS) changes them.
SUBMISSIONS = RateLimit("submit", *settings.GONGKAI_RATE_LIMITS["submit"])
LOOKUPS = RateLimit("track", *settings.GONGKAI_RATE_LIMITS["track"])


def client_address(request: HttpRequest) -> str:
    return str(request.META.get("REMOTE_ADDR") or "unknown")


def seconds_to_wait(limit: RateLimit, request: HttpRequest, *, now: float) -> int | None:
    """Count this request; None while within ``limit``, else the seconds until the window ends."""
    window = int(now // limit.seconds)
    key = f"portal-rate:{limit.scope}:{client_address(request)}:{window}"
    if cache.add(key, 1, timeout=limit.seconds):
        count = 1
    else:
        try:
            count = cache.incr(key)
        except ValueError:  # the counter expired between add and incr
            cache.add(key, 1, timeout=limit.seconds)
            count = 1
    if count <= limit.requests:
        return None
    return max(1, math.ceil((window + 1) * limit.seconds - now))
