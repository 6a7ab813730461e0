"""The facts of a case a letter states, and the value of every placeholder computed from them.

The web app gathers the facts from the stored events (who applied, when it was received, what the
correction request, extension, consultation, fee notice or decision recorded); this module turns
them into the texts the placeholders print, in the wording of the 条例. A placeholder whose fact the
case lacks is `Unavailable` with the reason, so a template that uses it fails with that reason.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from gongkai.cases import Decision
from gongkai.clock import CONSULTATION_ANSWER_LIMIT, ConsultationParty
from gongkai.fees import FeeNotice, yuan
from gongkai.formats import Article
from gongkai.letters.errors import LetterError, LetterFactError
from gongkai.letters.kinds import (
    ACCESS_OR_CHOSEN_INPUT,
    FACT_PLACEHOLDERS,
    OVERRIDE_OUTCOMES,
    RESPONSIBLE_BODY_INPUT,
    THIRD_PARTY_OVERRIDE,
    Basis,
    Facts,
    LetterKind,
)
from gongkai.letters.remedies import Remedies
from gongkai.letters.template import Unavailable, Value

# How a letter names an instrument the taxonomy abbreviates (`Article.instrument`).
INSTRUMENT_TITLES: Mapping[str, str] = {"条例": "中华人民共和国政府信息公开条例"}
NOT_DETERMINED = "本机关无法确定"
# A withdrawal records no reasons; its termination letter says why the case closed.
WITHDRAWAL_REASONS = "您已撤回该政府信息公开申请"
_SENTENCE_ENDS = "。！？!?；;：:…）)”」』"
_ARTICLE_HEAD = re.compile(r"第[〇零一二三四五六七八九十百]+条")


@dataclass(frozen=True, slots=True)
class CaseFacts:
    """What every letter may state about the application."""

    body: str
    applicant: str
    received_on: date
    information: str  # the 所需信息 as described in the application (条例 第二十九条第（二）项)
    medium: str  # 载体形式 as the applicant chose it, e.g. 电子文件
    delivery: str  # 获取方式 as the applicant chose it, e.g. 电子邮件
    collect_in_person: bool = False  # 当面领取: the letter must say where and when


@dataclass(frozen=True, slots=True)
class CorrectionFacts:
    requested_on: date
    items: str = ""
    respond_by: date | None = None


@dataclass(frozen=True, slots=True)
class ExtensionFacts:
    approved_on: date
    working_days: int
    due_on: date | None  # the deadline after the extension
    original_due_on: date | None  # the deadline before it


@dataclass(frozen=True, slots=True)
class ConsultationFacts:
    party: ConsultationParty
    sent_on: date


@dataclass(frozen=True, slots=True)
class FeeFacts:
    notice: FeeNotice
    sent_on: date


@dataclass(frozen=True)
class LetterFacts:
    """Everything one letter may state; ``inputs`` are the values the officer typed, by placeholder."""

    case: CaseFacts
    remedies: Remedies = field(default_factory=Remedies)
    decision: Decision | None = None
    correction: CorrectionFacts | None = None
    extension: ExtensionFacts | None = None
    consultation: ConsultationFacts | None = None
    fee: FeeFacts | None = None
    inputs: Mapping[str, str] = field(default_factory=dict)


def chinese_date(day: date) -> str:
    """``2025年10月9日``: Arabic numerals, no leading zeros (GB/T 9704-2012 7.3.5)."""
    return f"{day.year}年{day.month}月{day.day}日"


def legal_basis(articles: Iterable[Article]) -> str:
    """Articles as a letter cites them, e.g. ``《条例全称》第三十六条第（一）项、第（二）项``.

    The instrument is named once for a run of its articles, and an article repeated with another
    subdivision is not; a document cited without an article prints as ``《办法》（国办函〔2020〕109号）``.
    """
    parts: list[str] = []
    previous: Article | None = None
    for article in articles:
        title = f"《{INSTRUMENT_TITLES.get(article.instrument, article.instrument)}》"
        if not article.text.startswith("第"):
            parts.append(f"{title}（{article.text}）")
            previous = None
            continue
        text = article.text
        if previous is not None and previous.instrument == article.instrument:
            head, previous_head = _ARTICLE_HEAD.match(text), _ARTICLE_HEAD.match(previous.text)
            # 第三十六条第（一）项 then 第三十六条第（二）项 prints as …第（一）项、第（二）项
            if (
                head
                and previous_head
                and head.group() == previous_head.group()
                and text != head.group()
                and previous.text != previous_head.group()
            ):
                text = text[len(head.group()) :]
            parts.append(text)
        else:
            parts.append(title + text)
        previous = article
    return "、".join(parts)


def sentence(text: str) -> str:
    """Free text typed by an officer, ending like a sentence (a full stop added when it has none)."""
    text = text.strip()
    if not text or text[-1] in _SENTENCE_ENDS:
        return text
    return text + "。"


def values(kind: LetterKind, facts: LetterFacts) -> dict[str, Value]:
    """The value of every placeholder ``kind`` offers, from ``facts``.

    Raises LetterError when the facts belong to another kind (a decision with another outcome, a
    consultation of another party) or name an input the kind does not take, and LetterFactError
    when an input the kind requires was not typed.
    """
    _check_fits(kind, facts)
    inputs = _inputs(kind, facts.inputs)
    case = facts.case
    result: dict[str, Value] = {
        "机关": case.body,
        "申请人": case.applicant,
        "收到申请日期": chinese_date(case.received_on),
        "所需信息": case.information.strip(),
    }
    result |= _correction(facts.correction)
    result |= _extension(facts.extension)
    result |= _consultation(facts.consultation)
    result |= _fee(facts.fee)
    result |= _decision(facts.decision)
    if kind.basis is not Basis.NONE:
        result["法律依据"] = _basis(kind, facts)
    if kind.remedy is not None:
        result["救济途径"] = facts.remedies.paragraph(kind.remedy)
        result["复议机关"] = facts.remedies.review_body
        result["人民法院"] = facts.remedies.court
    for letter_input in kind.inputs:
        typed = inputs.get(letter_input.name, "")
        if letter_input.name == "征求意见对象":
            result[letter_input.name] = typed
        elif letter_input is RESPONSIBLE_BODY_INPUT:
            result[letter_input.name] = typed or NOT_DETERMINED
        elif typed:
            result[letter_input.name] = sentence(typed)
        elif letter_input is ACCESS_OR_CHOSEN_INPUT:
            result[letter_input.name] = _chosen_access(case)
    return {name: value for name, value in result.items() if name in kind.placeholders}


def _check_fits(kind: LetterKind, facts: LetterFacts) -> None:
    decision, consultation = facts.decision, facts.consultation
    if kind.outcome is not None and (decision is None or decision.outcome != kind.outcome):
        got = "没有答复" if decision is None else f"答复结果为“{decision.outcome.label}”"
        raise LetterError(
            f"“{kind.label}”须与结果为“{kind.outcome.label}”的答复对应，本案{got}",
            code="letter_outcome_mismatch",
        )
    if kind.party is not None and (consultation is None or consultation.party is not kind.party):
        raise LetterError(
            f"“{kind.label}”须与{kind.party.label}对应，本案没有这样的征求意见记录",
            code="letter_consultation_mismatch",
        )
    if kind is THIRD_PARTY_OVERRIDE:
        if consultation is None or consultation.party is not ConsultationParty.THIRD_PARTY:
            raise LetterError(
                f"“{kind.label}”只发给曾被征求意见的第三方，本案没有征求第三方意见",
                code="letter_consultation_mismatch",
            )
        if decision is None or decision.outcome not in OVERRIDE_OUTCOMES:
            raise LetterError(
                f"“{kind.label}”只用于决定予以公开或者部分公开的答复", code="letter_outcome_mismatch"
            )


def _inputs(kind: LetterKind, given: Mapping[str, str]) -> dict[str, str]:
    unknown = sorted(name for name, value in given.items() if value.strip() and kind.input(name) is None)
    if unknown:
        accepted = "、".join(field.label for field in kind.inputs) or "无"
        raise LetterError(
            f"“{kind.label}”不需要填写：{'、'.join(unknown)}；需要填写的是：{accepted}",
            code="letter_input_unknown",
        )
    typed = {name: value.strip() for name, value in given.items() if value.strip()}
    missing = [field.label for field in kind.inputs if field.required and field.name not in typed]
    if missing:
        raise LetterFactError(f"生成“{kind.label}”须填写：{'；'.join(missing)}", code="letter_input_required")
    return typed


def _chosen_access(case: CaseFacts) -> Value:
    if case.collect_in_person:
        return Unavailable("申请人选择当面领取，请填写领取的地点和时间（获取方式）")
    return (
        f"本机关按照您申请时选择的获取方式（{case.delivery}），以{case.medium}形式向您提供该政府信息，"
        "随本告知书一并送达。"
    )


def _basis(kind: LetterKind, facts: LetterFacts) -> Value:
    if kind.basis is Basis.FIXED:
        return legal_basis(kind.articles)
    if kind.basis is Basis.FEE:
        return facts.fee.notice.basis if facts.fee is not None else Unavailable("本案没有收费通知的记录")
    if kind.basis is Basis.DECISION:
        if facts.decision is None:
            return Unavailable("本案没有答复的记录")
        cited = [article for article in facts.decision.articles if article not in kind.excluded_articles]
        own = [
            article for article in facts.decision.outcome.articles if article not in kind.excluded_articles
        ]
        return legal_basis(cited or own)
    raise AssertionError(kind.basis)


def _correction(correction: CorrectionFacts | None) -> dict[str, Value]:
    if correction is None:
        return _unavailable(Facts.CORRECTION, "本案没有告知补正的记录")
    items = correction.items.strip()
    return {
        "告知补正日期": chinese_date(correction.requested_on),
        "补正事项": items or Unavailable("告知补正时没有记录需要补正的事项"),
        "补正期限": chinese_date(correction.respond_by)
        if correction.respond_by is not None
        else Unavailable("告知补正时没有记录补正期限"),
    }


def _extension(extension: ExtensionFacts | None) -> dict[str, Value]:
    if extension is None:
        return _unavailable(Facts.EXTENSION, "本案没有延期答复的记录")
    not_computed = Unavailable("答复期限正在暂停计算（征求意见或者等待缴费），无法写明日期")
    return {
        "批准延期日期": chinese_date(extension.approved_on),
        "延长天数": str(extension.working_days),
        "原答复期限": chinese_date(extension.original_due_on) if extension.original_due_on else not_computed,
        "答复期限": chinese_date(extension.due_on) if extension.due_on else not_computed,
    }


def _consultation(consultation: ConsultationFacts | None) -> dict[str, Value]:
    if consultation is None:
        return _unavailable(Facts.CONSULTATION, "本案没有征求意见的记录")
    return {
        "征求意见日期": chinese_date(consultation.sent_on),
        "意见期限": str(CONSULTATION_ANSWER_LIMIT),
    }


def _fee(fee: FeeFacts | None) -> dict[str, Value]:
    if fee is None:
        return _unavailable(Facts.FEE, "本案没有收费通知的记录")
    notice = fee.notice
    return {
        "收费通知日期": chinese_date(fee.sent_on),
        "收费标准": sentence("；".join(notice.standard)),
        "计算过程": sentence("；".join(notice.calculation)),
        "收费金额": yuan(notice.amount),
        "缴费方式": sentence(notice.payment_method),
        "缴费期限": str(notice.payment_period_working_days),
    }


def _decision(decision: Decision | None) -> dict[str, Value]:
    if decision is None:
        return _unavailable(Facts.DECISION, "本案没有答复的记录")
    return {"决定日期": chinese_date(decision.decided_on), "理由": sentence(decision.reasons)}


def _unavailable(group: Facts, reason: str) -> dict[str, Value]:
    return dict.fromkeys(FACT_PLACEHOLDERS[group], Unavailable(reason))
