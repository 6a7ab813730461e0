"""The publication gate's scanner: personal data and 负面清单 terms in a text about to be published.

Nothing becomes public (catalogue items, answers to messages, replies to proposals, annual
reports, reply letters) before a 保密审查; this scanner is its automatic part. ``scan`` lists every
hit with its kind, exact offsets and a masked excerpt; ``verdict`` says whether the text is
blocked, flagged for a person to look at, or clean::

    >>> hits = scan("申请人张三，身份证号11010519491231002X，电话0517-83605210。", allow=["0517-83605210"])
    >>> [(hit.code, hit.start, hit.end, hit.masked) for hit in hits]
    [('resident_id', 10, 28, '110***********002X')]
    >>> verdict(hits).value
    'blocked'

A `Hit` does not carry the raw text it points at: hits travel into logs, review records and API
answers, and the masked excerpt says enough to find the place. The kinds, their codes and
severities are in `gongkai.screening.kinds` and ``docs/screening.md``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from gongkai.privacy import mask_address, mask_identity_document, mask_number, mask_text
from gongkai.screening.addresses import personal_addresses
from gongkai.screening.contacts import AllowList, allow_list, emails, landline_phones, mobile_phones
from gongkai.screening.folding import fold_case, fold_width
from gongkai.screening.kinds import Kind, Severity
from gongkai.screening.numbers import bank_cards, first_generation_ids, resident_ids, travel_documents
from gongkai.screening.spans import Span
from gongkai.screening.terms import compile_terms, negative_terms

__all__ = ["Hit", "Kind", "Screener", "Severity", "Verdict", "scan", "verdict"]

EXCERPT_CONTEXT = 12  # characters shown on either side of a hit
# Where personal hits overlap, the earlier kind here wins: a checked identity number over a card
# number that happens to pass Luhn, a number over the e-mail address it is the name of.
_PRECEDENCE = (
    Kind.RESIDENT_ID,
    Kind.BANK_CARD,
    Kind.TRAVEL_DOCUMENT,
    Kind.MOBILE_PHONE,
    Kind.LANDLINE_PHONE,
    Kind.RESIDENT_ID_SUSPECT,
    Kind.EMAIL,
    Kind.PERSONAL_ADDRESS,
)
_NUMBER_KINDS = frozenset(
    {Kind.RESIDENT_ID, Kind.RESIDENT_ID_SUSPECT, Kind.BANK_CARD, Kind.MOBILE_PHONE, Kind.LANDLINE_PHONE}
)
_LINE_BREAKS = re.compile(r"[\r\n\t]")


@dataclass(frozen=True, slots=True)
class Hit:
    """One finding of the scanner: ``text[start:end]`` is the hit in the scanned text."""

    kind: Kind
    start: int
    end: int
    masked: str  # the hit's own characters with the personal part hidden (same length)
    excerpt: str  # the hit with up to EXCERPT_CONTEXT characters either side, all personal data masked

    @property
    def code(self) -> str:
        return self.kind.code

    @property
    def severity(self) -> Severity:
        return self.kind.severity

    @property
    def explanation(self) -> str:
        return self.kind.explanation


class Verdict(StrEnum):
    BLOCKED = "blocked"
    FLAGGED = "flagged"
    CLEAN = "clean"

    @property
    def label(self) -> str:
        return {
            Verdict.BLOCKED: "不得公开：含有个人信息或负面清单事项",
            Verdict.FLAGGED: "需人工复核后公开",
            Verdict.CLEAN: "未发现个人信息或负面清单事项",
        }[self]


def verdict(hits: Iterable[Hit]) -> Verdict:
    """Blocked if any hit blocks, flagged if any hit asks for a look, clean otherwise."""
    severities = {hit.severity for hit in hits}
    if Severity.BLOCK in severities:
        return Verdict.BLOCKED
    if Severity.FLAG in severities:
        return Verdict.FLAGGED
    return Verdict.CLEAN


class Screener:
    """A body's scanner: its published contacts and its 负面清单 compiled once, for many texts."""

    def __init__(self, *, allow: Iterable[str] = (), negative_terms: Iterable[str] = ()) -> None:
        self._allowed: AllowList = allow_list(allow)
        self._terms = compile_terms(negative_terms)

    def scan(self, text: str) -> list[Hit]:
        """Every hit in ``text``, in order of position (offsets are those of ``text`` itself)."""
        folded = fold_width(text)
        personal = _without_overlaps(
            [
                *resident_ids(folded),
                *first_generation_ids(folded),
                *bank_cards(folded),
                *travel_documents(folded),
                *mobile_phones(folded, self._allowed),
                *landline_phones(folded, self._allowed),
                *emails(folded, self._allowed),
                *personal_addresses(folded),
            ]
        )
        terms = list(negative_terms(fold_case(text), self._terms)) if self._terms else []
        masked = _masked_text(text, personal)
        return [
            Hit(
                kind=span.kind,
                start=span.start,
                end=span.end,
                masked=masked[span.start : span.end],
                excerpt=_LINE_BREAKS.sub(
                    " ", masked[max(0, span.start - EXCERPT_CONTEXT) : span.end + EXCERPT_CONTEXT]
                ),
            )
            for span in sorted([*personal, *terms], key=lambda span: (span.start, span.end, span.kind.code))
        ]


def scan(text: str, *, allow: Iterable[str] = (), negative_terms: Iterable[str] = ()) -> list[Hit]:
    """Every hit in ``text``; ``allow`` lists the body's published phone numbers and mailboxes,
    ``negative_terms`` its 政务公开负面清单. For many texts, build one `Screener`."""
    return Screener(allow=allow, negative_terms=negative_terms).scan(text)


def _without_overlaps(spans: list[Span]) -> list[Span]:
    """The spans left when each one that overlaps a span of a stronger kind is dropped."""
    kept: list[Span] = []
    for span in sorted(spans, key=lambda span: (_PRECEDENCE.index(span.kind), span.start)):
        if all(span.end <= other.start or other.end <= span.start for other in kept):
            kept.append(span)
    return kept


def _masked_text(text: str, spans: list[Span]) -> str:
    """``text`` with every personal span masked in place (each mask keeps the length)."""
    pieces: list[str] = []
    position = 0
    for span in sorted(spans, key=lambda span: span.start):
        pieces += [text[position : span.start], _mask(span.kind, text[span.start : span.end])]
        position = span.end
    pieces.append(text[position:])
    return "".join(pieces)


def _mask(kind: Kind, value: str) -> str:
    if kind in _NUMBER_KINDS:
        return mask_number(value)
    match kind:
        case Kind.TRAVEL_DOCUMENT:
            return mask_identity_document(value)
        case Kind.EMAIL:
            return mask_text(value)
        case Kind.PERSONAL_ADDRESS:
            return mask_address(value)
    raise AssertionError(kind)
