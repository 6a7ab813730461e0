"""The 公文 layout of a letter, measured once for both writers (Word and PDF).

GB/T 9704-2012《党政机关公文格式》, on the page of `gongkai.typesetting` (5.2.1: A4, type area
156 mm × 225 mm):

- 5.2.2–5.2.3 body in 3号仿宋, 22 lines a page, 28 characters a line, filling the type area;
- 7.2.3 发文字号: 机关代字〔年份〕序号号 (year in 〔〕, no 第, no leading zeros);
- 7.3.1 title in 2号小标宋, centred, one or more lines;
- 7.3.2 主送机关 under the title, flush left, ending with a full-width colon;
- 7.3.5.2 without a seal: signature one blank line under the text, right-aligned with two
  characters to spare; date on the next line, starting two characters right of the signature's
  first character; if the date is the longer, it keeps the two characters and the signature moves;
- 7.5 page numbers in 4号 Arabic numerals with a dash on each side (— 1 —), 7 mm under the type
  area; odd pages right-aligned one character in, even pages left-aligned one character in.

Fonts: the machine has neither 小标宋 nor 仿宋_GB2312, so the title is Noto Serif CJK SC Bold and
the body Noto Serif CJK SC (`typesetting.SERIF`).
"""

from __future__ import annotations

from dataclasses import dataclass

from gongkai.letters.letter import Letter
from gongkai.typesetting import SERIF

# Advance of an ASCII digit in Noto Serif CJK SC, in em (0.47–0.56 measured; the widest kept).
_LATIN_EM = 0.56


@dataclass(frozen=True, slots=True)
class Typography:
    """Faces and sizes in points, with the pitch that puts 22 lines of 28 characters on the type area."""

    body_font: str = SERIF  # for 仿宋_GB2312, not installed
    title_font: str = SERIF  # set bold: for 方正小标宋, not installed
    title_size: float = 22.0  # 二号
    body_size: float = 16.0  # 三号
    page_number_size: float = 14.0  # 四号
    lines_per_page: int = 22
    characters_per_line: int = 28
    # Word and LibreOffice place a line only if it fits whole: a pitch of 225 mm / 22 = 28.99 pt
    # rounds up to 29 pt in Word's twentieths and loses the 22nd line, so the pitch is rounded down.
    line_pitch: float = 28.95
    # 28 characters of 16 pt are 448 pt, the type area 442.2 pt: each character gives up 0.25 pt
    # (28 × 15.75 = 441 pt fits, 29 × 15.75 = 456.75 pt does not).
    character_spacing: float = -0.25
    title_line: float = 36.0  # title lines are 二号 and need more than the body pitch

    @property
    def character_width(self) -> float:
        return self.body_size + self.character_spacing


TYPE = Typography()


@dataclass(frozen=True, slots=True)
class Closing:
    """Where the signature and the date stand: how many characters each keeps free on the right."""

    signature_right: float
    date_right: float


def closing(letter: Letter) -> Closing:
    """GB/T 9704-2012 7.3.5.2 for a letter without a seal, in characters (em) from the right margin."""
    signature = _width(letter.signature)
    date = _width(letter.date_text)
    if date + 2 <= signature:
        return Closing(signature_right=2, date_right=signature - date)
    return Closing(signature_right=2 + date + 2 - signature, date_right=2)


def _width(text: str) -> float:
    """A text's width in em: CJK characters one em, ASCII characters narrower."""
    return sum(_LATIN_EM if ord(char) < 0x80 else 1.0 for char in text)
