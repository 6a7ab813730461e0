"""/: the bodies served, the way to apply and to track, what an application is and how long it takes."""

from __future__ import annotations

import re

from django.test import Client
from django.urls import reverse
from pytest_django.fixtures import DjangoAssertNumQueries

from gongkai.clock import EXTENSION_LIMIT, REPLY_LIMIT
from gongkai_web.bodies.models import BodyKind
from gongkai_web.bodies.services import create_body
from gongkai_web.personas import Office
from gongkai_web.portal.models import HelpDesk


def test_the_home_page_lists_every_body_with_its_application_link(client: Client, office: Office) -> None:
    page = client.get("/").content.decode()
    links = re.findall(r'<a href="/apply/(\d+)/">([^<]+)<span', page)
    assert links == [(str(office.county.pk), "某县人民政府"), (str(office.finance_bureau.pk), "某县财政局")]
    assert f'href="{reverse("portal:track")}"' in page


def test_a_deployment_with_one_body_goes_straight_to_it(client: Client, db: None) -> None:
    body = create_body(name="某镇人民政府", kind=BodyKind.PEOPLES_GOVERNMENT)
    HelpDesk.objects.create(body=body, phone="0371-65550999")
    page = client.get("/").content.decode()
    assert "<h2>向某镇人民政府申请</h2>" in page
    assert f'<a class="button" href="/apply/{body.pk}/">在线申请</a>' in page
    assert '<a href="tel:0371-65550999">0371-65550999</a>' in page


def test_the_periods_explained_come_from_the_clock(client: Client, office: Office) -> None:
    page = client.get("/").content.decode()
    assert f"自收到申请之日起 {REPLY_LIMIT} 个工作日内答复" in page
    assert f"延长的期限最长不超过 {EXTENSION_LIMIT} 个工作日" in page
    assert "第二十七条" in page and "第二十九条" in page


def test_the_home_page_offers_help_to_those_who_cannot_apply_in_writing(
    client: Client, office: Office
) -> None:
    page = client.get("/").content.decode()
    assert '<h2 id="help-heading">需要帮助</h2>' in page
    assert "可以口头提出申请" in page and "条例第四十三条" in page


def test_a_body_without_a_help_desk_shows_no_invented_number(client: Client, office: Office) -> None:
    page = client.get(
        reverse("portal:apply", args=[office.county.pk]) + "?type=natural_person"
    ).content.decode()
    assert "需要帮助" in page and "咨询电话" not in page


def test_a_body_with_a_help_desk_prints_its_phone_address_and_hours(
    client: Client, office: Office, help_desk: HelpDesk
) -> None:
    page = client.get(
        reverse("portal:apply", args=[office.county.pk]) + "?type=natural_person"
    ).content.decode()
    assert '<dt>咨询电话</dt><dd><a href="tel:0371-65550123">0371-65550123</a></dd>' in page
    assert "县政务服务中心二楼 8 号窗口" in page and "工作日 9:00–17:00" in page


def test_the_home_page_costs_one_query(
    client: Client, office: Office, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    with django_assert_num_queries(1):
        client.get("/")
