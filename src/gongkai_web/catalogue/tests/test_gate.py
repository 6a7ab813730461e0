"""The 保密审查 at 终审: an item is published only once its public text passes the gate (docs/gate.md)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from gongkai.catalogue import Stage, Step
from gongkai_web.accounts.models import User
from gongkai_web.applications.attachments import check_upload
from gongkai_web.catalogue.models import CatalogueItem, ReviewRecord
from gongkai_web.catalogue.services import (
    create_draft,
    edit_draft,
    review_item,
    start_revision,
)
from gongkai_web.catalogue.tests.conftest import (
    SCHOOL_DISTRICTS,
    TODAY,
    at_final_review,
    draft,
    fields,
    final,
    publish,
)
from gongkai_web.gate.models import PublicationReview
from gongkai_web.gate.queries import reviews_of
from gongkai_web.gate.services import ConfirmationRequired, PublicationBlocked, save_rules
from gongkai_web.personas import Office, logged_in

# GB 11643's own example number: its check character is valid, so the scanner blocks it.
IDENTITY = "11010519491231002X"
WITH_IDENTITY = (
    SCHOOL_DISTRICTS + f"\n\n三、咨询\n学生家长张三（身份证号{IDENTITY}）反映的学位问题已另行答复。"
)
WITH_LANDLINE = SCHOOL_DISTRICTS + "\n\n三、咨询\n咨询电话：0373-5551234。"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_a_clean_item_is_published_with_a_review_naming_the_head(
    office: Office, alice: User, bob: User, carol: User, hana: User
) -> None:
    item = publish(draft(office.county, bob), alice, carol, hana)
    review = PublicationReview.objects.get()
    assert (review.subject, review.outcome, review.verdict, review.actor) == (item, "approved", "clean", hana)
    assert review.text_length == len(item.publication_text())
    assert item.publication_text().startswith(
        "某县2025年义务教育学区划分方案\n\n某县人民政府办公室\n\n某政办发〔2025〕12号"
    )


def test_an_identity_number_in_the_text_keeps_the_item_at_final_review(
    office: Office, alice: User, bob: User, carol: User, hana: User
) -> None:
    item = at_final_review(draft(office.county, bob, text=WITH_IDENTITY), alice, carol)
    with pytest.raises(PublicationBlocked) as refused:
        final(item, hana, confirmation="家长同意公开")  # no reason lets a blocked text through
    assert refused.value.code == "gate_blocked"
    assert refused.value.message == (
        "保密审查未通过，不得公开：信息的标题、文号、正文或附件含有居民身份证号码，请修改后重新审查"
    )
    item.refresh_from_db()
    assert (item.stage, item.published_on) == ("final_review", None)
    review = PublicationReview.objects.get()
    assert (review.outcome, review.verdict, review.actor, review.confirmation) == (
        "blocked",
        "blocked",
        hana,
        "",
    )
    assert [(hit["code"], hit["masked"]) for hit in review.hits] == [("resident_id", "110***********002X")]
    assert not ReviewRecord.objects.filter(item=item, stage="final_review").exists()


def test_an_identity_number_in_an_attachments_name_blocks_too(
    office: Office, alice: User, bob: User, carol: User, hana: User
) -> None:
    upload = check_upload(
        SimpleUploadedFile(f"张三{IDENTITY}入学材料.pdf", PDF, content_type="application/pdf")
    )
    item = create_draft(body=office.county, actor=bob, fields=fields(), uploads=[upload])
    with pytest.raises(PublicationBlocked):
        final(at_final_review(item, alice, carol), hana)
    assert CatalogueItem.objects.get(pk=item.pk).stage == "final_review"
    hits = PublicationReview.objects.get().hits
    # The name is in the item's own text; the file itself (not a real PDF) cannot be read.
    assert [(hit["code"], hit.get("place", "")) for hit in hits] == [
        ("resident_id", ""),
        ("unreadable_attachment", "张三110***********002X入学材料.pdf"),
    ]


def test_a_term_of_the_negative_list_in_the_title_blocks(
    office: Office, alice: User, bob: User, carol: User, hana: User, frank: User
) -> None:
    save_rules(body=office.county, actor=frank, negative_terms=["学区划分"], allowed_contacts=[])
    item = at_final_review(draft(office.county, bob), alice, carol)
    with pytest.raises(PublicationBlocked):
        final(item, hana)
    assert CatalogueItem.objects.get(pk=item.pk).stage == "final_review"
    hits = PublicationReview.objects.get().hits
    assert [(hit["code"], hit["masked"], hit["start"]) for hit in hits] == [("negative_term", "学区划分", 11)]


def test_a_landline_needs_the_heads_reason_which_the_record_keeps(
    office: Office, alice: User, bob: User, carol: User, hana: User
) -> None:
    item = at_final_review(draft(office.county, bob, text=WITH_LANDLINE), alice, carol)
    with pytest.raises(ConfirmationRequired) as asked:
        final(item, hana)
    assert asked.value.code == "gate_confirmation_required"
    assert [hit.code for hit in asked.value.screening.hits] == ["landline_phone"]
    assert not PublicationReview.objects.exists()
    item = final(item, hana, confirmation="0373-5551234 为县教育局公开的招生咨询电话")
    assert item.stage == "published"
    review = PublicationReview.objects.get()
    assert (review.outcome, review.verdict, review.confirmation) == (
        "approved",
        "flagged",
        "0373-5551234 为县教育局公开的招生咨询电话",
    )


def test_a_blocked_item_returned_and_corrected_passes_at_the_next_final_review(
    office: Office, alice: User, bob: User, carol: User, hana: User
) -> None:
    item = at_final_review(draft(office.county, bob, text=WITH_IDENTITY), alice, carol)
    with pytest.raises(PublicationBlocked):
        final(item, hana)
    item = review_item(
        item=item, actor=hana, seen=Stage.FINAL_REVIEW, step=Step.RETURN, reason="删除身份证号", today=TODAY
    )
    edit_draft(item=item, actor=bob, fields=fields())
    item = publish(CatalogueItem.objects.get(pk=item.pk), alice, carol, hana)
    assert [review.outcome for review in reviews_of(item)] == ["approved", "blocked"]


def test_a_change_of_a_published_item_passes_the_gate_at_its_own_final_review(
    office: Office, alice: User, bob: User, carol: User, hana: User
) -> None:
    item = publish(draft(office.county, bob), alice, carol, hana)
    change = start_revision(
        item=item, actor=bob, fields=fields(text=WITH_IDENTITY, changed_on=dt.date(2025, 11, 3))
    )
    change = at_final_review(change, alice, carol)
    with pytest.raises(PublicationBlocked):
        final(change, hana)
    change.refresh_from_db()
    item.refresh_from_db()
    assert (change.stage, item.stage) == ("final_review", "published")  # the public still sees revision 1
    assert [review.outcome for review in reviews_of(change)] == ["blocked"]


def test_the_page_shows_a_blocked_final_review_with_its_reason_in_chinese(
    client: Client, office: Office, alice: User, bob: User, carol: User, hana: User, today: dt.date
) -> None:
    item = at_final_review(draft(office.county, bob, text=WITH_IDENTITY), alice, carol)
    response = logged_in(client, hana).post(
        reverse("catalogue:office_approve", args=[item.pk]), {"seen": "final_review"}, follow=True
    )
    page = response.content.decode()
    assert "保密审查未通过，不得公开：请退回起草人修改，原因见下" in page
    assert "保密审查未通过：不得公开" in page
    assert "居民身份证号码" in page and "<code>resident_id</code>" in page
    assert "身份证号110***********002X" in page
    assert page.count(IDENTITY) == 1  # in the item's own text, to its reviewers; never in the hits
    assert "保密审查记录" in page and "不得公开" in page
    item.refresh_from_db()
    assert item.stage == "final_review"


def test_the_page_asks_for_a_reason_for_a_landline_then_publishes(
    client: Client, office: Office, alice: User, bob: User, carol: User, hana: User, today: dt.date
) -> None:
    item = at_final_review(draft(office.county, bob, text=WITH_LANDLINE), alice, carol)
    client = logged_in(client, hana)
    url = reverse("catalogue:office_approve", args=[item.pk])
    asked = client.post(url, {"seen": "final_review"})
    assert asked.status_code == 409
    page = asked.content.decode()
    assert "需人工复核" in page and "固定电话号码" in page and "<code>landline_phone</code>" in page
    assert 'name="confirmation"' in page
    done = client.post(url, {"seen": "final_review", "confirmation": "招生咨询电话，已公开"}, follow=True)
    page = done.content.decode()
    assert "已审核通过并发布（已通过保密审查）" in page
    assert "准予公开（需人工复核后公开），复核意见：招生咨询电话，已公开" in page
    item.refresh_from_db()
    assert item.stage == "published"


def test_a_stale_second_review_page_is_not_taken_as_the_final_review(
    client: Client, office: Office, alice: User, bob: User, carol: User, hana: User, today: dt.date
) -> None:
    item = at_final_review(draft(office.county, bob), alice, carol)
    response = logged_in(client, hana).post(
        reverse("catalogue:office_approve", args=[item.pk]), {"seen": "second_review"}, follow=True
    )
    assert "不再是您打开时的“待复审”" in response.content.decode()
    assert not PublicationReview.objects.exists()
