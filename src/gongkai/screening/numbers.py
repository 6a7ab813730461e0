"""Identity documents and bank cards written as numbers in free text.

A number is looked for in the width-folded text (`gongkai.screening.folding`), in the groupings
people write (``110105 19491231 002X``, ``6222-0212-3456-7890``), and is reported only when its own
rules say it can be what it looks like: a random run of digits from a statistics table passes a
check character, a birth date and a province code together about once in a thousand times, which is
what keeps a publication gate usable on reports full of figures.

* 居民身份证 (GB 11643-1999): 18 digits, the last by ISO 7064 MOD 11-2, digits 7–14 a real birth
  date from 1900 on, and a province code in front. The 15-digit first-generation numbers (expired
  in 2013 but still found in old files) have no check digit: with only a date and a province to
  go by they are reported only after a word such as 身份证 (a table row of 15 figures glued
  together in a crawled report passes the date and province tests often enough to matter).
* An 18-digit number whose date and province fit but whose check character does not is not an
  identity number; after a word such as 身份证 it is reported as a suspect (a mistyped number still
  identifies a person to anyone who tries the ten variants).
* 统一社会信用代码 (GB 32100-2015) are 18 characters too and are not personal data; an all-digit
  code could pass the identity checks by chance, so a number that passes both is taken as a code
  only when the words 信用代码 stand before it.
* Bank cards: 16–19 digits, the Luhn check (ISO/IEC 7812) and an issuer prefix of the cards issued
  in China (62 UnionPay, 4 Visa, 51–55 Mastercard, 35 JCB, 60, 9558/95599 the older domestic
  ranges): the Luhn check alone lets one run of digits in ten through.
* Passports and 通行证 follow no check rule: a letter-and-digits number is reported only after the
  name of such a document.

A number glued to letters or digits, or continued by ``-``, ``/`` or ``.`` and a digit, is part of
something else (an 索引号 ``000014349/2022-00123``, an amount ``13800138000.50``) and is left alone;
a card number glued between a Chinese label and a line end with no word such as 卡号 before it, or
written in groups with another figure one space away, is a crawled table row's figures
(`gongkai.screening.spans.glued_figures`, `among_figures`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator

from gongkai.identity import (
    credit_code_check_character,
    resident_id_check_character,
    resident_id_region_is_known,
)
from gongkai.screening.kinds import Kind
from gongkai.screening.spans import KEYWORD_WINDOW, Span, among_figures, glued_figures, keyword_before

# One separator between groups of digits: a space, or a hyphen with at most a space either side.
SEPARATOR = r"(?: ?- ?| )"
_S = SEPARATOR + "?"


def bounded(pattern: str) -> str:
    """``pattern`` when it stands alone: not glued to letters or digits, not one part of a longer
    number joined by ``-``, ``/`` or ``.``."""
    return rf"(?<![0-9A-Za-z])(?<![0-9][-/.])(?:{pattern})(?![0-9A-Za-z])(?![-/.][0-9])"


def digits_of(text: str) -> str:
    """The digits (and a check character X) of a folded number, separators dropped, upper case."""
    return "".join(char for char in text if char.isascii() and char.isalnum()).upper()


# Groupings of an identity number: 6-8-4 and 6-4-4-4 (and 3-3-4-4-4, 6-4-2-2-4) are what people
# write; a separator anywhere else means the digits are a run of table figures.
_RESIDENT_ID_18 = re.compile(
    bounded(rf"\d{{3}}{_S}\d{{3}}{_S}\d{{4}}{_S}\d{{2}}{_S}\d{{2}}{_S}\d{{3}}[0-9Xx]")
)
_RESIDENT_ID_15 = re.compile(bounded(rf"\d{{6}}{_S}\d{{6}}{_S}\d{{3}}"))
_BANK_CARD = re.compile(
    bounded(rf"\d{{4}}(?:{_S}\d{{4}}){{3}}(?:{_S}\d{{1,3}})?|\d{{6}}{SEPARATOR}\d{{10,13}}")
)
_TRAVEL_DOCUMENT = re.compile(bounded(r"[A-Za-z]{1,2}\d{7,10}"))

ID_KEYWORDS = ("身份证", "身份号码", "证件号", "证号")
_CREDIT_CODE_KEYWORDS = ("信用代码",)
_CARD_KEYWORDS = ("卡号", "账号", "帐号", "银行", "开户", "银行卡")
_TRAVEL_DOCUMENT_KEYWORDS = ("护照", "通行证", "旅行证", "居民证", "证件号", "证号")
EARLIEST_BIRTH_YEAR = 1900  # no one born earlier holds a GB 11643 number in a file today
LATEST_BIRTH_YEAR = 2100  # a bound, not a clock: the core never reads today's date
_CARD_PREFIXES = ("62", "60", "4", "51", "52", "53", "54", "55", "35", "9558", "95599")


def _birth_date_is_valid(yyyymmdd: str) -> bool:
    try:
        born = dt.date(int(yyyymmdd[:4]), int(yyyymmdd[4:6]), int(yyyymmdd[6:8]))
    except ValueError:
        return False
    return EARLIEST_BIRTH_YEAR <= born.year <= LATEST_BIRTH_YEAR


def _is_credit_code(number: str) -> bool:
    return credit_code_check_character(number[:17]) == number[17]


def accepted_matches(
    pattern: re.Pattern[str], folded: str, classify: Callable[[re.Match[str]], Kind | None]
) -> Iterator[Span]:
    """The matches of ``pattern`` that ``classify`` names a kind for. After a refused match the
    search goes on one character further, not after it, so that a refused reading never hides a
    valid number that overlaps it (the optional separators allow more than one reading of a run
    of groups)."""
    position = 0
    while match := pattern.search(folded, position):
        kind = classify(match)
        if kind is None:
            position = match.start() + 1
            continue
        yield Span(kind, match.start(), match.end())
        position = match.end()


def resident_ids(folded: str) -> Iterator[Span]:
    """18-digit numbers: identity numbers, and suspects after an identity keyword."""

    def classify(match: re.Match[str]) -> Kind | None:
        number = digits_of(match.group())
        if not (resident_id_region_is_known(number) and _birth_date_is_valid(number[6:14])):
            return None
        if resident_id_check_character(number[:17]) == number[17]:
            if _is_credit_code(number) and keyword_before(
                folded, match.start(), _CREDIT_CODE_KEYWORDS, window=KEYWORD_WINDOW
            ):
                return None
            return Kind.RESIDENT_ID
        if keyword_before(folded, match.start(), ID_KEYWORDS, window=KEYWORD_WINDOW):
            return Kind.RESIDENT_ID_SUSPECT
        return None

    return accepted_matches(_RESIDENT_ID_18, folded, classify)


def first_generation_ids(folded: str) -> Iterator[Span]:
    """15-digit numbers with a province code and a 19YYMMDD birth date, after an identity keyword."""

    def classify(match: re.Match[str]) -> Kind | None:
        number = digits_of(match.group())
        if not (resident_id_region_is_known(number) and _birth_date_is_valid("19" + number[6:12])):
            return None
        if keyword_before(folded, match.start(), ID_KEYWORDS, window=KEYWORD_WINDOW):
            return Kind.RESIDENT_ID
        return None

    return accepted_matches(_RESIDENT_ID_15, folded, classify)


def luhn_is_valid(number: str) -> bool:
    """The Luhn (mod 10) check of ISO/IEC 7812 that the last digit of a card number satisfies."""
    total = 0
    for position, char in enumerate(reversed(number)):
        digit = int(char)
        if position % 2:
            digit = digit * 2 - 9 if digit > 4 else digit * 2
        total += digit
    return total % 10 == 0


def bank_cards(folded: str) -> Iterator[Span]:
    def classify(match: re.Match[str]) -> Kind | None:
        number = digits_of(match.group())
        if not (number.startswith(_CARD_PREFIXES) and luhn_is_valid(number)):
            return None
        start, end = match.start(), match.end()
        figures = glued_figures(folded, start, end, _CARD_KEYWORDS) or among_figures(folded, start, end)
        return None if figures else Kind.BANK_CARD

    return accepted_matches(_BANK_CARD, folded, classify)


def travel_documents(folded: str) -> Iterator[Span]:
    def classify(match: re.Match[str]) -> Kind | None:
        keyword = keyword_before(folded, match.start(), _TRAVEL_DOCUMENT_KEYWORDS, window=KEYWORD_WINDOW)
        return Kind.TRAVEL_DOCUMENT if keyword else None

    return accepted_matches(_TRAVEL_DOCUMENT, folded, classify)
