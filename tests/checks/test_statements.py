"""Figures stated in the text, read from real sentences of the seeds and the corpus.

The sentences are copied as published (line breaks of the PDF extractions included).
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from check_builders import SEED_2019_FORMAT, seed, with_text

from gongkai.annual.checks import (
    StatementKind,
    extract_statements,
    mentions_processing_fee,
    statements_in_text,
)

K = StatementKind


def read(text: str, year: int) -> list[tuple[StatementKind, int | Decimal, str]]:
    return [
        (statement.kind, statement.value, statement.text)
        for statement in statements_in_text(text, where="sections.一", year=year)
    ]


def test_no_applications_received_is_a_statement_of_zero() -> None:
    # 永州市零陵区民政局 2021 (seed 004)
    text = "2.依申请公开政府信息情况。全年未收到依申请公开事项。"

    assert read(text, 2021) == [(K.RECEIVED, 0, "未收到依申请公开事项")]


def test_reviews_received_and_no_lawsuits() -> None:
    # seed 004
    text = "3.申请行政复议和提起行政诉讼情况。2021年我局收到公开行政复议事项1件，未收到公开行政诉讼事项。"

    assert read(text, 2021) == [
        (K.REVIEWS, 1, "公开行政复议事项1件"),
        (K.LAWSUITS, 0, "未收到公开行政诉讼事项"),
    ]


def test_received_carried_over_and_carried_forward_but_not_the_partial_replies() -> None:
    # 上海市科学技术委员会 2024 (corpus 002, PDF converted to markdown)
    text = (
        "全年收到政府信息公开申请 34 件，上年结转政府信息公开\n申请 2 件，所有申请均已按要求办理完成。"
        "所有办结的信息公开\n申请中同意公开答复 9 件，部分公开答复 0 件，不予公开答复 2\n件，"
        "无法提供的 10 件，不予处理 0 件，其他处理 14 件，转下一\n年度办理答复的有 1 件。"
    )

    assert read(text, 2024) == [
        (K.RECEIVED, 34, "收到政府信息公开申请 34 件"),
        (K.CARRIED_OVER, 2, "上年结转政府信息公开\n申请 2 件"),
        (K.CARRIED_FORWARD, 1, "转下一\n年度办理答复的有 1 件"),
    ]


def test_a_city_paragraph_with_every_figure() -> None:
    # 淮安市人民政府 2024 (corpus 005, text flattened from PDF)
    text = (
        "2024 年，全市共受理政府信息公开申请3119 件，答\n复30"
        "50 件（含上年度结转申请34 件，另有103 件顺延到下年度\n"
        "答复），均在法定期限内予以答复。政府信息公开行政复议351\n件，其中结果维持72 件，结果纠正64 件，"
        "其他结果178 件，尚\n未审结37 件；政府信息公开行政诉讼46 件，其中结果维持25\n件，结果纠正5 件，"
        "其他结果9 件，尚未审结7 件。"
    )

    assert read(text, 2024) == [
        (K.ACCEPTED, 3119, "受理政府信息公开申请3119 件"),
        (K.HANDLED, 3050, "答\n复3050 件"),
        (K.CARRIED_OVER, 34, "上年度结转申请34 件"),
        (K.CARRIED_FORWARD, 103, "103 件顺延到下年"),
        (K.REVIEWS, 351, "公开行政复议351\n件"),
        (K.LAWSUITS, 46, "公开行政诉讼46 件"),
    ]


def test_a_subset_and_a_sum_of_reviews_and_suits_are_not_taken_for_totals() -> None:
    # 沭阳县人民政府 2025 (corpus 001): 74 cases = reviews + suits, 741 = natural persons only
    text = (
        "全县全年共受理政府信息公开申请 749 件，其中自然人申请 741 件，法人或其他组织申请 8 件；"
        "共办理 718 件，结转下一年 31 件。依法做好相关行政复议、行政诉讼案件的应诉工作，"
        "全县共办理相关案件 74 件，有力维护了群众合法权益与政府公信力。"
    )

    assert read(text, 2025) == [
        (K.ACCEPTED, 749, "受理政府信息公开申请 749 件"),
        (K.PROCESSED, 718, "共办理 718 件"),
        (K.CARRIED_FORWARD, 31, "结转下一年 31 件"),
    ]


def test_handled_including_carried_over_and_no_statement_from_a_denied_correction() -> None:
    # 上海市人民政府办公厅 2025 (corpus 003)
    text = (
        "市政府共受理政府信息公开申请 1295 件，办结 1191 件（含\n上年结转 189 件），均在法定期限内答复。"
        "全年未发生因依申请公开被行政复议纠错或行政诉讼败诉情形。"
    )

    assert read(text, 2025) == [
        (K.ACCEPTED, 1295, "受理政府信息公开申请 1295 件"),
        (K.HANDLED, 1191, "办结 1191 件"),
        (K.CARRIED_OVER, 189, "上年结转 189 件"),
    ]


def test_a_review_counted_before_its_noun() -> None:
    # corpus 002: the lawsuit sentence names no 公开 and is left alone
    text = (
        "2024 年市科委有 1 件涉及政府信息公开工作的行政复\n议，该行政复议件未被复议审查机关纠错。"
        "涉及的行政诉讼数为\n0 件。"
    )

    assert read(text, 2024) == [(K.REVIEWS, 1, "1 件涉及政府信息公开工作的行政复\n议")]


@pytest.mark.parametrize(
    ("text", "year", "expected"),
    [
        (
            "无其他需要报告的事项, 我局未收取过信息处理费。",
            2022,
            [(K.FEE_NOT_COLLECTED, 0, "未收取过信息处理费")],
        ),
        ("2025 年度本机关未收取信息公开处理费。", 2025, [(K.FEE_NOT_COLLECTED, 0, "未收取信息公开处理费")]),
        (
            "2024 年，市科委未发生政府信息公开收费事项。",
            2024,
            [(K.FEE_NOT_CHARGED, 0, "未发生政府信息公开收费事项")],
        ),
        (
            "2023年度，县发展和改革局政府信息公开未发生收费情况。",
            2023,
            [(K.FEE_NOT_CHARGED, 0, "未发生收费情况")],
        ),
        ("本年度未向申请人发出收费通知。", 2024, [(K.FEE_NO_NOTICE, 0, "未向申请人发出收费通知")]),
        (
            "全县行政机关在办理2025年度信息公开申请中收取信息处理费共计380元，其中民政局1件，收取380元。",
            2025,
            [(K.FEE_COLLECTED, Decimal(380), "收取信息处理费共计380元")],
        ),
        (
            "2023 年，区政府严格落实《政府信息公开信息处理费"
            "管理办\n法》，全年收取政府信息公开信息处理费0 元。",
            2023,
            [(K.FEE_COLLECTED, Decimal(0), "收取政府信息公开信息处理费0 元")],
        ),
        ("全年收取信息处理费0.038万元。", 2024, [(K.FEE_COLLECTED, Decimal(380), "收取信息处理费0.038万元")]),
    ],
)
def test_fee_statements(
    text: str, year: int, expected: list[tuple[StatementKind, int | Decimal, str]]
) -> None:
    assert read(text, year) == expected


@pytest.mark.parametrize(
    "text",
    [
        "2023年共收到政府信息公开申请12件。",  # another year
        "较上年收到政府信息公开申请12件有所增加。",  # last year
        "其中，通过网络收到政府信息公开申请20件。",  # a channel, a subset
        "政府信息公开行政复议、行政诉讼案件共5件。",  # reviews and suits together
        "全年共办理行政复议案件300件。",  # as the reviewing body, not about disclosure
        "本年度未发生行政事业性收费。",  # not the processing fee
        "对申请人的补正申请3件均已答复。",  # not at the start of a clause
    ],
)
def test_sentences_that_state_no_total_of_this_year_give_no_statement(text: str) -> None:
    assert read(text, 2024) == []


def test_the_parts_of_a_stated_total_are_not_totals() -> None:
    text = "因政府信息公开被申请行政复议3件，其中维持2件，纠正1件。"

    assert read(text, 2024) == [(K.REVIEWS, 3, "公开被申请行政复议3件")]


def test_a_count_in_a_sentence_about_reviews_is_not_about_applications() -> None:
    text = "因政府信息公开被申请行政复议3件，已办结2件。"

    assert read(text, 2024) == [(K.REVIEWS, 3, "公开被申请行政复议3件")]


def test_statements_of_a_report_carry_the_location_of_their_section() -> None:
    report = with_text(seed(SEED_2019_FORMAT), SEED_2019_FORMAT)

    statements = extract_statements(report)

    assert [(s.kind, s.value, s.where) for s in statements] == [
        (K.RECEIVED, 0, "sections.一"),
        (K.REVIEWS, 1, "sections.一"),
        (K.LAWSUITS, 0, "sections.一"),
    ]
    section = report.section("一")
    assert section is not None
    assert [section.text[s.start : s.end] for s in statements] == [s.text for s in statements]


@pytest.mark.parametrize(
    ("text", "mentioned"),
    [
        ("无其他需要报告的事项, 我局未收取过信息处理费。", True),
        ("2023年度，县发展和改革局政府信息公开未发生收费情况。", True),
        ("本年度信息公开处理费收费情况", True),
        ("无其他需要报告事项。", False),
        ("第二十条第（八）项 行政事业性收费 0", False),
    ],
)
def test_a_fee_report_is_recognised_in_its_usual_wordings(text: str, mentioned: bool) -> None:
    assert mentions_processing_fee(text) is mentioned
