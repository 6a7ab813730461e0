"""Fuzzing the readers: whatever the bytes, `parse_bytes` returns a result or raises a gongkai error.

Inputs are arbitrary bytes under every reader's name, and structured mutations of real
documents (the corpus and reports rendered by gongkai): slices, insertions, byte flips,
shuffled lines, random HTML nestings, mutated XML inside a DOCX. Any other exception is a
bug; every input that ever raised one is kept in ``tests/data/crashers`` and replayed by
`test_every_kept_crasher_now_reads_cleanly`. How long reading takes is measured in
``benchmarks/parse.py``, not here.

More examples: ``GONGKAI_FUZZ_EXAMPLES=5000 pytest tests/test_reader_fuzz.py``.
"""

from __future__ import annotations

import io
import os
import re
import zipfile
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.annual.parse import ParseResult, parse_bytes, parse_path
from gongkai.annual.parse.limits import MIB, Limits
from gongkai.annual.render import render_docx, render_html, render_markdown, render_text
from gongkai.errors import GongkaiError
from seeddata import LINGLING_2021, WEIHUI_2022

DATA = Path(__file__).parent / "data"
CRASHERS = DATA / "crashers"
NAMES = ("fuzz.txt", "fuzz.md", "fuzz.html", "fuzz.docx", "fuzz.pdf")
LIMITS = Limits(max_bytes=4 * MIB, max_unpacked_bytes=16 * MIB, max_pages=20, max_rows=20_000)
CHINESE = re.compile(r"[\u4e00-\u9fff]")
fuzz = settings(
    max_examples=int(os.environ.get("GONGKAI_FUZZ_EXAMPLES", "30")),
    deadline=None,  # time is measured in the benchmark; here only the outcome matters
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
)


def read(data: bytes, name: str) -> ParseResult | GongkaiError:
    """The clean outcome of reading, or the test fails with whatever else was raised."""
    try:
        return parse_bytes(data, name, LIMITS)
    except GongkaiError as error:
        refused = error
    assert refused.code and CHINESE.search(refused.message), (refused.code, refused.message)
    return refused


@cache
def documents() -> tuple[tuple[str, bytes], ...]:
    """Real documents to mutate: the corpus, and the seed reports rendered in every kind."""
    corpus = tuple(
        (path.name, path.read_bytes())
        for path in sorted((DATA / "corpus").iterdir())
        if path.suffix in (".txt", ".md", ".html", ".pdf")
    )
    rendered = []
    for seed in (WEIHUI_2022, LINGLING_2021):
        report = parse_path(seed).report
        rendered += [
            ("rendered.txt", render_text(report).encode()),
            ("rendered.md", render_markdown(report).encode()),
            ("rendered.html", render_html(report).encode()),
            ("rendered.docx", render_docx(report)),
        ]
    return corpus + tuple(rendered)


@cache
def corpus_lines() -> tuple[str, ...]:
    lines = set()
    for name, data in documents():
        if not name.endswith((".pdf", ".docx")):
            lines.update(data.decode("utf-8", errors="replace").splitlines())
    return tuple(sorted(lines))


@st.composite
def mutated(draw: st.DrawFn) -> tuple[bytes, str]:
    """A real document with a few random edits: cut, inserted bytes, flipped bytes, repeated chunk."""
    name, data = draw(st.sampled_from(documents()))
    buffer = bytearray(data)
    for _ in range(draw(st.integers(1, 4))):
        size = len(buffer)
        start = draw(st.integers(0, size))
        end = draw(st.integers(start, min(size, start + 4096)))
        edit = draw(st.sampled_from(("cut", "insert", "flip", "repeat", "truncate")))
        if edit == "cut":
            del buffer[start:end]
        elif edit == "insert":
            buffer[start:start] = draw(st.binary(min_size=1, max_size=64))
        elif edit == "flip" and size:
            for position in draw(st.lists(st.integers(0, size - 1), min_size=1, max_size=16)):
                buffer[position] ^= draw(st.integers(1, 255))
        elif edit == "repeat":
            buffer[end:end] = buffer[start:end] * draw(st.integers(1, 8))
        elif edit == "truncate":
            del buffer[start:]
    return bytes(buffer), draw(st.sampled_from((name, *NAMES)))


_TAGS = (
    "html",
    "body",
    "div",
    "p",
    "span",
    "font",
    "table",
    "tbody",
    "thead",
    "tr",
    "td",
    "th",
    "br",
    "b",
    "o:p",
)
_CELL_TEXT = st.sampled_from(
    (
        "",
        " ",
        "0",
        "12",
        "1.5",
        "增",
        "总计",
        "自然人",
        "（三）不予公开",
        "一、本年新收政府信息公开申请数量",
        "&nbsp;",
        "&#x4e00;",
    )
)


@st.composite
def html_tree(draw: st.DrawFn, depth: int = 0) -> str:
    tag = draw(st.sampled_from(_TAGS))
    attributes = ""
    if tag in ("td", "th"):
        span = draw(st.sampled_from(("", "0", "1", "2", "7", "-1", "x", "99999", "3 ")))
        kind = draw(st.sampled_from(("rowspan", "colspan")))
        attributes = f' {kind}="{span}"'
    children = []
    if depth < 6:
        for _ in range(draw(st.integers(0, 4))):
            if draw(st.booleans()):
                children.append(draw(html_tree(depth + 1)))
            else:
                children.append(draw(_CELL_TEXT))
    closing = "" if draw(st.integers(0, 9)) == 0 else f"</{tag}>"  # sometimes left open
    return f"<{tag}{attributes}>{''.join(children)}{closing}"


@cache
def docx_parts() -> dict[str, bytes]:
    source = next(data for name, data in documents() if name == "rendered.docx")
    with zipfile.ZipFile(io.BytesIO(source)) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


@st.composite
def docx_with_mutated_xml(draw: st.DrawFn) -> bytes:
    """A DOCX whose zip is sound but whose document XML is cut or spliced."""
    parts = dict(docx_parts())
    xml = parts["word/document.xml"]
    start = draw(st.integers(0, len(xml)))
    end = draw(st.integers(start, min(len(xml), start + 2000)))
    replacement = draw(
        st.sampled_from((b"", b"<w:p>", b"</w:tbl>", b"<w:tc><w:tc>", b"&bogus;", b"\xff\xfe"))
    )
    parts["word/document.xml"] = xml[:start] + replacement + xml[end:]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return out.getvalue()


@fuzz
@given(st.binary(max_size=4096), st.sampled_from(NAMES))
def test_arbitrary_bytes_read_cleanly_under_every_name(data, name):
    read(data, name)


@fuzz
@given(
    st.sampled_from((b"%PDF-1.", b"PK\x03\x04", b"\xef\xbb\xbf", b"\xff\xfe", b"<html>")),
    st.binary(max_size=2048),
)
def test_bytes_behind_a_known_signature_read_cleanly(signature, data):
    read(signature + data, "fuzz.txt")


@fuzz
@given(mutated())
def test_mutated_real_documents_read_cleanly(case):
    read(*case)


@fuzz
@given(st.lists(st.sampled_from(corpus_lines()), max_size=200), st.sampled_from(("fuzz.txt", "fuzz.md")))
def test_shuffled_lines_of_real_reports_read_cleanly(lines, name):
    read("\n".join(lines).encode(), name)


@fuzz
@given(st.lists(html_tree(), min_size=1, max_size=4))
def test_random_html_nestings_read_cleanly(trees):
    read("".join(trees).encode(), "fuzz.html")


@fuzz
@given(docx_with_mutated_xml())
def test_docx_with_mutated_document_xml_reads_cleanly(data):
    read(data, "fuzz.docx")


def _crashers() -> list[Path]:
    return sorted(path for path in CRASHERS.iterdir() if path.name != "README.md")


@pytest.mark.parametrize("path", _crashers(), ids=lambda path: path.name)
def test_every_kept_crasher_now_reads_cleanly(path):
    read(path.read_bytes(), path.name)
