"""The proactive-disclosure catalogue (主动公开目录): categories, the 三审 review, the 第二十六条 limit.

Categories are defined once, here. The fifteen items of 条例 第二十条 are worded as the article
words them; the columns (栏目) offices publish under (工作动态, 通知公告, 部门预算 …) each name the
第二十条 item they belong to, if any, so the catalogue can be browsed by item and by column alike.

The review is a state machine: a draft is submitted to 初审, approved on to 复审 and 终审, and
published when 终审 approves; any review step may return it to its author with a reason. A
published item may be withdrawn (撤回) with a reason. Each step of one round is taken by a different
person, never the author (`check_reviewer`).

A published item is never edited in place (a silent edit would be a change the public cannot
see): a change (变更) is a new revision of it, a draft of its own that passes the same 三审; while
it is reviewed the public sees the published revision, and its publication supersedes that one,
which stays readable as an earlier revision (`Stage.SUPERSEDED`).

条例 第二十六条: information within the scope of proactive disclosure is published within 20 working
days of its creation or change (`publication_due`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import Enum, StrEnum

from gongkai.errors import GongkaiError
from gongkai.workdays import Deadline, WorkCalendar

PUBLICATION_LIMIT = 20  # working days from creation or change, 条例 第二十六条

_NUMERALS = "一二三四五六七八九十"


def item_numeral(number: int) -> str:
    """The Chinese numeral of a 第二十条 item: 1 → 一, 11 → 十一, 15 → 十五."""
    if not 1 <= number <= 19:
        raise ValueError(f"第二十条 has items 1–15, got {number}")
    if number <= 10:
        return _NUMERALS[number - 1]
    return "十" + _NUMERALS[number - 11]


@dataclass(frozen=True, slots=True)
class ArticleItem:
    """One item of 条例 第二十条, as the article words it."""

    number: int
    text: str

    @property
    def citation(self) -> str:
        return f"第二十条第（{item_numeral(self.number)}）项"

    @property
    def heading(self) -> str:
        return f"（{item_numeral(self.number)}）{self.text}"


# 条例 第二十条: 行政机关应当依照本条例第十九条的规定，主动公开本行政机关的下列政府信息.
# The spec quotes only （一） verbatim and paraphrases （五）（六）（八）（九） (§4.7, [S23]). The wording
# here is the official text's (国务院令第711号) as recalled, checked item by item against a published
# reproduction of the list (items （四）–（十四） agree character for character); 第二十一条's items
# for people's governments (市政建设、公共服务…) are not 第二十条's and are not listed.
ARTICLE_20: tuple[ArticleItem, ...] = (
    ArticleItem(1, "行政法规、规章和规范性文件"),
    ArticleItem(2, "机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名"),
    ArticleItem(3, "国民经济和社会发展规划、专项规划、区域规划及相关政策"),
    ArticleItem(4, "国民经济和社会发展统计信息"),
    ArticleItem(5, "办理行政许可和其他对外管理服务事项的依据、条件、程序以及办理结果"),
    ArticleItem(
        6, "实施行政处罚、行政强制的依据、条件、程序以及本行政机关认为具有一定社会影响的行政处罚决定"
    ),
    ArticleItem(7, "财政预算、决算信息"),
    ArticleItem(8, "行政事业性收费项目及其依据、标准"),
    ArticleItem(9, "政府集中采购项目的目录、标准及实施情况"),
    ArticleItem(10, "重大建设项目的批准和实施情况"),
    ArticleItem(11, "扶贫、教育、医疗、社会保障、促进就业等方面的政策、措施及其实施情况"),
    ArticleItem(12, "突发公共事件的应急预案、预警信息及应对情况"),
    ArticleItem(13, "环境保护、公共卫生、安全生产、食品药品、产品质量的监督检查情况"),
    ArticleItem(14, "公务员招考的职位、名额、报考条件等事项以及录用结果"),
    ArticleItem(15, "法律、法规、规章和国家有关规定规定应当主动公开的其他政府信息"),
)
ARTICLE_ITEMS: Mapping[int, ArticleItem] = {item.number: item for item in ARTICLE_20}


class CategoryKind(StrEnum):
    ARTICLE = "article"  # a 第二十条 item itself
    COLUMN = "column"  # a column (栏目) of the catalogue


@dataclass(frozen=True, slots=True)
class Category:
    """A category an item is filed under: a 第二十条 item, or a column naming the item it belongs to."""

    id: str
    label: str
    kind: CategoryKind
    article_item: int | None  # the 第二十条 item; None for a column outside 第二十条

    @property
    def item(self) -> ArticleItem | None:
        return ARTICLE_ITEMS[self.article_item] if self.article_item is not None else None


def _article(number: int) -> Category:
    item = ARTICLE_ITEMS[number]
    return Category(f"article20.{number}", item.heading, CategoryKind.ARTICLE, number)


def _column(slug: str, label: str, article_item: int | None) -> Category:
    return Category(f"column.{slug}", label, CategoryKind.COLUMN, article_item)


CATEGORIES: tuple[Category, ...] = (
    *(_article(item.number) for item in ARTICLE_20),
    _column("news", "工作动态", None),
    _column("notices", "通知公告", None),
    _column("personnel", "人事信息", None),
    _column("policy_interpretation", "政策解读", 1),
    _column("department_budget", "部门预算", 7),
    _column("department_final_accounts", "部门决算", 7),
    _column("licensing_results", "行政许可办理结果", 5),
    _column("penalty_decisions", "行政处罚决定", 6),
    _column("procurement", "政府采购", 9),
    _column("recruitment", "招考录用", 14),
    _column("proposals", "建议提案办理", None),
    _column("annual_reports", "政府信息公开工作年度报告", None),
)
CATEGORY_BY_ID: Mapping[str, Category] = {category.id: category for category in CATEGORIES}


class UnknownCategoryError(GongkaiError):
    def __init__(self, category_id: str) -> None:
        super().__init__(f"没有“{category_id}”这一目录类别", code="catalogue_category_unknown")


def category(category_id: str) -> Category:
    try:
        return CATEGORY_BY_ID[category_id]
    except KeyError:
        raise UnknownCategoryError(category_id) from None


def categories_of_item(number: int) -> tuple[Category, ...]:
    """Every category filed under 第二十条 item ``number``: the item itself and its columns."""
    return tuple(category for category in CATEGORIES if category.article_item == number)


class Stage(StrEnum):
    DRAFT = "draft"
    FIRST_REVIEW = "first_review"
    SECOND_REVIEW = "second_review"
    FINAL_REVIEW = "final_review"
    PUBLISHED = "published"
    SUPERSEDED = "superseded"  # an earlier revision of an item changed since (变更)
    WITHDRAWN = "withdrawn"

    @property
    def label(self) -> str:
        return STAGE_LABELS[self]

    @property
    def in_review(self) -> bool:
        return self in REVIEW_STAGES


STAGE_LABELS: Mapping[Stage, str] = {
    Stage.DRAFT: "草稿",
    Stage.FIRST_REVIEW: "待初审",
    Stage.SECOND_REVIEW: "待复审",
    Stage.FINAL_REVIEW: "待终审",
    Stage.PUBLISHED: "已发布",
    Stage.SUPERSEDED: "已被新版本替代",
    Stage.WITHDRAWN: "已撤回",
}
# The three reviews (三审) in order, each with its name.
REVIEW_STAGES: tuple[Stage, ...] = (Stage.FIRST_REVIEW, Stage.SECOND_REVIEW, Stage.FINAL_REVIEW)
REVIEW_NAMES: Mapping[Stage, str] = {
    Stage.FIRST_REVIEW: "初审",
    Stage.SECOND_REVIEW: "复审",
    Stage.FINAL_REVIEW: "终审",
}


class Step(Enum):
    SUBMIT = "submit"
    APPROVE = "approve"
    RETURN = "return"
    WITHDRAW = "withdraw"
    SUPERSEDE = "supersede"

    @property
    def label(self) -> str:
        return STEP_LABELS[self]

    @property
    def needs_reason(self) -> bool:
        return self in (Step.RETURN, Step.WITHDRAW)


STEP_LABELS: Mapping[Step, str] = {
    Step.SUBMIT: "提交审核",
    Step.APPROVE: "审核通过",
    Step.RETURN: "退回修改",
    Step.WITHDRAW: "撤回",
    Step.SUPERSEDE: "由新版本替代",
}

_TRANSITIONS: Mapping[tuple[Stage, Step], Stage] = {
    (Stage.DRAFT, Step.SUBMIT): Stage.FIRST_REVIEW,
    (Stage.FIRST_REVIEW, Step.APPROVE): Stage.SECOND_REVIEW,
    (Stage.SECOND_REVIEW, Step.APPROVE): Stage.FINAL_REVIEW,
    (Stage.FINAL_REVIEW, Step.APPROVE): Stage.PUBLISHED,
    (Stage.FIRST_REVIEW, Step.RETURN): Stage.DRAFT,
    (Stage.SECOND_REVIEW, Step.RETURN): Stage.DRAFT,
    (Stage.FINAL_REVIEW, Step.RETURN): Stage.DRAFT,
    (Stage.PUBLISHED, Step.WITHDRAW): Stage.WITHDRAWN,
    (Stage.PUBLISHED, Step.SUPERSEDE): Stage.SUPERSEDED,
}
# The stages the public sees an item in: the revision in force, or an earlier one of it.
PUBLIC_STAGES: tuple[Stage, ...] = (Stage.PUBLISHED, Stage.SUPERSEDED)


class ReviewError(GongkaiError):
    """A step the review does not allow: wrong stage, wrong person, or a missing reason."""


def next_stage(stage: Stage, step: Step) -> Stage:
    """The stage after ``step``; raises ReviewError (code ``catalogue_step_not_allowed``) if not allowed."""
    try:
        return _TRANSITIONS[(stage, step)]
    except KeyError:
        raise ReviewError(
            f"“{stage.label}”的信息不能{step.label}", code="catalogue_step_not_allowed"
        ) from None


def allowed_steps(stage: Stage) -> tuple[Step, ...]:
    return tuple(step for (at, step) in _TRANSITIONS if at == stage)


def check_reviewer(*, reviewer: int, author: int, earlier_reviewers: Iterable[int], stage: Stage) -> None:
    """Each review of one round by a different person, none of them the author (三审 by three people).

    ``earlier_reviewers`` are those who approved the earlier reviews of the current round.
    """
    name = REVIEW_NAMES[stage]
    if reviewer == author:
        raise ReviewError(f"不能{name}自己起草的信息", code="catalogue_own_item")
    if reviewer in set(earlier_reviewers):
        raise ReviewError(f"已参与本轮审核的人员不能再作{name}", code="catalogue_same_reviewer")


def publication_due(created_on: dt.date, calendar: WorkCalendar) -> Deadline:
    """The last day to publish an item created (or changed) on ``created_on`` (条例 第二十六条)."""
    return calendar.add_working_days(created_on, PUBLICATION_LIMIT)


def is_late(
    *, created_on: dt.date, published_on: dt.date | None, today: dt.date, calendar: WorkCalendar
) -> bool:
    """Whether the item missed 第二十六条: published after its due day, or unpublished past it."""
    due = publication_due(created_on, calendar).date
    return (published_on or today) > due
