"""The 公文 page both document writers print on: the annual report and the letters.

GB/T 9704-2012《党政机关公文格式》5.2.1: A4 paper; 天头 (top margin) 37 mm, 订口 (left margin)
28 mm, type area 156 mm × 225 mm, hence right 26 mm and bottom 35 mm; 7.5: page numbers 7 mm under
the type area. The faces are the Noto CJK ones of Debian's fonts-noto-cjk (the machine has neither
仿宋_GB2312 nor 小标宋): every writer names them, so a file looks the same wherever it is opened.

`gongkai.typesetting.docx` holds the Word mechanics both use (page, fonts named for East Asian
text, the page number field), `gongkai.typesetting.pdf` the offline PDF writer; each is imported
on its own, so a Word writer does not load WeasyPrint.
"""

from __future__ import annotations

from dataclasses import dataclass

SERIF = "Noto Serif CJK SC"  # for 仿宋_GB2312 and 宋体
SANS = "Noto Sans CJK SC"  # for 黑体

POINTS_PER_MM = 72 / 25.4


@dataclass(frozen=True, slots=True)
class PageSetup:
    """A4 with the GB/T 9704 margins, in millimetres."""

    width: float = 210.0
    height: float = 297.0
    top: float = 37.0
    bottom: float = 35.0
    left: float = 28.0
    right: float = 26.0
    page_number_gap: float = 7.0  # from the type area's lower edge to the page number (7.5)

    @property
    def text_width(self) -> float:
        return self.width - self.left - self.right

    @property
    def text_height(self) -> float:
        return self.height - self.top - self.bottom

    @property
    def css_margin(self) -> str:
        """The margins as CSS writes them (top, right, bottom, left): ``37mm 26mm 35mm 28mm``."""
        return " ".join(f"{side:g}mm" for side in (self.top, self.right, self.bottom, self.left))


PAGE = PageSetup()
