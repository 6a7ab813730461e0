"""Section 三 as printed: rows of values, each with what the print says about which row it is.

The clean case is a table row holding its label and its seven values. Everything else seen in
published reports is reduced to the same `Entry`:

* a label split over cells, after group labels (``（三）不予公开 | 4.保护第三方合法权益 | …``);
* a label printed alone, its values on the next rows or lines (text flattened from PDF has one
  cell per line: the label wrapped over lines, then seven numbers);
* labels and values separated: a run of labels, then a run of values — one table row each, or
  one number per line in row order or in column order (pdfminer reads a table page column by
  column). Labels and rows are paired in order when their counts agree; the row-total
  identity (C3) decides between row and column order;
* a label glued to its numbers (``行政许可 97``, ``…申请数量352000037``);
* values whose label was lost or cut into a piece several labels share: they keep what the
  piece allows, and `gongkai.annual.parse.placement` places them by the format's row order.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import pairwise

from gongkai.annual.findings import SourceRef
from gongkai.annual.parse.digits import Shape, needs_split
from gongkai.annual.parse.document import Row, TextCell
from gongkai.annual.parse.numbers import read_cell
from gongkai.annual.parse.orientation import orient
from gongkai.annual.parse.scan import Hit, Numbers, Vocabulary, scan
from gongkai.annual.parse.spans import SpanMatch, is_blank, is_value
from gongkai.annual.parse.tablereading import FLATTENED, GLUED_DIGITS

FRAGMENT_MIN = 6  # a piece of a label shorter than this says nothing about which row it is
ROW = Shape(1, 7, totals=True)
GROUP = "group:"  # prefix of group targets in the section 三 vocabulary
OTHER = "other"  # the 2019 row whose label is the 2021 group label （六）其他处理

# Finds the label of a table row printed whole (in one cell or split over a few), if it is.
FastLabel = Callable[[list[TextCell]], SpanMatch[str] | None]


@dataclass
class Entry:
    """A row of printed values and the rows of the format it may be (None: nothing says)."""

    candidates: frozenset[str] | None
    printed: str
    source: SourceRef
    values: list[TextCell] = field(default_factory=list)
    chunks: tuple[str, ...] | None = None  # numbers read from running text, perhaps glued
    fuzzy: bool = False
    whole: bool = True  # the label was printed whole (or misprinted), not only a piece of it
    blank_row: bool = False  # a label row printed with blank cells only: the next value row may be its values

    @property
    def row_id(self) -> str | None:
        if self.candidates is not None and len(self.candidates) == 1:
            return next(iter(self.candidates))
        return None


@dataclass(frozen=True, slots=True)
class Orphan:
    """A row label printed with no values of its own (they were printed elsewhere)."""

    row_id: str
    printed: str
    source: SourceRef


@dataclass
class _Group:
    cells: list[TextCell]
    structured: bool  # one table row; otherwise numbers printed one per line


@dataclass
class Observed:
    """Section 三 as printed, before it is placed in a format's rows."""

    entries: list[Entry] = field(default_factory=list)
    orphans: list[Orphan] = field(default_factory=list)
    unplaced: list[list[TextCell]] = field(default_factory=list)  # values that fit no row
    notes: set[str] = field(default_factory=set)  # how the layout was read, e.g. "column-major"


class Lexer:
    """Reads printed rows one by one into `Observed`; ``fast`` finds a label in a table row."""

    def __init__(self, vocabulary: Vocabulary[str], fast: FastLabel) -> None:
        self.vocabulary = vocabulary
        self.fast = fast
        self.observed = Observed()
        self.text: list[TextCell] = []
        self.groups: list[_Group] = []

    def feed(self, row: Row) -> None:
        cells = list(row.cells)
        if row.is_table_row and len(cells) > 1:
            self._table_row(cells)
            return
        for cell in cells:
            self._line(cell)

    def finish(self) -> Observed:
        self._flush()
        return self.observed

    def _line(self, cell: TextCell) -> None:
        words = cell.text.split()
        if words and all(read_cell(word).number is not None for word in words):
            self._values([TextCell(word, cell.source) for word in words], structured=False)
        elif words and is_blank(cell):
            self._values([cell], structured=False)
        elif words and not _is_prose(cell.text):
            self._add_text([cell])

    def _table_row(self, cells: list[TextCell]) -> None:
        filled = [cell for cell in cells if not is_blank(cell)]
        if not filled:
            return
        if all(is_value(cell) for cell in filled):
            self._values(cells, structured=True)
            return
        found = self.fast(cells)
        if found is not None:
            self._flush()
            values = cells[found.end :]
            blank_row = all(is_blank(value) for value in values)
            source = cells[found.start].source
            entry = Entry(frozenset({found.target}), found.printed, source, values, blank_row=blank_row)
            self.observed.entries.append(entry)
            return
        first_value = next((index for index, cell in enumerate(cells) if is_value(cell)), None)
        if first_value is None:
            self._add_text([cell for cell in cells if not is_blank(cell)])
            return
        label_cells = [cell for cell in cells[:first_value] if not is_blank(cell)]
        if not label_cells:
            self._values(cells, structured=True)  # values first: its words are printed values (增)
            return
        if self.groups:
            self._flush()
        last_text = max(index for index, cell in enumerate(cells[:first_value]) if not is_blank(cell))
        self.observed.entries.append(self._labelled(label_cells, cells[last_text + 1 :]))

    def _add_text(self, cells: list[TextCell]) -> None:
        if self.groups:
            self._flush()
        self.text.extend(cells)

    def _values(self, cells: list[TextCell], *, structured: bool) -> None:
        if not structured and self.groups and not self.groups[-1].structured:
            self.groups[-1].cells.extend(cells)
        else:
            self.groups.append(_Group(list(cells), structured))

    def _labelled(self, label_cells: list[TextCell], values: list[TextCell]) -> Entry:
        """The entry of a table row whose label is not printed whole in one place."""
        pieces = self.text + label_cells
        scanned = scan(pieces, self.vocabulary)
        label_start = scanned.piece_starts[len(self.text)]
        self.text = []
        hits = _row_hits(scanned.tokens)
        own = [(hit, row_id) for hit, row_id in hits if hit.end > label_start]
        for hit, row_id in hits:
            if hit.end <= label_start:
                self.observed.orphans.append(Orphan(row_id, hit.key, hit.source))
        source = label_cells[0].source
        if own:
            hit, row_id = own[-1]
            return Entry(frozenset({row_id}), hit.key, source, values)
        printed = "".join(cell.text for cell in label_cells)
        # What follows the last label found (a group label before the row's own, say).
        after = max((token.end for token in scanned.tokens if isinstance(token, Hit)), default=0)
        fragment = scanned.text[max(label_start, after) :]
        rows = tuple(
            target for target in self.vocabulary.containing(fragment) if not target.startswith(GROUP)
        )
        if len(fragment) >= FRAGMENT_MIN and rows:
            return Entry(frozenset(rows), printed, source, values, whole=False)
        fuzzy = self.vocabulary.closest(fragment)
        if fuzzy is not None and not fuzzy.startswith(GROUP):
            return Entry(frozenset({fuzzy}), fragment, source, values, fuzzy=True)
        return Entry(None, printed, source, values)

    def _flush(self) -> None:
        """Pair the labels of the pending text with the value rows printed after it."""
        labels: list[tuple[Hit[str], str]] = []
        if self.text:
            scanned = scan(self.text, self.vocabulary)
            tokens = scanned.tokens
            following = _numbers_following(tokens)
            for hit, row_id in _row_hits(tokens):
                numbers = following.get(hit.end)
                if numbers is not None and (
                    len(numbers.chunks) == ROW.width or needs_split(numbers.chunks, ROW)
                ):
                    self.observed.entries.append(
                        Entry(frozenset({row_id}), hit.key, hit.source, chunks=numbers.chunks)
                    )
                    self.observed.notes.add(FLATTENED)
                    if len(numbers.chunks) != ROW.width:
                        self.observed.notes.add(GLUED_DIGITS)
                else:
                    labels.append((hit, row_id))
        self.text = []
        groups, self.groups = self.groups, []
        if not groups:
            self.observed.orphans.extend(Orphan(row_id, hit.key, hit.source) for hit, row_id in labels)
            return
        entries = self.observed.entries
        if not labels and entries and entries[-1].blank_row and _row_count(groups[0]) == 1:
            entries[-1].values = groups.pop(0).cells
            entries[-1].blank_row = False
        self._pair(labels, groups)

    def _pair(self, labels: list[tuple[Hit[str], str]], groups: list[_Group]) -> None:
        if any(not group.structured for group in groups):
            self.observed.notes.add(FLATTENED)
        if len(labels) == 1 and len(groups) == 1 and _row_count(groups[0]) == 0:
            hit, row_id = labels[0]
            self.observed.entries.append(Entry(frozenset({row_id}), hit.key, hit.source, groups[0].cells))
            return
        rows: list[list[TextCell]] = []
        for group in groups:
            count = _row_count(group)
            if count == 0:
                if any(not is_blank(cell) for cell in group.cells):
                    self.observed.unplaced.append(group.cells)
                continue
            if group.structured or count == 1:
                rows.append(group.cells)
                continue
            ordered = self._orient(group.cells, count)
            if ordered is None:
                self.observed.unplaced.append(group.cells)
                continue
            rows.extend(ordered)
        if len(labels) == len(rows):
            for (hit, row_id), cells in zip(labels, rows, strict=True):
                self.observed.entries.append(Entry(frozenset({row_id}), hit.key, hit.source, cells))
            return
        self.observed.orphans.extend(Orphan(row_id, hit.key, hit.source) for hit, row_id in labels)
        for cells in rows:
            self.observed.entries.append(Entry(None, "", cells[0].source, cells))

    def _orient(self, cells: list[TextCell], count: int) -> list[list[TextCell]] | None:
        rows, order = orient(cells, count, ROW.width)
        if order is not None:
            self.observed.notes.add(order)
        return rows


def _row_hits(tokens: tuple[Hit[str] | Numbers, ...]) -> list[tuple[Hit[str], str]]:
    """The row labels among the tokens; （六）其他处理 is the 2021 group when an item of it follows."""
    hits = [token for token in tokens if isinstance(token, Hit)]
    found: list[tuple[Hit[str], str]] = []
    for position, hit in enumerate(hits):
        rows = [target for target in hit.targets if not target.startswith(GROUP)]
        if not rows:
            continue
        if rows == [OTHER] and len(hit.targets) > 1:
            following = hits[position + 1] if position + 1 < len(hits) else None
            if following is not None and any(target.startswith(OTHER + ".") for target in following.targets):
                continue
        found.append((hit, rows[0]))
    return found


def _numbers_following(tokens: tuple[Hit[str] | Numbers, ...]) -> dict[int, Numbers]:
    """Numbers printed straight after a label, by where that label ends."""
    return {
        token.start: token
        for before, token in pairwise(tokens)
        if isinstance(token, Numbers) and isinstance(before, Hit) and before.end == token.start
    }


def _is_prose(text: str) -> bool:
    """A sentence (it ends one with 。): the row names it mentions are not table labels."""
    return "。" in text


def _row_count(group: _Group) -> int:
    """How many whole rows a group of values holds (0 when it holds no whole number of rows)."""
    if group.structured:
        return 1
    count, rest = divmod(len(group.cells), ROW.width)
    return count if rest == 0 else 0
