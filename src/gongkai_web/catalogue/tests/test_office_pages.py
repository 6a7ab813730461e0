"""The office's catalogue pages: each refuses officers of other bodies; the list, the forms and the steps."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from gongkai.catalogue import Stage, Step
from gongkai_web.accounts.models import User
from gongkai_web.applications.attachments import check_upload
from gongkai_web.bodies.models import Role
from gongkai_web.bodies.services import add_member
from gongkai_web.catalogue.models import CatalogueAttachment, CatalogueItem, GuideSettings, ReviewRecord
from gongkai_web.catalogue.services import create_draft, review_item, submit_draft
from gongkai_web.catalogue.tests.conftest import TODAY, draft, fields, publish
from gongkai_web.personas import Office, logged_in
from gongkai_web.portal.models import HelpDesk

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def today(monkeypatch: pytest.MonkeyPatch) -> dt.date:
    """The office's pages run on 2025-10-20 (after the national day holiday)."""
    monkeypatch.setattr("gongkai_web.catalogue.office_views._today", lambda: TODAY)
    return TODAY


@pytest.fixture
def item(office: Office, bob: User) -> CatalogueItem:
    return draft(office.county, bob)


def _pages(item: CatalogueItem, body: int) -> list[tuple[str, str]]:
    attachment = CatalogueAttachment.objects.filter(item=item).first()
    return [
        ("get", f"{reverse('catalogue:office_list')}?body={body}"),
        ("get", f"{reverse('catalogue:office_create')}?body={body}"),
        ("get", f"{reverse('catalogue:office_guide')}?body={body}"),
        ("get", reverse("catalogue:office_item", args=[item.pk])),
        ("get", reverse("catalogue:office_edit", args=[item.pk])),
        ("post", reverse("catalogue:office_submit", args=[item.pk])),
        ("post", reverse("catalogue:office_approve", args=[item.pk])),
        ("post", reverse("catalogue:office_return", args=[item.pk])),
        ("post", reverse("catalogue:office_withdraw", args=[item.pk])),
        ("get", reverse("catalogue:office_attachment", args=[item.pk, attachment.pk if attachment else 1])),
    ]


@pytest.mark.parametrize("page", range(10))
def test_every_office_page_refuses_an_officer_of_another_body(
    client: Client, office: Office, bob: User, dave: User, olga: User, media: Path, page: int
) -> None:
    item = CatalogueItem.objects.get(pk=_with_attachment(office, bob).pk)
    method, url = _pages(item, office.county.pk)[page]
    for outsider in (dave, olga):
        data = {"reason": "方案已废止", "seen": "draft"} if method == "post" else None
        response = getattr(logged_in(client, outsider), method)(url, data)
        assert response.status_code == 403, (outsider, url)
    assert CatalogueItem.objects.get().stage == "draft"
    assert not ReviewRecord.objects.exists()


@pytest.mark.parametrize("page", range(10))
def test_every_office_page_sends_a_visitor_to_log_in(
    client: Client, office: Office, bob: User, media: Path, page: int
) -> None:
    item = _with_attachment(office, bob)
    method, url = _pages(item, office.county.pk)[page]
    response = getattr(client, method)(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("office:login"))


def _with_attachment(office: Office, bob: User) -> CatalogueItem:

    upload = check_upload(SimpleUploadedFile("学区示意图.pdf", PDF, content_type="application/pdf"))
    return create_draft(body=office.county, actor=bob, fields=fields(), uploads=[upload])


def test_the_office_navigation_links_the_catalogue(client: Client, office: Office, bob: User) -> None:
    response = logged_in(client, bob).get(reverse("office:queue"))
    assert f'<a href="{reverse("catalogue:office_list")}">主动公开目录</a>' in response.content.decode()


def test_the_list_flags_items_past_the_article_26_day_and_filters_them(
    client: Client, office: Office, alice: User, bob: User, carol: User, hana: User, today: dt.date
) -> None:
    draft(office.county, bob, title="2025年9月县教育局工作动态", category="column.news")  # due 10-30
    draft(
        office.county, bob, title="2025年第三季度学校食堂监督检查情况", created_on=dt.date(2025, 8, 20)
    )  # due 09-17
    late = draft(
        office.county,
        bob,
        title="县医保局2025年部门预算",
        category="column.department_budget",
        created_on=dt.date(2025, 8, 1),
    )
    publish(late, alice, carol, hana)  # published on 10-20, due 08-29: 超期发布
    client = logged_in(client, carol)
    page = client.get(reverse("catalogue:office_list")).content.decode()
    assert page.count('<tr class="overdue">') == 2
    assert "超期未发布" in page and "超期发布" in page
    assert "<strong>1</strong> 条</a>" in page  # one late and still unpublished
    filtered = client.get(reverse("catalogue:office_list"), {"late": "on"}).content.decode()
    assert "学校食堂监督检查情况" in filtered and "部门预算" in filtered
    assert "工作动态" not in filtered.split("<tbody>")[1]
    by_stage = client.get(reverse("catalogue:office_list"), {"stage": "published"}).content.decode()
    assert by_stage.split("<tbody>")[1].count("<tr") == 1


def test_bob_drafts_an_item_with_an_attachment_edits_it_and_submits_it(
    client: Client, office: Office, bob: User, media: Path, today: dt.date
) -> None:
    client = logged_in(client, bob)
    response = client.post(
        reverse("catalogue:office_create"),
        {
            "title": "某县2025年义务教育学区划分方案",
            "category": "article20.11",
            "issuer": "某县人民政府办公室",
            "document_number": "某政办发〔2025〕12号",
            "created_on": "2025-09-26",
            "index_number": "",
            "text": "一、划分原则\n\n二、实施时间",
            "attachments": [SimpleUploadedFile("学区示意图.pdf", PDF)],
        },
    )
    item = CatalogueItem.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("catalogue:office_item", args=[item.pk])
    assert (item.author, item.stage, item.publish_by) == (bob, "draft", dt.date(2025, 10, 30))
    assert [a.original_name for a in item.attachments.all()] == ["学区示意图.pdf"]
    edit = client.get(reverse("catalogue:office_edit", args=[item.pk]))
    assert 'value="某县2025年义务教育学区划分方案"' in edit.content.decode()
    client.post(reverse("catalogue:office_submit", args=[item.pk]), {"seen": "draft"})
    item.refresh_from_db()
    assert (item.stage, item.round) == ("first_review", 1)
    assert client.get(reverse("catalogue:office_edit", args=[item.pk])).status_code == 403


def test_a_file_that_is_not_a_document_is_refused_and_nothing_is_saved(
    client: Client, office: Office, bob: User, media: Path
) -> None:
    response = logged_in(client, bob).post(
        reverse("catalogue:office_create"),
        {
            "title": "某县2025年义务教育学区划分方案",
            "category": "article20.11",
            "issuer": "某县人民政府办公室",
            "created_on": "2025-09-26",
            "text": "正文",
            "attachments": [SimpleUploadedFile("setup.exe", b"MZ\x90\x00\x03\x00\x00\x00")],
        },
    )
    assert response.status_code == 200
    assert "文件“setup.exe”不是可以接受的文件类型" in response.content.decode()
    assert not CatalogueItem.objects.exists()
    assert not CatalogueAttachment.objects.exists()


def test_the_review_page_offers_each_reviewer_their_step_only(
    client: Client, office: Office, alice: User, bob: User, carol: User, hana: User, today: dt.date
) -> None:

    item = submit_draft(item=draft(office.county, bob), actor=bob)
    url = reverse("catalogue:office_item", args=[item.pk])
    assert "初审通过" in logged_in(client, alice).get(url).content.decode()
    assert "初审通过" not in logged_in(client, hana).get(url).content.decode()
    assert (
        logged_in(client, hana)
        .post(reverse("catalogue:office_approve", args=[item.pk]), {"seen": "first_review"})
        .status_code
        == 403
    )
    logged_in(client, alice).post(
        reverse("catalogue:office_approve", args=[item.pk]), {"seen": "first_review"}
    )
    response = logged_in(client, carol).post(
        reverse("catalogue:office_return", args=[item.pk]),
        {"seen": "second_review", "reason": "请补充文号"},
        follow=True,
    )
    assert "已退回起草人修改" in response.content.decode()
    item.refresh_from_db()
    assert item.stage == "draft"
    assert "请补充文号" in logged_in(client, bob).get(url).content.decode()


def test_a_return_without_a_reason_is_refused_with_a_message(
    client: Client, office: Office, alice: User, bob: User, today: dt.date
) -> None:

    item = submit_draft(item=draft(office.county, bob), actor=bob)
    response = logged_in(client, alice).post(
        reverse("catalogue:office_return", args=[item.pk]),
        {"seen": "first_review", "reason": ""},
        follow=True,
    )
    assert "退回修改须说明理由" in response.content.decode()
    item.refresh_from_db()
    assert item.stage == "first_review"


def test_hana_publishes_at_the_final_review_and_withdraws_with_a_reason(
    client: Client, office: Office, alice: User, bob: User, carol: User, hana: User, today: dt.date
) -> None:

    item = submit_draft(item=draft(office.county, bob), actor=bob)
    item = review_item(item=item, actor=alice, seen=Stage.FIRST_REVIEW, step=Step.APPROVE, today=TODAY)
    item = review_item(item=item, actor=carol, seen=Stage.SECOND_REVIEW, step=Step.APPROVE, today=TODAY)
    client = logged_in(client, hana)
    response = client.post(
        reverse("catalogue:office_approve", args=[item.pk]), {"seen": "final_review"}, follow=True
    )
    assert "已审核通过并发布" in response.content.decode()
    item.refresh_from_db()
    assert (item.stage, item.published_on) == ("published", TODAY)
    client.post(
        reverse("catalogue:office_withdraw", args=[item.pk]), {"seen": "published", "reason": "方案已废止"}
    )
    item.refresh_from_db()
    assert item.stage == "withdrawn"
    assert ReviewRecord.objects.filter(step="withdraw", reason="方案已废止", actor=hana).exists()


def test_the_administrator_edits_the_guide_settings_and_a_handler_may_not(
    client: Client, office: Office, bob: User, frank: User
) -> None:
    url = f"{reverse('catalogue:office_guide')}?body={office.county.pk}"
    assert logged_in(client, bob).get(url).status_code == 403
    response = logged_in(client, frank).post(
        url,
        {
            "office_name": "某县人民政府办公室（政府信息公开办公室）",
            "address": "某县人民路1号县政府大楼108室",
            "postcode": "453100",
            "hours": "工作日 8:30—12:00，14:30—17:30",
            "phone": "0373-4412345",
            "fax": "0373-4412346",
            "email": "gongkai@mouxian.gov.cn",
            "website": "https://www.mouxian.gov.cn",
            "index_prefix": "11410781005301234X",
        },
    )
    assert response.status_code == 302
    desk = HelpDesk.objects.get(body=office.county)
    assert (desk.phone, desk.hours) == ("0373-4412345", "工作日 8:30—12:00，14:30—17:30")
    settings = GuideSettings.objects.get(body=office.county)
    assert (settings.postcode, settings.fax, settings.index_prefix) == (
        "453100",
        "0373-4412346",
        "11410781005301234X",
    )


def test_a_bad_postcode_is_refused_and_nothing_is_stored(client: Client, office: Office, frank: User) -> None:
    response = logged_in(client, frank).post(
        f"{reverse('catalogue:office_guide')}?body={office.county.pk}", {"postcode": "45310"}
    )
    assert "邮政编码应为 6 位数字" in response.content.decode()
    assert not GuideSettings.objects.exists()


def test_a_member_of_two_bodies_chooses_one(client: Client, office: Office, bob: User) -> None:
    add_member(body=office.finance_bureau, user=bob, role=Role.REGISTRAR)
    page = logged_in(client, bob).get(reverse("catalogue:office_list")).content.decode()
    assert f'href="?body={office.finance_bureau.pk}"' in page and f'href="?body={office.county.pk}"' in page


def test_the_admin_shows_items_and_their_review_records_read_only(
    admin_client: Client, office: Office, bob: User
) -> None:
    item = submit_draft(item=draft(office.county, bob), actor=bob)
    page = admin_client.get(reverse("admin:catalogue_catalogueitem_change", args=[item.pk])).content.decode()
    assert "某县2025年义务教育学区划分方案" in page and "提交审核" in page
    assert admin_client.get(reverse("admin:catalogue_catalogueitem_add")).status_code == 403


def test_the_office_list_pages_thirty_items_at_a_time_keeping_the_filters(
    client: Client, office: Office, bob: User, today: dt.date
) -> None:
    for n in range(1, 33):
        draft(office.county, bob, title=f"2025年第{n}期工作动态", category="column.news")
    url = reverse("catalogue:office_list")
    first = (
        logged_in(client, bob).get(url, {"body": str(office.county.pk), "stage": "draft"}).content.decode()
    )
    assert "第 1 / 2 页" in first
    assert f'href="?body={office.county.pk}&amp;stage=draft&amp;page=2" rel="next"' in first
    second = client.get(url, {"body": str(office.county.pk), "stage": "draft", "page": "2"}).content.decode()
    assert f'href="?body={office.county.pk}&amp;stage=draft&amp;page=1" rel="prev"' in second
    assert second.count('<td data-label="标题">') == 2
