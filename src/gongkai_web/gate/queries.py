"""Reads of the gate: the rules in force, the contacts a body publishes, a scan without a record."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import QuerySet

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
    def of(cls, hit: Hit) -> HitRecord:
        return cls(hit.code, hit.severity.value, hit.start, hit.end, hit.masked, hit.excerpt)

    def stored(self) -> dict[str, object]:
        return {
            "code": self.code,
            "severity": self.severity,
            "start": self.start,
            "end": self.end,
            "masked": self.masked,
            "excerpt": self.excerpt,
        }


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


def screen(body: Body, text: str) -> Screening:
    """Scan ``text`` with the body's rules in force; nothing is recorded."""
    rules = current_rules(body)
    hits = screener_for(body, rules).scan(text)
    return Screening(verdict(hits), tuple(HitRecord.of(hit) for hit in hits), rules)


def text_digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def reviews_of(subject: models.Model) -> QuerySet[PublicationReview]:
    """Every review of ``subject``, the latest first."""
    return PublicationReview.objects.filter(
        content_type=ContentType.objects.get_for_model(subject), object_id=subject.pk
    ).select_related("actor", "content_type")


def passed_gate(subject: models.Model, text: str) -> PublicationReview | None:
    """The latest approving review of exactly ``text`` as ``subject``; None if the text has not passed.

    Publishing code asks this right before it publishes: a text changed after its review has a
    different digest and must be reviewed again.
    """
    latest = reviews_of(subject).filter(text_sha256=text_digest(text)).first()
    if latest is None or latest.outcome != ReviewOutcome.APPROVED:
        return None
    return latest


def hits_of(review: PublicationReview) -> list[HitRecord]:
    return [HitRecord(**hit) for hit in review.hits]


def reviews_with_hits(subject: models.Model) -> list[tuple[PublicationReview, list[HitRecord]]]:
    """Every review of ``subject`` with its masked hits, the latest first (for a review history)."""
    return [(review, hits_of(review)) for review in reviews_of(subject)]


def blocked_as_it_stands(
    reviews: list[tuple[PublicationReview, list[HitRecord]]], text: str
) -> tuple[PublicationReview, list[HitRecord]] | None:
    """The latest of ``reviews`` if it blocked exactly ``text``: the refusal still to be shown.

    A text changed since (a revised answer, an edited draft) waits for a new review instead.
    """
    if not reviews:
        return None
    review, hits = reviews[0]
    if review.approved or review.text_sha256 != text_digest(text):
        return None
    return review, hits


def recent_reviews(body: Body, limit: int = 50) -> QuerySet[PublicationReview]:
    return PublicationReview.objects.filter(body=body).select_related("actor", "content_type")[:limit]
