"""The 保密审查: what the scan blocks, what it flags, what passes, and what the record keeps.

The subject under review is 张三's application of the personas (a reply letter about to go on a
public page would be reviewed as it); any saved object can be a subject.
"""

from __future__ import annotations

import pytest
from django.core import serializers
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from gongkai_web.accounts.models import User
from gongkai_web.appendonly import AppendOnlyError
from gongkai_web.applications.models import Application
from gongkai_web.applications.services import NotPermitted
from gongkai_web.catalogue.models import GuideSettings
from gongkai_web.gate.models import PublicationReview
from gongkai_web.gate.queries import hits_of, passed_gate, reviews_of
from gongkai_web.gate.services import ConfirmationRequired, review_for_publication, save_rules
from gongkai_web.personas import Office
from gongkai_web.portal.models import HelpDesk

IDENTITY = "11010519491231002X"  # GB 11643's own example: a valid check character
CLEAN = "经查，2025年本县城区共有义务教育学校12所，招生划片范围已于8月15日在县政府网站公布。"
WITH_IDENTITY = f"申请人张三（身份证号{IDENTITY}）反映的学位问题，经核实已妥善解决。"
WITH_LANDLINE = "如有疑问，请联系县教育局基础教育股，电话0373-5551234。"


def test_a_clean_answer_is_approved_and_recorded_with_its_reviewer(
    office: Office, carol: User, application: Application
) -> None:
    review = review_for_publication(body=office.county, subject=application, text=CLEAN, actor=carol)
    assert (review.verdict, review.outcome, review.approved, review.hits) == ("clean", "approved", True, [])
    assert (review.actor, review.text_length, review.confirmation) == (carol, len(CLEAN), "")
    assert passed_gate(application, CLEAN) == review


def test_an_identity_number_blocks_publication_and_the_record_holds_it_masked_only(
    office: Office, carol: User, application: Application
) -> None:
    review = review_for_publication(body=office.county, subject=application, text=WITH_IDENTITY, actor=carol)
    assert (review.verdict, review.outcome, review.approved) == ("blocked", "blocked", False)
    [hit] = hits_of(review)
    assert (hit.code, hit.severity, hit.masked) == ("resident_id", "block", "110***********002X")
    assert hit.excerpt == "申请人张三（身份证号110***********002X）反映的学位问题，经核实"
    assert hit.label == "居民身份证号码"
    stored = serializers.serialize("json", PublicationReview.objects.all())
    assert IDENTITY not in stored and "19491231" not in stored
    assert passed_gate(application, WITH_IDENTITY) is None


def test_blocked_content_is_not_approved_even_with_a_reason(
    office: Office, carol: User, application: Application
) -> None:
    review = review_for_publication(
        body=office.county, subject=application, text=WITH_IDENTITY, actor=carol, confirmation="本人同意公开"
    )
    assert (review.outcome, review.confirmation) == ("blocked", "")


def test_the_database_refuses_an_approved_review_of_blocked_content(
    office: Office, carol: User, application: Application
) -> None:
    review = review_for_publication(body=office.county, subject=application, text=WITH_IDENTITY, actor=carol)
    forged = PublicationReview(
        body=office.county,
        content_type=review.content_type,
        object_id=application.pk,
        text_sha256=review.text_sha256,
        text_length=review.text_length,
        verdict="blocked",
        outcome="approved",
        actor=carol,
    )
    with pytest.raises(IntegrityError):
        forged.save()


def test_flagged_content_needs_a_reason_and_nothing_is_recorded_without_one(
    office: Office, carol: User, application: Application
) -> None:
    with pytest.raises(ConfirmationRequired) as asked:
        review_for_publication(body=office.county, subject=application, text=WITH_LANDLINE, actor=carol)
    assert asked.value.code == "gate_confirmation_required"
    assert [hit.code for hit in asked.value.screening.hits] == ["landline_phone"]
    assert not PublicationReview.objects.exists()

    review = review_for_publication(
        body=office.county,
        subject=application,
        text=WITH_LANDLINE,
        actor=carol,
        confirmation="0373-5551234 是县教育局基础教育股的办公电话",
    )
    assert (review.verdict, review.outcome) == ("flagged", "approved")
    assert review.confirmation == "0373-5551234 是县教育局基础教育股的办公电话"


def test_the_phone_and_mailbox_the_body_publishes_in_its_guide_pass(
    office: Office, carol: User, application: Application
) -> None:
    HelpDesk.objects.create(body=office.county, phone="0373-5551234")
    GuideSettings.objects.create(body=office.county, email="xzfgk@163.com")
    text = "如有疑问请致电0373-5551234，或发送邮件至XZFGK@163.com。"
    review = review_for_publication(body=office.county, subject=application, text=text, actor=carol)
    assert (review.verdict, review.outcome) == ("clean", "approved")


def test_a_term_of_the_bodys_negative_list_blocks_and_the_review_names_the_rules_in_force(
    office: Office, frank: User, carol: User, application: Application
) -> None:
    rules = save_rules(
        body=office.county, actor=frank, negative_terms=["招标控制价", "内部讨论稿"], allowed_contacts=[]
    )
    text = "本项目招标控制价为312万元。"
    review = review_for_publication(body=office.county, subject=application, text=text, actor=carol)
    assert (review.outcome, review.rules) == ("blocked", rules)
    assert [(hit.code, hit.masked) for hit in hits_of(review)] == [("negative_term", "招标控制价")]


def test_an_approval_holds_for_its_exact_text_only(
    office: Office, carol: User, application: Application
) -> None:
    review_for_publication(body=office.county, subject=application, text=CLEAN, actor=carol)
    assert passed_gate(application, CLEAN + "特此答复。") is None


def test_a_later_block_of_the_same_text_withdraws_the_earlier_approval(
    office: Office, frank: User, carol: User, application: Application
) -> None:
    review_for_publication(body=office.county, subject=application, text=CLEAN, actor=carol)
    save_rules(body=office.county, actor=frank, negative_terms=["招生划片"], allowed_contacts=[])
    review_for_publication(body=office.county, subject=application, text=CLEAN, actor=carol)
    assert passed_gate(application, CLEAN) is None
    assert [review.outcome for review in reviews_of(application)] == ["blocked", "approved"]


@pytest.mark.parametrize("who", ["bob", "frank", "dave", "olga"])
def test_only_a_reviewer_or_head_of_the_body_reviews(
    office: Office, application: Application, who: str, request: pytest.FixtureRequest
) -> None:
    with pytest.raises(NotPermitted) as refused:
        review_for_publication(
            body=office.county, subject=application, text=CLEAN, actor=request.getfixturevalue(who)
        )
    assert refused.value.code == "gate_not_reviewer"
    assert not PublicationReview.objects.exists()


def test_the_head_reviews_too(office: Office, hana: User, application: Application) -> None:
    assert review_for_publication(body=office.county, subject=application, text=CLEAN, actor=hana).approved


def test_a_review_record_is_neither_changed_nor_deleted(
    office: Office, carol: User, application: Application
) -> None:
    review = review_for_publication(body=office.county, subject=application, text=CLEAN, actor=carol)
    review.confirmation = "改写"
    with pytest.raises(AppendOnlyError):
        review.save()
    with pytest.raises(AppendOnlyError):
        review.delete()
    with pytest.raises(AppendOnlyError):
        PublicationReview.objects.filter(pk=review.pk).update(outcome="blocked")


def test_an_overlong_confirmation_is_refused(office: Office, carol: User, application: Application) -> None:
    with pytest.raises(ValidationError) as refused:
        review_for_publication(
            body=office.county, subject=application, text=WITH_LANDLINE, actor=carol, confirmation="理" * 501
        )
    assert refused.value.code == "gate_confirmation_too_long"
    assert not PublicationReview.objects.exists()
