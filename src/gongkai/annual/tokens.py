"""Figures quoted in a report's text as references to the data: ``{{applications.new_received.total}}``.

A builder lets the officer insert a token instead of typing a number; the token is replaced by
the figure when the report is put together, so the text and the tables cannot disagree
(spec §3 C13, "内容不准确"). A token names one cell by its canonical location (report-json.md:
table id, row id, column id — the same string a finding's ``where`` holds), e.g.
``{{review_litigation.review.total}}``, or a figure the caller adds beside the tables (the
processing fee, which no table holds): ``{{fees.notices}}``.

Names come from the taxonomy's ids, never from labels, so a token written for one year still
means the same cell the next year; a cell the year's format lacks (2019's single （六） row in a
2021 report) is an unknown token, reported rather than guessed.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from gongkai.annual.codes import Code, finding
from gongkai.annual.findings import Finding
from gongkai.annual.model import AnnualReport, Number, Section
from gongkai.annual.render.layout import format_number
from gongkai.formats import ReportFormat

TOKEN = re.compile(r"\{\{\s*([^{}\s]*)\s*\}\}")

OTHER_FIGURES = "其他数据"  # the menu group of figures added beside the tables


@dataclass(frozen=True, slots=True)
class TokenChoice:
    """One figure the editor can insert: the token text and how a clerk names the figure."""

    name: str
    label: str
    group: str  # the table (or "其他数据") the menu lists it under

    @property
    def token(self) -> str:
        return "{{" + self.name + "}}"


@dataclass(frozen=True, slots=True)
class TokenUse:
    """One token in a text: its name and where it stands (offsets in the text)."""

    name: str
    start: int
    end: int


def tokens_in(text: str) -> list[TokenUse]:
    """The tokens of ``text`` in reading order."""
    return [TokenUse(match[1], match.start(), match.end()) for match in TOKEN.finditer(text)]


def choices(
    report_format: ReportFormat,
    extra: Mapping[str, str] = {},
    groups: Iterable[tuple[str, Mapping[str, str]]] = (),
) -> list[TokenChoice]:
    """Every token a report in ``report_format`` can quote: each cell of its three tables, in printed
    order, then the ``extra`` figures (name → label) the caller supplies under 其他数据, then each of
    ``groups``' figures under the group's heading (e.g. 建议提案办理)."""
    found = [
        TokenChoice(
            spec.where(row.id, column.id),
            spec.describe(row.id, column.id),
            f"{spec.number}、{spec.title.text}",
        )
        for spec in report_format.tables
        for row in spec.rows
        for column in row.columns
    ]
    found.extend(TokenChoice(name, label, OTHER_FIGURES) for name, label in extra.items())
    found.extend(
        TokenChoice(name, label, group) for group, labels in groups for name, label in labels.items()
    )
    return found


def figures(report: AnnualReport, extra: Mapping[str, Number | None] = {}) -> dict[str, Number | None]:
    """The value of every token of ``report``: its cells by location (None when blank), and ``extra``."""
    values: dict[str, Number | None] = {
        table.spec.where(row.id, column_id): cell.value
        for table in report.tables
        for row, column_id, cell in table.items()
    }
    values.update(extra)
    return values


def substitute(text: str, values: Mapping[str, Number | None]) -> str:
    """``text`` with each known token replaced by its figure; unknown tokens stay as written and a
    blank figure becomes empty (`token_findings` reports both)."""

    def replace(match: re.Match[str]) -> str:
        name = match[1]
        if name not in values:
            return match[0]
        value = values[name]
        return "" if value is None else format_number(value)

    return TOKEN.sub(replace, text)


def token_findings(sections: Iterable[Section], values: Mapping[str, Number | None]) -> Iterator[Finding]:
    """For each token of the texts: `Code.TOKEN_UNKNOWN` when its name is no cell of the year's format
    nor an added figure, `Code.TOKEN_BLANK` when the figure it quotes is blank; located in its section."""
    for section in sections:
        where = "sections.preamble" if section.number is None else f"sections.{section.number}"
        for use in tokens_in(section.text):
            if use.name not in values:
                yield finding(
                    Code.TOKEN_UNKNOWN,
                    where,
                    f"第{section.number}部分引用的数据“{{{{{use.name}}}}}”不存在：请从“插入数据”菜单中选择",
                    actual=use.name,
                )
            elif values[use.name] is None:
                yield finding(
                    Code.TOKEN_BLANK,
                    where,
                    f"第{section.number}部分引用的数据“{{{{{use.name}}}}}”尚未填写",
                    actual=use.name,
                )


def substituted(report: AnnualReport, values: Mapping[str, Number | None]) -> AnnualReport:
    """``report`` with the tokens of every section's text replaced (see `substitute`)."""
    sections = tuple(
        dataclasses.replace(section, text=substitute(section.text, values)) for section in report.sections
    )
    return dataclasses.replace(report, sections=sections)
