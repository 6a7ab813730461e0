"""A 建议 assigned to the county on 2025-03-20: 教育股 leads, 办公室 co-handles."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai.proposals import ProposalKind
from gongkai_web.accounts.models import User
from gongkai_web.personas import Office
from gongkai_web.proposals.models import Proposal
from gongkai_web.proposals.services import ProposalFields, register_proposal

MARCH_20 = dt.date(2025, 3, 20)


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
