"""``python -m gongkai_web send_digest``: the daily e-mail of due cases, for cron or a scheduler."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from gongkai_web.commandline import date_option
from gongkai_web.office.services import DigestOutcome, send_digests


class Command(BaseCommand):
    help = (
        "向每位承办、审核人员发送当日逾期和即将到期案件的提醒邮件；没有到期案件的人员不发送。"
        "同一日期重复运行不会重复发送。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", type=str, help="提醒的日期（YYYY-MM-DD），默认为今天")
        parser.add_argument("--dry-run", action="store_true", help="只列出将发送的提醒，不发送、不记录")
        parser.add_argument(
            "--base-url",
            default=settings.GONGKAI_SITE_URL,
            help="邮件中案件链接的网址前缀，默认为 GONGKAI_SITE_URL（%(default)s）",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        on = date_option(options["date"]) if options["date"] else timezone.localdate()
        run = send_digests(on=on, base_url=options["base_url"], dry_run=options["dry_run"])
        for result in run.results:
            self.stdout.write(
                f"{result.user.get_username()}：逾期 {result.overdue} 件，即将到期 {result.due_soon} 件，"
                f"{_OUTCOME_WORDS[result.outcome]}"
            )
        verb, done = ("将发送", DigestOutcome.WOULD_SEND) if run.dry_run else ("已发送", DigestOutcome.SENT)
        self.stdout.write(
            f"{on.isoformat()}：{verb} {run.count(done)} 封，"
            f"此前已发送 {run.count(DigestOutcome.ALREADY_SENT)} 封，"
            f"无邮箱地址 {run.count(DigestOutcome.NO_ADDRESS)} 人"
        )


_OUTCOME_WORDS = {
    DigestOutcome.SENT: "已发送",
    DigestOutcome.WOULD_SEND: "将发送（试运行）",
    DigestOutcome.ALREADY_SENT: "当日已发送过，未重复发送",
    DigestOutcome.NO_ADDRESS: "未设置邮箱地址，无法发送",
}
