"""Finding known labels and numbers in text whose table cells were run together.

Text flattened from a PDF or crawled from a web page keeps a table's words but loses its
cells: a row label wraps over several lines (``5.要求行政机关确认或重新出`` / ``具已获取信息``),
a vertical group label comes one character per line between two rows, two columns of labels
are read as one line (``（四）无2.没有现成信息需要另``), a label and its numbers share a line
(``行政许可 97``), and in the worst case every cell is glued to the next
(``…申请数量3520000037二、上年结转…``).

`Scanner` reads such text from left to right. Each piece of text is normalised (`normalise`)
and the pieces are joined, so a label matches whatever spaces and line breaks it was printed
with. At each place the longest known label starting there is taken; a digit is the start of a
number, except where a numbered label (``2.其他…``) starts; anything else is noise. Spaces, line
breaks and piece ends are remembered as *boundaries*: a label may cross them, a number may not,
so ``35 2 0`` is three numbers and ``3520`` is one run of digits whose split is decided later
(`gongkai.annual.parse.digits`).
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Generic, TypeVar

from gongkai.annual.findings import SourceRef
from gongkai.annual.parse.document import TextCell
from gongkai.formats import Label, normalise
from gongkai.formats.labels import unnumbered

T = TypeVar("T")

# A numbered label glued to the digits before it keeps its numbering: 00000002、其他… → 2.其他…
_GLUED_NUMBERING = re.compile(r"(?<=[0-9０-９])[、．]")
_SPACE = re.compile(r"[\s\u00a0\u3000\u200b\ufeff]+")
_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)?(?:万元|元|件|个|项|条|次|起|宗)?")
UNNUMBERED_MIN = 4  # shorter keys without their numbering (总计) name too many things
FUZZY_RATIO = 0.8  # similarity above which a misprinted label is still recognised
FUZZY_MARGIN = 0.08  # ... provided no other label is nearly as similar
FUZZY_MIN_LENGTH = 5


@dataclass(frozen=True, slots=True)
class Term(Generic[T]):
    """A printed form of a label: its normalised key and what it names."""

    key: str
    target: T
    label: Label


@dataclass(frozen=True, slots=True)
class Hit(Generic[T]):
    """A label found in the scanned text; a key may name several targets (（六）其他处理)."""

    terms: tuple[Term[T], ...]
    start: int
    end: int
    source: SourceRef

    @property
    def key(self) -> str:
        return self.terms[0].key

    @property
    def targets(self) -> tuple[T, ...]:
        return tuple(term.target for term in self.terms)


@dataclass(frozen=True, slots=True)
class Numbers:
    """A run of numbers with nothing but boundaries between them; ``chunks`` are the printed
    numbers as separated by boundaries (a chunk of glued digits may hold several numbers)."""

    chunks: tuple[str, ...]
    start: int
    end: int
    source: SourceRef


Token = Hit[T] | Numbers


class Vocabulary(Generic[T]):
    """The labels a scanner knows, indexed by their first character."""

    def __init__(self, entries: Iterable[tuple[Label, T]], *, without_numbering: bool = False) -> None:
        terms: dict[str, list[Term[T]]] = {}
        for label, target in entries:
            texts = [label.text, *(variant.text for variant in label.variants)]
            keys = [normalise(text) for text in texts]
            if without_numbering:
                keys += [unnumbered(key) for key in keys if len(unnumbered(key)) >= UNNUMBERED_MIN]
            for key in dict.fromkeys(keys):
                same = terms.setdefault(key, [])
                if all(term.target != target for term in same):
                    same.append(Term(key, target, label))
        self.terms = {key: tuple(found) for key, found in terms.items()}
        by_first: dict[str, list[str]] = {}
        for key in self.terms:
            by_first.setdefault(key[0], []).append(key)
        self._by_first = {
            first: tuple(sorted(keys, key=len, reverse=True)) for first, keys in by_first.items()
        }
        self.starts = frozenset(self._by_first)  # characters a key starts with

    def match(self, text: str, position: int) -> tuple[Term[T], ...] | None:
        """The terms of the longest key that starts at ``position``."""
        for key in self._by_first.get(text[position], ()):
            if text.startswith(key, position):
                return self.terms[key]
        return None

    def containing(self, fragment: str) -> tuple[T, ...]:
        """Targets whose key contains ``fragment``: what a piece of a split label may belong to."""
        return _containing(self, fragment)

    def closest(self, key: str) -> T | None:
        """The one target a misprinted key is close to, or None.

        A fuzzy match must be both close (``FUZZY_RATIO``) and unique (no other target within
        ``FUZZY_MARGIN``), so that it can never pick between two labels that are alike.
        """
        return _closest(self, key)


@lru_cache(maxsize=4096)
def _containing(vocabulary: Vocabulary[T], fragment: str) -> tuple[T, ...]:
    found: dict[T, None] = {}
    for key, terms in vocabulary.terms.items():
        if fragment in key:
            found.update((term.target, None) for term in terms)
    return tuple(found)


@lru_cache(maxsize=4096)
def _closest(vocabulary: Vocabulary[T], key: str) -> T | None:
    if len(key) < FUZZY_MIN_LENGTH:
        return None
    best: dict[T, float] = {}
    matcher = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(key)
    for candidate, terms in vocabulary.terms.items():
        # ratio() is at most 2·min/(sum of lengths): skip keys too long or short to come close.
        if 2 * min(len(candidate), len(key)) / (len(candidate) + len(key)) < FUZZY_RATIO - FUZZY_MARGIN:
            continue
        matcher.set_seq1(candidate)
        ratio = matcher.ratio()
        for term in terms:
            best[term.target] = max(ratio, best.get(term.target, 0.0))
    ranked = sorted(best.values(), reverse=True)
    if not ranked or ranked[0] < FUZZY_RATIO:
        return None
    if len(ranked) > 1 and ranked[0] - ranked[1] < FUZZY_MARGIN:
        return None
    return next(target for target, ratio in best.items() if ratio == ranked[0])


@dataclass(frozen=True, slots=True)
class Scanned(Generic[T]):
    """Text scanned for labels: the joined normalised text, its boundaries and the tokens."""

    text: str
    tokens: tuple[Token[T], ...]
    piece_starts: tuple[int, ...]  # offset of each piece in ``text``


def scan(pieces: Sequence[TextCell], vocabulary: Vocabulary[T]) -> Scanned[T]:
    """Labels and numbers in ``pieces`` (cells or lines in reading order), joined."""
    parts: list[str] = []
    boundaries: set[int] = set()
    sources: list[tuple[int, SourceRef]] = []
    starts: list[int] = []
    length = 0
    for piece in pieces:
        starts.append(length)
        sources.append((length, piece.source))
        boundaries.add(length)
        for word in _SPACE.split(_GLUED_NUMBERING.sub(".", unicodedata.normalize("NFKC", piece.text))):
            if not word:
                continue
            key = normalise(word)
            boundaries.add(length)
            parts.append(key)
            length += len(key)
    text = "".join(parts)
    boundaries.add(length)
    return Scanned(text, tuple(_tokens(text, boundaries, sources, vocabulary)), tuple(starts))


def _tokens(
    text: str, boundaries: set[int], sources: list[tuple[int, SourceRef]], vocabulary: Vocabulary[T]
) -> list[Token[T]]:
    tokens: list[Token[T]] = []
    chunks: list[str] = []
    run_start = 0
    position = 0

    starts_at = [start for start, _ in sources]

    def source(offset: int) -> SourceRef:
        return sources[max(0, bisect_right(starts_at, offset) - 1)][1]

    def close_run(end: int) -> None:
        if chunks:
            tokens.append(Numbers(tuple(chunks), run_start, end, source(run_start)))
            chunks.clear()

    starts = vocabulary.starts
    while position < len(text):
        character = text[position]
        if character not in starts and not "0" <= character <= "9":
            close_run(position)
            position += 1
            continue
        terms = vocabulary.match(text, position)
        if terms is not None:
            close_run(position)
            end = position + len(terms[0].key)
            tokens.append(Hit(terms, position, end, source(position)))
            position = end
            continue
        if "0" <= character <= "9":
            end = _number_end(text, position, boundaries, vocabulary)
            if not chunks:
                run_start = position
            chunks.append(text[position:end])
            position = end
            continue
        close_run(position)
        position += 1
    close_run(position)
    return tokens


def _number_end(text: str, start: int, boundaries: set[int], vocabulary: Vocabulary[T]) -> int:
    """Where the number starting at ``start`` ends: at a boundary, a non-digit, or a numbered label."""
    match = _NUMBER.match(text, start)
    assert match is not None
    end = match.end()
    for position in range(start + 1, end):
        if position in boundaries or (text[position].isdigit() and vocabulary.match(text, position)):
            return position
    return end
