"""Letter templates: plain text with a fixed vocabulary of placeholders, filled safely.

A template is three texts an administrator may edit: the title, the addressee line and the body
(one paragraph a line). ``{申请人}`` stands for a value of the case; ``{{`` and ``}}`` are literal
braces. Nothing else is interpreted: a placeholder names one entry of `PLACEHOLDERS`, never an
attribute, a method or an expression, so an edited template cannot reach anything but the values
the letter kind offers. Values are inserted as text and never read again as template syntax.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Literal

from gongkai.letters.errors import LetterFactError, TemplateError, TemplateProblem

# The whole vocabulary, with what each placeholder stands for (docs/letters.md prints this table).
PLACEHOLDERS: Mapping[str, str] = {
    "机关": "作出告知的机关名称",
    "申请人": "申请人姓名或者名称（只用于写给申请人的文书）",
    "收到申请日期": "收到申请之日（条例第三十一条），如 2025年9月28日",
    "所需信息": "申请公开的政府信息的名称、文号或者特征性描述",
    "法律依据": "本文书所依据的条款，如《中华人民共和国政府信息公开条例》第三十条",
    "告知补正日期": "告知申请人补正之日",
    "补正事项": "需要补正的事项（告知补正时记录）",
    "补正期限": "补正期限的最后一日（告知补正时记录）",
    "批准延期日期": "政府信息公开工作机构负责人同意延期之日",
    "延长天数": "延长的工作日数",
    "原答复期限": "延期前的答复期限",
    "答复期限": "延期后的答复期限",
    "征求意见对象": "被征求意见的第三方或者机关（生成文书时填写）",
    "征求意见日期": "发出征求意见函之日",
    "意见期限": "被征求意见方提出意见的工作日数（条例第三十二条、第三十四条：15）",
    "收费通知日期": "发出收费通知之日",
    "收费标准": "信息处理费的收费标准",
    "计算过程": "收费金额的计算过程",
    "收费金额": "收费金额，如 1700元",
    "缴费方式": "缴纳方式（发出收费通知时记录）",
    "缴费期限": "缴纳期限的工作日数（国办函〔2020〕109号：20）",
    "决定日期": "作出答复或者终止办理之日",
    "理由": "答复时记录的理由",
    "获取方式": "获取政府信息的方式、途径和时间（生成文书时填写，部分情形可按申请时选择的方式自动填写）",
    "负责机关": "负责公开该政府信息的机关及联系方式（生成文书时填写；未填写的写“本机关无法确定”）",
    "救济途径": "申请行政复议、提起行政诉讼的途径和期限",
    "复议机关": "行政复议机关",
    "人民法院": "管辖行政诉讼的人民法院",
}

TITLE_MAX_LENGTH = 60
ADDRESSEE_MAX_LENGTH = 60
TEXT_MAX_LENGTH = 10_000

Field = Literal["title", "addressee", "text"]
FIELD_LABELS: Mapping[str, str] = {"title": "标题", "addressee": "主送", "text": "正文"}
_FULL_WIDTH_BRACES = "｛｝"


@dataclass(frozen=True, slots=True)
class Template:
    """The editable texts of one letter kind."""

    title: str
    addressee: str
    text: str

    def fields(self) -> Iterator[tuple[Field, str]]:
        yield "title", self.title
        yield "addressee", self.addressee
        yield "text", self.text


@dataclass(frozen=True, slots=True)
class Placeholder:
    """``{name}`` at ``line`` and ``column`` (both from 1) of a field."""

    name: str
    line: int
    column: int


Token = str | Placeholder


def parse(text: str, field: Field = "text") -> tuple[Token, ...]:
    """The text as literal pieces and placeholders; TemplateError lists every malformed brace.

    Names are not checked against the vocabulary here (`check` does that, per letter kind).
    """
    tokens: list[Token] = []
    problems: list[TemplateProblem] = []
    literal: list[str] = []
    for line_number, line in enumerate(text.split("\n"), start=1):
        if line_number > 1:
            literal.append("\n")
        position = 0
        while position < len(line):
            char = line[position]
            column = position + 1
            pair = line[position : position + 2]
            if pair in ("{{", "}}"):
                literal.append(char)
                position += 2
                continue
            if char in _FULL_WIDTH_BRACES:
                problems.append(
                    _problem(
                        "template_fullwidth_brace",
                        f"使用了全角花括号“{char}”，占位符须用半角花括号，如 {{申请人}}",
                        field,
                        line_number,
                        column,
                    )
                )
                position += 1
                continue
            if char == "}":
                problems.append(
                    _problem(
                        "template_unmatched_brace",
                        "有一个“}”没有对应的“{”（正文中的花括号请写成“}}”）",
                        field,
                        line_number,
                        column,
                    )
                )
                position += 1
                continue
            if char != "{":
                literal.append(char)
                position += 1
                continue
            end = line.find("}", position + 1)
            inner_open = line.find("{", position + 1)
            if end == -1 or (inner_open != -1 and inner_open < end):
                problems.append(
                    _problem(
                        "template_unclosed_placeholder",
                        "占位符缺少“}”（占位符须在同一行内写完，如 {申请人}；正文中的花括号请写成“{{”）",
                        field,
                        line_number,
                        column,
                    )
                )
                position += 1
                continue
            name = line[position + 1 : end]
            if not name.strip():
                problems.append(
                    _problem("template_empty_placeholder", "“{}”中没有占位符名称", field, line_number, column)
                )
            else:
                if literal:
                    tokens.append("".join(literal))
                    literal = []
                tokens.append(Placeholder(name, line_number, column))
            position = end + 1
    if literal:
        tokens.append("".join(literal))
    if problems:
        raise TemplateError(tuple(problems))
    return tuple(tokens)


def check(
    template: Template, *, allowed: frozenset[str], required: frozenset[str], addressed_by: str
) -> None:
    """Raise TemplateError listing every problem of ``template`` for a kind.

    ``allowed`` are the placeholders the kind offers, ``required`` those its content needs (the
    legal basis, the reasons, the remedies…), ``addressed_by`` the one the addressee line must name.
    """
    problems: list[TemplateProblem] = []
    used: set[str] = set()
    unreadable = False  # what a field uses is unknown while its braces are malformed
    for field, text in template.fields():
        label = FIELD_LABELS[field]
        limit = {"title": TITLE_MAX_LENGTH, "addressee": ADDRESSEE_MAX_LENGTH, "text": TEXT_MAX_LENGTH}[field]
        if not text.strip():
            problems.append(TemplateProblem("template_field_empty", f"{label}不能为空", field))
            continue
        if len(text) > limit:
            problems.append(
                TemplateProblem(
                    "template_field_too_long", f"{label}不能超过{limit}字，实际为{len(text)}字", field
                )
            )
        if field != "text" and "\n" in text.strip():
            problems.append(TemplateProblem("template_field_multiline", f"{label}只能有一行", field))
        try:
            tokens = parse(text, field)
        except TemplateError as error:
            problems.extend(error.problems)
            unreadable = True
            continue
        for token in tokens:
            if not isinstance(token, Placeholder):
                continue
            where = f"{label}第{token.line}行第{token.column}字"
            if token.name not in PLACEHOLDERS:
                problems.append(
                    TemplateProblem(
                        "template_unknown_placeholder",
                        f"{where}的占位符“{{{token.name}}}”不存在；本文书可用：{_names(allowed)}",
                        field,
                        token.line,
                        token.column,
                    )
                )
            elif token.name not in allowed:
                problems.append(
                    TemplateProblem(
                        "template_placeholder_not_allowed",
                        f"{where}的占位符“{{{token.name}}}”不能用于本文书；本文书可用：{_names(allowed)}",
                        field,
                        token.line,
                        token.column,
                    )
                )
            else:
                used.add(token.name)
                if field == "addressee":
                    used.add(f"addressee:{token.name}")
    if (
        template.addressee.strip()
        and f"addressee:{addressed_by}" not in used
        and not _has_field_error(problems, "addressee")
    ):
        problems.append(
            TemplateProblem(
                "template_addressee_missing",
                f"主送须写明收件人：{{{addressed_by}}}",
                "addressee",
            )
        )
    missing = [name for name in sorted(required) if name not in used]
    if missing and not unreadable:
        problems.append(
            TemplateProblem(
                "template_placeholder_required",
                f"本文书必须写明：{_names(frozenset(missing))}",
            )
        )
    if problems:
        raise TemplateError(tuple(problems))


@dataclass(frozen=True, slots=True)
class Unavailable:
    """A value the case does not have, with the Chinese reason shown if a template uses it."""

    reason: str


Value = str | Unavailable


def fill(text: str, values: Mapping[str, Value], field: Field = "text") -> str:
    """``text`` with each placeholder replaced by its value; LetterFactError for an unavailable one."""
    parts: list[str] = []
    for token in parse(text, field):
        if isinstance(token, str):
            parts.append(token)
            continue
        value = values.get(token.name)
        if value is None:
            raise LetterFactError(
                f"占位符“{{{token.name}}}”没有可填写的内容", code="letter_placeholder_unknown"
            )
        if isinstance(value, Unavailable):
            raise LetterFactError(f"无法填写“{{{token.name}}}”：{value.reason}")
        parts.append(value)
    return "".join(parts)


def _names(names: frozenset[str]) -> str:
    ordered = [name for name in PLACEHOLDERS if name in names]
    return "、".join(f"{{{name}}}" for name in ordered) or "无"


def _problem(code: str, message: str, field: Field, line: int, column: int) -> TemplateProblem:
    return TemplateProblem(code, f"{FIELD_LABELS[field]}第{line}行第{column}字{message}", field, line, column)


def _has_field_error(problems: list[TemplateProblem], field: str) -> bool:
    return any(problem.field == field for problem in problems)
