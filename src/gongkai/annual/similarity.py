"""How much of this year's text repeats last year's: the 内容雷同 that 国办公开办函〔2021〕30号 names.

Evaluators find reports up to 90 % identical to the previous year's (spec §6). For each narrative
section the builder shows the share of this year's text found in last year's same section and
highlights the repeated passages.

Why character shingles and not ``difflib``: Chinese has no spaces, so there are no words to
compare without a segmenter; characters are the unit. ``difflib.SequenceMatcher`` finds only
matching blocks *in order* — a report that copies last year's paragraphs in another order scores
low — and its junk heuristic drops frequent characters (的, 公, 开) from long texts, and it is
quadratic in the worst case. Shingles (every run of `SHINGLE` characters) are order-free and
linear: a character of this year's text is *repeated* when it lies in a shingle that also occurs
in last year's text. Only runs of at least `MIN_PASSAGE` repeated characters count, so a shared
set phrase (政府信息公开工作, the name of the 条例) is not a copied passage.

Text is compared after NFKC, without whitespace and punctuation, and with every digit read as
``0``: a paragraph copied with only the year and the figures changed is still a copy.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from gongkai.annual.codes import Code, finding
from gongkai.annual.findings import Finding

SHINGLE = 8  # characters: about four Chinese words, longer than the set phrases every report shares
MIN_PASSAGE = 20  # repeated characters in a row before a run counts as a copied passage
SIMILAR = 0.6  # share of a section repeated from last year from which the builder warns (内容雷同)


@dataclass(frozen=True, slots=True)
class Passage:
    """A repeated passage, as offsets into the text as written (``text[start:end]``)."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Similarity:
    """How much of a text repeats an earlier one.

    ``ratio`` is the share of the text's characters (compared as described above) inside a
    repeated passage, from 0 to 1; ``passages`` are those passages in the text as written.
    """

    ratio: float
    passages: tuple[Passage, ...]

    @property
    def percent(self) -> int:
        return round(self.ratio * 100)

    @property
    def similar(self) -> bool:
        return self.ratio >= SIMILAR


NONE = Similarity(0.0, ())


def similarity(text: str, earlier: str) -> Similarity:
    """The share of ``text`` repeated from ``earlier`` and where the repeated passages are."""
    current, origin = _comparable(text)
    before, _ = _comparable(earlier)
    if len(current) < SHINGLE or len(before) < SHINGLE:
        return NONE
    seen = {before[i : i + SHINGLE] for i in range(len(before) - SHINGLE + 1)}
    covered = [False] * len(current)
    for i in range(len(current) - SHINGLE + 1):
        if current[i : i + SHINGLE] in seen:
            covered[i : i + SHINGLE] = [True] * SHINGLE
    runs = [(start, end) for start, end in _runs(covered) if end - start >= MIN_PASSAGE]
    repeated = sum(end - start for start, end in runs)
    passages = tuple(
        Passage(origin[start], _past_punctuation(text, origin[end - 1] + 1)) for start, end in runs
    )
    return Similarity(repeated / len(current), passages)


def compare_sections(current: Mapping[str, str], previous: Mapping[str, str]) -> dict[str, Similarity]:
    """For each section of ``current`` (number → text), its similarity to the same section of
    ``previous``; a section last year did not have is similar to nothing."""
    return {number: similarity(text, previous.get(number, "")) for number, text in current.items()}


def similarity_findings(found: Mapping[str, Similarity]) -> Iterator[Finding]:
    """`Code.SIMILAR_TO_PREVIOUS` for each section (number → its similarity) that is `Similarity.similar`."""
    for number, similar in found.items():
        if similar.similar:
            yield finding(
                Code.SIMILAR_TO_PREVIOUS,
                f"sections.{number}",
                f"第{number}部分有{similar.percent}%的文字与上年度报告相同（内容雷同，国办公开办函〔2021〕30号）",
                actual=similar.percent,
            )


def pieces(text: str, passages: tuple[Passage, ...]) -> list[tuple[str, bool]]:
    """``text`` cut into (piece, repeated) for highlighting, in order, covering the whole text."""
    out: list[tuple[str, bool]] = []
    position = 0
    for passage in passages:
        if passage.start > position:
            out.append((text[position : passage.start], False))
        out.append((text[passage.start : passage.end], True))
        position = passage.end
    if position < len(text):
        out.append((text[position:], False))
    return out


def _comparable(text: str) -> tuple[str, list[int]]:
    """Letters and digits only (digits as 0), NFKC, and the offset each came from in ``text``."""
    characters: list[str] = []
    origin: list[int] = []
    for position, character in enumerate(text):
        for normal in unicodedata.normalize("NFKC", character):
            category = unicodedata.category(normal)
            if category[0] not in "LN":
                continue
            characters.append("0" if category == "Nd" else normal)
            origin.append(position)
    return "".join(characters), origin


def _past_punctuation(text: str, end: int) -> int:
    """A passage ends after the punctuation that closes it (。 ，), which the comparison skipped."""
    while end < len(text) and unicodedata.category(text[end])[0] == "P":
        end += 1
    return end


def _runs(flags: list[bool]) -> Iterator[tuple[int, int]]:
    start: int | None = None
    for index, flag in enumerate(flags):
        if flag and start is None:
            start = index
        elif not flag and start is not None:
            yield start, index
            start = None
    if start is not None:
        yield start, len(flags)
