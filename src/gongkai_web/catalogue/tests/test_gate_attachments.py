"""The 保密审查 at 终审 reads the attachments' contents: real DOCX, XLSX, PDF and image files made here."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from attachmentfiles import NOTICE_TITLE, PNG, clean_pdf, payment_xlsx, subsidy_list_docx
from gongkai.filetext import NamedFile, extract_text
from gongkai_web.accounts.models import User
from gongkai_web.applications.attachments import check_upload
from gongkai_web.catalogue.models import CatalogueItem
from gongkai_web.catalogue.services import create_draft
from gongkai_web.catalogue.tests.conftest import at_final_review, fields, final
from gongkai_web.gate.models import PublicationReview
from gongkai_web.gate.services import ConfirmationRequired, PublicationBlocked
from gongkai_web.personas import Office, logged_in


def with_file(office: Office, bob: User, alice: User, carol: User, name: str, data: bytes) -> CatalogueItem:
    """The county's plan with one attachment, waiting for 终审."""
    upload = check_upload(SimpleUploadedFile(name, data))
    item = create_draft(body=office.county, actor=bob, fields=fields(), uploads=[upload])
    return at_final_review(item, alice, carol)


def test_an_identity_number_in_a_docx_table_blocks_and_the_hit_names_the_attachment(
    office: Office, alice: User, bob: User, carol: User, hana: User
) -> None:
    item = with_file(office, bob, alice, carol, "临时救助名单.docx", subsidy_list_docx())
    with pytest.raises(PublicationBlocked) as refused:
        final(item, hana, confirmation="已征得本人同意")
    assert refused.value.message == (
        "保密审查未通过，不得公开：信息的标题、文号、正文或附件含有居民身份证号码，请修改后重新审查"
    )
    assert CatalogueItem.objects.get(pk=item.pk).stage == "final_review"
    review = PublicationReview.objects.get()
    assert (review.outcome, review.verdict) == ("blocked", "blocked")
    assert [(hit["code"], hit["masked"], hit["place"]) for hit in review.hits] == [
        ("resident_id", "410***********0317", "临时救助名单.docx")
    ]
    assert "19850612" not in str(review.hits)  # masked only: the birth date never stored


def test_a_clean_pdf_attachment_passes_and_its_text_counts_in_the_review(
    office: Office, alice: User, bob: User, carol: User, hana: User
) -> None:
    item = with_file(office, bob, alice, carol, "学区划分通知.pdf", clean_pdf())
    item = final(item, hana)
    assert item.stage == "published"
    review = PublicationReview.objects.get()
    assert (review.outcome, review.verdict, review.hits) == ("approved", "clean", [])
    pdf_text = extract_text(NamedFile("学区划分通知.pdf", clean_pdf())).text
    assert NOTICE_TITLE in pdf_text
    assert review.text_length == len(item.publication_text()) + len(pdf_text)


def test_an_image_attachment_cannot_be_checked_and_needs_the_heads_reason(
    office: Office, alice: User, bob: User, carol: User, hana: User
) -> None:
    item = with_file(office, bob, alice, carol, "学区示意图.png", PNG)
    with pytest.raises(ConfirmationRequired) as asked:
        final(item, hana)
    assert [(hit.code, hit.place, hit.excerpt, hit.explanation) for hit in asked.value.screening.hits] == [
        (
            "unreadable_attachment",
            "学区示意图.png",
            "PNG 图片中的文字无法自动读取",
            "附件无法自动检查，请人工核对（图片、扫描件、加密或损坏的文件，或读取超出时间、大小限制）",
        )
    ]
    assert not PublicationReview.objects.exists()
    item = final(item, hana, confirmation="示意图只有学区边界，已人工核对，无个人信息")
    assert item.stage == "published"
    review = PublicationReview.objects.get()
    assert (review.verdict, review.confirmation) == ("flagged", "示意图只有学区边界，已人工核对，无个人信息")


def test_a_bank_card_in_an_attached_xlsx_blocks_the_final_review_with_the_workbook_named(
    office: Office, alice: User, bob: User, carol: User, hana: User
) -> None:
    item = with_file(office, bob, alice, carol, "补贴发放明细.xlsx", payment_xlsx())
    with pytest.raises(PublicationBlocked):
        final(item, hana, confirmation="已核对")
    assert CatalogueItem.objects.get(pk=item.pk).stage == "final_review"
    review = PublicationReview.objects.get()
    assert (review.approved, review.verdict) == (False, "blocked")
    assert [(hit["code"], hit["masked"], hit["place"]) for hit in review.hits] == [
        ("bank_card", "622************0128", "补贴发放明细.xlsx")
    ]


def test_the_page_shows_which_attachment_blocked_the_final_review(
    client: Client, office: Office, alice: User, bob: User, carol: User, hana: User, today: dt.date
) -> None:
    item = with_file(office, bob, alice, carol, "临时救助名单.docx", subsidy_list_docx())
    response = logged_in(client, hana).post(
        reverse("catalogue:office_approve", args=[item.pk]), {"seen": "final_review"}, follow=True
    )
    page = response.content.decode()
    assert "保密审查未通过，不得公开：请退回起草人修改，原因见下" in page
    assert "附件《临时救助名单.docx》：" in page
    assert "410***********0317" in page
