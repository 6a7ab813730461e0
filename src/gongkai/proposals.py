"""建议提案办理: 人大代表建议 and 政协委员提案 a body is assigned to handle, and their figures.

A people's congress deputy's suggestion (建议, 《代表法》第十八条) or a CPPCC member's proposal
(提案) is assigned (交办) to a government body, which handles it through one lead department
(主办) and possibly co-handling departments (协办); the co-handlers send their opinion to the
lead department, which replies to the deputy or member, classes the result, and receives their
satisfaction feedback. The annual disclosure report counts them in section 六 (零陵区民政局:
"办理人大代表建议4件、政协委员提案5件，办复率100%").

The wording of the result classes is not national: each 人大常委会 and 政协 sets it in its own
办理办法, with three classes (A/B/C, sometimes 甲/乙/丙) or four (a D class for "留作参考").
`REPLY_OUTCOMES` holds the common three-class wording as named data; a body whose rules differ
changes that tuple, nothing else. The limits (`LEAD_MONTHS`, `CO_MONTHS`) are likewise the
common ones (reply within three months of assignment; co-handling opinion within one month),
set by the local rules rather than by a national statute, so due dates are stored per proposal
and only proposed by `lead_due` and `co_due`.

Figures (`handling_figures`), per kind and in total, for the proposals assigned in a period and
the replies made by ``as_of``:

- 办复率 = replied / assigned;
- 按期办复率 = replied on or before the due date / proposals due by ``as_of`` or already replied
  (a proposal not yet due and not yet replied is neither on time nor late);
- 满意率 = (满意 + 基本满意) / replies with feedback.

Rates are exact fractions; `gongkai.rates.percent` prints one as a percentage rounded half-up to one decimal.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from fractions import Fraction

from gongkai.errors import GongkaiError

LEAD_MONTHS = 3  # reply within three months of assignment (the common local rule)
CO_MONTHS = 1  # co-handling opinion to the lead department within one month (the common local rule)


class ProposalError(GongkaiError):
    """A proposal record the rules refuse (dates out of order, an unknown class, ...)."""

    code = "proposal_invalid"


class ProposalKind(StrEnum):
    NPC = "npc"
    CPPCC = "cppcc"

    @property
    def label(self) -> str:
        return _KIND_LABELS[self][0]

    @property
    def short(self) -> str:
        """The one-character name offices use: 建议, 提案."""
        return _KIND_LABELS[self][1]

    @property
    def proposer(self) -> str:
        """What the person who made it is called: 代表, 委员."""
        return _KIND_LABELS[self][2]


_KIND_LABELS: Mapping[ProposalKind, tuple[str, str, str]] = {
    ProposalKind.NPC: ("人大代表建议", "建议", "代表"),
    ProposalKind.CPPCC: ("政协委员提案", "提案", "委员"),
}


class HandlingRole(StrEnum):
    LEAD = "lead"
    CO = "co"

    @property
    def label(self) -> str:
        return {HandlingRole.LEAD: "主办", HandlingRole.CO: "协办"}[self]


@dataclass(frozen=True, slots=True)
class OutcomeClass:
    """One class of reply result as the handling rules word it."""

    code: str
    label: str

    @property
    def display(self) -> str:
        return f"{self.code}类：{self.label}"


# The common three-class wording of local 代表建议/政协提案 办理办法 (see the module docstring).
REPLY_OUTCOMES: tuple[OutcomeClass, ...] = (
    OutcomeClass("A", "所提问题已经解决或基本解决"),
    OutcomeClass("B", "所提问题正在解决或列入计划逐步解决"),
    OutcomeClass("C", "所提问题因条件限制或其他原因暂时不能解决"),
)


def outcome_class(code: str) -> OutcomeClass:
    """The class whose code is ``code`` (A, B, C…); `ProposalError` for any other."""
    for outcome in REPLY_OUTCOMES:
        if outcome.code == code:
            return outcome
    known = "、".join(outcome.code for outcome in REPLY_OUTCOMES)
    raise ProposalError(f"办理结果类别应为{known}之一，实为“{code}”", code="outcome_unknown")


class Satisfaction(StrEnum):
    SATISFIED = "satisfied"
    BASICALLY_SATISFIED = "basically_satisfied"
    DISSATISFIED = "dissatisfied"

    @property
    def label(self) -> str:
        return {
            Satisfaction.SATISFIED: "满意",
            Satisfaction.BASICALLY_SATISFIED: "基本满意",
            Satisfaction.DISSATISFIED: "不满意",
        }[self]


def months_after(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` calendar months later, or that month's last day if it is shorter
    (31 January + 1 month = 28 or 29 February)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def lead_due(assigned_on: dt.date) -> dt.date:
    """The usual reply due date of a proposal assigned on ``assigned_on``."""
    return months_after(assigned_on, LEAD_MONTHS)


def co_due(assigned_on: dt.date) -> dt.date:
    """The usual due date of a co-handling department's opinion."""
    return months_after(assigned_on, CO_MONTHS)


def check_dates(*, assigned_on: dt.date, due_on: dt.date, replied_on: dt.date | None = None) -> None:
    """`ProposalError` unless the due date and the reply come on or after the assignment."""
    if due_on < assigned_on:
        raise ProposalError(f"办理期限 {due_on} 早于交办日期 {assigned_on}", code="due_before_assigned")
    if replied_on is not None and replied_on < assigned_on:
        raise ProposalError(f"答复日期 {replied_on} 早于交办日期 {assigned_on}", code="reply_before_assigned")


class HandlingStatus(StrEnum):
    """Where a proposal stands on a day, derived from its due date and reply (never stored)."""

    OPEN = "open"
    OVERDUE = "overdue"
    REPLIED = "replied"
    REPLIED_LATE = "replied_late"

    @property
    def label(self) -> str:
        return {
            HandlingStatus.OPEN: "办理中",
            HandlingStatus.OVERDUE: "已逾期未答复",
            HandlingStatus.REPLIED: "已按期答复",
            HandlingStatus.REPLIED_LATE: "逾期答复",
        }[self]


def handling_status(*, due_on: dt.date, replied_on: dt.date | None, today: dt.date) -> HandlingStatus:
    """``today``'s status of a proposal due on ``due_on`` and replied on ``replied_on`` (if at all)."""
    if replied_on is not None and replied_on <= today:
        return HandlingStatus.REPLIED if replied_on <= due_on else HandlingStatus.REPLIED_LATE
    return HandlingStatus.OVERDUE if today > due_on else HandlingStatus.OPEN


@dataclass(frozen=True, slots=True)
class HandledProposal:
    """What the figures need of one proposal."""

    kind: ProposalKind
    assigned_on: dt.date
    due_on: dt.date
    replied_on: dt.date | None = None
    satisfaction: Satisfaction | None = None  # the latest feedback on the reply


@dataclass(frozen=True, slots=True)
class KindFigures:
    assigned: int = 0
    replied: int = 0
    due: int = 0  # due by the day of the figures, or already replied
    on_time: int = 0  # replied on or before the due date
    feedback: Mapping[Satisfaction, int] = field(default_factory=dict)

    @property
    def reply_rate(self) -> Fraction | None:
        """办复率; None when nothing was assigned."""
        return Fraction(self.replied, self.assigned) if self.assigned else None

    @property
    def on_time_rate(self) -> Fraction | None:
        """按期办复率; None when nothing is due yet."""
        return Fraction(self.on_time, self.due) if self.due else None

    @property
    def satisfaction_rate(self) -> Fraction | None:
        """满意率 (满意 and 基本满意 of the feedback received); None without feedback."""
        total = sum(self.feedback.values())
        content = self.feedback.get(Satisfaction.SATISFIED, 0) + self.feedback.get(
            Satisfaction.BASICALLY_SATISFIED, 0
        )
        return Fraction(content, total) if total else None

    def count(self, satisfaction: Satisfaction) -> int:
        return self.feedback.get(satisfaction, 0)


@dataclass(frozen=True, slots=True)
class HandlingFigures:
    by_kind: Mapping[ProposalKind, KindFigures]
    total: KindFigures

    def __getitem__(self, kind: ProposalKind) -> KindFigures:
        return self.by_kind[kind]


def handling_figures(proposals: Iterable[HandledProposal], *, as_of: dt.date) -> HandlingFigures:
    """The figures of ``proposals`` (those assigned in the period asked about) as they stand on
    ``as_of``: a reply dated later is not yet made, and neither is its feedback."""
    tallies: dict[ProposalKind | None, list[int]] = {kind: [0, 0, 0, 0] for kind in (*ProposalKind, None)}
    feedback: dict[ProposalKind | None, dict[Satisfaction, int]] = {
        kind: {} for kind in (*ProposalKind, None)
    }
    for proposal in proposals:
        replied = proposal.replied_on is not None and proposal.replied_on <= as_of
        due = replied or proposal.due_on <= as_of
        on_time = replied and proposal.replied_on is not None and proposal.replied_on <= proposal.due_on
        for key in (proposal.kind, None):
            tally = tallies[key]
            tally[0] += 1
            tally[1] += replied
            tally[2] += due
            tally[3] += on_time
            if replied and proposal.satisfaction is not None:
                feedback[key][proposal.satisfaction] = feedback[key].get(proposal.satisfaction, 0) + 1

    def figures(key: ProposalKind | None) -> KindFigures:
        assigned, replied, due, on_time = tallies[key]
        return KindFigures(assigned, replied, due, on_time, feedback[key])

    return HandlingFigures({kind: figures(kind) for kind in ProposalKind}, figures(None))
