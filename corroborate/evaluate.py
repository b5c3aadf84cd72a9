"""Scoring the pipeline against gold labels: the fixture corpus (claim -> page -> stance)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from .extract import extract_html
from .sentences import normalize_quotes

__all__ = ["ClaimsScore", "CorpusScore", "evaluate_claims", "evaluate_corpus", "load_gold", "page_urls"]


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
        # a compound sentence may have become several atomic claims: gold speaks of the whole sentence
        claims = [c for c in report["claims"] if key in normalize_quotes(c.get("source") or c["text"])]
        if not claims:
            score.unmatched_claims.append(entry["key"])
            continue
        stances: dict[str, set[str]] = {}
        for claim in claims:
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
        score.origins[entry["key"]] = sorted({o for c in claims for o in c["origins"]})
    return score


def load_gold(path: Path) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


@dataclass(slots=True)
class ClaimsScore:
    """Check-worthiness against a labeled sentence set."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    errors: list[tuple[str, str, float, str]] = field(default_factory=list)  # (id, kind, score, reason)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def evaluate_claims(path: Path, threshold: float = 0.5) -> ClaimsScore:
    """Score check-worthiness on a JSONL file of ``{"id", "text", "checkworthy": bool}`` lines."""
    from .claims import classify_sentence
    from .exceptions import InputError
    from .sentences import is_heading

    score = ClaimsScore()
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise InputError(f"{path}: cannot read the labeled set ({exc.strerror})") from exc
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            text, gold = item["text"], bool(item["checkworthy"])
        except (ValueError, KeyError, TypeError) as exc:
            raise InputError(f"{path}:{number}: expected a JSON object with 'text' and 'checkworthy' ({exc})") from exc
        value, reason = classify_sentence(text, heading=is_heading(text))
        predicted = value >= threshold
        if predicted and gold:
            score.tp += 1
        elif predicted:
            score.fp += 1
            score.errors.append((str(item.get("id", number)), "false positive", value, reason))
        elif gold:
            score.fn += 1
            score.errors.append((str(item.get("id", number)), "false negative", value, reason))
        else:
            score.tn += 1
    return score
