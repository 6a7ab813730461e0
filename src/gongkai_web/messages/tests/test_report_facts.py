"""The year's messages as facts of the annual report: offered in 插入数据, substituted at render."""

from __future__ import annotations

import datetime as dt

from django.test import Client

from gongkai.annual.codes import Code
from gongkai.messages import MessageKind
from gongkai_web.accounts.models import User
from gongkai_web.messages.services import answer_message, mark_spam, refer_as_petition, route_message
from gongkai_web.messages.tests.conftest import ANSWER, leave
from gongkai_web.personas import Office
from gongkai_web.reports.queries import compose
from gongkai_web.reports.services import save_draft

SECTION_ONE = (
    "本年收到网上留言{{messages.received}}条，其中咨询{{messages.consultation}}条、建议{{messages.suggestion}}条，"
    "已答复{{messages.answered}}条，按期答复率{{messages.on_time_rate}}%；"
    "按信访事项转办{{messages.petitions}}条。"
)


def _answer(office: Office, alice: User, bob: User, on: dt.date, **overrides: object) -> None:
    message = route_message(
        message=leave(office.county, **overrides), department=office.education, actor=alice
    )
    answer_message(message=message, actor=bob, answer=ANSWER, on=on)


def test_a_draft_quoting_the_messages_renders_their_figures_and_follows_the_data(
    office: Office, alice: User, bob: User
) -> None:
    _answer(office, alice, bob, dt.date(2025, 10, 10))  # due 2025-10-14: on time
    _answer(office, alice, bob, dt.date(2025, 10, 13), kind=MessageKind.SUGGESTION)  # on time
    _answer(office, alice, bob, dt.date(2025, 10, 20))  # late
    refer_as_petition(
        message=leave(office.county, kind=MessageKind.COMPLAINT), actor=alice, referral="转县信访局"
    )
    mark_spam(message=leave(office.county), actor=alice, reason="广告")
    save_draft(body=office.county, year=2025, actor=alice, texts={"一": SECTION_ONE}, grid={})

    composition = compose(body=office.county, year=2025)

    assert composition.report.section("一").text == (  # type: ignore[union-attr]
        "本年收到网上留言4条，其中咨询2条、建议1条，已答复3条，按期答复率66.7%；按信访事项转办1条。"
    )
    assert not [f for f in composition.findings if f.code in (Code.TOKEN_UNKNOWN, Code.TOKEN_BLANK)]
    _answer(office, alice, bob, dt.date(2025, 10, 11))
    assert compose(body=office.county, year=2025).report.section("一").text == (  # type: ignore[union-attr]
        "本年收到网上留言5条，其中咨询3条、建议1条，已答复4条，按期答复率75.0%；按信访事项转办1条。"
    )


def test_a_year_without_an_answer_leaves_the_rate_blank_and_says_so(office: Office, alice: User) -> None:
    leave(office.county)
    save_draft(
        body=office.county,
        year=2025,
        actor=alice,
        texts={"一": "按期答复率{{messages.on_time_rate}}%"},
        grid={},
    )

    blank = [f.actual for f in compose(body=office.county, year=2025).findings if f.code == Code.TOKEN_BLANK]

    assert blank == ["messages.on_time_rate"]


def test_the_builder_offers_the_message_figures_under_their_own_heading(
    client: Client, office: Office, alice: User
) -> None:
    client.force_login(alice)
    page = client.get(f"/office/reports/{office.county.pk}/2025/").content.decode()
    assert '<optgroup label="网上留言">' in page
    assert "本年收到网上留言条数" in page
