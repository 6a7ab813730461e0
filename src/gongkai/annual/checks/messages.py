"""The Chinese wording of every finding, in one place.

Templates hold only the connecting words. Labels of rows, columns, sections and formats are
filled in from the taxonomy (`gongkai.formats.national`), never typed here.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from gongkai.annual.model import Number
from gongkai.formats import SECTIONS, RowSpec, TableSpec, ValueKind

# -- format ---------------------------------------------------------------------------------------

FORMAT_SUPERSEDED = (
    "{year}年度报告应使用《{expected_title}》（{expected_notice}），"
    "本报告使用的是已被取代的《{actual_title}》（{actual_notice}）"
)
FORMAT_MIXED = "本报告的表格混用了两种格式：{parts}；应统一使用《{expected_title}》（{expected_notice}）"
FORMAT_MIXED_PART = "第{number}项为{notice}的格式"
PART_SEPARATOR = "，"
FORMAT_PREMATURE = (
    "{year}年度报告应使用《{expected_title}》（{expected_notice}）；本报告使用的"
    "《{actual_title}》（{actual_notice}）自{first_year}年度报告起才适用"
)

# -- cells ----------------------------------------------------------------------------------------

VALUE_KIND = {
    ValueKind.COUNT: "不小于0的整数",
    ValueKind.SIGNED_COUNT: "整数（减少的写负数）",
    ValueKind.MONEY: "不小于0的金额",
}
CELL_TEXT = "{cell} 应填写{kind}，实为文字“{text}”"
CELL_NUMBER = "{cell} 应填写{kind}，实为 {value}"
BLANK_CELLS = "第{number}项有 {count} 个空白单元格，已按 0 计算：{cells}"
BLANK_CELLS_SHOWN = 5  # cells named in the message; the rest are counted
MORE_CELLS = "等"
LIST_SEPARATOR = "、"

# -- section 三 and 四 ------------------------------------------------------------------------------

C1 = "{cell} 应为 {expected}，实为 {actual}（{first}+{second} = {received}，{forward} = {carried_forward}）"
C2 = "{cell} 应为 {expected}，实为 {actual}（{results}各行之和 = {expected}）"
C3 = "{cell} 应为 {expected}，实为 {actual}（{first_column}至{last_column}各列之和 = {expected}）"
C5 = (
    "第{number}项“{column}”列各办理结果之和为 {actual}，多于可办理的申请数 {expected}"
    "（{first}+{second}−{forward} = {received}+{carried_over}−{carried_forward}）："
    "有申请被计入了不止一个办理结果。每件申请只计入一个办理结果，{partial}"
)
C7 = "{cell} 应为 {expected}，实为 {actual}（{parts}）"
C7_PART = "{column} {value}"
PLUS = " + "

# -- section 二 -------------------------------------------------------------------------------------

C11 = "{cell} 为 {actual}，少于同行“{published}” {expected}；{total_public}应包含本年新公开的文件"
C15 = (
    "{cell} 为 {value}{unit}（即 {in_yuan}{base_unit}），对{agency}而言数额异常大，"
    "可能把以“{base_unit}”计的金额填进了以“{unit}”计的栏目（{threshold}{unit}以上即提示）"
)
THIS_BODY = "本机关"

# -- across years -----------------------------------------------------------------------------------

C6 = "{cell} 应为 {expected}，实为 {actual}（{previous_year}年度报告{forward} = {expected}）"
C8 = (
    "{cell} 应为 {expected}，实为 {actual}（{previous_year}年度报告“{in_force}” {previous}"
    " + “{issued}” {issued_value} − “{repealed}” {repealed_value}）；"
    "如本年开展了文件清理，请在报告中说明"
)
C9 = (
    "{cell} 为 {actual}，多于{previous_year}年度报告“{in_force}” {previous}"
    "与“{issued}” {issued_value} 之和 {expected}：废止的文件不能多于可废止的文件"
)
C10 = (
    "{cell} 应为 {expected}，实为 {actual}（{previous_year}年度报告“{previous_items}” {previous}"
    " + “{change}” {change_value}）"
)
C12 = (
    "{previous_year}年度报告使用{previous_notice}的格式，本报告使用{notice}的格式，"
    "两种格式第二项的栏目定义不同，不作跨年度核对（{rules}）"
)
PREVIOUS_YEAR = "上一"  # in place of a year the previous report does not state
C12_YEAR = "作为上年报告提供的是{previous_year}年度报告，不是{expected_year}年度报告，不作跨年度核对"

# -- text -------------------------------------------------------------------------------------------

C16 = "报告缺少“{title}”部分"
C16_ORDER = "报告各部分的顺序应为 {expected}，实为 {actual}"
ORDER_SEPARATOR = "、"
C16_PERIOD = "报告写明的统计期限为“{text}”，应为{expected}"
PERIOD = "{year}年1月1日至{year}年12月31日"
C13 = "{section}写明“{text}”（{value}件），与{figure} {expected} 不一致"
C13_AMBIGUOUS = (
    "{section}写明“{text}”（{value}件），与{figure} {expected} 不一致，也不等于{alternative} {other}；"
    "请核对文字与表格的统计口径"
)
C13_AMBIGUOUS_SAME = (
    "{section}写明“{text}”（{value}件），与{figure} {expected} 不一致；请核对文字与表格的统计口径"
)
FIGURE_SUM = "{first}与{second}之和"
C14 = "{cell} 为 {count}，说明本年发出过收费通知；但{section}写明“{text}”"
FEE_NOT_REPORTED = (
    "“{title}”未报告{fee}的情况；按《{instrument}》（{notice}），{year}年度报告应写明"
    "发出收费通知的件数和实际收取的金额，没有收费也应写明"
)
PROCESSING_FEE = "信息处理费"  # the fee of 国办函〔2020〕109号; the taxonomy names only its instrument
PREAMBLE = "报告开头"


def amount(value: Number) -> str:
    """A number as a clerk writes it: no exponent, no trailing zeros after the point."""
    if isinstance(value, Decimal):
        text = format(value, "f")
        if "." in text:
            text = text.rstrip("0").rstrip(".")
        return text
    return str(value)


def numeral(row: RowSpec) -> str:
    """The printed number of a top-level row of section 三, e.g. ``一`` of 一、本年新收…."""
    return row.label.text.split("、", 1)[0]


def cells(spec: TableSpec, keys: Iterable[tuple[str, str]]) -> str:
    keys = list(keys)
    names = [spec.describe(row_id, column_id) for row_id, column_id in keys[:BLANK_CELLS_SHOWN]]
    text = LIST_SEPARATOR.join(names)
    return text + MORE_CELLS if len(keys) > BLANK_CELLS_SHOWN else text


def section_name(number: str | None) -> str:
    """A section as the clerk reads it: its national title in quotes, e.g. “一、总体情况”."""
    for spec in SECTIONS:
        if spec.number == number:
            return f"“{spec.title}”"
    return PREAMBLE


# -- roll-up: an aggregate report against its subordinates' --------------------------------------

ROLLUP = (
    "{cell} 汇总报告为 {aggregate}，{count} 份下级报告之和为 {total}，"
    "汇总报告{direction} {difference}：{parts}"
)
ROLLUP_MORE = "多"
ROLLUP_LESS = "少"
ROLLUP_BLANK = "空白"
ROLLUP_PART = "{body} {value}"
ROLLUP_NO_PART = "各下级报告均为 0 或空白"
ROLLUP_BLANK_PARTS = "；{count} 份下级报告该栏空白（按 0 计）"
ROLLUP_PARTS_SHOWN = 10  # subordinates named in the message; all are in the data
ROLLUP_YEAR = "下级报告“{body}”是{actual}年度报告，汇总报告是{expected}年度报告；该报告未计入汇总核对"
ROLLUP_FORMAT = (
    "下级报告“{body}”使用{actual}，汇总报告使用{expected}；两种格式栏目不同的 {count} 个单元格不作汇总核对"
)
ROLLUP_FORMAT_NOTICE = "{notice}的格式"
ROLLUP_FORMAT_MIXED = "混用两种格式的表格"
ROLLUP_TABLE_MISSING = "下级报告“{body}”中没有读出第{number}项，第{number}项不作汇总核对"
