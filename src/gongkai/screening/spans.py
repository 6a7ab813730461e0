"""A detector's raw answer (which kind of hit lies between which offsets of the scanned text), and
the context tests that several detectors share."""

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


_LABEL_ENDINGS = ")]】"  # a row label may end with its bracketed note: （区分处理的，只计这一情形…）
KEYWORD_WINDOW = 16  # characters before a number in which a word such as 身份证 or 电话 is looked for


def glued_figures(folded: str, start: int, end: int, keywords: tuple[str, ...]) -> bool:
    """Whether an unseparated number looks like a crawled table row's figures run together: glued
    to a Chinese character or a closing bracket in front (the end of the row label) and followed by
    a line end or the next row's label, with no word such as 电话 or 卡号 before it. A phone or card
    number in a sentence is set off by punctuation or named; figures glued to a label are neither."""
    number = folded[start:end]
    if not number.isdigit():
        return False
    before = folded[start - 1] if start else "\n"
    after = folded[end] if end < len(folded) else "\n"
    if not ((_is_chinese(before) or before in _LABEL_ENDINGS) and (after == "\n" or _is_chinese(after))):
        return False
    return not keyword_before(folded, start, keywords, window=KEYWORD_WINDOW)


def _is_chinese(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff"


def among_figures(folded: str, start: int, end: int) -> bool:
    """Whether a number written in space-separated groups (``139 1234 5678``) has more figures
    beside it, one space away: a table row printed with single spaces (``4 190 2230 1068 0``)
    reads as such groups now and then; a number in a sentence is set off by words or punctuation."""
    if " " not in folded[start:end]:
        return False
    before = folded[max(0, start - 2) : start]
    after = folded[end : end + 2]
    return (len(before) == 2 and before[0].isdigit() and before[1] == " ") or (
        len(after) == 2 and after[0] == " " and after[1].isdigit()
    )
