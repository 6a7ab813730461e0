"""Open data of a supervisor's scope: every cell of every latest report on a year as CSV and XLSX in
long form, the canonical JSON, and the same through the API (token of a supervisor)."""

from __future__ import annotations

import csv
import hashlib
import io
import json

import pytest
from django.test import Client
from openpyxl import load_workbook

from gongkai.annual.longform import COLUMNS
from gongkai_web.accounts.models import User
from gongkai_web.api.services import issue_api_token
from gongkai_web.bodies.models import Body
from gongkai_web.oversight.services import receive_batch
from gongkai_web.oversight.tests.conftest import HONGZE_2023_PDF, HONGZE_2024, HUAIAN_2024, Commit, upload
from gongkai_web.personas import logged_in

pytestmark = pytest.mark.usefixtures("immediate_tasks")

CITY_CELLS = 10 + 25 * 7 + 3 * 5  # 005.txt, the 2021 format: sections 二, 三, 四
COUNTY_CELLS = 10 + 23 * 7 + 3 * 5  # 017.txt, mixed: section 三 in the 2019 layout (one （六） row)
BROKEN = HONGZE_2023_PDF[1].read_bytes()[:4096]  # a published PDF cut off: unreadable


@pytest.fixture
def received(sam: User, jiangsu: dict[str, Body], django_capture_on_commit_callbacks: Commit) -> None:
    """淮安市 2024 and 洪泽区 2024 as published; 岔河镇 sent a broken PDF."""
    with django_capture_on_commit_callbacks(execute=True):
        receive_batch(
            actor=sam,
            uploads=[upload(HUAIAN_2024[0], HUAIAN_2024[1].read_bytes()), upload(*_hongze())],
            year=2024,
        )
        receive_batch(
            actor=sam,
            uploads=[upload("岔河镇年报.pdf", BROKEN)],
            year=2024,
            body=jiangsu["淮安市洪泽区岔河镇人民政府"],
        )


def _hongze() -> tuple[str, bytes]:
    return HONGZE_2024[0], HONGZE_2024[1].read_bytes()


def test_the_csv_has_every_cell_of_each_body_in_the_hierarchys_order(
    client: Client, sam: User, received: None
) -> None:
    response = logged_in(client, sam).get("/office/oversight/2024/opendata.csv")
    assert response["Content-Disposition"] == 'attachment; filename="gongkai-2024-cells.csv"'
    content = b"".join(response.streaming_content)  # type: ignore[attr-defined]
    assert content.startswith("\ufeff".encode())  # Excel opens it as UTF-8
    rows = list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))
    assert list(rows[0]) == list(COLUMNS)
    bodies = [row["body"] for row in rows]
    assert bodies == ["淮安市人民政府"] * CITY_CELLS + ["淮安市洪泽区人民政府"] * COUNTY_CELLS + [""]
    first = next(row for row in rows if row["row"] == "new_received" and row["column"] == "natural_person")
    assert (first["level"], first["year"], first["format"], first["table"], first["value"]) == (
        "市级",
        "2024",
        "2021",
        "applications",
        "3001",
    )
    assert first["file"] == HUAIAN_2024[0]
    assert first["sha256"] == hashlib.sha256(HUAIAN_2024[1].read_bytes()).hexdigest()
    assert (rows[-1]["file"], rows[-1]["error_code"]) == ("岔河镇年报.pdf", "corrupt_pdf")


def test_the_xlsx_has_the_same_rows_with_numbers_as_numbers(
    client: Client, sam: User, received: None
) -> None:
    response = logged_in(client, sam).get("/office/oversight/2024/opendata.xlsx")
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)  # type: ignore[attr-defined]
    rows = list(book["cells"].iter_rows(values_only=True))
    assert rows[0] == COLUMNS
    assert len(rows) == 1 + CITY_CELLS + COUNTY_CELLS + 1
    county = [
        row
        for row in rows
        if row[0] == "淮安市洪泽区人民政府" and row[5] == "new_received" and row[6] == "total"
    ]
    assert county == [county[0]]
    assert (county[0][1], county[0][3], county[0][9]) == ("县级", "mixed", 95)


def test_the_canonical_json_gives_each_report_as_stored(client: Client, sam: User, received: None) -> None:
    response = logged_in(client, sam).get("/office/oversight/2024/opendata.json")
    document = json.loads(b"".join(response.streaming_content))  # type: ignore[attr-defined]
    assert document["year"] == 2024
    assert [(r["body"], r["level"], r["reading"]) for r in document["reports"]] == [
        ("淮安市人民政府", "市级", 1),
        ("淮安市洪泽区人民政府", "县级", 1),
        ("淮安市洪泽区岔河镇人民政府", "乡级", 1),
    ]
    assert document["reports"][0]["report"]["applications"]["new_received"]["natural_person"] == 3001
    assert document["reports"][2]["error"]["code"] == "corrupt_pdf"


def test_a_county_supervisor_downloads_only_the_header(client: Client, sue: User, received: None) -> None:
    response = logged_in(client, sue).get("/office/oversight/2024/opendata.csv")
    assert b"".join(response.streaming_content).decode("utf-8-sig").splitlines() == [",".join(COLUMNS)]  # type: ignore[attr-defined]
    assert client.get("/office/oversight/2024/opendata.pdf").status_code == 404


def test_the_api_gives_the_cells_and_reports_to_a_supervisors_token_only(
    client: Client, sam: User, nora: User, received: None
) -> None:
    token = issue_api_token(user=sam, name="研究").value
    cells = client.get("/api/v1/oversight/2024/cells", headers={"Authorization": f"Bearer {token}"}).json()
    assert cells["columns"] == list(COLUMNS)
    assert len(cells["rows"]) == CITY_CELLS + COUNTY_CELLS + 1
    first = next(
        row for row in cells["rows"] if row["row"] == "new_received" and row["column"] == "natural_person"
    )
    assert (first["body"], first["value"], first["unit"]) == ("淮安市人民政府", "3001", None)
    reports = client.get("/api/v1/oversight/2024/reports", headers={"Authorization": f"Bearer {token}"})
    assert [r["body"] for r in json.loads(b"".join(reports.streaming_content))["reports"]] == [  # type: ignore[attr-defined]
        "淮安市人民政府",
        "淮安市洪泽区人民政府",
        "淮安市洪泽区岔河镇人民政府",
    ]
    assert client.get("/api/v1/oversight/2024/cells").status_code == 401
    other = issue_api_token(user=nora, name="无监督").value
    refused = client.get("/api/v1/oversight/2024/cells", headers={"Authorization": f"Bearer {other}"})
    assert (refused.status_code, refused.json()["code"]) == (403, "not_permitted")
