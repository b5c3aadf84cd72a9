"""Reading the article under check from a file (.txt, .md, .html), an http(s) URL, or standard input."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import TextIO

from ..exceptions import ExtractionError, InputError
from ..models import Article
from .extract import extract_html, looks_like_html

__all__ = ["SUPPORTED_SUFFIXES", "article_from_html", "article_from_text", "front_matter", "read_article"]

SUPPORTED_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
#: the largest article read, from a file or standard input (a bigger one is not an article: exit 2)
MAX_ARTICLE_BYTES = 5_000_000
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\((\S+?)(?:\s+\"[^\"]*\")?\)")


_FRONT_MATTER = re.compile(r"\A(?P<fence>---|\+\+\+)[ \t]*\r?\n(?P<body>.*?)^(?:(?P=fence)|\.\.\.)[ \t]*$", re.S | re.M)
_DATE_KEYS = ("date", "published", "publishdate", "publish_date", "pubdate", "publishedat", "published_at")
_URL_KEYS = ("canonical", "canonicalurl", "canonical_url", "url", "permalink", "link")
_AUTHOR_KEYS = ("author", "authors", "byline")


def front_matter(text: str, source: str) -> tuple[dict, str]:
    """The YAML (``---``) or TOML (``+++``) front matter of a Markdown file as a dict, and the text with the front
    matter replaced by as many empty lines, so that line numbers still point into the file."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    body = match.group("body")
    try:
        if match.group("fence") == "+++":
            import tomllib

            data = tomllib.loads(body)
        else:
            import yaml

            data = yaml.safe_load(body)
    except Exception as exc:  # any parse error of either format is the same input problem
        kind = "TOML" if match.group("fence") == "+++" else "YAML"
        raise InputError(
            f"{source}: the {kind} front matter cannot be read ({str(exc).splitlines()[0]}); fix it, or remove the "
            f"{match.group('fence')} block"
        ) from None
    blank = "\n" * match.group(0).count("\n")
    return (data if isinstance(data, dict) else {}), blank + text[match.end() :]


def _meta(data: dict, keys: tuple[str, ...]) -> object:
    folded = {str(k).lower(): v for k, v in data.items()}
    return next((folded[k] for k in keys if folded.get(k) not in (None, "", [])), None)


def article_from_text(text: str, source: str, *, markdown: bool = False) -> Article:
    """An article from plain text or Markdown (headings, emphasis and links reduced to text; front matter read for
    title, date, canonical URL and author, and never checked as a claim)."""
    title = None
    links: list[str] = []
    meta: dict = {}
    if markdown:
        meta, text = front_matter(text, source)
    if markdown:
        lines = []
        for line in text.splitlines():
            heading = re.match(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$", line)
            if heading:
                title = title or heading.group(1)
                line = heading.group(1)
            line = re.sub(r"^\s*(?:[-*+]|\d+\.)\s+", "", line)
            line = re.sub(r"^\s*>\s?", "", line)
            links.extend(m.group(2) for m in _MD_LINK.finditer(line) if m.group(2).startswith(("http://", "https://")))
            line = _MD_LINK.sub(r"\1", line)
            line = re.sub(r"(\*\*|__|\*|_|`)(\S(?:.*?\S)?)\1", r"\2", line)
            lines.append(line)
        text = "\n".join(lines)
    else:
        links = re.findall(r"https?://[^\s<>\"')\]]+", text)
    # leading empty lines are kept: offsets and line numbers point into the file (GitHub and SARIF annotations)
    text = text.rstrip()
    if not text.strip():
        raise InputError(f"{source}: the article is empty; give a file with the article's text")
    article = Article(source=source, text=text, title=title, links=links)
    if meta:
        _apply_meta(article, meta)
    return article


def _apply_meta(article: Article, meta: dict) -> None:
    import datetime as dt

    if isinstance(meta.get("title"), str) and meta["title"].strip():
        article.title = meta["title"].strip()
    date = _meta(meta, _DATE_KEYS)
    if isinstance(date, dt.datetime | dt.date):
        article.published = date.isoformat()[:10]
    elif isinstance(date, str) and re.match(r"\d{4}-\d\d-\d\d", date.strip()):
        article.published = date.strip()[:10]
    url = _meta(meta, _URL_KEYS)
    if isinstance(url, str) and url.startswith(("http://", "https://")):
        article.url = url
    author = _meta(meta, _AUTHOR_KEYS)
    if isinstance(author, list):
        author = ", ".join(str(a.get("name", a)) if isinstance(a, dict) else str(a) for a in author)
    elif isinstance(author, dict):
        author = author.get("name")
    if isinstance(author, str) and author.strip():
        article.author = author.strip()


def article_from_html(html: str | bytes, source: str, url: str | None = None) -> Article:
    """An article from an HTML page, through trafilatura."""
    try:
        page = extract_html(html, url)
    except ExtractionError as exc:
        raise InputError(f"{source}: {exc}; save the article as .txt if it is not a web page") from exc
    return Article(
        source=source,
        text=page.text,
        title=page.title,
        outlet=page.site_name,
        published=page.date,
        url=page.url or url,
        links=page.links,
    )


def read_article(source: str, *, stdin: TextIO | None = None, max_bytes: int | None = None) -> Article:
    """Read a local article: a path or ``-`` for stdin. URLs are fetched by the pipeline (see ``check``).

    ``max_bytes`` (default ``MAX_ARTICLE_BYTES``; ``[fetch] max_article_bytes``) bounds what is read."""
    limit = max_bytes or MAX_ARTICLE_BYTES
    if source == "-":
        stream = stdin or sys.stdin
        try:
            # bytes when there are bytes: a locale may hand Python text with surrogate escapes that no report
            # could be written in
            raw = stream.buffer.read(limit + 1) if hasattr(stream, "buffer") else None
            if raw is not None and len(raw) > limit:  # before decoding: the cut may split a character
                raise InputError(
                    f"standard input is over {limit:,} bytes, more than an article; give the article alone, or "
                    "raise [fetch] max_article_bytes"
                )
            text = raw.decode("utf-8-sig") if raw is not None else stream.read()
            text.encode("utf-8")
        except UnicodeError as exc:
            raise InputError(
                "standard input is not UTF-8 text; convert it first, e.g. iconv -f latin1 -t UTF-8 article.txt | "
                "corroborate check -"
            ) from exc
        except OSError as exc:
            raise InputError(f"cannot read the article from standard input: {exc}") from exc
        if not text.strip():
            raise InputError(
                "standard input is empty; pipe the article's text into it (cat article.txt | corroborate check -), "
                "or give the article's file instead of -"
            )
        if looks_like_html(text):
            return article_from_html(text, "<stdin>")
        return article_from_text(text, "<stdin>")
    path = Path(source)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise InputError(
            f"{source}: unsupported file type '{suffix or '(none)'}'; give a .txt, .md or .html file, "
            "an http(s):// URL, or - to read standard input"
        )
    try:
        with path.open("rb") as handle:  # bounded read: a symlink to /dev/zero must not fill the memory
            data = handle.read(limit + 1)
    except FileNotFoundError:
        raise InputError(f"{source}: file not found; check the path") from None
    except IsADirectoryError:
        raise InputError(f"{source}: is a folder; give one article file") from None
    except OSError as exc:
        raise InputError(f"{source}: cannot read the file ({exc.strerror})") from exc
    if len(data) > limit:
        raise InputError(
            f"{source}: over {limit:,} bytes, more than an article; give the article's text alone, or raise "
            "[fetch] max_article_bytes"
        )
    if suffix in (".html", ".htm"):
        return article_from_html(data, source)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{source}: not UTF-8 text (byte {exc.start}); convert it, e.g. with iconv -t UTF-8") from exc
    return article_from_text(text, source, markdown=suffix in (".md", ".markdown"))
