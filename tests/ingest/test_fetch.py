"""read_url against a local HTTP server on 127.0.0.1 (started here, in a thread)."""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from orbat.errors import ReadError
from orbat.ingest import Limits, read_url
from orbat.ingest.fetch import url_file_name
from tests.ingest.builders import PAGE_WORDS, pdf_bytes

ARTICLE = (
    "<html lang='en'><head><title>Local article</title>"
    "<meta property='article:published_time' content='2018-11-02'></head><body><article>"
    + "".join(f"<p>{s}</p>" for s in PAGE_WORDS)
    + "</article><footer>Footer text of the local site</footer></body></html>"
).encode()
ARABIC = "قالت مصادر في المدينة إن اللواء نقل مقره إلى بلدة قريبة من النهر بعد معارك استمرت أسبوعين."


class Handler(BaseHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # keep test output quiet
        pass

    def _send(self, body: bytes, content_type: str, status: int = 200) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        path = self.path
        if path == "/news/article.html":
            self._send(ARTICLE, "text/html; charset=utf-8")
        elif path == "/arabic":
            page = f"<html><body><p>{ARABIC}</p><p>{ARABIC}</p></body></html>".encode("cp1256")
            self._send(page, "text/html; charset=windows-1256")
        elif path == "/report":
            self._send(pdf_bytes(PAGE_WORDS), "application/pdf")
        elif path == "/redirect":
            self.send_response(302)
            self.send_header("Location", "/news/article.html")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif path.startswith("/loop"):
            n = int(path.removeprefix("/loop") or 0)
            self.send_response(302)
            self.send_header("Location", f"/loop{n + 1}")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif path == "/ftp-redirect":
            self.send_response(302)
            self.send_header("Location", "ftp://127.0.0.1/file.txt")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif path == "/big":
            self._send(b"<html><body><p>" + b"x" * 300_000 + b"</p></body></html>", "text/html")
        elif path == "/big-unannounced":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            for _ in range(100):
                self.wfile.write(b"y" * 10_000)
        elif path == "/slow":
            time.sleep(2)
            self._send(ARTICLE, "text/html")
        elif path == "/trickle":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            for _ in range(30):
                self.wfile.write(b"word ")
                self.wfile.flush()
                time.sleep(0.1)
        elif path == "/missing":
            self._send(b"not here", "text/plain", status=404)
        else:
            self._send(b"unknown", "text/plain", status=404)


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # clients hang up on purpose here (size and time limits)


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = Server(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_fetch_html_page(server: str) -> None:
    url = f"{server}/news/article.html"
    result = read_url(url)
    doc = result.document
    assert doc.text == "\n\n".join(PAGE_WORDS)
    assert doc.sha256 == hashlib.sha256(ARTICLE).hexdigest()
    assert result.data == ARTICLE
    assert doc.url == url
    assert doc.source_uri == url
    assert doc.title == "Local article"
    assert doc.published == "2018-11-02"
    assert doc.name == "127-0-0-1-news-article"
    assert doc.meta["content_type"] == "text/html; charset=utf-8"


def test_fetch_follows_redirects(server: str) -> None:
    doc = read_url(f"{server}/redirect").document
    assert doc.source_uri == f"{server}/news/article.html"
    assert doc.meta["requested_url"] == f"{server}/redirect"


def test_fetch_uses_header_charset(server: str) -> None:
    doc = read_url(f"{server}/arabic").document
    assert ARABIC in doc.text
    assert doc.language == "ar"


def test_fetch_pdf_by_content_type(server: str) -> None:
    doc = read_url(f"{server}/report").document
    assert doc.media_type == "application/pdf"
    assert len(doc.pages) == 3


def test_redirect_loop_is_bounded(server: str) -> None:
    with pytest.raises(ReadError, match=r"more than 3 redirects \(setting fetch_max_redirects\)"):
        read_url(f"{server}/loop", limits=Limits(fetch_max_redirects=3))


def test_redirect_to_other_scheme_is_refused(server: str) -> None:
    with pytest.raises(ReadError, match="not http"):
        read_url(f"{server}/ftp-redirect")


def test_announced_size_over_limit(server: str) -> None:
    with pytest.raises(ReadError) as info:
        read_url(f"{server}/big", limits=Limits(fetch_max_bytes=100_000))
    assert info.value.cause == "response is over the limit of 100000 bytes (setting fetch_max_bytes)"


def test_streamed_size_over_limit(server: str) -> None:
    with pytest.raises(ReadError, match=r"setting fetch_max_bytes"):
        read_url(f"{server}/big-unannounced", limits=Limits(fetch_max_bytes=50_000))


def test_slow_server_times_out(server: str) -> None:
    # the server answers after 2 s: without the timeout this read would succeed, so the error proves it
    with pytest.raises(ReadError) as info:
        read_url(f"{server}/slow", limits=Limits(fetch_timeout=0.3))
    assert info.value.cause == "timed out after 0.3 s (setting fetch_timeout)"


def test_trickling_server_hits_the_overall_deadline(server: str) -> None:
    # every byte arrives within 0.1 s and the body completes after 3 s: only an overall deadline fails it
    with pytest.raises(ReadError, match="timed out"):
        read_url(f"{server}/trickle", limits=Limits(fetch_timeout=0.5))


def test_http_error_status(server: str) -> None:
    with pytest.raises(ReadError) as info:
        read_url(f"{server}/missing")
    assert info.value.cause == "HTTP 404 Not Found"


@pytest.mark.parametrize(
    "url", ["ftp://127.0.0.1/x.txt", "file:///etc/passwd", "javascript:alert(1)", "127.0.0.1/x"]
)
def test_non_http_schemes_are_refused(url: str) -> None:
    with pytest.raises(ReadError) as info:
        read_url(url)
    assert info.value.cause == "only http:// and https:// URLs can be fetched"
    assert info.value.source == url


def test_connection_refused_is_a_read_error() -> None:
    with pytest.raises(ReadError, match="fetch failed"):
        read_url("http://127.0.0.1:9/", limits=Limits(fetch_timeout=2))


def test_url_file_names() -> None:
    assert url_file_name("https://www.example.org/news/brigade.html") == "example-org-news-brigade.html"
    assert url_file_name("https://example.org/") == "example-org"
    a = url_file_name("https://example.org/view?id=1")
    b = url_file_name("https://example.org/view?id=2")
    assert a != b and a.startswith("example-org-view-")
