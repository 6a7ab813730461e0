"""Tables whose cells a crawler glued together: the identities decide where a number ends.

The rows are those of 淮安市人民政府's 2024 report (corpus 005/016), printed with no separator
between a label and its numbers or between two numbers.
"""

from __future__ import annotations

from gongkai.annual.parse import parse_text

TITLE = "淮安市人民政府2024年政府信息公开工作年度报告"
HEADER = "申请人情况自然人法人或其他组织商业企业科研机构社会公益组织法律服务机构其他总计"

# Section 三 of the 2024 report, label by label (national wording and numbering as printed).
ROWS_2024 = (
    ("一、本年新收政府信息公开申请数量", "new_received", (3001, 53, 0, 0, 61, 4, 3119)),
    ("二、上年结转政府信息公开申请数量", "carried_over", (34, 0, 0, 0, 0, 0, 34)),
    ("三、本年度办理结果（一）予以公开", "granted", (1288, 21, 0, 0, 50, 3, 1362)),
    (
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        "partially_granted",
        (447, 7, 0, 0, 0, 0, 454),
    ),
    ("（三）不予公开1.属于国家秘密", "withheld.state_secret", (2, 0, 0, 0, 0, 0, 2)),
    ("2.其他法律行政法规禁止公开", "withheld.prohibited_by_law", (30, 1, 0, 0, 0, 0, 31)),
    ("3.危及“三安全一稳定”", "withheld.security_stability", (5, 0, 0, 0, 0, 0, 5)),
    ("4.保护第三方合法权益", "withheld.third_party_rights", (6, 0, 0, 0, 0, 0, 6)),
    ("5.属于三类内部事务信息", "withheld.internal_affairs", (7, 1, 0, 0, 0, 0, 8)),
    ("6.属于四类过程性信息", "withheld.process_information", (12, 0, 0, 0, 0, 0, 12)),
    ("7.属于行政执法案卷", "withheld.enforcement_files", (9, 0, 0, 0, 0, 0, 9)),
    ("8.属于行政查询事项", "withheld.inquiry_matters", (105, 0, 0, 0, 0, 0, 105)),
    ("（四）无法提供1.本机关不掌握相关政府信息", "unavailable.not_held", (746, 12, 0, 0, 10, 1, 769)),
    # 110000011 splits two ways by its own total (1·10 or 11·0); C2 on the 商业企业 column decides.
    ("2.没有现成信息需要另行制作", "unavailable.needs_creation", (11, 0, 0, 0, 0, 0, 11)),
    ("3.补正后申请内容仍不明确", "unavailable.still_unclear", (1, 0, 0, 0, 0, 0, 1)),
    ("（五）不予处理1.信访举报投诉类申请", "not_processed.complaint", (56, 6, 0, 0, 0, 0, 62)),
    ("2.重复申请", "not_processed.repeated", (25, 0, 0, 0, 0, 0, 25)),
    ("3.要求提供公开出版物", "not_processed.publication", (0, 0, 0, 0, 0, 0, 0)),
    ("4.无正当理由大量反复申请", "not_processed.excessive", (0, 0, 0, 0, 0, 0, 0)),
    ("5.要求行政机关确认或重新出具已获取信息", "not_processed.confirmation", (1, 0, 0, 0, 0, 0, 1)),
    (
        "（六）其他处理1、申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "other.no_correction",
        (67, 3, 0, 0, 1, 0, 71),
    ),
    (
        "2、申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        "other.unpaid_fee",
        (6, 0, 0, 0, 0, 0, 6),
    ),
    ("3、其他", "other.other", (108, 2, 0, 0, 0, 0, 110)),
    ("（七）总计", "total", (2932, 53, 0, 0, 61, 4, 3050)),
    ("四、结转下年度继续办理", "carried_forward", (103, 0, 0, 0, 0, 0, 103)),
)


def _glued(rows: tuple[tuple[str, str, tuple[int, ...]], ...]) -> str:
    return "".join(label + "".join(str(value) for value in values) for label, _, values in rows)


def _report(*lines: str) -> str:
    return "\n".join([TITLE, "三、收到和处理政府信息公开申请情况", *lines, ""])


def test_a_section_printed_as_one_run_of_glued_cells_is_split_by_the_tables_identities():
    result = parse_text(_report(HEADER + _glued(ROWS_2024)))
    table = result.report.applications
    assert table is not None
    read = {
        row_id: tuple(table.value(row_id, column.id) for column in table.spec.row(row_id).columns)
        for _, row_id, _ in ROWS_2024
    }
    assert read == {row_id: values for _, row_id, values in ROWS_2024}
    assert [f.code for f in result.findings if f.where.startswith("applications")] == []
    assert result.layout == "paragraphs+flattened+glued-digits"


def test_numbers_separated_by_spaces_need_no_split():
    result = parse_text(_report("一、本年新收政府信息公开申请数量 3001 53 0 0 61 4 3119"))
    table = result.report.applications
    assert table is not None
    assert [table.value("new_received", column.id) for column in table.spec.rows[0].columns] == [
        3001,
        53,
        0,
        0,
        61,
        4,
        3119,
    ]
    assert "glued-digits" not in result.layout


def test_a_glued_row_the_identities_cannot_split_is_reported_with_its_candidates_not_guessed():
    # 110000011 is 1·10·0·0·0·0·11 or 11·0·0·0·0·0·11; with no other row printed, nothing decides.
    result = parse_text(_report("（一）予以公开110000011"))
    ambiguous = [finding for finding in result.findings if finding.code == "DIGITS-AMBIGUOUS"]
    assert [(finding.where, finding.actual) for finding in ambiguous] == [
        ("applications.granted", "1、10、0、0、0、0、11 / 11、0、0、0、0、0、11")
    ]
    assert ambiguous[0].message == (
        "第三项第（一）予以公开：数字连在一起印为“110000011”，按本行和全表的勾稽关系仍有 2 种拆分"
        "（1、10、0、0、0、0、11 / 11、0、0、0、0、0、11），无法确定，未读取"
    )
    table = result.report.applications
    assert table is not None and table.value("granted", "total") is None


def test_two_doubtful_rows_that_balance_the_table_either_way_are_both_reported():
    # 予以公开 and 部分公开 both print 110000011; the 总计 row (12 natural persons, 10 companies)
    # balances with 1·10 + 11·0 and with 11·0 + 1·10 alike.
    result = parse_text(
        _report(
            "（一）予以公开110000011（二）部分公开110000011",
            "（七）总计\t12\t10\t0\t0\t0\t0\t22",
        )
    )
    assert [f.where for f in result.findings if f.code == "DIGITS-AMBIGUOUS"] == [
        "applications.granted",
        "applications.partially_granted",
    ]


def test_glued_digits_that_no_split_can_balance_are_reported():
    # 3520000037 (ten digits) cannot be seven numbers whose last is the sum of the six before it.
    result = parse_text(_report("一、本年新收政府信息公开申请数量3520000037"))
    ambiguous = [finding for finding in result.findings if finding.code == "DIGITS-AMBIGUOUS"]
    assert [(finding.where, finding.actual) for finding in ambiguous] == [
        ("applications.new_received", "3520000037")
    ]
    assert "没有一种拆分能满足“总计等于各栏之和”" in ambiguous[0].message


def test_glued_review_and_litigation_numbers_are_split_by_the_block_totals():
    # 淮安市洪泽区 2024 (corpus 007): 1 1 0 0 2 | 1 0 0 0 1 | 2 0 1 0 3.
    text = "\n".join(
        [
            TITLE,
            "四、政府信息公开行政复议、行政诉讼情况",
            "行政复议行政诉讼未经复议直接起诉复议后起诉结果维持结果纠正其他结果尚未审结总计"
            "结果维持结果纠正其他结果尚未审结总计结果维持结果纠正其他结果尚未审结总计110021000120103",
            "",
        ]
    )
    table = parse_text(text).report.review_litigation
    assert table is not None
    assert [cell.value for cell in table.cells] == [1, 1, 0, 0, 2, 1, 0, 0, 0, 1, 2, 0, 1, 0, 3]


def test_glued_review_and_litigation_numbers_with_several_splits_are_reported():
    # 淮安市 2024 (corpus 016): 72 64 178 37 351 | 13 4 8 1 26 | 12 1 1 6 20 — the last block
    # also splits as 1·2·1·16·20 and 1·2·11·6·20.
    text = "\n".join(
        [
            TITLE,
            "四、政府信息公开行政复议、行政诉讼情况",
            "结果维持结果纠正其他结果尚未审结总计72641783735113481261211620",
            "",
        ]
    )
    result = parse_text(text)
    ambiguous = [finding for finding in result.findings if finding.code == "DIGITS-AMBIGUOUS"]
    assert [(finding.where, finding.actual) for finding in ambiguous] == [
        (
            "review_litigation",
            "72、64、178、37、351、13、4、8、1、26、1、2、1、16、20"
            " / 72、64、178、37、351、13、4、8、1、26、1、2、11、6、20"
            " / 72、64、178、37、351、13、4、8、1、26、12、1、1、6、20",
        )
    ]
    table = result.report.review_litigation
    assert table is not None and all(cell.is_blank for cell in table.cells)


def test_prose_with_a_number_after_a_label_is_not_read_as_a_row():
    result = parse_text(_report("全年一、本年新收政府信息公开申请数量21件，均已办结。"))
    assert result.report.applications is None
    assert [f.code for f in result.findings if f.code == "DIGITS-AMBIGUOUS"] == []


def test_glued_section_two_digits_are_read_only_where_their_count_decides():
    # Section 二 has no total to check against: 000 can only be 0·0·0, 82666 could be 8·26·66,
    # 82·6·66, 8·2·666… (淮安市 2024 prints 8 26 66).
    text = "\n".join(
        [
            TITLE,
            "二、主动公开政府信息情况",
            "第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数规章000行政规范性文件82666",
            "",
        ]
    )
    result = parse_text(text)
    table = result.report.proactive
    assert table is not None
    assert [table.value("regulations", column) for column in ("issued", "repealed", "in_force")] == [0, 0, 0]
    ambiguous = [f for f in result.findings if f.code == "DIGITS-AMBIGUOUS"]
    assert [f.where for f in ambiguous] == ["proactive.normative_documents"]
    assert table.value("normative_documents", "issued") is None


def test_a_sentence_naming_an_item_and_a_number_is_not_a_row_of_section_two():
    text = "\n".join(
        [
            TITLE,
            "二、主动公开政府信息情况",
            "全年新增公开市政府规章1件、市政府及市政府办政策性文件11件",
            "第二十条第（一）项",
            "信息内容\t本年制发件数\t本年废止件数\t现行有效件数",
            "规章\t1\t0\t11",
            "",
        ]
    )
    result = parse_text(text)
    table = result.report.proactive
    assert table is not None
    assert [table.value("regulations", column) for column in ("issued", "repealed", "in_force")] == [1, 0, 11]
    assert [f.where for f in result.findings if f.code in {"ROW-SHORT", "ROW-LONG"}] == []
