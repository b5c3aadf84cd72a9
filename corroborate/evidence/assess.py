"""Pair assessment: the stance of whole bodies of text toward single claims, at scale.

``corroborate assess PAIRS.jsonl`` reads lines ``{"id", "claim", "text"}`` (``text`` a whole article body) or
``{"id", "claim", "url"}`` and writes ``{"id", "stance", "score", "evidence"}`` lines, where stance is
``supports | contradicts | mentions | unrelated``. Every distinct sentence is embedded once for the whole run.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from ..article.claims import claim_from_text
from ..config import MatchConfig
from ..coverage.documents import plain_document
from ..exceptions import ExtractionError, InputError
from ..models import Document
from .judge import JudgeModel, judge_evidence
from .match import Encoder, match_claims

__all__ = ["STANCES", "Assessment", "Pair", "assess_file", "assess_pairs", "read_pairs"]

STANCES = ("supports", "contradicts", "mentions", "unrelated")


@dataclass(slots=True, frozen=True)
class Pair:
    id: str
    claim: str
    text: str | None = None
    url: str | None = None


@dataclass(slots=True)
class Assessment:
    id: str
    stance: str
    score: float
    evidence: list[str]

    def to_dict(self) -> dict:
        return {"id": self.id, "stance": self.stance, "score": round(self.score, 4), "evidence": self.evidence}


def read_pairs(lines: Iterable[str], source: str = "<pairs>") -> Iterator[Pair]:
    """Pairs from JSONL lines; a bad line is an InputError naming the file and line."""
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            pair = Pair(id=str(item["id"]), claim=str(item["claim"]), text=item.get("text"), url=item.get("url"))
        except (ValueError, KeyError, TypeError) as exc:
            raise InputError(
                f"{source}:{number}: expected a JSON object with 'id', 'claim' and 'text' or 'url' ({exc})"
            ) from exc
        if not pair.text and not pair.url:
            raise InputError(f"{source}:{number}: pair {pair.id!r} has neither 'text' nor 'url'")
        yield pair


def assess_pairs(
    pairs: list[Pair], bodies: dict[str, str], encoder: Encoder, config: MatchConfig, judge: JudgeModel
) -> list[Assessment]:
    """Judge each pair; ``bodies`` maps each pair id to its text (URLs already fetched by the caller)."""
    claims = [claim_from_text(p.claim, claim_id=p.id) for p in pairs]
    documents: dict[str, Document] = {}
    for pair in pairs:
        body = bodies.get(pair.id) or ""
        if body not in documents:
            documents[body] = plain_document(f"body:{len(documents)}", body)
    # one matching pass over all distinct sentences, then each pair keeps only the evidence of its own body
    evidence = match_claims(
        claims,
        list(documents.values()),
        encoder,
        config,
        pair_documents={pair.id: documents[bodies.get(pair.id) or ""].url for pair in pairs},
    )
    by_claim: dict[str, list] = {}
    for item in evidence:
        by_claim.setdefault(item.claim_id, []).append(item)
    doc_by_url = {d.url: d for d in documents.values()}
    claim_by_id = {c.id: c for c in claims}
    judge_evidence(judge, [(claim_by_id[e.claim_id], e, doc_by_url[e.url]) for e in evidence])
    results = []
    for pair in pairs:
        items = by_claim.get(pair.id, [])
        if not items:
            results.append(Assessment(pair.id, "unrelated", 0.0, []))
            continue
        decided = [e for e in items if e.stance in ("supports", "contradicts")]
        if any(e.stance == "contradicts" for e in decided):
            best = max((e for e in decided if e.stance == "contradicts"), key=lambda e: e.confidence)
        elif decided:
            best = max(decided, key=lambda e: e.confidence)
        else:
            best = max(items, key=lambda e: e.combined)
        results.append(
            Assessment(
                pair.id, best.stance, best.confidence, [e.sentence for e in sorted(items, key=lambda e: -e.combined)]
            )
        )
    return results


async def _fetch_bodies(pairs: list[Pair], config) -> dict[str, str]:
    """Text of each pair: given inline, or fetched (within the configured limits) and extracted."""
    from ..article.extract import extract_html, looks_like_html
    from ..coverage.cache import open_cache
    from ..coverage.fetch import Fetcher, fetch_all
    from ..models import Candidate

    bodies = {p.id: p.text for p in pairs if p.text}
    wanted = sorted({p.url for p in pairs if not p.text and p.url})
    if not wanted:
        return bodies
    cache = open_cache(config)
    try:
        async with Fetcher(config.fetch, cache, offline=config.offline) as fetcher:
            candidates = []
            for url in wanted:
                outlet = config.outlet_for_url(url)
                candidates.append(
                    Candidate(
                        url=url,
                        outlet=outlet.name if outlet else None,
                        found_by="urls",
                        allow_private=bool(outlet and outlet.allow_private),
                    )
                )
            pages = await fetch_all(fetcher, candidates)
    finally:
        cache.close()
    texts: dict[str, str] = {}
    for url, page in zip(wanted, pages, strict=True):
        if page.status != "ok":
            texts[url] = ""
            continue
        try:
            texts[url] = (
                extract_html(page.body, url).text
                if looks_like_html(page.body)
                else page.body.decode("utf-8", "replace")
            )
        except ExtractionError:
            texts[url] = ""
    for pair in pairs:
        if not pair.text and pair.url:
            bodies[pair.id] = texts.get(pair.url, "")
    return bodies


def assess_file(
    lines: Iterable[str],
    config,
    *,
    source: str = "<pairs>",
    encoder: Encoder | None = None,
    judge: JudgeModel | None = None,
) -> list[Assessment]:
    """Read pairs, fetch the bodies given by URL, and judge every pair in one batch."""
    import asyncio

    from ..coverage.cache import open_cache

    pairs = list(read_pairs(lines, source))
    bodies = asyncio.run(_fetch_bodies(pairs, config))
    cache = open_cache(config)
    try:
        if encoder is not None:
            encoder = encoder.with_cache(cache)
        else:
            encoder = Encoder.from_config(config, cache)
        judge = (judge or JudgeModel.from_config(config)).with_cache(cache)
        return assess_pairs(pairs, bodies, encoder, config.match, judge)
    finally:
        cache.close()
