"""The 网上留言 figures a report's text may quote (sections 一 and 六), as a `reports.facts` source.

Counted for the messages received in the report's year, as things stood on 31 December of that
year, so the figures of a year's report do not move once the year is over. Spam is in no figure.
The 按期答复率 of a year without an answer is blank (the builder says the figure is missing).
"""

from __future__ import annotations

import datetime as dt

from gongkai.annual.model import Number
from gongkai.messages import MessageKind
from gongkai_web.bodies.models import Body
from gongkai_web.messages.queries import year_figures
from gongkai_web.reports.facts import FactSource

GROUP = "网上留言"

LABELS = {
    "messages.received": "本年收到网上留言条数",
    **{f"messages.{kind.value}": f"其中{kind.label}条数" for kind in MessageKind},
    "messages.answered": "已答复网上留言条数",
    "messages.on_time_rate": "网上留言按期答复率（%）",
    "messages.converted": "转为政府信息公开申请办理的留言条数",
    "messages.petitions": "按信访事项转办的留言条数",
}


def message_facts(*, body: Body, year: int) -> dict[str, Number | None]:
    figures = year_figures(body, year, today=dt.date(year, 12, 31)).figures
    return {
        "messages.received": figures.received,
        **{f"messages.{kind.value}": figures.by_kind[kind] for kind in MessageKind},
        "messages.answered": figures.answered,
        "messages.on_time_rate": figures.answered_on_time_percent,
        "messages.converted": figures.converted,
        "messages.petitions": figures.petitions,
    }


SOURCE = FactSource("messages", GROUP, LABELS, message_facts)
