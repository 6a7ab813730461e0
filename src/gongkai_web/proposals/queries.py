"""Reading a body's 建议提案: the list of a year with its filters, the year's figures, and the
replies published after the 保密审查."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet

from gongkai.proposals import (
    HandledProposal,
    HandlingFigures,
    HandlingStatus,
    ProposalKind,
    Satisfaction,
    handling_figures,
    handling_status,
)
from gongkai_web.bodies.models import Body
from gongkai_web.gate.models import PublicationReview
from gongkai_web.gate.queries import HitRecord, hits_of, reviews_of, text_digest
from gongkai_web.proposals.models import CoHandling, Feedback, Proposal, Publication, Reply


def _with_records(proposals: QuerySet[Proposal]) -> QuerySet[Proposal]:
    return proposals.select_related("lead_department", "reply").prefetch_related(
        Prefetch("co_handlings", CoHandling.objects.select_related("department")),
        Prefetch("feedback", Feedback.objects.order_by("received_on", "pk")),
    )


def latest_satisfaction(proposal: Proposal) -> Satisfaction | None:
    """The latest feedback of ``proposal`` (prefetched by the queries here)."""
    feedback = list(proposal.feedback.all())
    return Satisfaction(feedback[-1].satisfaction) if feedback else None


def replied_on(proposal: Proposal) -> dt.date | None:
    reply = getattr(proposal, "reply", None)
    return None if reply is None else reply.replied_on


def status_of(proposal: Proposal, today: dt.date) -> HandlingStatus:
    return handling_status(due_on=proposal.due_on, replied_on=replied_on(proposal), today=today)


@dataclass(frozen=True)
class Listed:
    proposal: Proposal
    status: HandlingStatus
    satisfaction: Satisfaction | None


def proposals_of(
    *,
    body: Body,
    year: int,
    today: dt.date,
    kind: ProposalKind | None = None,
    department_id: int | None = None,
    status: HandlingStatus | None = None,
) -> list[Listed]:
    """The proposals assigned to ``body`` in ``year``, filtered; ``department_id`` matches the lead
    department and the co-handling ones."""
    proposals = Proposal.objects.filter(body=body, assigned_on__year=year)
    if kind is not None:
        proposals = proposals.filter(kind=kind.value)
    if department_id is not None:
        led = proposals.filter(lead_department_id=department_id)
        proposals = led | proposals.filter(co_handlings__department_id=department_id)
    listed = [
        Listed(proposal, status_of(proposal, today), latest_satisfaction(proposal))
        for proposal in _with_records(proposals.distinct()).order_by("kind", "session", "number", "pk")
    ]
    return [item for item in listed if status is None or item.status is status]


def handled(proposals: Iterable[Proposal]) -> list[HandledProposal]:
    return [
        HandledProposal(ProposalKind(p.kind), p.assigned_on, p.due_on, replied_on(p), latest_satisfaction(p))
        for p in proposals
    ]


def figures_for(*, body: Body, year: int, as_of: dt.date) -> HandlingFigures:
    """The figures of the proposals assigned to ``body`` in ``year``, as they stand on ``as_of``."""
    return handling_figures(
        handled(_with_records(Proposal.objects.filter(body=body, assigned_on__year=year))), as_of=as_of
    )


def years_of(body: Body) -> list[int]:
    """The years with proposals assigned to ``body``, the latest first."""
    dates = Proposal.objects.filter(body=body).dates("assigned_on", "year", order="DESC")
    return [day.year for day in dates]


def _published(body: Body) -> QuerySet[Reply]:
    return Reply.objects.filter(proposal__body=body, publication=Publication.PUBLISHED).select_related(
        "proposal__lead_department", "review"
    )


def _as_reviewed(reply: Reply) -> bool:
    """Whether the reply shows exactly the text its approving review saw (belt and braces: a reply
    cannot be revised once published, but nothing reaches the public that the gate did not pass)."""
    return reply.review is not None and reply.review.text_sha256 == text_digest(reply.publishable_text())


def published_years(body: Body) -> list[int]:
    """The years (of assignment) with published replies of ``body``, the latest first."""
    dates = _published(body).dates("proposal__assigned_on", "year", order="DESC")
    return [day.year for day in dates]


def published_replies(body: Body, year: int) -> dict[ProposalKind, list[Reply]]:
    """The published replies to the 建议 and 提案 assigned to ``body`` in ``year``, by kind and number."""
    replies = _published(body).filter(proposal__assigned_on__year=year)
    by_kind: dict[ProposalKind, list[Reply]] = {kind: [] for kind in ProposalKind}
    for reply in sorted(replies, key=lambda r: (r.proposal.session, _number_key(r.proposal.number))):
        if _as_reviewed(reply):
            by_kind[reply.proposal.kind_enum].append(reply)
    return by_kind


def _number_key(number: str) -> tuple[int, str]:
    """第 8 号 before 第 12 号: numbers compare as numbers where they are numbers."""
    return (int(number), "") if number.isdigit() else (10**9, number)


def published_reply(body: Body, proposal_pk: int) -> Reply | None:
    """The published reply to ``body``'s proposal ``proposal_pk``; None if there is none."""
    reply = _published(body).filter(proposal_id=proposal_pk).first()
    return reply if reply is not None and _as_reviewed(reply) else None


@dataclass(frozen=True)
class Refusal:
    """The 保密审查 that refused the reply, with its masked hits; ``revised`` once the text changed."""

    review: PublicationReview
    hits: list[HitRecord]
    revised: bool


def refusal_of(reply: Reply) -> Refusal | None:
    """Why a reply stands refused (审查未通过): its latest review, if that one blocked it."""
    if reply.publication != Publication.REFUSED:
        return None
    latest = reviews_of(reply).first()
    if latest is None or latest.approved:
        return None
    return Refusal(latest, hits_of(latest), latest.text_sha256 != text_digest(reply.publishable_text()))
