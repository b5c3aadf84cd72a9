"""Scoring the pipeline against gold labels: the fixture corpus (claim -> page -> stance)."""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass, field
from pathlib import Path

from ..article.extract import extract_html
from ..article.sentences import normalize_quotes

__all__ = [
    "ClaimsScore",
    "CorpusScore",
    "PairsScore",
    "evaluate_claims",
    "evaluate_corpus",
    "evaluate_pairs",
    "load_gold",
    "page_urls",
]


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
    """Canonical URL -> file name for each saved page (extracted once per folder and process)."""
    return dict(_page_urls(str(Path(pages_dir).resolve())))


@functools.lru_cache(maxsize=8)
def _page_urls(folder: str) -> tuple[tuple[str, str], ...]:
    pairs = []
    for path in sorted(Path(folder).glob("*.htm*")):
        extracted = extract_html(path.read_bytes())
        pairs.append((extracted.url or path.as_uri(), path.name))
    return tuple(pairs)


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
    from ..article.claims import classify_sentence
    from ..article.sentences import is_heading
    from ..exceptions import InputError

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


@dataclass(slots=True)
class PairsScore:
    """Stance against a labeled pair set: per-class precision, recall and F1."""

    confusion: dict[tuple[str, str], int] = field(default_factory=dict)  # (gold, predicted) -> count
    errors: list[tuple[str, str, str]] = field(default_factory=list)  # (id, gold, predicted)

    def per_class(self) -> dict[str, tuple[float, float, float]]:
        from .assess import STANCES

        scores = {}
        for label in STANCES:
            tp = self.confusion.get((label, label), 0)
            fp = sum(n for (g, p), n in self.confusion.items() if p == label and g != label)
            fn = sum(n for (g, p), n in self.confusion.items() if g == label and p != label)
            precision = tp / (tp + fp) if tp + fp else 0.0
            recall = tp / (tp + fn) if tp + fn else 0.0
            f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
            scores[label] = (precision, recall, f1)
        return scores

    @property
    def macro_f1(self) -> float:
        scores = self.per_class()
        return sum(f for _, _, f in scores.values()) / len(scores)


def evaluate_pairs(path: Path, encoder, config, judge=None) -> PairsScore:
    """Score stance on a JSONL file of ``{"id", "claim", "text", "label"}`` lines (``corroborate assess`` rules).

    ``config`` is the ``[match]`` section; ``judge`` the stance judge (default: the one it names)."""
    from .assess import assess_pairs, read_pairs
    from .judge import JudgeModel

    lines = Path(path).read_text(encoding="utf-8").splitlines()
    pairs = list(read_pairs(lines, str(path)))
    gold = {}
    for line in lines:
        if line.strip():
            item = json.loads(line)
            gold[str(item["id"])] = item.get("label")
    judge = judge or JudgeModel(config.judge_model, device=config.device)
    results = assess_pairs(pairs, {p.id: p.text or "" for p in pairs}, encoder, config, judge)
    score = PairsScore()
    for result in results:
        key = (gold[result.id], result.stance)
        score.confusion[key] = score.confusion.get(key, 0) + 1
        if key[0] != key[1]:
            score.errors.append((result.id, key[0], key[1]))
    return score
