"""Finding candidate coverage: outlets' feeds, explicit URLs, search templates, archive folders, and the
article's own outbound links (fetched first).

Feeds are parsed with lxml with entity resolution and network access off.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import quote_plus, urldefrag, urljoin, urlsplit

from .config import Config, OutletConfig
from .fetch import Fetcher, fetch_all
from .models import Article, Candidate, Claim, SourceResult

__all__ = ["MAX_FEED_ITEMS", "MAX_SEARCH_RESULTS", "discover", "key_terms", "parse_feed"]

logger = logging.getLogger(__name__)

MAX_FEED_ITEMS = 100  # items taken from one feed
MAX_SEARCH_RESULTS = 10  # result links taken from one search page
SEARCH_TERMS = 6  # words in a search query
_ARCHIVE_SUFFIXES = (".html", ".htm")
_STOPWORDS = frozenset(
    """a an the and or but of to in on at for from by with as is are was were be been being has have had this that
    these those it its their his her they he she we our not no into over under about after before than then so
    such would could might may must should will can also more most some any all each other which who whom whose
    what when where while if because said says told according report reports reported reportedly""".split()
)


def key_terms(texts: Iterable[str], limit: int = SEARCH_TERMS) -> list[str]:
    """The most frequent content words across ``texts``, preferring capitalized names."""
    counts: Counter[str] = Counter()
    for text in texts:
        for word in re.findall(r"[A-Za-zÀ-ÿ][\w'’.-]*[\wÀ-ÿ]", text):
            low = word.lower().strip(".")
            if low in _STOPWORDS or len(low) < 3:
                continue
            counts[word.strip(".")] += 2 if word[0].isupper() else 1
    return [w for w, _ in counts.most_common(limit)]


def parse_feed(data: bytes, base_url: str) -> list[tuple[str, str | None, str | None, str | None]]:
    """(link, title, summary, date) of each item of an RSS or Atom feed."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                             recover=True)
    try:
        root = etree.fromstring(data, parser=parser)
    except etree.XMLSyntaxError:
        return []
    if root is None:
        return []
    items = []
    for item in root.iter("{*}item", "{*}entry"):
        link = None
        for node in item.iter("{*}link"):
            href = node.get("href") or (node.text or "").strip()
            if href and node.get("rel") in (None, "alternate"):
                link = href
                break
        if not link:
            continue

        def text_of(*tags: str, item=item) -> str | None:
            for tag in tags:
                node = item.find(tag)
                if node is not None and node.text and node.text.strip():
                    return re.sub(r"<[^>]+>", " ", node.text).strip()
            return None

        items.append((
            urljoin(base_url, link),
            text_of("{*}title"),
            text_of("{*}description", "{*}summary", "{*}content"),
            text_of("{*}pubDate", "{*}published", "{*}updated", "{*}date"),
        ))
        if len(items) >= MAX_FEED_ITEMS:
            break
    return items


def _search_links(html: bytes, base_url: str, outlet: OutletConfig) -> list[str]:
    """Links on a search results page that point at article pages of the same outlet."""
    from lxml import html as lxml_html

    try:
        tree = lxml_html.fromstring(html)
    except Exception:  # an unparsable results page yields no candidates
        return []
    found: list[str] = []
    search_path = urlsplit(base_url).path
    for href in tree.xpath("//a/@href"):
        url = urldefrag(urljoin(base_url, href))[0]
        parts = urlsplit(url)
        host = (parts.hostname or "").removeprefix("www.")
        if not any(host == d or host.endswith("." + d) for d in outlet.domains):
            continue
        # article URLs have a slug or an id; skip section fronts, tags and the search page itself
        if parts.path == search_path or not re.search(r"[a-z0-9]+-[a-z0-9]+-[a-z0-9]+|\d{4,}", parts.path):
            continue
        if url not in found:
            found.append(url)
        if len(found) >= MAX_SEARCH_RESULTS:
            break
    return found


def _archive_candidates(config: Config) -> list[Candidate]:
    candidates = []
    for archive in config.archives:
        for path in sorted(Path(archive.path).rglob("*")):
            if path.suffix.lower() in _ARCHIVE_SUFFIXES and path.is_file():
                candidates.append(Candidate(url=path.resolve().as_uri(), outlet=archive.outlet, found_by="archive",
                                            path=str(path)))
    return candidates


async def discover(
    config: Config, article: Article, claims: list[Claim], fetcher: Fetcher
) -> tuple[list[Candidate], list[SourceResult]]:
    """Candidate pages for the check, plus a record of each feed or search page that failed."""
    failures: list[SourceResult] = []
    candidates: list[Candidate] = []

    def outlet_of(url: str) -> OutletConfig | None:
        return config.outlet_for_url(url)

    # 1. the article's own links first: they are what it cites
    for link in article.links:
        outlet = outlet_of(link)
        candidates.append(Candidate(url=link, outlet=outlet.name if outlet else None, found_by="link",
                                    allow_private=bool(outlet and outlet.allow_private)))
    # 2. local archives
    candidates.extend(_archive_candidates(config))
    # 3. explicit URLs, feeds and searches of configured outlets; cited outlets first
    cited = {name.casefold() for claim in claims for name in claim.attributed_to}
    outlets = sorted(config.outlets, key=lambda o: o.name.casefold() not in cited)
    terms = key_terms([article.title or ""] + [c.text for c in claims])
    listing: list[tuple[OutletConfig, str, str]] = []  # (outlet, url, kind)
    for outlet in outlets:
        for url in outlet.urls:
            candidates.append(Candidate(url=url, outlet=outlet.name, found_by="urls",
                                        allow_private=outlet.allow_private))
        listing.extend((outlet, url, "feed") for url in outlet.feeds)
        if outlet.search and terms:
            listing.append((outlet, outlet.search.replace("{query}", quote_plus(" ".join(terms))), "search"))

    pages = await fetch_all(fetcher, [
        Candidate(url=url, outlet=outlet.name, found_by=kind, allow_private=outlet.allow_private)
        for outlet, url, kind in listing
    ])
    for (outlet, url, kind), page in zip(listing, pages, strict=True):
        if page.status != "ok":
            failures.append(SourceResult(url=url, outlet=outlet.name, status=page.status, reason=page.reason,
                                         found_by=kind))
            continue
        if kind == "feed":
            items = parse_feed(page.body, page.final_url or url)
            if not items:
                failures.append(SourceResult(url=url, outlet=outlet.name, status="error", reason="bad_feed",
                                             found_by=kind))
            for link, title, summary, date in items:
                candidates.append(Candidate(url=link, outlet=outlet.name, found_by="feed", title=title,
                                            summary=summary, published=date, allow_private=outlet.allow_private))
        else:
            for link in _search_links(page.body, page.final_url or url, outlet):
                candidates.append(Candidate(url=link, outlet=outlet.name, found_by="search",
                                            allow_private=outlet.allow_private))

    unique: dict[str, Candidate] = {}
    own = urldefrag(article.url)[0] if article.url else None
    for candidate in candidates:
        key = urldefrag(candidate.url)[0]
        if key != own and key not in unique:
            unique[key] = candidate
    return list(unique.values()), failures

