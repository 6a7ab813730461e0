"""Last year's published report imported in two steps: read and shown, then confirmed (or cancelled).

Nothing is stored before 确认导入; the preview waits in the officer's session, survives a reload,
and a confirmation that does not name the waiting preview is refused.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import TYPE_CHECKING

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from gongkai_web.accounts.models import User
from gongkai_web.personas import Office, logged_in
from gongkai_web.reports.models import Baseline
from gongkai_web.reports.queries import PreviousSource, compose
from gongkai_web.reports.services import publish_report, save_draft

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse as Response

# 卫辉市民政局's 2022 report (2021 format): the seed copied into the core tests' data.
SEED_2022 = Path(__file__).resolve().parents[4] / "tests" / "data" / "seeds" / "000_90c37852d1e90522.txt"
FILE_NAME = "卫辉市民政局2022年报.txt"
STALE = "这份导入预览已失效（已确认、已取消或已被重新上传的文件取代），未导入任何内容；请重新上传文件。"


def page_url(office: Office, year: int = 2023) -> str:
    return f"/office/reports/{office.county.pk}/{year}/baseline/"


def upload(
    client: Client, office: Office, *, year: int = 2023, name: str = FILE_NAME, data: bytes | None = None
) -> Response:
    file = SimpleUploadedFile(name, SEED_2022.read_bytes() if data is None else data)
    return client.post(page_url(office, year), {"file": file}, follow=True)


def token_on(page: str) -> str:
    tokens: set[str] = set(re.findall(r'name="token" value="([^"]+)"', page))
    [token] = tokens
    return token


def test_an_upload_is_shown_for_confirmation_and_nothing_is_stored(
    client: Client, office: Office, alice: User
) -> None:
    logged_in(client, alice)
    response = upload(client, office)
    page = response.content.decode()

    assert response.status_code == 200
    assert "请核对读取结果：尚未导入" in page
    assert "<td>卫辉市民政局2022年报.txt（文本）" in page
    assert "<td>2021年格式（国办公开办函〔2021〕30号）</td>" in page
    assert "<td>2022年度</td>" in page
    assert "卫辉市民政局<br><strong>与本机关名称“某县人民政府”不同，请确认这是本机关的报告。</strong>" in page
    assert (
        '<tr><td>第二项第二十条第（一）项 行政规范性文件·现行有效件数</td><td class="num">1</td>'
        "<td>第二项第二十条第（一）项 行政规范性文件·现行有效件数（加本年制发、减本年废止）</td>"
        "<td><code>C8</code></td></tr>"
    ) in page
    assert (
        '<tr><td>第三项四、结转下年度继续办理·总计</td><td class="num">0</td>'
        "<td>第三项二、上年结转政府信息公开申请数量·总计</td><td><code>C6</code></td></tr>"
    ) in page
    assert page.count("<code>LABEL-VARIANT</code>") == 3  # the reader's notes: 社会组织, 本年度止件数 …
    assert "本年新收政府信息公开申请数量" in page  # and the tables read
    assert "确认导入" in page and "取消" in page
    assert not Baseline.objects.exists()


def test_the_preview_survives_a_reload_without_uploading_again(
    client: Client, office: Office, alice: User
) -> None:
    logged_in(client, alice)
    token = token_on(upload(client, office).content.decode())

    reloaded = client.get(page_url(office)).content.decode()

    assert "请核对读取结果：尚未导入" in reloaded
    assert token_on(reloaded) == token
    assert not Baseline.objects.exists()


def test_confirming_stores_the_report_as_last_year_and_the_checks_use_it(
    client: Client, office: Office, alice: User
) -> None:
    logged_in(client, alice)
    token = token_on(upload(client, office).content.decode())

    confirmed = client.post(page_url(office) + "confirm/", {"token": token}, follow=True)

    page = confirmed.content.decode()
    assert "已导入2022年度报告，作为上年数据" in page
    assert "已导入：卫辉市民政局2022年报.txt" in page and "请核对读取结果" not in page
    baseline = Baseline.objects.get()
    assert (baseline.year, baseline.file_name, baseline.imported_by) == (2022, FILE_NAME, alice)
    assert [finding["code"] for finding in baseline.findings][:3] == ["LABEL-VARIANT"] * 3

    save_draft(
        body=office.county,
        year=2023,
        actor=alice,
        texts={},
        grid={"normative_documents": {"issued": "2", "repealed": "0"}},
    )
    composition = compose(body=office.county, year=2023)
    assert composition.previous is not None and composition.previous.source is PreviousSource.BASELINE
    proactive = composition.report.proactive
    assert proactive is not None
    assert proactive.value("normative_documents", "in_force") == 3  # 1 in force at the end of 2022, + 2 − 0


def test_cancelling_discards_the_preview_and_stores_nothing(
    client: Client, office: Office, alice: User
) -> None:
    logged_in(client, alice)
    token = token_on(upload(client, office).content.decode())

    cancelled = client.post(page_url(office) + "cancel/", {"token": token}, follow=True)

    page = cancelled.content.decode()
    assert "已取消导入，未保存任何内容" in page
    assert "请核对读取结果" not in page and "读取后先显示读出的内容，确认后才导入。" in page
    assert not Baseline.objects.exists()


def test_a_confirmation_after_cancelling_is_refused_as_stale(
    client: Client, office: Office, alice: User
) -> None:
    logged_in(client, alice)
    token = token_on(upload(client, office).content.decode())
    client.post(page_url(office) + "cancel/", {"token": token})

    stale = client.post(page_url(office) + "confirm/", {"token": token})

    assert stale.status_code == 409
    assert f"{STALE}（代码：<code>baseline_preview_stale</code>）" in stale.content.decode()
    assert not Baseline.objects.exists()


def test_confirming_the_page_of_a_replaced_upload_is_refused_and_the_newer_preview_waits(
    client: Client, office: Office, alice: User
) -> None:
    logged_in(client, alice)
    first = token_on(upload(client, office).content.decode())
    second = token_on(upload(client, office, name="卫辉市民政局2022年报（重新下载）.txt").content.decode())

    stale = client.post(page_url(office) + "confirm/", {"token": first})

    assert stale.status_code == 409
    assert STALE in stale.content.decode()
    assert token_on(stale.content.decode()) == second
    assert not Baseline.objects.exists()
    client.post(page_url(office) + "confirm/", {"token": second})
    assert Baseline.objects.get().file_name == "卫辉市民政局2022年报（重新下载）.txt"


def test_a_forged_confirmation_is_refused(client: Client, office: Office, alice: User) -> None:
    logged_in(client, alice)
    upload(client, office)

    for forged in ("", "猜测的令牌", "A" * 24):
        refused = client.post(page_url(office) + "confirm/", {"token": forged})
        assert refused.status_code == 409
        assert STALE in refused.content.decode()
    assert not Baseline.objects.exists()


def test_another_officers_preview_cannot_be_confirmed(
    client: Client, office: Office, alice: User, bob: User
) -> None:
    logged_in(client, alice)
    token = token_on(upload(client, office).content.decode())

    logged_in(client, bob)  # the same body's handler, in his own session
    refused = client.post(page_url(office) + "confirm/", {"token": token})

    assert refused.status_code == 409
    assert not Baseline.objects.exists()


def test_a_report_of_another_year_is_refused_with_its_code(
    client: Client, office: Office, alice: User
) -> None:
    logged_in(client, alice)

    refused = upload(client, office, year=2025)

    assert refused.status_code == 400
    assert (
        "导入的是2022年度的报告，应为2024年度的报告（代码：<code>baseline_wrong_year</code>）"
        in refused.content.decode()
    )
    assert "请核对读取结果" not in refused.content.decode()
    assert not Baseline.objects.exists()


def test_an_unreadable_file_is_refused_with_the_readers_code(
    client: Client, office: Office, alice: User
) -> None:
    logged_in(client, alice)
    old_word = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600)  # the OLE header of a .doc file
    broken_pdf = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> trailer"

    refused_doc = upload(client, office, name="2022年报.doc", data=old_word).content.decode()
    refused_pdf = upload(client, office, name="2022年报.pdf", data=broken_pdf).content.decode()
    refused_text = upload(client, office, name="说明.txt", data="本文件没有表格。".encode()).content.decode()

    assert (
        "不支持旧版 Word（.doc）文件：2022年报.doc，请另存为 .docx 后再读取（代码：<code>legacy_doc</code>）"
        in refused_doc
    )
    assert "PDF 文件已损坏或不完整，无法读取（代码：<code>corrupt_pdf</code>）" in refused_pdf
    assert (
        "未能从 说明.txt 中读出年度报告的表格（代码：<code>baseline_without_tables</code>）" in refused_text
    )
    assert not Baseline.objects.exists()
    assert "请核对读取结果" not in client.get(page_url(office)).content.decode()


def test_a_year_already_published_in_gongkai_is_not_imported_even_when_previewed_before(
    client: Client, office: Office, alice: User, hana: User
) -> None:
    logged_in(client, alice)
    token = token_on(upload(client, office).content.decode())
    texts = {"一": "概述。", "五": "问题和改进。", "六": "本年度未发出信息处理费收费通知。"}
    save_draft(body=office.county, year=2022, actor=alice, texts=texts, grid={})
    publish_report(body=office.county, year=2022, actor=hana, on=dt.date(2023, 3, 20), override_reason="测试")

    refused = client.post(page_url(office) + "confirm/", {"token": token})

    assert refused.status_code == 409
    assert "本系统已发布某县人民政府2022年度报告，无需导入（代码：<code>previous_published</code>）" in (
        refused.content.decode()
    )
    assert not Baseline.objects.exists()


def test_a_reviewer_sees_the_page_but_may_not_import(client: Client, office: Office, carol: User) -> None:
    logged_in(client, carol)

    assert client.get(page_url(office)).status_code == 200
    assert upload(client, office).status_code == 403
    assert client.post(page_url(office) + "confirm/", {"token": "x"}).status_code == 403
    assert client.post(page_url(office) + "cancel/", {"token": "x"}).status_code == 403


def test_an_officer_of_another_body_is_refused(client: Client, office: Office, dave: User) -> None:
    logged_in(client, dave)

    assert client.get(page_url(office)).status_code == 403
    assert client.post(page_url(office) + "confirm/", {"token": "x"}).status_code == 403
