"""Splitting digits that were printed without separators into the numbers of a row.

A crawler that glues every cell of a table together turns the row 35 · 2 · 0 · 0 · 0 · 0 · 37
into ``3520000037``. The row's own identity decides where one number ends: in section 三 the
seventh value is the sum of the six before it (C3), in section 四 each block of five ends with
the sum of its four results (C7). `splits` enumerates the ways to cut the printed chunks into
the row's numbers — a number has no leading zero unless it is ``0`` itself — and keeps the
ways that satisfy the identities. The caller accepts a unique split and reports any other
outcome; the search is bounded, and a search that runs out of budget is reported too.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

MAX_DIGITS = 9  # no count in an annual report has more digits than this
SEARCH_BUDGET = 200_000  # partial splits tried before giving up


@dataclass(frozen=True, slots=True)
class Shape:
    """What a row of numbers looks like: blocks of ``block`` numbers, each ending with its total
    when ``totals`` is set (section 三: one block of 7; section 四: three blocks of 5)."""

    blocks: int
    block: int
    totals: bool

    @property
    def width(self) -> int:
        return self.blocks * self.block


@dataclass(frozen=True, slots=True)
class Splits:
    """The splits found; ``exhausted`` when the budget ran out before the search ended."""

    candidates: tuple[tuple[int, ...], ...]
    exhausted: bool = False


def needs_split(chunks: Sequence[str], shape: Shape) -> bool:
    """Fewer printed chunks than the row has numbers, and enough digits to hold them all."""
    return len(chunks) < shape.width and sum(len(chunk) for chunk in chunks) >= shape.width


def splits(chunks: Sequence[str], shape: Shape, limit: int = 16) -> Splits:
    """Every way (up to ``limit``) to cut ``chunks`` into ``shape.width`` numbers fitting the shape.

    A boundary between chunks is always a boundary between numbers; only digits inside a
    chunk are cut. Chunks that are not plain digits (``7730.28``, ``12件``) are not cut: none
    is found.
    """
    if not chunks or any(not (chunk.isdigit() and chunk.isascii()) for chunk in chunks):
        return Splits(())
    budget = [SEARCH_BUDGET]
    found: list[tuple[int, ...]] = []
    digits_after = [sum(len(chunk) for chunk in chunks[index + 1 :]) for index in range(len(chunks))]
    for candidate in _search(chunks, digits_after, 0, 0, [], shape, budget):
        found.append(candidate)
        if len(found) >= limit:
            break
    return Splits(tuple(found), exhausted=budget[0] <= 0)


def _search(
    chunks: Sequence[str],
    digits_after: list[int],
    chunk: int,
    offset: int,
    taken: list[int],
    shape: Shape,
    budget: list[int],
) -> Iterator[tuple[int, ...]]:
    """Depth-first: the next number starts at ``chunks[chunk][offset]``."""
    budget[0] -= 1
    if budget[0] <= 0:
        return
    if chunk == len(chunks):
        if len(taken) == shape.width:
            yield tuple(taken)
        return
    text = chunks[chunk]
    remaining_numbers = shape.width - len(taken)
    if len(chunks) - chunk - 1 >= remaining_numbers:
        return  # the current chunk and every later one need a number of their own
    if len(text) - offset + digits_after[chunk] < remaining_numbers:
        return  # too few digits left
    position_in_block = len(taken) % shape.block
    for length in _lengths(text, offset):
        end = offset + length
        value = int(text[offset:end])
        if shape.totals and position_in_block == shape.block - 1:
            block = taken[len(taken) - position_in_block :]
            if value != sum(block):
                continue
        taken.append(value)
        if end == len(text):
            yield from _search(chunks, digits_after, chunk + 1, 0, taken, shape, budget)
        else:
            yield from _search(chunks, digits_after, chunk, end, taken, shape, budget)
        taken.pop()


def _lengths(text: str, offset: int) -> range:
    """Lengths of the numbers that may start at ``offset``: ``0`` stands alone."""
    if text[offset] == "0":
        return range(1, 2)
    return range(1, min(MAX_DIGITS, len(text) - offset) + 1)
