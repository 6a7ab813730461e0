"""The 保密审查 before a version of the annual report is published (docs/gate.md)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from gongkai_web.accounts.models import User
from gongkai_web.applications.models import Application
from gongkai_web.gate.models import PublicationReview
from gongkai_web.gate.queries import reviews_of
from gongkai_web.gate.services import ConfirmationRequired, PublicationBlocked, save_rules
from gongkai_web.personas import Office, logged_in
from gongkai_web.reports.models import PublishedVersion, ReportDraft
from gongkai_web.reports.queries import compose
from gongkai_web.reports.services import publish_report
from gongkai_web.reports.tests.conftest import OTHER, PROBLEMS, YEAR
from gongkai_web.reports.tests.test_views import builder_url, draft_post

IDENTITY = "11010519491231002X"  # GB 11643's own example: a valid check character
NAMED_APPLICANT = f"对申请人李某（公民身份号码{IDENTITY}）的申请已依法答复。"
YEAR_END = dt.date(2026, 1, 20)
LANDLINE = "如有意见建议，请拨打0373-5551234。"


def test_the_text_the_gate_reads_is_every_section_with_the_figures_in_place(
    client: Client, office: Office, hana: User, year_of_cases: list[Application]
) -> None:
    logged_in(client, hana)
    client.post(builder_url(office), draft_post())
    text = compose(body=office.county, year=YEAR).publication_text()
    assert text.startswith(
        "某县人民政府2025年政府信息公开工作年度报告\n\n一、总体情况\n\n2025年，本府认真贯彻"
    )
    assert "{{" not in text
    assert f"五、存在的主要问题及改进情况\n\n{PROBLEMS}" in text
    assert "六、其他需要报告的事项\n\n本年度发出信息处理费收费通知" in text
    assert OTHER not in text  # the tokens are replaced by their figures


def test_a_clean_report_is_published_with_a_review_naming_the_head(
    client: Client, office: Office, hana: User, year_of_cases: list[Application]
) -> None:
    logged_in(client, hana)
    client.post(builder_url(office), draft_post())
    assert client.post(builder_url(office) + "publish/", {}).status_code == 302
    draft = ReportDraft.objects.get(body=office.county, year=YEAR)
    review = PublicationReview.objects.get()
    assert (review.subject, review.outcome, review.verdict, review.actor) == (
        draft,
        "approved",
        "clean",
        hana,
    )
    assert PublishedVersion.objects.get().number == 1


def test_an_identity_number_in_section_six_is_refused_and_the_record_kept(
    client: Client, office: Office, hana: User, year_of_cases: list[Application]
) -> None:
    logged_in(client, hana)
    client.post(builder_url(office), draft_post(六=OTHER + NAMED_APPLICANT))
    with pytest.raises(PublicationBlocked) as refused:
        publish_report(body=office.county, year=YEAR, actor=hana, on=YEAR_END, confirmation="已脱敏")
    assert refused.value.code == "gate_blocked"
    assert refused.value.message == (
        "保密审查未通过，不得公开：年度报告正文含有居民身份证号码，请修改后重新审查"
    )
    assert not PublishedVersion.objects.exists()
    review = PublicationReview.objects.get()
    assert (review.outcome, review.actor, review.confirmation) == ("blocked", hana, "")
    assert [(hit["code"], hit["masked"]) for hit in review.hits] == [("resident_id", "110***********002X")]


def test_the_builder_shows_the_refusal_in_chinese_with_the_code_and_masked_excerpt(
    client: Client, office: Office, hana: User, year_of_cases: list[Application]
) -> None:
    logged_in(client, hana)
    client.post(builder_url(office), draft_post(六=OTHER + NAMED_APPLICANT))
    refused = client.post(builder_url(office) + "publish/", {})
    assert refused.status_code == 400
    page = refused.content.decode()
    assert "保密审查未通过，不得公开：年度报告正文含有居民身份证号码，请修改后重新审查" in page
    assert "<code>resident_id</code>" in page
    assert "（公民身份号码110***********002X）的申请已依法答复。" in page
    assert "保密审查记录" in page
    assert not PublishedVersion.objects.exists()
    client.post(builder_url(office), draft_post())  # the name and number taken out
    assert client.post(builder_url(office) + "publish/", {}).status_code == 302
    draft = ReportDraft.objects.get(body=office.county, year=YEAR)
    assert [review.outcome for review in reviews_of(draft)] == ["approved", "blocked"]


def test_a_negative_list_term_in_section_five_blocks(
    client: Client, office: Office, hana: User, frank: User, year_of_cases: list[Application]
) -> None:
    save_rules(body=office.county, actor=frank, negative_terms=["答复文书范本"], allowed_contacts=[])
    logged_in(client, hana)
    client.post(builder_url(office), draft_post())
    with pytest.raises(PublicationBlocked):
        publish_report(body=office.county, year=YEAR, actor=hana, on=YEAR_END)
    assert [hit["code"] for hit in PublicationReview.objects.get().hits] == ["negative_term"]


def test_a_landline_needs_the_heads_reason_on_the_publish_form(
    client: Client, office: Office, hana: User, year_of_cases: list[Application]
) -> None:
    logged_in(client, hana)
    client.post(builder_url(office), draft_post(六=OTHER + LANDLINE))
    with pytest.raises(ConfirmationRequired):
        publish_report(body=office.county, year=YEAR, actor=hana, on=YEAR_END)
    asked = client.post(builder_url(office) + "publish/", {})
    assert asked.status_code == 409
    page = asked.content.decode()
    assert "需人工复核" in page and "<code>landline_phone</code>" in page
    assert 'name="confirmation"' in page
    assert not PublicationReview.objects.exists() and not PublishedVersion.objects.exists()
    done = client.post(builder_url(office) + "publish/", {"confirmation": "本府公开的意见建议电话"})
    assert done.status_code == 302
    review = PublicationReview.objects.get()
    assert (review.outcome, review.verdict, review.confirmation) == (
        "approved",
        "flagged",
        "本府公开的意见建议电话",
    )


def test_the_change_reason_of_a_new_version_is_reviewed_too_as_it_is_published(
    client: Client, office: Office, hana: User, year_of_cases: list[Application]
) -> None:
    logged_in(client, hana)
    client.post(builder_url(office), draft_post())
    publish_report(body=office.county, year=YEAR, actor=hana, on=YEAR_END)
    client.post(builder_url(office), draft_post(五=PROBLEMS + "另将于2026年一季度完成目录更新。"))
    with pytest.raises(PublicationBlocked):
        publish_report(
            body=office.county,
            year=YEAR,
            actor=hana,
            on=YEAR_END,
            change_reason=f"应申请人{IDENTITY}要求补充",
        )
    assert PublishedVersion.objects.count() == 1
    assert [review.outcome for review in reviews_of(ReportDraft.objects.get())] == ["blocked", "approved"]
    publish_report(
        body=office.county, year=YEAR, actor=hana, on=YEAR_END, change_reason="补充第五部分的整改时限"
    )
    assert PublishedVersion.objects.count() == 2
