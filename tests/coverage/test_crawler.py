"""Fetching like a trustworthy crawler: limits, SSRF refusals, retries, robots.txt, safe XML, sitemaps, WARC,
and a cache shared by concurrent runs. Every server is a real one on 127.0.0.1 started by the suite."""

from __future__ import annotations

import asyncio
import io
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from corroborate import check, load_config
from corroborate.config import FetchConfig
from corroborate.coverage.cache import CACHE_FILENAME
from corroborate.coverage.fetch import Fetcher
from corroborate.models import Candidate

from ..conftest import FIXTURES, PAGES, ROOT, SEED, write_sources


def fetch(url: str, *, allow_private: bool = True, **limits):
    limits.setdefault("backoff", 0.01)
    limits.setdefault("host_delay", 0.0)

    async def run():
        async with Fetcher(FetchConfig(**limits)) as fetcher:
            return await fetcher.fetch(Candidate(url=url, outlet=None, found_by="urls", allow_private=allow_private))

    return asyncio.run(run())


def test_endless_body_stopped_at_the_cap(server):
    page = fetch(f"{server}/endless", max_bytes=200_000)
    assert (page.status, page.reason) == ("error", "too_large")


def test_small_compressed_body_expanding_past_the_cap_stopped(server):
    assert fetch(f"{server}/bomb", max_bytes=1_000_000).reason == "too_large"


def test_redirect_loop_gives_up(server):
    assert fetch(f"{server}/loop", max_redirects=3).reason == "too_many_redirects"


def test_redirect_to_metadata_address_refused_even_when_private_allowed(server):
    assert fetch(f"{server}/to-metadata").reason == "blocked_address"


def test_redirect_to_file_url_refused(server):
    assert fetch(f"{server}/to-file").reason == "blocked_scheme"


@pytest.mark.parametrize("host", ["127.0.0.1", "[::ffff:127.0.0.1]", "localhost.", "10.1.2.3", "169.254.169.254"])
def test_private_and_mapped_addresses_refused_by_default(host):
    assert fetch(f"http://{host}:9/x", allow_private=False).reason == "blocked_address"


def test_dripping_server_cut_at_the_deadline(server):
    page = fetch(f"{server}/slow", timeout=2.0)
    assert (page.status, page.reason) == ("error", "timeout")


def test_503_503_200_succeeds_in_three_requests(server, hits):
    page = fetch(f"{server}/flaky", retries=2)
    assert page.status == "ok"
    assert hits["/flaky"] == 3


def test_endless_503_gives_up(server, hits):
    page = fetch(f"{server}/always503", retries=2)
    assert (page.status, page.reason) == ("error", "http_status")
    assert hits["/always503"] == 3


def test_per_host_concurrency_never_exceeded(server, concurrency):
    async def run():
        async with Fetcher(FetchConfig(per_host=2, concurrency=10, host_delay=0.0)) as fetcher:
            return await asyncio.gather(
                *(
                    fetcher.fetch(
                        Candidate(url=f"{server}/counted/{i}", outlet=None, found_by="urls", allow_private=True)
                    )
                    for i in range(8)
                )
            )

    pages = asyncio.run(run())
    assert all(p.status == "ok" for p in pages)
    assert concurrency.peak == 2


@pytest.mark.parametrize(
    ("answer", "status", "reason"),
    [
        ("User-agent: *\nDisallow: /pages/", "error", "robots_disallowed"),
        ("User-agent: corroborate\nDisallow: /\n", "error", "robots_disallowed"),
        ("User-agent: otherbot\nDisallow: /\n", "ok", None),
        ("404", "ok", None),
        ("503", "error", "robots_disallowed"),
    ],
)
def test_robots_txt(server, robots, answer, status, reason):
    robots(answer)
    page = fetch(f"{server}/pages/newsweek-troops-plan.html")
    assert (page.status, page.reason) == (status, reason)


def test_feed_with_external_entity_leaks_nothing(tmp_path, server):
    from corroborate.coverage.discovery import parse_feed

    page = fetch(f"{server}/xxe.xml")
    items = parse_feed(page.body, server)
    assert len(items) == 1
    assert "root:" not in (items[0][1] or "")


def test_sitemap_index_that_refers_to_itself_stops(tmp_path, server, encoder):
    sources = write_sources(
        tmp_path / "s.toml",
        f"""
[fetch]
host_delay = 0.0
[[outlet]]
name = "Local Wire"
domains = ["127.0.0.1"]
allow_private = true
sitemaps = ["{server}/sitemap-index.xml"]
""",
    )
    report = check(str(SEED), load_config(sources).replace(use_cache=False), encoder=encoder)
    from_sitemap = [s for s in report.sources if s.found_by == "sitemap"]
    assert len(from_sitemap) == 4 and all(s.status == "ok" for s in from_sitemap)


def test_warc_archive_pages_are_read(tmp_path, encoder):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    folder = tmp_path / "archive"
    folder.mkdir()
    with (folder / "crawl.warc.gz").open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        for name in ("cpwire-sheinbaum-rejects-us-military.html", "mxherald-sheinbaum-no-us-military.html"):
            body = (PAGES / name).read_bytes()
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(
                    f"https://archive.example/{name}", "response", payload=io.BytesIO(body), http_headers=headers
                )
            )
    (folder / "broken.warc").write_bytes(b"not a warc file at all")
    sources = write_sources(
        tmp_path / "s.toml",
        FIXTURES.joinpath("sources.toml").read_text().replace('path = "pages"', f'path = "{folder}"'),
    )
    report = check(str(SEED), load_config(sources).replace(use_cache=False), encoder=encoder)
    ok = [s for s in report.sources if s.status == "ok"]
    assert {s.outlet for s in ok} == {"Continental Press", "Mexico City Herald"}
    assert any(s.reason == "bad_warc" for s in report.sources)
    quote = next(r for r in report.claims if "not going to come to Mexico" in r.claim.text)
    assert quote.verdict == "corroborated"


def test_candidates_outside_the_date_window_or_off_topic_are_skipped_with_reasons():
    from corroborate.coverage.discovery import prefilter
    from corroborate.models import Article

    article = Article(
        source="x",
        text="Mexico rejects U.S. troops.",
        title="Sheinbaum rejects U.S. troops in Mexico",
        published="2025-11-05",
    )
    candidates = [
        Candidate(
            url="a",
            outlet=None,
            found_by="feed",
            title="Sheinbaum says no U.S. troops will enter Mexico",
            published="2025-11-04",
        ),
        Candidate(
            url="b",
            outlet=None,
            found_by="feed",
            title="Sheinbaum says no U.S. troops will enter Mexico",
            published="2024-01-02",
        ),
        Candidate(
            url="c",
            outlet=None,
            found_by="feed",
            title="Palm Valley wins the district football title",
            published="2025-11-04",
        ),
    ]
    kept, skipped = prefilter(candidates, article, [], window_days=30)
    assert [c.url for c in kept] == ["a"]
    assert {(s.url, s.reason) for s in skipped} == {("b", "out_of_date_window"), ("c", "off_topic")}


def test_two_concurrent_runs_share_one_cache(tmp_path):
    article = tmp_path / "article.txt"  # the seed's first paragraphs: enough claims, half the work
    article.write_text(SEED.read_text(encoding="utf-8")[:1500], encoding="utf-8")
    command = [
        sys.executable,
        "-m",
        "corroborate",
        "check",
        str(article),
        "--sources",
        str(FIXTURES / "sources.toml"),
        "--format",
        "json",
        "--cache-dir",
        str(tmp_path / "cache"),
    ]
    runs = [subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(2)]
    results = [run.communicate(timeout=300) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], [err.decode()[-2000:] for _, err in results]
    reports = [json.loads(out) for out, _ in results]
    for report in reports:
        report["audit"].pop("checked_at")  # the two runs may end in different seconds
    assert reports[0] == reports[1]
    assert not any(b"moved it to" in err for _, err in results)  # neither run took the other's file for damaged
    assert reports[0]["summary"]["claims"] > 0
    with sqlite3.connect(Path(tmp_path) / "cache" / CACHE_FILENAME) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_one_run_mixing_a_good_source_with_every_bad_one(tmp_path, server, encoder):
    bad = ["/missing", "/slow", "/endless", "/bomb", "/loop", "/to-metadata", "/to-file", "/always503", "/garbage"]
    urls = ", ".join(f"'{server}{u}'" for u in [*bad, "/pages/newsweek-troops-plan.html"])
    sources = write_sources(
        tmp_path / "s.toml",
        f"""
[fetch]
timeout = 2.0
max_bytes = 1000000
max_redirects = 3
backoff = 0.01
host_delay = 0.0
[[outlet]]
name = "Local Wire"
domains = ["127.0.0.1"]
allow_private = true
urls = [{urls}]
[[outlet]]
name = "Elsewhere"
domains = ["elsewhere.example"]
urls = ["http://127.0.0.1:9/private-by-default"]
""",
    )
    report = check(str(SEED), load_config(sources).replace(use_cache=False), encoder=encoder)
    reasons = {s.url.split("/", 3)[-1]: s.reason for s in report.sources}
    assert reasons == {
        "missing": "http_status",
        "slow": "timeout",
        "endless": "too_large",
        "bomb": "too_large",
        "loop": "too_many_redirects",
        "to-metadata": "blocked_address",
        "to-file": "blocked_scheme",
        "always503": "http_status",
        "garbage": "no_text",
        "private-by-default": "blocked_address",
        "pages/newsweek-troops-plan.html": None,
    }
    plans = next(r for r in report.claims if "crafting detailed plans" in r.claim.text)
    # the one page read is Newsweek's report served under "Local Wire": one origin, named from the page's credits
    assert plans.verdict == "single-source" and plans.origins == ["Newsweek"]


def test_hostile_html_is_refused_quickly():
    from corroborate import ExtractionError
    from corroborate.article.extract import extract_html

    deep = "<html><body>" + "<div>" * 5000 + "some words of text here" + "</div>" * 5000 + "</body></html>"
    wide = "<html><body>" + "<p>x</p>" * 250_000 + "</body></html>"
    # thousands of attributes on one element: libxml2 alone took minutes to parse 50,000 of them
    attributes = "<html><body><p " + " ".join(f"a{i}=x" for i in range(50_000)) + ">some words</p></body></html>"
    many = "<html><body>" + '<p class="a" id="b" title="c" lang="d" dir="e" role="f">x</p>' * 40_000 + "</body></html>"
    huge = "<html><body><p>" + "word " * 2_100_000 + "</p></body></html>"  # over the HTML byte budget
    for html in (deep, wide, attributes, many, huge):
        with pytest.raises(ExtractionError) as info:
            extract_html(html)
        assert info.value.reason == "too_complex"


def test_certificate_error_is_recorded_not_retried(tmp_path, hits):
    import shutil
    import ssl
    import threading
    from http.server import ThreadingHTTPServer

    from ..conftest import _Handler

    if not shutil.which("openssl"):
        pytest.skip("openssl is needed to make a self-signed certificate")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            str(key),
            "-out",
            str(cert),
            "-days",
            "1",
            "-subj",
            "/CN=127.0.0.1",
        ],
        check=True,
        capture_output=True,
    )
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        page = fetch(f"https://127.0.0.1:{httpd.server_port}/pages/newsweek-troops-plan.html", retries=3)
    finally:
        httpd.shutdown()
        httpd.server_close()
    assert (page.status, page.reason) == ("error", "tls_error")
    assert "/pages/newsweek-troops-plan.html" not in hits, "never fetched insecurely"


def test_malformed_urls_and_bad_characters_in_a_feed_fail_one_source_each(tmp_path, server, encoder):
    """Robustness: a port out of range, a broken IPv6 host, a control character, an over-long URL, a redirect to
    an unparsable Location and a surrogate reference each become a typed failure; the good item is still read."""
    sources = write_sources(
        tmp_path / "s.toml",
        f"""
[[outlet]]
name = "Local Wire"
domains = ["127.0.0.1"]
allow_private = true
feeds = ["{server}/bad-feed.xml"]
""",
    )
    report = check(str(SEED), load_config(sources).replace(use_cache=False), encoder=encoder)
    failed = [(s.url, s.reason) for s in report.sources if s.status == "error"]
    assert [r for u, r in failed if not u.endswith("/bad-redirect")] == ["invalid_url"] * 5, failed
    # httpx refuses the Location header itself: still one typed failure, not a crash
    assert [r for u, r in failed if u.endswith("/bad-redirect")] in (["invalid_url"], ["http_error"])
    read = [s for s in report.sources if s.status == "ok"]
    assert [s.url.rsplit("/", 1)[-1] for s in read] == ["newsweek-troops-plan.html"]
    assert all(len(s.url) <= 4096 for s in report.sources)


@pytest.mark.parametrize(
    "content",
    [b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03" + b"\xff" * 64, b"WARC/1.0\r\nWARC-Type: response\r\n\x00\x01garbage"],
)
def test_a_corrupt_warc_is_one_typed_failure_and_the_run_goes_on(tmp_path, encoder, content):
    folder = tmp_path / "archive"
    folder.mkdir()
    (folder / "broken.warc.gz").write_bytes(content)
    (folder / "page.html").write_bytes((PAGES / "newsweek-troops-plan.html").read_bytes())
    sources = write_sources(tmp_path / "s.toml", f'[[archive]]\npath = "{folder}"\n')
    report = check(str(SEED), load_config(sources).replace(use_cache=False, offline=True), encoder=encoder)
    broken = [s for s in report.sources if s.url.endswith("broken.warc.gz")]
    assert [s.reason.split(":")[0] for s in broken] == ["bad_warc"]
    assert any(s.status == "ok" for s in report.sources)


def test_a_truncated_warc_keeps_its_whole_records_and_is_reported(tmp_path):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    from corroborate.coverage.discovery import _warc_candidates

    stream = io.BytesIO()
    writer = WARCWriter(stream, gzip=True)
    for i in range(3):
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.0")
        payload = io.BytesIO(b"<html><body><p>" + b"Story text. " * 200 + b"</p></body></html>")
        writer.write_record(
            writer.create_warc_record(f"https://news.example/{i}", "response", payload=payload, http_headers=headers)
        )
    whole = stream.getvalue()
    path = tmp_path / "cut.warc.gz"
    path.write_bytes(whole[: len(whole) - 40])
    found, problem = _warc_candidates(path, None)
    assert len(found) >= 2 and problem is not None and problem.startswith("bad_warc")
