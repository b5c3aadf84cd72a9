"""``corroborate sources check``: does each configured outlet yield anything?

For each ``[[outlet]]`` of the sources file: its robots.txt, each feed and sitemap (items found, newest item date),
one search (query "test", result links found) and each explicit URL, with the HTTP status or the typed reason of a
failure. A search page that answers but holds no result link is most likely drawn by JavaScript, which this tool
does not run. An outlet that yields nothing is what the exit code reports.
"""

from __future__ import annotations

import asyncio
import json
from dataclasses import asdict, dataclass, field
from urllib.parse import quote_plus, urlsplit

from ..config import Config, OutletConfig
from ..models import Candidate
from .cache import Cache
from .discovery import MAX_SEARCH_RESULTS, parse_date, parse_feed, search_links, walk_sitemap
from .fetch import Fetcher, fetch_all

__all__ = ["SEARCH_TEST_QUERY", "ListingCheck", "OutletCheck", "check_sources", "render_checks"]

SEARCH_TEST_QUERY = "test"
JS_SEARCH_NOTE = "search page has no result links (rendered by JavaScript?)"


@dataclass(slots=True)
class ListingCheck:
    """One URL of an outlet: what it is, what it answered and what it yielded."""

    kind: str  # robots | feed | sitemap | search | url
    url: str
    status: str  # ok | error | skipped
    http_status: int | None = None
    reason: str | None = None
    items: int = 0
    newest: str | None = None
    note: str | None = None


@dataclass(slots=True)
class OutletCheck:
    outlet: str
    checks: list[ListingCheck] = field(default_factory=list)

    @property
    def yields(self) -> int:
        """Items found over the outlet's feeds, sitemaps, search and explicit URLs (robots.txt does not count)."""
        return sum(c.items for c in self.checks if c.kind != "robots")


def _newest(dates: list[str | None]) -> str | None:
    parsed = sorted(d for d in (parse_date(x) for x in dates) if d is not None)
    return parsed[-1].isoformat()[:10] if parsed else None


async def _check_outlet(fetcher: Fetcher, outlet: OutletConfig) -> OutletCheck:
    result = OutletCheck(outlet.name)
    plan: list[tuple[str, str]] = [
        (k, u) for k, urls in (("feed", outlet.feeds), ("sitemap", outlet.sitemaps)) for u in urls
    ]
    if outlet.search:
        plan.append(("search", outlet.search.replace("{query}", quote_plus(SEARCH_TEST_QUERY))))
    plan += [("url", u) for u in outlet.urls]
    origins = list(dict.fromkeys(f"{urlsplit(u).scheme}://{urlsplit(u).netloc}" for _, u in plan))
    plan = [("robots", f"{o}/robots.txt") for o in origins] + plan
    pages = await fetch_all(
        fetcher,
        [
            Candidate(url=url, outlet=outlet.name, found_by=kind, allow_private=outlet.allow_private, listing=True)
            for kind, url in plan
        ],
    )
    for (kind, url), page in zip(plan, pages, strict=True):
        check = ListingCheck(kind, url, page.status, page.http_status, page.reason)
        if page.status == "ok":
            if kind == "feed":
                items = parse_feed(page.body, page.final_url or url)
                check.items, check.newest = len(items), _newest([d for *_, d in items])
                if not items:
                    check.note = "no items: not an RSS or Atom feed?"
            elif kind == "sitemap":
                found, problem = await walk_sitemap(fetcher, outlet, page)
                check.items, check.newest = len(found), _newest([d for *_, d in found])
                check.note = problem
            elif kind == "search":
                links = search_links(page.body, page.final_url or url, outlet)
                check.items = len(links)
                if not links:
                    check.note = JS_SEARCH_NOTE
                elif len(links) >= MAX_SEARCH_RESULTS:
                    check.note = f"first {MAX_SEARCH_RESULTS} result links counted"
            elif kind == "url":
                check.items = 1
        elif kind == "robots" and page.http_status and 400 <= page.http_status < 500:
            check.note = "no robots.txt: everything allowed"
        result.checks.append(check)
    return result


async def _check_all(config: Config) -> list[OutletCheck]:
    async with Fetcher(config.fetch, Cache(None), offline=config.offline) as fetcher:
        return list(await asyncio.gather(*(_check_outlet(fetcher, o) for o in config.outlets)))


def check_sources(config: Config) -> list[OutletCheck]:
    """Fetch every feed, sitemap, test search and URL of every configured outlet (no cache) and say what each gave."""
    return asyncio.run(_check_all(config))


def render_checks(checks: list[OutletCheck], fmt: str = "text") -> str:
    """The checks as text (one block per outlet, then the outlets that yield nothing) or JSON."""
    empty = [c.outlet for c in checks if c.yields == 0]
    if fmt == "json":
        data = {
            "outlets": [
                {"outlet": c.outlet, "yields": c.yields, "checks": [asdict(x) for x in c.checks]} for c in checks
            ],
            "yield_nothing": empty,
        }
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    lines = []
    for c in checks:
        lines.append(f"{c.outlet}: {c.yields} item{'s' if c.yields != 1 else ''}")
        for x in c.checks:
            answer = f"HTTP {x.http_status}" if x.http_status else (x.reason or x.status)
            if x.status != "ok" and x.http_status and x.reason:
                answer += f" ({x.reason})"
            what = ""
            if x.kind in ("feed", "sitemap"):
                what = f"{x.items} items" + (f", newest {x.newest}" if x.newest else "")
            elif x.kind == "search":
                what = f"{x.items} result links"
            note = f" — {x.note}" if x.note else ""
            lines.append(f"  {x.kind:<8} {answer:<14} {what}{note}  {x.url}".rstrip())
    lines.append("")
    if empty:
        lines.append(f"{len(empty)} of {len(checks)} outlets yield nothing: {', '.join(empty)}")
    else:
        lines.append(f"all {len(checks)} outlets yield items")
    return "\n".join(lines) + "\n"
