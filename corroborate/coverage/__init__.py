"""Stage 2, the coverage: ``Config`` sources in, ``Candidate``, ``Page`` and ``Document`` records out.

- ``discovery``: candidates from feeds, sitemaps, search URL templates, explicit URLs, archives and the links and
  outlets the article cites;
- ``fetch``: polite concurrent fetching (robots.txt, per-host limits, retries, redirects checked) into ``Page``s;
- ``documents``: a fetched page's text, metadata and sentences as a ``Document``, its outlet resolved;
- ``cache``: the one SQLite cache (pages, documents, embeddings, judgments);
- ``sources_check``: ``corroborate sources check``, each outlet's feeds, sitemaps and search probed.
"""

from __future__ import annotations

from .cache import Cache, default_cache_dir, open_cache
from .discovery import discover
from .documents import page_document, plain_document
from .fetch import Fetcher, fetch_all
from .sources_check import check_sources, render_checks

__all__ = [
    "Cache",
    "Fetcher",
    "check_sources",
    "default_cache_dir",
    "discover",
    "fetch_all",
    "open_cache",
    "page_document",
    "plain_document",
    "render_checks",
]
