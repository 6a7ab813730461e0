"""``gongkai serve --demo``, the README's first command, as a newcomer runs it."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from click.testing import CliRunner

from gongkai_web.cli import main

README = Path(__file__).resolve().parents[3] / "README.md"


def test_serve_has_help_and_is_in_the_readme() -> None:
    result = CliRunner().invoke(main, ["serve", "--help"])
    assert result.exit_code == 0
    assert "--demo" in result.output
    assert "gongkai serve --demo" in README.read_text(encoding="utf-8")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def get(url: str, attempts: int = 120) -> tuple[int, str]:
    for _ in range(attempts):
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.status, response.read().decode("utf-8")
        except OSError:
            time.sleep(0.5)
    raise AssertionError(f"no answer from {url}")


def test_serve_demo_migrates_loads_the_demo_and_answers(tmp_path: Path) -> None:
    port = free_port()
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("GONGKAI_", "DATABASE_URL"))}
    command = [
        sys.executable,
        "-c",
        "from gongkai_web.cli import main; main()",
        "serve",
        "--demo",
        "--port",
        str(port),
    ]
    server = subprocess.Popen(
        command, cwd=tmp_path, env=environ, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    try:
        status, page = get(f"http://127.0.0.1:{port}/office/login/")
        assert status == 200
        assert "工作人员登录" in page
        status, css = get(f"http://127.0.0.1:{port}/static/gongkai/site.css")
        assert status == 200
        assert "--brand" in css
    finally:
        server.send_signal(signal.SIGINT)
        output, _ = server.communicate(timeout=30)
    assert "dengji     李登记（登记）" in output
    assert "后台读取进程已启动" in output
    assert (tmp_path / "var" / "demo" / "gongkai-demo.sqlite3").exists()
