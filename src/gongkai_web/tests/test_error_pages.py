"""Refusals and missing pages speak Chinese, like the rest of the site."""

from __future__ import annotations

import pytest
from django.test import Client

from gongkai_web.accounts.models import User
from gongkai_web.personas import Office

pytestmark = pytest.mark.django_db


def test_a_page_that_does_not_exist_is_explained_in_chinese(client: Client, settings: object) -> None:
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "页面不存在" in response.content.decode()


def test_an_officer_refused_a_page_is_told_why_in_chinese(client: Client, office: Office, bob: User) -> None:
    client.force_login(bob)  # a handler may not register applications
    response = client.get("/office/register/")
    assert response.status_code == 403
    assert "无权访问" in response.content.decode()
