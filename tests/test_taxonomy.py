"""The national formats as data: complete, consistent, and matching printed labels loosely."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from gongkai.formats import (
    FORMAT_2019,
    FORMAT_2021,
    FORMATS,
    LabelIndex,
    TableId,
    ValueKind,
    VariantKind,
    format_for_year,
    normalise,
)

REPORT_JSON_SPEC = Path(__file__).parent / "data" / "report-json.md"


def test_both_formats_have_the_six_sections_in_order():
    for report_format in FORMATS.values():
        assert [section.title for section in report_format.sections] == [
            "一、总体情况",
            "二、主动公开政府信息情况",
            "三、收到和处理政府信息公开申请情况",
            "四、政府信息公开行政复议、行政诉讼情况",
            "五、存在的主要问题及改进情况",
            "六、其他需要报告的事项",
        ]


def test_2021_section_three_has_25_rows_and_2019_has_23():
    assert len(FORMAT_2021.applications.rows) == 25
    assert len(FORMAT_2019.applications.rows) == 23


def test_the_formats_differ_only_in_section_two_and_the_other_handling_rows():
    ids_2021 = [row.id for row in FORMAT_2021.applications.rows]
    ids_2019 = [row.id for row in FORMAT_2019.applications.rows]
    assert [row_id for row_id in ids_2021 if row_id not in ids_2019] == [
        "other.no_correction",
        "other.unpaid_fee",
        "other.other",
    ]
    assert [row_id for row_id in ids_2019 if row_id not in ids_2021] == ["other"]
    assert FORMAT_2019.review_litigation is FORMAT_2021.review_litigation


def test_every_canonical_id_of_the_json_contract_is_defined():
    """The ids in report-json.md (copied from the project spec) are exactly the taxonomy's."""
    text = REPORT_JSON_SPEC.read_text(encoding="utf-8")
    documented_rows = set(re.findall(r"^\| `([a-z_.]+)` \|", text, flags=re.MULTILINE))
    defined_rows = {
        row.id for report_format in FORMATS.values() for table in report_format.tables for row in table.rows
    }
    assert documented_rows == defined_rows - {"review", "litigation_direct", "litigation_after_review"}


def test_outcome_rows_carry_the_article_they_stand_for():
    spec = FORMAT_2021.applications
    without = [row.id for row in spec.outcome_rows if not row.articles]
    assert without == ["not_processed.confirmation", "other.other"]
    assert [article.text for article in spec.row("unavailable.not_held").articles] == [
        "第三十六条第（四）项",
        "第三十六条第（五）项",
    ]
    assert spec.row("other.unpaid_fee").articles[0].text == "国办函〔2020〕109号"


def test_money_columns_keep_their_unit():
    fees = FORMAT_2021.proactive.row("fees").column("amount_wan_yuan")
    assert fees.kind is ValueKind.MONEY and fees.unit is not None and fees.unit.value == "万元"
    procurement = FORMAT_2019.proactive.row("procurement").column("amount")
    assert procurement.kind is ValueKind.MONEY and procurement.unit is None
    assert FORMAT_2019.proactive.row("licensing").column("change").kind is ValueKind.SIGNED_COUNT


@pytest.mark.parametrize(
    ("printed", "national"),
    [
        (
            "(二) 部分公开 (区分处理的, 只计这一情形, 不计其他情形)",
            "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        ),
        ('3.危及"三安全一稳定"', "3.危及“三安全一稳定”"),
        ("本年新\n制作数量", "本年新制作数量"),
        ("采购项目\u3000数量", "采购项目数量"),
        (
            "1、申请人无正当理由逾期不补正，行政机关不再处理其政府信息公开申请",
            "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        ),
        ("第二十条第(一)项", "第二十条第（一）项"),
    ],
)
def test_typographic_differences_vanish_in_normalisation(printed, national):
    assert normalise(printed) == normalise(national)


def test_local_variants_are_known_and_classified():
    index = LabelIndex((column.label, column.id) for column in FORMAT_2021.applications.rows[0].columns)
    match = index.match("社会组织")
    assert match is not None and match.target == "social_welfare"
    assert match.variant is not None and match.variant.kind is VariantKind.LOCAL
    repealed = FORMAT_2021.proactive.row("regulations").column("repealed").label
    assert [(v.text, v.kind) for v in repealed.variants] == [("本年度止件数", VariantKind.TYPO)]


def test_label_index_refuses_a_label_for_two_targets():
    from gongkai.formats import Label

    with pytest.raises(ValueError, match="names two targets"):
        LabelIndex([(Label("总计"), "a"), (Label("总 计"), "b")])


@pytest.mark.parametrize(
    ("year", "format_id"), [(2019, "2019"), (2020, "2019"), (2021, "2021"), (2026, "2021")]
)
def test_the_format_due_for_a_report_year(year, format_id):
    assert format_for_year(year).id == format_id


def test_location_strings_and_clerk_descriptions():
    spec = FORMAT_2021.applications
    assert spec.where("total", "natural_person") == "applications.total.natural_person"
    assert spec.describe("total", "natural_person") == "第三项第（七）总计·自然人"
    assert spec.describe("withheld.state_secret", "total") == "第三项第（三）不予公开 1.属于国家秘密·总计"
    assert FORMAT_2021.table(TableId.PROACTIVE).describe("fees") == "第二项第二十条第（八）项 行政事业性收费"
