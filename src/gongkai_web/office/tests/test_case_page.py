"""The case page /office/cases/<id>/: details, attachments, the deadline explained, history, next steps."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse

from gongkai.cases import Action
from gongkai_web.accounts.models import User
from gongkai_web.applications.models import Application, Attachment
from gongkai_web.applications.services import record_event
from gongkai_web.letters.services import generate_letter
from gongkai_web.personas import Office, logged_in, walk_in
from gongkai_web.workcalendar.models import CalendarYear

from .conftest import IDENTITY, PHONE

SCAN = b"%PDF-1.4 scan of the application letter"


def page(application: Application) -> str:
    return reverse("office:case", args=[application.pk])


def step_links(html: str) -> list[str]:
    section = html.split('id="steps-heading"', 1)[1].split("</section>", 1)[0]
    return [label for label in (Action(a).label for a in Action) if f">{label}</a>" in section]


def test_the_handler_sees_the_application_in_full(
    client: Client, application: Application, bob: User
) -> None:
    html = logged_in(client, bob).get(page(application)).content.decode()
    assert "张三" in html
    assert IDENTITY in html
    assert PHONE in html
    assert "2025年本县义务教育阶段学校名单" in html
    assert "当面提交之日" in html
    assert "已隐去" not in html


def test_the_administrator_sees_the_case_with_personal_data_masked(
    client: Client, application: Application, frank: User
) -> None:
    html = logged_in(client, frank).get(page(application)).content.decode()
    assert "张三" in html
    assert IDENTITY not in html and PHONE not in html
    assert "110***********1234" in html
    assert "138****0000" in html
    assert "已隐去" in html


def test_anonymous_users_are_sent_to_the_login_page(client: Client, application: Application) -> None:
    response = client.get(page(application))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("office:login"))


def test_a_handler_of_another_department_is_refused(
    client: Client, application: Application, erin: User
) -> None:
    assert logged_in(client, erin).get(page(application)).status_code == 403


def test_an_officer_of_another_body_is_refused(client: Client, application: Application, dave: User) -> None:
    assert logged_in(client, dave).get(page(application)).status_code == 403


def test_a_user_without_a_role_is_refused(client: Client, application: Application, olga: User) -> None:
    assert logged_in(client, olga).get(page(application)).status_code == 403


def test_a_case_that_does_not_exist_is_not_found(client: Client, bob: User) -> None:
    assert logged_in(client, bob).get(reverse("office:case", args=[999999])).status_code == 404


def test_the_deadline_is_explained_step_by_step_with_the_holiday_deducted(
    client: Client, application: Application, bob: User
) -> None:
    html = logged_in(client, bob).get(page(application)).content.decode()
    deadline = html.split('id="deadline-heading"', 1)[1].split("</section>", 1)[0]
    assert "答复期限：<strong>2025-10-31</strong>" in deadline
    assert "即将到期" in deadline
    assert "剩余 4 个工作日" in deadline
    assert "<li>收到申请 2025-09-28</li>" in deadline
    assert "<li>第三十三条：20 个工作日，自 2025-09-28 次日起算</li>" in deadline
    assert "<li>扣除国庆节、中秋节假期 10月1日至8日</li>" in deadline
    assert "<li>答复期限 2025-10-31（共 20 个工作日）</li>" in deadline
    assert "暂定" not in deadline


def test_a_deadline_without_holiday_data_is_announced_loudly_as_provisional(
    client: Client, office: Office, alice: User, bob: User
) -> None:
    CalendarYear.objects.filter(year=2025).delete()
    application = walk_in(office, alice)
    html = logged_in(client, bob).get(page(application)).content.decode()
    assert (
        '<div class="provisional" role="alert">期限暂定：2025 年节假日安排尚未录入，按仅周末休息推算' in html
    )


def test_the_history_says_who_did_what_and_when(client: Client, application: Application, bob: User) -> None:
    record_event(application=application, action=Action.ACCEPT, on=dt.date(2025, 9, 29), actor=bob)
    html = logged_in(client, bob).get(page(application)).content.decode()
    history = html.split('id="history-heading"', 1)[1].split("</section>", 1)[0]
    assert "收到申请 2025-09-28（当面，由alice登记）" in history
    assert "分办至教育股" in history
    assert "2025-09-29 受理" in history
    assert '<td data-label="操作人">bob</td>' in history


def test_a_closed_case_links_its_overseer_to_its_reviews_and_suits(
    client: Client, application: Application, bob: User, carol: User
) -> None:
    record_event(application=application, action=Action.ACCEPT, on=dt.date(2025, 9, 29), actor=bob)
    record_event(
        application=application,
        action=Action.DECIDE,
        on=dt.date(2025, 10, 10),
        actor=carol,
        outcome="granted",
    )
    appeals = reverse("appeals:case", args=[application.pk])
    assert f'href="{appeals}"' in logged_in(client, carol).get(page(application)).content.decode()
    assert f'href="{appeals}"' not in logged_in(Client(), bob).get(page(application)).content.decode()


def test_an_open_case_has_no_appeals_section(client: Client, application: Application, carol: User) -> None:
    html = logged_in(client, carol).get(page(application)).content.decode()
    assert "appeals-heading" not in html


def test_the_handler_is_offered_the_handlers_steps_of_a_registered_case(
    client: Client, application: Application, bob: User
) -> None:
    html = logged_in(client, bob).get(page(application)).content.decode()
    assert step_links(html) == ["告知补正", "受理", "撤回申请"]


def test_the_reviewer_is_offered_the_reply_but_not_the_handlers_steps(
    client: Client, application: Application, carol: User
) -> None:
    html = logged_in(client, carol).get(page(application)).content.decode()
    assert step_links(html) == ["作出答复"]
    assert "改派承办股室" in html


def test_the_administrator_and_the_registrar_are_offered_no_step(
    client: Client, application: Application, alice: User, frank: User
) -> None:
    assert step_links(logged_in(client, frank).get(page(application)).content.decode()) == []
    assert step_links(logged_in(client, alice).get(page(application)).content.decode()) == []


def test_an_accepted_case_offers_consultation_fee_extension_and_reply(
    client: Client, application: Application, bob: User, carol: User
) -> None:
    record_event(application=application, action=Action.ACCEPT, on=dt.date(2025, 9, 29), actor=bob)
    assert step_links(logged_in(client, bob).get(page(application)).content.decode()) == [
        "征求意见",
        "发出收费通知",
        "撤回申请",
    ]
    assert step_links(logged_in(client, carol).get(page(application)).content.decode()) == [
        "延期答复",
        "作出答复",
    ]


def test_an_extended_case_offers_the_reviewer_no_second_extension(
    client: Client, application: Application, bob: User, carol: User
) -> None:
    record_event(application=application, action=Action.ACCEPT, on=dt.date(2025, 9, 29), actor=bob)
    on = dt.date(2025, 10, 20)
    record_event(
        application=application, action=Action.EXTEND, on=on, actor=carol, working_days=20, notified_on=on
    )
    assert step_links(logged_in(client, carol).get(page(application)).content.decode()) == ["作出答复"]


def test_a_decided_case_shows_its_outcome_reasons_and_articles(
    client: Client, application: Application, bob: User, carol: User
) -> None:
    record_event(application=application, action=Action.ACCEPT, on=dt.date(2025, 9, 29), actor=bob)
    record_event(
        application=application,
        action=Action.DECIDE,
        on=dt.date(2025, 10, 10),
        actor=carol,
        outcome="withheld.third_party_rights",
        reasons="涉及第三方商业秘密，第三方不同意公开",
    )
    html = logged_in(client, carol).get(page(application)).content.decode()
    decision = html.split('id="decision-heading"', 1)[1].split("</section>", 1)[0]
    assert "（三）不予公开 4.保护第三方合法权益" in decision
    assert "涉及第三方商业秘密，第三方不同意公开" in decision
    assert "条例第十五条、条例第三十二条" in decision
    assert step_links(html) == []
    assert "本申请已办结" in html
    # The clock as of the reply: answered with 16 working days to spare (11, 13–17, 20–24, 27–31 October).
    assert "截至 2025-10-10 尚余 16 个工作日" in html


@pytest.fixture
def attachment(application: Application, alice: User, media: Path) -> Attachment:
    return Attachment.objects.create(
        application=application,
        file=ContentFile(SCAN, name="scan.pdf"),
        original_name="申请书扫描件.pdf",
        content_type="application/pdf",
        size=len(SCAN),
        sha256=hashlib.sha256(SCAN).hexdigest(),
        uploaded_by=alice,
    )


def download(attachment: Attachment) -> str:
    return reverse("office:attachment", args=[attachment.application_id, attachment.pk])


def test_the_handler_downloads_an_attachment(client: Client, attachment: Attachment, bob: User) -> None:
    html = logged_in(client, bob).get(page(attachment.application)).content.decode()
    assert f'<a href="{download(attachment)}">申请书扫描件.pdf</a>' in html
    response = client.get(download(attachment))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == SCAN  # type: ignore[attr-defined]
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]


def test_the_administrator_sees_the_attachment_listed_but_cannot_download_it(
    client: Client, attachment: Attachment, frank: User
) -> None:
    html = logged_in(client, frank).get(page(attachment.application)).content.decode()
    assert '申请书扫描件.pdf <span class="muted">（无下载权限）</span>' in html
    assert client.get(download(attachment)).status_code == 403


@pytest.mark.parametrize("persona", ["erin", "dave", "olga"])
def test_officers_without_access_to_the_case_cannot_download_its_attachments(
    client: Client, attachment: Attachment, persona: str, request: pytest.FixtureRequest
) -> None:
    assert logged_in(client, request.getfixturevalue(persona)).get(download(attachment)).status_code == 403


def test_anonymous_users_cannot_download_attachments(client: Client, attachment: Attachment) -> None:
    assert client.get(download(attachment)).status_code == 302


def test_the_case_page_lists_the_case_letters_for_those_who_handle_them(
    client: Client, application: Application, bob: User, erin: User, media: Path
) -> None:
    record_event(
        application=application,
        action=Action.REQUEST_CORRECTION,
        on=dt.date(2025, 9, 30),
        actor=bob,
        items="请写明所需学校名单的学段",
        respond_by=dt.date(2025, 10, 20),
    )
    letter = generate_letter(application=application, kind="correction", actor=bob, on=dt.date(2025, 9, 30))
    html = logged_in(client, bob).get(page(application)).content.decode()
    assert f'href="{reverse("letters:pdf", args=[letter.pk])}"' in html
    assert f'href="{reverse("letters:case", args=[application.pk])}"' in html
    assert logged_in(Client(), erin).get(page(application)).status_code == 403
