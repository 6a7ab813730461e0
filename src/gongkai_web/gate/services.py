"""The publication gate: a 保密审查 recorded before anything becomes public, and the rules it applies.

`review_for_publication` is what a publishing service calls (docs/gate.md): it scans the text with
the body's rules, and records who reviewed it, when, the verdict and the masked hits.

- blocked (an identity number, a mobile number, a 负面清单 term …): recorded as 不得公开 and returned;
  no confirmation can approve it — the text must change;
- flagged (a landline, a mailbox not on the body's list …): approved only with a reviewer's stated
  reason; without one `ConfirmationRequired` is raised and nothing is recorded;
- clean: approved.

The blocked record is returned, not raised: a caller that raised inside its own transaction would
roll the record back, and the attempt belongs in the audit trail.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction

from gongkai.filetext import FileText
from gongkai.screening import Kind, Verdict
from gongkai.screening.contacts import allow_list
from gongkai_web.accounts.models import User
from gongkai_web.applications.services import NotPermitted
from gongkai_web.bodies.models import Body
from gongkai_web.gate.access import may_edit_rules, may_review
from gongkai_web.gate.models import GateRules, PublicationReview, ReviewOutcome
from gongkai_web.gate.queries import Screening, current_rules, screen, text_digest

CONFIRMATION_MAX = 500
TERM_MAX = 50  # characters of one 负面清单 term
TERMS_MAX = 500
CONTACTS_MAX = 100
CONTACT_MAX = 100


class ConfirmationRequired(ValidationError):  # noqa: N818  -- a question put to the reviewer, not a fault
    """Flagged content: a reviewer must look at the hits and confirm with a reason."""

    def __init__(self, screening: Screening) -> None:
        kinds = "、".join(dict.fromkeys(hit.label for hit in screening.hits))
        super().__init__(
            f"自动扫描发现需人工复核的内容（{kinds}），请逐条核对，确认可以公开的须写明理由",
            code="gate_confirmation_required",
        )
        self.screening = screening


class PublicationBlocked(ValidationError):  # noqa: N818  -- the gate's verdict, raised to the caller
    """Raised by a publishing service once the 不得公开 record is committed: nothing was published.

    ``review`` is that record; its masked hits say why (`queries.hits_of`). Raise it only outside
    the transaction that wrote the record, or the record is rolled back with it.
    """

    def __init__(self, review: PublicationReview, what: str) -> None:
        kinds = "、".join(dict.fromkeys(Kind(hit["code"]).label for hit in review.hits))
        super().__init__(
            f"保密审查未通过，不得公开：{what}含有{kinds}，请修改后重新审查", code="gate_blocked"
        )
        self.review = review


@transaction.atomic
def review_for_publication(
    *,
    body: Body,
    subject: models.Model,
    text: str,
    actor: User,
    confirmation: str = "",
    attachments: Sequence[FileText] = (),
) -> PublicationReview:
    """Record the 保密审查 of ``text``, to be published as ``subject`` (a saved object of any model).

    ``attachments`` are the files published with it, as `gongkai.filetext` read them: their text
    is scanned too, and one that could not be read is flagged.

    Returns the record; publish only if ``record.approved``. Raises NotPermitted when ``actor`` is
    not a reviewer or head of ``body``, ConfirmationRequired for flagged content without
    ``confirmation``, ValidationError for a confirmation longer than CONFIRMATION_MAX.
    """
    if not may_review(actor, body):
        raise NotPermitted(
            f"{actor} 不是{body.name}的审核人员或负责人，不能进行保密审查", code="gate_not_reviewer"
        )
    if subject.pk is None:
        raise ValueError("the subject of a review must be saved first")
    reason = confirmation.strip()
    if len(reason) > CONFIRMATION_MAX:
        raise ValidationError(
            f"复核意见不能超过 {CONFIRMATION_MAX} 字，实际为 {len(reason)} 字",
            code="gate_confirmation_too_long",
        )
    screening = screen(body, text, attachments)
    if screening.verdict is Verdict.FLAGGED and not reason:
        raise ConfirmationRequired(screening)
    blocked = screening.verdict is Verdict.BLOCKED
    return PublicationReview.objects.create(
        body=body,
        content_type=ContentType.objects.get_for_model(subject),
        object_id=subject.pk,
        text_sha256=text_digest(text, [(file.name, file.sha256) for file in attachments]),
        text_length=len(text) + sum(len(file.text) for file in attachments),
        verdict=screening.verdict.value,
        outcome=ReviewOutcome.BLOCKED if blocked else ReviewOutcome.APPROVED,
        hits=[hit.stored() for hit in screening.hits],
        confirmation="" if blocked or screening.verdict is Verdict.CLEAN else reason,
        rules=screening.rules,
        actor=actor,
    )


@transaction.atomic
def save_rules(
    *, body: Body, actor: User, negative_terms: Iterable[str], allowed_contacts: Iterable[str]
) -> GateRules:
    """A new version of the body's rules (by its administrator or head); the current one if nothing changed.

    Blank lines and repeats are dropped. A term longer than TERM_MAX, more than TERMS_MAX terms or
    CONTACTS_MAX contacts, or a contact in which no phone number, mailbox or digits can be read
    raises ValidationError and stores nothing.
    """
    if not may_edit_rules(actor, body):
        raise NotPermitted(
            f"{actor} 不是{body.name}的管理员或负责人，不能修改政务公开负面清单", code="gate_not_rule_editor"
        )
    Body.objects.select_for_update().get(pk=body.pk)  # one new version at a time
    terms = _cleaned(negative_terms)
    contacts = _cleaned(allowed_contacts)
    _check_terms(terms)
    _check_contacts(contacts)
    current = current_rules(body)
    if current is not None and (current.negative_terms, current.allowed_contacts) == (terms, contacts):
        return current
    return GateRules.objects.create(
        body=body, negative_terms=terms, allowed_contacts=contacts, changed_by=actor
    )


def _cleaned(lines: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(" ".join(line.split()) for line in lines if line.strip()))


def _check_terms(terms: list[str]) -> None:
    if len(terms) > TERMS_MAX:
        raise ValidationError(
            f"负面清单最多 {TERMS_MAX} 项，实际为 {len(terms)} 项", code="gate_too_many_terms"
        )
    for term in terms:
        if len(term) > TERM_MAX:
            raise ValidationError(
                f"负面清单的每一项不能超过 {TERM_MAX} 个字：“{term[:TERM_MAX]}…”", code="gate_term_too_long"
            )


def _check_contacts(contacts: list[str]) -> None:
    if len(contacts) > CONTACTS_MAX:
        raise ValidationError(
            f"公开的电话和邮箱最多 {CONTACTS_MAX} 项，实际为 {len(contacts)} 项",
            code="gate_too_many_contacts",
        )
    for contact in contacts:
        allowed = allow_list([contact])
        if len(contact) > CONTACT_MAX or not (allowed.numbers or allowed.emails):
            raise ValidationError(
                f"“{contact[:CONTACT_MAX]}”不是电话号码或电子邮箱，每行请只写一个号码或邮箱",
                code="gate_contact_unreadable",
            )
