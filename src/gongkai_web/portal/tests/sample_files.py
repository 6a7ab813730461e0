"""Real files of every kind the portal takes or refuses, made in memory for the tests."""

from __future__ import annotations

import io
import struct
import zipfile

import docx
import openpyxl
from PIL import Image
from pypdf import PdfWriter


def pdf() -> bytes:
    """A one-page A4 PDF, as a scanner or a word processor writes it."""
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def png(size: tuple[int, int] = (64, 48)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(out, format="PNG")
    return out.getvalue()


def jpeg(size: tuple[int, int] = (64, 48)) -> bytes:
    out = io.BytesIO()
    Image.effect_noise(size, 64).convert("RGB").save(out, format="JPEG", quality=85)
    return out.getvalue()


def jpeg_with_thumbnail() -> bytes:
    """A photo with an EXIF-style APP1 segment holding a whole small JPEG (its own end marker)."""
    photo, thumbnail = jpeg((320, 240)), jpeg((16, 12))
    payload = b"Exif\x00\x00" + thumbnail
    app1 = b"\xff\xe1" + struct.pack(">H", len(payload) + 2) + payload
    return photo[:2] + app1 + photo[2:]


def docx_file(text: str = "申请公开的政府信息：2024年本县城区义务教育学校招生划片范围") -> bytes:
    document = docx.Document()
    document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def xlsx() -> bytes:
    workbook = openpyxl.Workbook()
    workbook.active["A1"] = "学校名单"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def zip_of(names: list[str]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name in names:
            archive.writestr(name, "x")
    return out.getvalue()


def old_word() -> bytes:
    """The start of an OLE2 compound file (.doc, .xls)."""
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504


def gif() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8)).save(out, format="GIF")
    return out.getvalue()


def utf8_text() -> bytes:
    return "申请人：张三\n申请公开：2024年本县财政预算执行情况\n".encode()


def gb18030_text() -> bytes:
    return "申请人：李四\r\n联系电话见申请表\r\n".encode("gb18030")
