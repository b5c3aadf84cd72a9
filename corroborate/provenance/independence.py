"""Which sources are independent: outlets and ownership groups, syndicated copies, and attribution chains.

Each page gets an origin: the outlet its text came from. Rules, in order:
1. near-duplicate bodies (word 5-gram shingles, Jaccard >= ``SYNDICATION_JACCARD``, or one containing 80% of the
   other) form a syndication cluster whose origin is its earliest member, a wire service preferred on ties;
2. a matched passage (the sentence and its neighbours) that credits another outlet ("told NBC News", "según
   NBC News", "(AP) —") takes that outlet as origin, and "X, citing Y" takes Y; otherwise a page that relays
   another outlet as a whole (a dateline or wire byline, or one outlet credited more than any other) takes that
   outlet (see ``outlets.attribution``);
3. an origin whose own page is in the run and credits another outlet in turn passes on to that outlet;
4. otherwise the page's own outlet is the origin.
Outlets are resolved through the registry (``outlets.registry``), so an origin is named and grouped even when that
outlet is neither configured nor fetched. Origins are counted once per ownership group.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..article.sentences import normalize_quotes
from ..config import Config
from ..models import Document, Evidence
from ..outlets import Outlet, Registry, page_credit, passage_chain

__all__ = ["SYNDICATION_JACCARD", "Provenance", "assign_origins", "provenance", "shingles", "syndication_clusters"]

SYNDICATION_JACCARD = 0.5
SHINGLE_WORDS = 5


@dataclass(slots=True)
class Provenance:
    """Where one document's content comes from."""

    url: str
    outlet: str
    group: str
    cluster: int
    duplicate_of: str | None = None  # URL of the cluster's origin document, for copies
    credited: str | None = None  # outlet the page relays as a whole (dateline, wire byline, main credit)
    own_outlet: str = ""  # the outlet that published this page (before syndication is resolved)


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[int]:
    words = re.findall(r"\w+", normalize_quotes(text).lower())
    return {hash(tuple(words[i : i + size])) for i in range(max(1, len(words) - size + 1))}


def _jaccard(a: set[int], b: set[int]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def syndication_clusters(documents: list[Document]) -> list[int]:
    """Cluster id per document; near-duplicate bodies share one."""
    parent = list(range(len(documents)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    sets = [shingles(d.text) for d in documents]
    for i in range(len(documents)):
        for j in range(i + 1, len(documents)):
            # containment as well as Jaccard: a copy with an added paragraph or trimmed ending is still a copy
            inter = len(sets[i] & sets[j])
            smaller = min(len(sets[i]), len(sets[j])) or 1
            if _jaccard(sets[i], sets[j]) >= SYNDICATION_JACCARD or inter / smaller >= 0.8:
                parent[find(j)] = find(i)
    return [find(i) for i in range(len(documents))]


def own_outlet(document: Document, registry: Registry) -> Outlet | None:
    """The registry's outlet for a page: by its domain, else by the outlet name it was given."""
    return registry.for_url(document.url) or registry.named(document.outlet)


def provenance(documents: list[Document], config: Config) -> list[Provenance]:
    """Provenance of each document: outlet, group, syndication cluster and the outlet it relays."""
    registry = config.registry()
    clusters = syndication_clusters(documents)
    result = []
    for doc, cluster in zip(documents, clusters, strict=True):
        own = own_outlet(doc, registry)
        outlet = doc.outlet or (own.name if own else "unknown outlet")
        credit = page_credit(doc.text, registry, own)
        result.append(
            Provenance(
                url=doc.url,
                outlet=outlet,
                group=doc.group or (own.origin_key if own else outlet),
                cluster=cluster,
                credited=credit.outlet.name if credit and credit.outlet.name != outlet else None,
                own_outlet=outlet,
            )
        )
    # the origin of a cluster is its earliest member (wire services first on ties, then URL for stability)
    members: dict[int, list[int]] = {}
    for i, p in enumerate(result):
        members.setdefault(p.cluster, []).append(i)
    for ids in members.values():
        if len(ids) < 2:
            continue
        first = min(ids, key=lambda i: (documents[i].published or "9999", not documents[i].wire, documents[i].url))
        for i in ids:
            if i != first:
                result[i].duplicate_of = documents[first].url
                result[i].outlet, result[i].group = result[first].outlet, result[first].group
                result[i].credited = result[first].credited
    return result


def origin_key(name: str, registry: Registry, fallback: str | None = None) -> str:
    """The independence key of an origin: its ownership group when the registry knows it."""
    outlet = registry.named(name)
    return outlet.origin_key if outlet else (fallback or name)


def assign_origins(
    evidence: list[Evidence], documents: list[Document], provenances: list[Provenance], config: Config
) -> dict[int, str]:
    """Set ``origin`` and ``chain`` on each evidence item; return the independence key (ownership group of the
    origin) of each, by ``id()``.

    The chain follows the page to its origin: a syndicated copy to the wire original, a passage or page that
    credits another outlet to that outlet, and on through that outlet's own page if it credits another in turn
    ("Outlet C -> Newsweek -> NBC News").
    """
    registry = config.registry()
    by_url = {d.url: (d, p) for d, p in zip(documents, provenances, strict=True)}
    # outlet -> the outlet its own page credits, to follow chains across pages of the run
    credits_of: dict[str, str] = {p.own_outlet: p.credited for p in provenances if p.credited and not p.duplicate_of}
    keys: dict[int, str] = {}
    for item in evidence:
        doc, prov = by_url[item.url]
        own = own_outlet(doc, registry)
        chain = [prov.own_outlet]
        if prov.outlet != prov.own_outlet:
            chain.append(prov.outlet)  # a syndicated copy: the cluster's origin
        window = " ".join(s.text for s in doc.sentences[max(0, item.sentence_index - 1) : item.sentence_index + 2])
        credited = [o.name for o in passage_chain(window, registry, own)]
        if not credited and prov.credited:
            credited = [prov.credited]
        for name in credited:
            if name not in chain:
                chain.append(name)
        follow = credits_of.get(chain[-1])
        while follow and follow not in chain:
            chain.append(follow)
            follow = credits_of.get(follow)
        item.chain = chain
        item.origin = origin = chain[-1]
        keys[id(item)] = prov.group if origin == prov.outlet else origin_key(origin, registry)
    return keys
