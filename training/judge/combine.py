"""Fit the judge's page-level combiner on the real-coverage dev sets, cross-validated by story.

    python training/judge/combine.py            # writes corroborate/evidence/judge/model/combine.json

The cross-encoder reads English best; the combiner (``corroborate.evidence.judge.model.Combiner``) decides a
(claim, page) pair from the cross-encoder's probabilities over the page's passages, the multilingual similarity,
whether the page is in another language than the claim, and the figures the two share (``FEATURES``). It is a
multinomial logistic regression with 30 weights, fitted here on the labelled stories of ``benchmarks/realcov``
(page texts from the local cache), with class weights against the rarity of contradictions and an L2 penalty.

Leave-one-story-out scores (fit on the other stories, score the one left out) are printed and recorded in
``combine.json`` beside the weights, the stories and the SHA-1 of their label files.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import pickle
import sys
import tempfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks" / "realcov"))

import evaluate as realcov  # noqa: E402
from labeltool import STORIES, stories, validate  # noqa: E402

from corroborate.evidence.judge.features import guess_language  # noqa: E402
from corroborate.evidence.judge.model import FEATURES, Combiner, JudgeModel, page_features  # noqa: E402

CLASS = {"supports": 1, "contradicts": 2}


def collect(names: list[str], workdir: Path) -> list[dict]:
    """Every (claim, page) pair that retrieval kept evidence for: its judged passages and its gold class."""
    from corroborate.config import load_config
    from corroborate.coverage.cache import Cache
    from corroborate.evidence.match import Encoder
    from corroborate.pipeline import check
    from corroborate.reports.json import report_to_dict

    encoder = Encoder(cache=Cache(None))
    judge = JudgeModel(combine=False)
    groups = []
    for story in names:
        data, article, archive = realcov.build_story(story, workdir)
        sources = workdir / story / "sources.toml"
        sources.write_text(f"[fetch]\ndate_window_days = 0\n\n[[archive]]\npath = {json.dumps(str(archive))}\n")
        config = load_config(sources).replace(offline=True, use_cache=False)
        report = check(str(article), config, encoder=encoder, judge=judge)
        mapping = realcov.map_claims(report_to_dict(report), realcov.gold_sentences(data, story))
        page_of = {p["url"]: p for p in data["pages"]}
        for result in report.claims:
            sid = mapping.get(result.claim.id)
            if sid is None:
                continue
            by_url: dict[str, list] = {}
            for e in result.evidence:
                if e.url in page_of and e.judgment:
                    by_url.setdefault(e.url, []).append(e)
            for url, items in by_url.items():
                page = page_of[url]
                text = (realcov.CACHE / story / f"{page['id']}.txt").read_text(encoding="utf-8")
                groups.append(
                    {
                        "story": story,
                        "claim": result.claim.text,
                        "items": items,
                        "page_language": guess_language(text),
                        "claim_language": guess_language(result.claim.text),
                        "label": CLASS.get(page["labels"][str(sid)], 0),
                    }
                )
        print(f"{story}: {sum(g['story'] == story for g in groups)} (claim, page) pairs", flush=True)
    return groups


def featurize(groups: list[dict]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    best: dict[tuple[str, str], float] = {}
    for g in groups:
        key = (g["story"], g["claim"])
        best[key] = max(best.get(key, 0.0), max(e.semantic for e in g["items"]))
    x = np.stack(
        [
            page_features(
                g["claim"], g["items"], g["page_language"], g["claim_language"], best[(g["story"], g["claim"])]
            )
            for g in groups
        ]
    )
    return x, np.array([g["label"] for g in groups]), np.array([g["story"] for g in groups])


def fit(x: np.ndarray, y: np.ndarray, l2: float, steps: int = 3000, lr: float = 0.5) -> np.ndarray:
    """Class-weighted multinomial logistic regression by gradient descent on standardized features."""
    mean, std = x[:, 1:].mean(axis=0), x[:, 1:].std(axis=0) + 1e-6
    z = np.hstack([x[:, :1], (x[:, 1:] - mean) / std])
    counts = np.bincount(y, minlength=3).astype(float)
    weight = (counts.sum() / (3 * np.maximum(counts, 1))) ** 0.5
    sample = weight[y]
    onehot = np.eye(3)[y]
    w = np.zeros((z.shape[1], 3))
    for _ in range(steps):
        logits = z @ w
        logits -= logits.max(axis=1, keepdims=True)
        p = np.exp(logits)
        p /= p.sum(axis=1, keepdims=True)
        grad = z.T @ ((p - onehot) * sample[:, None]) / sample.sum() + l2 * np.vstack([np.zeros((1, 3)), w[1:]])
        w -= lr * grad
    # fold the standardization into the weights, so the runtime reads raw features
    raw = w.copy()
    raw[1:] = w[1:] / std[:, None]
    raw[0] = w[0] - (mean / std) @ w[1:]
    return raw


def scores(y: np.ndarray, pred: np.ndarray) -> dict:
    out = {}
    for name, label in CLASS.items():
        tp = int(((pred == label) & (y == label)).sum())
        fp = int(((pred == label) & (y != label)).sum())
        fn = int(((pred != label) & (y == label)).sum())
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        out[name] = {"precision": round(p, 3), "recall": round(r, 3), "gold": tp + fn}
    out["contradictions_as_support"] = int(((y == 2) & (pred == 1)).sum())
    return out


#: features left out in each ablation (their column set to 0 before fitting and scoring)
ABLATIONS = {
    "without figures": ("claim_has_figure", "shared_figure", "conflicting_figure"),
    "without weekdays": ("conflicting_day",),
    "without language terms": ("foreign", "foreign_semantic", "foreign_log_supports"),
    "without similarity": ("semantic", "semantic_below_best_page", "fuzzy", "foreign_semantic"),
    "without cross-encoder": (
        "log_supports",
        "log_contradicts",
        "log_supports_best_match",
        "log_related",
        "log_mentions",
        "foreign_log_supports",
    ),
}


def cross_validate(x: np.ndarray, y: np.ndarray, story_of: np.ndarray, names: list[str], l2: float) -> dict:
    """Leave-one-story-out: fit on the other stories, predict the one left out."""
    pred = np.zeros_like(y)
    for story in names:
        held = story_of == story
        pred[held] = Combiner(fit(x[~held], y[~held], l2)).probabilities(x[held]).argmax(axis=1)
    return {"all": scores(y, pred)} | {s: scores(y[story_of == s], pred[story_of == s]) for s in names}


def render_ablations(full: dict, ablations: dict) -> str:
    lines = [
        "| combiner features (leave one story out) | support P | support R | contradiction P | contradiction R "
        "| contradictions taken as support |",
        "|---|---|---|---|---|---|",
    ]
    for name, s in [("all", full), *ablations.items()]:
        lines.append(
            f"| {name} | {s['supports']['precision']:.2f} | {s['supports']['recall']:.2f} | "
            f"{s['contradicts']['precision']:.2f} | {s['contradicts']['recall']:.2f} | "
            f"{s['contradictions_as_support']} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--out", type=Path, default=ROOT / "corroborate" / "evidence" / "judge" / "model" / "combine.json"
    )
    parser.add_argument("--l2", type=float, default=0.01)
    parser.add_argument(
        "--groups", type=Path, help="keep the judged (claim, page) pairs in this local file and reuse them (ablations)"
    )
    args = parser.parse_args(argv)
    names = [s for s in stories([]) if not validate(s)]
    if args.groups and args.groups.exists():
        groups = pickle.loads(args.groups.read_bytes())  # a local file this command wrote earlier
    else:
        with tempfile.TemporaryDirectory(prefix="combine-") as tmp:
            groups = collect(names, Path(tmp))
        if args.groups:
            args.groups.write_bytes(pickle.dumps(groups))
    x, y, story_of = featurize(groups)
    cv = cross_validate(x, y, story_of, names, args.l2)
    print(json.dumps(cv, indent=1))
    ablations = {}
    for name, dropped in ABLATIONS.items():
        keep = x.copy()
        keep[:, [FEATURES.index(f) for f in dropped]] = 0.0
        ablations[name] = cross_validate(keep, y, story_of, names, args.l2)["all"]
    print(render_ablations(cv["all"], ablations))
    weights = fit(x, y, args.l2)
    card = {
        "features": list(FEATURES),
        "classes": list(Combiner.CLASSES),
        "weights": [[round(float(v), 6) for v in row] for row in weights],
        "fitted_on": {s: hashlib.sha1((STORIES / f"{s}.json").read_bytes()).hexdigest() for s in names},
        "pairs": len(y),
        "l2": args.l2,
        "leave_one_story_out": cv,
        "ablations_leave_one_story_out": ablations,
        "command": "python training/judge/combine.py " + " ".join(argv or sys.argv[1:]),
    }
    args.out.write_text(json.dumps(card, indent=1) + "\n", encoding="utf-8")
    results = ROOT / "benchmarks" / "results" / "judge-combiner.md"
    results.write_text(render_ablations(cv["all"], ablations) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
