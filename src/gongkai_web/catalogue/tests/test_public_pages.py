"""The public catalogue: published items only, by category and by 第二十条 item, Chinese search, the item
page and its metadata table, pagination, and the 政府信息公开指南 (runs on SQLite and on PostgreSQL)."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.urls import reverse

from attachmentfiles import clean_pdf
from gongkai.clock import EXTENSION_LIMIT, REPLY_LIMIT
from gongkai_web.accounts.models import User
from gongkai_web.applications.attachments import check_upload
from gongkai_web.catalogue.models import CatalogueItem, GuideSettings
from gongkai_web.catalogue.services import create_draft
from gongkai_web.catalogue.tests.conftest import draft, fields, publish
from gongkai_web.personas import Office
from gongkai_web.portal.models import HelpDesk


@pytest.fixture
def reviewers(alice: User, carol: User, hana: User) -> tuple[User, User, User]:
    return (alice, carol, hana)


@pytest.fixture
def published(office: Office, bob: User, reviewers: tuple[User, ...]) -> CatalogueItem:
    """The county's 学区划分 plan, published; and, beside it, a budget published and a draft not."""
    publish(
        draft(
            office.county,
            bob,
            title="县教育局2025年部门预算",
            category="column.department_budget",
            text="收支总预算",
            document_number="",
        ),
        *reviewers,
    )
    draft(office.county, bob, title="县教育局2025年学区调整内部讨论稿", category="article20.11")
    return publish(draft(office.county, bob), *reviewers)


def _results(client: Client, office: Office, **params: str) -> list[str]:
    page = client.get(reverse("catalogue:body", args=[office.county.pk]), params).content.decode()
    listed = page.split('<ul class="item-list">')[1].split("</ul>")[0]
    return [line.split(">")[1].split("<")[0] for line in listed.split("<li><a href=")[1:]]


def test_the_catalogue_lists_published_items_only_newest_first(
    client: Client, office: Office, published: CatalogueItem
) -> None:
    assert _results(client, office) == ["某县2025年义务教育学区划分方案", "县教育局2025年部门预算"]


@pytest.mark.parametrize(
    ("query", "found"),
    [
        (
            "学区",
            ["某县2025年义务教育学区划分方案"],
        ),  # inside 义务教育学区划分: no word boundaries in Chinese
        ("就近入学", ["某县2025年义务教育学区划分方案"]),  # in the text only
        ("某政办发〔2025〕12号", ["某县2025年义务教育学区划分方案"]),  # the 文号
        ("2025 预算", ["县教育局2025年部门预算"]),  # every term must be found
        ("学区　预算", []),  # the ideographic space separates terms too
        ("讨论稿", []),  # a draft is never found
    ],
)
def test_a_chinese_search_finds_words_inside_titles_and_texts(
    client: Client, office: Office, published: CatalogueItem, query: str, found: list[str]
) -> None:
    assert _results(client, office, q=query) == found


@pytest.mark.parametrize(
    "params",
    [{"q": "学区\x00"}, {"item": "9" * 5000}, {"item": "99"}, {"category": "column.gossip"}, {"page": "x"}],
)
def test_odd_parameters_are_ignored_never_an_error(
    client: Client, office: Office, published: CatalogueItem, params: dict[str, str]
) -> None:
    response = client.get(reverse("catalogue:body", args=[office.county.pk]), params)
    assert response.status_code == 200
    assert "某县2025年义务教育学区划分方案" in response.content.decode()


def test_the_catalogue_is_browsed_by_column_and_by_article_20_item(
    client: Client, office: Office, published: CatalogueItem
) -> None:
    assert _results(client, office, category="column.department_budget") == ["县教育局2025年部门预算"]
    # 第二十条第（七）项 财政预算、决算信息 holds its columns 部门预算 and 部门决算.
    assert _results(client, office, item="7") == ["县教育局2025年部门预算"]
    assert _results(client, office, item="11") == ["某县2025年义务教育学区划分方案"]
    page = client.get(reverse("catalogue:body", args=[office.county.pk]), {"item": "7"}).content.decode()
    assert "第二十条第（七）项：财政预算、决算信息" in page


def test_the_item_page_shows_its_metadata_table_and_paragraphs(
    client: Client, office: Office, published: CatalogueItem
) -> None:
    page = client.get(reverse("catalogue:item", args=[office.county.pk, published.pk])).content.decode()
    for label, value in (
        ("索引号", published.index_number),
        ("发布机构", "某县人民政府办公室"),
        ("成文日期", "2025-09-26"),
        ("发布日期", "2025-10-20"),
        ("文号", "某政办发〔2025〕12号"),
    ):
        assert f'<tr><th scope="row">{label}</th><td>{value}</td></tr>' in page
    assert "<p>一、划分原则<br>坚持免试就近入学" in page


def test_text_is_shown_as_text_never_as_html(
    office: Office, client: Client, bob: User, reviewers: tuple[User, ...]
) -> None:
    item = publish(
        draft(office.county, bob, title="<script>alert(1)</script>通知", text="<img src=x onerror=alert(1)>"),
        *reviewers,
    )
    page = client.get(reverse("catalogue:item", args=[office.county.pk, item.pk])).content.decode()
    assert "<script>alert(1)" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;通知" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page


def test_a_draft_or_withdrawn_item_is_not_found(client: Client, office: Office, bob: User) -> None:
    item = draft(office.county, bob)
    assert client.get(reverse("catalogue:item", args=[office.county.pk, item.pk])).status_code == 404


def test_an_item_of_another_body_is_not_found_under_this_one(
    client: Client, office: Office, published: CatalogueItem
) -> None:
    url = reverse("catalogue:item", args=[office.finance_bureau.pk, published.pk])
    assert client.get(url).status_code == 404


def test_the_attachments_of_a_published_item_are_downloaded_by_anyone(
    client: Client, office: Office, bob: User, reviewers: tuple[User, ...], media: Path
) -> None:
    pdf = clean_pdf()  # a real PDF: 终审 reads the attachments' text
    upload = check_upload(SimpleUploadedFile("学区示意图.pdf", pdf))
    item = create_draft(body=office.county, actor=bob, fields=fields(), uploads=[upload])
    attachment = item.attachments.get()
    url = reverse("catalogue:attachment", args=[office.county.pk, item.pk, attachment.pk])
    assert client.get(url).status_code == 404  # not yet published
    publish(item, *reviewers)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == pdf  # type: ignore[attr-defined]
    assert response["Content-Type"] == "application/pdf"


def test_the_catalogue_pages_twenty_items_at_a_time(
    client: Client, office: Office, bob: User, reviewers: tuple[User, ...]
) -> None:
    for n in range(1, 23):
        publish(draft(office.county, bob, title=f"2025年第{n}期工作动态", category="column.news"), *reviewers)
    first = client.get(reverse("catalogue:body", args=[office.county.pk]), {"category": "column.news"})
    assert "第 1 / 2 页" in first.content.decode()
    assert 'href="?category=column.news&amp;page=2" rel="next"' in first.content.decode()
    assert len(_results(client, office, category="column.news", page="2")) == 2


def test_the_guide_is_generated_from_the_bodys_settings_and_the_clock(client: Client, office: Office) -> None:
    HelpDesk.objects.create(
        body=office.county, phone="0373-4412345", address="某县人民路1号", hours="工作日 8:30—17:30"
    )
    GuideSettings.objects.create(
        body=office.county,
        office_name="某县政府信息公开办公室",
        postcode="453100",
        fax="0373-4412346",
        email="gongkai@mouxian.gov.cn",
        website="https://www.mouxian.gov.cn",
    )
    page = client.get(reverse("catalogue:guide", args=[office.county.pk])).content.decode()
    for expected in (
        "<dd>某县政府信息公开办公室</dd>",
        "<dd>453100</dd>",
        "传真至 0373-4412346",
        "发送至 gongkai@mouxian.gov.cn",
        f'<a href="{reverse("portal:apply", args=[office.county.pk])}">在线提交政府信息公开申请</a>',
        "将申请寄至某县人民路1号（邮政编码 453100）",
        f"自收到申请之日起 {REPLY_LIMIT} 个工作日内予以答复",
        f"延长的期限最长不超过 {EXTENSION_LIMIT} 个工作日",
        "国办函〔2020〕109号",
        "行政复议",
        "行政诉讼",
        "（十四）公务员招考的职位、名额、报考条件等事项以及录用结果",
    ):
        assert expected in page, expected


def test_the_guide_of_a_body_without_settings_invents_nothing(client: Client, office: Office) -> None:
    page = client.get(reverse("catalogue:guide", args=[office.finance_bureau.pk])).content.decode()
    assert "<dd>某县财政局</dd>" in page
    assert "传真申请" not in page and "电子邮件申请" not in page and "信函申请" not in page


def test_the_search_indexes_exist_on_postgresql_only(db: None) -> None:
    with connection.cursor() as cursor:
        names = {
            index
            for index, details in connection.introspection.get_constraints(
                cursor, "catalogue_catalogueitem"
            ).items()
            if details["index"]
        }
    trigram = {
        "catalogue_title_trgm",
        "catalogue_text_trgm",
        "catalogue_document_number_trgm",
        "catalogue_index_number_trgm",
    }
    if connection.vendor == "postgresql":
        assert trigram <= names
    else:
        assert not trigram & names
