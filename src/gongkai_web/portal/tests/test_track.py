"""/track/: a case's public status by its code, with no personal data, and the same 404 for every unknown code."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django.fixtures import DjangoAssertNumQueries

from gongkai.cases import Action, ApplicantType, Outcome
from gongkai_web.accounts.models import User
from gongkai_web.applications.models import (
    Application,
    ApplicationEvent,
    Channel,
    Delivery,
    Medium,
    ReceiptBasis,
)
from gongkai_web.applications.public import public_outcome, public_step
from gongkai_web.applications.services import assign_department, record_event, register_application
from gongkai_web.letters.queries import letter_kind_for
from gongkai_web.letters.services import generate_letter
from gongkai_web.personas import Office
from gongkai_web.portal.models import HelpDesk

from .conftest import MONDAY_SEP_29, RESIDENT_ID

OCT_9 = dt.date(2025, 10, 9)
OCT_20 = dt.date(2025, 10, 20)
NOV_10 = dt.date(2025, 11, 10)
THIRD_PARTY = "某某建材有限公司"


@pytest.fixture
def online(office: Office) -> Application:
    return register_application(
        body=office.county,
        applicant_type=ApplicantType("natural_person"),
        applicant_name="王小明",
        identity_document=RESIDENT_ID,
        contact="电话 13912345678；电子邮箱 wangxm@example.cn",
        description="王小明家附近某某建材有限公司的环评批复",
        medium=Medium.ELECTRONIC,
        delivery=Delivery.EMAIL,
        channel=Channel.ONLINE,
        submitted_on=MONDAY_SEP_29,
        receipt_basis=ReceiptBasis.CONFIRMED_BY_BOTH,
        received_on=MONDAY_SEP_29,
        submission_key="1:test-key",
    )


@pytest.fixture
def decided(online: Application, office: Office, alice: User, bob: User, carol: User) -> Application:
    """Assigned to 教育股, accepted, extended by 20 days, then partly withheld to protect a company."""
    assign_department(application=online, department=office.education, actor=alice)
    record_event(application=online, action=Action.ACCEPT, on=OCT_9, actor=bob)
    record_event(
        application=online, action=Action.EXTEND, on=OCT_20, actor=carol, working_days=20, notified_on=OCT_20
    )
    record_event(
        application=online,
        action=Action.DECIDE,
        on=NOV_10,
        actor=carol,
        outcome="withheld.third_party_rights",
        reasons=f"涉及{THIRD_PARTY}的商业秘密，该公司不同意公开",
    )
    online.refresh_from_db()
    return online


def status_page(client: Client, application: Application) -> str:
    response = client.get(reverse("portal:status", args=[application.tracking_code]))
    assert response.status_code == 200
    return response.content.decode()


def timeline_of(page: str) -> list[str]:
    block = page.split('<ol class="timeline">')[1].split("</ol>", maxsplit=1)[0]
    return [
        " ".join(re.sub(r"<[^>]+>", " ", item).split()) for item in re.findall(r"<li>(.*?)</li>", block, re.S)
    ]


def test_the_track_form_sends_the_code_to_its_status_page(client: Client, online: Application) -> None:
    response = client.get(reverse("portal:track"), {"code": f"  {online.tracking_code} "})
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:status", args=[online.tracking_code])


def test_an_empty_code_is_asked_for_again(client: Client, db: None) -> None:
    response = client.get(reverse("portal:track"), {"code": ""})
    assert response.status_code == 400
    assert '<a href="#id_code">请填写查询码</a>' in response.content.decode()


def test_a_new_application_shows_its_receipt_date_and_deadline(client: Client, online: Application) -> None:
    page = status_page(client, online)
    assert '当前状态：<strong class="status status-registered">已登记</strong>' in page
    assert "<dt>收到申请之日</dt>\n  <dd>2025年9月29日</dd>" in page
    assert "2025年11月3日" in page
    assert "暂定" not in page
    assert timeline_of(page) == ["2025年9月29日 收到申请"]


def test_a_decided_application_shows_the_extension_the_timeline_and_the_outcome(
    client: Client, decided: Application
) -> None:
    page = status_page(client, decided)
    assert "已答复" in page
    assert "<dt>办结日期</dt>\n    <dd>2025年11月10日</dd>" in page
    assert "<dd>不予公开：保护第三方合法权益</dd>" in page
    assert timeline_of(page) == [
        "2025年9月29日 收到申请",
        "2025年10月9日 受理申请",
        "2025年10月20日 延长答复期限 20 个工作日",
        "2025年11月10日 作出答复：不予公开：保护第三方合法权益",
    ]


def test_an_extended_open_case_says_so_with_the_new_deadline(
    client: Client, online: Application, office: Office, alice: User, bob: User, carol: User
) -> None:
    assign_department(application=online, department=office.education, actor=alice)
    record_event(application=online, action=Action.ACCEPT, on=OCT_9, actor=bob)
    record_event(
        application=online, action=Action.EXTEND, on=OCT_20, actor=carol, working_days=20, notified_on=OCT_20
    )
    page = status_page(client, online)
    assert "2025年12月1日" in page  # 3 November plus 20 working days
    assert "已延长 20 个工作日" in page


def test_the_status_page_shows_no_personal_data_no_officer_and_no_reasons(
    client: Client, decided: Application
) -> None:
    page = status_page(client, decided)
    for secret in [
        "王小明",
        RESIDENT_ID,
        "110105",
        "13912345678",
        "139****5678",
        "wangxm",
        "环评批复",
        THIRD_PARTY,
        "商业秘密",
        "alice",
        "bob",
        "carol",
        "教育股",
        "自然人",
    ]:
        assert secret not in page, secret


def test_a_correction_request_shows_its_period_but_not_the_items(
    client: Client, online: Application, office: Office, alice: User, bob: User
) -> None:
    assign_department(application=online, department=office.education, actor=alice)
    record_event(
        application=online,
        action=Action.REQUEST_CORRECTION,
        on=OCT_9,
        actor=bob,
        respond_by=OCT_20,
        items=f"请说明所需{THIRD_PARTY}文件的年份",
    )
    page = status_page(client, online)
    assert "补正中" in page and "自收到补正后的申请之日起重新计算" in page
    assert "<dt>补正期限</dt>\n      <dd>2025年10月20日</dd>" in page
    assert (
        timeline_of(page)[-1]
        == "2025年10月9日 告知补正申请内容，补正期限至 2025年10月20日（具体事项见补正告知书）"
    )
    assert THIRD_PARTY not in page


def today_is(monkeypatch: pytest.MonkeyPatch, day: dt.date) -> None:
    """The portal reads today as `timezone.localdate()`: noon in Beijing on ``day``."""
    noon = dt.datetime(day.year, day.month, day.day, 4, tzinfo=dt.UTC)
    monkeypatch.setattr(timezone, "now", lambda: noon)


@pytest.fixture
def consulting(online: Application, office: Office, alice: User, bob: User) -> Application:
    """Accepted on 9 October 2025, a third party consulted on 20 October (15 working days to answer)."""
    assign_department(application=online, department=office.education, actor=alice)
    record_event(application=online, action=Action.ACCEPT, on=OCT_9, actor=bob)
    record_event(
        application=online, action=Action.START_CONSULTATION, on=OCT_20, actor=bob, party="third_party"
    )
    return online


def test_a_consultation_pauses_the_clock_without_naming_who_is_consulted(
    client: Client, consulting: Application, monkeypatch: pytest.MonkeyPatch
) -> None:
    today_is(monkeypatch, dt.date(2025, 10, 27))
    page = status_page(client, consulting)
    assert "计时暂停，恢复计时后重新确定" in page
    assert timeline_of(page)[-1] == "2025年10月20日 征求意见，期间暂停计算答复期限"
    assert "第三方意见（第三十二条）" not in page


def test_a_consultation_unanswered_past_its_limit_shows_the_deadline_running_again(
    client: Client, consulting: Application, monkeypatch: pytest.MonkeyPatch
) -> None:
    today_is(monkeypatch, dt.date(2025, 11, 20))
    page = status_page(client, consulting)
    assert "计时暂停" not in page
    # 10 working days were left on 20 October; the limit ended on 10 November (条例 第三十二条).
    assert "2025年11月24日" in page


def test_every_action_has_public_wording() -> None:
    payloads: dict[Action, dict[str, Any]] = {
        Action.REQUEST_FEE: {"amount": "100"},
        Action.EXTEND: {"working_days": 10},
        Action.DECIDE: {"outcome": "granted"},
    }
    for action in Action:
        entry = public_step(action, OCT_9, payloads.get(action, {}))
        assert entry.text and (entry.on, entry.action) == (OCT_9, action)


def test_outcomes_read_without_the_reports_numbering() -> None:
    assert public_outcome(Outcome("granted")) == "予以公开"
    assert public_outcome(Outcome("partially_granted")) == "部分公开"
    assert public_outcome(Outcome("unavailable.not_held")) == "无法提供：本机关不掌握相关政府信息"


def test_the_status_page_costs_three_queries(
    client: Client, decided: Application, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    with django_assert_num_queries(3):  # the case, its events, its letters to the applicant
        client.get(reverse("portal:status", args=[decided.tracking_code]))


def test_an_open_case_costs_one_more_for_the_calendar(
    client: Client, online: Application, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    client.get(reverse("portal:status", args=[online.tracking_code]))  # the calendar is kept per process
    cache.clear()  # and the page is shared until the case changes (test_pagecache): render it again
    with django_assert_num_queries(4):  # and its version is read (one query) to read the clock
        client.get(reverse("portal:status", args=[online.tracking_code]))


def test_the_status_page_is_not_cached_and_passes_no_referrer(client: Client, online: Application) -> None:
    response = client.get(reverse("portal:status", args=[online.tracking_code]))
    assert "no-store" in response["Cache-Control"]
    assert response["Referrer-Policy"] == "no-referrer"


def test_the_status_page_offers_the_bodys_help_desk(
    client: Client, online: Application, help_desk: HelpDesk
) -> None:
    assert "0371-65550123" in status_page(client, online)


@pytest.mark.parametrize(
    "code",
    ["", "x", "A" * 22, "..%2F..%2Fetc%2Fpasswd", "%00", "0" * 500],
)
def test_every_unknown_code_gets_the_same_not_found_page(
    client: Client, online: Application, code: str
) -> None:
    known = client.get(reverse("portal:status", args=["unknown-but-well-formed-0"]))
    response = client.get(f"/track/{code}/") if code else client.get("/track/%20/")
    assert response.status_code == known.status_code == 404
    assert response.content == known.content
    assert "没有找到这个查询码" in response.content.decode()


def test_the_received_page_of_an_unknown_code_is_the_same_not_found_page(client: Client, db: None) -> None:
    status = client.get(reverse("portal:status", args=["nope"]))
    received = client.get(reverse("portal:received", args=["nope"]))
    assert received.status_code == 404 and received.content == status.content


def test_the_letters_sent_to_the_applicant_are_listed_and_download_without_the_addressee(
    client: Client, decided: Application, carol: User
) -> None:
    decision, extension = (
        ApplicationEvent.objects.get(application=decided, action=action)
        for action in (Action.DECIDE, Action.EXTEND)
    )
    reply = generate_letter(
        application=decided, kind=letter_kind_for(decision) or "", actor=carol, event=decision
    )
    generate_letter(application=decided, kind="extension", actor=carol, event=extension)
    page = status_page(client, decided)
    assert page.count('href="/letters/') == 4  # two letters, each as PDF and Word
    pdf = client.get(reverse("applicant_letters:pdf", args=[decided.tracking_code, reply.pk]))
    assert pdf.status_code == 200
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")  # type: ignore[attr-defined]
    assert reply.addressee not in page  # the applicant's name stays off the public page


def test_a_second_visitor_gets_the_status_page_from_the_shared_copy_with_the_same_headers(
    online: Application, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    url = reverse("portal:status", args=[online.tracking_code])
    first = Client().get(url)
    with django_assert_num_queries(0):
        second = Client().get(url)
    assert second.content == first.content
    assert second["Referrer-Policy"] == "no-referrer"
    assert "no-store" in second["Cache-Control"]


def test_a_step_recorded_shows_on_the_status_page_at_once(
    online: Application, office: Office, alice: User, bob: User
) -> None:
    assign_department(application=online, department=office.education, actor=alice)
    assert "受理申请" not in timeline_of(status_page(Client(), online))
    record_event(application=online, action=Action.ACCEPT, on=OCT_9, actor=bob)
    assert timeline_of(status_page(Client(), online))[-1].endswith("受理申请")


def test_a_letter_sent_shows_on_the_status_page_at_once(decided: Application, carol: User) -> None:
    assert 'href="/letters/' not in status_page(Client(), decided)
    extension = ApplicationEvent.objects.get(application=decided, action=Action.EXTEND)
    generate_letter(application=decided, kind="extension", actor=carol, event=extension)
    assert status_page(Client(), decided).count('href="/letters/') == 2


def test_the_shared_status_page_lasts_the_day_its_deadline_was_read_on(
    online: Application, monkeypatch: pytest.MonkeyPatch, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    monkeypatch.setattr(timezone, "now", lambda: dt.datetime(2025, 10, 9, 1, tzinfo=dt.UTC))
    status_page(Client(), online)
    monkeypatch.setattr(timezone, "now", lambda: dt.datetime(2025, 10, 10, 1, tzinfo=dt.UTC))
    with django_assert_num_queries(4):  # read again, the clock as of the new day
        status_page(Client(), online)


def test_a_page_rendered_while_a_step_commits_is_not_served_afterwards(
    online: Application,
    office: Office,
    alice: User,
    bob: User,
    django_capture_on_commit_callbacks: Any,
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    """Another visitor may read the old rows until the commit; what they stored then is not shown."""
    assign_department(application=online, department=office.education, actor=alice)
    with django_capture_on_commit_callbacks(execute=True):
        record_event(application=online, action=Action.ACCEPT, on=OCT_9, actor=bob)
        status_page(Client(), online)  # stands for a rendering from before the commit
    with django_assert_num_queries(4):
        status_page(Client(), online)


def test_an_unknown_code_is_never_shared(db: None, django_assert_num_queries: DjangoAssertNumQueries) -> None:
    url = reverse("portal:status", args=["no-such-code-0000000000"])
    assert Client().get(url).status_code == 404
    with django_assert_num_queries(1):
        assert Client().get(url).status_code == 404


def test_a_case_whose_version_the_cache_lost_is_shared_again_from_its_second_visit(
    online: Application, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    status_page(Client(), online)  # the calendar is kept per process
    cache.clear()  # evicted, or the week it is kept has passed
    for queries in (4, 4, 0):  # rendered and a version started; rendered and shared; shared
        with django_assert_num_queries(queries):
            status_page(Client(), online)
