"""A detector's raw answer: which kind of hit lies between which offsets of the scanned text."""

from __future__ import annotations

from typing import NamedTuple

from gongkai.screening.kinds import Kind


class Span(NamedTuple):
    kind: Kind
    start: int
    end: int


def keyword_before(folded: str, start: int, keywords: tuple[str, ...], *, window: int) -> bool:
    """Whether one of ``keywords`` ends within ``window`` characters before ``start``."""
    before = folded[max(0, start - window) : start]
    return any(keyword in before for keyword in keywords)
