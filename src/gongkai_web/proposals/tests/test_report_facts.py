"""The proposals' figures as facts of the annual report: offered in 插入数据, substituted at render."""

from __future__ import annotations

import datetime as dt

from django.test import Client

from gongkai.annual.codes import Code
from gongkai.proposals import ProposalKind
from gongkai_web.accounts.models import User
from gongkai_web.personas import Office
from gongkai_web.proposals.models import Proposal
from gongkai_web.proposals.services import record_reply, register_proposal
from gongkai_web.proposals.tests.conftest import fields
from gongkai_web.reports.queries import compose
from gongkai_web.reports.services import save_draft
from gongkai_web.workcalendar.services import import_years_from_package

SECTION_SIX = (
    "本年度办理人大代表建议{{proposals.npc.assigned}}件、政协委员提案{{proposals.cppcc.assigned}}件，"
    "已办复{{proposals.replied}}件，办复率{{proposals.reply_rate}}%，按期办复率{{proposals.on_time_rate}}%。"
)


def _year_of_proposals(office: Office, alice: User, bob: User) -> list[Proposal]:
    made = [
        register_proposal(
            body=office.county, fields=fields(office, number=str(n), co_departments=()), actor=alice
        )
        for n in (1, 2)
    ]
    made += [
        register_proposal(
            body=office.county,
            fields=fields(
                office, kind=ProposalKind.CPPCC, session="十届政协三次会议", number=str(n), co_departments=()
            ),
            actor=alice,
        )
        for n in (7, 8, 9)
    ]
    for proposal, replied_on in zip(made[:4], (dt.date(2025, 6, 1), dt.date(2025, 6, 20), dt.date(2025, 5, 5), dt.date(2025, 7, 1)), strict=True):  # fmt: skip
        record_reply(proposal=proposal, text="答复", replied_on=replied_on, outcome="A", actor=bob)
    return made


def test_a_draft_quoting_the_proposals_renders_their_figures_and_follows_the_data(
    office: Office, alice: User, bob: User
) -> None:
    import_years_from_package(years=[2025, 2026])
    made = _year_of_proposals(office, alice, bob)
    save_draft(body=office.county, year=2025, actor=alice, texts={"六": SECTION_SIX}, grid={})
    composition = compose(body=office.county, year=2025)
    assert composition.report.section("六").text == (  # type: ignore[union-attr]
        "本年度办理人大代表建议2件、政协委员提案3件，已办复4件，办复率80.0%，按期办复率60.0%。"
    )
    assert not [f for f in composition.findings if f.code in (Code.TOKEN_UNKNOWN, Code.TOKEN_BLANK)]
    record_reply(proposal=made[4], text="答复", replied_on=dt.date(2025, 6, 2), outcome="B", actor=bob)
    assert compose(body=office.county, year=2025).report.section("六").text == (  # type: ignore[union-attr]
        "本年度办理人大代表建议2件、政协委员提案3件，已办复5件，办复率100.0%，按期办复率80.0%。"
    )


def test_a_misspelt_proposal_token_is_still_unknown(office: Office, alice: User) -> None:
    import_years_from_package(years=[2025, 2026])
    save_draft(
        body=office.county, year=2025, actor=alice, texts={"六": "办复率{{proposals.reply_rat}}%"}, grid={}
    )
    unknown = compose(body=office.county, year=2025).unknown_tokens
    assert [finding.actual for finding in unknown] == ["proposals.reply_rat"]


def test_the_builder_offers_the_proposal_figures_under_their_own_heading(
    client: Client, office: Office, alice: User
) -> None:
    import_years_from_package(years=[2025, 2026])
    client.force_login(alice)
    page = client.get(f"/office/reports/{office.county.pk}/2025/").content.decode()
    assert '<optgroup label="建议提案办理">' in page
    assert '<option value="{{proposals.npc.assigned}}">本年交办人大代表建议件数</option>' in page
    assert '<option value="{{proposals.reply_rate}}">建议提案办复率（%）</option>' in page
    assert '<option value="{{fees.notices}}">' in page
