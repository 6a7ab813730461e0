"""The 建议提案办理 figures a report's text may quote (section 六), as a `reports.facts` source.

Counted for the proposals assigned in the report's year, with the replies and feedback made by
31 December of that year, so the figures of a year's report do not move once the year is over.
A rate of a year with nothing to divide by is blank (the builder says the figure is missing).
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

from gongkai.annual.model import Number
from gongkai.proposals import KindFigures, ProposalKind
from gongkai.rates import percent
from gongkai_web.bodies.models import Body
from gongkai_web.proposals.queries import figures_for
from gongkai_web.reports.facts import FactSource

GROUP = "建议提案办理"


def _labels() -> dict[str, str]:
    labels: dict[str, str] = {}
    for kind in ProposalKind:
        labels[f"proposals.{kind.value}.assigned"] = f"本年交办{kind.label}件数"
        labels[f"proposals.{kind.value}.replied"] = f"已办复{kind.label}件数"
        labels[f"proposals.{kind.value}.reply_rate"] = f"{kind.label}办复率（%）"
    labels.update({
        "proposals.assigned": "本年交办建议提案合计件数",
        "proposals.replied": "已办复建议提案合计件数",
        "proposals.reply_rate": "建议提案办复率（%）",
        "proposals.on_time_rate": "建议提案按期办复率（%）",
        "proposals.satisfaction_rate": "代表委员满意率（%，含基本满意）",
    })  # fmt: skip
    return labels


LABELS = _labels()


def _rate(rate: Fraction | None) -> Number | None:
    return None if rate is None else percent(rate)


def _counts(prefix: str, figures: KindFigures) -> dict[str, Number | None]:
    return {
        f"{prefix}.assigned": figures.assigned,
        f"{prefix}.replied": figures.replied,
        f"{prefix}.reply_rate": _rate(figures.reply_rate),
    }


def proposal_facts(*, body: Body, year: int) -> dict[str, Number | None]:
    figures = figures_for(body=body, year=year, as_of=dt.date(year, 12, 31))
    values: dict[str, Number | None] = {}
    for kind in ProposalKind:
        values.update(_counts(f"proposals.{kind.value}", figures[kind]))
    values.update(_counts("proposals", figures.total))
    values["proposals.on_time_rate"] = _rate(figures.total.on_time_rate)
    values["proposals.satisfaction_rate"] = _rate(figures.total.satisfaction_rate)
    return values


SOURCE = FactSource("proposals", GROUP, LABELS, proposal_facts)
