"""The pages everyone sees alike are rendered once and shared; nothing of one visitor reaches another."""

from __future__ import annotations

import re

from django.contrib import messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.urls import reverse
from pytest_django import DjangoAssertNumQueries, Settings

from gongkai_web.personas import Office
from gongkai_web.portal.models import HelpDesk

from .conftest import apply_url


def test_a_second_visitor_gets_the_home_page_without_a_database_query(
    office: Office, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    first = Client().get("/")
    with django_assert_num_queries(0):
        second = Client().get("/")
    assert second.status_code == 200
    assert second.content == first.content
    assert second["Content-Type"] == "text/html; charset=utf-8"


def test_the_first_step_of_the_form_is_shared_too(
    office: Office, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    url = reverse("portal:apply", args=[office.county.pk])
    first = Client().get(url)
    with django_assert_num_queries(0):
        second = Client().get(url)
    assert second.content == first.content
    assert "某县人民政府" in second.content.decode()


def test_a_renamed_body_shows_its_new_name_at_once(office: Office) -> None:
    assert "某县财政局" in Client().get("/").content.decode()
    office.finance_bureau.name = "某县财政局（某县国有资产管理局）"
    office.finance_bureau.save()
    assert "某县财政局（某县国有资产管理局）" in Client().get("/").content.decode()


def test_a_new_help_desk_phone_shows_at_once_on_the_first_step(office: Office) -> None:
    url = reverse("portal:apply", args=[office.county.pk])
    assert "0371-65550123" not in Client().get(url).content.decode()
    HelpDesk.objects.create(body=office.county, phone="0371-65550123")
    assert "0371-65550123" in Client().get(url).content.decode()


def test_the_form_step_is_never_shared_each_visitor_gets_their_own_token_and_key(office: Office) -> None:
    pages = [Client().get(apply_url(office)).content.decode() for _ in range(2)]
    keys = [re.search(r'name="submission_key" value="([^"]+)"', page) for page in pages]
    tokens = [re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page) for page in pages]
    assert all(keys) and all(tokens)
    assert keys[0].group(1) != keys[1].group(1)  # type: ignore[union-attr]
    assert tokens[0].group(1) != tokens[1].group(1)  # type: ignore[union-attr]


def test_a_visitor_with_a_pending_message_gets_their_own_page_and_nobody_else_sees_it(office: Office) -> None:
    Client().get("/")  # the shared copy exists
    storage = CookieStorage(RequestFactory().get("/"))
    storage.add(messages.SUCCESS, "已登记申请 2025-0001")
    carrier = HttpResponse()
    storage.update(carrier)
    officer = Client()
    officer.cookies.update(carrier.cookies)
    assert "已登记申请 2025-0001" in officer.get("/").content.decode()
    assert "已登记申请 2025-0001" not in Client().get("/").content.decode()


def test_an_address_with_a_query_string_is_rendered_afresh(
    office: Office, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    Client().get("/?utm=1")
    with django_assert_num_queries(1):  # the bodies served
        Client().get("/?utm=1")


def test_without_a_shared_cache_every_visitor_gets_a_fresh_page(
    office: Office, settings: Settings, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    settings.GONGKAI_SHARED_PAGES = False
    Client().get("/")
    with django_assert_num_queries(1):  # the bodies served
        Client().get("/")
