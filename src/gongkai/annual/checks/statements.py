"""Figures a report states in its text: applications, reviews, suits, the processing fee.

The check engine compares them with the tables (C13, C14); a report builder can reuse them.
Extraction is deliberately narrow. A false alarm on a correct report costs more than a miss,
so a pattern is here only when its meaning was unambiguous in real reports, and a match is
dropped when its sentence could be about something else:

- a subset (其中…, 通过网络…, 各部门…) or another year (2020年…, 上年…, 同比…);
- a number of received applications followed by （含…）, which then includes other counts;
- for application figures, a sentence whose nearest topic is not 申请 (e.g. 申请行政复议);
- for reviews and suits, a count not tied to 公开 (a government also decides reviews as the
  reviewing body), or one that lumps reviews and suits together.

Two verbs are ambiguous in practice and have kinds of their own: 受理 (沭阳县 2025 counts
new + carried-over applications as 受理; 淮安市 2024 counts only the new ones) and 办理
(handled, or everything on hand). They are compared leniently (C13-AMBIGUOUS).

Matching works on a normalised copy of the text — NFKC (full-width digits and punctuation to
ASCII) with all whitespace removed, because PDF extractions break lines inside numbers and
words (``申请 34\\n件``) — and every statement keeps the text exactly as printed.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from gongkai.annual.model import AnnualReport, Section
from gongkai.formats import MoneyUnit


class StatementKind(StrEnum):
    RECEIVED = "received"  # 新收/收到…申请 N 件; 未收到…申请 ⇒ 0     → 三 一 总计
    ACCEPTED = "accepted"  # 受理…申请 N 件 (new, or new + carried over)
    CARRIED_OVER = "carried_over"  # 上年结转 N 件                       → 三 二 总计
    HANDLED = "handled"  # 办结/答复 N 件                               → 三（七）总计
    PROCESSED = "processed"  # 办理 N 件 (handled, or everything on hand)
    CARRIED_FORWARD = "carried_forward"  # 结转下年度 N 件 / N 件顺延到下年度 → 三 四 总计
    REVIEWS = "reviews"  # 公开…行政复议 N 件; 未收到…行政复议 ⇒ 0      → 四 行政复议 总计
    LAWSUITS = "lawsuits"  # 公开…行政诉讼 N 件; 未收到…行政诉讼 ⇒ 0     → 四 两类起诉 总计之和
    FEE_COLLECTED = "fee_collected"  # 收取…处理费 N 元 (value in 元)
    FEE_NOT_COLLECTED = "fee_not_collected"  # 未收取…处理费 (nothing was paid)
    FEE_NOT_CHARGED = "fee_not_charged"  # 未发生…收费 (no fee was charged at all)
    FEE_NO_NOTICE = "fee_no_notice"  # 未发出收费通知


@dataclass(frozen=True, slots=True)
class Statement:
    """One figure stated in the text.

    ``value`` is a count (件), or for FEE_COLLECTED an amount in 元; statements of none
    (未收到…, 未收取…) have value 0. ``text`` is the matched text exactly as printed,
    ``start``/``end`` its offsets in the section's text, ``where`` the section's location.
    """

    kind: StatementKind
    value: int | Decimal
    text: str
    where: str
    start: int
    end: int


# Sections that tell in words; 二、三、四 hold the tables (their row labels would read as text).
NARRATIVE_SECTIONS: tuple[str | None, ...] = (None, "一", "五", "六")
PREAMBLE_WHERE = "sections.preamble"


def section_location(number: str | None) -> str:
    """Canonical location of a section: ``sections.五``, or ``sections.preamble`` before 一."""
    return PREAMBLE_WHERE if number is None else f"sections.{number}"


def section_where(section: Section) -> str:
    return section_location(section.number)


# C13, C13-AMBIGUOUS and C14 each read the statements of the same report, and C16 and the fee
# rule its text again: kept for the few texts seen last, statements are found and texts
# normalised once per report (the checks took half as long again before).
_RECENT_TEXTS = 32


def narrative_sections(report: AnnualReport) -> Iterator[Section]:
    return (section for section in report.sections if section.number in NARRATIVE_SECTIONS)


def extract_statements(report: AnnualReport) -> list[Statement]:
    """All statements in the narrative sections, in the order of the text."""
    statements: list[Statement] = []
    for section in narrative_sections(report):
        statements.extend(_statements_in(section.text, section_where(section), report.year))
    return statements


def statements_in_text(text: str, *, where: str, year: int | None) -> list[Statement]:
    """The statements in one piece of text; ``year`` (the report year) drops other years' figures."""
    return list(_statements_in(text, where, year))


@functools.lru_cache(maxsize=_RECENT_TEXTS)
def _statements_in(text: str, where: str, year: int | None) -> tuple[Statement, ...]:
    normal, origin = normalise(text)
    found: dict[tuple[StatementKind, int], Statement] = {}
    for pattern in _PATTERNS:
        for match in pattern.regex.finditer(normal):
            if not _accepted(pattern, normal, match, year):
                continue
            start, end = origin[match.start()], origin[match.end() - 1] + 1
            statement = Statement(pattern.kind, _value(pattern, match), text[start:end], where, start, end)
            found.setdefault((pattern.kind, start), statement)
    return tuple(sorted(found.values(), key=lambda statement: (statement.start, statement.kind)))


def mentions_processing_fee(text: str) -> bool:
    """Whether the text reports on the 信息处理费 at all (any of the ways reports word it)."""
    return _FEE_MENTION.search(normalise(text)[0]) is not None


@functools.lru_cache(maxsize=_RECENT_TEXTS)
def normalise(text: str) -> tuple[str, tuple[int, ...]]:
    """NFKC text without whitespace, and for each of its characters the offset it came from.

    Several rules read the same section texts (C13, C14, C16, the fee rule): the texts seen
    last are normalised once."""
    characters: list[str] = []
    origin: list[int] = []
    for position, character in enumerate(text):
        for normal in unicodedata.normalize("NFKC", character):
            if normal.isspace():
                continue
            characters.append(normal)
            origin.append(position)
    return "".join(characters), tuple(origin)


# -- patterns (on normalised text: ASCII punctuation ,;:() and digits, 。、“” unchanged) ----------

_CLAUSE = "[^,。;:()]"  # a character inside one clause
_WORD = r"[^,。;:()\d]"  # … that is not a digit either
_OBJECT = r"(?:各类)?(?:政府信息公开|信息公开|依申请公开)?(?:的)?申请(?!人)"
_LEAD = r"(?:数量|数)?(?:共|共计|合计|总计|累计)?(?:为|达|有)?"
_CLAUSE_START = r"(?:^|(?<=[,。;:(]))"
_SUBJECT = r"(?:\d{4}年度?)?(?:全年|本年度?)?(?:全[县市区镇])?(?:我[局委办厅处]|本机关|本单位)?"
_TOTAL = r"(?:共|共计|累计|合计)?(?:已)?"
_CASES = r"(?:件|起|宗)"
_NEGATION = r"(?:未|没有)"


@dataclass(frozen=True, slots=True)
class _Pattern:
    kind: StatementKind
    regex: re.Pattern[str]
    about_applications: bool = False  # the sentence's nearest topic must be 申请
    whole_year: bool = True  # drop subsets (其中…) and channels (通过网络…)


def _pattern(kind: StatementKind, regex: str, **options: bool) -> _Pattern:
    return _Pattern(kind, re.compile(regex), **options)


_K = StatementKind
_PATTERNS = (
    _pattern(
        _K.RECEIVED, rf"(?:新收|收到|接收|接到){_OBJECT}{_LEAD}(?P<n>\d+)件(?!\(含)", about_applications=True
    ),
    _pattern(
        _K.RECEIVED,
        rf"{_NEGATION}(?:收到|接到)(?:任何)?(?:政府信息公开|信息公开|依申请公开)(?:的)?(?:申请|事项)(?!人)",
        about_applications=True,
    ),
    _pattern(_K.ACCEPTED, rf"受理{_OBJECT}{_LEAD}(?P<n>\d+)件", about_applications=True),
    _pattern(
        _K.CARRIED_OVER,
        rf"上一?年度?结转(?:的)?(?:政府信息公开|信息公开)?(?:申请)?{_LEAD}(?P<n>\d+)件",
        about_applications=True,
        whole_year=False,
    ),
    _pattern(
        _K.HANDLED,
        rf"{_CLAUSE_START}{_SUBJECT}{_TOTAL}(?:办结|答复|办理完毕|办理完成|处理完毕)(?:{_OBJECT})?{_LEAD}(?P<n>\d+)件",
        about_applications=True,
    ),
    _pattern(
        _K.PROCESSED,
        rf"{_CLAUSE_START}{_SUBJECT}{_TOTAL}办理(?:{_OBJECT})?{_LEAD}(?P<n>\d+)件",
        about_applications=True,
    ),
    _pattern(
        _K.CARRIED_FORWARD,
        rf"(?:结转|转)(?:至|到)?下一?年度?(?:继续)?(?:办理)?(?:答复)?(?:的)?(?:申请)?(?:的)?{_LEAD}(?P<n>\d+)件",
        about_applications=True,
        whole_year=False,
    ),
    _pattern(
        _K.CARRIED_FORWARD,
        r"(?P<n>\d+)件(?:申请)?(?:结转|顺延|转)(?:至|到)?下一?年",
        about_applications=True,
        whole_year=False,
    ),
    _pattern(
        _K.REVIEWS,
        rf"公开(?:(?!诉讼){_CLAUSE}){{0,10}}?行政复议(?:案件|事项|申请)?{_LEAD}(?P<n>\d+){_CASES}",
    ),
    _pattern(
        _K.REVIEWS,
        rf"(?P<n>\d+){_CASES}(?:(?!诉讼){_WORD}){{0,12}}?公开(?:(?!诉讼){_WORD}){{0,6}}?行政复议(?:案件)?(?=[,。;:)]|$)",
    ),
    _pattern(
        _K.REVIEWS,
        rf"{_NEGATION}(?:收到|发生|产生|出现){_CLAUSE}{{0,12}}?公开{_CLAUSE}{{0,12}}?行政复议"
        r"(?:案件|事项|申请|情况)?(?=[,。;:、和及或与)]|$)",
    ),
    _pattern(
        _K.LAWSUITS,
        rf"公开(?:(?!复议){_CLAUSE}){{0,10}}?行政诉讼(?:案件|事项)?{_LEAD}(?P<n>\d+){_CASES}",
    ),
    _pattern(
        _K.LAWSUITS,
        rf"(?P<n>\d+){_CASES}(?:(?!复议){_WORD}){{0,12}}?公开(?:(?!复议){_WORD}){{0,6}}?行政诉讼(?:案件)?(?=[,。;:)]|$)",
    ),
    _pattern(
        _K.LAWSUITS,
        rf"{_NEGATION}(?:收到|发生|产生|出现){_CLAUSE}{{0,12}}?公开{_CLAUSE}{{0,12}}?行政诉讼"
        r"(?:案件|事项|情况)?(?=[,。;:、和及或与)]|$)",
    ),
    _pattern(
        _K.FEE_COLLECTED,
        rf"(?<!未|没|不)收取(?:了|到)?{_WORD}{{0,16}}?处理费(?:共|共计|合计|总计|累计)?(?:金额)?(?:为|达)?"
        r"(?P<n>\d+(?:\.\d+)?)(?P<unit>万元|元)",
    ),
    _pattern(_K.FEE_NOT_COLLECTED, rf"(?:未|没有|不曾)收取(?:过|任何)?{_WORD}{{0,14}}?处理费"),
    _pattern(
        _K.FEE_NOT_CHARGED,
        rf"{_NEGATION}(?:发生|产生|涉及|出现)(?:过|任何)?{_WORD}{{0,14}}?(?:收费|处理费)(?:事项|情况|行为)?",
    ),
    _pattern(_K.FEE_NOT_CHARGED, rf"{_NEGATION}(?:进行|予以)?收费"),
    _pattern(
        _K.FEE_NO_NOTICE,
        rf"{_NEGATION}(?:向申请人)?(?:发出|出具|送达|下发|开具|制发|发放|发送)(?:过|任何)?{_WORD}{{0,10}}?(?:收费|缴费)通知",
    ),
)

_FEES = frozenset({_K.FEE_COLLECTED, _K.FEE_NOT_COLLECTED, _K.FEE_NOT_CHARGED, _K.FEE_NO_NOTICE})
_FEE_MENTION = re.compile(
    rf"处理费|收费通知|缴费通知|(?:信息公开|依申请){_CLAUSE}{{0,10}}?收费|收费{_CLAUSE}{{0,10}}?(?:信息公开|依申请)"
)
# A fee statement must be about the disclosure fee, not 行政事业性收费 in general.
_FEE_TOPIC = re.compile(r"处理费|信息公开|依申请|收费通知|缴费通知")
_OTHER_FEES = re.compile(r"行政事业性")

_SENTENCE_END = "。"
_CLAUSE_ENDS = ",。;:("
_YEAR = re.compile(r"(\d{4})年")
_OTHER_PERIOD = re.compile(r"去年|前年|同期|同比|上一?年(?!度?结转)")
_SUBSET = "其中"
_CHANNELS = re.compile(r"通过|网上|网络|信函|当面|现场|传真|邮寄|邮件|来信|来电|在线|平台|窗口|各")
_TOPICS = re.compile(r"申请|复议|诉讼|案件|建议|提案|信访|留言|来信|热线")
_APPLICATION_TOPIC = "申请"


def _accepted(pattern: _Pattern, normal: str, match: re.Match[str], year: int | None) -> bool:
    start = match.start()
    sentence = normal.rfind(_SENTENCE_END, 0, start) + 1
    clause = max(normal.rfind(end, 0, start) for end in _CLAUSE_ENDS) + 1
    before_in_sentence = normal[sentence:start]
    before_in_clause = normal[clause:start]
    if year is not None and any(int(found) != year for found in _YEAR.findall(before_in_sentence)):
        return False
    if _OTHER_PERIOD.search(before_in_clause):
        return False
    if pattern.whole_year:
        since_semicolon = normal[max(sentence, normal.rfind(";", 0, start) + 1) : start]
        if _SUBSET in since_semicolon or _CHANNELS.search(before_in_clause):
            return False
    if pattern.about_applications:
        topics = _TOPICS.findall(normal[sentence : match.end()])
        if not topics or topics[-1] != _APPLICATION_TOPIC:
            return False
    if pattern.kind in _FEES:
        about = before_in_clause + match.group()
        if not _FEE_TOPIC.search(about) or _OTHER_FEES.search(about):
            return False
    return True


def _value(pattern: _Pattern, match: re.Match[str]) -> int | Decimal:
    number = match.groupdict().get("n")
    if number is None:
        return 0
    if pattern.kind is _K.FEE_COLLECTED:
        unit = MoneyUnit(match.group("unit"))
        return Decimal(number) * unit.in_yuan
    return int(number)
