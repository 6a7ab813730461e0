"""建议提案 for the demo body: last year's, all handled (as 零陵区民政局 reports its 4 建议 and
5 提案), four of their replies published through the 保密审查 and one waiting for it, and a few of
this season still open, one with a co-handling opinion awaited.

Dates are relative to ``today``; everything goes through the services.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from gongkai.proposals import ProposalKind, Satisfaction, lead_due
from gongkai_web.accounts.models import User
from gongkai_web.bodies.models import Body, Department, Membership, Role
from gongkai_web.proposals.models import Proposal
from gongkai_web.proposals.services import (
    ProposalFields,
    publish_reply,
    record_co_opinion,
    record_feedback,
    record_reply,
    register_proposal,
    request_reply_publication,
)

NPC, CPPCC = ProposalKind.NPC, ProposalKind.CPPCC
S, B, D = Satisfaction.SATISFIED, Satisfaction.BASICALLY_SATISFIED, Satisfaction.DISSATISFIED

# (kind, number, title, proposer, lead, co-handling, days to reply after assignment, class, feedback)
LAST_YEAR: tuple[tuple[ProposalKind, str, str, str, str, tuple[str, ...], int, str, Satisfaction], ...] = (
    (NPC, "12", "关于加快城区学校扩容建设的建议", "李明等5名代表", "教育科", ("自然资源科",), 62, "B", S),
    (NPC, "27", "关于规范农村宅基地审批公开的建议", "王红代表", "自然资源科", (), 45, "A", S),
    (NPC, "35", "关于公开义务教育阶段招生划片依据的建议", "陈刚代表", "教育科", (), 30, "A", S),
    (NPC, "41", "关于完善政务公开专栏更新机制的建议", "赵丽等3名代表", "综合科", ("教育科",), 88, "A", B),
    (CPPCC, "8", "关于推进乡村学校少年宫建设的提案", "民进演示县基层委员会", "教育科", (), 55, "B", S),
    (CPPCC, "19", "关于加强耕地保护信息公开的提案", "孙伟委员", "自然资源科", (), 70, "A", S),
    (CPPCC, "23", "关于优化校车接送路线的提案", "周敏委员", "教育科", ("综合科",), 96, "C", B),
    (CPPCC, "30", "关于公开城区停车场规划布局的提案", "吴强委员", "自然资源科", (), 60, "B", D),
    (CPPCC, "44", "关于提升政府网站适老化水平的提案", "郑芳委员", "综合科", (), 40, "A", S),
)

# Last year's replies submitted for publication; the reviewer publishes all but the last.
SUBMITTED: tuple[tuple[ProposalKind, str], ...] = (
    (NPC, "27"),
    (NPC, "35"),
    (CPPCC, "19"),
    (CPPCC, "44"),
    (NPC, "41"),
)
PUBLISHED = SUBMITTED[:-1]

# This season's: (kind, number, title, proposer, lead, co-handling, days before today assigned)
THIS_SEASON: tuple[tuple[ProposalKind, str, str, str, str, tuple[str, ...], int], ...] = (
    (NPC, "6", "关于增加城区公办幼儿园学位的建议", "刘洋代表", "教育科", ("自然资源科",), 20),
    (CPPCC, "15", "关于公开土地征收补偿标准的提案", "何静委员", "自然资源科", (), 40),
)


def _sessions(year: int) -> Mapping[ProposalKind, str]:
    """The demo county's sessions: the 十届 congress and CPPCC met first in 2022."""
    number = "一二三四五六七八九十"[(year - 2022) % 10]
    return {NPC: f"十届人大{number}次会议", CPPCC: f"十届政协{number}次会议"}


def load_proposals(
    *, body: Body, departments: Mapping[str, Department], actor: User, today: dt.date
) -> list[Proposal]:
    """Register, answer and record feedback on the demo proposals of ``body`` (as ``actor``, a keeper)."""
    made = []
    last_year = today.year - 1
    assigned_on = dt.date(last_year, 3, 20)
    for kind, number, title, proposer, lead, co, days, outcome, satisfaction in LAST_YEAR:
        proposal = _register(body, departments, actor, kind, number, title, proposer, lead, co, assigned_on)
        for co_handling in proposal.co_handlings.all():
            opinion = f"{co_handling.department.name}同意主办单位的办理意见，并配合落实。"
            record_co_opinion(
                co_handling=co_handling, opinion=opinion, opinion_on=co_handling.due_on, actor=actor
            )
        replied_on = assigned_on + dt.timedelta(days=days)
        reply = record_reply(
            proposal=proposal, text=f"{proposer}：\n您提出的《{title}》收悉。经认真研究，现答复如下……",
            replied_on=replied_on, outcome=outcome, actor=actor,
        )  # fmt: skip
        if (kind, number) in SUBMITTED:
            request_reply_publication(reply=reply, actor=actor)
        if (kind, number) in PUBLISHED:
            publish_reply(reply=reply, actor=_reviewer(body))
        record_feedback(
            proposal=proposal, satisfaction=satisfaction, received_on=replied_on + dt.timedelta(days=10),
            note="", actor=actor,
        )  # fmt: skip
        made.append(proposal)
    for kind, number, title, proposer, lead, co, days_before in THIS_SEASON:
        assigned = today - dt.timedelta(days=days_before)
        made.append(_register(body, departments, actor, kind, number, title, proposer, lead, co, assigned))
    return made


def _register(
    body: Body, departments: Mapping[str, Department], actor: User, kind: ProposalKind, number: str,
    title: str, proposer: str, lead: str, co: tuple[str, ...], assigned_on: dt.date,
) -> Proposal:  # fmt: skip
    fields = ProposalFields(
        kind=kind, session=_sessions(assigned_on.year)[kind], number=number, title=title, proposer=proposer,
        assigned_on=assigned_on, due_on=lead_due(assigned_on), lead_department=departments[lead],
        co_departments=tuple(departments[name] for name in co),
    )  # fmt: skip
    return register_proposal(body=body, fields=fields, actor=actor)


def _reviewer(body: Body) -> User:
    """The body's first reviewer (审核人员), who signs the 保密审查 of the published replies."""
    membership = Membership.objects.filter(body=body, role=Role.REVIEWER).select_related("user").first()
    assert membership is not None, f"{body.name} has no reviewer"
    return membership.user
