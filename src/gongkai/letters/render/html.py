"""A letter as one printable HTML page in the 公文 layout, for WeasyPrint to set as a PDF.

Inline CSS only, nothing fetched; every text is escaped (titles and paragraphs come from templates
an administrator edits and from what applicants and officers typed). Measurements: `layout`.
"""

from __future__ import annotations

from html import escape

from gongkai.letters.letter import Letter
from gongkai.letters.render.layout import TYPE, Typography, closing
from gongkai.typesetting import PAGE, PageSetup


def render_html(letter: Letter, *, page: PageSetup = PAGE, typography: Typography = TYPE) -> str:
    """A complete HTML5 page: title, document number, addressee, paragraphs, signature and date."""
    places = closing(letter)
    em = typography.character_width
    body = [
        f"<h1>{escape(letter.title)}</h1>",
        f'<p class="number">{escape(letter.number)}</p>',
        f'<p class="addressee">{escape(letter.addressee)}</p>',
        *(f"<p>{escape(text)}</p>" for text in letter.paragraphs),
        f'<p class="signature" style="padding-right: {places.signature_right * em:.2f}pt">'
        f"{escape(letter.signature)}</p>",
        f'<p class="date" style="padding-right: {places.date_right * em:.2f}pt">'
        f"{escape(letter.date_text)}</p>",
    ]
    return (
        "<!DOCTYPE html>\n"
        '<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(letter.title)}</title>\n<style>{_style(page, typography)}</style>\n</head>\n"
        "<body>\n" + "\n".join(body) + "\n</body>\n</html>\n"
    )


def _style(page: PageSetup, typography: Typography) -> str:
    number = (
        f'content: "— " counter(page) " —"; font-family: "{typography.body_font}"; '
        f"font-size: {typography.page_number_size}pt; letter-spacing: 0; "
        f"vertical-align: top; padding-top: {page.page_number_gap}mm;"
    )
    pitch = typography.line_pitch
    return f"""
@page {{
  size: {page.width}mm {page.height}mm;
  margin: {page.css_margin};
}}
@page :right {{ @bottom-right {{ {number} margin-right: {typography.page_number_size}pt; }} }}
@page :left {{ @bottom-left {{ {number} margin-left: {typography.page_number_size}pt; }} }}
html {{ background: #fff; color: #000; }}
body {{
  margin: 0; font-family: "{typography.body_font}", serif; font-size: {typography.body_size}pt;
  line-height: {pitch}pt; letter-spacing: {typography.character_spacing}pt;
}}
h1 {{
  margin: 0; font-family: "{typography.title_font}", serif; font-size: {typography.title_size}pt;
  font-weight: bold; line-height: {typography.title_line}pt; text-align: center;
}}
p {{
  margin: 0; text-align: justify; text-indent: {2 * typography.character_width}pt;
  overflow-wrap: anywhere; orphans: 1; widows: 1;
}}
p.number {{ text-align: center; text-indent: 0; margin-bottom: {pitch}pt; }}
p.addressee {{ text-indent: 0; }}
p.signature {{ text-align: right; text-indent: 0; margin-top: {pitch}pt; break-after: avoid; }}
p.date {{ text-align: right; text-indent: 0; }}
"""
