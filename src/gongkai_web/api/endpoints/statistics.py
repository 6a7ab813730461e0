"""``/api/v1/statistics``: the annual report's Table 3 and Table 4 computed from the cases.

Mounted by `gongkai_web.api.main`; the endpoint itself, ``GET /{year}``, is one function added
here once the statistics app provides the tables (issue 4, item 10):

    @router.get("/{year}", response={200: StatisticsOut, **errors(401, 403, 404)}, summary="…")
    def statistics(request, year: int) -> StatisticsOut: ...
"""

from __future__ import annotations

from ninja import Router

router = Router(tags=["statistics 统计"])
