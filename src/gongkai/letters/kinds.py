"""The kinds of letter a case produces, which placeholders each offers, and which event each follows.

One kind per step that must be told in writing: 补正告知书 (条例 第三十条), 延期答复告知书
(第三十三条第一款), 征求意见函 to a third party (第三十二条) or to a co-producing body (第三十四条),
信息处理费收费通知书 (国办函〔2020〕109号), a reply letter for every outcome row of section 三
(`gongkai.cases.OUTCOMES`; the 其他处理 rows as 终止办理告知书), two replies the 条例 words
apart although the report counts them in one row (已主动公开 第三十六条第（一）项 beside 予以公开,
不属于本机关负责公开 第三十六条第（五）项 beside 不存在), and the written notice to a third party
whose objection the body overrides (第三十二条).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import Enum

from gongkai.cases import OUTCOMES, Action, Decision, Outcome
from gongkai.clock import ConsultationParty
from gongkai.formats import Article
from gongkai.letters.errors import LetterError
from gongkai.letters.remedies import RemedyRoute


class Addressee(Enum):
    """Who a letter is written to; the value is the placeholder the addressee line must name."""

    APPLICANT = "申请人"
    CONSULTED = "征求意见对象"  # a third party or another body: never told who applied


class Facts(Enum):
    """Groups of case facts whose placeholders a kind offers."""

    CORRECTION = "correction"
    EXTENSION = "extension"
    CONSULTATION = "consultation"
    FEE = "fee"
    DECISION = "decision"


class Basis(Enum):
    """Where a letter's {法律依据} comes from."""

    FIXED = "fixed"  # the kind's own article (补正 第三十条 …)
    DECISION = "decision"  # the articles recorded with the decision
    FEE = "fee"  # the fee notice's basis (条例 第四十二条 and 109号)
    NONE = "none"  # an outcome the 条例 names no article for


@dataclass(frozen=True, slots=True)
class LetterInput:
    """A value the officer types when generating the letter; ``name`` is the placeholder it fills."""

    name: str
    label: str
    required: bool


PARTY_INPUT = LetterInput("征求意见对象", "收件人：被征求意见的第三方或者机关的名称", required=True)
ACCESS_INPUT = LetterInput("获取方式", "获取政府信息的方式、途径和时间", required=True)
# 予以公开 and 部分公开: without a typed text the letter states the way the applicant chose.
ACCESS_OR_CHOSEN_INPUT = LetterInput(
    "获取方式", "获取政府信息的方式、途径和时间（不填则按申请时选择的方式随本告知书提供）", required=False
)
RESPONSIBLE_BODY_INPUT = LetterInput(
    "负责机关", "负责公开该政府信息的机关名称及联系方式（能够确定的）", required=False
)

COMMON_PLACEHOLDERS = frozenset({"机关", "收到申请日期", "所需信息"})
FACT_PLACEHOLDERS: Mapping[Facts, frozenset[str]] = {
    Facts.CORRECTION: frozenset({"告知补正日期", "补正事项", "补正期限"}),
    Facts.EXTENSION: frozenset({"批准延期日期", "延长天数", "原答复期限", "答复期限"}),
    Facts.CONSULTATION: frozenset({"征求意见日期", "意见期限"}),
    Facts.FEE: frozenset({"收费通知日期", "收费标准", "计算过程", "收费金额", "缴费方式", "缴费期限"}),
    Facts.DECISION: frozenset({"决定日期", "理由"}),
}
REMEDY_PLACEHOLDERS = frozenset({"救济途径", "复议机关", "人民法院"})


@dataclass(frozen=True, slots=True)
class LetterKind:
    """One kind of letter. ``id`` is stored by the web app; ``title`` is the default title."""

    id: str
    label: str
    title: str
    addressee: Addressee
    actions: frozenset[Action]
    facts: frozenset[Facts] = frozenset()
    basis: Basis = Basis.FIXED
    articles: tuple[Article, ...] = ()  # the fixed basis (Basis.FIXED)
    outcome: Outcome | None = None  # reply kinds: the decision's outcome
    party: ConsultationParty | None = None  # consultation kinds
    inputs: tuple[LetterInput, ...] = ()
    remedy: RemedyRoute | None = None
    # Articles of the outcome row that belong to the sibling kind (予以公开 vs 已主动公开 …).
    excluded_articles: frozenset[Article] = frozenset()
    required: frozenset[str] = frozenset()

    @property
    def to_applicant(self) -> bool:
        """Whether the applicant receives it (and may download it from the portal)."""
        return self.addressee is Addressee.APPLICANT

    @property
    def placeholders(self) -> frozenset[str]:
        """Every placeholder a template of this kind may use."""
        names = set(COMMON_PLACEHOLDERS)
        names.add(self.addressee.value)
        for group in self.facts:
            names |= FACT_PLACEHOLDERS[group]
        names |= {field.name for field in self.inputs}
        if self.remedy is not None:
            names |= REMEDY_PLACEHOLDERS
        if self.basis is not Basis.NONE:
            names.add("法律依据")
        return frozenset(names)

    @property
    def required_placeholders(self) -> frozenset[str]:
        """What a template must state: the kind's content, its legal basis and, for decisions, remedies."""
        names = set(self.required)
        if self.basis is not Basis.NONE:
            names.add("法律依据")
        if self.remedy is not None:
            names.add("救济途径")
        if self.outcome is not None and self.outcome.requires_reasons:
            names.add("理由")
        names |= {field.name for field in self.inputs if field.name != PARTY_INPUT.name}
        return frozenset(names)

    def input(self, name: str) -> LetterInput | None:
        return next((field for field in self.inputs if field.name == name), None)


def _article(text: str) -> Article:
    return Article(text)


ARTICLE_30 = _article("第三十条")
ARTICLE_32 = _article("第三十二条")
ARTICLE_33_1 = _article("第三十三条第一款")
ARTICLE_34 = _article("第三十四条")
ALREADY_PUBLISHED_ARTICLE = _article("第三十六条第（一）项")
GRANTED_ARTICLE = _article("第三十六条第（二）项")
NOT_EXIST_ARTICLE = _article("第三十六条第（四）项")
NOT_THIS_BODY_ARTICLE = _article("第三十六条第（五）项")

REPLY_TITLE = "政府信息公开申请答复告知书"
TERMINATION_TITLE = "政府信息公开申请终止办理告知书"

# 行政复议法 第二十三条第一款第（四）项: a refusal to disclose goes to review before any suit.
_REVIEW_FIRST_OUTCOMES = frozenset(
    outcome.id
    for outcome in OUTCOMES
    if outcome.id == "partially_granted"
    or (outcome.id.startswith("withheld.") and outcome.id != "withheld.inquiry_matters")
)
# The other rows close a case without a reply on the merits; a withdrawal may also be decided so.
_CLOSING_ACTIONS: Mapping[str, frozenset[Action]] = {
    "other.no_correction": frozenset({Action.CORRECTION_LAPSED}),
    "other.unpaid_fee": frozenset({Action.PAYMENT_LAPSED}),
    "other.other": frozenset({Action.WITHDRAW, Action.DECIDE}),
}
_REPLY_FACTS: Mapping[str, frozenset[Facts]] = {
    "unavailable.still_unclear": frozenset({Facts.DECISION, Facts.CORRECTION}),
    "other.no_correction": frozenset({Facts.DECISION, Facts.CORRECTION}),
    "other.unpaid_fee": frozenset({Facts.DECISION, Facts.FEE}),
}
_REPLY_INPUTS: Mapping[str, tuple[LetterInput, ...]] = {
    "granted": (ACCESS_OR_CHOSEN_INPUT,),
    "partially_granted": (ACCESS_OR_CHOSEN_INPUT,),
    "not_processed.publication": (ACCESS_INPUT,),
}


def _reply(
    outcome: Outcome,
    *,
    kind_id: str | None = None,
    label: str | None = None,
    inputs: tuple[LetterInput, ...] | None = None,
    excluded: Iterable[Article] = (),
) -> LetterKind:
    closing = outcome.id.startswith("other.")
    return LetterKind(
        id=kind_id or f"reply.{outcome.id}",
        label=label or f"{'终止办理告知书' if closing else '答复告知书'}：{outcome.label}",
        title=TERMINATION_TITLE if closing else REPLY_TITLE,
        addressee=Addressee.APPLICANT,
        actions=_CLOSING_ACTIONS.get(outcome.id, frozenset({Action.DECIDE})),
        facts=_REPLY_FACTS.get(outcome.id, frozenset({Facts.DECISION})),
        basis=Basis.DECISION if outcome.articles else Basis.NONE,
        outcome=outcome,
        inputs=_REPLY_INPUTS.get(outcome.id, ()) if inputs is None else inputs,
        remedy=RemedyRoute.REVIEW_FIRST
        if outcome.id in _REVIEW_FIRST_OUTCOMES
        else RemedyRoute.REVIEW_OR_LITIGATION,
        excluded_articles=frozenset(excluded),
    )


@dataclass(frozen=True, slots=True)
class _Sibling:
    """A reply 第三十六条 words apart from its row's: its own article, id, label and input."""

    row_article: Article  # what the row's own reply cites
    article: Article  # what the sibling cites
    id: str
    label: str
    input: LetterInput


_SIBLINGS: Mapping[str, _Sibling] = {
    "granted": _Sibling(
        GRANTED_ARTICLE,
        ALREADY_PUBLISHED_ARTICLE,
        "reply.already_published",
        "答复告知书：已主动公开（第三十六条第（一）项）",
        ACCESS_INPUT,
    ),
    "unavailable.not_held": _Sibling(
        NOT_EXIST_ARTICLE,
        NOT_THIS_BODY_ARTICLE,
        "reply.not_this_body",
        "答复告知书：不属于本机关负责公开（第三十六条第（五）项）",
        RESPONSIBLE_BODY_INPUT,
    ),
}


def _replies() -> tuple[LetterKind, ...]:
    kinds: list[LetterKind] = []
    for outcome in OUTCOMES:
        sibling = _SIBLINGS.get(outcome.id)
        if sibling is None:
            kinds.append(_reply(outcome))
            continue
        kinds.append(_reply(outcome, excluded=[sibling.article]))
        kinds.append(
            _reply(
                outcome,
                kind_id=sibling.id,
                label=sibling.label,
                inputs=(sibling.input,),
                excluded=[sibling.row_article],
            )
        )
    return tuple(kinds)


CORRECTION = LetterKind(
    id="correction",
    label="补正告知书",
    title="政府信息公开申请补正告知书",
    addressee=Addressee.APPLICANT,
    actions=frozenset({Action.REQUEST_CORRECTION}),
    facts=frozenset({Facts.CORRECTION}),
    articles=(ARTICLE_30,),
    required=frozenset({"补正事项", "补正期限"}),
)
EXTENSION = LetterKind(
    id="extension",
    label="延期答复告知书",
    title="政府信息公开申请延期答复告知书",
    addressee=Addressee.APPLICANT,
    actions=frozenset({Action.EXTEND}),
    facts=frozenset({Facts.EXTENSION}),
    articles=(ARTICLE_33_1,),
    required=frozenset({"延长天数", "答复期限"}),
)


def _consultation(party: ConsultationParty, article: Article, title: str) -> LetterKind:
    """A letter asking the party consulted for its opinion within 15 working days."""
    return LetterKind(
        id=f"consultation.{party.value}",
        label=party.label.replace("（", "函（", 1),  # 征求第三方意见函（第三十二条）
        title=title,
        addressee=Addressee.CONSULTED,
        actions=frozenset({Action.START_CONSULTATION}),
        facts=frozenset({Facts.CONSULTATION}),
        articles=(article,),
        party=party,
        inputs=(PARTY_INPUT,),
        required=frozenset({"所需信息", "意见期限"}),
    )


THIRD_PARTY_CONSULTATION = _consultation(
    ConsultationParty.THIRD_PARTY, ARTICLE_32, "政府信息公开征求第三方意见函"
)
AGENCY_CONSULTATION = _consultation(ConsultationParty.CO_AGENCY, ARTICLE_34, "政府信息公开征求意见函")
FEE = LetterKind(
    id="fee",
    label="信息处理费收费通知书",
    title="信息处理费收费通知书",
    addressee=Addressee.APPLICANT,
    actions=frozenset({Action.REQUEST_FEE}),
    facts=frozenset({Facts.FEE}),
    basis=Basis.FEE,
    required=frozenset({"收费标准", "收费金额", "缴费方式", "缴费期限"}),
)
# 第三十二条: disclosure over a third party's objection, told to the third party in writing.
THIRD_PARTY_OVERRIDE = LetterKind(
    id="notice.third_party_override",
    label="公开决定告知书（告知第三方，第三十二条）",
    title="政府信息公开决定告知书",
    addressee=Addressee.CONSULTED,
    actions=frozenset({Action.DECIDE}),
    facts=frozenset({Facts.CONSULTATION, Facts.DECISION}),
    articles=(ARTICLE_32,),
    inputs=(PARTY_INPUT,),
    remedy=RemedyRoute.REVIEW_OR_LITIGATION,
    required=frozenset({"所需信息", "理由"}),
)
OVERRIDE_OUTCOMES = frozenset({Outcome("granted"), Outcome("partially_granted")})

KINDS: tuple[LetterKind, ...] = (
    CORRECTION,
    EXTENSION,
    THIRD_PARTY_CONSULTATION,
    AGENCY_CONSULTATION,
    FEE,
    *_replies(),
    THIRD_PARTY_OVERRIDE,
)
_BY_ID: Mapping[str, LetterKind] = {kind.id: kind for kind in KINDS}


def letter_kind(kind_id: str) -> LetterKind:
    """The kind with ``kind_id``; LetterError naming the known ids otherwise."""
    try:
        return _BY_ID[kind_id]
    except KeyError:
        raise LetterError(
            f"“{kind_id}”不是告知书种类，应为：{'、'.join(_BY_ID)}", code="letter_kind_unknown"
        ) from None


def reply_kinds(outcome: Outcome) -> tuple[LetterKind, ...]:
    """The reply letters a decision with ``outcome`` may be told in (the third-party notice aside)."""
    return tuple(kind for kind in KINDS if kind.outcome == outcome)


def letter_kinds_for(
    action: Action,
    *,
    decision: Decision | None = None,
    party: ConsultationParty | None = None,
    consulted_third_party: bool = False,
) -> tuple[LetterKind, ...]:
    """The letters that tell what an event did, the likeliest first; empty for a step told to no one.

    ``decision`` is the decision of a DECIDE event, ``party`` whom a START_CONSULTATION consults,
    ``consulted_third_party`` whether the case consulted a third party (then a decision to disclose
    offers the 第三十二条 notice to it as well). For a decision, the reply whose article the
    decision cites comes first: 第三十六条第（一）项 alone gives 已主动公开 before 予以公开.
    """
    match action:
        case Action.REQUEST_CORRECTION:
            return (CORRECTION,)
        case Action.EXTEND:
            return (EXTENSION,)
        case Action.REQUEST_FEE:
            return (FEE,)
        case Action.START_CONSULTATION:
            if party is None:
                raise LetterError("征求意见须说明征求谁的意见", code="letter_party_missing")
            return (
                THIRD_PARTY_CONSULTATION if party is ConsultationParty.THIRD_PARTY else AGENCY_CONSULTATION,
            )
        case Action.CORRECTION_LAPSED | Action.PAYMENT_LAPSED | Action.WITHDRAW:
            return tuple(kind for kind in KINDS if kind.outcome is not None and action in kind.actions)
        case Action.DECIDE:
            if decision is None:
                raise LetterError("作出答复须有答复内容", code="letter_decision_missing")
            cited = set(decision.articles)
            replies = sorted(
                (kind for kind in reply_kinds(decision.outcome) if Action.DECIDE in kind.actions),
                key=lambda kind: bool(kind.excluded_articles & cited),
            )
            if consulted_third_party and decision.outcome in OVERRIDE_OUTCOMES:
                replies.append(THIRD_PARTY_OVERRIDE)
            return tuple(replies)
        case Action.RECEIVE_CORRECTION | Action.ACCEPT | Action.END_CONSULTATION | Action.RECEIVE_PAYMENT:
            return ()
    raise AssertionError(action)


def letter_kind_for(
    action: Action,
    *,
    decision: Decision | None = None,
    party: ConsultationParty | None = None,
) -> LetterKind | None:
    """The one letter an event most likely calls for; None for a step told to no one (受理 …)."""
    kinds = letter_kinds_for(action, decision=decision, party=party)
    return kinds[0] if kinds else None
