"""The public site's header leads to the 主动公开目录, the 年报专栏, 网上留言 and the
建议提案 replies from every public page."""

from __future__ import annotations

import pytest
from django.test import Client

from gongkai_web.personas import Office

NAV = (
    '<nav class="site-nav" aria-label="主导航"><a href="/">在线申请</a><a href="/track/">查询办理进度</a>'
    '<a href="/catalogue/">主动公开目录</a><a href="/reports/">年报专栏</a><a href="/messages/">网上留言</a>'
    '<a href="/proposals/">建议提案</a></nav>'
)


@pytest.mark.parametrize("address", ["/", "/track/", "/catalogue/", "/reports/", "/messages/", "/proposals/"])
def test_every_public_page_links_to_the_catalogue_reports_messages_and_proposals(
    client: Client, office: Office, address: str
) -> None:
    response = client.get(address)

    assert response.status_code == 200
    assert NAV in response.content.decode()
