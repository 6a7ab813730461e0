"""What an application ends in, and who made it: the vocabulary of section 三 of the report.

Outcomes are the result rows of section 三 of the 2021 national format and applicant types
are its applicant columns; both are read from `gongkai.formats.national`, never retyped. An
id is the canonical row or column id of the report JSON, so the web app stores it as is.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from gongkai.errors import GongkaiError
from gongkai.formats import Article, ColumnSpec, RowSpec
from gongkai.formats.national import APPLICANT_COLUMNS, FORMAT_2021, NOT_PROCESSED, UNAVAILABLE, WITHHELD

APPLICATIONS = FORMAT_2021.applications

# Canonical ids (spec/report-json.md) the case rules name.
GRANTED = "granted"
PARTIALLY_GRANTED = "partially_granted"
TOTAL = "total"

# 条例 第三十六条 and 第三十七条: a reply that refuses, cannot provide, will not process, or
# severs must state its reasons (spec §4.6).
_GROUPS_NEEDING_REASONS = frozenset(group.id for group in (WITHHELD, UNAVAILABLE, NOT_PROCESSED))


class CaseError(GongkaiError):
    """Base of the errors the case core raises."""

    code = "case_error"


class DecisionError(CaseError):
    """A decision the law or the case's history does not allow."""

    code = "invalid_decision"


class RecordError(CaseError):
    """An application record that cannot be counted."""

    code = "invalid_record"


_OUTCOME_ROWS: dict[str, RowSpec] = {row.id: row for row in APPLICATIONS.outcome_rows}
_APPLICANT_COLUMNS: dict[str, ColumnSpec] = {
    column.id: column for column in APPLICANT_COLUMNS if column.id != TOTAL
}


@dataclass(frozen=True, slots=True)
class Outcome:
    """One result row of section 三 (2021 format): ``Outcome("withheld.third_party_rights")``."""

    id: str

    def __post_init__(self) -> None:
        if self.id not in _OUTCOME_ROWS:
            raise DecisionError(
                f"“{self.id}”不是年度报告第三项的办理结果，应为：{'、'.join(_OUTCOME_ROWS)}",
                code="unknown_outcome",
            )

    @property
    def row(self) -> RowSpec:
        return _OUTCOME_ROWS[self.id]

    @property
    def label(self) -> str:
        """As a clerk names it, e.g. ``（三）不予公开 4.保护第三方合法权益``."""
        return self.row.title

    @property
    def articles(self) -> tuple[Article, ...]:
        """The provisions the outcome stands for (spec §1.3); empty for practice-only rows."""
        return self.row.articles

    @property
    def requires_reasons(self) -> bool:
        """True for 部分公开 and every 不予公开, 无法提供 and 不予处理 row (条例 第三十六、三十七条)."""
        group = self.row.group
        return self.id == PARTIALLY_GRANTED or (group is not None and group.id in _GROUPS_NEEDING_REASONS)


OUTCOMES: tuple[Outcome, ...] = tuple(Outcome(row_id) for row_id in _OUTCOME_ROWS)

# Closing a case without a reply on the merits (spec §3 counting conventions).
NO_CORRECTION = Outcome("other.no_correction")  # 逾期不补正, 条例 第三十条
UNPAID_FEE = Outcome("other.unpaid_fee")  # 逾期未缴费, 国办函〔2020〕109号
OTHER = Outcome("other.other")  # e.g. 撤回


@dataclass(frozen=True, slots=True)
class ApplicantType:
    """One applicant column of section 三 except 总计: ``ApplicantType("research")``."""

    id: str

    def __post_init__(self) -> None:
        if self.id not in _APPLICANT_COLUMNS:
            raise RecordError(
                f"“{self.id}”不是申请人类型，应为：{'、'.join(_APPLICANT_COLUMNS)}",
                code="unknown_applicant_type",
            )

    @property
    def column(self) -> ColumnSpec:
        return _APPLICANT_COLUMNS[self.id]

    @property
    def label(self) -> str:
        """The column label, e.g. ``商业企业``."""
        return self.column.title

    @property
    def group(self) -> str | None:
        """``法人或其他组织`` for the five organisation types, None for 自然人."""
        return self.column.parent

    @property
    def title(self) -> str:
        """The label with its group, e.g. ``法人或其他组织·商业企业``."""
        return self.label if self.group is None else f"{self.group}·{self.label}"


APPLICANT_TYPES: tuple[ApplicantType, ...] = tuple(
    ApplicantType(column_id) for column_id in _APPLICANT_COLUMNS
)


def cite(articles: Iterable[Article]) -> str:
    """Articles as a reply letter cites them, e.g. ``条例第十五条、条例第三十二条``."""
    return "、".join(f"{article.instrument}{article.text}" for article in articles)


@dataclass(frozen=True, slots=True)
class Decision:
    """How an application ended: exactly one outcome, the date, the reasons and the legal basis.

    ``articles`` defaults to the outcome's articles from the taxonomy. When given, it must
    cite at least one of them (the basis of the outcome) and may cite more, e.g. a 部分公开
    reply citing 第三十七条 and the 第十五条 that withholds the severed part. Reasons are
    required where 条例 第三十六条、第三十七条 require them (`Outcome.requires_reasons`).
    One application has one decision: severance counts once, as 部分公开 (`outcome_of_items`).
    """

    outcome: Outcome
    decided_on: date
    reasons: str = ""
    articles: tuple[Article, ...] = field(default=())

    def __post_init__(self) -> None:
        outcome = self.outcome
        if outcome.requires_reasons and not self.reasons.strip():
            raise DecisionError(
                f"“{outcome.label}”的答复必须说明理由（条例第三十六条、第三十七条），实际未填写理由",
                code="reasons_required",
            )
        if not self.articles:
            object.__setattr__(self, "articles", outcome.articles)
        elif outcome.articles and not set(self.articles) & set(outcome.articles):
            raise DecisionError(
                f"“{outcome.label}”的法律依据应包含{cite(outcome.articles)}之一，实际为{cite(self.articles)}",
                code="article_mismatch",
            )


def outcome_of_items(outcomes: Iterable[Outcome]) -> Outcome:
    """The one outcome of an application whose items were handled differently.

    The report counts an application once (spec C5): anything disclosed beside something not
    disclosed is 部分公开 — "区分处理的，只计这一情形" — and so is any item already
    部分公开. Items that all end alike give that outcome. Items that disclose nothing and end
    differently (e.g. one 不存在, one 国家秘密) have no rule in the format: the officer must
    choose, so this raises rather than guess.
    """
    distinct = set(outcomes)
    if not distinct:
        raise DecisionError("没有任何申请事项的办理结果", code="no_items")
    if len(distinct) == 1:
        return distinct.pop()
    partial = Outcome(PARTIALLY_GRANTED)
    if partial in distinct or Outcome(GRANTED) in distinct:
        return partial
    labels = "、".join(outcome.label for outcome in OUTCOMES if outcome in distinct)
    raise DecisionError(
        f"各申请事项的办理结果不同且均未公开（{labels}），请选定一项作为该申请的办理结果",
        code="ambiguous_items",
    )
