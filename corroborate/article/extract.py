"""Article text and metadata out of HTML, with trafilatura: text, title, date, site name, canonical URL, links."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from urllib.parse import urldefrag, urljoin, urlsplit

from ..exceptions import ExtractionError

__all__ = ["MAX_ATTRIBUTES", "MAX_HTML_BYTES", "MAX_TREE_SIZE", "Extracted", "extract_html", "looks_like_html"]

logger = logging.getLogger(__name__)

# The budget of one page, deterministic (sizes and counts, not wall time): a page over any of these is refused as
# ``too_complex`` before trafilatura reads it, and the run goes on. Real articles stay far below each.
#: bytes of HTML (the fetch cap, ``[fetch] max_bytes``, is 5 MB; this holds when it is raised)
MAX_HTML_BYTES = 10_000_000
#: elements: extraction costs about 0.1 ms per element, whatever the nesting (a heavy news page holds 5,000-20,000)
MAX_TREE_SIZE = 50_000
#: attributes in the whole page, and on one element (trafilatura's cleaning grows with the square of the latter)
MAX_ATTRIBUTES = 200_000
MAX_ELEMENT_ATTRIBUTES = 100
#: nesting depth above which a page is refused (libxml2 stops at 256; real articles stay far below)
MAX_DEPTH = 200
#: a start tag, up to the next angle bracket (so that unclosed tags cannot make the scan quadratic)
_TAG = re.compile(r"<[A-Za-z][^<>]*")
_ATTRIBUTE = re.compile(r"\s[^\s\"'=<>/]+\s*=")
_ARTICLE_PATH = re.compile(r"[a-z0-9]+-[a-z0-9]+-[a-z0-9]+|/\d{4,}")
_SKIP_LINK_ANCESTORS = {"nav", "footer", "header", "aside", "form"}


@dataclass(slots=True)
class Extracted:
    text: str
    title: str | None = None
    date: str | None = None
    site_name: str | None = None
    url: str | None = None  # canonical URL when the page states one
    links: list[str] = field(default_factory=list)


_CONFIG = None


def _trafilatura_config():
    """trafilatura settings with our tree-size bound; its signal-based timeout is off (it only works in the
    main thread), the size bounds apply instead."""
    global _CONFIG
    if _CONFIG is None:
        from trafilatura.settings import use_config

        config = use_config()
        config.set("DEFAULT", "MAX_TREE_SIZE", str(MAX_TREE_SIZE))
        config.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")
        _CONFIG = config
    return _CONFIG


def _check_shape(html: str, url: str | None) -> None:
    """Refuse markup too large or too deep to extract in bounded time, before trafilatura sees it."""
    from lxml import etree
    from lxml import html as lxml_html

    if len(html) > MAX_HTML_BYTES:  # characters: at least as many bytes
        raise ExtractionError(f"page {url or ''} is over {MAX_HTML_BYTES:,} bytes of HTML", reason="too_complex")
    if not html.strip():
        raise ExtractionError(f"page {url or ''} is empty", reason="no_text")
    # attributes are counted in the markup before parsing: libxml2's duplicate check grows with the square of an
    # element's attributes, so thousands on one element take longer to parse than the whole budget allows
    attributes = 0
    for tag in _TAG.finditer(html):
        n = len(_ATTRIBUTE.findall(tag.group()))
        attributes += n
        if n > MAX_ELEMENT_ATTRIBUTES or attributes > MAX_ATTRIBUTES:
            raise ExtractionError(
                f"page {url or ''} has more than {MAX_ELEMENT_ATTRIBUTES} attributes on one element or "
                f"{MAX_ATTRIBUTES:,} in all",
                reason="too_complex",
            )
    try:
        tree = lxml_html.fromstring(html, parser=lxml_html.HTMLParser(huge_tree=False, recover=True))
    except (etree.ParserError, ValueError) as exc:
        raise ExtractionError(f"cannot parse page {url or ''}: {exc}") from exc
    count = 0
    for _element in tree.iter():
        count += 1
        if count > MAX_TREE_SIZE:
            raise ExtractionError(f"page {url or ''} has more than {MAX_TREE_SIZE} elements", reason="too_complex")
    stack = [(tree, 1)]
    while stack:
        element, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise ExtractionError(f"page {url or ''} nests deeper than {MAX_DEPTH} elements", reason="too_complex")
        stack.extend((child, depth + 1) for child in element)


def looks_like_html(data: str | bytes) -> bool:
    head = (data[:2048].decode("utf-8", "replace") if isinstance(data, bytes) else data[:2048]).lower()
    return bool(re.search(r"<(?:!doctype html|html|head|body|article|p)\b", head))


def extract_html(html: str | bytes, url: str | None = None) -> Extracted:
    """Extract the main text and metadata of an HTML page; raise ExtractionError if there is no text."""
    import trafilatura
    from lxml import html as lxml_html

    if isinstance(html, bytes):
        html = html.decode("utf-8", errors="replace")
    _check_shape(html, url)
    try:
        doc = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            favor_precision=True,
            deduplicate=False,
            config=_trafilatura_config(),
        )
    except Exception as exc:  # trafilatura raises assorted parser errors on broken markup
        raise ExtractionError(f"cannot parse page {url or ''}: {exc}") from exc
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or len(text.split()) < 5:
        raise ExtractionError(f"no article text found in {url or 'the page'}", reason="no_text")
    canonical = getattr(doc, "url", None) or url
    links: list[str] = []
    try:
        tree = lxml_html.fromstring(html)
        scope = tree.xpath("//article") or tree.xpath("//main") or [tree]
        base = canonical or url or ""
        seen = set()
        for anchor in scope[0].iter("a"):
            if any(a.tag in _SKIP_LINK_ANCESTORS for a in anchor.iterancestors()):
                continue
            href = (anchor.get("href") or "").strip()
            if not href:
                continue
            absolute = urldefrag(urljoin(base, href))[0]
            parts = urlsplit(absolute)
            if parts.scheme not in ("http", "https") or absolute in seen:
                continue
            # same-site links inside an article are mostly sections and author pages; keep only article-like ones
            if parts.hostname == urlsplit(base).hostname and not _ARTICLE_PATH.search(parts.path):
                continue
            seen.add(absolute)
            links.append(absolute)
    except Exception as exc:  # links are a bonus; a page whose anchors cannot be parsed still has text
        logger.debug("link extraction failed for %s: %s", url, exc)
    return Extracted(
        text=text.strip(),
        title=getattr(doc, "title", None),
        date=getattr(doc, "date", None),
        site_name=getattr(doc, "sitename", None),
        url=canonical,
        links=links,
    )
