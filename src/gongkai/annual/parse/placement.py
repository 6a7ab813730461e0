"""Placing rows of values whose label was lost, by the order the national format prints rows in.

Broken conversions separate a row's numbers from its label (the label lands lines away, or is
cut into pieces that several labels share). The national format fixes the order of the rows,
so a row of values without a usable label still has a place: between the labelled rows printed
before and after it. `place` assigns each such row a row of the format, keeping reading order
and format order the same, using what the print does say (the candidates a piece of label
allows). When exactly one assignment fits, it is taken; when none or several do, the rows are
left for the caller to report — never guessed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Placement:
    """Row index (in format order) for each item, or None where it could not be decided."""

    rows: tuple[int | None, ...]
    undecided: tuple[int, ...]  # items that could not be placed


def place(candidates: Sequence[frozenset[int] | None], row_count: int) -> Placement:
    """Assign rows to items given each item's candidate rows (None: any row).

    An item with a single candidate is an anchor and keeps it (of two items naming the same
    row, the first keeps it and the second is left undecided). Items between two anchors are
    placed in the rows between those anchors that no anchor took, in order.
    """
    rows: list[int | None] = [None] * len(candidates)
    taken: set[int] = set()
    undecided: set[int] = set()
    for item, allowed in enumerate(candidates):
        if allowed is not None and len(allowed) == 1:
            (row,) = allowed
            if row in taken:
                undecided.add(item)
            else:
                rows[item] = row
                taken.add(row)
    item = 0
    while item < len(candidates):
        if rows[item] is not None or item in undecided:
            item += 1
            continue
        gap_end = item
        while gap_end < len(candidates) and rows[gap_end] is None and gap_end not in undecided:
            gap_end += 1
        gap = range(item, gap_end)
        high = _anchor_after(rows, gap_end)
        slots = [
            row
            for row in range(_anchor_before(rows, item) + 1, row_count if high is None else high)
            if row not in taken
        ]
        assignment = _unique_assignment([candidates[index] for index in gap], slots)
        if assignment is None:
            undecided.update(gap)
        else:
            for index, row in zip(gap, assignment, strict=True):
                rows[index] = row
                taken.add(row)
        item = gap_end
    return Placement(tuple(rows), tuple(sorted(undecided)))


def _anchor_before(rows: list[int | None], item: int) -> int:
    for index in range(item - 1, -1, -1):
        row = rows[index]
        if row is not None:
            return row
    return -1


def _anchor_after(rows: list[int | None], item: int) -> int | None:
    for index in range(item, len(rows)):
        row = rows[index]
        if row is not None:
            return row
    return None


def _fits(allowed: frozenset[int] | None, row: int) -> bool:
    return allowed is None or row in allowed


def _unique_assignment(items: list[frozenset[int] | None], slots: list[int]) -> list[int] | None:
    """The one order-keeping assignment of ``items`` to distinct ``slots``, if there is exactly one.

    ``ways[i][j]`` counts (up to 2) the assignments of items i.. to slots j.. .
    """
    count, width = len(items), len(slots)
    if count > width:
        return None
    ways = [[0] * (width + 1) for _ in range(count + 1)]
    ways[count] = [1] * (width + 1)
    for index in range(count - 1, -1, -1):
        for slot in range(width - 1, -1, -1):
            here = ways[index + 1][slot + 1] if _fits(items[index], slots[slot]) else 0
            ways[index][slot] = min(2, here + ways[index][slot + 1])
    if ways[0][0] != 1:
        return None
    assignment: list[int] = []
    slot = 0
    for index in range(count):
        while not (_fits(items[index], slots[slot]) and ways[index + 1][slot + 1] == 1):
            slot += 1
        assignment.append(slots[slot])
        slot += 1
    return assignment
