"""The public portal under load: wrk with 50 concurrent connections against gunicorn on loopback.

    python benchmarks/portal_load.py [--seconds 20] [--connections 50] [--workers 4]

Builds a fresh PostgreSQL database (default ``gongkai_portal_bench``) with the demo office and its
cases, collects the static files, starts gunicorn with the production settings (debug off, the
hashed static files served by WhiteNoise, one shared Redis cache for the rate limits, raised for
this run because every request comes from 127.0.0.1), and runs wrk against each public page in
turn: the home page, the application form's first step, the status pages of every demo case (each
wrk connection walks through all of them, so open cases read the clock and closed ones do not, as
real visitors would), and the stylesheet. Pages everyone sees alike are shared rendered copies
(`gongkai_web.portal.pagecache`); the status pages are measured once more with a (messages) cookie,
which makes every request render afresh: the cost of a code nobody looked up lately. wrk
reports the latency percentiles of every request it made (a Lua ``done`` hook prints p50, p95,
p99); non-2xx answers are counted and must be zero. Not part of the test suite: figures go to
BENCHMARKS.md with the machine and the date.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/gongkai_portal_bench"
LUA = """
done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("RESULT %d %d %d %.3f %.3f %.3f %.3f\\n", summary.requests, errors,
    summary.errors.status, latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, summary.duration / 1000000))
end
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--database-url", default=DEFAULT_URL)
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk is needed: apt-get install wrk")

    work = Path(tempfile.mkdtemp(prefix="gongkai-portal-bench-"))
    environ = {k: v for k, v in os.environ.items() if not k.startswith("GONGKAI_")} | {
        "DATABASE_URL": args.database_url,
        "DJANGO_SETTINGS_MODULE": "gongkai_web.settings",
        "GONGKAI_DEBUG": "0",
        "GONGKAI_HTTPS": "0",
        "GONGKAI_SECRET_KEY": "benchmark-only-" + "k" * 50,
        "GONGKAI_ALLOWED_HOSTS": "127.0.0.1",
        "GONGKAI_DATA_DIR": str(work),
        "GONGKAI_CACHE_URL": "redis://127.0.0.1:6379/15",
        "GONGKAI_RATE_LIMITS": "track=100000000/60,submit=100000000/600",
    }
    _recreate(args.database_url)
    manage = [sys.executable, "-m", "gongkai_web"]
    subprocess.run([*manage, "migrate", "-v0"], env=environ, check=True)
    subprocess.run([*manage, "collectstatic", "--noinput", "-v0"], env=environ, check=True)
    subprocess.run([*manage, "load_demo"], env=environ, check=True, stdout=subprocess.DEVNULL)
    body_id, css, *codes = (
        subprocess.run(
            [
                *manage,
                "shell",
                "-c",
                "from gongkai_web.applications.models import Application as A; "
                "from django.templatetags.static import static; "
                "print(A.objects.first().body_id, static('gongkai/site.css'), "
                "*A.objects.order_by('?').values_list('tracking_code', flat=True))",
            ],
            env=environ,
            check=True,
            capture_output=True,
            text=True,
        )
        .stdout.splitlines()[-1]
        .split()
    )  # the shell's own notices come first
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "gongkai_web.wsgi",
            "--bind",
            f"127.0.0.1:{args.port}",
            "--workers",
            str(args.workers),
            "--log-level",
            "warning",
        ],
        env=environ,
    )
    base = f"http://127.0.0.1:{args.port}"
    pages = {
        "首页 /": "/",
        "申请表 /apply/<机关>/": f"/apply/{body_id}/",
        f"办理进度 /track/<查询码>/（{len(codes)} 件轮流）": [f"/track/{code}/" for code in codes],
        "样式表（WhiteNoise）": css,
    }
    # A visitor with a session never gets a shared copy: every one of these is rendered afresh.
    unshared = "办理进度，每次重新生成（带 Cookie）"
    pages[unshared] = [f"/track/{code}/" for code in codes]
    try:
        _wait(base + "/")
        load = f"wrk {args.connections} connections, 2 threads, {args.seconds} s each"
        print(f"gunicorn {args.workers} workers; {load}")
        print("| page | requests | req/s | p50 ms | p95 ms | p99 ms | errors | non-2xx |")
        print("|---|---|---|---|---|---|---|---|")
        for name, path in pages.items():
            script = _script(work, path if isinstance(path, list) else [path], cookie=name == unshared)
            output = subprocess.run(
                ["wrk", "-t2", f"-c{args.connections}", f"-d{args.seconds}s", "-s", str(script), base + "/"],
                capture_output=True,
                text=True,
                check=False,
            )
            if output.returncode != 0:
                sys.exit(f"wrk failed on {name}: {output.stderr or output.stdout}")
            line = next(line for line in output.stdout.splitlines() if line.startswith("RESULT"))
            requests, errors, non2xx, p50, p95, p99, duration = line.split()[1:]
            rate = int(requests) / float(duration)
            print(f"| {name} | {requests} | {rate:.0f} | {p50} | {p95} | {p99} | {errors} | {non2xx} |")
    finally:
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(work, ignore_errors=True)


def _script(work: Path, paths: list[str], *, cookie: bool) -> Path:
    """A wrk script that requests ``paths`` in turn (with a cookie if asked) and prints the
    percentiles when done."""
    script = work / "load.lua"
    listed = ", ".join(f'"{path}"' for path in paths)
    headers = '{["Cookie"] = "messages=benchmark"}' if cookie else "nil"
    script.write_text(
        f"paths = {{{listed}}}\ni = 0\n"
        f"request = function()\n  i = i % #paths + 1\n  return wrk.format(nil, paths[i], {headers})\nend\n"
        + LUA,
        encoding="utf-8",
    )
    return script


def _recreate(url: str) -> None:
    import psycopg  # noqa: PLC0415

    name = url.rsplit("/", 1)[1]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def _wait(url: str) -> None:
    for _ in range(100):
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"gunicorn did not answer at {url}")


if __name__ == "__main__":
    main()
