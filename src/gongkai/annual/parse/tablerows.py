"""Which rows of a section are its printed table, so that the section's text is narrative only.

Table rows of a structured source (HTML, Word and PDF tables, tab-separated and markdown rows)
are never narrative. Text flattened from a PDF or crawled from a web page prints a table as
lines that look like paragraphs: one cell per line, labels wrapped over lines, headers broken
mid-word (``商业企`` / ``业``), a vertical group label one character per line, numbers glued to
their labels; and a broken conversion leaves captions (``第二十条第（一）项``, ``表二：…``) and
scraps of headers between the table rows it did keep. Left in the section's text, all of that
would be printed a second time by a writer and read as statements by the narrative checks.

A table occupies one stretch of its section: from the first row a table reader took a label
or a value from to the last one, widened over the table-like rows on either side (headers,
captions, pieces of labels, numbers, table rows). Every row of the stretch is the table's,
except a note printed with it (``注：行政复议、行政诉讼数量含上年度结转数量。``), which is
narrative wherever it stands. Text before and after the stretch stays narrative.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

from gongkai.annual.findings import SourceRef
from gongkai.annual.parse.document import Row
from gongkai.formats import FORMATS, Label, normalise
from gongkai.formats.national import APPLICANT_HEADER, CONTENT_HEADER

# A line holding a sentence end is prose: no cell of the national tables ends a sentence.
_SENTENCE_END = re.compile(r"[。！？!?]")
# 注：… / 备注：… / 说明：… under a table: its explanation, which is narrative.
_NOTE = re.compile(r"^[#\s]*(?:注|备注|说明)\s*[0-9０-９]*\s*[:：]")
# A caption a converter or the report adds: 表二：主动公开政府信息情况, 表3
_CAPTION = re.compile(r"^[#\s]*表\s*[一二三四五六0-9０-９]+\s*[:：、.．]?")
_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)?")
# A figure's remark printed in its cell and flattened onto a line of its own: （其中修订 16 件）
_CELL_REMARK = re.compile(r"^[(][^()]{0,20}[0-9]+(?:件|个|项|条|次|人|万元|元)[^()]{0,20}[)]$")
# Punctuation a conversion adds around table words (### 申请人情况 (自然人)); normalised forms.
_PUNCTUATION = frozenset("()[],.:;-—_/|'\"·*")
_MARKDOWN = re.compile(r"^#+\s*|\[bookmark:[^\]]*\]")
MIN_PIECE = 2  # a line longer than one character is table words when cut into pieces this long
# A table's first line is a whole caption or header (信息内容, 申请人情况…), never a scrap such as
# 业 or 法人: scraps follow the line they were broken from, so a stretch never starts with one.
MIN_FIRST_LINE = 4


def _labels() -> Iterable[str]:
    """Every text the national tables print, in both formats, with the variants seen."""
    yield APPLICANT_HEADER
    yield CONTENT_HEADER
    for report_format in FORMATS.values():
        for spec in report_format.tables:
            yield from _texts(spec.title)
            yield spec.note
            for group in spec.groups:
                yield from _texts(group.label)
            for row in spec.rows:
                yield from _texts(row.label)
                for column in row.columns:
                    yield from _texts(column.label)
                    if column.parent:
                        yield column.parent


def _texts(label: Label) -> Iterable[str]:
    yield label.text
    yield from (variant.text for variant in label.variants)


# The normalised texts, one per line: a piece of table words is a substring of one of them.
_TABLE_WORDS = "\n".join(dict.fromkeys(normalise(text) for text in _labels() if text))


@lru_cache(maxsize=8192)
def is_table_words(text: str) -> bool:
    """Whether a line is made of pieces of the tables' printed words and numbers only.

    ``商业企科研机社会公法律服`` (four headers cut mid-word and run together), ``（四）无2.没有
    现成信息需要另`` and ``行政许可 97`` are; a line of narrative is not, since it ends a
    sentence or holds words no table prints.
    """
    text = _MARKDOWN.sub("", text).strip()
    caption = _CAPTION.match(text)
    if caption is not None:
        text = text[caption.end() :]
    if _SENTENCE_END.search(text):
        return False
    key = normalise(text)
    if not key:
        return caption is not None
    if len(key) == 1:
        return key in _TABLE_WORDS or key.isdigit()
    if _CELL_REMARK.match(key):
        return True
    position = 0
    while position < len(key):
        if key[position] in _PUNCTUATION:
            position += 1
            continue
        end = _longest_piece(key, position)
        number = _NUMBER.match(key, position)
        if number is not None:
            end = max(end, number.end())
        elif end - position < MIN_PIECE:
            return False
        position = end
    return True


def _longest_piece(key: str, start: int) -> int:
    """The end of the longest piece of ``key`` from ``start`` that the tables print."""
    end = start
    while end < len(key) and key[start : end + 1] in _TABLE_WORDS:
        end += 1
    return end


def _scrap(row: Row) -> bool:
    return not row.is_table_row and len(normalise(row.text)) < MIN_FIRST_LINE


def _is_note(row: Row) -> bool:
    return _NOTE.match(row.text) is not None


def _table_like(row: Row) -> bool:
    return row.is_table_row or is_table_words(row.text)


def table_rows(rows: Sequence[Row], readings: Iterable[frozenset[SourceRef]]) -> frozenset[int]:
    """The indices of ``rows`` that print a table, given the sources each table reader took.

    Each reading with any source among ``rows`` marks one stretch (see the module docstring);
    notes inside it and the lines that continue them are left out of it.
    """
    marked: set[int] = set()
    for sources in readings:
        taken = [index for index, row in enumerate(rows) if any(cell.source in sources for cell in row.cells)]
        if not taken:
            continue
        first, last = taken[0], taken[-1]
        while first > 0 and (_table_like(rows[first - 1]) or _is_note(rows[first - 1])):
            first -= 1
        while first < taken[0] and _scrap(rows[first]):
            first += 1
        while last + 1 < len(rows) and _table_like(rows[last + 1]):
            last += 1
        marked.update(range(first, last + 1))
    return frozenset(marked - _notes(rows, marked))


def _notes(rows: Sequence[Row], marked: set[int]) -> set[int]:
    """The notes among ``marked``: each note's first line and the lines continuing its sentence."""
    notes: set[int] = set()
    for index in sorted(marked):
        if index in notes or not _is_note(rows[index]):
            continue
        position = index
        while True:
            notes.add(position)
            if _SENTENCE_END.search(rows[position].text):
                break
            position += 1
            if position not in marked or _table_like(rows[position]):
                break
    return notes
