"""Real inputs: Markdown drafts with YAML or TOML front matter (Hugo, Jekyll, Astro)."""

from __future__ import annotations

import pytest

from corroborate.article.input import read_article
from corroborate.exceptions import InputError

YAML_DRAFT = """---
title: "Council approves the harbour budget"
date: 2026-03-02T09:30:00+01:00
canonicalURL: https://news.example/council-budget
authors:
  - name: Ana Ruiz
  - Tom Lee
tags: [council, budget]
---

# Council approves the harbour budget

The city council approved a 40 million euro harbour budget on Monday.
"""

TOML_DRAFT = """+++
title = "Ferry terminal to close"
date = 2026-02-03
url = "https://news.example/ferry"
author = "Maria Lind"
+++
The Eastport ferry terminal will close for six months starting in March.
"""


@pytest.mark.parametrize(
    ("text", "title", "date", "url", "author"),
    [
        (
            YAML_DRAFT,
            "Council approves the harbour budget",
            "2026-03-02",
            "https://news.example/council-budget",
            "Ana Ruiz, Tom Lee",
        ),
        (TOML_DRAFT, "Ferry terminal to close", "2026-02-03", "https://news.example/ferry", "Maria Lind"),
    ],
)
def test_front_matter_gives_metadata_and_never_claims(tmp_path, text, title, date, url, author):
    from corroborate.article.claims import extract_claims

    path = tmp_path / "draft.md"
    path.write_text(text, encoding="utf-8")
    article = read_article(str(path))
    assert (article.title, article.published, article.url, article.author) == (title, date, url, author)
    assert "tags" not in article.text and "+++" not in article.text and "canonicalURL" not in article.text
    claims, _ = extract_claims(article)
    assert claims and not any("title" in c.text or "date" in c.text for c in claims)
    # line numbers still point into the file
    last = text.rstrip().splitlines()
    claim = claims[-1]
    assert article.text.count("\n", 0, claim.span[0]) + 1 == len(last)


def test_broken_front_matter_is_an_input_error_naming_the_fix(tmp_path):
    path = tmp_path / "draft.md"
    path.write_text("---\ntitle: [unclosed\n---\nThe council met on Monday.\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"YAML front matter cannot be read.*remove the --- block"):
        read_article(str(path))


def test_a_rule_inside_the_text_is_not_front_matter(tmp_path):
    path = tmp_path / "draft.md"
    path.write_text("The council met on Monday.\n\n---\n\nThe mayor spoke on Tuesday.\n", encoding="utf-8")
    article = read_article(str(path))
    assert "council met" in article.text and article.title is None
