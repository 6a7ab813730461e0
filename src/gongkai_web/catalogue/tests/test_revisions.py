"""变更 and 撤回 of a published item: never a silent edit.

A change is a new revision that passes the same 三审; until its 终审 the public reads the revision
in force, afterwards the new one with 「本信息于…更新」 and every earlier revision a link away. A
withdrawn item leaves the public list, and its address says that it was withdrawn and when.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from attachmentfiles import clean_pdf
from gongkai.catalogue import ReviewError, Stage, Step
from gongkai_web.accounts.models import User
from gongkai_web.applications.attachments import check_upload
from gongkai_web.applications.services import NotPermitted
from gongkai_web.bodies.models import Role
from gongkai_web.bodies.services import add_member
from gongkai_web.catalogue.models import CatalogueAttachment, CatalogueItem, ReviewRecord
from gongkai_web.catalogue.services import (
    create_draft,
    edit_draft,
    review_item,
    start_revision,
    submit_draft,
    withdraw_item,
)
from gongkai_web.catalogue.tests.conftest import draft, fields, publish
from gongkai_web.personas import Office, logged_in
from gongkai_web.testing import files_under

CHANGED_ON = dt.date(2025, 10, 31)
UPDATED_ON = dt.date(2025, 11, 3)
NEW_TITLE = "某县2025年义务教育学区划分方案（修订）"
NEW_TEXT = "一、划分原则\n坚持免试就近入学。\n\n二、调整内容\n城关第二小学学区增加幸福路社区。"
PDF = clean_pdf()  # a real PDF: 终审 reads the attachments' text


@pytest.fixture
def item(office: Office, alice: User, bob: User, carol: User, hana: User) -> CatalogueItem:
    """The county's 学区划分 plan, drafted by bob and published on 2025-10-20 after 三审."""
    return publish(draft(office.county, bob), alice, carol, hana)


def change(item: CatalogueItem, author: User) -> CatalogueItem:
    return start_revision(
        item=item, actor=author, fields=fields(title=NEW_TITLE, text=NEW_TEXT, changed_on=CHANGED_ON)
    )


def public_page(client: Client, item: CatalogueItem, revision: int | None = None) -> tuple[int, str]:
    args = [item.body_id, item.first_revision_id]
    url = (
        reverse("catalogue:item", args=args)
        if revision is None
        else reverse("catalogue:item_revision", args=[*args, revision])
    )
    response = client.get(url)
    return response.status_code, response.content.decode()


def test_a_change_is_a_new_revision_with_the_items_index_number_and_its_own_article_26_day(
    item: CatalogueItem, bob: User
) -> None:
    revision = change(item, bob)
    assert (revision.stage, revision.revision, revision.revises_id) == ("draft", 2, item.pk)
    assert revision.index_number == item.index_number
    assert (revision.title, revision.changed_on, revision.publish_by) == (
        NEW_TITLE,
        CHANGED_ON,
        dt.date(2025, 11, 28),
    )
    item.refresh_from_db()
    assert (item.stage, item.title) == ("published", "某县2025年义务教育学区划分方案")


def test_while_the_change_is_reviewed_the_public_reads_the_revision_in_force(
    client: Client, item: CatalogueItem, alice: User, bob: User, carol: User
) -> None:
    revision = submit_draft(item=change(item, bob), actor=bob)
    review_item(item=revision, actor=alice, seen=Stage.FIRST_REVIEW, step=Step.APPROVE, today=UPDATED_ON)
    review_item(item=revision, actor=carol, seen=Stage.SECOND_REVIEW, step=Step.APPROVE, today=UPDATED_ON)
    status, page = public_page(client, item)
    assert status == 200
    assert "<h1>某县2025年义务教育学区划分方案</h1>" in page
    assert NEW_TITLE not in page and "更新" not in page
    assert public_page(client, item, 2)[0] == 404  # not yet published
    listed = client.get(reverse("catalogue:body", args=[item.body_id]), {"q": "幸福路"}).content.decode()
    assert "共 0 条" in listed


def test_after_the_final_review_the_page_shows_the_new_revision_and_says_when_it_was_updated(
    client: Client, item: CatalogueItem, alice: User, bob: User, carol: User, hana: User
) -> None:
    revision = publish(change(item, bob), alice, carol, hana, today=UPDATED_ON)
    item.refresh_from_db()
    assert (item.stage, revision.published_on) == ("superseded", UPDATED_ON)
    status, page = public_page(client, item)
    assert status == 200
    assert f"<h1>{NEW_TITLE}</h1>" in page
    assert "本信息于 2025年11月3日 更新。" in page
    assert '<tr><th scope="row">发布日期</th><td>2025-10-20</td></tr>' in page
    assert '<tr><th scope="row">更新日期</th><td>2025-11-03</td></tr>' in page
    first_url = reverse("catalogue:item_revision", args=[item.body_id, item.pk, 1])
    assert f'<a href="{first_url}">第 1 版</a>' in page
    assert "第 2 版（本页） 现行" in page
    old_status, old_page = public_page(client, item, 1)
    assert old_status == 200
    assert "这是本信息的第 1 版（2025年10月20日 发布），已于 2025年11月3日 更新。" in old_page
    assert "<h1>某县2025年义务教育学区划分方案</h1>" in old_page and "幸福路社区" not in old_page
    listed = client.get(reverse("catalogue:body", args=[item.body_id])).content.decode()
    assert listed.count("学区划分方案") == 1 and NEW_TITLE in listed
    assert f'href="{reverse("catalogue:item", args=[item.body_id, item.pk])}"' in listed
    [supersede] = ReviewRecord.objects.filter(item=item, step="supersede")
    assert (supersede.actor, supersede.reason) == (hana, "由第 2 版替代")


def test_the_change_is_reviewed_by_three_people_none_of_them_its_author(
    office: Office, item: CatalogueItem, alice: User, bob: User, carol: User
) -> None:
    add_member(body=office.county, user=carol, role=Role.HEAD)  # carol may take 复审 and 终审
    revision = submit_draft(item=change(item, alice), actor=alice)
    with pytest.raises(ReviewError) as own:
        review_item(item=revision, actor=alice, seen=Stage.FIRST_REVIEW, step=Step.APPROVE, today=UPDATED_ON)
    assert own.value.code == "catalogue_own_item"
    add_member(body=office.county, user=bob, role=Role.REGISTRAR)
    review_item(item=revision, actor=bob, seen=Stage.FIRST_REVIEW, step=Step.APPROVE, today=UPDATED_ON)
    review_item(item=revision, actor=carol, seen=Stage.SECOND_REVIEW, step=Step.APPROVE, today=UPDATED_ON)
    with pytest.raises(ReviewError) as twice:
        review_item(item=revision, actor=carol, seen=Stage.FINAL_REVIEW, step=Step.APPROVE, today=UPDATED_ON)
    assert twice.value.code == "catalogue_same_reviewer"
    item.refresh_from_db()
    assert item.stage == "published"


def test_one_change_at_a_time_and_only_of_the_revision_in_force(
    item: CatalogueItem, alice: User, bob: User, carol: User, hana: User, frank: User
) -> None:
    open_change = change(item, bob)
    with pytest.raises(ReviewError) as pending:
        change(item, alice)
    assert pending.value.code == "catalogue_revision_open"
    assert pending.value.message == "这条信息的第 2 版变更尚在“草稿”，请在其发布后再起草新的变更"
    publish(open_change, alice, carol, hana, today=UPDATED_ON)
    item.refresh_from_db()
    with pytest.raises(ReviewError) as superseded:
        change(item, alice)
    assert superseded.value.code == "catalogue_not_in_force"
    with pytest.raises(NotPermitted):  # the administrator keeps the guide, not the items
        change(open_change, frank)
    third = change(CatalogueItem.objects.get(pk=open_change.pk), alice)
    assert (third.revision, third.revises_id) == (3, item.pk)


def test_a_change_is_not_published_once_the_item_was_withdrawn(
    item: CatalogueItem, alice: User, bob: User, carol: User, hana: User
) -> None:
    revision = submit_draft(item=change(item, bob), actor=bob)
    review_item(item=revision, actor=alice, seen=Stage.FIRST_REVIEW, step=Step.APPROVE, today=UPDATED_ON)
    review_item(item=revision, actor=carol, seen=Stage.SECOND_REVIEW, step=Step.APPROVE, today=UPDATED_ON)
    withdraw_item(item=item, actor=hana, reason="方案暂停实施", today=UPDATED_ON)
    with pytest.raises(ReviewError) as refused:
        review_item(item=revision, actor=hana, seen=Stage.FINAL_REVIEW, step=Step.APPROVE, today=UPDATED_ON)
    assert refused.value.code == "catalogue_not_in_force"
    revision.refresh_from_db()
    assert revision.stage == "final_review"


def test_the_change_starts_with_the_items_files_and_may_drop_one_the_earlier_revision_keeps(
    client: Client, office: Office, media: Path, alice: User, bob: User, carol: User, hana: User
) -> None:
    upload = check_upload(SimpleUploadedFile("学区示意图.pdf", PDF, content_type="application/pdf"))
    item = publish(
        create_draft(body=office.county, actor=bob, fields=fields(), uploads=[upload]), alice, carol, hana
    )
    revision = change(item, bob)
    [copied] = revision.attachments.all()
    assert (copied.original_name, copied.file.name) == ("学区示意图.pdf", item.attachments.get().file.name)
    edit_draft(
        item=revision, actor=bob, fields=fields(title=NEW_TITLE, changed_on=CHANGED_ON), remove=[copied.pk]
    )
    publish(CatalogueItem.objects.get(pk=revision.pk), alice, carol, hana, today=UPDATED_ON)
    assert len(files_under(media)) == 1  # the first revision still holds the file
    assert "学区示意图.pdf" not in public_page(client, item)[1]
    old_page = public_page(client, item, 1)[1]
    file_url = reverse("catalogue:attachment", args=[office.county.pk, item.pk, item.attachments.get().pk])
    assert file_url in old_page
    response = client.get(file_url)
    assert b"".join(response.streaming_content) == PDF  # type: ignore[attr-defined]


def test_a_withdrawn_item_leaves_the_list_and_its_address_says_when_it_was_withdrawn(
    client: Client, item: CatalogueItem, hana: User
) -> None:
    withdraw_item(
        item=item, actor=hana, reason="方案已被《某县2026年义务教育学区划分方案》替代", today=UPDATED_ON
    )
    status, page = public_page(client, item)
    assert status == 410
    assert "本信息已于 2025年11月3日 撤回，不再公开。" in page
    assert "<h1>某县2025年义务教育学区划分方案</h1>" in page
    assert "坚持免试就近入学" not in page and "替代" not in page  # neither the text nor the internal reason
    listed = client.get(reverse("catalogue:body", args=[item.body_id])).content.decode()
    assert "学区划分方案" not in listed


def test_an_address_the_public_never_saw_is_not_found(
    client: Client, office: Office, item: CatalogueItem, bob: User
) -> None:
    never_published = draft(office.county, bob, title="县教育局2025年学区调整内部讨论稿")
    assert public_page(client, never_published)[0] == 404
    revision = change(item, bob)
    assert client.get(reverse("catalogue:item", args=[office.county.pk, revision.pk])).status_code == 404
    assert client.get(reverse("catalogue:item", args=[office.finance_bureau.pk, item.pk])).status_code == 404


def test_the_office_drafts_a_change_from_the_published_items_page(
    client: Client, item: CatalogueItem, bob: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("gongkai_web.catalogue.office_views._today", lambda: CHANGED_ON)
    client = logged_in(client, bob)
    detail = client.get(reverse("catalogue:office_item", args=[item.pk])).content.decode()
    revise_url = reverse("catalogue:office_revise", args=[item.pk])
    assert f'href="{revise_url}">起草变更</a>' in detail
    form = client.get(revise_url).content.decode()
    assert 'value="2025-10-31"' in form and 'name="index_number"' not in form
    response = client.post(
        revise_url,
        {
            "title": NEW_TITLE,
            "category": "article20.11",
            "issuer": "某县人民政府办公室",
            "document_number": "某政办发〔2025〕12号",
            "created_on": "2025-09-26",
            "changed_on": "2025-10-31",
            "text": NEW_TEXT,
        },
    )
    revision = CatalogueItem.objects.get(revises=item)
    assert response.status_code == 302 and response["Location"] == reverse(
        "catalogue:office_item", args=[revision.pk]
    )
    after = client.get(reverse("catalogue:office_item", args=[item.pk])).content.decode()
    assert "正在变更" in after and "起草变更" not in after


def test_the_change_page_is_refused_to_others_and_for_an_item_not_in_force(
    client: Client, office: Office, item: CatalogueItem, bob: User, dave: User, frank: User
) -> None:
    url = reverse("catalogue:office_revise", args=[item.pk])
    assert logged_in(client, dave).get(url).status_code == 403
    assert logged_in(client, frank).get(url).status_code == 403
    unpublished = draft(office.county, bob, title="2025年9月县教育局工作动态", category="column.news")
    assert (
        logged_in(client, bob).get(reverse("catalogue:office_revise", args=[unpublished.pk])).status_code
        == 403
    )


def test_the_day_of_change_is_required_for_a_change(item: CatalogueItem, bob: User) -> None:
    with pytest.raises(ValidationError) as refused:
        start_revision(item=item, actor=bob, fields=fields(title=NEW_TITLE))
    assert refused.value.code == "catalogue_changed_on_required"
    assert (
        CatalogueItem.objects.filter(revises=item).count() == 0 and CatalogueAttachment.objects.count() == 0
    )
