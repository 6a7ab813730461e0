"""The text of attachments for the publication gate: real files made here, read within bounds."""

from __future__ import annotations

import hashlib
import zipfile
from io import BytesIO

from attachmentfiles import CARD, IDENTITY, PNG, clean_pdf, payment_xlsx, scanned_pdf, subsidy_list_docx
from gongkai.annual.parse.limits import MIB
from gongkai.filetext import ATTACHMENT_LIMITS, NamedFile, extract_bounded, extract_text
from gongkai.screening.numbers import luhn_is_valid


def test_the_card_used_here_is_luhn_valid() -> None:
    assert luhn_is_valid(CARD)


def test_a_docx_table_reads_as_tab_separated_rows_under_its_paragraphs() -> None:
    read = extract_text(NamedFile("救助名单.docx", subsidy_list_docx()))
    assert (read.readable, read.text) == (
        True,
        f"2024年度困难群众临时救助名单公示\n姓名\t身份证号码\t救助金额（元）\n李秀英\t{IDENTITY}\t1500",
    )


def test_an_xlsx_reads_every_sheet_name_and_cell_with_numbers_as_written() -> None:
    read = extract_text(NamedFile("发放明细.xlsx", payment_xlsx()))
    assert (read.readable, read.text) == (
        True,
        f"发放明细\n户主\t开户银行\t银行卡号\t金额\n王建国\t中国工商银行\t{CARD}\t3200",
    )


def test_a_pdf_text_layer_is_read() -> None:
    read = extract_text(NamedFile("通知.pdf", clean_pdf()))
    assert read.readable
    assert "关于2024年义务教育学区划分的通知" in read.text
    assert "各乡镇人民政府：学区划分见附表。" in read.text


def test_gb18030_text_is_decoded() -> None:
    read = extract_text(NamedFile("说明.txt", "联系人：赵六，身份证号".encode("gb18030")))
    assert (read.readable, read.text) == (True, "联系人：赵六，身份证号")


def test_an_image_is_unreadable_and_says_so() -> None:
    read = extract_text(NamedFile("公示照片.png", PNG))
    assert (read.readable, read.problem, read.message, read.text) == (
        False,
        "image",
        "PNG 图片中的文字无法自动读取",
        "",
    )


def test_a_pdf_of_images_only_is_unreadable_as_having_no_text_layer() -> None:
    read = extract_text(NamedFile("扫描件.pdf", scanned_pdf()))
    assert (read.readable, read.problem) == (False, "pdf_no_text")


def test_a_broken_pdf_and_an_unknown_binary_are_unreadable_with_their_codes() -> None:
    broken = extract_text(NamedFile("坏.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"))
    binary = extract_text(NamedFile("数据.bin", b"\x00\x01\x02\x03" * 100))
    assert (broken.problem, binary.problem) == ("corrupt_pdf", "unknown_kind")


def test_an_xlsx_zip_bomb_is_refused_before_unpacking() -> None:
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * (20 * MIB))
    read = extract_text(NamedFile("炸弹.xlsx", out.getvalue()))
    assert read.problem == "zip_bomb"
    assert read.message.startswith("Excel 工作簿的部件 xl/worksheets/sheet1.xml 压缩比异常")


def test_a_file_over_the_size_limit_is_unreadable() -> None:
    read = extract_text(NamedFile("大.txt", b"a" * (ATTACHMENT_LIMITS.max_bytes + 1)))
    assert read.problem == "too_large"


def test_files_read_in_a_bounded_worker_keep_their_order_and_digests() -> None:
    files = [NamedFile("救助名单.docx", subsidy_list_docx()), NamedFile("照片.png", PNG)]
    read = extract_bounded(files)
    assert [(item.name, item.problem) for item in read] == [("救助名单.docx", ""), ("照片.png", "image")]
    assert IDENTITY in read[0].text
    assert read[1].sha256 == hashlib.sha256(PNG).hexdigest()
