"""建议提案办理结果公开: the replies a body published after the 保密审查, by year and kind, on the portal.

Only replies whose publishable text passed the gate are shown (`queries.published_replies`); any
other is "not found". What deputies, members and officers typed reaches the page only through
Django's autoescaping.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_safe

from gongkai.proposals import ProposalKind
from gongkai_web.bodies.models import Body
from gongkai_web.portal.queries import bodies_served
from gongkai_web.proposals.queries import published_replies, published_reply, published_years


@require_safe
def index(request: HttpRequest) -> HttpResponse:
    bodies = bodies_served()
    if len(bodies) == 1:
        return redirect("public_proposals:body", body_id=bodies[0].pk)
    return render(request, "proposals/public_index.html", {"bodies": bodies})


@require_safe
def body_replies(request: HttpRequest, body_id: int, year: int | None = None) -> HttpResponse:
    """One year's published replies (the latest year with any, unless ``year`` is given)."""
    body = get_object_or_404(Body, pk=body_id)
    years = published_years(body)
    if year is None:
        year = years[0] if years else None
    elif year not in years:
        raise Http404(f"{year}年没有公开的答复")
    replies = published_replies(body, year) if year is not None else {}
    sections = [(kind, replies.get(kind, [])) for kind in ProposalKind]
    return render(
        request,
        "proposals/public_body.html",
        {"body": body, "year": year, "years": years, "sections": sections},
    )


@require_safe
def reply(request: HttpRequest, body_id: int, pk: int) -> HttpResponse:
    body = get_object_or_404(Body, pk=body_id)
    found = published_reply(body, pk)
    if found is None:
        raise Http404("没有这件建议提案的公开答复")
    return render(
        request,
        "proposals/public_reply.html",
        {"body": body, "reply": found, "proposal": found.proposal, "kind": found.proposal.kind_enum},
    )
