"""Many articles, local engine against Ray Data (1 and N workers): equal reports, throughput, fetches per page.

Synthetic part: ``--articles`` invented articles (seeded, ``synth.py``) are checked against a corpus of ``--pages``
pages served from 127.0.0.1 (one feed per outlet, ``check_bench.py``'s corpus). Every run starts cold (its own cache
folder), so each engine fetches, extracts, encodes and judges everything itself. The server counts requests per
address: each page must be fetched exactly once per batch.

Development-story part (``--stories``): the articles of those real-coverage stories are checked in one batch
against all of their pages at once (every story's archive in one sources file), locally and on Ray, and the
reports compared. The page texts come from the git-ignored cache ``benchmarks/realcov/cache`` (see its README).

Writes ``benchmarks/results/ray.md`` and ``ray.json``.

    python benchmarks/ray_bench.py --articles 100 --pages 400 --workers 1,2 --stories mayotte-chido,southport-stabbing
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))
import check_bench  # noqa: E402
import synth  # noqa: E402

from corroborate import load_config  # noqa: E402
from corroborate.batch import check_many  # noqa: E402
from corroborate.models import Progress  # noqa: E402
from corroborate.reports.json import report_to_dict  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "results"
COMPARED = ("article", "claims", "skipped", "sources", "summary")


def write_articles(folder: Path, corpus: dict, n: int, seed: int) -> list[str]:
    """``n`` invented articles, each re-reporting a sentence of two stories of the corpus (so that the claims find
    supporting pages and the judge has work), with a sentence of its own."""
    import html
    import re

    rng = random.Random(seed + 1)
    stories = [
        [html.unescape(p) for p in re.findall(r"<p>(.*?)</p>", page[3])]
        for path, page in sorted(corpus.items())
        if "/story-" in path
    ]
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        picked = rng.sample(stories, 2)
        lines = [rng.choice(story) for story in picked] + [synth.statement(synth.event(rng), paraphrase=True)]
        rng.shuffle(lines)
        path = folder / f"article-{i:04d}.txt"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        paths.append(str(path))
    return paths


class StageClock(Progress):
    """Seconds per stage name, summed over the run (the local engine names its stages per article)."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self.current: tuple[str, float] | None = None

    def stage(self, name: str, total: int | None = None) -> None:
        self.close()
        name = name.split(" (")[0]
        name = "fetching and extracting pages" if name.startswith("fetching and extracting") else name
        self.current = (name, time.perf_counter())

    def close(self) -> None:
        if self.current:
            name, started = self.current
            self.seconds[name] = round(self.seconds.get(name, 0.0) + time.perf_counter() - started, 2)
        self.current = None


def run(engine: str, articles: list[str], sources: Path, folder: Path, workers: int | None) -> dict:
    """One cold batch: seconds, seconds per stage, reports (JSON dicts), judged pairs."""
    config = load_config(sources).replace(cache_dir=folder / f"cache-{engine}-{workers}", offline=False)
    clock = StageClock()
    started = time.perf_counter()
    results = list(check_many(articles, config, engine=engine, workers=workers, progress=clock))
    seconds = time.perf_counter() - started
    clock.close()
    reports = [report_to_dict(r) if not isinstance(r, Exception) else {"error": str(r)} for _, r in results]
    pairs = sum(r.stats.pairs_judged for _, r in results if not isinstance(r, Exception))
    return {"seconds": seconds, "stages": clock.seconds, "reports": reports, "pairs_judged": pairs}


def close(a, b, tolerance: float = 1e-3) -> bool:
    """Equal, numbers within ``tolerance``: an encoder's vectors differ in the fourth decimal with the batch a text
    was encoded in (padding), and the two engines batch texts differently."""
    if isinstance(a, float) and isinstance(b, float):
        return abs(a - b) <= tolerance
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(close(a[k], b[k], tolerance) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(close(x, y, tolerance) for x, y in zip(a, b, strict=True))
    return a == b


def same(a: list[dict], b: list[dict]) -> tuple[bool, int]:
    """Whether two runs agree on every report (timings, counters and audit stamp aside; numbers within 0.001);
    how many reports differ."""
    differ = 0
    for x, y in zip(a, b, strict=True):
        keys = [k for k in COMPARED if not close(x.get(k), y.get(k))]
        if keys:
            differ += 1
            print(f"differs in {keys}: {x.get('article', {}).get('source')}", file=sys.stderr)
            Path(tempfile.gettempdir(), "ray-bench-diff.json").write_text(json.dumps([x, y], indent=1))
    return differ == 0, differ


def synthetic(args, folder: Path) -> dict:
    corpus = check_bench.build_corpus(args.pages, args.outlets, args.seed)
    counts = multiprocessing.Manager().dict()
    process, base = check_bench.serve(corpus, args.outlets, counts)
    try:
        sources = folder / "sources.toml"
        sources.write_text(check_bench.sources_toml(base, args.outlets), encoding="utf-8")
        articles = write_articles(folder / "articles", corpus, args.articles, args.seed)
        rows = []
        local = None
        for engine, workers in [("local", None), *(("ray", w) for w in args.workers)]:
            counts.clear()
            result = run(engine, articles, sources, folder, workers)
            pages = {p: c for p, c in counts.items() if not p.endswith("/feed.xml") and p in corpus}
            feeds = {p: c for p, c in counts.items() if p.endswith("/feed.xml")}
            row = {
                "engine": engine if engine == "local" else f"ray, {workers} worker{'s' if workers > 1 else ''}",
                "seconds": round(result["seconds"], 1),
                "articles_per_minute": round(len(articles) / result["seconds"] * 60, 1),
                "pairs_judged": result["pairs_judged"],
                "judged_pairs_per_second": round(result["pairs_judged"] / result["seconds"], 1),
                "pages_requested": len(pages),
                "page_requests": sum(pages.values()),
                "most_requests_for_one_page": max(pages.values(), default=0),
                "feed_requests": sum(feeds.values()),
                "feeds": len(feeds),
                "stages": result["stages"],
            }
            if local is None:
                local = result
            else:
                row["equal_to_local"], row["reports_differing"] = same(local["reports"], result["reports"])
            rows.append(row)
            print(json.dumps(row), flush=True)
        base_seconds = rows[0]["seconds"]
        for row in rows[1:]:
            row["vs_local"] = round(row["seconds"] / base_seconds, 3)
        return {"articles": len(articles), "pages": len(corpus), "outlets": args.outlets, "runs": rows}
    finally:
        process.terminate()


def stories(args, folder: Path) -> dict:
    sys.path.insert(0, str(Path(__file__).resolve().parent / "realcov"))
    import evaluate

    archives, articles = [], []
    for story in args.stories:
        _data, article, archive = evaluate.build_story(story, folder / "stories")
        archives.append(archive)
        articles.append(str(article))
    sources = folder / "stories.toml"
    sources.write_text(
        "[fetch]\ndate_window_days = 0\n\n" + "".join(f"[[archive]]\npath = {json.dumps(str(a))}\n" for a in archives),
        encoding="utf-8",
    )
    local = run("local", articles, sources, folder, None)
    on_ray = run("ray", articles, sources, folder, max(args.workers))
    equal, differing = same(local["reports"], on_ray["reports"])
    claims = sum(len(r.get("claims", [])) for r in local["reports"])
    return {
        "stories": args.stories,
        "articles": len(articles),
        "claims": claims,
        "local_seconds": round(local["seconds"], 1),
        "ray_seconds": round(on_ray["seconds"], 1),
        "ray_workers": max(args.workers),
        "equal_to_local": equal,
        "reports_differing": differing,
    }


def render(result: dict) -> str:
    s = result["synthetic"]
    lines = [
        "# Many articles: local engine and Ray Data",
        "",
        f"Synthetic batch: {s['articles']} invented articles against {s['pages']} pages of {s['outlets']} outlets "
        "served from 127.0.0.1 (one feed each); every run cold (its own cache). Machine: "
        f"{result['cpus']} CPU cores, {result['python']}. `python benchmarks/ray_bench.py "
        f"{result['argv']}`.",
        "",
        "| engine | seconds | articles/min | judged pairs | judged pairs/s | vs local | pages fetched | requests "
        "per page (max) | feed requests / feeds | reports equal to local |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in s["runs"]:
        equal = (
            "—" if "equal_to_local" not in r else ("yes" if r["equal_to_local"] else f"no ({r['reports_differing']})")
        )
        lines.append(
            f"| {r['engine']} | {r['seconds']} | {r['articles_per_minute']} | {r['pairs_judged']} | "
            f"{r['judged_pairs_per_second']} | {r.get('vs_local', 1.0)} | {r['pages_requested']} | "
            f"{r['most_requests_for_one_page']} | {r['feed_requests']} / {r['feeds']} | {equal} |"
        )
    if result.get("stories"):
        t = result["stories"]
        lines += [
            "",
            f"Development stories ({', '.join(t['stories'])}): {t['articles']} real articles, {t['claims']} claims, "
            f"checked in one batch against all of their pages: local {t['local_seconds']} s, Ray "
            f"({t['ray_workers']} workers) {t['ray_seconds']} s; reports equal: "
            f"{'yes' if t['equal_to_local'] else 'no (' + str(t['reports_differing']) + ' differ)'}.",
        ]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--pages", type=int, default=400)
    parser.add_argument("--outlets", type=int, default=20)
    parser.add_argument("--workers", default="1,2", help="Ray worker counts to run, comma-separated")
    parser.add_argument("--stories", default="", help="development stories to compare on, comma-separated")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, default=RESULTS / "ray.md")
    args = parser.parse_args(argv)
    args.workers = [int(w) for w in args.workers.split(",") if w]
    args.stories = [s for s in args.stories.split(",") if s]
    os.environ.setdefault("CI", "1")
    with tempfile.TemporaryDirectory(prefix="ray-bench-") as tmp:
        folder = Path(tmp)
        result = {
            "argv": " ".join(argv if argv is not None else sys.argv[1:]),
            "cpus": os.cpu_count(),
            "python": sys.version.split()[0],
            "synthetic": synthetic(args, folder),
        }
        if args.stories:
            result["stories"] = stories(args, folder)
    args.out.write_text(render(result), encoding="utf-8")
    args.out.with_suffix(".json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(render(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
