"""Publishing a reply through the 保密审查: clean, blocked then revised, flagged, and who may not."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from gongkai.proposals import ProposalError
from gongkai_web.accounts.models import User
from gongkai_web.applications.services import NotPermitted
from gongkai_web.gate.models import PublicationReview
from gongkai_web.gate.queries import passed_gate
from gongkai_web.gate.services import ConfirmationRequired, save_rules
from gongkai_web.personas import Office
from gongkai_web.proposals import services
from gongkai_web.proposals.models import Proposal, Publication, Reply
from gongkai_web.proposals.queries import published_replies, published_reply, refusal_of
from gongkai_web.proposals.tests.conftest import IDENTITY, REPLY, requested

BLOCKED_REPLY = REPLY + f"经核实，领衔代表李明（身份证号{IDENTITY}）反映的学位缺口属实。"
LANDLINE_REPLY = REPLY + "联系单位：县教育局基础教育股，联系电话：0373-5551234。"


def test_a_clean_reply_is_published_with_its_review_linked(
    office: Office, suggestion: Proposal, bob: User, carol: User
) -> None:
    reply = requested(suggestion, bob)

    review = services.publish_reply(reply=reply, actor=carol)

    reply.refresh_from_db()
    assert (review.outcome, review.verdict, review.subject, review.actor) == (
        "approved",
        "clean",
        reply,
        carol,
    )
    assert (reply.publication, reply.review) == (Publication.PUBLISHED, review)
    assert passed_gate(reply, reply.publishable_text()) == review
    assert published_replies(office.county, 2025)[suggestion.kind_enum] == [reply]
    assert published_reply(office.county, suggestion.pk) == reply


def test_an_identity_number_is_refused_with_its_reason_then_the_revised_reply_passes(
    office: Office, suggestion: Proposal, bob: User, carol: User
) -> None:
    reply = requested(suggestion, bob, BLOCKED_REPLY)

    blocked = services.publish_reply(reply=reply, actor=carol)

    reply.refresh_from_db()
    assert (blocked.outcome, reply.publication, reply.review) == ("blocked", Publication.REFUSED, None)
    refusal = refusal_of(reply)
    assert refusal is not None and refusal.review == blocked and not refusal.revised
    assert [(hit.code, hit.masked) for hit in refusal.hits] == [("resident_id", "110***********002X")]
    assert published_reply(office.county, suggestion.pk) is None
    with pytest.raises(ProposalError) as refused:
        services.publish_reply(reply=reply, actor=carol)  # refused stays refused until resubmitted
    assert refused.value.code == "publication_not_requested"

    services.revise_reply(reply=reply, text=REPLY, actor=bob)
    reply.refresh_from_db()
    assert refusal_of(reply) == type(refusal)(blocked, refusal.hits, revised=True)
    services.request_reply_publication(reply=reply, actor=bob)
    approved = services.publish_reply(reply=reply, actor=carol)

    reply.refresh_from_db()
    assert (approved.outcome, reply.publication, reply.review) == (
        "approved",
        Publication.PUBLISHED,
        approved,
    )
    assert list(PublicationReview.objects.values_list("outcome", flat=True).order_by("pk")) == [
        "blocked",
        "approved",
    ]


def test_a_term_of_the_negative_list_in_the_title_blocks_the_reply(
    office: Office, suggestion: Proposal, bob: User, carol: User, frank: User
) -> None:
    save_rules(body=office.county, actor=frank, negative_terms=["城区学校扩容"], allowed_contacts=[])
    review = services.publish_reply(reply=requested(suggestion, bob), actor=carol)
    assert [(hit["code"], hit["masked"]) for hit in review.hits] == [
        ("negative_term", "城区学校扩容"),
        ("negative_term", "城区学校扩容"),
    ]  # in the title and in the reply's first sentence
    assert Reply.objects.get().publication == Publication.REFUSED


def test_a_landline_needs_the_reviewers_reason_and_nothing_is_recorded_without_it(
    suggestion: Proposal, bob: User, carol: User
) -> None:
    reply = requested(suggestion, bob, LANDLINE_REPLY)

    with pytest.raises(ConfirmationRequired) as asked:
        services.publish_reply(reply=reply, actor=carol)

    assert [hit.code for hit in asked.value.screening.hits] == ["landline_phone"]
    assert (Reply.objects.get().publication, PublicationReview.objects.count()) == (Publication.REQUESTED, 0)
    review = services.publish_reply(reply=reply, actor=carol, confirmation="县教育局基础教育股公开的办公电话")
    assert (review.confirmation, Reply.objects.get().publication) == (
        "县教育局基础教育股公开的办公电话",
        Publication.PUBLISHED,
    )


@pytest.mark.parametrize("who", ["bob", "alice", "dave", "olga"])
def test_only_a_reviewer_or_the_head_of_the_body_publishes(
    suggestion: Proposal, bob: User, who: str, request: pytest.FixtureRequest
) -> None:
    reply = requested(suggestion, bob)
    with pytest.raises(NotPermitted) as refused:
        services.publish_reply(reply=reply, actor=request.getfixturevalue(who))
    assert refused.value.code == "proposal_not_publisher"
    assert (Reply.objects.get().publication, PublicationReview.objects.count()) == (Publication.REQUESTED, 0)


def test_the_head_publishes_too(suggestion: Proposal, bob: User, hana: User) -> None:
    assert services.publish_reply(reply=requested(suggestion, bob), actor=hana).approved


def test_a_reply_not_submitted_is_not_reviewed(suggestion: Proposal, bob: User, carol: User) -> None:
    reply = services.record_reply(
        proposal=suggestion, text=REPLY, replied_on=timezone.localdate(), outcome="A", actor=bob
    )
    with pytest.raises(ProposalError) as refused:
        services.publish_reply(reply=reply, actor=carol)
    assert (refused.value.code, PublicationReview.objects.count()) == ("publication_not_requested", 0)


def test_a_published_reply_is_not_revised_and_a_revision_must_change_something(
    suggestion: Proposal, bob: User, carol: User, erin: User
) -> None:
    reply = requested(suggestion, bob)
    with pytest.raises(ProposalError) as unchanged:
        services.revise_reply(reply=reply, text=f"  {REPLY} ", actor=bob)
    with pytest.raises(NotPermitted) as elsewhere:
        services.revise_reply(reply=reply, text="改", actor=erin)  # 办公室 only co-handles
    services.publish_reply(reply=reply, actor=carol)
    with pytest.raises(ProposalError) as published:
        services.revise_reply(reply=reply, text="改", actor=bob)
    assert (unchanged.value.code, elsewhere.value.code, published.value.code) == (
        "reply_unchanged",
        "proposal_not_handler",
        "reply_published",
    )
    assert Reply.objects.get().text == REPLY


def test_the_database_refuses_a_published_reply_without_its_review(suggestion: Proposal, bob: User) -> None:
    reply = requested(suggestion, bob)
    with pytest.raises(IntegrityError), transaction.atomic():
        Reply.objects.filter(pk=reply.pk).update(
            publication=Publication.PUBLISHED, published_at=timezone.now()
        )
