"""The report's title, and the issuing body and report year it names.

Titles come as ``卫辉市民政局2022年政府信息公开工作年度报告``, split over lines
(``淮安市人民政府`` / ``2024 年政府信息公开工作年度报告``), with the body after the year
(``2024 年上海市科委政府信息公开工作`` / ``年度报告``), or with 年度 and 关于.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_TITLE = re.compile(
    r"^(?P<before>.*?)(?:关于)?(?P<year>(?:19|20)\d{2})年度?(?P<after>.*?)(?:关于)?"
    r"(?:政府信息公开|政务公开|信息公开)(?:工作)?(?:年度)?(?:工作)?报告$"
)
_PERIOD = re.compile(r"(?P<year>(?:19|20)\d{2})年1月1日(?:起)?(?:至|到|—|-|~)(?P=year)年12月31日")
_NOISE = re.compile(r"[\s#*\u3000]+|\[bookmark:[^\]]*\]")
_MAX_TITLE_LINES = 3
_LOOKAHEAD_LINES = 12
_MAX_AGENCY = 40


@dataclass(frozen=True, slots=True)
class Title:
    text: str  # the title as printed, lines joined
    year: int | None
    agency: str | None
    first_line: int  # index of the first paragraph it was read from
    line_count: int


def find_title(paragraphs: list[str]) -> Title | None:
    """The first one to three consecutive leading paragraphs that form a report title."""
    head = paragraphs[:_LOOKAHEAD_LINES]
    for start in range(len(head)):
        for count in range(1, _MAX_TITLE_LINES + 1):
            lines = head[start : start + count]
            if len(lines) < count:
                break
            compact = _NOISE.sub("", unicodedata.normalize("NFKC", "".join(lines)))
            match = _TITLE.match(compact)
            if match is None:
                continue
            agency = _agency(match["before"], match["after"])
            text = "".join(line.strip().lstrip("#").strip() for line in lines)
            return Title(text, int(match["year"]), agency, start, count)
    return None


def _agency(before: str, after: str) -> str | None:
    """The body named before the year, or after it (a leading 正文 or similar is page noise)."""
    for side in (after, before):
        candidate = side.strip("：:，,（）() ")
        if candidate and len(candidate) <= _MAX_AGENCY:
            return candidate
    return None


def statistics_year(text: str) -> int | None:
    """The year of a stated statistics period 1 January – 31 December, if the text states one."""
    match = _PERIOD.search(_NOISE.sub("", unicodedata.normalize("NFKC", text)))
    return int(match["year"]) if match else None
