"""Reads of the gate: the rules in force, the contacts a body publishes, a scan without a record."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import QuerySet

from gongkai.filetext import FileText
from gongkai.screening import Hit, Kind, Screener, Verdict, verdict
from gongkai_web.bodies.models import Body
from gongkai_web.catalogue.models import GuideSettings
from gongkai_web.gate.models import GateRules, PublicationReview, ReviewOutcome
from gongkai_web.portal.models import HelpDesk


@dataclass(frozen=True)
class PublishedContact:
    """A phone number or mailbox the body publishes in its guide: allowed in published text."""

    label: str
    value: str


@dataclass(frozen=True)
class HitRecord:
    """A hit as stored in a review and shown on pages: masked data only."""

    code: str
    severity: str
    start: int
    end: int
    masked: str
    excerpt: str
    place: str = ""  # the attachment the hit is in, its name masked; "" for the text itself

    @property
    def kind(self) -> Kind:
        return Kind(self.code)

    @property
    def label(self) -> str:
        return self.kind.label

    @property
    def explanation(self) -> str:
        return self.kind.explanation

    @property
    def severity_label(self) -> str:
        return self.kind.severity.label

    @classmethod
    def of(cls, hit: Hit, place: str = "") -> HitRecord:
        return cls(hit.code, hit.severity.value, hit.start, hit.end, hit.masked, hit.excerpt, place)

    def stored(self) -> dict[str, object]:
        stored: dict[str, object] = {
            "code": self.code,
            "severity": self.severity,
            "start": self.start,
            "end": self.end,
            "masked": self.masked,
            "excerpt": self.excerpt,
        }
        if self.place:
            stored["place"] = self.place
        return stored


@dataclass(frozen=True)
class Screening:
    """The scanner's answer on a text for a body, before anyone decides."""

    verdict: Verdict
    hits: tuple[HitRecord, ...]
    rules: GateRules | None

    @property
    def blocking(self) -> tuple[HitRecord, ...]:
        return tuple(hit for hit in self.hits if hit.severity == "block")


def current_rules(body: Body) -> GateRules | None:
    """The version of the body's rules in force (the latest), or None before the first is saved."""
    return GateRules.objects.filter(body=body).order_by("-pk").first()


def published_contacts(body: Body) -> list[PublishedContact]:
    """The contacts the body already publishes: the help desk's phone, the guide's fax and e-mail."""
    found: list[PublishedContact] = []
    desk = HelpDesk.objects.filter(body=body).first()
    if desk is not None and desk.phone:
        found.append(PublishedContact("咨询电话（公众服务联系方式）", desk.phone))
    guide = GuideSettings.objects.filter(body=body).first()
    if guide is not None:
        if guide.fax:
            found.append(PublishedContact("传真（政府信息公开指南）", guide.fax))
        if guide.email:
            found.append(PublishedContact("电子邮箱（政府信息公开指南）", guide.email))
    return found


def screener_for(body: Body, rules: GateRules | None) -> Screener:
    allowed = [contact.value for contact in published_contacts(body)]
    if rules is None:
        return Screener(allow=allowed)
    return Screener(allow=[*allowed, *rules.allowed_contacts], negative_terms=rules.negative_terms)


@dataclass(frozen=True)
class ScannedText:
    """The text and its attachments' text as one, with where each attachment's part starts.

    A hit is in the attachment whose part starts last before it; its record names that attachment.
    """

    text: str
    parts: tuple[tuple[int, FileText], ...]  # (offset of the part, the attachment)

    @classmethod
    def of(cls, text: str, attachments: Sequence[FileText]) -> ScannedText:
        pieces = [text]
        parts = []
        offset = len(text)
        for attachment in attachments:
            head = "\n\n"  # the name is not repeated: it is in the text already, and hits name it
            parts.append((offset + len(head), attachment))
            pieces += [head, attachment.text]
            offset += len(head) + len(attachment.text)
        return cls("".join(pieces), tuple(parts))

    def attachment_at(self, position: int) -> FileText | None:
        found = None
        for start, attachment in self.parts:
            if start <= position:
                found = attachment
        return found


def screen(body: Body, text: str, attachments: Sequence[FileText] = ()) -> Screening:
    """Scan ``text`` and the text of ``attachments`` with the body's rules in force; nothing is recorded.

    A hit in an attachment names it (masked); an attachment whose words could not all be read
    adds a flag (`Kind.UNREADABLE_ATTACHMENT`), so that a person checks it before it is published.
    """
    rules = current_rules(body)
    screener = screener_for(body, rules)
    scanned = ScannedText.of(text, attachments)
    hits = screener.scan(scanned.text)
    records = []
    for hit in hits:
        attachment = scanned.attachment_at(hit.start)
        records.append(HitRecord.of(hit, "" if attachment is None else masked(screener, attachment.name)))
    unreadable = [
        HitRecord(
            code=Kind.UNREADABLE_ATTACHMENT.code,
            severity=Kind.UNREADABLE_ATTACHMENT.severity.value,
            start=start,
            end=start,
            masked="",
            excerpt=masked(screener, attachment.message),
            place=masked(screener, attachment.name),
        )
        for start, attachment in scanned.parts
        if not attachment.readable
    ]
    found = verdict(hits)
    if unreadable and found is Verdict.CLEAN:
        found = Verdict.FLAGGED
    return Screening(found, (*records, *unreadable), rules)


def masked(screener: Screener, value: str) -> str:
    """``value`` with every personal hit in it replaced by its masked form (a file name, a message)."""
    for hit in reversed(screener.scan(value)):
        value = value[: hit.start] + hit.masked + value[hit.end :]
    return value


def text_digest(text: str, files: Iterable[tuple[str, str]] = ()) -> str:
    """SHA-256 of a published text and of the files published with it, as (name, SHA-256) pairs.

    An attachment's text follows from its bytes, so its digest stands for it: a page can tell
    whether a review still applies without reading the files again.
    """
    digest = hashlib.sha256(text.encode("utf-8"))
    for name, sha256 in files:
        digest.update(f"\0{name}\0{sha256}".encode())
    return digest.hexdigest()


def reviews_of(subject: models.Model) -> QuerySet[PublicationReview]:
    """Every review of ``subject``, the latest first."""
    return PublicationReview.objects.filter(
        content_type=ContentType.objects.get_for_model(subject), object_id=subject.pk
    ).select_related("actor", "content_type")


def passed_gate(
    subject: models.Model, text: str, files: Iterable[tuple[str, str]] = ()
) -> PublicationReview | None:
    """The latest approving review of exactly ``text`` as ``subject``; None if the text has not passed.

    Publishing code asks this right before it publishes: a text changed after its review has a
    different digest and must be reviewed again.
    """
    latest = reviews_of(subject).filter(text_sha256=text_digest(text, files)).first()
    if latest is None or latest.outcome != ReviewOutcome.APPROVED:
        return None
    return latest


def hits_of(review: PublicationReview) -> list[HitRecord]:
    return [HitRecord(**hit) for hit in review.hits]


def reviews_with_hits(subject: models.Model) -> list[tuple[PublicationReview, list[HitRecord]]]:
    """Every review of ``subject`` with its masked hits, the latest first (for a review history)."""
    return [(review, hits_of(review)) for review in reviews_of(subject)]


def blocked_as_it_stands(
    reviews: list[tuple[PublicationReview, list[HitRecord]]], text: str, files: Iterable[tuple[str, str]] = ()
) -> tuple[PublicationReview, list[HitRecord]] | None:
    """The latest of ``reviews`` if it blocked exactly ``text``: the refusal still to be shown.

    A text changed since (a revised answer, an edited draft) waits for a new review instead.
    """
    if not reviews:
        return None
    review, hits = reviews[0]
    if review.approved or review.text_sha256 != text_digest(text, files):
        return None
    return review, hits


def recent_reviews(body: Body, limit: int = 50) -> QuerySet[PublicationReview]:
    return PublicationReview.objects.filter(body=body).select_related("actor", "content_type")[:limit]
