"""Building a body's annual report from a million cases: compose + check + render JSON and HTML.

    python benchmarks/report_build.py [--database-url URL] [--year 2025] [--repeat 10]

Reads the database ``benchmarks/cases.py load`` wrote (default ``gongkai_bench``) and leaves it as
it was: `gongkai_web.reports.queries.compose` only reads (the draft, if any, section 二, sections
三 and 四 counted from the cases, the fee figures, the previous year's report). A database loaded
before the registers and reports apps existed lacks their (empty) tables: they are created inside
one transaction that is rolled back at the end (PostgreSQL DDL is transactional), so nothing is
left behind. Reports the median and the 95th percentile of ``--repeat`` runs after one warm-up.
Target: under 2 s.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable

from cases import setup_django

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/gongkai_bench"
TARGET_SECONDS = 2.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=DEFAULT_URL)
    parser.add_argument("--year", type=int, default=2025)
    parser.add_argument("--repeat", type=int, default=10)
    arguments = parser.parse_args()
    setup_django(arguments.database_url)
    from django.apps import apps  # noqa: PLC0415
    from django.db import connection, transaction  # noqa: PLC0415

    from gongkai.annual import jsonio  # noqa: PLC0415
    from gongkai.annual.render import render_html  # noqa: PLC0415
    from gongkai_web.bodies.models import Body  # noqa: PLC0415
    from gongkai_web.reports.queries import compose  # noqa: PLC0415

    body = Body.objects.order_by("pk").first()
    if body is None:
        raise SystemExit("the benchmark database holds no body: run benchmarks/cases.py load first")
    cases = body.applications.count()

    def build() -> tuple[int, int]:
        composition = compose(body=body, year=arguments.year)
        return len(jsonio.dumps(composition.report)), len(render_html(composition.report))

    with transaction.atomic():
        tables = connection.introspection.table_names()
        missing = [
            model
            for label in ("registers", "reports")  # the apps compose reads besides the cases
            for model in apps.get_app_config(label).get_models()
            if model._meta.db_table not in tables
        ]
        with connection.schema_editor() as editor:
            for model in missing:
                editor.create_model(model)
        median, p95 = measure(build, arguments.repeat)
        transaction.set_rollback(True)
    verdict = "within" if median < TARGET_SECONDS else "OVER"
    print(
        f"{body.name}, {cases:,} cases, report on {arguments.year}: compose + check + JSON + HTML "
        f"median {median:.3f} s, p95 {p95:.3f} s over {arguments.repeat} runs "
        f"({verdict} the {TARGET_SECONDS} s target)"
    )


def measure(build: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Median and 95th percentile of ``repeat`` runs after one warm-up run."""
    build()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        build()
        times.append(time.perf_counter() - start)
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]


if __name__ == "__main__":
    main()
