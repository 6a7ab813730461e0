"""``python -m gongkai_web send_report_reminders``: remind office heads of unpublished annual reports."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from gongkai_web.commandline import date_option
from gongkai_web.reports.reminders import DEFAULT_DAYS, ReminderOutcome, send_reminders


class Command(BaseCommand):
    help = (
        "年度报告公布期限（条例第四十九条：部门1月31日，人民政府3月31日）前若干天，"
        "向上年度报告尚未发布的机关的负责人发送提醒邮件。重复运行不会重复发送。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", type=str, help="提醒的日期（YYYY-MM-DD），默认为今天")
        parser.add_argument(
            "--days", type=int, default=DEFAULT_DAYS, help="距期限不超过多少天时提醒（默认 %(default)s）"
        )
        parser.add_argument("--dry-run", action="store_true", help="只列出将发送的提醒，不发送、不记录")
        parser.add_argument(
            "--base-url", default=settings.GONGKAI_SITE_URL, help="邮件中链接的网址前缀（默认 %(default)s）"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["days"] < 0:
            raise CommandError("--days 不能为负数")
        on = date_option(options["date"]) if options["date"] else timezone.localdate()
        run = send_reminders(
            on=on, days=options["days"], base_url=options["base_url"], dry_run=options["dry_run"]
        )
        for reminder in run.reminders:
            self.stdout.write(
                f"{reminder.body.name}{reminder.year}年度报告（期限 {reminder.due.isoformat()}）"
                f" → {reminder.user.get_username()}：{_WORDS[reminder.outcome]}"
            )
        self.stdout.write(
            f"{on.isoformat()}：发送 {run.count(ReminderOutcome.SENT)} 封，"
            f"试运行 {run.count(ReminderOutcome.WOULD_SEND)} 封，"
            f"此前已发送 {run.count(ReminderOutcome.ALREADY_SENT)} 封，"
            f"无邮箱地址 {run.count(ReminderOutcome.NO_ADDRESS)} 人"
        )


_WORDS = {
    ReminderOutcome.SENT: "已发送",
    ReminderOutcome.WOULD_SEND: "将发送（试运行）",
    ReminderOutcome.ALREADY_SENT: "此前已发送，未重复发送",
    ReminderOutcome.NO_ADDRESS: "未设置邮箱地址，无法发送",
}
