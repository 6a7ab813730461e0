"""Importing the lists 人大/政协 offices send: every bad row reported, nothing half-imported, idempotent."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from gongkai_web.accounts.models import User
from gongkai_web.personas import Office
from gongkai_web.proposals.models import Proposal

HEADER = ["建议号", "案由", "领衔代表", "届次", "主办单位", "协办单位", "交办日期", "办理期限"]
GOOD: list[list[object]] = [
    ["58", "关于加快城区学校扩容建设的建议", "李明等5名代表", "十届人大三次会议", "教育股", "办公室", "2025年3月20日", None],
    ["61", "关于规范农村宅基地审批公开的建议", "王红", "十届人大三次会议", "办公室", None, dt.date(2025, 3, 20),
     "2025-05-31"],
]  # fmt: skip


def xlsx(rows: list[list[object]]) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in [HEADER, *rows]:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def upload(client: Client, office: Office, content: bytes, kind: str = "npc") -> object:
    file = SimpleUploadedFile("交办清单.xlsx", content)
    return client.post(f"/office/proposals/{office.county.pk}/import/", {"kind": kind, "file": file})


def test_a_list_imports_with_derived_due_dates_and_a_second_import_changes_nothing(
    client: Client, office: Office, alice: User
) -> None:
    client.force_login(alice)
    response = upload(client, office, xlsx(GOOD))
    assert response.status_code == 302  # type: ignore[attr-defined]
    stored = {p.number: p for p in Proposal.objects.all()}
    assert stored["58"].due_on == dt.date(2025, 6, 20)  # three months after 交办
    assert [co.due_on for co in stored["58"].co_handlings.all()] == [dt.date(2025, 4, 20)]
    assert stored["61"].due_on == dt.date(2025, 5, 31)  # as the list says
    response = upload(client, office, xlsx(GOOD))
    assert response.status_code == 302  # type: ignore[attr-defined]
    assert Proposal.objects.count() == 2
    page = client.get(response["Location"], follow=True).content.decode()  # type: ignore[index]
    assert "新登记 0 件，已登记且内容相同 2 件" in page


def test_every_bad_row_is_reported_and_nothing_is_imported(
    client: Client, office: Office, alice: User
) -> None:
    bad: list[list[object]] = [
        GOOD[0],
        ["59", "关于校车的建议", "", "十届人大三次会议", "交通股", "办公室", "2025-02-30", None],
        ["58", "重复编号", "张三", "十届人大三次会议", "教育股", "教育股", "2025-03-20", "2025-03-01"],
    ]
    client.force_login(alice)
    response = upload(client, office, xlsx(bad))
    assert response.status_code == 400  # type: ignore[attr-defined]
    page = response.content.decode()  # type: ignore[attr-defined]
    for row, column, code in [
        (3, "代表或委员", "value_missing"),
        (3, "主办单位", "department_unknown"),
        (3, "交办日期", "date_invalid"),
        (4, "协办单位", "lead_also_co_handling"),
        (4, "办理期限", "due_before_assigned"),
        (4, "编号", "duplicate_in_file"),
    ]:
        assert f"<td>第 {row} 行</td><td>{column}</td>" in page and code in page, (row, column, code)
    assert not Proposal.objects.exists()


def test_a_row_registered_already_with_other_content_blocks_the_whole_file(
    client: Client, office: Office, alice: User
) -> None:
    client.force_login(alice)
    upload(client, office, xlsx(GOOD[:1]))
    changed = [[*GOOD[0][:1], "另一个标题", *GOOD[0][2:]], GOOD[1]]
    response = upload(client, office, xlsx(changed))
    assert response.status_code == 400  # type: ignore[attr-defined]
    assert "conflicts_with_stored" in response.content.decode()  # type: ignore[attr-defined]
    assert list(Proposal.objects.values_list("number", "title")) == [("58", "关于加快城区学校扩容建设的建议")]


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b" \n", "file_empty"),
        (b"PK\x03\x04broken", "file_not_table"),
        ("编号,标题\n1,x\n".encode(), "missing_columns"),
    ],
)
def test_a_file_that_is_no_list_is_refused_with_its_code(
    client: Client, office: Office, alice: User, content: bytes, code: str
) -> None:
    client.force_login(alice)
    response = upload(client, office, content)
    assert response.status_code == 400  # type: ignore[attr-defined]
    assert code in response.content.decode()  # type: ignore[attr-defined]
