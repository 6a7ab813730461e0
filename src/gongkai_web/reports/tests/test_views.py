"""The office's report pages and the public 年报专栏, through the test client against real URLs."""

from __future__ import annotations

import io
import json

import openpyxl
import pdfplumber
import pytest
from django.test import Client
from docx import Document

from gongkai_web.accounts.models import User
from gongkai_web.appendonly import AppendOnlyError
from gongkai_web.applications.models import Application
from gongkai_web.personas import Office, logged_in
from gongkai_web.reports.models import PublishedVersion
from gongkai_web.reports.tests.conftest import OTHER, OVERVIEW, PROBLEMS, YEAR


def builder_url(office: Office) -> str:
    return f"/office/reports/{office.county.pk}/{YEAR}/"


def office_urls(office: Office) -> list[tuple[str, str]]:
    base = builder_url(office)
    return [
        ("get", base),
        ("post", base),
        ("post", base + "publish/"),
        ("get", base + "baseline/"),
        ("post", base + "baseline/"),
        ("get", base + "draft/pdf/"),
    ]


def draft_post(**texts: str) -> dict[str, str]:
    data = {"text_一": OVERVIEW, "text_五": PROBLEMS, "text_六": OTHER}
    data.update({f"text_{number}": text for number, text in texts.items()})
    for row, columns in {
        "regulations": ("issued", "repealed", "in_force"),
        "normative_documents": ("issued", "repealed", "in_force"),
        "licensing": ("decisions",),
        "penalty": ("decisions",),
        "coercion": ("decisions",),
        "fees": ("amount_wan_yuan",),
    }.items():
        for column in columns:
            data[f"cell__{row}__{column}"] = "0"
    return data


@pytest.mark.parametrize("persona", ["dave", "olga", "frank"])
def test_every_office_report_page_refuses_an_officer_without_a_drafting_role_at_the_body(
    client: Client, office: Office, persona: str, request: pytest.FixtureRequest
) -> None:
    user = request.getfixturevalue(persona)
    logged_in(client, user)
    for method, url in office_urls(office):
        assert getattr(client, method)(url).status_code == 403, (method, url)


def test_the_reviewer_reads_the_draft_but_cannot_save_or_publish(
    client: Client, office: Office, carol: User
) -> None:
    logged_in(client, carol)
    assert client.get(builder_url(office)).status_code == 200
    assert client.post(builder_url(office), draft_post()).status_code == 403
    assert client.post(builder_url(office) + "publish/").status_code == 403


def test_the_registrar_drafts_but_cannot_publish(
    client: Client, office: Office, alice: User, year_of_cases: list[Application]
) -> None:
    logged_in(client, alice)
    response = client.post(builder_url(office), draft_post(), follow=True)
    assert response.status_code == 200
    assert "草稿已保存" in response.content.decode()
    assert client.post(builder_url(office) + "publish/").status_code == 403
    assert PublishedVersion.objects.count() == 0


def test_the_handler_drafts(client: Client, office: Office, bob: User) -> None:
    logged_in(client, bob)
    assert client.post(builder_url(office), draft_post()).status_code == 302


def test_a_wrong_figure_in_the_text_is_a_finding_located_in_its_section(
    client: Client, office: Office, alice: User, year_of_cases: list[Application]
) -> None:
    logged_in(client, alice)
    client.post(
        builder_url(office),
        draft_post(一="2025年全年新收政府信息公开申请5件。{{applications.nothing.total}}"),
    )
    page = client.get(builder_url(office)).content.decode()
    assert "C13" in page and "位置：sections.一" in page
    assert "TOKEN-UNKNOWN" in page


def test_an_unknown_token_blocks_publication_even_with_a_reason(
    client: Client, office: Office, hana: User, year_of_cases: list[Application]
) -> None:
    logged_in(client, hana)
    client.post(builder_url(office), draft_post(一=OVERVIEW + "{{applications.other.total}}"))
    refused = client.post(builder_url(office) + "publish/", {"override_reason": "领导同意"})
    assert refused.status_code == 400
    assert "正文引用了不存在的数据（applications.other.total），请先改正" in refused.content.decode()
    assert PublishedVersion.objects.count() == 0


def test_publishing_with_an_error_needs_a_reason_and_records_it(
    client: Client, office: Office, alice: User, hana: User, year_of_cases: list[Application]
) -> None:
    logged_in(client, alice)
    client.post(builder_url(office), draft_post(五=""))  # 五 empty: SECTION-EMPTY, an error
    logged_in(client, hana)
    refused = client.post(builder_url(office) + "publish/", {})
    assert refused.status_code == 400
    assert "写明仍要发布的理由" in refused.content.decode()
    assert PublishedVersion.objects.count() == 0
    client.post(builder_url(office) + "publish/", {"override_reason": "问题部分经领导同意于下一版补充"})
    version = PublishedVersion.objects.get()
    assert (version.number, version.override_reason) == (1, "问题部分经领导同意于下一版补充")
    assert [finding["code"] for finding in version.findings] == ["SECTION-EMPTY"]


def test_a_change_after_publication_is_a_new_visible_version_and_the_old_one_stays(
    client: Client, office: Office, alice: User, hana: User, year_of_cases: list[Application]
) -> None:
    logged_in(client, hana)
    client.post(builder_url(office), draft_post())
    assert client.post(builder_url(office) + "publish/", {}).status_code == 302
    same = client.post(builder_url(office) + "publish/", {"change_reason": "无"})
    assert "没有任何修改" in same.content.decode()
    client.post(builder_url(office), draft_post(五=PROBLEMS + "另将于2026年一季度完成目录更新。"))
    no_reason = client.post(builder_url(office) + "publish/", {})
    assert "须写明修改原因" in no_reason.content.decode()
    client.post(builder_url(office) + "publish/", {"change_reason": "补充第五部分的整改时限"})
    assert list(PublishedVersion.objects.values_list("number", "change_reason")) == [
        (1, ""),
        (2, "补充第五部分的整改时限"),
    ]

    public = Client()
    latest = public.get(f"/reports/{office.county.pk}/{YEAR}/").content.decode()
    assert "第2版" in latest and "更正说明：补充第五部分的整改时限" in latest
    assert "另将于2026年一季度完成目录更新" in latest
    first = public.get(f"/reports/{office.county.pk}/{YEAR}/v1/").content.decode()
    assert "这不是最新版本" in first and "另将于2026年一季度完成目录更新" not in first
    assert "某县人民政府" in public.get("/reports/").content.decode()
    version = PublishedVersion.objects.get(number=1)
    version.change_reason = "悄悄修改"
    with pytest.raises(AppendOnlyError):
        version.save()


def test_every_published_format_downloads_and_opens_with_the_report_in_it(
    client: Client, office: Office, hana: User, year_of_cases: list[Application]
) -> None:
    logged_in(client, hana)
    client.post(builder_url(office), draft_post())
    client.post(builder_url(office) + "publish/", {})
    base = f"/reports/{office.county.pk}/{YEAR}/v1/"
    public = Client()

    docx = Document(io.BytesIO(public.get(base + "docx/").content))
    paragraphs = "\n".join(paragraph.text for paragraph in docx.paragraphs)
    assert "全年新收政府信息公开申请24件，上年结转3件" in paragraphs
    assert "六、其他需要报告的事项" in paragraphs
    assert len(docx.tables) == 3  # the national tables of 二, 三 and 四
    assert "本年新收政府信息公开申请数量" in "".join(
        cell.text for row in docx.tables[1].rows for cell in row.cells
    )
    pdf = public.get(base + "pdf/")
    assert pdf["Content-Type"] == "application/pdf"
    with pdfplumber.open(io.BytesIO(pdf.content)) as document:
        text = "".join(page.extract_text() or "" for page in document.pages)
    assert "某县人民政府2025年" in text and "上年结转3件" in text
    workbook = openpyxl.load_workbook(io.BytesIO(public.get(base + "xlsx/").content))
    assert len(workbook.sheetnames) >= 3
    data = json.loads(public.get(base + "json/").content)
    assert (data["year"], data["agency"], data["applications"]["new_received"]["total"]) == (
        2025,
        "某县人民政府",
        24,
    )
    html = public.get(base + "html/").content.decode()
    assert "<title>某县人民政府2025年政府信息公开工作年度报告</title>" in html
    assert public.get(base + "exe/").status_code == 404


def test_each_published_version_says_inside_its_files_which_version_it_is_and_why_it_changed(
    client: Client, office: Office, hana: User, year_of_cases: list[Application]
) -> None:
    logged_in(client, hana)
    client.post(builder_url(office), draft_post())
    client.post(builder_url(office) + "publish/", {})
    client.post(builder_url(office), draft_post(五=PROBLEMS + "另将于2026年一季度完成目录更新。"))
    client.post(builder_url(office) + "publish/", {"change_reason": "补充第五部分的整改时限"})
    published_on = PublishedVersion.objects.get(number=2).published_on
    mark = f"第2版\u3000{published_on.year}年{published_on.month}月{published_on.day}日发布"
    public = Client()
    v1, v2 = (f"/reports/{office.county.pk}/{YEAR}/v{number}/" for number in (1, 2))

    paragraphs = [p.text for p in Document(io.BytesIO(public.get(v2 + "docx/").content)).paragraphs]
    assert paragraphs[1:3] == [mark, "更正说明：补充第五部分的整改时限"]
    first = [p.text for p in Document(io.BytesIO(public.get(v1 + "docx/").content)).paragraphs]
    assert first[1].startswith("第1版\u3000") and first[2] == "一、总体情况"
    with pdfplumber.open(io.BytesIO(public.get(v2 + "pdf/").content)) as document:
        lines = (document.pages[0].extract_text() or "").splitlines()
    assert lines[1:3] == [mark.replace("\u3000", " "), "更正说明：补充第五部分的整改时限"]
    info = openpyxl.load_workbook(io.BytesIO(public.get(v2 + "xlsx/").content))["报告信息"]
    facts = {row[0]: row[1] for row in info.iter_rows(values_only=True)}
    assert (facts["版本"], facts["更正说明"]) == ("第2版", "补充第五部分的整改时限")
    assert json.loads(public.get(v2 + "json/").content)["publication"] == {
        "version": 2,
        "published_on": published_on.isoformat(),
        "change_reason": "补充第五部分的整改时限",
    }
    assert f'<p class="publication">{mark}</p>' in public.get(v2 + "html/").content.decode()


def test_the_draft_downloads_in_every_format(
    client: Client, office: Office, alice: User, year_of_cases: list[Application]
) -> None:
    logged_in(client, alice)
    client.post(builder_url(office), draft_post())
    for kind in ("docx", "pdf", "html", "xlsx", "json"):
        response = client.get(builder_url(office) + f"draft/{kind}/")
        assert response.status_code == 200, kind
        assert "%E8%8D%89%E7%A8%BF" in response["Content-Disposition"]  # 草稿, percent-encoded
