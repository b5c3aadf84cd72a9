"""Sentence segmentation that survives abbreviations ("U.S.", "Gen."), initials and quotes.

Paragraphs are the lines of a text; a short line with no closing punctuation is a heading.
"""

from __future__ import annotations

import re
import unicodedata

from ..models import Sentence

__all__ = ["WINDOW_WORDS", "normalize_quotes", "split_paragraphs", "split_sentences"]

#: the most words one sentence may hold: a longer run (text with no sentence punctuation, a pasted table) is cut
#: into windows of this many words, so that no model or pattern downstream ever reads an unbounded unit
WINDOW_WORDS = 200
_WORD = re.compile(r"\S+")

#: tokens that end in a period without ending a sentence
ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof sr jr st gen lt col maj sgt capt cmdr adm gov sen rep pres sec atty supt insp
    rev hon fr no nos vs etc e.g i.e inc corp co ltd dept univ approx est fig jan feb mar apr jun jul aug
    sept sep oct nov dec mt ft av ave blvd sra sr srta lic ing dra""".split()
)
#: words that, after an initialism such as "U.S.", show that a new sentence begins
_SENTENCE_STARTERS = frozenset(
    """the this that these those it its he she they we i a an in on at but and or so yet however
    meanwhile officials his her their our there here when while after before if as""".split()
)
_OPEN_QUOTES = '"“«„'
_CLOSE_QUOTES = '"”»'
_BOUNDARY = re.compile(r"[.!?…]+[\"'”’»)\]]*(?=\s+)")
_NEXT_WORD = re.compile(r"[\"'“‘(]*([\w’'-]+)")
_HEADING_END = re.compile(r"[.!?:;,\"”’…]$")
_QUOTE_TRANS = str.maketrans(
    {
        "“": '"',
        "”": '"',
        "„": '"',
        "«": '"',
        "»": '"',
        "‘": "'",
        "’": "'",
        "‚": "'",
        "′": "'",
        "″": '"',
        "—": "-",
        "–": "-",
    }
)


def normalize_quotes(text: str) -> str:
    """Curly quotes, guillemets and long dashes to their ASCII forms; NFC; collapsed spaces."""
    text = unicodedata.normalize("NFC", text).translate(_QUOTE_TRANS)
    return re.sub(r"\s+", " ", text).strip()


def split_paragraphs(text: str) -> list[tuple[int, int]]:
    """Character spans of the non-empty lines of ``text``."""
    spans = []
    for match in re.finditer(r"[^\n]+", text):
        start, end = match.span()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            spans.append((start, end))
    return spans


def is_heading(line: str) -> bool:
    """A short line without closing punctuation, mostly capitalized words."""
    words = line.split()
    if not words or len(words) > 14 or _HEADING_END.search(line):
        return False
    capitalized = sum(1 for w in words if w[:1].isupper() or not w[:1].isalpha())
    return capitalized / len(words) >= 0.5


def _ends_sentence(text: str, dot: int, next_start: int) -> bool:
    """Whether the punctuation run at ``dot`` ends a sentence, judged by the token before it."""
    if text[dot] != ".":
        return True
    token_start = dot
    while token_start > 0 and not text[token_start - 1].isspace() and text[token_start - 1] not in _OPEN_QUOTES:
        token_start -= 1
    token = text[token_start:dot].lower().strip("(\"'")
    following = _NEXT_WORD.match(text, next_start)  # no slice: a slice per boundary would be quadratic
    next_word = following.group(1) if following else ""
    if not next_word:
        return True
    if next_word[0].islower() or (next_word[0].isdigit() and token in ABBREVIATIONS):
        return False
    if token in ABBREVIATIONS:
        return False
    # Initials and initialisms: "J.", "U.S.", "U.N." end a sentence only before a typical sentence start.
    if re.fullmatch(r"(?:[a-z]\.)*[a-z]", token):
        return next_word.lower() in _SENTENCE_STARTERS
    return True


def _split_paragraph(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans = []
    cursor = start
    # whether a double quote opened in this sentence is still open, kept up to ``scanned`` as the boundaries go
    # by: each character is read once, so a paragraph of any length splits in linear time
    open_quote, scanned = False, start
    for match in _BOUNDARY.finditer(text, start, end):
        open_quote = _quote_state(text, scanned, match.start(), open_quote)
        scanned = match.start()
        depth = int(open_quote)
        next_start = match.end()
        while next_start < end and text[next_start].isspace():
            next_start += 1
        if next_start >= end:
            break
        if depth and not any(c in _CLOSE_QUOTES for c in text[match.start() : match.end()]):
            continue  # a sentence inside a quotation: the quote is one unit with its attribution
        if not _ends_sentence(text, match.start(), next_start):
            continue
        spans.append((cursor, match.end()))
        cursor = next_start
        open_quote, scanned = False, next_start
    spans.append((cursor, end))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def _quote_state(text: str, start: int, end: int, open_: bool) -> bool:
    """Whether a double quote is open at ``end``, given whether one was open at ``start``."""
    for i in range(start, end):
        ch = text[i]
        if ch == '"':
            open_ = not open_
        elif ch in "“«„":
            open_ = True
        elif ch in "”»":
            open_ = False
    return open_


def split_sentences(text: str) -> list[Sentence]:
    """Split ``text`` into sentences with 1-based indexes and spans into ``text``."""
    sentences: list[Sentence] = []
    for p_index, (p_start, p_end) in enumerate(split_paragraphs(text)):
        line = text[p_start:p_end]
        if is_heading(line):
            sentences.append(Sentence(len(sentences) + 1, line, p_start, p_end, p_index, heading=True))
            continue
        for s, e in _split_paragraph(text, p_start, p_end):
            for ws, we, window in _windows(text, s, e):
                sentences.append(Sentence(len(sentences) + 1, text[ws:we], ws, we, p_index, window=window))
    return sentences


def _windows(text: str, start: int, end: int) -> list[tuple[int, int, bool]]:
    """The span as it is when it holds at most ``WINDOW_WORDS`` words; else cut at word boundaries into windows of
    that many words (flagged: a window is not a sentence)."""
    if end - start < 2 * WINDOW_WORDS or len(text[start:end].split(None, WINDOW_WORDS)) <= WINDOW_WORDS:
        return [(start, end, False)]
    windows = []
    cursor, count, last_end = start, 0, start
    for word in _WORD.finditer(text, start, end):
        if count == WINDOW_WORDS:
            windows.append((cursor, last_end, True))
            cursor, count = word.start(), 0
        count += 1
        last_end = word.end()
    if not windows:
        return [(start, end, False)]
    windows.append((cursor, end, True))
    return windows
