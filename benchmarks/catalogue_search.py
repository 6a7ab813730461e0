"""The public catalogue's Chinese search over many published items, on PostgreSQL.

    python benchmarks/catalogue_search.py [--items 100000] [--database-url URL] [--repeat 20]

Recreates and migrates the database (default ``h_catalogue`` on the local server), writes
``--items`` published items for one body with titles and texts drawn from a
county's usual subjects, then times through Django's test client the catalogue page
``/catalogue/<body>/?q=…`` for a two-character term (学区: pg_trgm extracts no trigram from it), a
longer one (学区划分方案), a rare one and two terms, reporting the median and the 95th percentile
after two warm-up runs. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import subprocess
import sys
import time
from typing import Any

from cases import recreate_database, setup_django

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/h_catalogue"
SUBJECTS = (
    "义务教育学区划分方案",
    "城乡居民最低生活保障标准",
    "政府集中采购目录及限额标准",
    "突发地质灾害应急预案",
    "食品安全监督抽检情况",
    "部门预算",
    "行政事业性收费目录清单",
    "污水处理厂提标改造工程",
    "考试录用公务员拟录用人员",
    "常务会议",
)
TERMS = ("学区", "学区划分方案", "第4321期", "2025 预算")


def load(items: int, url: str) -> int:
    recreate_database(url)
    subprocess.run([sys.executable, "-m", "gongkai_web", "migrate", "-v0"], env=_env(url), check=True)
    setup_django(url)
    from gongkai.catalogue import CATEGORIES  # noqa: PLC0415
    from gongkai_web.accounts.models import User  # noqa: PLC0415
    from gongkai_web.bodies.models import Body, BodyKind  # noqa: PLC0415
    from gongkai_web.catalogue.models import CatalogueItem  # noqa: PLC0415

    body, _ = Body.objects.get_or_create(name="某市人民政府（检索基准）", kind=BodyKind.PEOPLES_GOVERNMENT)
    author, _ = User.objects.get_or_create(username="bench-author")
    rng = random.Random(2026)
    start = dt.date(2019, 1, 1)
    batch: list[Any] = []
    for n in range(items):
        created = start + dt.timedelta(days=n * 2900 // items)
        subject = SUBJECTS[rng.randrange(len(SUBJECTS))]
        title = f"某市{created.year}年{subject}（第{n}期）"
        batch.append(
            CatalogueItem(
                body=body,
                index_number=f"BENCH/{created.year}-{n:07d}",
                title=title,
                issuer=body.name,
                created_on=created,
                published_on=created + dt.timedelta(days=7),
                publish_by=created + dt.timedelta(days=28),
                category=CATEGORIES[n % len(CATEGORIES)].id,
                text=f"{title}。\n\n为做好{subject}工作，现将有关事项通知如下。" * 3,
                stage="published",
                author=author,
                round=1,
            )
        )
        if len(batch) == 5000:
            CatalogueItem.objects.bulk_create(batch)
            batch = []
    CatalogueItem.objects.bulk_create(batch)
    return body.pk


def measure(body: int, repeat: int) -> None:
    from django.db import connection  # noqa: PLC0415
    from django.test import Client  # noqa: PLC0415

    client = Client()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE catalogue_catalogueitem")
    for term in TERMS:
        times = []
        for run in range(repeat + 2):
            began = time.perf_counter()
            response = client.get(f"/catalogue/{body}/", {"q": term})
            elapsed = time.perf_counter() - began
            assert response.status_code == 200, response.status_code
            if run >= 2:
                times.append(elapsed * 1000)
        times.sort()
        p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
        print(f"q={term!r:16} median {statistics.median(times):7.1f} ms   p95 {p95:7.1f} ms")


def _env(url: str) -> dict[str, str]:
    import os  # noqa: PLC0415

    return os.environ | {"DATABASE_URL": url}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--database-url", default=DEFAULT_URL)
    parser.add_argument("--repeat", type=int, default=20)
    arguments = parser.parse_args()
    began = time.perf_counter()
    body = load(arguments.items, arguments.database_url)
    print(f"{arguments.items} published items written in {time.perf_counter() - began:.0f} s")
    measure(body, arguments.repeat)


if __name__ == "__main__":
    main()
