"""Reading a body's 建议提案: the list of a year with its filters, and the year's figures."""

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
from gongkai_web.proposals.models import CoHandling, Feedback, Proposal


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
