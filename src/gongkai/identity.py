"""Identity documents (条例 第二十九条第（一）项 身份证明): their kinds, and check characters against typos.

Two national standards end a number with a check character, so a mistyped or swapped character is
refused before an application is registered under a wrong identity:

* GB 11643-1999 公民身份号码 (the 居民身份证 number): 6 address digits, 8 birth-date digits, 3 sequence
  digits and a check character by ISO 7064 MOD 11-2 (weights 2^(17-i) mod 11; a value of 10 is X).
* GB 32100-2015 法人和其他组织统一社会信用代码: 18 characters from 31 (the digits and the capital
  letters except I, O, Z, S, V); the 18th is 31 - (Σ value·3^i mod 31) mod 31 over the first 17.

Passports and other documents follow no national check rule and are taken as written. The numbers
are normalised (full-width characters made half-width, spaces removed, letters in capitals) so that
the same person's applications carry the same text: the 按件 fee counts them by it
(国办函〔2020〕109号, same applicant in a calendar month).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from enum import Enum

from gongkai.errors import GongkaiError

RESIDENT_ID_LENGTH = 18  # GB 11643-1999 (the 15-digit first-generation numbers expired in 2013)
_RESIDENT_ID_WEIGHTS = tuple(2 ** (17 - i) % 11 for i in range(17))
_RESIDENT_ID_CHECK = "10X98765432"  # index: weighted sum mod 11
# The first two digits of the address code (GB/T 2260): the 31 provinces, and 71, 81, 82 and 83
# (台湾, 香港, 澳门; 81/82/83 begin the numbers of the 港澳台居民居住证, 国办发〔2018〕81号).
RESIDENT_ID_PROVINCES = frozenset(
    {"11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37"}
    | {"41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65"}
    | {"71", "81", "82", "83"}
)

CREDIT_CODE_LENGTH = 18  # GB 32100-2015
_CREDIT_CODE_CHARACTERS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_CREDIT_CODE_WEIGHTS = tuple(3**i % 31 for i in range(17))

_WHITESPACE = re.compile(r"\s+")


class IdentityKind(Enum):
    """What an applicant shows as 身份证明."""

    RESIDENT_ID = "resident_id"
    CREDIT_CODE = "credit_code"
    PASSPORT = "passport"
    OTHER = "other"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    IdentityKind.RESIDENT_ID: "居民身份证",
    IdentityKind.CREDIT_CODE: "统一社会信用代码",
    IdentityKind.PASSPORT: "护照",
    IdentityKind.OTHER: "其他证件",
}


class IdentityError(GongkaiError):
    """An identity number that cannot be right (wrong length, characters, date or check character)."""

    code = "identity_invalid"


def normalise(text: str) -> str:
    """Half-width characters, no spaces, capital letters: ``１１０１ ０５x`` -> ``110105X``."""
    return _WHITESPACE.sub("", unicodedata.normalize("NFKC", text)).upper()


def resident_id_check_character(first_17: str) -> str:
    """The 18th character of a 公民身份号码 whose first 17 digits are ``first_17`` (GB 11643-1999)."""
    if len(first_17) != RESIDENT_ID_LENGTH - 1 or not first_17.isascii() or not first_17.isdigit():
        raise ValueError(f"expected 17 digits, got {first_17!r}")
    total = sum(int(digit) * weight for digit, weight in zip(first_17, _RESIDENT_ID_WEIGHTS, strict=True))
    return _RESIDENT_ID_CHECK[total % 11]


def resident_id_region_is_known(number: str) -> bool:
    """Whether a 公民身份号码 (18 or 15 digits) begins with the code of a province (GB/T 2260)."""
    return number[:2] in RESIDENT_ID_PROVINCES


def credit_code_check_character(first_17: str) -> str:
    """The 18th character of a 统一社会信用代码 whose first 17 characters are ``first_17`` (GB 32100-2015)."""
    if len(first_17) != CREDIT_CODE_LENGTH - 1 or any(c not in _CREDIT_CODE_CHARACTERS for c in first_17):
        raise ValueError(f"expected 17 characters of {_CREDIT_CODE_CHARACTERS}, got {first_17!r}")
    total = sum(
        _CREDIT_CODE_CHARACTERS.index(c) * weight
        for c, weight in zip(first_17, _CREDIT_CODE_WEIGHTS, strict=True)
    )
    return _CREDIT_CODE_CHARACTERS[(31 - total % 31) % 31]


def check_resident_id(number: str) -> str:
    """The normalised number if it is a well-formed 公民身份号码; IdentityError (Chinese message) if not."""
    text = normalise(number)
    if len(text) != RESIDENT_ID_LENGTH:
        raise IdentityError(
            f"居民身份证号码应为 {RESIDENT_ID_LENGTH} 位，实际为 {len(text)} 位", code="resident_id_length"
        )
    if not (text[:17].isascii() and text[:17].isdigit()) or text[17] not in _RESIDENT_ID_CHECK:
        raise IdentityError(
            "居民身份证号码前 17 位应为数字，最后一位应为数字或 X", code="resident_id_characters"
        )
    try:
        dt.date(int(text[6:10]), int(text[10:12]), int(text[12:14]))
    except ValueError:
        raise IdentityError(
            f"居民身份证号码第 7 至 14 位应为出生日期，“{text[6:14]}”不是有效日期",
            code="resident_id_birth_date",
        ) from None
    if resident_id_check_character(text[:17]) != text[17]:
        raise IdentityError(
            "居民身份证号码的校验位不符（GB 11643），请核对是否有输错或颠倒的数字", code="resident_id_check"
        )
    return text


def check_credit_code(code: str) -> str:
    """The normalised code if it is a well-formed 统一社会信用代码; IdentityError (Chinese message) if not."""
    text = normalise(code)
    if len(text) != CREDIT_CODE_LENGTH:
        raise IdentityError(
            f"统一社会信用代码应为 {CREDIT_CODE_LENGTH} 位，实际为 {len(text)} 位", code="credit_code_length"
        )
    wrong = sorted({c for c in text if c not in _CREDIT_CODE_CHARACTERS})
    if wrong:
        raise IdentityError(
            f"统一社会信用代码只含数字和大写字母（不含 I、O、Z、S、V），不应有：{'、'.join(wrong)}",
            code="credit_code_characters",
        )
    if credit_code_check_character(text[:17]) != text[17]:
        raise IdentityError(
            "统一社会信用代码的校验位不符（GB 32100），请核对是否有输错或颠倒的字符", code="credit_code_check"
        )
    return text


def identity_document(kind: IdentityKind, number: str) -> str:
    """The text stored as an application's 身份证明.

    A 居民身份证 number or a 统一社会信用代码 is checked and stored alone: its form says what it is.
    A passport number is stored after the word 护照; another document as written (the applicant
    names the document and its number), with runs of spaces made one.
    """
    if not normalise(number):
        what = {IdentityKind.OTHER: "证件名称和号码", IdentityKind.CREDIT_CODE: kind.label}.get(
            kind, f"{kind.label}号码"
        )
        raise IdentityError(f"请填写{what}", code="identity_missing")
    match kind:
        case IdentityKind.RESIDENT_ID:
            return check_resident_id(number)
        case IdentityKind.CREDIT_CODE:
            return check_credit_code(number)
        case IdentityKind.PASSPORT:
            return f"{kind.label} {normalise(number)}"
        case IdentityKind.OTHER:
            return _WHITESPACE.sub(" ", unicodedata.normalize("NFKC", number)).strip()
    raise AssertionError(kind)
