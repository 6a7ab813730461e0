"""Telephone numbers and e-mail addresses, less those the body itself publishes.

A report, a catalogue notice and a reply letter all print the office's own 咨询电话 and mailbox
(条例 第十九条 wants them public), so the screener takes an allow-list and compares canonical
forms: the same number written ``0517-83605210``, ``(0517)8360 5210`` or ``０５１７－８３６０５２１０``
is one entry.

* Mobile numbers: 11 digits in a segment MIIT has assigned to public mobile service (130–139, 145,
  147, 149, 150–159 less 154, 162, 165–167, 170–178, 180–189, 190–199 less 194); written plain or
  3-4-4, optionally after ``+86``/``0086``. The 14x segments 140–144, 146 and 148 (IoT) are left out:
  a crawled table row glued into eleven figures begins with 14 often enough to matter. Mobile
  numbers are issued to people, so one that the body does not publish blocks.
* Landlines: an area code (``010``, ``02x``, or four digits ``0[3-9]xx``) and a 7–8 digit local
  number not starting with 0 or 1, optionally with an extension (``转 8001``, ``-8001``). Most
  landlines in government texts are offices', so an unknown one is flagged, not blocked. A local
  number printed without its area code is not reported: eight digits alone are as likely an amount.
* A phone number glued between a Chinese label and a line end (or the next label) with no word such
  as 电话 before it is taken for a crawled table row's figures run together and left alone; so is
  one written in space-separated groups with another figure one space before or after it.
* E-mail: an address in a government domain (``gov.cn``) is an office's; any other one not on
  the allow-list is flagged (a 163.com mailbox is often an office's too).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from gongkai.screening.folding import fold_width
from gongkai.screening.kinds import Kind
from gongkai.screening.numbers import SEPARATOR, bounded, digits_of
from gongkai.screening.spans import Span, among_figures, glued_figures

_S = SEPARATOR + "?"
_COUNTRY = r"(?:\(\+?86\)|(?:\+|00)86)"
_MOBILE_SEGMENT = r"1(?:3\d|4[579]|5[0-35-9]|6[2567]|7[0-8]|8\d|9[0-35-9])"
_MOBILE = re.compile(bounded(rf"(?:{_COUNTRY}{_S})?(?P<mobile>{_MOBILE_SEGMENT}{_S}\d{{4}}{_S}\d{{4}})"))
_AREA = r"0(?:10|2\d|[3-9]\d{2})"
_LANDLINE = re.compile(
    bounded(
        rf"(?:\((?P<area_in_parentheses>{_AREA})\) ?|(?P<area>{_AREA}){_S})"
        rf"(?P<local>[2-9]\d{{2,3}}{_S}\d{{4}})"
        rf"(?:(?: ?(?:转|分机|ext\.?) ?|-)(?P<extension>\d{{1,5}}))?"
    )
)
_EMAIL = re.compile(
    r"(?<![A-Za-z0-9._%+\-])[A-Za-z0-9._%+\-]+@(?P<domain>[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,})"
)
_GOVERNMENT_DOMAINS = ("gov.cn",)
_PHONE_KEYWORDS = ("电话", "手机", "联系", "座机", "传真", "热线", "号码", "tel", "Tel", "TEL")


@dataclass(frozen=True)
class AllowList:
    """The body's published numbers and mailboxes in canonical form (see `allow_list`)."""

    numbers: frozenset[str] = frozenset()
    emails: frozenset[str] = frozenset()


def allow_list(entries: Iterable[str]) -> AllowList:
    """Canonical forms of published contacts: each entry is read with the same patterns the
    scanner uses (so ``0517-83605210转8001`` allows ``0517-83605210``); an entry in which no phone
    number is found counts by its digits (a local number without area code, an account number)."""
    numbers: set[str] = set()
    emails: set[str] = set()
    for entry in entries:
        folded = fold_width(entry)
        found = [email.group().lower() for email in _EMAIL.finditer(folded)]
        emails.update(found)
        phones = [_mobile_key(match) for match in _MOBILE.finditer(folded)]
        phones += [_landline_key(match) for match in _LANDLINE.finditer(folded)]
        numbers.update(phones)
        if not found and not phones and (digits := digits_of(folded)):
            numbers.add(digits)
    return AllowList(frozenset(numbers), frozenset(emails))


def _mobile_key(match: re.Match[str]) -> str:
    return digits_of(match.group("mobile"))


def _landline_key(match: re.Match[str]) -> str:
    area = match.group("area") or match.group("area_in_parentheses")
    return area + digits_of(match.group("local"))


def mobile_phones(folded: str, allowed: AllowList) -> Iterator[Span]:
    for match in _MOBILE.finditer(folded):
        start, end = match.start(), match.end()
        if _mobile_key(match) in allowed.numbers or among_figures(folded, start, end):
            continue
        if not glued_figures(folded, start, end, _PHONE_KEYWORDS):
            yield Span(Kind.MOBILE_PHONE, match.start(), match.end())


def landline_phones(folded: str, allowed: AllowList) -> Iterator[Span]:
    for match in _LANDLINE.finditer(folded):
        key = _landline_key(match)
        local = digits_of(match.group("local"))
        start, end = match.start(), match.end()
        figures = glued_figures(folded, start, end, _PHONE_KEYWORDS) or among_figures(folded, start, end)
        if key not in allowed.numbers and local not in allowed.numbers and not figures:
            yield Span(Kind.LANDLINE_PHONE, match.start(), match.end())


def emails(folded: str, allowed: AllowList) -> Iterator[Span]:
    for match in _EMAIL.finditer(folded):
        domain = match.group("domain").lower()
        government = any(domain == d or domain.endswith("." + d) for d in _GOVERNMENT_DOMAINS)
        if not government and match.group().lower() not in allowed.emails:
            yield Span(Kind.EMAIL, match.start(), match.end())
