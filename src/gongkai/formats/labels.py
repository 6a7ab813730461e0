"""Matching printed labels against the national ones.

Published reports differ from the national text in ways that carry no meaning: full- or
half-width punctuation, spaces and line breaks inside a cell (``本年新\\n制作数量``,
``商业 企业``), typographic or ASCII quotes, ``1、`` for ``1.``. `normalise` removes all of
those, so that the taxonomy needs a `Variant` only for differences a reader would notice.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Generic, TypeVar

from gongkai.formats.spec import Label, Variant

_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "「": '"', "」": '"', "〃": '"'})
_WHITESPACE = re.compile(r"\s+")
_NUMBERING = re.compile(r"(?<![0-9])([0-9]{1,2})[.、,．]")
_SEPARATORS = str.maketrans({"、": ",", "，": ",", "；": ";", "。": "."})
_BRACKETS = str.maketrans({"【": "(", "】": ")", "〔": "(", "〕": ")", "[": "(", "]": ")"})
# The top-level numbering of a normalised label: 一, / 一. / (一)
_LEADING_NUMBER = re.compile(r"^(?:[一二三四五六七八九十]+[,.]|\([一二三四五六七八九十]+\))")
_NORMALISED_CACHE = 65536  # distinct cell texts kept; a report has a few thousand


@lru_cache(maxsize=_NORMALISED_CACHE)
def normalise(text: str) -> str:
    """The comparison key of a label: width, spacing, quotes and numbering made uniform.

    Cached: a document repeats the same few hundred cell texts, and every reader asks.
    """
    text = unicodedata.normalize("NFKC", text)
    text = text.translate(_QUOTES).translate(_BRACKETS)
    text = _WHITESPACE.sub("", text)
    text = _NUMBERING.sub(r"\1.", text)
    return text.translate(_SEPARATORS)


def unnumbered(key: str) -> str:
    """A normalised label without its top-level Chinese numbering: ``(一)予以公开`` → ``予以公开``.

    Conversions that cut a table into one small table per item (OCR and LLM markdown) print
    ``予以公开`` under a heading ``（一）予以公开``; the numbering carries no meaning of its own.
    """
    return _LEADING_NUMBER.sub("", key)


T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class LabelMatch(Generic[T]):
    target: T
    variant: Variant | None  # None when the printed text is the national label


class LabelIndex(Generic[T]):
    """Finds which of a set of targets (rows, columns, sections…) a printed label names."""

    def __init__(self, entries: Iterable[tuple[Label, T]]) -> None:
        self._exact: dict[str, LabelMatch[T]] = {}
        for label, target in entries:
            self._add(label.text, LabelMatch(target, None))
            for variant in label.variants:
                self._add(variant.text, LabelMatch(target, variant))

    def _add(self, text: str, match: LabelMatch[T]) -> None:
        key = normalise(text)
        existing = self._exact.get(key)
        if existing is not None and existing.target != match.target:
            raise ValueError(f"label {text!r} names two targets")
        if existing is None or existing.variant is not None:
            self._exact[key] = match

    def match(self, printed: str) -> LabelMatch[T] | None:
        return self._exact.get(normalise(printed))

    def keys(self) -> Iterable[str]:
        return self._exact.keys()
