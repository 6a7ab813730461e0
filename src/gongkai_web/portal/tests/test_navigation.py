"""The public site's header leads to the 主动公开目录, the 年报专栏 and 网上留言 from every public page."""

from __future__ import annotations

import pytest
from django.test import Client

from gongkai_web.personas import Office

NAV = (
    '<nav class="site-nav" aria-label="主导航"><a href="/">在线申请</a><a href="/track/">查询办理进度</a>'
    '<a href="/catalogue/">主动公开目录</a><a href="/reports/">年报专栏</a><a href="/messages/">网上留言</a></nav>'
)


@pytest.mark.parametrize("address", ["/", "/track/", "/catalogue/", "/reports/", "/messages/"])
def test_every_public_page_links_to_the_catalogue_the_annual_reports_and_the_messages(
    client: Client, office: Office, address: str
) -> None:
    response = client.get(address)

    assert response.status_code == 200
    assert NAV in response.content.decode()
