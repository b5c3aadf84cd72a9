"""The whole check: article -> claims -> discovery -> fetch -> extract -> match -> stance -> independence -> score."""

from __future__ import annotations

import asyncio
import logging
import re
import time
from dataclasses import dataclass
from typing import TextIO
from urllib.parse import urldefrag

from .article.claims import extract_claims
from .article.extract import looks_like_html
from .article.input import article_from_html, article_from_text, read_article
from .config import Config
from .coverage.cache import Cache, open_cache
from .coverage.discovery import discover, parse_date
from .coverage.documents import page_document
from .coverage.fetch import Fetcher, fetch_all
from .evidence.judge import JudgeModel, judge_evidence
from .evidence.match import Encoder, match_claims, topical
from .exceptions import CorroborateError, ExtractionError, InputError
from .models import Article, Candidate, Claim, Document, Page, Progress, Report, RunStats, Skipped, SourceResult
from .outlets import page_credit, passage_chain
from .provenance.flags import flag_claim
from .provenance.independence import assign_origins, own_outlet, provenance, shingles
from .verdicts.score import score_claim, summarize

__all__ = ["Fetched", "Progress", "assess", "check", "extract_page", "open_cache", "read_claims"]

logger = logging.getLogger(__name__)

#: documents sharing this much of their word 5-grams with the article are the article itself
SELF_COPY_CONTAINMENT = 0.6


def _one_stance_per_source(evidence: list) -> None:
    """A page that denies a claim does not also support it by restating the report it denies."""
    denied = {(e.claim_id, e.url) for e in evidence if e.stance == "contradicts"}
    for item in evidence:
        if item.stance == "supports" and (item.claim_id, item.url) in denied:
            item.stance, item.why = "mentions", "restates what the same source denies"


async def _load_article(source: str, fetcher: Fetcher, stdin: TextIO | None, config: Config) -> Article:
    if not source.startswith(("http://", "https://")):
        scheme = re.match(r"^([a-zA-Z][a-zA-Z0-9+.-]*)://", source)
        if scheme:
            raise InputError(
                f"{source}: '{scheme.group(1)}://' articles cannot be read; give an http(s):// URL, a file path, "
                "or - for standard input"
            )
        return read_article(source, stdin=stdin, max_bytes=config.fetch.max_article_bytes)
    outlet = config.outlet_for_url(source)
    page = await fetcher.fetch(
        Candidate(
            url=source,
            outlet=outlet.name if outlet else None,
            found_by="article",
            allow_private=bool(outlet and outlet.allow_private),
        )
    )
    if page.status != "ok":
        raise InputError(f"{source}: cannot fetch the article ({page.reason}); save it to a file and pass the path")
    if looks_like_html(page.body):
        return article_from_html(page.body, source, url=page.final_url or source)
    return article_from_text(page.body.decode("utf-8", "replace"), source)


def audit_stamp(config: Config, judge: JudgeModel | None = None) -> dict:
    """When and with what a report was made: UTC time, tool version, encoder, judge, backend and a hash of the
    sources configuration, so that two reports of one article can be told apart and reproduced."""
    import datetime as dt
    import hashlib

    from . import __version__

    try:
        judge_id = (judge or JudgeModel.from_config(config)).model_id
    except CorroborateError:
        judge_id = config.match.judge_model
    try:
        sources = hashlib.sha256(config.path.read_bytes()).hexdigest() if config.path else None
    except OSError:
        sources = None
    return {
        "checked_at": dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "tool_version": __version__,
        "encoder": config.match.model,
        "judge": judge_id,
        "backend": config.match.backend,
        "sources_file": str(config.path) if config.path else None,
        "sources_sha256": sources,
    }


def check(
    source: str,
    config: Config,
    *,
    progress: Progress | None = None,
    stdin: TextIO | None = None,
    encoder: Encoder | None = None,
    judge: JudgeModel | None = None,
) -> Report:
    """Check one article (path, URL or ``-``) against the configured coverage and return the report."""
    return asyncio.run(_check(source, config, progress or Progress(), stdin, encoder, judge))


async def _check(
    source: str,
    config: Config,
    progress: Progress,
    stdin: TextIO | None,
    encoder: Encoder | None,
    judge: JudgeModel | None = None,
) -> Report:
    cache = open_cache(config)
    stats = RunStats()
    clock = time.perf_counter()
    try:
        async with Fetcher(config.fetch, cache, offline=config.offline) as fetcher:
            progress.stage("reading article")
            article, claims, skipped = await read_claims(source, config, fetcher, stdin)
            stats.seconds["claims"] = _lap(clock)
            progress.stage("discovering coverage")
            candidates, sources = await discover(config, article, claims, fetcher)
            stats.seconds["discovery"] = _lap(clock, stats)
            progress.stage("fetching", total=len(candidates))
            pages = await fetch_all(fetcher, candidates, progress=progress.advance)
            stats.candidates, stats.fetched = len(candidates), sum(p.status == "ok" for p in pages)
            stats.seconds["fetch"] = _lap(clock, stats)
        progress.stage("extracting", total=len(pages))
        fetched = []
        for page in pages:
            fetched.append(extract_page(page, config, cache, stats))
            progress.advance()
        stats.seconds["extract"] = _lap(clock, stats)
        return assess(article, claims, skipped, fetched, sources, config, cache, progress, encoder, stats, judge)
    finally:
        cache.close()


async def read_claims(
    source: str, config: Config, fetcher: Fetcher, stdin: TextIO | None = None
) -> tuple[Article, list[Claim], list[Skipped]]:
    """The first stage: the article (file, URL or ``-``), its metadata, and the claims worth checking."""
    article = await _load_article(source, fetcher, stdin, config)
    if config.published:
        article.published = config.published
    if article.url and not article.outlet:
        outlet = config.registry().for_url(article.url)
        article.outlet = outlet.name if outlet else None
    claims, skipped = extract_claims(
        article,
        threshold=config.match.checkworthy_threshold,
        outlets=[o.name for o in config.outlets],
        registry=config.registry(),
    )
    return article, claims, skipped


@dataclass(slots=True)
class Fetched:
    """One candidate after fetching and extraction: its document, or the status and reason it has none."""

    candidate: Candidate
    status: str  # ok | error | skipped
    reason: str | None = None
    document: Document | None = None


def extract_page(page: Page, config: Config, cache: Cache, stats: RunStats | None = None) -> Fetched:
    """A fetched page's document (the page stage); a page that could not be read or extracted keeps its reason."""
    if page.status != "ok":
        return Fetched(page.candidate, page.status, page.reason)
    try:
        doc = page_document(page, config.registry(), cache, stats)
    except ExtractionError as exc:
        return Fetched(page.candidate, "error", exc.reason)
    return Fetched(page.candidate, "ok", document=doc)


def _lap(start: float, stats: RunStats | None = None) -> float:
    """Seconds since ``start`` not yet attributed to an earlier stage."""
    spent = sum(stats.seconds.values()) if stats else 0.0
    return round(time.perf_counter() - start - spent, 4)


def assess(
    article: Article,
    claims: list[Claim],
    skipped: list[Skipped],
    fetched: list[Fetched],
    sources: list[SourceResult],
    config: Config,
    cache: Cache,
    progress: Progress,
    encoder: Encoder | None,
    stats: RunStats,
    judge_model: JudgeModel | None = None,
) -> Report:
    """The stages after extraction, for one article: keep the documents about its story, match the claims, judge
    the passages, trace origins and score each claim. ``fetched`` holds one entry per discovery candidate, in
    discovery order; ``sources`` the failures of discovery, to which each page's record is appended."""
    clock = time.perf_counter()
    documents: list[Document] = []
    doc_source: list[SourceResult] = []
    article_shingles = shingles(article.text)
    to_judge: list[bool] = []
    anchor = parse_date(article.published)
    window = config.fetch.date_window_days
    own_url = urldefrag(article.url)[0] if article.url else None
    seen_urls: set[str] = set()
    for item in fetched:
        record = SourceResult(
            url=item.candidate.url,
            outlet=item.candidate.outlet,
            status=item.status,
            reason=item.reason,
            found_by=item.candidate.found_by,
        )
        sources.append(record)
        doc = item.document
        if doc is None:
            continue
        record.url, record.outlet = doc.url, doc.outlet
        doc_shingles = shingles(doc.text)
        overlap = len(doc_shingles & article_shingles) / (min(len(doc_shingles), len(article_shingles)) or 1)
        if (own_url and urldefrag(doc.url)[0] == own_url) or overlap >= SELF_COPY_CONTAINMENT:
            record.status, record.reason = "skipped", "same_as_article"
            continue
        when = parse_date(doc.published)
        if anchor and when and window and abs((when - anchor).days) > window:
            record.status, record.reason = "skipped", "out_of_date_window"
            continue
        if doc.url in seen_urls:
            record.status, record.reason = "skipped", "duplicate_page"
            continue
        seen_urls.add(doc.url)
        documents.append(doc)
        doc_source.append(record)
        # pages whose feed or sitemap metadata was already judged on topic are not judged again
        to_judge.append(not item.candidate.title)

    encoded_before = loaded_before = 0.0
    if claims and documents:
        encoder = encoder.with_cache(cache) if encoder is not None else Encoder.from_config(config, cache)
        encoded_before, loaded_before = encoder.encoded, encoder.load_seconds
    if claims and any(to_judge):
        judged = [d for d, j in zip(documents, to_judge, strict=True) if j]
        verdicts = dict(zip([d.url for d in judged], topical(judged, article, claims, encoder), strict=True))
        kept = [(d, r) for d, r in zip(documents, doc_source, strict=True) if verdicts.get(d.url, True)]
        for d, record in zip(documents, doc_source, strict=True):
            if not verdicts.get(d.url, True):
                record.status, record.reason = "skipped", "off_topic"
        documents, doc_source = [d for d, _ in kept], [r for _, r in kept]

    # coverage read and found to be about other stories is a finding (uncorroborated), not a breakdown
    checkable = bool(documents) or any(r.reason == "off_topic" for r in sources)
    stats.documents = len(documents)
    stats.seconds["extract"] = round(stats.seconds.get("extract", 0.0) + time.perf_counter() - clock, 4)
    clock = time.perf_counter()
    evidence = []
    if documents and claims:
        progress.stage("matching")
        evidence = match_claims(
            claims, documents, encoder, config.match, progress=progress.note, embedded=stats.embedded_texts
        )
        stats.sentences_embedded = len(stats.embedded_texts)
        stats.sentences_encoded = encoder.encoded - encoded_before
        stats.seconds["model_load"] = round(encoder.load_seconds - loaded_before, 4)
    by_url = {d.url: d for d in documents}
    claim_by_id = {c.id: c for c in claims}
    if evidence:
        progress.note(f"judging {len(evidence)} passages")
        judge_model = judge_model or JudgeModel.from_config(config, cache)  # reused by the audit stamp
        judge = judge_model.with_cache(cache)
        judged_before, seconds_before = judge.judged, judge.seconds
        judge_evidence(
            judge, [(claim_by_id[e.claim_id], e, by_url[e.url]) for e in evidence], judged=stats.judged_texts
        )
        stats.pairs_judged = judge.judged - judged_before
        stats.seconds["judge"] = round(judge.seconds - seconds_before, 4)
    _one_stance_per_source(evidence)
    # provenance (syndication is pairwise over documents) only for the documents that hold evidence
    cited = {e.url for e in evidence}
    used = [(d, r) for d, r in zip(documents, doc_source, strict=True) if d.url in cited]
    provs = provenance([d for d, _ in used], config)
    keys = assign_origins(evidence, [d for d, _ in used], provs, config)
    for (_doc, record), prov in zip(used, provs, strict=True):
        record.origin = prov.credited or prov.outlet
        record.duplicate_of = prov.duplicate_of
    registry = config.registry()
    for doc, record in zip(documents, doc_source, strict=True):
        if doc.url not in cited:
            # the outlet the page relays, for the sources list, even where no claim drew evidence from it
            credit = page_credit(doc.text, registry, own_outlet(doc, registry))
            record.origin = credit.outlet.name if credit else doc.outlet
    article_own = registry.for_url(article.url) or registry.named(article.outlet)
    results = []
    by_claim: dict[str, list] = {}
    for item in evidence:  # grouped once: a scan of all evidence per claim would grow with the square of the article
        by_claim.setdefault(item.claim_id, []).append(item)
    for claim in claims:
        # the outlets the article credits for this claim, by independence key
        credited = {o.origin_key: o.name for o in passage_chain(claim.source or claim.text, registry, article_own)}
        result = score_claim(claim, by_claim.get(claim.id, []), keys, checkable=checkable, credited=credited)
        result.flags = flag_claim(result, keys, credited, by_url)
        results.append(result)
    ok = sum(1 for s in sources if s.status == "ok")
    failed = sum(1 for s in sources if s.status == "error")
    off_topic = sum(1 for s in sources if s.reason == "off_topic")
    spent_elsewhere = stats.seconds.get("model_load", 0.0) + stats.seconds.get("judge", 0.0)
    stats.seconds["match"] = round(time.perf_counter() - clock - spent_elsewhere, 4)
    return Report(
        article=article,
        claims=results,
        skipped=skipped,
        sources=sources,
        summary=summarize(
            results, ok, failed, off_topic=off_topic, skipped=sum(s.status == "skipped" for s in sources)
        ),
        stats=stats,
        audit=audit_stamp(config, judge_model),
    )
