"""Shared fixtures: the real model (loaded once), the fixture corpus, and a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import gzip
import html
import re
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
PAGES = FIXTURES / "pages"
SEED = ROOT / "seeds" / "000_892844bb6acea099.txt"

#: pages served under /pages/ by the test server, with the outlet each belongs to
SERVED_PAGES = [
    "newsweek-troops-plan.html",
    "cpwire-sheinbaum-rejects-us-military.html",
    "mxherald-sheinbaum-no-us-military.html",
    "capitolsignal-pentagon-denies-mexico-troop-plans.html",
]


def _title(name: str) -> str:
    match = re.search(r"<title>(.*?)</title>", (PAGES / name).read_text(encoding="utf-8"), re.S)
    return match.group(1).strip() if match else name


class _Handler(BaseHTTPRequestHandler):
    server_version = "fixture/1"
    hits: ClassVar[dict[str, int]] = {}
    queries: ClassVar[list[str]] = []
    robots: ClassVar[str] = "404"  # what /robots.txt answers: "404", "503" or a robots.txt body
    active: ClassVar[int] = 0
    peak: ClassVar[int] = 0
    lock = threading.Lock()

    def log_message(self, *args: object) -> None:  # keep test output clean
        pass

    def _send(
        self, status: int, body: bytes, ctype: str = "text/html; charset=utf-8", headers: dict[str, str] | None = None
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        path = self.path.split("?")[0]
        _Handler.hits[path] = _Handler.hits.get(path, 0) + 1
        base = f"http://127.0.0.1:{self.server.server_port}"
        if path == "/robots.txt":
            if _Handler.robots in ("404", "503"):
                self._send(int(_Handler.robots), b"")
            else:
                self._send(200, _Handler.robots.encode(), "text/plain")
        elif path == "/endless":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            try:
                while True:
                    self.wfile.write(b"<p>more and more text</p>" * 1000)
            except OSError:
                return
        elif path == "/loop":
            self._send(302, b"", headers={"Location": "/loop"})
        elif path == "/to-metadata":
            self._send(302, b"", headers={"Location": "http://169.254.169.254/latest/meta-data/"})
        elif path == "/to-file":
            self._send(302, b"", headers={"Location": "file:///etc/passwd"})
        elif path == "/flaky":
            if _Handler.hits[path] <= 2:
                self._send(503, b"busy", headers={"Retry-After": "0"})
            else:
                self._send(200, (PAGES / "newsweek-troops-plan.html").read_bytes())
        elif path == "/always503":
            self._send(503, b"busy", headers={"Retry-After": "0"})
        elif path.startswith("/counted/"):
            with _Handler.lock:
                _Handler.active += 1
                _Handler.peak = max(_Handler.peak, _Handler.active)
            time.sleep(0.2)
            with _Handler.lock:
                _Handler.active -= 1
            self._send(200, (PAGES / "newsweek-troops-plan.html").read_bytes())
        elif path == "/xxe.xml":
            body = (
                '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
                f'<rss version="2.0"><channel><item><title>Troops Mexico &xxe;</title>'
                f"<link>{base}/pages/newsweek-troops-plan.html</link></item></channel></rss>"
            )
            self._send(200, body.encode(), "application/rss+xml")
        elif path == "/sitemap-index.xml":
            body = (
                '<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                f"<sitemap><loc>{base}/sitemap-index.xml</loc></sitemap>"
                f"<sitemap><loc>{base}/sitemap-news.xml</loc></sitemap></sitemapindex>"
            )
            self._send(200, body.encode(), "application/xml")
        elif path == "/sitemap-news.xml":
            urls = "".join(
                f"<url><loc>{base}/pages/{name}</loc><news:news><news:title>{_title(name)}</news:title>"
                f"<news:publication_date>2025-11-04</news:publication_date></news:news></url>"
                for name in SERVED_PAGES
            )
            body = (
                '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
                f'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">{urls}</urlset>'
            )
            self._send(200, body.encode(), "application/xml")
        elif path == "/feed.xml":
            items = "".join(
                f"<item><title>{_title(name)}</title><link>{base}/pages/{name}</link></item>" for name in SERVED_PAGES
            )
            body = f'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>{items}</channel></rss>'
            self._send(200, body.encode(), "application/rss+xml")
        elif path.startswith("/pages/"):
            file = PAGES / path.removeprefix("/pages/")
            if not file.is_file():
                self._send(404, b"not found")
                return
            body = file.read_bytes()
            etag = f'"{len(body)}"'
            if self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
                return
            self._send(200, body, headers={"ETag": etag})
        elif path == "/search":
            _Handler.queries.append(self.path.partition("?")[2])
            links = "".join(f'<li><a href="/pages/{name}">{name}</a></li>' for name in SERVED_PAGES[:2])
            self._send(200, f"<html><body><a href='/'>Home</a><ul>{links}</ul></body></html>".encode())
        elif path == "/bad-feed.xml":  # malformed links and a surrogate reference beside one good item
            bad = [
                "http://[::1/x",
                "http://127.0.0.1:99999/x",
                "http://127.0.0.1:abc/x",
                "http://bad\x7fhost/x",
                "http://127.0.0.1/" + "a" * 5000,
            ]
            items = "".join(
                f"<item><title>Troops &#xD800; Mexico</title><link>{html.escape(u)}</link></item>" for u in bad
            )
            items += f"<item><title>Troops Mexico</title><link>{base}/bad-redirect</link></item>"
            items += (
                f"<item><title>Troops Mexico plans</title><link>{base}/pages/newsweek-troops-plan.html</link></item>"
            )
            self._send(
                200,
                f'<?xml version="1.0"?><rss version="2.0"><channel>{items}</channel></rss>'.encode(),
                "application/rss+xml",
            )
        elif path == "/bad-redirect":  # a Location that cannot be parsed
            self.send_response(302)
            self.send_header("Location", "http://[::1/nowhere")
            self.end_headers()
        elif path == "/js-search":  # a results page drawn by JavaScript: no result link in the HTML
            self._send(200, b"<html><body><div id='results'></div><script src='/app.js'></script></body></html>")
        elif path == "/article.html":
            self._send(200, (PAGES / "newsweek-troops-plan.html").read_bytes())
        elif path == "/missing":
            self._send(404, b"gone")
        elif path == "/slow":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            for _ in range(30):  # drips for 30 s unless the client gives up
                try:
                    self.wfile.write(b"<p>")
                    self.wfile.flush()
                except OSError:
                    return
                time.sleep(1)
        elif path == "/garbage":
            self._send(200, bytes(range(256)) * 40)
        elif path == "/huge":
            self._send(200, b"<html><body>" + b"<p>filler text</p>" * 200_000 + b"</body></html>")
        elif path == "/bomb":
            raw = gzip.compress(b"<p>" + b"a" * 20_000_000)
            self._send(200, raw, headers={"Content-Encoding": "gzip"})
        else:
            self._send(404, b"no route")


@pytest.fixture(scope="session")
def server() -> Iterator[str]:
    """Base URL of a real HTTP server on 127.0.0.1 serving the fixture pages, a feed and broken routes."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_port}"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture()
def hits() -> dict[str, int]:
    _Handler.hits.clear()
    return _Handler.hits


@pytest.fixture()
def robots():
    """Set what the test server's /robots.txt answers for one test."""

    def set_robots(answer: str) -> None:
        _Handler.robots = answer

    yield set_robots
    _Handler.robots = "404"


@pytest.fixture()
def concurrency():
    _Handler.active = _Handler.peak = 0
    return _Handler


@pytest.fixture(scope="session")
def encoder():
    """The real packaged model, loaded once for the whole session."""
    from corroborate.evidence.match import Encoder

    return Encoder()


@pytest.fixture(scope="session")
def judge():
    """The real packaged stance judge, loaded once for the whole session."""
    from corroborate.evidence.judge import JudgeModel

    return JudgeModel()


@pytest.fixture(scope="session")
def seed_report(tmp_path_factory, encoder, judge):
    """The seed article checked against the offline fixture corpus (the README's demo), as a JSON dict."""
    from corroborate import check, load_config, report_to_dict

    cache_dir = tmp_path_factory.mktemp("cache")
    config = load_config(FIXTURES / "sources.toml").replace(cache_dir=cache_dir)
    return report_to_dict(check(str(SEED), config, encoder=encoder, judge=judge))


def write_sources(path: Path, body: str) -> Path:
    path.write_text(body, encoding="utf-8")
    return path
