"""Real attachments made for the tests: a 救助名单 DOCX, a 发放明细 XLSX, a clean notice as PDF, a PNG.

The identity number and the bank card are generated with valid check characters (GB 11643, Luhn)
and belong to nobody.
"""

from __future__ import annotations

from io import BytesIO

import docx
from openpyxl import Workbook
from weasyprint import HTML  # type: ignore[import-untyped]

from gongkai.identity import resident_id_check_character

FIRST_17 = "41078119850612031"
IDENTITY = FIRST_17 + resident_id_check_character(FIRST_17)
CARD = "6222021234567890128"
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
    b"\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"
)
NOTICE_TITLE = "关于2024年义务教育学区划分的通知"


def subsidy_list_docx() -> bytes:
    """A 公示 of 临时救助: a paragraph, then a table naming one person with her identity number."""
    document = docx.Document()
    document.add_paragraph("2024年度困难群众临时救助名单公示")
    table = document.add_table(rows=2, cols=3)
    for cell, text in zip(table.rows[0].cells, ["姓名", "身份证号码", "救助金额（元）"], strict=True):
        cell.text = text
    for cell, text in zip(table.rows[1].cells, ["李秀英", IDENTITY, "1500"], strict=True):
        cell.text = text
    out = BytesIO()
    document.save(out)
    return out.getvalue()


def payment_xlsx() -> bytes:
    """A sheet of payments: the householder, the bank and the card number the money went to."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "发放明细"
    sheet.append(["户主", "开户银行", "银行卡号", "金额"])
    sheet.append(["王建国", "中国工商银行", CARD, 3200])
    out = BytesIO()
    workbook.save(out)
    return out.getvalue()


def clean_pdf() -> bytes:
    """A notice without personal data, typeset by WeasyPrint (a real text layer)."""
    html = f"<html><body><h1>{NOTICE_TITLE}</h1><p>各乡镇人民政府：学区划分见附表。</p></body></html>"
    return bytes(HTML(string=html).write_pdf())


def scanned_pdf() -> bytes:
    """A PDF holding only an image, as a scanner makes: no text layer."""
    png = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGP4DwAAAQEABRjYTgAAAABJRU5ErkJggg=="
    return bytes(HTML(string=f'<img src="{png}" style="width:300px">').write_pdf())
