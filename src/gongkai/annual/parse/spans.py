"""Finding national labels in a printed row whose label may be split over several cells."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from gongkai.annual.parse.document import TextCell
from gongkai.annual.parse.numbers import BLANK, read_cell
from gongkai.formats import LabelIndex

T = TypeVar("T")

MAX_SPAN = 4  # a label is seen split over at most this many cells


@dataclass(frozen=True, slots=True)
class SpanMatch(Generic[T]):
    target: T
    start: int
    end: int  # exclusive cell index
    printed: str


def is_value(cell: TextCell) -> bool:
    return read_cell(cell.text).number is not None


def is_blank(cell: TextCell) -> bool:
    return read_cell(cell.text) is BLANK


def match_at(cells: Sequence[TextCell], start: int, index: LabelIndex[T]) -> SpanMatch[T] | None:
    """The longest run of cells from ``start`` whose joined text is a label of ``index``.

    A misprinted label is not matched here: `gongkai.annual.parse.scan.Vocabulary.closest`
    recognises one where nothing printed whole was found.
    """
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
    return best
