"""What each section must say, and the finding for a narrative section left empty."""

from __future__ import annotations

from gongkai.annual.guidance import NARRATIVE, empty_section_findings, guidance_for
from gongkai.annual.model import Section
from gongkai.formats import SECTIONS


def test_the_sections_an_officer_must_write_are_one_five_and_six() -> None:
    assert NARRATIVE == ("一", "五", "六")


def test_an_empty_narrative_section_is_an_error_saying_what_it_must_contain() -> None:
    texts = {"一": "2025年，本府认真贯彻条例。", "五": "  \n", "六": ""}
    sections = [Section(spec.number, spec.title, texts.get(spec.number, "")) for spec in SECTIONS]

    found = [f.to_json() for f in empty_section_findings(sections)]

    assert found == [
        {
            "code": "SECTION-EMPTY",
            "severity": "error",
            "where": "sections.五",
            "message": "“五、存在的主要问题及改进情况”尚未填写："
            "写明本年度政府信息公开工作存在的主要问题和具体的改进措施（条例第五十条第（四）项）；",
        },
        {
            "code": "SECTION-EMPTY",
            "severity": "error",
            "where": "sections.六",
            "message": "“六、其他需要报告的事项”尚未填写："
            "按国办函〔2020〕109号报告信息处理费收取情况：发出收费通知的件数、应收金额、实际收取金额（没有收费的也应写明）；",
        },
    ]


def test_a_peoples_government_is_also_asked_for_assessment_and_accountability() -> None:
    assert guidance_for("一", government=True)[-1].startswith("人民政府还应报告工作考核")
    assert guidance_for("一", government=False)[-1] == "内容严格按条例第五十条确定，不能遗漏，也不宜泛化。"
