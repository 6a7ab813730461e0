"""Reminders to the office head before the statutory date of the annual report."""

from __future__ import annotations

import datetime as dt

from django.core import mail
from django.core.management import call_command

from gongkai_web.accounts.models import User
from gongkai_web.personas import Office
from gongkai_web.reports.models import ReminderDelivery
from gongkai_web.reports.services import publish_report, save_draft


def test_the_head_is_reminded_once_before_the_deadline_and_not_after_publication(
    office: Office, hana: User, alice: User
) -> None:
    hana.email = "hana@example.gov.cn"
    hana.save()
    call_command("send_report_reminders", "--date", "2026-03-20", "--days", "10")
    assert mail.outbox == []  # 11 days before 31 March
    call_command("send_report_reminders", "--date", "2026-03-21", "--days", "10")
    [message] = mail.outbox
    assert message.to == ["hana@example.gov.cn"]
    assert message.subject == "某县人民政府2025年政府信息公开工作年度报告尚未发布：还有 10 天到期"
    assert "第四十九条" in message.body and "2026-03-31" in message.body
    call_command("send_report_reminders", "--date", "2026-03-22", "--days", "10")
    assert len(mail.outbox) == 1
    assert ReminderDelivery.objects.count() == 1

    texts = {"一": "概述。", "五": "问题和改进。", "六": "本年度未发出信息处理费收费通知。"}
    save_draft(body=office.county, year=2025, actor=alice, texts=texts, grid={})
    publish_report(body=office.county, year=2025, actor=hana, on=dt.date(2026, 3, 23), override_reason="测试")
    call_command("send_report_reminders", "--date", "2026-03-23", "--days", "3")
    assert len(mail.outbox) == 1
