"""``python -m gongkai_web load_demo``: the demo office and its cases, as of today (or ``--today``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from gongkai_web.demo.data import DEMO_PASSWORD, load_demo


class Command(BaseCommand):
    help = "载入演示数据：一个机关、各岗位工作人员和处于各种状态的申请（仅用于新的数据库）。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--today", type=dt.date.fromisoformat, help="以该日期为“今天”（YYYY-MM-DD）")

    def handle(self, *args: Any, **options: Any) -> None:
        today = options["today"] or timezone.localdate()
        try:
            demo = load_demo(today=today)
        except ValueError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"已载入演示数据：{demo.body.name}，申请 {demo.applications} 件（以 {today} 为今天）"
        )
        self.stdout.write(f"工作人员登录（密码均为 {DEMO_PASSWORD}）：")
        for login in demo.logins:
            where = f"，{login.department}" if login.department else ""
            self.stdout.write(f"  {login.username:<10} {login.name}（{login.role}{where}）")
