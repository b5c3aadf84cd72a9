"""Records passed between the pipeline stages.

Each stage is a function from records to records; nothing here does I/O. See the flow in docs/layout.md:
``Article -> Claim``; ``Config -> Candidate -> Page -> Document``; ``Claim x Document -> Evidence``;
``Evidence -> Provenance -> ClaimResult -> Report``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = [
    "REASON_CODES",
    "SKIP_CODES",
    "Article",
    "Candidate",
    "Claim",
    "ClaimResult",
    "DateRef",
    "Document",
    "Entity",
    "Evidence",
    "Flag",
    "Origin",
    "Page",
    "Progress",
    "Quantity",
    "Quote",
    "Report",
    "RunStats",
    "Sentence",
    "Skipped",
    "SourceResult",
    "Summary",
]


@dataclass(slots=True, frozen=True)
class Sentence:
    """One sentence of a text: 1-based ``index`` and the ``[start, end)`` character span."""

    index: int
    text: str
    start: int
    end: int
    paragraph: int = 0
    heading: bool = False
    window: bool = False  # a cut of a run of more than WINDOW_WORDS words with no sentence end, not a sentence


@dataclass(slots=True)
class Article:
    """The article under check, as read from a file, URL or stdin."""

    source: str
    text: str
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    url: str | None = None
    links: list[str] = field(default_factory=list)
    author: str | None = None


@dataclass(slots=True, frozen=True)
class Quote:
    """A direct quote inside a claim, with who said it and how."""

    text: str
    speaker: str | None = None
    channel: str | None = None
    when: str | None = None


@dataclass(slots=True, frozen=True)
class Quantity:
    """A number with its unit, scaled: "3.5 million troops" -> 3500000.0, "troops"; ``bound`` when the text
    bounds it: at_least ("pelo menos 15"), more_than ("mehr als 100"), less_than, at_most, about ("une
    quarantaine", "hundreds")."""

    text: str
    value: float
    unit: str | None = None
    bound: str | None = None


@dataclass(slots=True, frozen=True)
class DateRef:
    """A date or time phrase and its ISO value when it could be resolved: a day, month or year ("2025-09-03"),
    a time of day ("T18:05") or a duration ("PT1H30M")."""

    text: str
    value: str | None = None


@dataclass(slots=True, frozen=True)
class Entity:
    """A named person, organization, place or outlet (type PERSON | ORG | PLACE | OUTLET | OTHER)."""

    text: str
    type: str


@dataclass(slots=True)
class Claim:
    """A check-worthy statement of the article: a whole sentence, or one atomic part of a compound sentence.

    ``sentence`` and ``source`` are the article sentence it comes from; ``span`` is the claim's own part of it,
    as character offsets into the article text.
    """

    id: str
    sentence: int
    span: tuple[int, int]
    text: str
    kind: str  # event | quote | statistic | attribution
    checkworthy: float
    reason: str
    source: str = ""
    quotes: list[Quote] = field(default_factory=list)
    attributed_to: list[str] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    dates: list[DateRef] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    modality: list[str] = field(default_factory=lambda: ["asserted"])
    negated: bool = False
    #: put as an account, not as established fact ("could have caused", "probablement", "the cause is not yet
    #: known"): corroboration of it confirms the account
    hedged: bool = False


@dataclass(slots=True, frozen=True)
class Skipped:
    """A sentence judged not check-worthy, and why: ``reason`` in words, ``code`` one of ``SKIP_CODES`` (the same
    in every language)."""

    sentence: int
    text: str
    reason: str
    checkworthy: float = 0.0
    code: str = "no_fact"


#: every reason a sentence of the article is not checked, as the report's ``skipped[].code`` gives it
SKIP_CODES = {
    "heading": "a heading, headline or title line",
    "question": "a question",
    "caption": "a photo caption or credit",
    "byline": "a byline, link, share line or call to action",
    "fragment": "too short to state a fact",
    "quote_without_speaker": "a quotation standing alone, checked with the sentence that names its speaker",
    "opinion": "opinion or analysis",
    "no_fact": "no verifiable content",
    "not_one_sentence": "longer than any real sentence (a table, a pasted dump, an unclosed quotation)",
}


@dataclass(slots=True, frozen=True)
class Candidate:
    """A page worth fetching: where it is, which outlet it belongs to, and how it was found."""

    url: str
    outlet: str | None
    found_by: str  # feed | urls | search | link | archive
    path: str | None = None  # local file for archive candidates
    offset: int | None = None  # record offset inside a WARC file
    title: str | None = None
    summary: str | None = None
    published: str | None = None
    allow_private: bool = False
    listing: bool = False  # a feed, sitemap or search page itself (always revalidated), not an article


@dataclass(slots=True)
class Page:
    """A candidate after fetching: the body on success, a typed ``reason`` on failure."""

    candidate: Candidate
    status: str  # ok | error | skipped
    reason: str | None = None
    body: bytes = b""
    final_url: str | None = None
    content_type: str | None = None
    http_status: int | None = None
    from_cache: bool = False


@dataclass(slots=True)
class Document:
    """Text extracted from a page, split into sentences."""

    url: str
    outlet: str | None
    group: str | None
    wire: bool
    title: str | None
    published: str | None
    site_name: str | None
    text: str
    sentences: list[Sentence]
    links: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Evidence:
    """A sentence of a document matched to a claim, with similarities and a stance."""

    claim_id: str
    url: str
    outlet: str | None
    published: str | None
    sentence: str
    sentence_index: int
    fuzzy: float
    semantic: float
    combined: float
    stance: str = "mentions"  # supports | contradicts | mentions
    confidence: float = 0.0
    why: str = ""
    origin: str | None = None
    independent: bool = False
    chain: list[str] = field(default_factory=list)  # outlets from this page to its origin, e.g. [copy, wire]
    collapsed: str | None = None  # why it does not count as an independent source
    judgment: tuple[float, ...] = ()  # the judge's (unrelated, mentions, supports, contradicts) for this passage
    decision: dict | None = None  # an editor's decision about this page (see overrides)
    group: str | None = None  # the independence key of its origin (ownership group), set when scored


@dataclass(slots=True, frozen=True)
class Origin:
    """One independent origin of a claim's support: the outlet, its ownership group, its earliest report in the
    run and how many supporting pages trace back to it."""

    outlet: str
    group: str
    earliest_url: str
    earliest_published: str | None
    pages: int


@dataclass(slots=True, frozen=True)
class Flag:
    """A finding about a claim beyond its verdict: ``misattributed`` (the coverage credits another outlet than
    the article does; ``outlet`` names it) or ``unverified-quote`` (no page carries the quoted words)."""

    code: str
    message: str
    outlet: str | None = None
    quote: str | None = None
    urls: tuple[str, ...] = ()


@dataclass(slots=True)
class ClaimResult:
    """A claim with its verdict, score and cited evidence.

    ``credited`` are the outlets the article itself credits for the claim; support that traces back only to them
    confirms the attribution (``attribution_confirmed``), not the fact: ``independently_confirmed_by`` lists the
    other origins.
    """

    claim: Claim
    verdict: str
    score: float
    independent_sources: int
    origins: list[str]
    evidence: list[Evidence]
    credited: list[str] = field(default_factory=list)
    attribution_confirmed: bool | None = None
    independently_confirmed_by: list[str] = field(default_factory=list)
    origin_details: list[Origin] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)
    decision: dict | None = None  # an editor's decision about this claim (see overrides)
    tool_verdict: str | None = None  # the verdict before an editor's evidence decisions changed it


#: every reason a source can fail or be skipped for, as the report's ``sources[].reason`` gives it
#: (docs/configuring-outlets.md lists them; a test checks that the list, this table and the code agree)
REASON_CODES = {
    # the address
    "invalid_url": "the URL cannot be parsed (host, port, control characters, over 4,096 characters)",
    "blocked_scheme": "not http(s)",
    "blocked_address": "a private, local or cloud metadata address (set allow_private on the outlet)",
    "dns_error": "the host name does not resolve",
    "robots_disallowed": "robots.txt disallows it",
    # the answer
    "timeout": "no complete answer in time",
    "connect_error": "the connection failed",
    "tls_error": "the certificate does not verify",
    "http_status": "an HTTP error status (4xx, 5xx after retries)",
    "http_error": "the server broke the HTTP protocol (for example an unparsable redirect)",
    "too_large": "over max_bytes",
    "too_many_redirects": "more redirects than max_redirects",
    "bad_encoding": "the body cannot be decoded",
    "not_found_locally": "an archive file went missing",
    "read_error": "an archive file or WARC record cannot be read",
    "offline": "--offline, and not in the cache",
    # the content
    "no_text": "no article text in the page (an empty page included)",
    "too_complex": "over the page budget: bytes, elements, attributes or nesting depth",
    "bad_html": "the page cannot be parsed as HTML",
    "bad_feed": "not an RSS or Atom feed",
    "bad_sitemap": "not a sitemap",
    "bad_warc": "not a readable WARC file",
    # skipped on purpose
    "off_topic": "about another story",
    "out_of_date_window": "published outside date_window_days of the article",
    "same_as_article": "the article itself",
    "duplicate_page": "the same page as another source",
}


@dataclass(slots=True)
class SourceResult:
    """What happened to one candidate source, for the report's ``sources`` list."""

    url: str
    outlet: str | None
    status: str
    reason: str | None = None
    origin: str | None = None
    duplicate_of: str | None = None
    found_by: str | None = None


@dataclass(slots=True)
class Summary:
    claims: int
    corroborated: int
    partly_corroborated: int
    contradicted: int
    uncorroborated: int
    not_checkable: int
    score: float
    sources_ok: int
    sources_failed: int
    conflicting: int = 0
    single_source: int = 0
    flagged: dict[str, int] = field(default_factory=dict)  # claims per flag code
    no_coverage: int = 0  # uncorroborated claims that no page even mentions
    sources_off_topic: int = 0  # pages read and found to be about other stories
    sources_skipped: int = 0  # candidates not read: off topic, offline, outside the date window, robots.txt


@dataclass(slots=True)
class RunStats:
    """What one run cost: counts per stage and seconds per stage."""

    candidates: int = 0  # pages considered after discovery and prefiltering
    fetched: int = 0  # pages read (network, cache or archive)
    extracted: int = 0  # pages run through trafilatura (not found in the document cache)
    documents: int = 0  # documents matched against the claims
    sentences_embedded: int = 0  # distinct texts embedded (claims and evidence sentences)
    sentences_encoded: int = 0  # of those, run through the model (not found in the embedding cache)
    pairs_judged: int = 0  # (claim, passage) pairs run through the judge (not found in the judgment cache)
    seconds: dict[str, float] = field(default_factory=dict)
    extracted_urls: list[str] = field(default_factory=list, repr=False)
    embedded_texts: list[str] = field(default_factory=list, repr=False)
    judged_texts: list[tuple[str, str]] = field(default_factory=list, repr=False)  # distinct (claim, passage)


@dataclass(slots=True)
class Report:
    """Everything one check produced; every renderer reads only this."""

    article: Article
    claims: list[ClaimResult]
    skipped: list[Skipped]
    sources: list[SourceResult]
    summary: Summary
    stats: RunStats = field(default_factory=RunStats)
    audit: dict = field(default_factory=dict)  # checked_at, tool_version, encoder, judge, backend, sources_sha256


class Progress:
    """Receives progress events; the default does nothing. The CLI draws them with rich."""

    def stage(self, name: str, total: int | None = None) -> None:
        pass

    def advance(self, n: int = 1) -> None:
        pass

    def note(self, message: str) -> None:
        pass
