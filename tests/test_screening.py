"""The publication gate's scanner: what it reports in a text about to be published, and what not.

Identity numbers, cards and mobile numbers here are made up with correct check digits; the
published phone numbers and mailboxes are those printed in the corpus reports.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from gongkai.screening import Hit, Kind, Screener, Severity, Verdict, scan, verdict

DOCS = Path(__file__).parents[1] / "docs" / "screening.md"
RESIDENT_ID = "410781198503152014"
GB_11643_EXAMPLE = "11010519491231002X"
UNIONPAY_CARD = "6222021900001234566"


def found(text: str, **options: list[str]) -> list[tuple[str, int, int, str]]:
    """Each hit as (code, start, end, the text it points at)."""
    return [(hit.code, hit.start, hit.end, text[hit.start : hit.end]) for hit in scan(text, **options)]


# 居民身份证


def test_a_resident_id_in_a_reply_letter_blocks_with_its_exact_span_and_mask() -> None:
    hits = scan("申请人张某，身份证号410781198503152014，现答复如下。")
    assert hits == [
        Hit(
            kind=Kind.RESIDENT_ID,
            start=10,
            end=28,
            masked="410***********2014",
            excerpt="申请人张某，身份证号410***********2014，现答复如下。",
        )
    ]
    assert verdict(hits) is Verdict.BLOCKED


def test_the_gb_11643_example_is_found_with_a_lower_case_check_character() -> None:
    assert found("公民身份号码11010519491231002x。") == [("resident_id", 6, 24, "11010519491231002x")]


def test_full_width_digits_and_spaces_inside_a_resident_id_are_read() -> None:
    text = "身份证：４１０７８１ １９８５０３１５ ２０１４。"
    assert found(text) == [("resident_id", 4, 24, "４１０７８１ １９８５０３１５ ２０１４")]


def test_a_resident_id_grouped_with_hyphens_is_one_hit() -> None:
    assert found("证号410781-1985-0315-2014") == [("resident_id", 2, 23, "410781-1985-0315-2014")]


def test_a_resident_id_without_any_keyword_is_still_found_in_a_table_row() -> None:
    assert found("1\t王某\t410781198503152014\t1200.00") == [("resident_id", 5, 23, RESIDENT_ID)]


def test_an_eighteen_digit_number_with_a_wrong_check_character_is_not_an_identity_number() -> None:
    assert found("档案编号410781198503152015已归档。") == []


def test_after_the_word_for_identity_card_a_wrong_check_character_is_a_suspect_to_look_at() -> None:
    hits = scan("身份证号410781198503152015（与户籍系统不一致）")
    assert [(hit.code, hit.start, hit.end, hit.severity) for hit in hits] == [
        ("resident_id_suspect", 4, 22, Severity.FLAG)
    ]
    assert verdict(hits) is Verdict.FLAGGED


def test_a_number_whose_birth_date_does_not_exist_is_not_reported() -> None:
    # 1985-02-30, with the check character computed for these digits.
    assert found("身份证号410781198502302017") == []


def test_a_number_with_an_unknown_province_code_is_not_reported() -> None:
    assert found("身份证号990781198503152017") == []


def test_a_fifteen_digit_first_generation_number_is_an_identity_number_after_the_word_only() -> None:
    assert found("身份证号410781850315201。") == [("resident_id", 4, 19, "410781850315201")]
    assert found("统计编码410781850315201。") == []


def test_a_credit_code_is_not_personal_data() -> None:
    assert found("统一社会信用代码：12410781MB1C2D3E4R") == []


def test_an_all_digit_credit_code_passing_the_identity_checks_is_a_credit_code_when_named_so() -> None:
    # 11 (机关) 110119 (延庆区) and a 组织机构代码 whose digits also read as a 1984 birth date.
    assert found("统一社会信用代码：111101198401236650") == []
    assert found("编号：111101198401236650") == [("resident_id", 3, 21, "111101198401236650")]


def test_an_identity_number_that_is_part_of_an_index_number_is_left_alone() -> None:
    assert found("索引号：410781198503152014/2024-00015") == []


# Telephones


@pytest.mark.parametrize(
    "written",
    [
        "13912345678",
        "139 1234 5678",
        "139-1234-5678",
        "+86 139 1234 5678",
        "0086-13912345678",
        "(+86)13912345678",
    ],
)
def test_a_mobile_number_blocks_however_it_is_written(written: str) -> None:
    text = f"联系电话：{written}。"
    assert found(text) == [("mobile_phone", 5, 5 + len(written), written)]


def test_the_offices_published_mobile_number_is_not_reported() -> None:
    assert found("联系人刘某，电话13903731234。", allow=["139-0373-1234"]) == []


def test_iot_segments_and_numbers_inside_amounts_are_not_mobile_numbers() -> None:
    assert found("物联网卡号14212345678，拨付资金13912345678.50元。") == []


def test_a_landline_with_an_area_code_and_extension_is_flagged() -> None:
    hits = scan("住宅电话（0373）5012345转8012。")
    assert [(hit.code, hit.start, hit.end, hit.masked) for hit in hits] == [
        ("landline_phone", 4, 22, "（037*）*******转8012")
    ]
    assert verdict(hits) is Verdict.FLAGGED


def test_a_beijing_landline_has_a_three_digit_area_code() -> None:
    assert found("电话010-62345678") == [("landline_phone", 2, 14, "010-62345678")]


def test_the_offices_published_landline_is_ignored_however_it_is_written() -> None:
    text = "电话（0517）83605210、０５１７－８３６０５２１０、0517-8360 5210转12"
    assert found(text, allow=["0517-83605210"]) == []


def test_hotlines_and_numbers_without_an_area_code_are_not_phones() -> None:
    assert found("请拨打12345热线、400-810-8100，或拨打83605210咨询。") == []


def test_figures_glued_between_a_row_label_and_the_line_end_are_not_a_phone() -> None:
    assert found("（一）予以公开13912345678\n（二）部分公开05175012345\n") == []


def test_the_same_glued_digits_after_the_word_for_mobile_are_a_mobile_number() -> None:
    assert found("手机13912345678\n") == [("mobile_phone", 2, 13, "13912345678")]


def test_grouped_figures_inside_a_row_printed_with_spaces_are_not_a_phone() -> None:
    assert found("（一）予以公开 4 139 1234 5678 0 1500") == []


# Bank cards


def test_a_unionpay_card_number_blocks_plain_or_in_groups_of_four() -> None:
    assert found(f"卡号{UNIONPAY_CARD}") == [("bank_card", 2, 21, UNIONPAY_CARD)]
    assert found("卡号6217 0028 3000 4567 899") == [("bank_card", 2, 25, "6217 0028 3000 4567 899")]


def test_a_card_number_glued_to_a_label_is_a_card_number_only_after_a_word_for_it() -> None:
    assert found(f"合计{UNIONPAY_CARD}\n") == []
    assert found(f"银行卡号{UNIONPAY_CARD}\n") == [("bank_card", 4, 23, UNIONPAY_CARD)]


def test_a_card_number_failing_the_luhn_check_is_not_reported() -> None:
    assert found("卡号6222021900001234567") == []


def test_a_luhn_valid_number_without_a_card_issuer_prefix_is_not_reported() -> None:
    assert found("流水号1234567890123452") == []


# Passports, e-mail, addresses


def test_a_passport_number_after_its_name_blocks_and_the_same_shape_elsewhere_does_not() -> None:
    assert found("护照号码：E12345678") == [("travel_document", 5, 14, "E12345678")]
    assert found("项目编号E12345678") == []


def test_a_private_mailbox_is_flagged_but_government_and_published_ones_are_not() -> None:
    text = "投诉人邮箱wangxiaoming@qq.com，本机关邮箱xxgk@weihui.gov.cn、hazwgkc@163.com。"
    assert found(text, allow=["HAZWGKC@163.com"]) == [("email", 5, 24, "wangxiaoming@qq.com")]


def test_an_address_after_a_residence_word_down_to_the_room_blocks() -> None:
    text = "住址：郑州市金水区花园路12号3号楼2单元501室。"
    hits = scan(text)
    assert [(hit.code, hit.start, hit.end, hit.masked) for hit in hits] == [
        ("personal_address", 3, 25, "郑州市*******************")
    ]


def test_an_address_in_brackets_after_an_applicant_starts_after_the_bracket() -> None:
    assert found("申请人周某某（新乡市红旗区金穗小区5-2-302）要求公开") == [
        ("personal_address", 7, 24, "新乡市红旗区金穗小区5-2-302")
    ]


def test_a_village_group_and_house_number_after_jiazhu_is_a_home_address() -> None:
    assert found("我家住八里营村三组15号。") == [("personal_address", 3, 12, "八里营村三组15号")]


def test_an_office_address_with_a_room_number_is_not_personal() -> None:
    assert found("地址：卫辉市比干大道88号政务服务中心3楼301室，邮编：453100。") == []


def test_a_road_and_house_number_alone_is_not_a_dwelling() -> None:
    # A documented limit: without a building, unit, room or village group the screener stays quiet.
    assert found("家住人民路12号。") == []


# 负面清单


def test_negative_list_terms_are_matched_across_width_and_case() -> None:
    text = "附件为ＧＩＳ坐标数据及内部讨论稿。"
    assert found(text, negative_terms=["gis坐标数据", "内部讨论稿"]) == [
        ("negative_term", 3, 10, "ＧＩＳ坐标数据"),
        ("negative_term", 11, 16, "内部讨论稿"),
    ]


def test_where_negative_terms_overlap_the_longest_is_reported() -> None:
    assert found("内部讨论稿", negative_terms=["内部", "内部讨论稿", "  "]) == [
        ("negative_term", 0, 5, "内部讨论稿")
    ]


def test_negative_terms_with_regular_expression_characters_match_literally() -> None:
    assert found("办法（试行）a+b", negative_terms=["（试行）", "a+b"]) == [
        ("negative_term", 2, 6, "（试行）"),
        ("negative_term", 6, 9, "a+b"),
    ]


def test_a_negative_term_shows_unmasked_in_its_excerpt_but_personal_data_beside_it_does_not() -> None:
    hits = Screener(negative_terms=["征收底价"]).scan("征收底价表（经办人电话13912345678）")
    assert [(hit.code, hit.excerpt) for hit in hits] == [
        ("negative_term", "征收底价表（经办人电话139**"),
        ("mobile_phone", "征收底价表（经办人电话139****5678）"),
    ]


# What government texts are full of


def test_document_numbers_index_numbers_dates_amounts_and_postcodes_are_not_reported() -> None:
    text = (
        "索引号：11410781MB1234567X/2024-00015 文号：卫政办〔2022〕15号 索引号000014349/2022-00123 "
        "2024年1月1日至2024年12月31日，受理申请3119件，金额3,865,420.00元，增长12.5%，邮编453100，"
        "统计编号20240101120000，国办公开办函〔2021〕30号。"
    )
    assert found(text) == []


def test_a_masked_list_is_not_reported_again() -> None:
    assert found("1\t张*\t410781********1234\t138****5678") == []


# Verdicts and documentation


def test_the_verdict_is_the_strongest_severity_found() -> None:
    assert verdict(scan("无个人信息。")) is Verdict.CLEAN
    assert verdict(scan("邮箱a@qq.com")) is Verdict.FLAGGED
    assert verdict(scan("邮箱a@qq.com，手机13912345678")) is Verdict.BLOCKED
    assert [v.label for v in Verdict] == [
        "不得公开：含有个人信息或负面清单事项",
        "需人工复核后公开",
        "未发现个人信息或负面清单事项",
    ]


def test_every_kind_has_a_chinese_label_explanation_and_one_severity() -> None:
    assert {kind.code: kind.severity.value for kind in Kind} == {
        "resident_id": "block",
        "resident_id_suspect": "flag",
        "travel_document": "block",
        "bank_card": "block",
        "mobile_phone": "block",
        "landline_phone": "flag",
        "email": "flag",
        "personal_address": "block",
        "negative_term": "block",
        "unreadable_attachment": "flag",
    }
    assert all(kind.label and kind.explanation.startswith(("含有", "“", "附件")) for kind in Kind)
    assert [kind.code for kind in Kind if not kind.found_in_text] == ["unreadable_attachment"]


def test_docs_list_every_code_with_its_severity() -> None:
    rows = re.findall(r"^\| `([a-z_]+)` \|[^|]*\| (block|flag) \|", DOCS.read_text(encoding="utf-8"), re.M)
    assert dict(rows) == {kind.code: kind.severity.value for kind in Kind}


def test_a_mailbox_named_by_a_mobile_number_is_reported_as_the_mobile_number() -> None:
    assert found("邮箱13912345678@139.com") == [("mobile_phone", 2, 13, "13912345678")]


def test_an_allowed_local_number_is_allowed_under_any_area_code() -> None:
    assert found("电话0517-83605210、0373-83605210", allow=["83605210"]) == []
