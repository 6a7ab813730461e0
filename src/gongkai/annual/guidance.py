"""What each part of the report must say, as 国办公开办函〔2021〕30号 and 条例 第五十条 ask (spec §1.5).

The report builder shows this beside each text it asks the officer to write. Sections 二、三、四
are the national tables; their text is optional (a sentence introducing the table).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from gongkai.annual.codes import Code, finding
from gongkai.annual.findings import Finding
from gongkai.annual.model import Section

# 条例 第五十条第（四）项 asks people's governments, not departments, to report these.
GOVERNMENT_EXTRA = "人民政府还应报告工作考核、社会评议和责任追究结果情况（条例第五十条第（四）项）。"


@dataclass(frozen=True, slots=True)
class Guidance:
    number: str
    must_contain: tuple[str, ...]
    optional: bool = False  # a short text around a table, which the format does not require


GUIDANCE: dict[str, Guidance] = {
    "一": Guidance(
        "一",
        (
            "概述本年度贯彻落实《中华人民共和国政府信息公开条例》的情况，分别写明：",
            "主动公开情况；",
            "依申请公开情况；",
            "政府信息管理情况；",
            "政府信息公开平台建设情况；",
            "监督保障情况。",
            "内容严格按条例第五十条确定，不能遗漏，也不宜泛化。",
        ),
    ),
    "二": Guidance(
        "二", ("可选：表格前的简短说明。表格按第二十条第（一）（五）（六）（八）项填报。",), optional=True
    ),
    "三": Guidance(
        "三", ("可选：表格前的简短说明。表格由本系统登记的申请自动统计，不可手工修改。",), optional=True
    ),
    "四": Guidance(
        "四", ("可选：表格前的简短说明。表格由本系统登记的行政复议、行政诉讼案件自动统计。",), optional=True
    ),
    "五": Guidance(
        "五",
        (
            "写明本年度政府信息公开工作存在的主要问题和具体的改进措施（条例第五十条第（四）项）；",
            "说明上一年度报告所提问题的整改落实情况。",
            "不得照搬上年内容：与上年雷同的段落将被标出。",
        ),
    ),
    "六": Guidance(
        "六",
        (
            "按国办函〔2020〕109号报告信息处理费收取情况：发出收费通知的件数、应收金额、实际收取金额（没有收费的也应写明）；",
            "以及其他需要报告的事项，如本年度政务公开工作要点落实情况、人大代表建议和政协提案办理结果公开情况、工作创新等。",
        ),
    ),
}


def guidance_for(number: str, *, government: bool) -> tuple[str, ...]:
    """The lines to show beside section ``number``; a people's government's 一 adds `GOVERNMENT_EXTRA`."""
    lines = GUIDANCE[number].must_contain
    if number == "一" and government:
        return (*lines, GOVERNMENT_EXTRA)
    return lines


# The sections an officer must write (the others are tables with an optional line of text).
NARRATIVE = tuple(number for number, guidance in GUIDANCE.items() if not guidance.optional)


def empty_section_findings(sections: Iterable[Section]) -> Iterator[Finding]:
    """`Code.SECTION_EMPTY` for each section of `NARRATIVE` with no text, saying what it must contain."""
    for section in sections:
        if section.number in NARRATIVE and not section.text.strip():
            yield finding(
                Code.SECTION_EMPTY,
                f"sections.{section.number}",
                f"“{section.title}”尚未填写：{GUIDANCE[section.number].must_contain[0]}",
            )
