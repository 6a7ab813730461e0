"""内容雷同: the share of this year's text repeated from last year's, and the passages."""

from __future__ import annotations

from gongkai.annual.similarity import (
    MIN_PASSAGE,
    compare_sections,
    pieces,
    similarity,
    similarity_findings,
)

LAST_YEAR = (
    "卫辉市民政局政府信息公开工作在取得新进展的同时，仍存在着一些待解决的问题，主要是信息公开的便民性有待进一步提高，"
    "公开内容有待进一步深化。今后，民政局将继续加强信息公开工作，完善制度、规范程序，加大主动公开力度。"
)


def test_an_unchanged_text_is_wholly_repeated() -> None:
    found = similarity(LAST_YEAR, LAST_YEAR)
    assert found.ratio == 1.0 and found.similar
    assert [(p.start, p.end) for p in found.passages] == [(0, len(LAST_YEAR))]


def test_a_text_written_anew_repeats_nothing() -> None:
    new = "本年度我局针对上年报告指出的信息更新不及时问题，建立了每周更新台账，由办公室专人负责核对。"
    found = similarity(new, LAST_YEAR)
    assert (found.ratio, found.passages) == (0.0, ())


def test_a_copy_with_only_the_year_and_figures_changed_is_still_a_copy() -> None:
    last = "2022年共收到政府信息公开申请12件，均已按期答复，未发生因政府信息公开被申请行政复议的情况。"
    this = "2023年共收到政府信息公开申请7件，均已按期答复，未发生因政府信息公开被申请行政复议的情况。"
    assert similarity(this, last).ratio == 1.0


def test_paragraphs_copied_in_another_order_are_found() -> None:
    first, second = LAST_YEAR.split("今后，")
    reordered = "今后，" + second + first
    assert similarity(reordered, LAST_YEAR).ratio == 1.0


def test_the_repeated_passage_is_located_in_the_text_as_written() -> None:
    added = "本年度新建了依申请公开登记台账。"
    copied = "主要是信息公开的便民性有待进一步提高，公开内容有待进一步深化。"
    text = added + copied
    found = similarity(text, LAST_YEAR)
    [passage] = found.passages
    assert text[passage.start : passage.end] == copied
    assert pieces(text, found.passages) == [(added, False), (copied, True)]
    assert 0.6 < found.ratio < 0.8, found.ratio


def test_a_shared_set_phrase_is_not_a_copied_passage() -> None:
    phrase = "认真贯彻中华人民共和国政府信息公开条例"
    assert len(phrase) < MIN_PASSAGE
    found = similarity(f"本年度，{phrase}，新建网站专栏。", f"去年我们{phrase}，工作有序推进。")
    assert found.passages == ()


def test_sections_are_compared_with_the_same_section_of_last_year() -> None:
    found = compare_sections({"五": LAST_YEAR, "六": LAST_YEAR}, {"五": LAST_YEAR})
    assert (found["五"].percent, found["六"].percent) == (100, 0)


def test_a_section_repeating_last_year_is_a_warning_with_its_percentage() -> None:
    found = compare_sections({"五": LAST_YEAR, "六": "本年度未发出信息处理费收费通知。"}, {"五": LAST_YEAR})
    [warning] = similarity_findings(found)
    assert warning.to_json() == {
        "code": "SIMILAR-TO-PREVIOUS",
        "severity": "warning",
        "where": "sections.五",
        "message": "第五部分有100%的文字与上年度报告相同（内容雷同，国办公开办函〔2021〕30号）",
        "actual": 100,
    }
