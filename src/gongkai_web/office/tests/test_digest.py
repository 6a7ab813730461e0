"""The daily digest (`send_digest`): each officer's overdue and due-soon open cases, once a day by e-mail."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.db import IntegrityError

from gongkai.cases import Action
from gongkai_web.accounts.models import User
from gongkai_web.applications.models import Application
from gongkai_web.applications.services import record_event
from gongkai_web.office import services
from gongkai_web.office.models import DigestDelivery
from gongkai_web.personas import Office, walk_in

from .conftest import IDENTITY, PHONE, TODAY

SITE = "https://gongkai.example.gov.cn"


def run(*arguments: str) -> str:
    out = StringIO()
    call_command("send_digest", "--base-url", SITE, *arguments, stdout=out)
    return out.getvalue()


def with_address(*users: User) -> None:
    for user in users:
        user.email = f"{user.username}@example.gov.cn"
        user.save()


@pytest.fixture
def due(
    office: Office, alice: User, bob: User, carol: User, erin: User, frank: User, dave: User
) -> dict[str, Application]:
    """教育股 has an overdue case (received 1 September) and one due on 31 October; 办公室 a fresh one."""
    with_address(alice, bob, carol, erin, frank, dave)
    return {
        "overdue": walk_in(
            office,
            alice,
            applicant_name="赵六",
            submitted_on=dt.date(2025, 9, 1),
            received_on=dt.date(2025, 9, 1),
        ),
        "due_soon": walk_in(office, alice, applicant_name="张三"),
        "fresh": walk_in(
            office,
            alice,
            applicant_name="王五",
            submitted_on=dt.date(2025, 10, 20),
            received_on=dt.date(2025, 10, 20),
            department=office.general_office,
        ),
    }


def recipients() -> list[str]:
    return sorted(address for message in mail.outbox for address in message.to)


def test_the_handler_is_sent_the_overdue_and_due_soon_cases_of_the_department(
    due: dict[str, Application],
) -> None:
    run()
    (message,) = [message for message in mail.outbox if message.to == ["bob@example.gov.cn"]]
    assert message.subject == "政府信息公开申请办理提醒 2025-10-27：逾期 1 件，即将到期 1 件"
    body = message.body
    assert "截至 2025-10-27，您负责的政府信息公开申请中，已逾期 1 件，5 个工作日内到期 1 件。" in body
    overdue, due_soon = body.split("一、已逾期", 1)[1].split("二、即将到期", 1)
    assert "2025-09-01 收到　赵六" in overdue
    assert "答复期限 2025-09-28，已逾期 16 个工作日" in overdue
    assert f"{SITE}/office/cases/{due['overdue'].pk}/" in overdue
    assert "2025-09-28 收到　张三" in due_soon
    assert "答复期限 2025-10-31，剩余 4 个工作日" in due_soon
    assert f"{SITE}/office/cases/{due['due_soon'].pk}/" in due_soon
    assert "王五" not in body


def test_the_digest_names_applicants_but_never_their_identity_number_or_phone(
    due: dict[str, Application],
) -> None:
    run()
    for message in mail.outbox:
        assert IDENTITY not in message.body and PHONE not in message.body


def test_the_reviewer_is_sent_the_whole_bodys_due_cases(due: dict[str, Application]) -> None:
    run()
    (message,) = [message for message in mail.outbox if message.to == ["carol@example.gov.cn"]]
    assert "赵六" in message.body and "张三" in message.body


def test_officers_with_nothing_due_registrars_administrators_and_other_bodies_get_nothing(
    due: dict[str, Application],
) -> None:
    run()
    assert recipients() == ["bob@example.gov.cn", "carol@example.gov.cn"]


def test_running_twice_on_a_date_sends_nothing_the_second_time(due: dict[str, Application]) -> None:
    run("--date", "2025-10-27")
    output = run("--date", "2025-10-27")
    assert len(mail.outbox) == 2
    assert "2025-10-27：已发送 0 封，此前已发送 2 封" in output
    assert DigestDelivery.objects.filter(on=TODAY).count() == 2


def test_the_next_day_is_a_new_digest(due: dict[str, Application]) -> None:
    run("--date", "2025-10-27")
    run("--date", "2025-10-28")
    assert len(mail.outbox) == 4


def test_a_dry_run_lists_the_digests_but_sends_and_records_nothing(due: dict[str, Application]) -> None:
    output = run("--dry-run")
    assert "bob：逾期 1 件，即将到期 1 件，将发送（试运行）" in output
    assert "2025-10-27：将发送 2 封" in output
    assert mail.outbox == []
    assert not DigestDelivery.objects.exists()


def test_closed_cases_are_not_in_the_digest(due: dict[str, Application], bob: User) -> None:
    record_event(application=due["overdue"], action=Action.WITHDRAW, on=TODAY, actor=bob)
    record_event(application=due["due_soon"], action=Action.WITHDRAW, on=TODAY, actor=bob)
    run()
    assert mail.outbox == []


def test_an_officer_without_an_address_is_reported_not_skipped_silently(
    due: dict[str, Application], bob: User
) -> None:
    bob.email = ""
    bob.save()
    output = run()
    assert "bob：逾期 1 件，即将到期 1 件，未设置邮箱地址，无法发送" in output
    assert recipients() == ["carol@example.gov.cn"]


def test_a_run_that_finds_the_day_recorded_by_a_concurrent_run_sends_nothing(
    due: dict[str, Application], monkeypatch: pytest.MonkeyPatch
) -> None:
    compose = services.digest_message

    def a_concurrent_run_commits_first(user: User, *args: object, **kwargs: object) -> object:
        DigestDelivery.objects.create(user=user, on=TODAY, cases=2)
        return compose(user, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(services, "digest_message", a_concurrent_run_commits_first)
    output = run()
    assert mail.outbox == []
    assert "已发送 0 封，此前已发送 2 封" in output


def test_one_delivery_per_user_and_day_is_a_database_constraint(bob: User) -> None:
    DigestDelivery.objects.create(user=bob, on=TODAY, cases=1)
    with pytest.raises(IntegrityError):
        DigestDelivery.objects.create(user=bob, on=TODAY, cases=1)


def test_a_date_that_is_not_a_date_is_refused() -> None:
    with pytest.raises(CommandError, match="--date 应为 YYYY-MM-DD 格式的日期，实际为 '27/10/2025'"):
        run("--date", "27/10/2025")


def test_the_command_explains_itself() -> None:
    from gongkai_web.office.management.commands.send_digest import Command

    assert "同一日期重复运行不会重复发送" in Command.help
