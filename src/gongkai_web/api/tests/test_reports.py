"""/api/v1/reports/{body}/{year}: the draft with its findings for the office, the published versions for all.

The county's 2025 report: one application granted and one still open at the year's end; hana
(head) publishes, carol (reviewer) reads the draft, dave (finance bureau) and frank (administrator)
may not.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json

import pytest

from gongkai.cases import Action
from gongkai_web.accounts.models import User
from gongkai_web.applications.services import record_event
from gongkai_web.personas import Office, walk_in
from gongkai_web.reports.models import PublishedFile, PublishedVersion
from gongkai_web.reports.services import publish_report, save_draft

from .conftest import NO_TOKEN, Api, Today, error

OVERVIEW = "2025年，本府全年新收政府信息公开申请{{applications.new_received.total}}件，依法按时答复。"
PROBLEMS = "本年度依申请公开答复文书格式不够统一。下一步将制定答复文书范本。"
OTHER = "本年度未收取信息处理费。"
OVERRIDE = "第二项主动公开数据由各股室另行报送，发布后补正"


@pytest.fixture
def year_2025(office: Office, alice: User, bob: User, carol: User, hana: User, today: Today) -> Office:
    """Two applications of 2025 (one granted in October, one open), and the texts of the report."""
    today.date = dt.date(2026, 1, 20)
    granted, _open = walk_in(office, alice, description="第1件"), walk_in(office, alice, description="第2件")
    record_event(application=granted, action=Action.ACCEPT, on=dt.date(2025, 10, 9), actor=bob)
    record_event(
        application=granted, action=Action.DECIDE, on=dt.date(2025, 10, 20), actor=carol, outcome="granted"
    )
    save_draft(
        body=office.county,
        year=2025,
        actor=hana,
        texts={"一": OVERVIEW, "五": PROBLEMS, "六": OTHER},
        grid={},
    )
    return office


def published(office: Office, hana: User) -> list[PublishedVersion]:
    first = publish_report(
        body=office.county, year=2025, actor=hana, on=dt.date(2026, 1, 20), override_reason=OVERRIDE
    )
    save_draft(
        body=office.county, year=2025, actor=hana,
        texts={"一": OVERVIEW, "五": PROBLEMS + "已于2026年1月完成培训。", "六": OTHER}, grid={},
    )  # fmt: skip
    second = publish_report(
        body=office.county, year=2025, actor=hana, on=dt.date(2026, 2, 2),
        change_reason="补充问题整改情况", override_reason=OVERRIDE,
    )  # fmt: skip
    return [first, second]


def test_a_reviewer_reads_the_draft_with_its_tokens_replaced_and_its_findings(
    api: Api, year_2025: Office, carol: User
) -> None:
    response = api.get(f"/reports/{year_2025.county.pk}/2025/draft", carol)
    assert response.status_code == 200
    draft = response.json()
    assert (draft["body"]["name"], draft["year"], draft["format"], draft["previous"]) == (
        "某县人民政府", 2025, "2021", None,
    )  # fmt: skip
    assert draft["texts"]["一"] == OVERVIEW
    sections = {section["number"]: section["text"] for section in draft["report"]["sections"]}
    assert sections["一"] == "2025年，本府全年新收政府信息公开申请2件，依法按时答复。"
    assert draft["report"]["applications"]["new_received"]["total"] == 2
    assert draft["report"]["applications"]["granted"]["total"] == 1
    assert draft["report"]["applications"]["carried_forward"]["total"] == 1
    codes = {finding["code"] for finding in draft["findings"]}
    assert "SECTION-EMPTY" not in codes  # 一、五、六 are written
    assert all(
        set(finding) == {"code", "severity", "where", "message", "expected", "actual"}
        for finding in draft["findings"]
    )


def test_an_empty_section_is_a_finding_of_the_draft(
    api: Api, office: Office, hana: User, today: Today
) -> None:
    today.date = dt.date(2026, 1, 20)
    draft = api.get(f"/reports/{office.county.pk}/2025/draft", hana).json()
    empty = [finding for finding in draft["findings"] if finding["code"] == "SECTION-EMPTY"]
    assert [finding["where"] for finding in empty] == ["sections.一", "sections.五", "sections.六"]
    assert empty[0]["severity"] == "error"


@pytest.mark.parametrize(
    ("who", "message"),
    [
        ("dave", "dave 无权查看某县人民政府的年度报告"),
        ("frank", "frank 无权查看某县人民政府的年度报告"),
    ],
)
def test_an_outsider_and_the_administrator_may_not_read_the_draft(
    api: Api, office: Office, who: str, message: str, request: pytest.FixtureRequest
) -> None:
    response = api.get(f"/reports/{office.county.pk}/2025/draft", request.getfixturevalue(who))
    assert (response.status_code, response.json()) == (403, error("report_not_reader", message))


def test_without_a_token_the_draft_is_refused(api: Api, office: Office) -> None:
    response = api.get(f"/reports/{office.county.pk}/2025/draft")
    assert (response.status_code, response.json()) == (401, NO_TOKEN)


def test_a_year_before_the_national_format_has_no_draft(api: Api, office: Office, carol: User) -> None:
    response = api.get(f"/reports/{office.county.pk}/2018/draft", carol)
    assert (response.status_code, response.json()["code"]) == (422, "year_out_of_range")


def test_anyone_lists_the_published_versions_with_their_permanent_file_addresses(
    api: Api, year_2025: Office, hana: User
) -> None:
    published(year_2025, hana)
    response = api.get(f"/reports/{year_2025.county.pk}/2025/versions")
    assert response.status_code == 200
    body = year_2025.county.pk
    listed = response.json()
    assert listed["versions"] == [
        {
            "number": number,
            "published_on": on,
            "change_reason": reason,
            "files": {
                kind: f"/api/v1/reports/{body}/2025/versions/{number}/{kind}"
                for kind in ("html", "docx", "pdf", "xlsx", "json")
            },
        }
        for number, on, reason in ((1, "2026-01-20", ""), (2, "2026-02-02", "补充问题整改情况"))
    ]


def test_a_report_not_yet_published_has_no_versions(api: Api, year_2025: Office) -> None:
    response = api.get(f"/reports/{year_2025.county.pk}/2025/versions")
    assert (response.status_code, response.json()) == (
        404,
        error("not_found", "某县人民政府尚未发布2025年度报告"),
    )


def test_a_version_is_downloaded_exactly_as_published_and_never_changes(
    api: Api, year_2025: Office, hana: User
) -> None:
    first, _second = published(year_2025, hana)
    stored = PublishedFile.objects.get(version=first, kind="json")
    url = f"/reports/{year_2025.county.pk}/2025/versions/1/json"
    response = api.get(url)
    assert response.status_code == 200
    assert response.content == bytes(stored.content)
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["ETag"] == f'"{hashlib.sha256(response.content).hexdigest()}"'
    assert response["Cache-Control"] == "public, max-age=31536000, immutable"
    sections = {section["number"]: section["text"] for section in json.loads(response.content)["sections"]}
    assert sections["五"] == PROBLEMS  # version 1 as published, not the text changed for version 2
    again = api.client.get(f"/api/v1{url}", headers={"If-None-Match": response["ETag"]})
    assert (again.status_code, again.content, again["ETag"]) == (304, b"", response["ETag"])


def test_each_published_format_is_answered_with_its_type(api: Api, year_2025: Office, hana: User) -> None:
    published(year_2025, hana)
    base = f"/reports/{year_2025.county.pk}/2025/versions/2"
    pdf = api.get(f"{base}/pdf")
    assert (pdf.status_code, pdf["Content-Type"], pdf.content[:5]) == (200, "application/pdf", b"%PDF-")
    assert "attachment" in pdf["Content-Disposition"]
    docx = api.get(f"{base}/docx")
    assert docx.content[:2] == b"PK"
    html = api.get(f"{base}/html")
    assert (
        html["Content-Type"] == "text/html; charset=utf-8"
        and "已于2026年1月完成培训" in html.content.decode()
    )


def test_an_unknown_format_or_version_is_not_found(api: Api, year_2025: Office, hana: User) -> None:
    published(year_2025, hana)
    base = f"/reports/{year_2025.county.pk}/2025/versions"
    odt = api.get(f"{base}/1/odt")
    assert (odt.status_code, odt.json()) == (
        404,
        error("not_found", "没有“odt”格式；可下载 html、docx、pdf、xlsx、json"),
    )
    missing = api.get(f"{base}/3/pdf")
    assert (missing.status_code, missing.json()) == (404, error("not_found", "没有这一版本或格式的文件"))
