"""The two national annual-report formats, written down once.

Sources (see ``docs/glossary.md`` and the project spec): 国办公开办函〔2021〕30号 for the 2021
format (first used for report year 2021), 国办公开办函〔2019〕60号 for the 2019 format (试行,
report years 2019 and 2020). Row and column ids are the canonical ids of the report JSON.
Labels are printed exactly as the national text prints them; variants are the ones seen in
published reports.
"""

from __future__ import annotations

from gongkai.formats.spec import (
    Article,
    ColumnSpec,
    FormatId,
    Label,
    MoneyUnit,
    ReportFormat,
    RowGroup,
    RowSpec,
    SectionSpec,
    TableId,
    TableSpec,
    ValueKind,
    Variant,
    VariantKind,
)

LOCAL = VariantKind.LOCAL
TYPO = VariantKind.TYPO
EXTENDED = VariantKind.EXTENDED
SHORTENED = VariantKind.SHORTENED


def _label(text: str, *variants: Variant) -> Label:
    return Label(text, tuple(variants))


def _article(*items: str, instrument: str = "条例") -> tuple[Article, ...]:
    return tuple(Article(item, instrument) for item in items)


# -- the six sections (same titles in both formats) --------------------------------------------

SECTIONS = (
    SectionSpec("一", _label("总体情况")),
    SectionSpec(
        "二",
        _label("主动公开政府信息情况", Variant("行政机关主动公开政府信息情况", LOCAL)),
    ),
    SectionSpec("三", _label("收到和处理政府信息公开申请情况")),
    SectionSpec(
        "四",
        _label(
            "政府信息公开行政复议、行政诉讼情况",
            Variant("政府信息公开行政复议和行政诉讼情况", LOCAL),
            Variant("政府信息公开行政复议、诉讼情况", SHORTENED),
        ),
    ),
    SectionSpec(
        "五",
        _label("存在的主要问题及改进情况", Variant("政府信息公开工作存在的主要问题及改进情况", EXTENDED)),
    ),
    SectionSpec("六", _label("其他需要报告的事项", Variant("其他需要报告事项", SHORTENED))),
)

# -- section 三: applications ---------------------------------------------------------------------

LEGAL_PERSON = "法人或其他组织"

APPLICANT_COLUMNS = (
    ColumnSpec("natural_person", _label("自然人")),
    ColumnSpec("commercial", _label("商业企业"), parent=LEGAL_PERSON),
    ColumnSpec("research", _label("科研机构"), parent=LEGAL_PERSON),
    ColumnSpec(
        "social_welfare",
        _label("社会公益组织", Variant("社会组织", LOCAL)),
        parent=LEGAL_PERSON,
    ),
    ColumnSpec("legal_services", _label("法律服务机构"), parent=LEGAL_PERSON),
    ColumnSpec("other", _label("其他"), parent=LEGAL_PERSON),
    ColumnSpec("total", _label("总计")),
)

RESULTS = RowGroup("results", _label("三、本年度办理结果"))
WITHHELD = RowGroup("withheld", _label("（三）不予公开"))
UNAVAILABLE = RowGroup("unavailable", _label("（四）无法提供"))
NOT_PROCESSED = RowGroup("not_processed", _label("（五）不予处理"))
OTHER_HANDLING = RowGroup("other", _label("（六）其他处理"))


def _applications_row(
    row_id: str,
    label: Label,
    group: RowGroup | None = None,
    articles: tuple[Article, ...] = (),
    *,
    outcome: bool = True,
) -> RowSpec:
    return RowSpec(row_id, label, APPLICANT_COLUMNS, group, articles, is_outcome=outcome)


_HEAD_ROWS = (
    _applications_row("new_received", _label("一、本年新收政府信息公开申请数量"), outcome=False),
    _applications_row("carried_over", _label("二、上年结转政府信息公开申请数量"), outcome=False),
    _applications_row(
        "granted", _label("（一）予以公开"), articles=_article("第三十六条第（一）项", "第三十六条第（二）项")
    ),
    _applications_row(
        "partially_granted",
        _label(
            "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
            Variant("（二）部分公开", SHORTENED),
        ),
        articles=_article("第三十七条"),
    ),
    _applications_row("withheld.state_secret", _label("1.属于国家秘密"), WITHHELD, _article("第十四条")),
    _applications_row(
        "withheld.prohibited_by_law",
        _label(
            "2.其他法律行政法规禁止公开",
            # 淮安市洪泽区 2023 and 2024 reports (corpus 006, 007): 法规禁 dropped.
            Variant("2.其他法律行政止公开", TYPO, "漏印“法规禁”"),
        ),
        WITHHELD,
        _article("第十四条"),
    ),
    _applications_row(
        "withheld.security_stability", _label("3.危及“三安全一稳定”"), WITHHELD, _article("第十四条")
    ),
    _applications_row(
        "withheld.third_party_rights",
        _label("4.保护第三方合法权益"),
        WITHHELD,
        _article("第十五条", "第三十二条"),
    ),
    _applications_row(
        "withheld.internal_affairs", _label("5.属于三类内部事务信息"), WITHHELD, _article("第十六条第一款")
    ),
    _applications_row(
        "withheld.process_information",
        _label("6.属于四类过程性信息"),
        WITHHELD,
        _article("第十六条第二款"),
    ),
    _applications_row(
        "withheld.enforcement_files", _label("7.属于行政执法案卷"), WITHHELD, _article("第十六条第二款")
    ),
    _applications_row(
        "withheld.inquiry_matters", _label("8.属于行政查询事项"), WITHHELD, _article("第三十六条第（七）项")
    ),
    _applications_row(
        "unavailable.not_held",
        _label("1.本机关不掌握相关政府信息"),
        UNAVAILABLE,
        _article("第三十六条第（四）项", "第三十六条第（五）项"),
    ),
    _applications_row(
        "unavailable.needs_creation",
        _label("2.没有现成信息需要另行制作"),
        UNAVAILABLE,
        _article("第三十八条"),
    ),
    _applications_row(
        "unavailable.still_unclear", _label("3.补正后申请内容仍不明确"), UNAVAILABLE, _article("第三十条")
    ),
    _applications_row(
        "not_processed.complaint",
        _label("1.信访举报投诉类申请"),
        NOT_PROCESSED,
        _article("第三十九条第一款"),
    ),
    _applications_row(
        "not_processed.repeated", _label("2.重复申请"), NOT_PROCESSED, _article("第三十六条第（六）项")
    ),
    _applications_row(
        "not_processed.publication",
        _label("3.要求提供公开出版物"),
        NOT_PROCESSED,
        _article("第三十九条第二款"),
    ),
    _applications_row(
        "not_processed.excessive", _label("4.无正当理由大量反复申请"), NOT_PROCESSED, _article("第三十五条")
    ),
    # No article: long-standing practice (spec §1.3).
    _applications_row(
        "not_processed.confirmation", _label("5.要求行政机关确认或重新出具已获取信息"), NOT_PROCESSED
    ),
)

_TAIL_ROWS = (
    _applications_row("total", _label("（七）总计"), outcome=False),
    _applications_row("carried_forward", _label("四、结转下年度继续办理"), outcome=False),
)

_OTHER_2021 = (
    _applications_row(
        "other.no_correction",
        _label("1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
        OTHER_HANDLING,
        _article("第三十条"),
    ),
    _applications_row(
        "other.unpaid_fee",
        _label("2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
        OTHER_HANDLING,
        _article("国办函〔2020〕109号", instrument="政府信息公开信息处理费管理办法"),
    ),
    _applications_row("other.other", _label("3.其他"), OTHER_HANDLING),
)

_OTHER_2019 = (_applications_row("other", _label("（六）其他处理")),)

APPLICATIONS_TITLE = _label("收到和处理政府信息公开申请情况")
APPLICATIONS_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
APPLICANT_HEADER = "申请人情况"

APPLICATIONS_2021 = TableSpec(
    TableId.APPLICATIONS,
    "三",
    APPLICATIONS_TITLE,
    _HEAD_ROWS + _OTHER_2021 + _TAIL_ROWS,
    groups=(RESULTS, WITHHELD, UNAVAILABLE, NOT_PROCESSED, OTHER_HANDLING),
    note=APPLICATIONS_NOTE,
)
APPLICATIONS_2019 = TableSpec(
    TableId.APPLICATIONS,
    "三",
    APPLICATIONS_TITLE,
    _HEAD_ROWS + _OTHER_2019 + _TAIL_ROWS,
    groups=(RESULTS, WITHHELD, UNAVAILABLE, NOT_PROCESSED),
    note=APPLICATIONS_NOTE,
)

# -- section 四: review and litigation (identical in both formats) -----------------------------

OUTCOME_COLUMNS = (
    ColumnSpec("upheld", _label("结果维持")),
    ColumnSpec("corrected", _label("结果纠正")),
    ColumnSpec("other", _label("其他结果")),
    ColumnSpec("pending", _label("尚未审结")),
    ColumnSpec("total", _label("总计")),
)
LITIGATION = RowGroup("litigation", _label("行政诉讼"))

REVIEW_LITIGATION = TableSpec(
    TableId.REVIEW_LITIGATION,
    "四",
    _label("政府信息公开行政复议、行政诉讼情况"),
    (
        RowSpec("review", _label("行政复议"), OUTCOME_COLUMNS),
        RowSpec("litigation_direct", _label("未经复议直接起诉"), OUTCOME_COLUMNS, LITIGATION),
        RowSpec("litigation_after_review", _label("复议后起诉"), OUTCOME_COLUMNS, LITIGATION),
    ),
    groups=(LITIGATION,),
)

# -- section 二: proactive disclosure -------------------------------------------------------------


def _item(number: str) -> RowGroup:
    """A 第二十条 item as captioned above its sub-table, e.g. 第二十条第（一）项."""
    return RowGroup(f"article20.{number}", _label(f"第二十条第（{number}）项"))


ITEM_1, ITEM_5, ITEM_6, ITEM_8, ITEM_9 = (_item(n) for n in ("一", "五", "六", "八", "九"))

PROACTIVE_TITLE = _label("主动公开政府信息情况")
CONTENT_HEADER = "信息内容"  # first header cell of every section 二 sub-table

REGULATIONS = _label("规章")
LICENSING = _label("行政许可")
PENALTY = _label("行政处罚")
COERCION = _label("行政强制")
FEES = _label("行政事业性收费")

_DOCUMENT_COUNTS_2021 = (
    ColumnSpec("issued", _label("本年制发件数")),
    ColumnSpec("repealed", _label("本年废止件数", Variant("本年度止件数", TYPO, "“废止”误作“度止”"))),
    ColumnSpec("in_force", _label("现行有效件数")),
)
_DECISIONS_2021 = (ColumnSpec("decisions", _label("本年处理决定数量")),)

PROACTIVE_2021 = TableSpec(
    TableId.PROACTIVE,
    "二",
    PROACTIVE_TITLE,
    (
        RowSpec("regulations", REGULATIONS, _DOCUMENT_COUNTS_2021, ITEM_1),
        RowSpec(
            "normative_documents",
            _label("行政规范性文件", Variant("规范性文件", LOCAL, "2019 年格式的行名")),
            _DOCUMENT_COUNTS_2021,
            ITEM_1,
        ),
        RowSpec("licensing", LICENSING, _DECISIONS_2021, ITEM_5),
        RowSpec("penalty", PENALTY, _DECISIONS_2021, ITEM_6),
        RowSpec("coercion", COERCION, _DECISIONS_2021, ITEM_6),
        RowSpec(
            "fees",
            FEES,
            (
                ColumnSpec(
                    "amount_wan_yuan",
                    _label(
                        "本年收费金额（单位：万元）",
                        Variant("本年收费金额（单位：万元，保留4位小数）", EXTENDED),
                        Variant("本年收费金额（万元）", SHORTENED),
                        Variant("本年收费金额", SHORTENED),
                    ),
                    ValueKind.MONEY,
                    MoneyUnit.WAN_YUAN,
                ),
            ),
            ITEM_8,
        ),
    ),
    groups=(ITEM_1, ITEM_5, ITEM_6, ITEM_8),
)

_DOCUMENT_COUNTS_2019 = (
    ColumnSpec("made", _label("本年新制作数量")),
    ColumnSpec("published", _label("本年新公开数量")),
    ColumnSpec("total_public", _label("对外公开总数量")),
)
_PREVIOUS_ITEMS = ColumnSpec("previous_items", _label("上一年项目数量"))
_CHANGE = ColumnSpec("change", _label("本年增/减", Variant("本年增减", SHORTENED)), ValueKind.SIGNED_COUNT)
_ITEMS_2019 = (_PREVIOUS_ITEMS, _CHANGE, ColumnSpec("decisions", _label("处理决定数量")))

PROACTIVE_2019 = TableSpec(
    TableId.PROACTIVE,
    "二",
    PROACTIVE_TITLE,
    (
        RowSpec("regulations", REGULATIONS, _DOCUMENT_COUNTS_2019, ITEM_1),
        RowSpec(
            "normative_documents",
            _label("规范性文件", Variant("行政规范性文件", LOCAL, "2021 年格式的行名")),
            _DOCUMENT_COUNTS_2019,
            ITEM_1,
        ),
        RowSpec("licensing", LICENSING, _ITEMS_2019, ITEM_5),
        RowSpec("other_services", _label("其他对外管理服务事项"), _ITEMS_2019, ITEM_5),
        RowSpec("penalty", PENALTY, _ITEMS_2019, ITEM_6),
        RowSpec("coercion", COERCION, _ITEMS_2019, ITEM_6),
        RowSpec("fees", FEES, (_PREVIOUS_ITEMS, _CHANGE), ITEM_8),
        RowSpec(
            "procurement",
            _label("政府集中采购"),
            (
                ColumnSpec("projects", _label("采购项目数量")),
                ColumnSpec("amount", _label("采购总金额"), ValueKind.MONEY),
            ),
            ITEM_9,
        ),
    ),
    groups=(ITEM_1, ITEM_5, ITEM_6, ITEM_8, ITEM_9),
)

# -- the formats ----------------------------------------------------------------------------------

FORMAT_2021 = ReportFormat(
    id=FormatId.F2021,
    notice="国办公开办函〔2021〕30号",
    title="中华人民共和国政府信息公开工作年度报告格式",
    first_year=2021,
    sections=SECTIONS,
    proactive=PROACTIVE_2021,
    applications=APPLICATIONS_2021,
    review_litigation=REVIEW_LITIGATION,
)

FORMAT_2019 = ReportFormat(
    id=FormatId.F2019,
    notice="国办公开办函〔2019〕60号",
    title="中华人民共和国政府信息公开工作年度报告格式（试行）",
    first_year=2019,
    sections=SECTIONS,
    proactive=PROACTIVE_2019,
    applications=APPLICATIONS_2019,
    review_litigation=REVIEW_LITIGATION,
)

FORMATS: dict[FormatId, ReportFormat] = {FormatId.F2019: FORMAT_2019, FormatId.F2021: FORMAT_2021}


def format_for_year(year: int) -> ReportFormat:
    """The national format a report for ``year`` must use."""
    if year >= FORMAT_2021.first_year:
        return FORMAT_2021
    return FORMAT_2019


def table_specs(table_id: TableId) -> dict[FormatId, TableSpec]:
    """The spec of one table in each format (section 四 is the same object in both)."""
    return {format_id: report_format.table(table_id) for format_id, report_format in FORMATS.items()}


# -- names used when the report is written out ---------------------------------------------------

REPORT_NAME = "政府信息公开工作年度报告"  # the title of every report ends with it: 卫辉市民政局2022年…

# Short names of the three tables, for places too narrow for the section title (spreadsheet tabs).
TABLE_SHORT_TITLES: dict[TableId, str] = {
    TableId.PROACTIVE: "主动公开",
    TableId.APPLICATIONS: "依申请公开",
    TableId.REVIEW_LITIGATION: "复议诉讼",
}
