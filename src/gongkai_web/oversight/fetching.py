"""Fetching a report from a URL a supervisor pasted: bounded in time, size, redirects and addresses.

A URL is untrusted input that makes the server open a connection, so: http and https only, at
each redirect too; every address a host name resolves to is checked when the connection is made
(not before: a name may resolve differently the second time), and loopback, private, link-local
and other non-public addresses are refused unless ``OVERSIGHT_FETCH_ALLOW_PRIVATE`` is set; the
whole fetch — connecting, headers, body — has one deadline, enforced by a watchdog that shuts the
socket down, so a server dripping a byte a second cannot hold the worker; the body is counted
while it streams, whatever Content-Length says. No proxy from the environment is used (it would
connect on the fetcher's behalf to any address).
"""

from __future__ import annotations

import contextlib
import http.client
import ipaddress
import re
import socket
import ssl
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from email.message import Message
from functools import partial
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

from gongkai.errors import GongkaiError

SECONDS = 20.0  # the whole fetch, from connecting to the last byte
MAX_REDIRECTS = 5
CHUNK = 64 * 1024
USER_AGENT = "gongkai-oversight/1 (annual report intake)"
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
# The suffix the reader chooses by (`gongkai.annual.examine`) for a URL whose path has none it knows.
SUFFIX_BY_TYPE = {
    "text/html": ".html",
    "application/xhtml+xml": ".html",
    "application/pdf": ".pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "text/plain": ".txt",
    "text/markdown": ".md",
}
KNOWN_SUFFIXES = frozenset({".html", ".htm", ".pdf", ".docx", ".txt", ".md", ".markdown"})
_DECLARATION_WINDOW = 16 * 1024  # where the HTML reader looks for a declared charset
_DECLARED = re.compile(rb"<meta\b[^>]*?charset|^\s*<\?xml\b[^>]*?encoding", re.IGNORECASE)
_CHARSET = re.compile(r"^[A-Za-z0-9_.:+-]{1,40}$")


class FetchError(GongkaiError):
    """A URL that gave no report: ``code`` says why (stable), the message says it in Chinese."""


@dataclass(frozen=True, slots=True)
class Fetched:
    url: str  # after redirects
    name: str  # a file name the reader can choose by
    content_type: str  # as the server sent it
    data: bytes


@dataclass(frozen=True, slots=True)
class Limits:
    seconds: float = SECONDS
    max_bytes: int = 50 * 1024 * 1024
    max_redirects: int = MAX_REDIRECTS
    allow_private: bool = False


def fetch(url: str, limits: Limits) -> Fetched:
    """The body of ``url``, following at most ``limits.max_redirects`` redirects; raises `FetchError`."""
    watchdog = _Watchdog(limits.seconds)
    opener = urllib.request.build_opener(
        urllib.request.ProxyHandler({}),
        _NoRedirect(),
        _GuardedHandler(watchdog, limits.allow_private),
    )
    try:
        with watchdog:
            return _follow(opener, url, limits, watchdog)
    except FetchError:
        raise
    except (OSError, http.client.HTTPException, ValueError) as error:
        reason = getattr(error, "reason", error)
        if watchdog.expired or isinstance(error, TimeoutError) or isinstance(reason, TimeoutError):
            raise _timeout(limits) from error
        raise FetchError(f"无法连接服务器或读取内容：{reason}", code="url_unreachable") from error


def _follow(opener: urllib.request.OpenerDirector, url: str, limits: Limits, watchdog: _Watchdog) -> Fetched:
    for _ in range(limits.max_redirects + 1):
        _check_scheme(url)
        headers = {"User-Agent": USER_AGENT, "Accept-Encoding": "identity"}
        request = urllib.request.Request(url, headers=headers)
        try:
            response = opener.open(request, timeout=limits.seconds)
        except urllib.error.HTTPError as error:
            error.close()
            location = error.headers.get("Location") if error.code in _REDIRECTS else None
            if location is None:
                raise FetchError(f"服务器返回 HTTP {error.code}", code=f"http_{error.code}") from error
            url = urljoin(url, location)
            continue
        with response:
            data = _body(response, limits, watchdog)
            return _fetched(response.geturl(), response.headers, data)
    raise FetchError(f"重定向超过 {limits.max_redirects} 次", code="url_too_many_redirects")


def _check_scheme(url: str) -> None:
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise FetchError("只能读取以 http:// 或 https:// 开头的网址", code="url_scheme")


def _body(response: http.client.HTTPResponse, limits: Limits, watchdog: _Watchdog) -> bytes:
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > limits.max_bytes:
        raise _too_large(limits)
    chunks: list[bytes] = []
    size = 0
    while chunk := response.read1(CHUNK):
        size += len(chunk)
        if size > limits.max_bytes:
            raise _too_large(limits)
        chunks.append(chunk)
    if watchdog.expired:  # the watchdog shut the socket: what came is not the whole body
        raise _timeout(limits)
    return b"".join(chunks)


def _fetched(url: str, headers: Message, data: bytes) -> Fetched:
    content_type = headers.get("Content-Type", "")
    mime = headers.get_content_type() if content_type else ""
    name = unquote(PurePosixPath(urlsplit(url).path).name) or (urlsplit(url).hostname or "网页")
    if PurePosixPath(name).suffix.lower() not in KNOWN_SUFFIXES:
        name += SUFFIX_BY_TYPE.get(mime, "")
    charset = headers.get_content_charset()
    if mime in ("text/html", "application/xhtml+xml") and charset and _CHARSET.match(charset):
        data = declare_charset(data, charset)
    return Fetched(url=url, name=name[:255], content_type=content_type[:200], data=data)


def declare_charset(page: bytes, charset: str) -> bytes:
    """The page with the charset its HTTP header gave written into it, unless the page declares one.

    The document is kept as bytes, without its headers: a GBK page that says so only in its
    Content-Type header would otherwise be read by guessing.
    """
    if _DECLARED.search(page[:_DECLARATION_WINDOW]):
        return page
    return f'<meta charset="{charset}">\n'.encode("ascii") + page


def _too_large(limits: Limits) -> FetchError:
    return FetchError(f"内容超过单份报告的上限 {limits.max_bytes / 2**20:g} MB", code="url_too_large")


def _timeout(limits: Limits) -> FetchError:
    return FetchError(f"{limits.seconds:g} 秒内未能读完", code="url_timeout")


# -- the deadline ------------------------------------------------------------------------------


@dataclass
class _Watchdog:
    """Shuts down every socket of a fetch when its time is up: a blocked read returns at once."""

    seconds: float
    expired: bool = False
    _sockets: list[socket.socket] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _timer: threading.Timer | None = None
    _started: float = 0.0

    def __enter__(self) -> _Watchdog:
        self._started = time.monotonic()
        self._timer = threading.Timer(self.seconds, self._expire)
        self._timer.daemon = True
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._timer is not None:
            self._timer.cancel()

    def remaining(self) -> float:
        return max(self.seconds - (time.monotonic() - self._started), 0.001)

    def watch(self, sock: socket.socket) -> None:
        with self._lock:
            if self.expired:
                sock.close()
                raise TimeoutError("deadline passed")
            self._sockets.append(sock)

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            for sock in self._sockets:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)


# -- connections only to allowed addresses ----------------------------------------------------


def refused(address: str) -> bool:
    """Whether an address is not a public one (loopback, private, link-local, reserved, ...)."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return not ip.is_global or ip.is_multicast


def _connector(watchdog: _Watchdog, allow_private: bool) -> Callable[..., socket.socket]:
    def connect(address: tuple[str, int], timeout: Any = None, source_address: Any = None) -> socket.socket:
        host, port = address
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        allowed = [info for info in infos if allow_private or not refused(str(info[4][0]))]
        if not allowed:
            raise FetchError(f"网址的主机 {host} 是本机或内部网络地址，不予读取", code="url_address_refused")
        last: OSError | None = None
        for family, kind, proto, _, sockaddr in allowed:
            sock = socket.socket(family, kind, proto)
            try:
                watchdog.watch(sock)
                sock.settimeout(watchdog.remaining())
                sock.connect(sockaddr)
                return sock
            except OSError as error:
                sock.close()
                last = error
        assert last is not None
        raise last

    return connect


class _ConnectsThrough:
    """An `http.client` connection that opens its socket with ``connector`` (`_connector`)."""

    def __init__(self, *args: Any, connector: Callable[..., socket.socket], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # http.client opens its socket through this attribute (HTTPS too, before the TLS handshake).
        self._create_connection = connector


class _GuardedHTTPConnection(_ConnectsThrough, http.client.HTTPConnection):
    pass


class _GuardedHTTPSConnection(_ConnectsThrough, http.client.HTTPSConnection):
    pass


class _GuardedHandler(urllib.request.HTTPHandler, urllib.request.HTTPSHandler):
    """urllib's http and https handlers (it adds neither of its own then), connecting only through
    the guarded connector."""

    def __init__(self, watchdog: _Watchdog, allow_private: bool) -> None:
        self._tls = ssl.create_default_context()
        super().__init__(context=self._tls)
        self._connector = _connector(watchdog, allow_private)

    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(partial(_GuardedHTTPConnection, connector=self._connector), req)

    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        connection = partial(_GuardedHTTPSConnection, connector=self._connector)
        return self.do_open(connection, req, context=self._tls)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Redirects come back as HTTPError: `_follow` checks and counts them itself."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None
