"""A million cases on PostgreSQL: how fast the office queue and the statistics answer.

    python benchmarks/cases.py load [--cases 1000000] [--database-url URL]
    python benchmarks/cases.py measure [--database-url URL] [--repeat 20]

``load`` creates (or recreates) the benchmark database (default ``gongkai_bench`` on the local
server), migrates it, creates one body (某市人民政府, ten departments, officers in every role) and
writes ``--cases`` applications received from 2021 to the benchmark day (2026-12-04): about 97 %
closed with an outcome drawn from a realistic mix, the rest open in every open status. Every
application's projection (status, deadlines, outcome) is computed by the same
`applications.projection.project` the services use, from the events written beside it, so the
rows are what the services would have stored; rows go in with COPY because a million service
calls would take hours. Case-log lines are not written (neither page reads them).

``measure`` times, in this process through Django's test client (the whole request: middleware,
session, view, template, queries), the queue page of a handler, of the office head (the whole
body), a filtered and a searched queue, and ``GET /api/v1/statistics/{year}`` for the body; it
reports the median and the 95th percentile of ``--repeat`` runs after two warm-up runs, and the
database size. Not part of the test suite: the figures go to BENCHMARKS.md with the machine and
the date.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import random
import secrets
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/gongkai_bench"
TODAY = dt.date(2026, 12, 4)
FIRST_YEAR = 2021
DEPARTMENTS = (
    "办公室",
    "教育科",
    "自然资源科",
    "住房和城乡建设科",
    "交通运输科",
    "财政科",
    "卫生健康科",
    "市场监管科",
    "生态环境科",
    "民政科",
)
PASSWORD = "bench-password-2026"
# Outcome mix of closed cases (weights), roughly as published reports show it.
OUTCOME_WEIGHTS = {
    "granted": 40,
    "partially_granted": 8,
    "withheld.third_party_rights": 3,
    "withheld.process_information": 3,
    "withheld.internal_affairs": 1,
    "withheld.state_secret": 1,
    "unavailable.not_held": 20,
    "unavailable.needs_creation": 4,
    "not_processed.complaint": 5,
    "not_processed.repeated": 3,
    "not_processed.publication": 1,
    "other.other": 2,
}
APPLICANT_WEIGHTS = {
    "natural_person": 85,
    "commercial": 8,
    "research": 1,
    "social_welfare": 1,
    "legal_services": 4,
    "other": 1,
}


def setup_django(url: str) -> None:
    """Django with the production settings (debug off: no query log, hashed static files)."""
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai_web.settings")
    os.environ.setdefault("GONGKAI_DATA_DIR", str(ROOT / "var" / "bench"))
    os.environ.update(
        GONGKAI_DEBUG="0",
        GONGKAI_HTTPS="0",
        GONGKAI_SECRET_KEY="benchmark-only-" + "k" * 50,
        GONGKAI_ALLOWED_HOSTS="testserver",
    )
    import django  # noqa: PLC0415
    from django.core.management import call_command  # noqa: PLC0415

    django.setup()
    call_command("collectstatic", interactive=False, verbosity=0)


def recreate_database(url: str) -> None:
    import psycopg  # noqa: PLC0415

    name = url.rsplit("/", 1)[1]
    admin_url = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


class Event:
    """What `project` reads of an event: action, date and payload."""

    __slots__ = ("action", "on", "payload")

    def __init__(self, action: str, on: dt.date, payload: dict[str, Any]) -> None:
        self.action, self.on, self.payload = action, on, payload


def case_events(rng: random.Random, received: dt.date, calendar: Any) -> list[Event]:
    """The events of one case received on ``received``, closed if it is old enough."""
    from gongkai.cases import Outcome  # noqa: PLC0415

    def working(n: int) -> dt.date:
        return calendar.add_working_days(received, n).date

    age = (TODAY - received).days
    events = [Event("accept", received, {})]
    if age > 45 or (rng.random() < 0.2 and age > 10):
        outcome = Outcome(rng.choices(list(OUTCOME_WEIGHTS), list(OUTCOME_WEIGHTS.values()))[0])
        decided = min(working(rng.randint(1, 20)), TODAY)
        reasons = "所申请信息依法不予公开的理由见本告知书" if outcome.requires_reasons else ""
        articles = [{"instrument": a.instrument, "text": a.text} for a in outcome.articles]
        events.append(
            Event("decide", decided, {"outcome": outcome.id, "reasons": reasons, "articles": articles})
        )
        return events
    roll = rng.random()
    if roll < 0.1:
        return [Event("request_correction", received, {"respond_by": working(10).isoformat()})]
    if roll < 0.2:
        events.append(Event("start_consultation", min(working(3), TODAY), {"party": "third_party"}))
    elif roll < 0.25:
        on = min(working(3), TODAY)
        events.append(
            Event(
                "request_fee",
                on,
                {"method": "per_volume", "units": 150, "amount": "1700", "payment_method": "银行缴纳"},
            )
        )
    elif roll < 0.3:
        return []
    return events


def load(url: str, cases: int, seed: int) -> None:
    recreate_database(url)
    environ = os.environ | {"DATABASE_URL": url}
    subprocess.run([sys.executable, "-m", "gongkai_web", "migrate", "-v0"], env=environ, check=True)
    setup_django(url)
    from django.db import connection  # noqa: PLC0415

    from gongkai_web.accounts.models import User  # noqa: PLC0415
    from gongkai_web.applications.models import Application, ApplicationEvent  # noqa: PLC0415
    from gongkai_web.applications.projection import project  # noqa: PLC0415
    from gongkai_web.bodies.models import BodyKind, Role  # noqa: PLC0415
    from gongkai_web.bodies.services import add_member, create_body, create_department  # noqa: PLC0415
    from gongkai_web.workcalendar.queries import work_calendar  # noqa: PLC0415

    body = create_body(name="某市人民政府", kind=BodyKind.PEOPLES_GOVERNMENT)
    departments = [create_department(body=body, name=name) for name in DEPARTMENTS]
    for username, role, department in (
        ("handler", Role.HANDLER, departments[1]),
        ("head", Role.HEAD, None),
        ("registrar", Role.REGISTRAR, None),
        ("reviewer", Role.REVIEWER, None),
    ):
        user = User.objects.create_user(username=username, password=PASSWORD)
        add_member(body=body, user=user, role=role, department=department)
    calendar = work_calendar()
    rng = random.Random(seed)
    days = [FIRST_YEAR_START + dt.timedelta(days=n) for n in range((TODAY - FIRST_YEAR_START).days + 1)]
    working_days = [day for day in days if calendar.day(day).is_working_day]
    applicant_types, applicant_weights = list(APPLICANT_WEIGHTS), list(APPLICANT_WEIGHTS.values())
    app_columns = [f.column for f in Application._meta.concrete_fields]
    event_columns = [f.column for f in ApplicationEvent._meta.concrete_fields]
    actor_id = User.objects.get(username="handler").pk
    now = dt.datetime.now(dt.UTC)
    started = time.perf_counter()
    event_id = 0
    with connection.cursor() as cursor:
        raw = cursor.cursor
        with raw.copy(f"COPY applications_application ({_quoted(app_columns)}) FROM STDIN") as app_copy:
            pending_events: list[tuple[Any, ...]] = []
            for pk in range(1, cases + 1):
                received = working_days[int(len(working_days) * (pk - 1) / cases)]
                events = case_events(rng, received, calendar)
                projection = project(received, events, calendar)
                department = departments[pk % len(departments)]
                values = {
                    "id": pk,
                    "body_id": body.pk,
                    "department_id": department.pk,
                    "applicant_type": rng.choices(applicant_types, applicant_weights)[0],
                    "applicant_name": f"申请人{pk % 50000}",
                    "identity_document": f"1101011990{pk % 100000000:08d}",
                    "contact": f"138{pk % 100000000:08d}",
                    "description": f"关于第{pk % 997}号地块征收补偿安置方案的政府信息",
                    "medium": "electronic",
                    "delivery": "email",
                    "channel": "online",
                    "submitted_on": received,
                    "receipt_basis": "confirmed_by_both",
                    "received_on": received,
                    "tracking_code": secrets.token_urlsafe(16),
                    "submission_key": None,
                    "registered_by_id": None,
                    "assigned_by_id": None,
                    "assigned_at": None,
                    "created_at": now,
                    "status": projection.status.value,
                    "reply_due_on": projection.reply_due_on,
                    "attention_on": projection.attention_on,
                    "closed_on": projection.closed_on,
                    "outcome": projection.outcome,
                    "deadline_provisional": projection.deadline_provisional,
                }
                app_copy.write_row([values[column] for column in app_columns])
                for event in events:
                    event_id += 1
                    pending_events.append((event_id, pk, event.action, event.on, event.payload))
                if pk % 100000 == 0:
                    print(f"  {pk} applications ({time.perf_counter() - started:.0f} s)", flush=True)
        with raw.copy(
            f"COPY applications_applicationevent ({_quoted(event_columns)}) FROM STDIN"
        ) as event_copy:
            from psycopg.types.json import Jsonb  # noqa: PLC0415

            for pk, application_id, action, on, payload in pending_events:
                row = {
                    "id": pk,
                    "application_id": application_id,
                    "action": action,
                    "on": on,
                    "payload": Jsonb(payload),
                    "actor_id": actor_id,
                    "recorded_at": now,
                }
                event_copy.write_row([row[column] for column in event_columns])
        for table in ("applications_application", "applications_applicationevent"):
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))"
            )
        cursor.execute("ANALYZE")
    print(f"loaded {cases} applications and {event_id} events in {time.perf_counter() - started:.0f} s")


FIRST_YEAR_START = dt.date(FIRST_YEAR, 1, 1)


def _quoted(columns: list[str]) -> str:
    return ", ".join(f'"{column}"' for column in columns)


def timed(function: Any, repeat: int) -> tuple[float, float]:
    for _ in range(2):
        function()
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    return statistics.median(samples), samples[min(len(samples) - 1, round(0.95 * len(samples)) - 1)]


def measure(url: str, repeat: int) -> None:
    setup_django(url)
    from django.db import connection  # noqa: PLC0415
    from django.test import Client  # noqa: PLC0415

    from gongkai_web.bodies.models import Body  # noqa: PLC0415

    body = Body.objects.get(name="某市人民政府")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*), count(*) FILTER (WHERE closed_on IS NULL) FROM applications_application"
        )
        total, open_cases = cursor.fetchone()
        cursor.execute("SELECT pg_size_pretty(pg_database_size(current_database()))")
        size = cursor.fetchone()[0]
    machine = platform.processor() or platform.machine()
    print(f"{total} applications ({open_cases} open), database {size}; {machine}")
    clients = {}
    for username in ("handler", "head"):
        client = Client()
        assert client.login(username=username, password=PASSWORD)
        clients[username] = client
    token = _token("head")
    probes = {
        "queue, handler (one department)": (clients["handler"], "/office/", {}),
        "queue, head (whole body)": (clients["head"], "/office/", {}),
        "queue, head, overdue filter": (clients["head"], "/office/?due=overdue", {}),
        "queue, head, search": (clients["head"], "/office/?q=申请人4242", {}),
        "queue, head, page 20": (clients["head"], "/office/?page=20", {}),
        f"statistics {TODAY.year - 1} (API)": (
            Client(),
            f"/api/v1/statistics/{TODAY.year - 1}?body={body.pk}",
            {"HTTP_AUTHORIZATION": f"Bearer {token}"},
        ),
        f"statistics {TODAY.year} (API)": (
            Client(),
            f"/api/v1/statistics/{TODAY.year}?body={body.pk}",
            {"HTTP_AUTHORIZATION": f"Bearer {token}"},
        ),
    }
    print("| request | status | median ms | p95 ms |")
    print("|---|---|---|---|")
    for name, (client, path, headers) in probes.items():
        response = client.get(path, **headers)
        median, p95 = timed(
            lambda client=client, path=path, headers=headers: client.get(path, **headers), repeat
        )
        print(f"| {name} | {response.status_code} | {median:.1f} | {p95:.1f} |")


def _token(username: str) -> str:
    from io import StringIO  # noqa: PLC0415

    from django.core.management import call_command  # noqa: PLC0415

    out = StringIO()
    call_command("create_api_token", username, "--name", "benchmark", stdout=out, stderr=StringIO())
    return out.getvalue().strip().splitlines()[-1].strip()


def main(argv: Iterator[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["load", "measure"])
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--database-url", default=os.environ.get("GONGKAI_BENCH_DATABASE_URL", DEFAULT_URL))
    args = parser.parse_args(list(argv) if argv is not None else None)
    if args.command == "load":
        load(args.database_url, args.cases, args.seed)
    else:
        measure(args.database_url, args.repeat)


if __name__ == "__main__":
    main()
