"""Which sentences of a page are read as evidence: bounded per page, whatever the page's shape."""

from __future__ import annotations

import logging

import pytest

from corroborate.article.sentences import WINDOW_WORDS
from corroborate.coverage.documents import plain_document
from corroborate.evidence.match import MAX_DOCUMENT_SENTENCES, MAX_DOCUMENT_WORDS, evidence_sentences

PROSE = "The harbor council voted on Monday to close the old ferry pier by the end of May. "


@pytest.mark.parametrize(
    ("shape", "text"),
    [
        ("prose", PROSE * 5_000),
        ("no punctuation", "the harbor council voted to close the old ferry pier " * 60_000),
    ],
)
def test_a_page_of_megabytes_gives_a_bounded_amount_of_evidence(shape, text, caplog):
    doc = plain_document("https://news.example/long", text)
    with caplog.at_level(logging.WARNING, logger="corroborate.evidence.match"):
        kept = evidence_sentences(doc)
    words = sum(len(doc.sentences[s].text.split()) for s in kept)
    assert 0 < len(kept) <= MAX_DOCUMENT_SENTENCES and words <= MAX_DOCUMENT_WORDS + WINDOW_WORDS
    assert max(len(doc.sentences[s].text.split()) for s in kept) <= WINDOW_WORDS
    assert "https://news.example/long: longer than a news page" in caplog.text


def test_an_ordinary_page_is_read_whole(caplog):
    doc = plain_document("https://news.example/short", PROSE * 40)
    with caplog.at_level(logging.WARNING):
        assert evidence_sentences(doc) == list(range(40))
    assert caplog.text == ""
