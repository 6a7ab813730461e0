"""Properties of the scanner over generated text: valid identity numbers are always found, broken
ones never reported as identity numbers, and masks never show more than they promise."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.identity import RESIDENT_ID_PROVINCES, resident_id_check_character
from gongkai.screening import Kind, scan

# Chinese text with no digits, letters or the words 信用代码 (which would make an all-digit number a
# credit code): what surrounds a number in a letter or a message.
PROSE = st.text(
    alphabet=st.sampled_from(
        list("申请人张某现答复如下本机关于年月日收到您提出的政府信息公开号：，。（）、\n ")
    )
)
FULL_WIDTH = {ord(c): ord(c) + 0xFEE0 for c in "0123456789X"}


@st.composite
def resident_ids(draw: st.DrawFn) -> str:
    region = draw(st.sampled_from(sorted(RESIDENT_ID_PROVINCES))) + f"{draw(st.integers(0, 9999)):04d}"
    born = draw(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)))
    first_17 = region + born.strftime("%Y%m%d") + f"{draw(st.integers(0, 999)):03d}"
    return first_17 + resident_id_check_character(first_17)


def written(number: str, style: str) -> str:
    """``number`` as people write it."""
    match style:
        case "6-8-4":
            return f"{number[:6]} {number[6:14]} {number[14:]}"
        case "6-4-4-4":
            return f"{number[:6]}-{number[6:10]}-{number[10:14]}-{number[14:]}"
        case "full-width":
            return number.translate(FULL_WIDTH)
        case "lower-case":
            return number.lower()
    return number


STYLES = st.sampled_from(["plain", "6-8-4", "6-4-4-4", "full-width", "lower-case"])


@settings(max_examples=300, deadline=None)
@given(before=PROSE, number=resident_ids(), style=STYLES, after=PROSE)
def test_every_valid_resident_id_in_chinese_text_is_found_at_its_place(
    before: str, number: str, style: str, after: str
) -> None:
    form = written(number, style)
    hits = scan(before + form + after)
    assert [(hit.kind, hit.start, hit.end) for hit in hits] == [
        (Kind.RESIDENT_ID, len(before), len(before) + len(form))
    ]


@settings(max_examples=300, deadline=None)
@given(before=PROSE, number=resident_ids(), wrong=st.sampled_from(list("0123456789X")), after=PROSE)
def test_a_number_with_a_broken_check_character_is_never_reported_as_a_resident_id(
    before: str, number: str, wrong: str, after: str
) -> None:
    broken = number[:17] + wrong
    if broken == number:
        return
    hits = scan(before + broken + after)
    assert Kind.RESIDENT_ID not in {hit.kind for hit in hits}


@settings(max_examples=300, deadline=None)
@given(before=PROSE, number=resident_ids(), style=STYLES, after=PROSE)
def test_a_masked_resident_id_shows_at_most_its_first_three_and_last_four_digits(
    before: str, number: str, style: str, after: str
) -> None:
    form = written(number, style)
    (hit,) = scan(before + form + after)
    shown = [i for i, char in enumerate(hit.masked) if char != "*"]
    digit_positions = [i for i, char in enumerate(form) if char.isalnum()]
    assert len(hit.masked) == len(form)
    assert all(hit.masked[i] == form[i] for i in shown)
    assert [i for i in shown if i in digit_positions] == digit_positions[:3] + digit_positions[-4:]
    assert form not in hit.excerpt


NOISY = st.text(
    alphabet=st.one_of(
        st.sampled_from(list("0123456789０１２３４５６７８９ -/.+@xX号楼单元室村组住址身份证电话邮箱")),
        st.characters(codec="utf-8"),
    ),
    max_size=200,
)


@settings(max_examples=500, deadline=None)
@given(text=NOISY)
def test_hits_on_any_text_lie_inside_it_and_no_excerpt_shows_a_personal_hit_unmasked(text: str) -> None:
    hits = scan(text, negative_terms=["身份证"])
    assert hits == sorted(hits, key=lambda hit: (hit.start, hit.end, hit.code))
    for hit in hits:
        assert 0 <= hit.start < hit.end <= len(text)
        assert len(hit.masked) == hit.end - hit.start
    personal = [hit for hit in hits if hit.kind is not Kind.NEGATIVE_TERM]
    for hit in personal:
        raw = text[hit.start : hit.end]
        assert all(raw not in other.excerpt for other in hits if len(raw) > 7)
        digits = sum(char.isdigit() for char, mask in zip(raw, hit.masked, strict=True) if char == mask)
        assert digits <= 7
