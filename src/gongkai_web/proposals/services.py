"""Recording 建议提案办理: registration, import, co-handling opinions, the reply, the feedback, and
the publication of the reply through the 保密审查 (`gongkai_web.gate`).

Each service checks who may act (`access`) and what the rules allow (`gongkai.proposals`), and
writes in one transaction; a refusal is a `ProposalError` with a stable code and a Chinese message.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone

from gongkai.proposals import ProposalError, ProposalKind, Satisfaction, check_dates, co_due, outcome_class
from gongkai_web.accounts.models import User
from gongkai_web.bodies.models import Body, Department
from gongkai_web.gate.models import PublicationReview
from gongkai_web.gate.services import review_for_publication
from gongkai_web.proposals.access import require_keep, require_publish, require_work
from gongkai_web.proposals.models import CoHandling, Feedback, Proposal, Publication, Reply


@dataclass(frozen=True)
class ProposalFields:
    """What registering a proposal takes; ``co_due_on`` None means the usual month (`co_due`)."""

    kind: ProposalKind
    session: str
    number: str
    title: str
    proposer: str
    assigned_on: dt.date
    due_on: dt.date
    lead_department: Department
    co_departments: tuple[Department, ...] = ()
    co_due_on: dt.date | None = None

    def same_as(self, proposal: Proposal) -> bool:
        """Whether ``proposal`` is this registration already (an import run twice)."""
        stored_co = {co.department_id: co.due_on for co in proposal.co_handlings.all()}
        return (
            proposal.title == self.title
            and proposal.proposer == self.proposer
            and proposal.assigned_on == self.assigned_on
            and proposal.due_on == self.due_on
            and proposal.lead_department_id == self.lead_department.pk
            and stored_co == {department.pk: self.co_due for department in self.co_departments}
        )

    @property
    def co_due(self) -> dt.date:
        return self.co_due_on or co_due(self.assigned_on)


def check_fields(*, body: Body, fields: ProposalFields) -> None:
    """`ProposalError` for a registration the rules refuse, before anything is written."""
    for name, label in (
        ("session", "届次"),
        ("number", "编号"),
        ("title", "标题"),
        ("proposer", "代表或委员"),
    ):
        if not getattr(fields, name).strip():
            raise ProposalError(f"{label}未填写", code=f"{name}_missing")
    check_dates(assigned_on=fields.assigned_on, due_on=fields.due_on)
    if fields.co_due < fields.assigned_on:
        raise ProposalError(
            f"协办意见期限 {fields.co_due} 早于交办日期 {fields.assigned_on}", code="co_due_before_assigned"
        )
    for department in (fields.lead_department, *fields.co_departments):
        if department.body_id != body.pk:
            raise ProposalError(f"{department.name}不是{body.name}的股室", code="department_elsewhere")
    if fields.lead_department in fields.co_departments:
        raise ProposalError(
            f"{fields.lead_department.name}已是主办股室，不能同时协办", code="lead_also_co_handling"
        )
    if len(set(fields.co_departments)) != len(fields.co_departments):
        raise ProposalError("同一股室重复列为协办", code="co_handling_repeated")


@transaction.atomic
def register_proposal(*, body: Body, fields: ProposalFields, actor: User) -> Proposal:
    require_keep(actor, body)
    check_fields(body=body, fields=fields)
    if Proposal.objects.filter(
        body=body, kind=fields.kind.value, session=fields.session, number=fields.number
    ).exists():
        raise ProposalError(
            f"{fields.session}{fields.kind.short}{fields.number}已经登记", code="duplicate_number"
        )
    return _create(body=body, fields=fields, actor=actor)


def _create(*, body: Body, fields: ProposalFields, actor: User) -> Proposal:
    try:
        with transaction.atomic():
            proposal = Proposal.objects.create(
                body=body, kind=fields.kind.value, session=fields.session.strip(),
                number=fields.number.strip(), title=fields.title.strip(), proposer=fields.proposer.strip(),
                assigned_on=fields.assigned_on, due_on=fields.due_on,
                lead_department=fields.lead_department, created_by=actor,
            )  # fmt: skip
    except IntegrityError:  # registered by someone else in the meantime
        raise ProposalError(
            f"{fields.session}{fields.kind.short}{fields.number}已经登记", code="duplicate_number"
        ) from None
    CoHandling.objects.bulk_create(
        CoHandling(proposal=proposal, department=department, due_on=fields.co_due)
        for department in fields.co_departments
    )
    return proposal


@dataclass(frozen=True)
class ImportSummary:
    created: int
    unchanged: int

    def __str__(self) -> str:
        return f"新登记 {self.created} 件，已登记且内容相同 {self.unchanged} 件"


@dataclass(frozen=True)
class ImportConflict:
    """A row whose 编号 is registered already with other content (row number, what differs)."""

    row: int
    message: str


@transaction.atomic
def import_proposals(
    *, body: Body, rows: Sequence[tuple[int, ProposalFields]], actor: User
) -> ImportSummary | list[ImportConflict]:
    """Register every row not yet registered; a row registered already with the same content is
    left as it is (importing a file twice changes nothing). If any row's 编号 is registered with
    other content, nothing is written and the conflicts are returned."""
    require_keep(actor, body)
    stored = {
        (proposal.kind, proposal.session, proposal.number): proposal
        for proposal in Proposal.objects.filter(body=body).prefetch_related("co_handlings")
    }
    new: list[ProposalFields] = []
    conflicts: list[ImportConflict] = []
    for number, fields in rows:
        check_fields(body=body, fields=fields)
        existing = stored.get((fields.kind.value, fields.session, fields.number))
        if existing is None:
            new.append(fields)
        elif not fields.same_as(existing):
            conflicts.append(
                ImportConflict(
                    number, f"{fields.session}{fields.kind.short}{fields.number}已登记，但内容与本行不同"
                )
            )
    if conflicts:
        return conflicts
    for fields in new:
        _create(body=body, fields=fields, actor=actor)
    return ImportSummary(created=len(new), unchanged=len(rows) - len(new))


@transaction.atomic
def record_co_opinion(
    *, co_handling: CoHandling, opinion: str, opinion_on: dt.date, actor: User
) -> CoHandling:
    co_handling = (
        CoHandling.objects.select_for_update().select_related("proposal__body").get(pk=co_handling.pk)
    )
    proposal = co_handling.proposal
    require_work(actor, proposal.body, co_handling.department)
    if co_handling.opinion_on is not None:
        raise ProposalError(f"{co_handling.department.name}的协办意见已经录入", code="opinion_recorded")
    if not opinion.strip():
        raise ProposalError("协办意见未填写", code="opinion_missing")
    if opinion_on < proposal.assigned_on:
        raise ProposalError(
            f"提出意见日期 {opinion_on} 早于交办日期 {proposal.assigned_on}", code="opinion_before_assigned"
        )
    co_handling.opinion, co_handling.opinion_on, co_handling.opinion_by = opinion.strip(), opinion_on, actor
    co_handling.save(update_fields=["opinion", "opinion_on", "opinion_by"])
    return co_handling


@transaction.atomic
def record_reply(*, proposal: Proposal, text: str, replied_on: dt.date, outcome: str, actor: User) -> Reply:
    proposal = (
        Proposal.objects.select_for_update().select_related("body", "lead_department").get(pk=proposal.pk)
    )
    require_work(actor, proposal.body, proposal.lead_department)
    if Reply.objects.filter(proposal=proposal).exists():
        raise ProposalError("该件已经答复", code="reply_recorded")
    if not text.strip():
        raise ProposalError("答复内容未填写", code="reply_text_missing")
    check_dates(assigned_on=proposal.assigned_on, due_on=proposal.due_on, replied_on=replied_on)
    outcome_class(outcome)
    return Reply.objects.create(
        proposal=proposal, text=text.strip(), replied_on=replied_on, outcome=outcome, recorded_by=actor
    )


@transaction.atomic
def record_feedback(
    *, proposal: Proposal, satisfaction: Satisfaction, received_on: dt.date, note: str, actor: User
) -> Feedback:
    require_keep(actor, proposal.body)
    reply = Reply.objects.filter(proposal=proposal).first()
    if reply is None:
        raise ProposalError("尚未答复，不能录入代表、委员的反馈意见", code="feedback_before_reply")
    if received_on < reply.replied_on:
        raise ProposalError(
            f"反馈日期 {received_on} 早于答复日期 {reply.replied_on}", code="feedback_before_reply_date"
        )
    return Feedback.objects.create(
        proposal=proposal, satisfaction=satisfaction.value, received_on=received_on, note=note.strip(),
        recorded_by=actor,
    )  # fmt: skip


@transaction.atomic
def request_reply_publication(*, reply: Reply, actor: User) -> Reply:
    """Ask for the reply to be published: it waits for the publication gate (保密审查 and the
    personal-data scan of `Reply.publishable_text`), which alone sets PUBLISHED or REFUSED."""
    reply = _locked(reply)
    require_work(actor, reply.proposal.body, reply.proposal.lead_department)
    if reply.publication not in (Publication.NOT_REQUESTED, Publication.REFUSED):
        raise ProposalError(f"该答复{reply.get_publication_display()}", code="publication_requested")
    reply.publication = Publication.REQUESTED
    reply.save(update_fields=["publication"])
    return reply


def _locked(reply: Reply) -> Reply:
    return (
        Reply.objects.select_for_update(of=("self",))
        .select_related("proposal__body", "proposal__lead_department")
        .get(pk=reply.pk)
    )


@transaction.atomic
def revise_reply(*, reply: Reply, text: str, actor: User) -> Reply:
    """Change the text of a reply that is not public (after the 保密审查 refused it, say); its date,
    class and publication status stay: a refused reply is submitted for review again."""
    reply = _locked(reply)
    require_work(actor, reply.proposal.body, reply.proposal.lead_department)
    if reply.publication == Publication.PUBLISHED:
        raise ProposalError("答复已经公开，不能修改", code="reply_published")
    revised = text.strip()
    if not revised:
        raise ProposalError("答复内容未填写", code="reply_text_missing")
    if revised == reply.text:
        raise ProposalError("答复内容没有变化", code="reply_unchanged")
    reply.text = revised
    reply.save(update_fields=["text"])
    return reply


@transaction.atomic
def publish_reply(*, reply: Reply, actor: User, confirmation: str = "") -> PublicationReview:
    """Put a reply waiting for publication through the 保密审查 and publish it if approved.

    The gate scans `Reply.publishable_text` (everything the public page shows). Approved → 已公开
    with the review linked; blocked → 审查未通过 and the review (with its masked hits) is returned,
    not raised, so that it stays in the record. Raises NotPermitted for someone who is not a
    reviewer or head of the body, `ProposalError` for a reply not waiting for publication, and the
    gate's ConfirmationRequired for flagged text without the reviewer's reason (nothing changes).
    """
    reply = _locked(reply)
    require_publish(actor, reply.proposal.body)
    if reply.publication != Publication.REQUESTED:
        raise ProposalError(
            f"该答复{reply.get_publication_display()}，不在待公开审查中", code="publication_not_requested"
        )
    review = review_for_publication(
        body=reply.proposal.body,
        subject=reply,
        text=reply.publishable_text(),
        actor=actor,
        confirmation=confirmation,
    )
    if review.approved:
        reply.publication, reply.review, reply.published_at = Publication.PUBLISHED, review, timezone.now()
    else:
        reply.publication = Publication.REFUSED
    reply.save(update_fields=["publication", "review", "published_at"])
    return review
