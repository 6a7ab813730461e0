"""The previous year's report imported through the reader, and reminders before the statutory date."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client

from gongkai_web.accounts.models import User
from gongkai_web.personas import Office, logged_in
from gongkai_web.reports.models import Baseline, ReminderDelivery
from gongkai_web.reports.queries import PreviousSource, compose
from gongkai_web.reports.services import publish_report, save_draft

# 卫辉市民政局's 2022 report (2021 format): the seed copied into the core tests' data.
SEED_2022 = Path(__file__).resolve().parents[4] / "tests" / "data" / "seeds" / "000_90c37852d1e90522.txt"


def upload(client: Client, office: Office, year: int) -> str:
    file = SimpleUploadedFile("卫辉市民政局2022年报.txt", SEED_2022.read_bytes(), content_type="text/plain")
    response = client.post(
        f"/office/reports/{office.county.pk}/{year}/baseline/", {"file": file}, follow=True
    )
    return response.content.decode()


def test_the_published_report_of_the_year_before_is_read_shown_and_used_by_the_checks(
    client: Client, office: Office, alice: User
) -> None:
    logged_in(client, alice)
    page = upload(client, office, 2023)
    assert "已导入2022年度报告" in page
    assert "LABEL-VARIANT" in page  # the reader's notes are shown: 社会组织, 本年度止件数 …
    assert "本年新收政府信息公开申请数量" in page  # and the tables read
    baseline = Baseline.objects.get()
    assert (baseline.year, baseline.file_name) == (2022, "卫辉市民政局2022年报.txt")
    assert [finding["code"] for finding in baseline.findings][:3] == ["LABEL-VARIANT"] * 3

    grid = {"normative_documents": {"issued": "2", "repealed": "0"}}
    save_draft(body=office.county, year=2023, actor=alice, texts={}, grid=grid)
    composition = compose(body=office.county, year=2023)
    assert composition.previous is not None and composition.previous.source is PreviousSource.BASELINE
    proactive = composition.report.proactive
    assert proactive is not None
    assert proactive.value("normative_documents", "in_force") == 3  # 1 in force at the end of 2022, + 2 − 0


def test_a_report_of_another_year_is_refused(client: Client, office: Office, alice: User) -> None:
    logged_in(client, alice)
    page = upload(client, office, 2025)
    assert "导入的是2022年度的报告，应为2024年度的报告" in page
    assert not Baseline.objects.exists()


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
