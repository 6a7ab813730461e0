"""The statistics page /office/statistics/<year>/ and its JSON: for the body's overseers only."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.test import Client
from django.utils import timezone

from gongkai.annual.findings import Finding, Severity
from gongkai_web.accounts.models import User
from gongkai_web.bodies.models import Role
from gongkai_web.bodies.services import add_member
from gongkai_web.personas import Office
from gongkai_web.statistics import queries
from gongkai_web.statistics.queries import previous_report_year, statistics_for

from .conftest import CountyCases


def as_(client: Client, request: pytest.FixtureRequest, who: str) -> Client:
    client.force_login(request.getfixturevalue(who))
    return client


@pytest.mark.parametrize("who", ["carol", "hana", "frank"])
def test_the_reviewer_head_and_administrator_see_both_tables_in_the_national_layout(
    client: Client, county_cases: CountyCases, who: str, request: pytest.FixtureRequest
) -> None:
    response = as_(client, request, who).get("/office/statistics/2025/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "某县人民政府2025年政府信息公开工作年度报告：第三项、第四项" in page
    assert "三、收到和处理政府信息公开申请情况" in page and "四、政府信息公开行政复议、行政诉讼情况" in page
    assert '<td class="number" data-where="applications.new_received.total">12</td>' in page
    assert '<td class="number" data-where="applications.carried_forward.total">3</td>' in page
    assert '<td class="number" data-where="review_litigation.review.total">3</td>' in page
    assert "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）" in page
    assert "按年度报告的勾稽关系核查，未发现问题。" in page
    assert "国办公开办函〔2021〕30号" in page


def test_a_2020_page_names_the_2019_format(client: Client, county_cases: CountyCases, carol: User) -> None:
    client.force_login(carol)
    assert "国办公开办函〔2019〕60号" in client.get("/office/statistics/2020/").content.decode()


@pytest.mark.parametrize("who", ["alice", "bob"])
def test_the_registrar_and_a_handler_may_not_see_the_statistics(
    client: Client, county_cases: CountyCases, who: str, request: pytest.FixtureRequest
) -> None:
    c = as_(client, request, who)
    assert c.get("/office/statistics/2025/").status_code == 403
    assert c.get("/office/statistics/2025/json/").status_code == 403


def test_an_officer_of_another_body_sees_his_own_body_and_is_refused_the_county(
    client: Client, county_cases: CountyCases, office: Office, dave: User
) -> None:
    client.force_login(dave)
    own = client.get("/office/statistics/2025/").content.decode()
    assert "某县财政局2025年" in own
    assert '<td class="number" data-where="applications.new_received.total">1</td>' in own
    assert client.get(f"/office/statistics/2025/?body={office.county.pk}").status_code == 403
    assert client.get(f"/office/statistics/2025/json/?body={office.county.pk}").status_code == 403


@pytest.mark.parametrize("body", ["abc", "99999999999999999999999", "-1"])
def test_a_body_that_is_not_an_id_is_refused(client: Client, carol: User, body: str) -> None:
    client.force_login(carol)
    assert client.get(f"/office/statistics/2025/?body={body}").status_code == 403


def test_an_anonymous_visitor_is_sent_to_log_in(client: Client) -> None:
    for url in ("/office/statistics/2025/", "/office/statistics/2025/json/", "/office/statistics/"):
        response = client.get(url)
        assert (response.status_code, response["Location"]) == (302, f"/office/login/?next={url}")


def test_an_overseer_of_two_bodies_chooses_one(
    client: Client, county_cases: CountyCases, office: Office, carol: User
) -> None:
    add_member(body=office.finance_bureau, user=carol, role=Role.HEAD)
    client.force_login(carol)
    page = client.get("/office/statistics/2025/").content.decode()
    assert "2025年统计：选择机关" in page
    assert f'href="?body={office.county.pk}"' in page and f'href="?body={office.finance_bureau.pk}"' in page
    chosen = client.get(f"/office/statistics/2025/?body={office.finance_bureau.pk}").content.decode()
    assert "某县财政局2025年" in chosen


def test_the_json_download_is_the_canonical_report(
    client: Client, county_cases: CountyCases, office: Office, carol: User
) -> None:
    client.force_login(carol)
    response = client.get("/office/statistics/2025/json/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment; filename*=utf-8''")
    assert json.loads(response.content) == statistics_for(body=office.county, year=2025).to_json()


def test_a_year_without_a_national_format_is_not_found(client: Client, carol: User) -> None:
    client.force_login(carol)
    assert client.get("/office/statistics/2018/").status_code == 404
    assert client.get("/office/statistics/10000/").status_code == 404


def test_the_report_year_in_january_is_the_year_before() -> None:
    assert (previous_report_year(dt.date(2026, 1, 15)), previous_report_year(dt.date(2026, 12, 31))) == (
        2025,
        2025,
    )


def test_the_statistics_index_opens_the_last_complete_year(
    client: Client, carol: User, office: Office
) -> None:
    client.force_login(carol)
    response = client.get(f"/office/statistics/?body={office.county.pk}")
    year = previous_report_year(timezone.localdate())
    assert (response.status_code, response["Location"]) == (
        302,
        f"/office/statistics/{year}/?body={office.county.pk}",
    )


def test_the_page_lists_what_the_check_engine_finds(
    client: Client, county_cases: CountyCases, carol: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    found = Finding(
        "C7", Severity.ERROR, "review_litigation.review.total", "第四项行政复议·总计 应为 3，实为 4"
    )
    monkeypatch.setattr(queries, "check_report", lambda report: [found])
    client.force_login(carol)
    page = client.get("/office/statistics/2025/").content.decode()
    assert '<span class="tag">错误</span> <code>C7</code> 第四项行政复议·总计 应为 3，实为 4' in page
    assert "未发现问题" not in page
