"""Cutting a document into its six numbered sections.

A section heading is a row holding a single piece of text that is a section title of the
national format (or a known variant), or — for titles reworded locally — the section number
followed by the title's key words. Table row labels such as ``三、本年度办理结果`` or
``四、结转下年度继续办理`` never qualify: they carry none of the key words.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property

from gongkai.annual.codes import ReaderCode, finding
from gongkai.annual.findings import Finding
from gongkai.annual.parse.cells import variant_finding
from gongkai.annual.parse.document import Row
from gongkai.formats import SECTIONS, Label, LabelIndex, SectionSpec, Variant, normalise

_ARTIFACTS = re.compile(r"\[bookmark:[^\]]*\]|^#+\s*")
_NUMBERED = re.compile(r"^([一二三四五六])[、,.．]")
_MAX_HEADING = 40
# Every heading starts with its number (一…六), after markdown marks and spaces, or with an
# artefact of conversion ("[bookmark: …]"); anything else is passed over without matching.
_LEAD = "# \t\u3000\u00a0"
_HEADING_STARTS = frozenset("一二三四五六[")
# Key words that identify a locally reworded section title (spec §1.1 variants).
_KEY_WORDS = {
    "一": ("总体情况",),
    "二": ("主动公开",),
    "三": ("收到和处理", "依申请公开"),
    "四": ("行政复议", "行政诉讼"),
    "五": ("问题",),
    "六": ("其他需要报告", "其他事项"),
}


def numbered_label(section: SectionSpec) -> Label:
    """The section title with its number, as printed: ``一、总体情况``, and its variants."""
    return Label(
        section.title,
        tuple(Variant(f"{section.number}、{v.text}", v.kind, v.note) for v in section.label.variants),
    )


_INDEX: LabelIndex[SectionSpec] = LabelIndex((numbered_label(section), section) for section in SECTIONS)
_TITLES: LabelIndex[SectionSpec] = LabelIndex((section.label, section) for section in SECTIONS)


@dataclass
class SectionRows:
    spec: SectionSpec | None  # None for what precedes section 一
    heading: Row | None
    rows: list[Row] = field(default_factory=list)

    @property
    def paragraphs(self) -> list[Row]:
        return [row for row in self.rows if not row.is_table_row]

    @property
    def table_rows(self) -> list[Row]:
        return [row for row in self.rows if row.is_table_row]

    @cached_property
    def text(self) -> str:
        """The paragraphs' text; read once the document has been cut into sections."""
        return "\n".join(clean(row.text) for row in self.paragraphs)


def clean(text: str) -> str:
    """Paragraph text without conversion artefacts and surrounding (ideographic) spaces."""
    return _ARTIFACTS.sub("", text).strip()


def heading_of(row: Row) -> SectionSpec | None:
    texts = [cell.text for cell in row.cells if cell.text.strip()]
    if len(texts) != 1 or texts[0].lstrip(_LEAD)[:1] not in _HEADING_STARTS:
        return None
    text = clean(texts[0])
    if len(text) > _MAX_HEADING:
        return None
    found = _INDEX.match(text)
    if found is not None:
        return found.target
    numbered = _NUMBERED.match(unicodedata.normalize("NFKC", text).strip())
    if numbered is None:
        return None
    number = numbered.group(1)
    key = normalise(text)
    if any(word in key for word in _KEY_WORDS[number]):
        return next(section for section in SECTIONS if section.number == number)
    # A national title under another number: reports that put narrative parts first number
    # the statistical sections again from 一 (一、主动公开政府信息情况 for section 二).
    renumbered = _TITLES.match(key[numbered.end() :])
    return renumbered.target if renumbered is not None else None


def split_sections(rows: tuple[Row, ...]) -> tuple[list[SectionRows], list[Finding]]:
    """The preamble and each section in document order, with a finding per reworded title."""
    parts = [SectionRows(None, None)]
    findings: list[Finding] = []
    for row in rows:
        spec = heading_of(row)
        if spec is None:
            parts[-1].rows.append(row)
            continue
        parts.append(SectionRows(spec, row))
        printed = clean(row.text)
        found = variant_finding(numbered_label(spec), printed, f"sections.{spec.number}", "章节标题")
        if found is None:
            found = _renumbered(spec, printed)
        if found is not None:
            findings.append(found)
    return parts, findings


def _renumbered(spec: SectionSpec, printed: str) -> Finding | None:
    """A national title printed under another number (一、主动公开政府信息情况 for section 二)."""
    numbered = _NUMBERED.match(unicodedata.normalize("NFKC", printed))
    if numbered is None or numbered.group(1) == spec.number:
        return None
    return finding(
        ReaderCode.LABEL_VARIANT,
        f"sections.{spec.number}",
        f"章节标题印为“{printed}”，国家格式为“{spec.title}”：编号与国家格式不同",
        expected=spec.title,
        actual=printed,
    )
