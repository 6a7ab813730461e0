"""建议提案办理结果 on the portal: the published replies by year and kind, each reply's page, nothing else."""

from __future__ import annotations

import datetime as dt

from django.test import Client

from gongkai.proposals import ProposalKind
from gongkai_web.accounts.models import User
from gongkai_web.personas import Office
from gongkai_web.proposals import services
from gongkai_web.proposals.models import Proposal, Reply
from gongkai_web.proposals.tests.conftest import REPLY, fields, requested


def published(proposal: Proposal, bob: User, carol: User, text: str = REPLY) -> Reply:
    reply = requested(proposal, bob, text)
    assert services.publish_reply(reply=reply, actor=carol).approved
    return reply


def register(office: Office, alice: User, **overrides: object) -> Proposal:
    return services.register_proposal(body=office.county, fields=fields(office, **overrides), actor=alice)


def test_the_published_replies_are_listed_by_year_and_kind(
    client: Client, office: Office, suggestion: Proposal, alice: User, bob: User, carol: User
) -> None:
    published(suggestion, bob, carol)
    motion = register(
        office, alice, kind=ProposalKind.CPPCC, session="十届政协三次会议", number="19",
        title="关于加强耕地保护信息公开的提案", proposer="孙伟委员", co_departments=(),
    )  # fmt: skip
    published(motion, bob, carol, text="孙伟委员：您提出的提案收悉，现答复如下。")
    requested(register(office, alice, number="60", title="关于增设城区公交线路的建议"), bob)
    earlier = register(
        office, alice, session="十届人大二次会议", number="7", title="关于规范校外培训收费的建议",
        assigned_on=dt.date(2024, 3, 18), due_on=dt.date(2024, 6, 18),
    )  # fmt: skip
    published(earlier, bob, carol)

    page = client.get(f"/proposals/{office.county.pk}/").content.decode()

    assert f'<strong>2025年</strong> · <a href="/proposals/{office.county.pk}/year/2024/">2024年</a>' in page
    assert '<h2 id="kind-npc">2025年人大代表建议办理结果</h2>' in page
    assert '<h2 id="kind-cppcc">2025年政协委员提案办理结果</h2>' in page
    assert (
        '<td data-label="编号">十届人大三次会议第58号</td>\n'
        f'    <td data-label="标题"><a href="/proposals/{office.county.pk}/reply/{suggestion.pk}/">'
        "关于加快城区学校扩容建设的建议</a></td>\n"
        '    <td data-label="代表">李明等5名代表</td>\n'
        '    <td data-label="主办单位">教育股</td>\n'
        '    <td data-label="答复日期">2025-06-12</td>\n'
        '    <td data-label="办理结果">B类</td>'
    ) in page
    assert '<td data-label="委员">孙伟委员</td>' in page
    assert "关于增设城区公交线路的建议" not in page  # requested, not reviewed
    assert "关于规范校外培训收费的建议" not in page  # 2024's
    older = client.get(f"/proposals/{office.county.pk}/year/2024/").content.decode()
    assert "关于规范校外培训收费的建议" in older and "本年度尚无公开的政协委员提案答复。" in older


def test_a_replys_page_shows_the_reply_and_its_class(
    client: Client, office: Office, suggestion: Proposal, bob: User, carol: User
) -> None:
    published(suggestion, bob, carol)

    page = client.get(f"/proposals/{office.county.pk}/reply/{suggestion.pk}/").content.decode()

    assert "<h1>关于加快城区学校扩容建设的建议</h1>" in page
    assert "<dt>编号</dt><dd>十届人大三次会议第58号</dd>" in page
    assert "<dt>代表</dt><dd>李明等5名代表</dd>" in page
    assert '<dd id="reply-outcome">B类：所提问题正在解决或列入计划逐步解决</dd>' in page
    assert "新增学位900个" in page
    assert "协办" not in page and "alice" not in page and "bob" not in page


def test_a_reply_not_published_is_not_found(
    client: Client, office: Office, suggestion: Proposal, alice: User, bob: User, carol: User
) -> None:
    base = f"/proposals/{office.county.pk}"
    assert client.get(f"{base}/reply/{suggestion.pk}/").status_code == 404  # not replied
    reply = requested(suggestion, bob, REPLY + "身份证号11010519491231002X。")
    assert client.get(f"{base}/reply/{suggestion.pk}/").status_code == 404  # waiting
    services.publish_reply(reply=reply, actor=carol)
    assert client.get(f"{base}/reply/{suggestion.pk}/").status_code == 404  # refused
    assert "尚无公开的建议提案答复。" in client.get(f"{base}/").content.decode()
    assert client.get(f"{base}/year/2025/").status_code == 404
    assert client.get(f"/proposals/{office.finance_bureau.pk}/reply/{suggestion.pk}/").status_code == 404


def test_a_reply_changed_after_its_review_is_withdrawn_from_the_public(
    client: Client, office: Office, suggestion: Proposal, bob: User, carol: User
) -> None:
    reply = published(suggestion, bob, carol)
    Reply.objects.filter(pk=reply.pk).update(text=REPLY + "（未经审查的补充）")

    assert client.get(f"/proposals/{office.county.pk}/reply/{suggestion.pk}/").status_code == 404
    assert (
        "关于加快城区学校扩容建设的建议" not in client.get(f"/proposals/{office.county.pk}/").content.decode()
    )


def test_what_deputies_and_officers_typed_is_escaped(
    client: Client, office: Office, alice: User, bob: User, carol: User
) -> None:
    proposal = register(
        office, alice, title="关于<script>alert(1)</script>的建议", proposer="<b>王红</b>代表"
    )
    published(proposal, bob, carol, text='答复<img src=x onerror="alert(2)">')
    listing = client.get(f"/proposals/{office.county.pk}/").content.decode()
    page = client.get(f"/proposals/{office.county.pk}/reply/{proposal.pk}/").content.decode()
    for shown in (listing, page):
        assert "<script>alert(1)" not in shown and "<b>王红</b>" not in shown
        assert "关于&lt;script&gt;alert(1)&lt;/script&gt;的建议" in shown
    assert "<img" not in page and "答复&lt;img src=x onerror=&quot;alert(2)&quot;&gt;" in page


def test_the_index_lists_the_bodies(client: Client, office: Office) -> None:
    page = client.get("/proposals/").content.decode()
    assert f'<a href="/proposals/{office.county.pk}/">某县人民政府</a>' in page
