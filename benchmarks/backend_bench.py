"""Benchmark: the encoder backends (``[match] backend``) side by side, speed and quality.

    python benchmarks/backend_bench.py [--sentences 3000] [--seed 7]

For torch, onnx and onnx-int8 it measures:

- export: the one-time ONNX export (and quantization) into an empty folder, as a new process;
- start: a new process from start to its first vector, with the export in place (what every run pays);
- encode: sentences per second over a seeded set of sentences (fixture pages, the pair set, synthetic news),
  batched as ``corroborate check`` batches them, model already loaded;
- agreement: cosine between each sentence's vector and torch's (min and mean), and ``batch drift``: the lowest
  cosine between a sentence's vector encoded in batches of 64 and in batches of 7 (1.0 means a sentence's vector
  does not depend on the sentences encoded beside it);
- quality: stance macro-F1 and contradicts-F1 on fixtures/eval/pairs.jsonl, the share of pairs judged as torch
  judges them, and on the fixture corpus the gold supports found, support precision and claims whose verdict
  equals torch's;
- size of the model file.

Writes benchmarks/results/backends.json and benchmarks/results/backends.md.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))
import synth  # noqa: E402

from corroborate import check, load_config, report_to_dict  # noqa: E402
from corroborate.article.extract import extract_html  # noqa: E402
from corroborate.article.sentences import split_sentences  # noqa: E402
from corroborate.config import ENCODER_BACKENDS, PACKAGED_MINILM  # noqa: E402
from corroborate.evidence.assess import assess_pairs, read_pairs  # noqa: E402
from corroborate.evidence.evaluate import evaluate_corpus, evaluate_pairs, load_gold  # noqa: E402
from corroborate.evidence.judge import JudgeModel  # noqa: E402
from corroborate.evidence.match import Encoder, resolve_model  # noqa: E402
from corroborate.evidence.onnx_encoder import export_key  # noqa: E402

BACKENDS = ENCODER_BACKENDS
FIXTURES = ROOT / "fixtures"
SEED = ROOT / "seeds" / "000_892844bb6acea099.txt"
PAIRS = FIXTURES / "eval" / "pairs.jsonl"
RESULTS = Path(__file__).resolve().parent / "results"
_FIRST_VECTOR = (
    "import sys, time; t = time.perf_counter(); from pathlib import Path; "
    "from corroborate.config import PACKAGED_MINILM; from corroborate.evidence.match import Encoder; "
    "Encoder(PACKAGED_MINILM, backend=sys.argv[1], export_root=Path(sys.argv[2])).embed(['first vector']); "
    "print(time.perf_counter() - t)"
)


def sentences(count: int, seed: int) -> list[str]:
    """Distinct sentences: the fixture pages', the pair set's, then synthetic news up to ``count``."""
    texts: dict[str, None] = {}
    for page in sorted((FIXTURES / "pages").glob("*.html")):
        for sentence in split_sentences(extract_html(page.read_bytes()).text):
            texts[sentence.text] = None
    for line in PAIRS.read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        texts[item["claim"]] = None
        texts[item["text"]] = None
    rng = random.Random(seed)
    while len(texts) < count:
        for sentence in synth.other_news(rng)[1]:
            texts[sentence] = None
    return list(texts)[:count]


def new_process(backend: str, root: Path) -> float:
    """Seconds from a new interpreter's start to its first vector (the interpreter's own start excluded)."""
    out = subprocess.run(
        [sys.executable, "-c", _FIRST_VECTOR, backend, str(root)], capture_output=True, text=True, cwd=ROOT, check=True
    )
    return float(out.stdout.strip().splitlines()[-1])


def measure(
    backend: str, texts: list[str], reference, torch_stances: dict | None, torch_report: dict | None, root: Path
) -> tuple[dict, object, dict, dict]:
    row: dict = {"backend": backend}
    if backend != "torch":
        start = time.perf_counter()
        new_process(backend, root)  # exports into the empty folder
        row["export_s"] = round(time.perf_counter() - start, 2)
    row["start_s"] = round(min(new_process(backend, root) for _ in range(2)), 2)
    encoder = Encoder(PACKAGED_MINILM, backend=backend, export_root=root)
    model = encoder.model
    model.encode(texts[:64], batch_size=64, normalize_embeddings=True, show_progress_bar=False)  # warm up
    start = time.perf_counter()
    vectors = model.encode(texts, batch_size=64, normalize_embeddings=True, show_progress_bar=False)
    row["encode_per_s"] = round(len(texts) / (time.perf_counter() - start))
    small = model.encode(texts[:700], batch_size=7, normalize_embeddings=True, show_progress_bar=False)
    row["batch_drift_min_cos"] = round(float((small * vectors[:700]).sum(axis=1).min()), 4)
    if reference is not None:
        cosines = (vectors * reference).sum(axis=1)
        row["cos_vs_torch_min"] = round(float(cosines.min()), 4)
        row["cos_vs_torch_mean"] = round(float(cosines.mean()), 4)
    if backend == "torch":
        row["model_mb"] = round(
            sum(p.stat().st_size for p in Path(resolve_model(encoder.model_name)).rglob("*.safetensors")) / 1e6, 1
        )
    else:
        row["model_mb"] = round(
            (root / export_key(resolve_model(encoder.model_name), backend) / "model.onnx").stat().st_size / 1e6, 1
        )

    config = load_config(FIXTURES / "sources.toml")
    config = config.replace(
        match=dataclasses.replace(config.match, model=PACKAGED_MINILM, backend=backend), use_cache=False
    )
    pair_score = evaluate_pairs(PAIRS, encoder, config.match)
    per_class = pair_score.per_class()
    row["pairs_macro_f1"] = round(pair_score.macro_f1, 3)
    row["pairs_contradicts_f1"] = round(per_class["contradicts"][2], 3)
    row["pairs_supports_f1"] = round(per_class["supports"][2], 3)
    lines = PAIRS.read_text(encoding="utf-8").splitlines()
    pairs = list(read_pairs(lines, str(PAIRS)))
    judge = JudgeModel()
    bodies = {p.id: p.text or "" for p in pairs}
    stances = {r.id: r.stance for r in assess_pairs(pairs, bodies, encoder, config.match, judge)}
    if torch_stances is not None:
        row["pairs_same_as_torch"] = round(sum(stances[k] == torch_stances[k] for k in stances) / len(stances), 3)

    report = report_to_dict(check(str(SEED), config, encoder=encoder, judge=judge))
    corpus = evaluate_corpus(report, load_gold(FIXTURES / "gold.json"), FIXTURES / "pages")
    row["corpus_supports_found"] = f"{len(corpus.found)}/{len(corpus.found) + len(corpus.missed)}"
    row["corpus_support_precision"] = round(corpus.support_precision, 3)
    if torch_report is not None:
        before = {c["text"]: c["verdict"] for c in torch_report["claims"]}
        same = sum(before.get(c["text"]) == c["verdict"] for c in report["claims"])
        row["verdicts_same_as_torch"] = f"{same}/{len(report['claims'])}"
    return row, vectors, stances, report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sentences", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    texts = sentences(args.sentences, args.seed)
    rows = []
    reference = torch_stances = torch_report = None
    with tempfile.TemporaryDirectory() as tmp:
        for backend in BACKENDS:
            root = Path(tmp) / backend
            root.mkdir()
            row, vectors, stances, report = measure(backend, texts, reference, torch_stances, torch_report, root)
            if backend == "torch":
                reference, torch_stances, torch_report = vectors, stances, report
            rows.append(row)
            print(json.dumps(row), flush=True)
    result = {"sentences": len(texts), "seed": args.seed, "rows": rows}
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "backends.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    columns = [
        ("backend", "backend"),
        ("export_s", "export (s, once)"),
        ("start_s", "start to first vector (s)"),
        ("encode_per_s", "sentences/s"),
        ("model_mb", "model (MB)"),
        ("cos_vs_torch_min", "cos vs torch min"),
        ("cos_vs_torch_mean", "cos vs torch mean"),
        ("batch_drift_min_cos", "batch drift (min cos)"),
        ("pairs_macro_f1", "pairs macro-F1"),
        ("pairs_contradicts_f1", "contradicts F1"),
        ("pairs_supports_f1", "supports F1"),
        ("pairs_same_as_torch", "pairs as torch"),
        ("corpus_supports_found", "corpus supports found"),
        ("corpus_support_precision", "corpus support precision"),
        ("verdicts_same_as_torch", "seed verdicts as torch"),
    ]
    lines = ["| " + " | ".join(title for _, title in columns) + " |", "|" + "---|" * len(columns)]
    for row in rows:
        lines.append("| " + " | ".join(str(row.get(key, "-")) for key, _ in columns) + " |")
    lines.append(f"\n{len(texts)} sentences, batches of 64, 2 CPU cores.")
    (RESULTS / "backends.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
