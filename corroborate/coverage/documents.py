"""Fetched pages to documents: text, metadata and sentences, with the page's outlet resolved."""

from __future__ import annotations

import json
from dataclasses import asdict

from ..article.extract import Extracted, extract_html
from ..article.sentences import split_sentences
from ..models import Document, Page, RunStats
from ..outlets import Registry
from .cache import Cache, text_key

__all__ = ["page_document", "plain_document"]


def page_document(page: Page, registry: Registry, cache: Cache, stats: RunStats) -> Document:
    """The text, metadata and sentences of a fetched page (extracted once, then read from the cache), its outlet
    resolved through the registry: a configured outlet first, then the host."""
    key = text_key(page.body + (page.candidate.url or "").encode())
    stored = cache.get_document(key)  # checked on read: a damaged row is extracted again and replaced
    extracted = Extracted(**stored) if stored is not None else None
    if extracted is None:
        stats.extracted += 1
        stats.extracted_urls.append(page.candidate.url)
        extracted = extract_html(page.body, None if page.candidate.path else page.final_url)
        cache.put_document(key, json.dumps(asdict(extracted)))
    url = extracted.url if page.candidate.path and extracted.url else (page.final_url or page.candidate.url)
    # a configured outlet first, then the registry (an outlet neither configured nor named by the page's host
    # keeps the site name the page gives)
    outlet = registry.named(page.candidate.outlet) or registry.for_url(url)
    return Document(
        url=url,
        outlet=outlet.name if outlet else (extracted.site_name or page.candidate.outlet or None),
        group=outlet.origin_key if outlet else None,
        wire=bool(outlet and outlet.wire),
        title=extracted.title,
        published=extracted.date,
        site_name=extracted.site_name,
        text=extracted.text,
        sentences=split_sentences(extracted.text),
        links=extracted.links,
    )


def plain_document(url: str, text: str) -> Document:
    """A document of plain text with no outlet or metadata (a pair's body, a test's evidence)."""
    return Document(
        url=url,
        outlet=None,
        group=None,
        wire=False,
        title=None,
        published=None,
        site_name=None,
        text=text,
        sentences=split_sentences(text),
    )
