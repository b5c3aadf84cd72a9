"""A seeded fuzz test of everything a hostile world can send: mutated feeds, sitemaps, pages, WARC records and
HTTP answers from a loopback server, and a sample of the campaign in ``benchmarks/fuzz.py`` (sources files, saved
reports, cache rows too). For every case: a documented outcome (a report, or a typed error with its
exit code), no other exception, strict JSON out, and bounded time and memory.

The pages are mutations of the invented fixture pages; nothing here is real coverage.
"""

from __future__ import annotations

import gzip
import io
import json
import random
import resource
import signal
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import pytest

from benchmarks import fuzz
from benchmarks.fuzz import HOSTILE, mutate
from corroborate import check, load_config, report_to_dict
from corroborate.article.extract import extract_html
from corroborate.coverage.discovery import parse_feed, parse_sitemap
from corroborate.exceptions import CorroborateError, ExtractionError

from .conftest import PAGES, write_sources

SEED = 20261128
CASES_PARSERS = 300  # cheap cases: the feed, sitemap, HTML and WARC readers on their own
CASES_RUNS = 40  # whole checks against a loopback server answering with mutated content
CASE_SECONDS = 60  # a case that takes longer than this has hung
MEMORY_GROWTH_MB = 1500  # peak resident memory may not grow more than this over the whole test


def _feed(base: str, pages: list[str]) -> bytes:
    items = "".join(f"<item><title>Troops Mexico plan {p}</title><link>{base}/p/{p}</link></item>" for p in pages)
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>{items}</channel></rss>'.encode()


def _sitemap(base: str, pages: list[str]) -> bytes:
    urls = "".join(f"<url><loc>{base}/p/{p}</loc><lastmod>2025-11-04</lastmod></url>" for p in pages)
    return f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'.encode()


def _warc(url: str, html: bytes) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    stream = io.BytesIO()
    writer = WARCWriter(stream, gzip=True)
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.0")
    writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(html), http_headers=headers))
    return stream.getvalue()


class _Fuzzed(BaseHTTPRequestHandler):
    routes: ClassVar[dict[str, tuple[int, list[tuple[str, str]], bytes]]] = {}

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        status, headers, body = self.routes.get(self.path.split("?")[0], (404, [], b"gone"))
        try:
            self.send_response(status)
            for key, value in headers:
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass


@pytest.fixture(scope="module")
def fuzz_server() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Fuzzed)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


class _Hung(Exception):
    pass


def _alarm(signum, frame):
    raise _Hung


def _bounded(fn):
    """Run ``fn`` under a wall-clock bound that only a hang can reach."""
    old = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(CASE_SECONDS)
    try:
        return fn()
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


SOURCES = sorted(p.name for p in PAGES.glob("*.html"))


def test_parsers_survive_mutated_input():
    from corroborate.coverage.discovery import _warc_candidates

    rng = random.Random(SEED)
    start = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    base = "http://127.0.0.1:1"
    for case in range(CASES_PARSERS):
        page = (PAGES / rng.choice(SOURCES)).read_bytes()
        kind = case % 4
        if kind == 0:
            _bounded(lambda: parse_feed(mutate(rng, _feed(base, SOURCES[:5])), base))
        elif kind == 1:
            _bounded(lambda: parse_sitemap(mutate(rng, _sitemap(base, SOURCES[:5]))))
        elif kind == 2:
            data = mutate(rng, page)
            try:
                _bounded(lambda data=data, case=case: extract_html(data, f"{base}/p/{case}"))
            except ExtractionError:
                pass  # a typed, documented outcome (no_text, too_complex, bad_html)
        else:
            import tempfile
            from pathlib import Path

            with tempfile.TemporaryDirectory() as folder:
                path = Path(folder) / "x.warc.gz"
                raw = _warc(f"{base}/p/{case}", page)
                path.write_bytes(mutate(rng, raw) if rng.random() < 0.8 else gzip.compress(mutate(rng, page)))
                _, problem = _bounded(lambda path=path: _warc_candidates(path, None))
                assert problem is None or problem.startswith("bad_warc")
    grown = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - start) / 1024
    assert grown < MEMORY_GROWTH_MB


def test_whole_runs_survive_mutated_answers(tmp_path, fuzz_server, encoder, judge):
    rng = random.Random(SEED + 1)
    article = tmp_path / "article.txt"
    article.write_text(
        "The Trump administration is crafting plans to send U.S. troops into Mexico, according to a report by "
        "Newsweek.\n\nSheinbaum said Mexico would not accept U.S. military intervention on its soil.\n",
        encoding="utf-8",
    )
    sources = write_sources(
        tmp_path / "s.toml",
        f"""
[fetch]
timeout = 3.0
retries = 0
robots = false
host_delay = 0.0
date_window_days = 0
[[outlet]]
name = "Fuzz Wire"
domains = ["127.0.0.1"]
allow_private = true
feeds = ["{fuzz_server}/feed.xml"]
sitemaps = ["{fuzz_server}/sitemap.xml"]
""",
    )
    config = load_config(sources).replace(use_cache=False)
    start = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    outcomes: dict[str, int] = {}
    for _ in range(CASES_RUNS):
        pages = rng.sample(SOURCES, 4)
        routes = {
            "/feed.xml": (200, [("Content-Type", "application/rss+xml")], mutate(rng, _feed(fuzz_server, pages))),
            "/sitemap.xml": (200, [("Content-Type", "application/xml")], mutate(rng, _sitemap(fuzz_server, pages))),
        }
        for name in pages:
            body = (PAGES / name).read_bytes()
            status, headers = 200, [("Content-Type", "text/html; charset=utf-8")]
            roll = rng.random()
            if roll < 0.5:
                body = mutate(rng, body)
            elif roll < 0.6:
                status, headers = rng.choice([301, 302, 307]), [("Location", rng.choice(HOSTILE).decode("latin-1"))]
            elif roll < 0.7:
                status = rng.choice([304, 404, 410, 429, 500, 503])
            elif roll < 0.8:
                headers = [("Content-Type", "text/html"), ("Content-Encoding", "gzip")]  # a body that is not gzip
            elif roll < 0.9:
                headers = [("Content-Type", rng.choice(["application/pdf", "image/png", "text/html; charset=x-bogus"]))]
            routes[f"/p/{name}"] = (status, headers, body)
        _Fuzzed.routes = routes
        try:
            report = _bounded(lambda: check(str(article), config, encoder=encoder, judge=judge))
        except CorroborateError as exc:  # typed: a documented exit code
            assert exc.exit_code in (2, 3), exc
            outcomes[type(exc).__name__] = outcomes.get(type(exc).__name__, 0) + 1
            continue
        text = json.dumps(report_to_dict(report), ensure_ascii=False, allow_nan=False)  # strict JSON
        data = json.loads(text)
        assert data["schema"] == "corroborate.report/1"
        reasons = {s["reason"] for s in data["sources"] if s["status"] != "ok"}
        from corroborate.models import REASON_CODES

        assert reasons <= set(REASON_CODES), reasons - set(REASON_CODES)
        outcomes["report"] = outcomes.get("report", 0) + 1
    grown = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - start) / 1024
    assert grown < MEMORY_GROWTH_MB
    assert outcomes.get("report", 0) >= CASES_RUNS // 2, outcomes


def test_a_sample_of_the_fuzz_campaign_ends_in_typed_outcomes_only():
    """Three cases of each kind of ``benchmarks/fuzz.py`` (1,050 there): no traceback, no hang."""
    results = fuzz.run(per_kind=3)
    assert set(results) == set(fuzz.KINDS)
    for name, result in results.items():
        assert not result["tracebacks"] and not result["hangs"], (name, result)
        assert sum(result["outcomes"].values()) == 3
