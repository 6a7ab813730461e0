"""A draft of last year's report for the demo body: the narrative with figures as tokens, so the
builder opens on a report whose tables come from the demo cases and registers."""

from __future__ import annotations

import datetime as dt

from gongkai_web.accounts.models import User
from gongkai_web.bodies.models import Body
from gongkai_web.reports.models import ReportDraft
from gongkai_web.reports.services import save_draft

OVERVIEW = (
    "{year}年，{body}深入贯彻《中华人民共和国政府信息公开条例》，坚持以公开为常态、不公开为例外，"
    "围绕主动公开、依申请公开、政府信息管理、平台建设和监督保障五个方面推进政务公开工作。\n"
    "依申请公开方面，全年新收政府信息公开申请{{{{applications.new_received.total}}}}件，"
    "上年结转{{{{applications.carried_over.total}}}}件，均在法定期限内办理。"
    "政府信息管理方面，严格执行信息发布三审制度，做到上网信息不涉密、涉密信息不上网。"
)
PROBLEMS = (
    "存在的问题：部分答复文书说理不够充分，主动公开内容更新不够及时。\n"
    "改进措施：制定答复文书范本并组织承办人员培训；建立主动公开栏目更新提醒机制。"
)
OTHER = (
    "本年度发出信息处理费收费通知{{fees.notices}}件，实际收取信息处理费{{fees.collected_yuan}}元。"
    "办理人大代表建议{{proposals.npc.assigned}}件、政协委员提案{{proposals.cppcc.assigned}}件，"
    "办复率{{proposals.reply_rate}}%。"
)


def load_report_draft(*, body: Body, actor: User, today: dt.date) -> ReportDraft:
    """Draft last year's report of ``body`` (as ``actor``, who drafts it)."""
    year = today.year - 1
    texts = {"一": OVERVIEW.format(year=year, body=body.name), "五": PROBLEMS, "六": OTHER}
    return save_draft(body=body, year=year, actor=actor, texts=texts, grid={})
