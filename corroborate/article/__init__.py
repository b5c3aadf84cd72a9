"""Stage 1, the article: text in, ``Article``, ``Sentence`` and ``Claim`` records out.

- ``input``: a file (.txt, .md, .html), a URL's body or standard input to an ``Article`` (front matter read);
- ``extract``: text, title, date, site name, canonical URL and links out of HTML (also used for coverage pages);
- ``sentences``: sentences and paragraphs with their character spans, quotes normalised;
- ``claims``: check-worthiness, atomic claims, quotes with speakers, attributions (read by ``outlets``);
- ``facts``: quantities, dates, entities and modality, normalised for comparison.
"""

from __future__ import annotations

from .claims import claim_from_text, classify_sentence, extract_claims, find_quotes
from .extract import Extracted, extract_html, looks_like_html
from .facts import find_dates, find_entities, find_quantities, modality
from .input import SUPPORTED_SUFFIXES, article_from_html, article_from_text, read_article
from .sentences import normalize_quotes, split_sentences

__all__ = [
    "SUPPORTED_SUFFIXES",
    "Extracted",
    "article_from_html",
    "article_from_text",
    "claim_from_text",
    "classify_sentence",
    "extract_claims",
    "extract_html",
    "find_dates",
    "find_entities",
    "find_quantities",
    "find_quotes",
    "looks_like_html",
    "modality",
    "normalize_quotes",
    "read_article",
    "split_sentences",
]
