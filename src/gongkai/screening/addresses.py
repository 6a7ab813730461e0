"""Where a person lives: a dwelling address next to words that tie it to a person.

Government texts are full of addresses that are not personal: the office's own (受理地点：翔宇南道
1号), roads and villages named in project news (人民路改造工程, 张庄村). The screener is therefore
conservative and reports an address only when both hold:

* it reaches a dwelling: a building with a unit or a room (3号楼2单元501室, 5栋302, 3-2-501 after a
  小区), a house number with a room (人民路12号301室), or a village group (张庄村3组, 八里营村二组
  15号); a road with a house number alone is not one;
* a word ties it to a person: a residence word right before it (住址、家住、现住、住所、户籍地、居住
  在…) or a person's role shortly before it (申请人、投诉人、举报人、当事人、户主…、先生、女士).

The span starts after the last such word and ends at the dwelling's last character.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from gongkai.screening.kinds import Kind
from gongkai.screening.spans import Span

_NUMBER = r"(?:\d{1,5}|[一二三四五六七八九十百〇零]{1,4})"
_BUILDING = rf"{_NUMBER}(?:号楼|栋|幢|座|号院)"
_UNIT = rf"{_NUMBER}单元"
_NAMED_ROOM = rf"{_NUMBER}(?:室|户|号房)"
_ROOM = rf"(?:{_NAMED_ROOM}|\d{{3,4}}(?![\d号]))"
_HOUSE = rf"{_NUMBER}号"
_DWELLING = re.compile(
    rf"{_BUILDING}-?(?:{_UNIT}-?)?{_ROOM}"
    rf"|{_BUILDING}-?{_UNIT}"
    rf"|{_HOUSE}-?{_NAMED_ROOM}"
    rf"|(?:小区|花园|家园|公寓|新村|苑)\d{{1,3}}-\d{{1,2}}-\d{{3,4}}(?!\d)"
    rf"|村{_NUMBER}(?:组|队|社)(?:{_HOUSE})?"
    rf"|村{_HOUSE}"
)
# Characters an address is written with: Chinese characters, digits, the separators of 3-2-501.
_ADDRESS_CHARACTER = re.compile(r"[\u4e00-\u9fff0-9A-Za-z\-#]")
_LONGEST_ADDRESS = 40
# A bare 住 counts only where it opens a clause (张三，男，住…); inside a run it would match 住房.
_RESIDENCE_WORDS = "家庭住址|现住址|住址|住所地|住所|户籍地址|户籍地|居住地|居住在|居住于|家住|现住|住在|现居"
_RESIDENCE = re.compile(rf"{_RESIDENCE_WORDS}|^住")
_PERSON = re.compile(r"被?申请人|投诉人|举报人|信访人|当事人|户主|本人|先生|女士")
_RESIDENCE_BEFORE = re.compile(rf"(?:{_RESIDENCE_WORDS}|(?:^|[，,、；;\s])住)[:：]?\s*$")
_PERSON_WINDOW = 16


def personal_addresses(folded: str) -> Iterator[Span]:
    for match in _DWELLING.finditer(folded):
        start = _address_start(folded, match.start())
        run = folded[start : match.start()]
        cut = max((word.end() for word in (*_RESIDENCE.finditer(run), *_PERSON.finditer(run))), default=-1)
        if cut >= 0:
            yield Span(Kind.PERSONAL_ADDRESS, start + cut, match.end())
        elif _person_before(folded, start):
            yield Span(Kind.PERSONAL_ADDRESS, start, match.end())


def _address_start(folded: str, end: int) -> int:
    """The first character of the unbroken run of address characters that ends at ``end``."""
    start = end
    limit = max(0, end - _LONGEST_ADDRESS)
    while start > limit and _ADDRESS_CHARACTER.match(folded[start - 1]):
        start -= 1
    return start


def _person_before(folded: str, start: int) -> bool:
    """A residence word just before the address (across a colon), or a person's role a little before."""
    before = folded[max(0, start - _PERSON_WINDOW) : start]
    return bool(_RESIDENCE_BEFORE.search(before) or _PERSON.search(before))
