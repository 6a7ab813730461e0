"""Finding national labels in a printed row whose label may be split over several cells."""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from gongkai.annual.parse.document import TextCell
from gongkai.annual.parse.numbers import read_cell
from gongkai.formats import LabelIndex, normalise

T = TypeVar("T")

MAX_SPAN = 4  # a label is seen split over at most this many cells
FUZZY_RATIO = 0.8  # similarity above which a misprinted label is still recognised
FUZZY_MARGIN = 0.08  # ... provided no other label is nearly as similar
FUZZY_MIN_LENGTH = 5


@dataclass(frozen=True, slots=True)
class SpanMatch(Generic[T]):
    target: T
    start: int
    end: int  # exclusive cell index
    printed: str
    fuzzy: bool = False


def is_value(cell: TextCell) -> bool:
    return read_cell(cell.text).number is not None


def is_blank(cell: TextCell) -> bool:
    return read_cell(cell.text).is_blank


def match_at(
    cells: Sequence[TextCell], start: int, index: LabelIndex[T], *, fuzzy: bool = False
) -> SpanMatch[T] | None:
    """The longest run of cells from ``start`` whose joined text is a label of ``index``."""
    best: SpanMatch[T] | None = None
    text = ""
    for end in range(start + 1, min(len(cells), start + MAX_SPAN) + 1):
        cell = cells[end - 1]
        if is_value(cell) or is_blank(cell):
            break
        text += cell.text
        found = index.match(text)
        if found is not None:
            best = SpanMatch(found.target, start, end, text)
    if best is None and fuzzy:
        best = _fuzzy(cells[start].text, start, index)
    return best


def _fuzzy(printed: str, start: int, index: LabelIndex[T]) -> SpanMatch[T] | None:
    key = normalise(printed)
    if len(key) < FUZZY_MIN_LENGTH:
        return None
    best: dict[T, float] = {}
    for candidate in index.keys():  # noqa: SIM118 - LabelIndex is not a dict
        found = index.match(candidate)
        assert found is not None
        ratio = difflib.SequenceMatcher(None, key, candidate).ratio()
        best[found.target] = max(ratio, best.get(found.target, 0.0))
    ranked = sorted(best.items(), key=lambda item: item[1], reverse=True)
    if not ranked or ranked[0][1] < FUZZY_RATIO:
        return None
    if len(ranked) > 1 and ranked[0][1] - ranked[1][1] < FUZZY_MARGIN:
        return None
    return SpanMatch(ranked[0][0], start, start + 1, printed, fuzzy=True)
