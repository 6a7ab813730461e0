"""Bad input ends in a clear error (stable code, Chinese message) or a finding, within the limits.

Every hostile file is made here, small or sparse: nothing big is checked in. Each is read
directly with `parse_bytes` / `parse_path`, and all of them together through the batch, whose
workers bound each document in wall time and memory.
"""

from __future__ import annotations

import io
import random
import re
import tracemalloc
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfWriter

from gongkai.annual.batch import plan_batch, run_batch
from gongkai.annual.codes import ReaderCode
from gongkai.annual.parse import parse_bytes, parse_path
from gongkai.annual.parse.limits import MIB, Limits
from gongkai.annual.render import render_docx
from gongkai.errors import ReadError
from seeddata import WEIHUI_2022

CORPUS = Path(__file__).parent / "data" / "corpus"
CHINESE = re.compile(r"[\u4e00-\u9fff]")
SMALL = Limits(max_unpacked_bytes=8 * MIB, max_pages=50, seconds=30.0, memory_bytes=1024 * MIB)


def refusal(data: bytes, name: str, limits: Limits = SMALL) -> tuple[str, str]:
    """The code of the ReadError reading ``data`` as ``name`` raises, and whether its message is Chinese."""
    with pytest.raises(ReadError) as raised:
        parse_bytes(data, name, limits)
    return raised.value.code, "chinese" if CHINESE.search(raised.value.message) else raised.value.message


def refusal_and_peak(data: bytes, name: str) -> tuple[str, str, str]:
    """`refusal`, and whether the Python heap stayed under ``max_unpacked_bytes`` meanwhile."""
    tracemalloc.start()
    try:
        outcome = refusal(data, name)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return (*outcome, "within the unpacked limit" if peak < SMALL.max_unpacked_bytes else f"peak {peak}")


def weihui_docx() -> bytes:
    return render_docx(parse_path(WEIHUI_2022).report)


def garbage(size: int = 4096, *, seed: int = 3) -> bytes:
    return random.Random(seed).randbytes(size)


def blank_pdf(pages: int) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(595, 842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def encrypted_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def zip_bomb(unpacked: int) -> bytes:
    """A DOCX-shaped zip whose document part inflates to ``unpacked`` bytes of spaces."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        with archive.open("word/document.xml", "w", force_zip64=True) as part:
            chunk = b" " * MIB
            for _ in range(unpacked // MIB):
                part.write(chunk)
    return out.getvalue()


def nested_html(depth: int) -> bytes:
    return b"<html><body>" + b"<div>" * depth + "深".encode() + b"</div>" * depth + b"</body></html>"


@pytest.mark.parametrize("name", ["report.txt", "report.md", "report.html", "report.docx", "report.pdf"])
@pytest.mark.parametrize("data", [b"", b" \n\t\r\n  "])
def test_an_empty_file_is_refused_as_empty_whatever_its_name(data, name):
    assert refusal(data, name) == ("empty_document", "chinese")


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("scan.txt", "binary_content"),
        ("scan.md", "binary_content"),
        ("scan.html", "binary_content"),
        ("scan.pdf", "corrupt_pdf"),
        ("scan.docx", "corrupt_docx"),
    ],
)
def test_binary_garbage_is_refused_with_a_code_naming_what_is_wrong(name, code):
    assert refusal(garbage(), name) == (code, "chinese")


@pytest.mark.parametrize("magic", [b"%PDF-1.7\n", b"PK\x03\x04"])
def test_garbage_behind_a_pdf_or_zip_signature_is_refused_whatever_the_name(magic):
    data = magic + garbage()
    expected = "corrupt_pdf" if magic.startswith(b"%PDF") else "corrupt_docx"
    assert refusal(data, "report.txt") == (expected, "chinese")


def test_a_web_page_named_txt_is_read_as_a_web_page():
    page = (CORPUS / "018.html").read_bytes()
    as_txt = parse_bytes(page, "018.txt")
    assert (as_txt.kind, as_txt.report) == ("html", parse_bytes(page, "018.html").report)


def test_a_docx_named_txt_is_read_as_a_docx():
    document = weihui_docx()
    as_txt = parse_bytes(document, "report.txt")
    assert (as_txt.kind, as_txt.report) == ("docx", parse_bytes(document, "report.docx").report)


def test_a_text_report_named_pdf_is_read_as_text():
    text = WEIHUI_2022.read_bytes()
    as_pdf = parse_bytes(text, "report.pdf")
    assert (as_pdf.kind, as_pdf.report) == ("text", parse_bytes(text, "report.txt").report)


def test_a_truncated_docx_is_refused_as_unreadable():
    document = weihui_docx()
    assert refusal(document[: len(document) // 2], "report.docx") == ("corrupt_docx", "chinese")


def test_a_zip_bomb_is_refused_by_its_unpacked_size_before_it_is_inflated():
    bomb = zip_bomb(32 * MIB)
    assert len(bomb) < MIB // 4
    assert refusal_and_peak(bomb, "report.docx") == ("zip_bomb", "chinese", "within the unpacked limit")


def test_a_zip_bomb_lying_about_its_unpacked_size_is_still_stopped():
    bomb = zip_bomb(32 * MIB)
    for width in (8, 4):  # the zip64 size in the local header, the plain one in the central directory
        bomb = bomb.replace((32 * MIB).to_bytes(width, "little"), (1000).to_bytes(width, "little"))
    with zipfile.ZipFile(io.BytesIO(bomb)) as archive:
        assert archive.getinfo("word/document.xml").file_size == 1000
    # Inflating stops at the declared 1000 bytes, and the part then fails its checksum.
    assert refusal_and_peak(bomb, "report.docx") == ("corrupt_docx", "chinese", "within the unpacked limit")


def test_an_encrypted_pdf_is_refused_as_encrypted():
    assert refusal(encrypted_pdf(), "report.pdf") == ("encrypted_pdf", "chinese")


def test_a_pdf_of_2000_pages_is_refused_by_its_page_count():
    assert refusal(blank_pdf(2000), "report.pdf") == ("too_many_pages", "chinese")


def test_html_nested_100000_levels_deep_is_refused_as_too_deep():
    assert refusal(nested_html(100_000), "deep.html") == ("too_deep", "chinese")


def test_html_nested_within_the_limit_is_read():
    result = parse_bytes(nested_html(SMALL.max_nesting - 10), "shallow.html", SMALL)
    assert [finding.code for finding in result.findings if finding.code == ReaderCode.TABLE_MISSING] == [
        ReaderCode.TABLE_MISSING
    ] * 3


def test_a_100_mb_file_is_refused_by_its_size_without_being_read(tmp_path):
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as stream:
        stream.truncate(100 * MIB)  # sparse: costs no disk and no time
    tracemalloc.start()
    try:
        with pytest.raises(ReadError) as raised:
            parse_path(huge)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert raised.value.code == "too_large"
    assert peak < MIB


def test_random_bytes_without_nul_bytes_are_refused_as_undecodable_text():
    noise = bytes(byte for byte in garbage(8192, seed=5) if byte != 0)
    assert refusal(noise, "noise.txt") == ("undecodable_text", "chinese")


def test_printable_noise_is_read_and_reported_as_holding_no_report():
    noise = "".join(random.Random(7).choices("的一是在不了有和人这中大为上个国我以要他 \n", k=20_000))
    result = parse_bytes(noise.encode(), "noise.txt")
    assert [f.code for f in result.findings if f.code == ReaderCode.TABLE_MISSING] == [
        ReaderCode.TABLE_MISSING
    ] * 3


def test_the_batch_reads_every_hostile_file_to_a_clear_record_within_the_limits(tmp_path):
    folder = tmp_path / "hostile"
    folder.mkdir()
    files = {
        "empty.txt": b"",
        "garbage.pdf": garbage(),
        "garbage.docx": garbage(),
        "garbage.html": garbage(),
        "truncated.docx": weihui_docx()[:5000],
        "bomb.docx": zip_bomb(32 * MIB),
        "encrypted.pdf": encrypted_pdf(),
        "pages.pdf": blank_pdf(2000),
        "deep.html": nested_html(100_000),
        "good.txt": WEIHUI_2022.read_bytes(),
    }
    for name, data in files.items():
        (folder / name).write_bytes(data)
    with (folder / "huge.txt").open("wb") as stream:
        stream.truncate(100 * MIB)
    results = tmp_path / "results.jsonl"
    plan = plan_batch([folder], results, max_bytes=SMALL.max_bytes)
    outcomes = {
        Path(outcome.file).name: outcome.error_code
        for outcome in run_batch(plan, jobs=2, limits=SMALL, check=True)
    }
    assert outcomes == {
        "bomb.docx": "zip_bomb",
        "deep.html": "too_deep",
        "empty.txt": "empty_document",
        "encrypted.pdf": "encrypted_pdf",
        "garbage.docx": "corrupt_docx",
        "garbage.html": "binary_content",
        "garbage.pdf": "corrupt_pdf",
        "good.txt": None,
        "huge.txt": "too_large",
        "pages.pdf": "too_many_pages",
        "truncated.docx": "corrupt_docx",
    }
