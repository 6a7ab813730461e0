"""Masking personal data for lists, exports and people who need the case but not the person.

Identity numbers, phone numbers and e-mail addresses are masked so that a clerk can still tell two
records apart (first and last characters kept) without reading them out (条例 第十五条 protects
个人隐私; issue 4 item 9). The masks are pure functions of the text; who may see the full value is
the web app's rule.
"""

from __future__ import annotations

import re

MASK = "*"

# A run of 7 or more digits (mobile and landline numbers, identity and bank numbers), possibly with an
# X check character; shorter numbers (house numbers, dates' parts) are left alone.
_LONG_NUMBER = re.compile(r"(?<![0-9])[0-9][0-9 \-]{5,}[0-9Xx](?![0-9])")
_EMAIL = re.compile(r"([A-Za-z0-9._%+\-])([A-Za-z0-9._%+\-]*)(@[A-Za-z0-9.\-]+)")


def mask_identity_document(value: str) -> str:
    """``110101199001011234`` -> ``110***********1234``: the region prefix and last four stay."""
    text = value.strip()
    if len(text) <= 4:
        return MASK * len(text)
    keep_head = 3 if len(text) >= 10 else 1
    return text[:keep_head] + MASK * (len(text) - keep_head - 4) + text[-4:]


def mask_number(value: str) -> str:
    """A phone or account number: the first three and last four digits stay (``138****0000``)."""
    digits = [i for i, char in enumerate(value) if char.isdigit() or char in "XxＸｘ"]
    # Short numbers keep only their last two digits; longer ones their first three and last four.
    hidden = set(digits[3:-4]) if len(digits) > 7 else set(digits[:-2] if len(digits) > 2 else digits)
    return "".join(MASK if i in hidden else char for i, char in enumerate(value))


def mask_text(value: str) -> str:
    """Every long number and e-mail address in free text (a contact line) masked."""
    masked = _LONG_NUMBER.sub(lambda match: mask_number(match.group()), value)
    return _EMAIL.sub(lambda match: match.group(1) + MASK * len(match.group(2)) + match.group(3), masked)


def mask_address(value: str) -> str:
    """A home address: its first three characters (the city or county) stay, the rest is hidden."""
    keep = 3 if len(value) > 6 else 0
    return value[:keep] + MASK * (len(value) - keep)
