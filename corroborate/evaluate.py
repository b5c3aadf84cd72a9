"""Scoring the pipeline against gold labels: the fixture corpus (claim -> page -> stance)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from .extract import extract_html
from .sentences import normalize_quotes

__all__ = ["CorpusScore", "evaluate_corpus", "load_gold", "page_urls"]


@dataclass(slots=True)
class CorpusScore:
    """How a report's evidence agrees with the corpus gold."""

    found: list[tuple[str, str]] = field(default_factory=list)  # (claim key, page) gold supports reported
    missed: list[tuple[str, str]] = field(default_factory=list)  # gold supports not reported as support
    contradiction_as_support: list[tuple[str, str]] = field(default_factory=list)
    contradictions_found: list[tuple[str, str]] = field(default_factory=list)
    false_support: list[tuple[str, str, str]] = field(default_factory=list)  # (key, page, gold label or '-')
    unmatched_claims: list[str] = field(default_factory=list)  # gold keys that matched no reported claim
    origins: dict[str, list[str]] = field(default_factory=dict)  # gold key -> independent origins reported

    @property
    def support_recall(self) -> float:
        total = len(self.found) + len(self.missed)
        return len(self.found) / total if total else 1.0

    @property
    def support_precision(self) -> float:
        total = len(self.found) + len(self.false_support)
        return len(self.found) / total if total else 1.0


def page_urls(pages_dir: Path) -> dict[str, str]:
    """Canonical URL -> file name for each saved page."""
    urls = {}
    for path in sorted(Path(pages_dir).glob("*.htm*")):
        extracted = extract_html(path.read_bytes())
        urls[extracted.url or path.resolve().as_uri()] = path.name
    return urls


def evaluate_corpus(report: dict, gold: dict, pages_dir: Path) -> CorpusScore:
    """Compare a JSON report (``report_to_dict``) of the seed run with ``gold.json``."""
    url_to_page = page_urls(pages_dir)
    score = CorpusScore()
    for entry in gold["claims"]:
        key = normalize_quotes(entry["key"])
        claim = next((c for c in report["claims"] if key in normalize_quotes(c["text"])), None)
        if claim is None:
            score.unmatched_claims.append(entry["key"])
            continue
        stances: dict[str, set[str]] = {}
        for e in claim["evidence"]:
            stances.setdefault(url_to_page.get(e["url"], e["url"]), set()).add(e["stance"])
        labels = entry["labels"]
        for page, label in labels.items():
            got = stances.get(page, set())
            if label == "supports":
                (score.found if "supports" in got else score.missed).append((entry["key"], page))
            elif label == "contradicts":
                if "supports" in got:
                    score.contradiction_as_support.append((entry["key"], page))
                if "contradicts" in got:
                    score.contradictions_found.append((entry["key"], page))
        for page, got in stances.items():
            if "supports" in got and labels.get(page) != "supports":
                score.false_support.append((entry["key"], page, labels.get(page, "-")))
        score.origins[entry["key"]] = claim["origins"]
    return score


def load_gold(path: Path) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))
