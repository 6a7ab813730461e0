"""A 建议 assigned to the county on 2025-03-20: 教育股 leads, 办公室 co-handles; its reply."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai.proposals import ProposalKind
from gongkai_web.accounts.models import User
from gongkai_web.personas import Office
from gongkai_web.proposals.models import Proposal, Reply
from gongkai_web.proposals.services import (
    ProposalFields,
    record_reply,
    register_proposal,
    request_reply_publication,
)

MARCH_20 = dt.date(2025, 3, 20)
REPLIED_ON = dt.date(2025, 6, 12)
REPLY = (
    "李明等5名代表：\n您们提出的《关于加快城区学校扩容建设的建议》收悉。经研究，县教育局已将城区第三小学扩建"
    "列入2026年重点项目，新增学位900个，计划于2026年秋季学期投入使用。感谢您们对教育工作的关心和支持。"
)
IDENTITY = "11010519491231002X"  # GB 11643's own example: a valid check character


def fields(office: Office, **overrides: object) -> ProposalFields:
    values: dict[str, object] = {
        "kind": ProposalKind.NPC, "session": "十届人大三次会议", "number": "58",
        "title": "关于加快城区学校扩容建设的建议", "proposer": "李明等5名代表", "assigned_on": MARCH_20,
        "due_on": dt.date(2025, 6, 20), "lead_department": office.education,
        "co_departments": (office.general_office,),
    }  # fmt: skip
    values.update(overrides)
    return ProposalFields(**values)  # type: ignore[arg-type]


@pytest.fixture
def suggestion(office: Office, alice: User) -> Proposal:
    return register_proposal(body=office.county, fields=fields(office), actor=alice)


def requested(proposal: Proposal, handler: User, text: str = REPLY) -> Reply:
    """``proposal`` answered by ``handler`` (class B) and submitted for publication."""
    reply = record_reply(proposal=proposal, text=text, replied_on=REPLIED_ON, outcome="B", actor=handler)
    return request_reply_publication(reply=reply, actor=handler)
