"""The body's 政务公开负面清单: terms that must not appear in what it publishes.

The list is the body's own and may hold hundreds of terms, so they are compiled once into one
regular expression shaped as a trie (``内部(?:讨论稿|资料)`` rather than ``内部讨论稿|内部资料``): the
engine then tries each character of the text against one branch instead of against every term, the
effect Aho–Corasick gives, without a dependency. Text and terms are folded alike (full-width to
half-width, upper to lower case, `gongkai.screening.folding`), and where terms overlap at one place
the longest is reported.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from gongkai.screening.folding import fold_case
from gongkai.screening.kinds import Kind
from gongkai.screening.spans import Span

_END = ""  # the trie key that marks the end of a term

Trie = dict[str, "Trie"]


def compile_terms(terms: Iterable[str]) -> re.Pattern[str] | None:
    """One pattern matching any of ``terms`` (folded, blank ones dropped); None for no terms."""
    trie: Trie = {}
    for term in terms:
        folded = fold_case(term.strip())
        if not folded:
            continue
        node = trie
        for char in folded:
            node = node.setdefault(char, {})
        node[_END] = {}
    return re.compile(_trie_pattern(trie)) if trie else None


def _trie_pattern(node: Trie) -> str:
    """The pattern of a trie node; longer continuations come before the end of a shorter term, so
    the longest term at a place wins."""
    branches = [
        re.escape(char) + _trie_pattern(child) for char, child in sorted(node.items()) if char != _END
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if _END in node:
        return f"(?:{body})?" if len(branches) == 1 else body[:-1] + "|)"
    return body


def negative_terms(folded_case: str, pattern: re.Pattern[str]) -> Iterator[Span]:
    for match in pattern.finditer(folded_case):
        yield Span(Kind.NEGATIVE_TERM, match.start(), match.end())
