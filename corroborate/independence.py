"""Which sources are independent: outlets and ownership groups, syndicated copies, and attribution chains.

Each document gets an origin: the outlet its text came from. Rules, in order:
1. near-duplicate bodies (word 5-gram shingles, Jaccard >= ``SYNDICATION_JACCARD``) form a syndication cluster
   whose origin is its earliest member, a wire service preferred on ties;
2. a matched passage (the sentence and its neighbours) that attributes the fact to another outlet
   ("according to NBC News", "as first reported by Newsweek") takes that outlet as origin; a document that
   credits exactly one other outlet for its report ("according to a report by Newsweek") does so for all of it;
3. otherwise the document's own outlet is the origin.
Origins are then counted once per ownership group: two outlets of one group are one source.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .claims import find_attributions
from .config import Config
from .models import Document, Evidence
from .sentences import normalize_quotes

__all__ = ["SYNDICATION_JACCARD", "Provenance", "assign_origins", "provenance", "shingles", "syndication_clusters"]

SYNDICATION_JACCARD = 0.5
SHINGLE_WORDS = 5
_REPORT_CREDIT = re.compile(
    r"(?:according to (?:an? |the )?(?:\w+ )?(?:report|story|article|reporting) (?:by|from|in) |"
    r"(?:first|originally) reported by |as reported by |citing (?:a |an )?(?:report|story) (?:by|from|in) )"
    r"(?P<src>[A-Z][\w.&'’-]*(?: [A-Z][\w.&'’-]*){0,3})"
    r"|(?P<src2>\b[A-Z][\w.&'’-]*(?: [A-Z][\w.&'’-]*){0,3}) (?:first|originally) reported\b"
)


@dataclass(slots=True)
class Provenance:
    """Where one document's content comes from."""

    url: str
    outlet: str
    group: str
    cluster: int
    duplicate_of: str | None = None  # URL of the cluster's origin document, for copies
    credited: str | None = None  # outlet credited for the whole report ("according to a report by X")
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


def _outlet_names(config: Config, documents: list[Document]) -> list[str]:
    names = {o.name for o in config.outlets}
    names.update(d.outlet for d in documents if d.outlet)
    return sorted(names, key=len, reverse=True)


def _known(name: str, config: Config, names: list[str]) -> str | None:
    outlet = config.outlet_named(name)
    if outlet:
        return outlet.name
    low = name.casefold()
    for known in names:
        if low.startswith(known.casefold()):
            return known
    return None


def provenance(documents: list[Document], config: Config) -> list[Provenance]:
    """Provenance of each document: outlet, group, syndication cluster and credited outlet."""
    clusters = syndication_clusters(documents)
    names = _outlet_names(config, documents)
    result = []
    for doc, cluster in zip(documents, clusters, strict=True):
        outlet = doc.outlet or "unknown outlet"
        credited = {
            known
            for m in _REPORT_CREDIT.finditer(normalize_quotes(doc.text))
            if (known := _known(m.group("src") or m.group("src2"), config, names)) and known != outlet
        }
        result.append(
            Provenance(
                url=doc.url,
                outlet=outlet,
                group=doc.group or outlet,
                cluster=cluster,
                credited=credited.pop() if len(credited) == 1 else None,
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


def assign_origins(
    evidence: list[Evidence], documents: list[Document], provenances: list[Provenance], config: Config
) -> dict[int, str]:
    """Set ``origin`` and ``chain`` on each evidence item; return the independence key (ownership group of the
    origin) of each, by ``id()``.

    The chain follows the page to its origin: a syndicated copy to the wire original, a passage or page that
    credits another outlet to that outlet, and on through that outlet's own page if it credits another in turn
    ("Outlet C -> Newsweek -> NBC News").
    """
    by_url = {d.url: (d, p) for d, p in zip(documents, provenances, strict=True)}
    names = _outlet_names(config, documents)
    # outlet -> the outlet its own page credits, to follow chains across pages of the run
    credits_of: dict[str, str] = {p.own_outlet: p.credited for p in provenances if p.credited and not p.duplicate_of}
    keys: dict[int, str] = {}
    for item in evidence:
        doc, prov = by_url[item.url]
        chain = [prov.own_outlet]
        if prov.outlet != prov.own_outlet:
            chain.append(prov.outlet)  # a syndicated copy: the cluster's origin
        window = " ".join(s.text for s in doc.sentences[max(0, item.sentence_index - 1) : item.sentence_index + 2])
        attributed = None
        for source in find_attributions(window, names):
            known = _known(source, config, names)
            if known and known != prov.outlet:
                attributed = known
                break
        credited = attributed or prov.credited
        while credited and credited not in chain:
            chain.append(credited)
            credited = credits_of.get(credited)
        item.chain = chain
        item.origin = origin = chain[-1]
        configured = config.outlet_named(origin)
        keys[id(item)] = configured.origin_key if configured else (prov.group if origin == prov.outlet else origin)
    return keys
