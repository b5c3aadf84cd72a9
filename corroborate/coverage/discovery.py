"""Finding candidate coverage: outlets' feeds, explicit URLs, search templates, archive folders, and the
article's own outbound links (fetched first).

Feeds are parsed with lxml with entity resolution and network access off.
"""

from __future__ import annotations

import gzip
import logging
import re
import unicodedata
import zlib
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import quote_plus, urldefrag, urljoin, urlsplit

from ..config import Config, OutletConfig
from ..models import Article, Candidate, Claim, SourceResult
from .fetch import MAX_URL_LENGTH, Fetcher, fetch_all, url_problem

__all__ = [
    "MAX_FEED_ITEMS",
    "MAX_SEARCH_RESULTS",
    "MAX_SITEMAP_FILES",
    "MAX_SITEMAP_URLS",
    "article_terms",
    "discover",
    "is_topical",
    "key_terms",
    "parse_date",
    "parse_feed",
    "parse_sitemap",
    "prefilter",
]

logger = logging.getLogger(__name__)

MAX_FEED_ITEMS = 100  # items taken from one feed
MAX_SITEMAP_URLS = 500  # page URLs taken from one outlet's sitemaps
MAX_SITEMAP_FILES = 20  # sitemap files fetched per outlet (indexes included)
MAX_SEARCH_RESULTS = 10  # result links taken from one search page
SEARCH_TERMS = 6  # words in a search query
TOP_TERMS = 10  # the article's leading terms, which alone make a candidate look on topic
_ARCHIVE_SUFFIXES = (".html", ".htm")
_WARC_SUFFIXES = (".warc", ".warc.gz")
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


#: character references to UTF-16 surrogates ("&#xD800;"), which no XML text may hold and lxml cannot decode
_SURROGATE_REF = re.compile(
    rb"&#(?:[xX]0*[dD][89a-fA-F][0-9a-fA-F]{2}|0*(?:5529[6-9]|55[3-9]\d\d|56\d{3}|57[0-2]\d\d|573[0-3]\d|5734[0-3]));"
)


def _xml_root(data: bytes):
    """Parse XML with entity resolution, DTD loading and network access off; a reference to a surrogate becomes
    U+FFFD instead of aborting the parse."""
    from lxml import etree

    data = _SURROGATE_REF.sub("\ufffd".encode(), data)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, recover=True)
    try:
        return etree.fromstring(data, parser=parser)
    except etree.XMLSyntaxError:
        return None


#: the most a gzipped sitemap (``sitemap.xml.gz``) may inflate to; a larger one is read up to this size
MAX_SITEMAP_INFLATED = 20_000_000


def _gunzip(data: bytes) -> bytes:
    """The body of a gzipped sitemap file, inflated up to ``MAX_SITEMAP_INFLATED`` bytes (no decompression bomb)."""
    import zlib

    try:
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(data, MAX_SITEMAP_INFLATED)
    except zlib.error:
        return b""


def parse_sitemap(data: bytes) -> tuple[list[str], list[tuple[str, str | None, str | None]]]:
    """(child sitemaps, pages) of a sitemap or sitemap index, plain or gzipped; pages are (url, news title, date)."""
    if data[:2] == b"\x1f\x8b":
        data = _gunzip(data)
    root = _xml_root(data)
    if root is None:
        return [], []
    children = [(n.text or "").strip() for n in root.iter("{*}sitemap") for n in n.iter("{*}loc")]
    pages = []
    for node in root.iter("{*}url"):
        loc = node.find("{*}loc")
        if loc is None or not (loc.text or "").strip():
            continue
        title = node.find(".//{*}title")
        date = node.find(".//{*}publication_date")
        if date is None:
            date = node.find("{*}lastmod")
        pages.append(
            (
                (loc.text or "").strip(),
                (title.text or "").strip() if title is not None else None,
                (date.text or "").strip() if date is not None else None,
            )
        )
    return [c for c in children if c], pages


def parse_feed(data: bytes, base_url: str) -> list[tuple[str, str | None, str | None, str | None]]:
    """(link, title, summary, date) of each item of an RSS or Atom feed."""
    root = _xml_root(data)
    if root is None:
        return []
    items = []
    try:
        _feed_items(root, base_url, items)
    except (UnicodeError, ValueError):  # text lxml cannot decode: keep the items read so far
        pass
    return items


def _feed_items(root, base_url: str, items: list) -> None:
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

        items.append(
            (
                _join(base_url, link),
                text_of("{*}title"),
                text_of("{*}description", "{*}summary", "{*}content"),
                text_of("{*}pubDate", "{*}published", "{*}updated", "{*}date"),
            )
        )
        if len(items) >= MAX_FEED_ITEMS:
            break


def _join(base: str, link: str) -> str:
    """``link`` resolved against ``base``; a link too malformed to resolve is kept as it is, to be recorded as
    ``invalid_url`` rather than abort the run."""
    try:
        return urljoin(base, link)
    except ValueError:
        return link


def search_links(html: bytes, base_url: str, outlet: OutletConfig) -> list[str]:
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


def _warc_candidates(path: Path, outlet: str | None) -> tuple[list[Candidate], str | None]:
    """One candidate per HTML response record of a WARC file, or a reason the file cannot be read."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    found = []
    try:
        opener = gzip.open if path.name.lower().endswith(".gz") else open
        with opener(path, "rb") as probe:
            if probe.read(5) != b"WARC/":
                return [], "bad_warc: not a WARC file (no WARC/ header)"
        with path.open("rb") as handle:
            records = ArchiveIterator(handle)
            for record in records:
                if record.rec_type != "response" or not record.http_headers:
                    continue
                ctype = record.http_headers.get_header("Content-Type") or ""
                status = record.http_headers.get_statuscode() or ""
                if "html" not in ctype or not status.startswith("2"):
                    continue
                url = record.rec_headers.get_header("WARC-Target-URI")
                found.append(
                    Candidate(
                        url=url,
                        outlet=outlet,
                        found_by="archive",
                        path=str(path),
                        offset=records.get_record_offset(),
                        published=record.rec_headers.get_header("WARC-Date"),
                    )
                )
        if opener is gzip.open:  # a truncated file ends early without an error from the WARC reader: say so
            with gzip.open(path, "rb") as whole:
                while whole.read(1 << 20):
                    pass
    except (OSError, EOFError, ArchiveLoadFailed, ValueError, zlib.error) as exc:
        return found, f"bad_warc: {exc}"
    return found, None


def _archive_candidates(config: Config) -> tuple[list[Candidate], list[SourceResult]]:
    candidates: list[Candidate] = []
    failures: list[SourceResult] = []
    for archive in config.archives:
        for path in sorted(Path(archive.path).rglob("*")):
            name = path.name.lower()
            if not path.is_file():
                continue
            if name.endswith(_ARCHIVE_SUFFIXES):
                candidates.append(
                    Candidate(url=path.resolve().as_uri(), outlet=archive.outlet, found_by="archive", path=str(path))
                )
            elif name.endswith(_WARC_SUFFIXES):
                found, problem = _warc_candidates(path, archive.outlet)
                candidates.extend(found)
                if problem:
                    failures.append(
                        SourceResult(
                            url=path.resolve().as_uri(),
                            outlet=archive.outlet,
                            status="error",
                            reason="bad_warc",
                            found_by="archive",
                        )
                    )
                    logger.warning("%s: %s", path, problem)
    return candidates, failures


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
        candidates.append(
            Candidate(
                url=link,
                outlet=outlet.name if outlet else None,
                found_by="link",
                allow_private=bool(outlet and outlet.allow_private),
            )
        )
    # 2. local archives
    archived, broken = _archive_candidates(config)
    candidates.extend(archived)
    failures.extend(broken)
    # 3. explicit URLs, feeds and searches of configured outlets; cited outlets first
    cited = {name.casefold() for claim in claims for name in claim.attributed_to}
    outlets = sorted(config.outlets, key=lambda o: o.name.casefold() not in cited)
    terms = key_terms([article.title or ""] + [c.text for c in claims])
    listing: list[tuple[OutletConfig, str, str]] = []  # (outlet, url, kind)
    for outlet in outlets:
        for url in outlet.urls:
            candidates.append(
                Candidate(url=url, outlet=outlet.name, found_by="urls", allow_private=outlet.allow_private)
            )
        listing.extend((outlet, url, "feed") for url in outlet.feeds)
        listing.extend((outlet, url, "sitemap") for url in outlet.sitemaps)
        if outlet.search and terms:
            listing.append((outlet, outlet.search.replace("{query}", quote_plus(" ".join(terms))), "search"))

    pages = await fetch_all(
        fetcher,
        [
            Candidate(url=url, outlet=outlet.name, found_by=kind, allow_private=outlet.allow_private, listing=True)
            for outlet, url, kind in listing
        ],
    )
    for (outlet, url, kind), page in zip(listing, pages, strict=True):
        if page.status != "ok":
            failures.append(
                SourceResult(url=url, outlet=outlet.name, status=page.status, reason=page.reason, found_by=kind)
            )
            continue
        if kind == "sitemap":
            pages_found, problem = await walk_sitemap(fetcher, outlet, page)
            if problem:
                failures.append(
                    SourceResult(url=url, outlet=outlet.name, status="error", reason=problem, found_by=kind)
                )
            for link, title, date in pages_found:
                candidates.append(
                    Candidate(
                        url=link,
                        outlet=outlet.name,
                        found_by="sitemap",
                        title=title,
                        published=date,
                        allow_private=outlet.allow_private,
                    )
                )
        elif kind == "feed":
            items = parse_feed(page.body, page.final_url or url)
            if not items:
                failures.append(
                    SourceResult(url=url, outlet=outlet.name, status="error", reason="bad_feed", found_by=kind)
                )
            for link, title, summary, date in items:
                candidates.append(
                    Candidate(
                        url=link,
                        outlet=outlet.name,
                        found_by="feed",
                        title=title,
                        summary=summary,
                        published=date,
                        allow_private=outlet.allow_private,
                    )
                )
        else:
            for link in search_links(page.body, page.final_url or url, outlet):
                candidates.append(
                    Candidate(url=link, outlet=outlet.name, found_by="search", allow_private=outlet.allow_private)
                )

    candidates, skipped = prefilter(candidates, article, claims, config.fetch.date_window_days)
    failures.extend(skipped)
    unique: dict[str, Candidate] = {}
    own = urldefrag(article.url)[0] if article.url and url_problem(article.url) is None else None
    for candidate in candidates:
        if candidate.path is None and (problem := url_problem(candidate.url)):
            failures.append(
                SourceResult(
                    url=candidate.url[:MAX_URL_LENGTH],
                    outlet=candidate.outlet,
                    status="error",
                    reason=problem,
                    found_by=candidate.found_by,
                )
            )
            continue
        key = urldefrag(candidate.url)[0]
        if key != own and key not in unique:
            unique[key] = candidate
    return list(unique.values()), failures


async def walk_sitemap(fetcher: Fetcher, outlet: OutletConfig, first) -> tuple[list, str | None]:
    """Pages of a sitemap, following sitemap indexes; an index that refers to itself (or loops) stops."""
    seen = {first.candidate.url}
    queue = [first]
    pages: list[tuple[str, str | None, str | None]] = []
    problem = None
    while queue and len(pages) < MAX_SITEMAP_URLS:
        page = queue.pop(0)
        children, found = parse_sitemap(page.body)
        if not children and not found:
            problem = "bad_sitemap"
        pages.extend((_join(page.final_url or page.candidate.url, u), t, d) for u, t, d in found)
        fresh = [c for c in children if c not in seen][: max(0, MAX_SITEMAP_FILES - len(seen))]
        seen.update(fresh)
        fetched = await fetch_all(
            fetcher,
            [
                Candidate(
                    url=c, outlet=outlet.name, found_by="sitemap", allow_private=outlet.allow_private, listing=True
                )
                for c in fresh
            ],
        )
        for child in fetched:
            if child.status == "ok":
                queue.append(child)
            else:
                problem = child.reason
    return pages[:MAX_SITEMAP_URLS], problem


def parse_date(value: str | None):
    """A date from ISO, RFC 822 (feeds) or WARC forms, or None."""
    import datetime as dt
    from email.utils import parsedate_to_datetime

    if not value:
        return None
    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(value).date()
    except (TypeError, ValueError):
        return None


def _stem(word: str) -> str:
    """A crude stem that lets "Mexico"/"Mexican"/"México", "cartel"/"cartels" and "U.S."/"US" meet: accents
    folded, so that names and cognates in Spanish, Portuguese or French titles meet their English forms."""
    folded = "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))
    return folded.lower().replace(".", "").strip("'’-")[:5]


def article_terms(article: Article, claims: list[Claim]) -> dict[str, int]:
    """Distinctive stems of the article (title and claims) with a weight: 2 for its ten leading terms, else 1."""
    ranked = [_stem(t) for t in key_terms([article.title or ""] + [c.text for c in claims], limit=40)]
    terms: dict[str, int] = {}
    for rank, stem in enumerate(ranked):
        terms.setdefault(stem, 2 if rank < TOP_TERMS else 1)
    return terms


def is_topical(text: str, terms: dict[str, int], minimum: int = 2) -> bool:
    """Whether ``text`` (a title, summary or lead) shares enough of the article's weighted stems."""
    words = {_stem(w) for w in re.findall(r"[^\W\d_][\w'’.-]*\w", text) if w.lower() not in _STOPWORDS}
    return sum(terms[w] for w in words if w in terms) >= minimum


def prefilter(
    candidates: list[Candidate], article: Article, claims: list[Claim], window_days: int
) -> tuple[list[Candidate], list[SourceResult]]:
    """Drop candidates whose feed or sitemap metadata shows them off topic or outside the date window.

    Only candidates with metadata are judged here (pages without it are judged after extraction); the rest are
    recorded as skipped with the reason, never dropped silently.
    """
    anchor = parse_date(article.published)
    terms = article_terms(article, claims)
    kept: list[Candidate] = []
    skipped: list[SourceResult] = []
    for candidate in candidates:
        when = parse_date(candidate.published)
        if anchor and when and window_days and abs((when - anchor).days) > window_days:
            reason = "out_of_date_window"
        elif candidate.title and terms and not is_topical(f"{candidate.title} {candidate.summary or ''}", terms):
            reason = "off_topic"
        else:
            kept.append(candidate)
            continue
        skipped.append(
            SourceResult(
                url=candidate.url, outlet=candidate.outlet, status="skipped", reason=reason, found_by=candidate.found_by
            )
        )
    return kept, skipped
