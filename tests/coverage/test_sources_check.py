"""`corroborate sources check` against a loopback site: items, newest dates, robots.txt, HTTP status, a search page
drawn by JavaScript, and exit 1 when an outlet yields nothing."""

from __future__ import annotations

import json

from corroborate.cli import EXIT_FAILED_THRESHOLD, EXIT_OK, main

from ..conftest import write_sources


def _sources(tmp_path, server, *, broken: bool) -> str:
    body = f"""
[[outlet]]
name = "Loopback Daily"
domains = ["127.0.0.1"]
allow_private = true
feeds = ["{server}/feed.xml"]
sitemaps = ["{server}/sitemap-index.xml"]
search = "{server}/search?q={{query}}"
"""
    if broken:
        body += f"""
[[outlet]]
name = "Script Times"
domains = ["localhost"]
allow_private = true
feeds = ["{server.replace("127.0.0.1", "localhost")}/missing"]
search = "{server.replace("127.0.0.1", "localhost")}/js-search?q={{query}}"
"""
    return str(write_sources(tmp_path / "sources.toml", body))


def test_a_working_outlet_reports_what_each_listing_yields(tmp_path, server, capsys):
    assert main(["sources", "check", "--sources", _sources(tmp_path, server, broken=False)]) == EXIT_OK
    out = capsys.readouterr().out
    assert "Loopback Daily:" in out and "all 1 outlets yield items" in out
    assert "robots   HTTP 404" in out and "no robots.txt: everything allowed" in out
    assert "newest 2025-11-04" in out  # the news sitemap's publication dates
    assert "2 result links" in out


def test_an_outlet_that_yields_nothing_fails_and_names_the_javascript_search(tmp_path, server, capsys):
    code = main(["sources", "check", "--sources", _sources(tmp_path, server, broken=True), "--format", "json"])
    assert code == EXIT_FAILED_THRESHOLD
    data = json.loads(capsys.readouterr().out)
    assert data["yield_nothing"] == ["Script Times"]
    script = next(o for o in data["outlets"] if o["outlet"] == "Script Times")
    by_kind = {c["kind"]: c for c in script["checks"]}
    assert by_kind["feed"]["status"] == "error" and by_kind["feed"]["http_status"] == 404
    assert by_kind["search"]["http_status"] == 200 and by_kind["search"]["items"] == 0
    assert by_kind["search"]["note"] == "search page has no result links (rendered by JavaScript?)"


def test_gzipped_sitemaps_are_read_and_bombs_are_capped():
    import gzip

    from corroborate.coverage.discovery import MAX_SITEMAP_INFLATED, parse_sitemap

    xml = (
        b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        b"<url><loc>https://news.example/a-b-c</loc></url></urlset>"
    )
    assert parse_sitemap(gzip.compress(xml))[1] == [("https://news.example/a-b-c", None, None)]
    bomb = gzip.compress(b"<" + b"x" * (MAX_SITEMAP_INFLATED * 2))
    assert parse_sitemap(bomb) == ([], [])
