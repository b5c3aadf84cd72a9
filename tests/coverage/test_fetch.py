"""Discovery and fetching against a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import asyncio

import pytest

from corroborate import check, load_config
from corroborate.config import FetchConfig
from corroborate.coverage.cache import Cache
from corroborate.coverage.fetch import Fetcher
from corroborate.models import Candidate

from ..conftest import SEED, write_sources


def _fetch(url: str, *, allow_private: bool = True, cache: Cache | None = None, **limits) -> object:
    async def run():
        async with Fetcher(FetchConfig(**limits), cache) as fetcher:
            return await fetcher.fetch(Candidate(url=url, outlet=None, found_by="urls", allow_private=allow_private))

    return asyncio.run(run())


def _sources(tmp_path, server, urls, feeds=()):
    urls_toml = ", ".join(f"'{server}{u}'" for u in urls)
    feeds_toml = ", ".join(f"'{server}{f}'" for f in feeds)
    return write_sources(
        tmp_path / "sources.toml",
        f"""
[fetch]
timeout = 3.0
[[outlet]]
name = "Local Wire"
domains = ["127.0.0.1"]
allow_private = true
urls = [{urls_toml}]
feeds = [{feeds_toml}]
""",
    )


def test_feed_and_pages_fetched_and_scored(tmp_path, server, encoder):
    config = load_config(_sources(tmp_path, server, [], feeds=["/feed.xml"])).replace(cache_dir=tmp_path / "c")
    report = check(str(SEED), config, encoder=encoder)
    fetched = [s for s in report.sources if s.found_by == "feed"]
    assert len(fetched) == 4 and all(s.status == "ok" for s in fetched)
    quote = next(r for r in report.claims if "not going to come to Mexico" in r.claim.text)
    assert quote.verdict in ("single-source", "corroborated")
    assert any(e.url.startswith(server) and e.stance == "supports" for e in quote.evidence)


def test_a_second_check_revalidates_the_feed_but_reuses_its_fresh_articles(tmp_path, server, encoder, hits):
    config = load_config(_sources(tmp_path, server, [], feeds=["/feed.xml"])).replace(cache_dir=tmp_path / "c")
    first = check(str(SEED), config, encoder=encoder)
    articles = {s.url.removeprefix(server) for s in first.sources if s.found_by == "feed" and s.status == "ok"}
    assert articles and all(hits[path] == 1 for path in articles)
    second = check(str(SEED), config, encoder=encoder)
    assert hits["/feed.xml"] == 2  # the listing is asked again: it may hold new articles
    assert all(hits[path] == 1 for path in articles)  # fetched moments ago: no request
    assert [c.verdict for c in second.claims] == [c.verdict for c in first.claims]


def test_broken_sources_are_recorded_and_the_run_goes_on(tmp_path, server, encoder):
    path = _sources(tmp_path, server, ["/missing", "/slow", "/garbage", "/pages/newsweek-troops-plan.html"])
    report = check(str(SEED), load_config(path).replace(use_cache=False), encoder=encoder)
    by_url = {s.url.removeprefix(server): s for s in report.sources}
    assert (by_url["/missing"].status, by_url["/missing"].reason) == ("error", "http_status")
    assert (by_url["/slow"].status, by_url["/slow"].reason) == ("error", "timeout")
    assert (by_url["/garbage"].status, by_url["/garbage"].reason) == ("error", "no_text")
    assert report.summary.sources_ok == 1
    plans = next(r for r in report.claims if "crafting detailed plans" in r.claim.text)
    # served under "Local Wire", the page is Newsweek's report and says so ("told Newsweek"): its origin is Newsweek
    assert plans.origins == ["Newsweek"] and plans.evidence[0].outlet == "Local Wire"


def test_body_cap_stops_large_and_compressed_bodies(server):
    assert _fetch(f"{server}/huge", max_bytes=100_000).reason == "too_large"
    assert _fetch(f"{server}/bomb", max_bytes=1_000_000).reason == "too_large"


def test_private_address_refused_unless_allowed(server):
    page = _fetch(f"{server}/pages/newsweek-troops-plan.html", allow_private=False)
    assert (page.status, page.reason) == ("error", "blocked_address")
    assert _fetch(f"{server}/pages/newsweek-troops-plan.html").status == "ok"


def test_article_link_to_loopback_refused_by_default(tmp_path, server, encoder):
    article = tmp_path / "draft.md"
    article.write_text(
        "# Draft\n\nThe Pentagon denied on Wednesday that it plans to deploy troops into Mexico, "
        f"[officials said]({server}/pages/capitolsignal-pentagon-denies-mexico-troop-plans.html).\n"
    )
    sources = write_sources(
        tmp_path / "s.toml",
        "[[outlet]]\nname='Elsewhere'\ndomains=['elsewhere.example']\nurls=['http://127.0.0.1:9/never']\n",
    )
    report = check(str(article), load_config(sources).replace(use_cache=False), encoder=encoder)
    link = next(s for s in report.sources if s.found_by == "link")
    assert (link.status, link.reason) == ("error", "blocked_address")


def test_conditional_refetch_uses_the_cache(tmp_path, server, hits):
    cache = Cache(tmp_path)
    url = f"{server}/pages/newsweek-troops-plan.html"
    first = _fetch(url, cache=cache, fresh_for=0.0)
    second = _fetch(url, cache=cache, fresh_for=0.0)
    assert first.status == second.status == "ok"
    assert not first.from_cache
    assert second.from_cache and second.http_status == 304
    assert second.body == first.body
    assert hits["/pages/newsweek-troops-plan.html"] == 2


def test_a_page_fetched_moments_ago_is_reused_without_a_request(tmp_path, server, hits):
    cache = Cache(tmp_path)
    url = f"{server}/pages/newsweek-troops-plan.html"
    first = _fetch(url, cache=cache, fresh_for=600.0)
    second = _fetch(url, cache=cache, fresh_for=600.0)
    assert second.from_cache and second.body == first.body
    assert hits["/pages/newsweek-troops-plan.html"] == 1


@pytest.mark.parametrize("kind", ["txt", "md", "html", "stdin", "url"])
def test_each_input_kind(tmp_path, server, kind):
    import io

    from corroborate.article.input import read_article
    from corroborate.pipeline import _load_article

    from ..conftest import PAGES

    text = SEED.read_text(encoding="utf-8")
    if kind == "txt":
        article = read_article(str(SEED))
        assert article.text.startswith("Whispers of a bold strategy")
    elif kind == "md":
        path = tmp_path / "a.md"
        path.write_text("# Troops plan\n\n" + text.replace("Newsweek", "[Newsweek](https://www.newsweek.com/x)", 1))
        article = read_article(str(path))
        assert article.title == "Troops plan"
        assert article.links == ["https://www.newsweek.com/x"]
        assert "[Newsweek]" not in article.text
    elif kind == "html":
        article = read_article(str(PAGES / "mxherald-sheinbaum-no-us-military.html"))
        assert article.outlet == "Mexico City Herald"
        assert article.url.startswith("https://www.mxherald.example/")
        assert "cookie" not in article.text.lower()
    elif kind == "stdin":
        article = read_article("-", stdin=io.StringIO(text))
        assert article.source == "<stdin>"
    else:
        config = load_config(_sources(tmp_path, server, []))

        async def load(url):
            async with Fetcher(FetchConfig()) as fetcher:
                return await _load_article(url, fetcher, None, config)

        article = asyncio.run(load(f"{server}/article.html"))
        assert article.outlet == "Newsweek" and article.title
        assert "crafting detailed plans" in article.text
        return
    assert "Sheinbaum" in article.text


def test_unreadable_inputs_are_input_errors(tmp_path):
    from corroborate import InputError
    from corroborate.article.input import read_article

    (tmp_path / "empty.txt").write_text("  \n")
    (tmp_path / "latin1.txt").write_bytes("Se\xf1or".encode("latin-1"))
    for name, message in (
        ("empty.txt", "empty"),
        ("latin1.txt", "UTF-8"),
        ("nope.txt", "not found"),
        ("doc.pdf", "unsupported file type"),
    ):
        with pytest.raises(InputError, match=message):
            read_article(str(tmp_path / name))


def test_search_template_is_filled_with_encoded_key_terms(tmp_path, server, encoder):
    from ..conftest import _Handler

    _Handler.queries.clear()
    sources = write_sources(
        tmp_path / "s.toml",
        f"""
[[outlet]]
name = "Local Search"
domains = ["127.0.0.1"]
allow_private = true
search = "{server}/search?q={{query}}&lang=en"
""",
    )
    report = check(str(SEED), load_config(sources).replace(use_cache=False), encoder=encoder)
    assert len(_Handler.queries) == 1
    query = _Handler.queries[0]
    assert query.startswith("q=") and query.endswith("&lang=en")
    assert " " not in query and "Mexico" in query
    found = [s for s in report.sources if s.found_by == "search"]
    assert len(found) == 2 and all(s.status == "ok" for s in found)


def test_offline_uses_archives_and_skips_the_network(tmp_path, server, encoder):
    from ..conftest import PAGES

    sources = write_sources(
        tmp_path / "s.toml",
        f"""
[[outlet]]
name = "Local Wire"
domains = ["127.0.0.1"]
allow_private = true
urls = ["{server}/pages/newsweek-troops-plan.html"]
[[archive]]
path = "{PAGES}"
""",
    )
    config = load_config(sources).replace(cache_dir=tmp_path / "cache", offline=True)
    report = check(str(SEED), config, encoder=encoder)
    remote = next(s for s in report.sources if s.found_by == "urls")
    assert (remote.status, remote.reason) == ("skipped", "offline")
    archived = [s for s in report.sources if s.found_by == "archive"]
    assert len(archived) == 24
    assert all(s.status == "ok" or (s.status, s.reason) == ("skipped", "off_topic") for s in archived)
    assert sum(s.status == "ok" for s in archived) >= 15
