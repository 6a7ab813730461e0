"""Reports given as URLs: fetched by the background task from a real local HTTP server, bounded in
time, size, redirects and addresses, then stored, deduplicated and read as uploaded files are."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from gongkai_web.accounts.models import User
from gongkai_web.bodies.models import Body
from gongkai_web.oversight import fetching
from gongkai_web.oversight.models import Document, Reading
from gongkai_web.oversight.services import receive_batch, url_lines
from gongkai_web.oversight.tests.conftest import CORPUS, HONGZE_2023, Commit, upload

REPORT_TXT = HONGZE_2023[1].read_bytes()
# A real page (018.html declares no charset) as a GBK site serves it: the charset only in the header.
REPORT_GBK = (CORPUS / "018.html").read_bytes().decode("utf-8").encode("gb18030")
CAP = 2**20  # the tests' size cap


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        path = self.path
        if path == "/nianbao/2023.txt":
            self._send(200, REPORT_TXT, "text/plain; charset=utf-8")
        elif path == "/art/2024/3/1/art_123.html":
            self._send(200, REPORT_GBK, "text/html; charset=GBK")
        elif path == "/moved":
            self._send(302, b"", "text/plain", location="/nianbao/2023.txt")
        elif path.startswith("/loop"):
            self._send(302, b"", "text/plain", location=f"/loop{len(path)}")
        elif path == "/to-ftp":
            self._send(301, b"", "text/plain", location="ftp://example.org/report.txt")
        elif path == "/slow":
            self._drip()
        elif path == "/big":
            self._stream_without_length(CAP * 4)
        else:
            self._send(404, "未找到".encode(), "text/plain; charset=utf-8")

    def _send(self, status: int, body: bytes, content_type: str, location: str = "") -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        if location:
            self.send_header("Location", location)
        self.end_headers()
        self.wfile.write(body)

    def _drip(self) -> None:
        """A byte every 0.1 s, each well within any per-read timeout, for far longer than the deadline."""
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.end_headers()
        try:
            for _ in range(600):
                self.wfile.write(b"x")
                self.wfile.flush()
                time.sleep(0.1)
        except OSError:
            pass

    def _stream_without_length(self, size: int) -> None:
        self.protocol_version = "HTTP/1.0"
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.end_headers()
        try:
            for _ in range(size // 1024):
                self.wfile.write(b"0" * 1024)
        except OSError:
            pass


@pytest.fixture
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


LOCAL = fetching.Limits(seconds=2.0, max_bytes=CAP, allow_private=True)


def refusal(url: str, limits: fetching.Limits = LOCAL) -> str:
    with pytest.raises(fetching.FetchError) as caught:
        fetching.fetch(url, limits)
    return caught.value.code


def test_a_url_gives_the_servers_bytes_with_a_name_the_reader_chooses_by(server: str) -> None:
    fetched = fetching.fetch(f"{server}/nianbao/2023.txt", LOCAL)
    assert (fetched.name, fetched.content_type, fetched.data) == (
        "2023.txt",
        "text/plain; charset=utf-8",
        REPORT_TXT,
    )


def test_a_redirect_is_followed_to_the_report(server: str) -> None:
    fetched = fetching.fetch(f"{server}/moved", LOCAL)
    assert (fetched.url, fetched.data) == (f"{server}/nianbao/2023.txt", REPORT_TXT)


def test_a_page_whose_header_alone_names_its_charset_keeps_it(server: str) -> None:
    fetched = fetching.fetch(f"{server}/art/2024/3/1/art_123.html", LOCAL)
    assert fetched.name == "art_123.html"
    assert fetched.data == b'<meta charset="gbk">\n' + REPORT_GBK


def test_a_charset_the_page_declares_itself_is_left_alone() -> None:
    page = b'<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head>'
    assert fetching.declare_charset(page, "utf-8") == page


@pytest.mark.parametrize(
    ("path", "code"),
    [
        ("/missing", "http_404"),
        ("/loop", "url_too_many_redirects"),
        ("/to-ftp", "url_scheme"),
        ("/big", "url_too_large"),
    ],
)
def test_a_url_that_gives_no_report_is_refused_with_a_stable_code(server: str, path: str, code: str) -> None:
    assert refusal(f"{server}{path}") == code


def test_a_server_dripping_bytes_is_cut_off_at_the_deadline(server: str) -> None:
    started = time.monotonic()
    assert (
        refusal(f"{server}/slow", fetching.Limits(seconds=1.0, max_bytes=CAP, allow_private=True))
        == "url_timeout"
    )
    assert time.monotonic() - started < 3.0  # the drip would last a minute


def test_loopback_and_private_addresses_are_refused_unless_allowed(server: str) -> None:
    port = server.rsplit(":", 1)[1]
    for host in ("127.0.0.1", "localhost", "10.1.2.3", "169.254.169.254", "[::1]"):
        assert refusal(f"http://{host}:{port}/nianbao/2023.txt", fetching.Limits(seconds=2.0)) == (
            "url_address_refused"
        ), host


def test_only_http_and_https_are_fetched() -> None:
    assert refusal("file:///etc/passwd") == "url_scheme"
    assert refusal("ftp://example.org/report.txt") == "url_scheme"


def test_a_list_of_urls_is_one_a_line_without_blanks_header_or_repeats() -> None:
    text = "网址,机关\nhttp://a.example/1.html,某局\n\n  https://b.example/2.pdf  \nhttp://a.example/1.html\n"
    assert url_lines(text) == ["http://a.example/1.html", "https://b.example/2.pdf"]


@pytest.mark.usefixtures("immediate_tasks")
def test_fetched_reports_are_read_deduplicated_and_failures_kept_per_file(
    sam: User,
    jiangsu: dict[str, Body],
    server: str,
    settings: Any,
    django_capture_on_commit_callbacks: Commit,
) -> None:
    settings.OVERSIGHT_FETCH_ALLOW_PRIVATE = True
    name, path = HONGZE_2023
    with django_capture_on_commit_callbacks(execute=True):
        uploaded = receive_batch(
            actor=sam,
            uploads=[upload(name, path.read_bytes()), upload("018.html", (CORPUS / "018.html").read_bytes())],
            year=2023,
        )
    urls = [f"{server}/nianbao/2023.txt", f"{server}/missing", f"{server}/art/2024/3/1/art_123.html"]
    with django_capture_on_commit_callbacks(execute=True):
        batch = receive_batch(actor=sam, uploads=[], urls=urls, year=2024)
    files = list(batch.files.select_related("reading", "body").order_by("position"))
    assert [(f.name, f.url, f.status, f.reused, f.error_code) for f in files] == [
        ("2023.txt", urls[0], "done", True, ""),
        (urls[1], urls[1], "failed", False, "http_404"),
        ("art_123.html", urls[2], "done", False, ""),
    ]
    # The same bytes as the upload: one document, read once, the same body found from the title.
    txt, utf8_page = uploaded.files.select_related("reading").order_by("position")
    assert files[0].reading_id == txt.reading_id
    assert files[0].body is not None and files[0].body.name == "淮安市洪泽区人民政府"
    assert files[1].error_message == "服务器返回 HTTP 404"
    assert (files[1].reading, files[1].document, files[1].year) == (None, None, 2024)
    page = files[2].reading
    assert page is not None and (page.kind, page.error_code) == ("html", "")
    # The GBK page as fetched reads exactly as the same page saved in UTF-8 and uploaded.
    assert utf8_page.reading is not None and page.report_json == utf8_page.reading.report_json
    assert Document.objects.count() == 3
    assert Reading.objects.count() == 3
