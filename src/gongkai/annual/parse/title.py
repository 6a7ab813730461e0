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
# A body's name is Chinese (with brackets or a middle dot), never menu text like 首页>年度报告.
_BODY_NAME = re.compile(r"^[\u4e00-\u9fff（）()·]{2,}$")


@dataclass(frozen=True, slots=True)
class Title:
    text: str  # the title as printed, lines joined
    year: int | None
    agency: str | None
    first_line: int  # index of the first paragraph it was read from
    line_count: int


def find_title(paragraphs: list[str]) -> Title | None:
    """The leading paragraphs that form a report title: the fewest lines that do, first.

    Fewest first, so that site chrome before a one-line title (``首页 | English``) never joins
    it; a title that names no body is widened backwards over the line(s) printing the body
    (``淮安市人民政府`` / ``2024 年政府信息公开工作年度报告``).
    """
    head = paragraphs[:_LOOKAHEAD_LINES]
    for count in range(1, _MAX_TITLE_LINES + 1):
        for start in range(len(head) - count + 1):
            title = _title_at(head, start, count)
            if title is None:
                continue
            if title.agency is None:
                for back in range(1, min(start, _MAX_TITLE_LINES - count) + 1):
                    wider = _title_at(head, start - back, count + back)
                    if wider is not None and wider.agency is not None:
                        return wider
            return title
    return None


def _title_at(head: list[str], start: int, count: int) -> Title | None:
    lines = head[start : start + count]
    compact = _NOISE.sub("", unicodedata.normalize("NFKC", "".join(lines)))
    match = _TITLE.match(compact)
    if match is None:
        return None
    agency = _agency(match["before"], match["after"])
    text = "".join(line.strip().lstrip("#").strip() for line in lines)
    return Title(text, int(match["year"]), agency, start, count)


def _agency(before: str, after: str) -> str | None:
    """The body named before the year, or after it (a leading 正文 or similar is page noise)."""
    for side in (after, before):
        candidate = side.strip("：:，,（）() ")
        if candidate and len(candidate) <= _MAX_AGENCY and _BODY_NAME.match(candidate):
            return candidate
    return None


def statistics_year(text: str) -> int | None:
    """The year of a stated statistics period 1 January – 31 December, if the text states one."""
    match = _PERIOD.search(_NOISE.sub("", unicodedata.normalize("NFKC", text)))
    return int(match["year"]) if match else None


# A place name before a body's short name: 淮安市 in 淮安市洪泽区人民政府, 江苏省淮安市 …
_PLACES = re.compile(r"^(?:[\u4e00-\u9fff]{1,7}?(?:省|自治区|市|自治州|州|地区|盟|县|区|旗))+$")
_OPENING_LENGTH = 2000  # characters of the preamble searched: the opening statement comes first
_CLAUSE_START = re.compile(r"[由与,，。；;：:、（(《\s]")
# A year opening a sentence of the body: "2023年，我局…", "2023年度，县发展和改革局…" (not a date).
_OPENING_YEAR = re.compile(r"(?:^|[。；;！!？?，,：:\n])\s*((?:19|20)\d{2})\s*年度?(?!\s*\d{1,2}\s*月)")


def full_agency(agency: str, preamble: str) -> str:
    """The body's name in full when the title shortens it and the opening statement spells it out.

    Titles often drop the higher place name (``洪泽区人民政府…年度报告``) that the opening
    statement prints (``本报告由淮安市洪泽区人民政府办公室…编制``): the full name is the short
    one preceded, at the start of a clause, by nothing but place names.
    """
    text = _NOISE.sub("", unicodedata.normalize("NFKC", preamble[:_OPENING_LENGTH]))
    best = agency
    start = text.find(agency)
    while start >= 0:
        window = max(0, start - _MAX_AGENCY)
        clause = max((match.end() for match in _CLAUSE_START.finditer(text, window, start)), default=window)
        prefix = text[clause:start]
        if prefix and _PLACES.match(prefix) and len(prefix + agency) > len(best):
            best = prefix + agency
        start = text.find(agency, start + 1)
    return best if len(best) <= _MAX_AGENCY else agency


def body_year(texts: list[str]) -> int | None:
    """The year the body's sentences open with, when they all name the same one.

    A report whose title was not kept (a web page's text without its heading) still speaks of
    its year: ``2023年，我局…``, ``2023年度，县发展和改革局…``. Only a single year is taken;
    sentences opening with different years leave the year unknown.
    """
    years = {int(match.group(1)) for text in texts for match in _OPENING_YEAR.finditer(text)}
    return years.pop() if len(years) == 1 else None
