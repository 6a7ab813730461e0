"""The ``gongkai`` console command: the core's commands plus ``serve`` for the web application.

The core's CLI (`gongkai.cli`) never imports Django; this module adds the one command that does, so
``pip install gongkai`` gives one ``gongkai`` command for both.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import click

from gongkai.cli import main

DEMO_DIR = Path("var") / "demo"


@main.command()
@click.option(
    "--demo", is_flag=True, help="使用全新的演示数据库（SQLite），载入演示机关、工作人员和各种状态的申请。"
)
@click.option("--host", default="127.0.0.1", show_default=True, help="监听地址。")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="监听端口。")
@click.option(
    "--workers", default=2, show_default=True, type=click.IntRange(1, 64), help="gunicorn 工作进程数。"
)
@click.option(
    "--intake-worker/--no-intake-worker",
    default=True,
    show_default=True,
    help="同时启动后台读取进程（监督检查中上传的年度报告由它读取）；"
    "已另行运行 intake_worker 时用 --no-intake-worker。",
)
def serve(demo: bool, host: str, port: int, workers: int, intake_worker: bool) -> None:
    """运行依申请公开办理系统（网页与接口）：先迁移数据库，再用 gunicorn 提供服务。

    --demo 在 var/demo/ 下新建演示数据库并打印各岗位的登录名；不加 --demo 时使用环境变量配置的数据库
    （见 docs/deploy.md）。默认同时启动一个后台读取进程（python -m gongkai_web intake_worker），
    随服务一起停止。
    """
    if demo:
        DEMO_DIR.mkdir(parents=True, exist_ok=True)
        database = (DEMO_DIR / "gongkai-demo.sqlite3").resolve()
        for stale in database.parent.glob(database.name + "*"):
            stale.unlink()
        # The demo never touches a configured production database.
        os.environ["DATABASE_URL"] = f"sqlite:///{database}"
        os.environ["GONGKAI_DATA_DIR"] = str(DEMO_DIR.resolve())
        os.environ.setdefault("GONGKAI_DEBUG", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai_web.settings")
    import django  # noqa: PLC0415  -- Django is configured from the environment set above
    from django.core.management import call_command  # noqa: PLC0415

    django.setup()
    call_command("migrate", interactive=False, verbosity=0)
    if demo:
        call_command("load_demo")
    site = f"http://{host}:{port}"
    click.echo(f"在浏览器中打开 {site}/ （公众服务）和 {site}/office/ （工作人员）；按 Ctrl+C 停止。")
    background = _start_intake_worker() if intake_worker else None
    sys.stdout.flush()
    try:
        _run_gunicorn(host=host, port=port, workers=workers)
    finally:
        if background is not None:
            background.terminate()  # the worker finishes the file it is reading, then exits
            background.wait(timeout=120)


def _start_intake_worker() -> subprocess.Popen[bytes]:
    """The background reader of uploaded reports, on the same database (the environment set above)."""
    worker = subprocess.Popen([sys.executable, "-m", "gongkai_web", "intake_worker", "--verbosity", "0"])
    click.echo(f"后台读取进程已启动（进程号 {worker.pid}）。")
    return worker


def _run_gunicorn(*, host: str, port: int, workers: int) -> None:
    from gunicorn.app.base import BaseApplication  # noqa: PLC0415

    from gongkai_web.wsgi import application  # noqa: PLC0415

    class Server(BaseApplication):  # type: ignore[misc]  # gunicorn has no type hints
        def load_config(self) -> None:
            for key, value in {
                "bind": f"{host}:{port}",
                "workers": workers,
                "accesslog": "-",
                "preload_app": True,
            }.items():
                self.cfg.set(key, value)

        def load(self) -> Any:
            return application

    Server().run()


__all__ = ["main"]
