"""Benchmark: ``corroborate assess`` over 5,000 pairs and 500 bodies in one run.

    python benchmarks/assess_bench.py [--pairs 5000] [--bodies 500] [--seed 7]

Writes benchmarks/results/assess.json and benchmarks/results/assess.md. Run it twice to see the effect of the
embedding cache (the second run embeds nothing).
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import synth

RESULTS = Path(__file__).resolve().parent / "results"


def make_pairs(n_pairs: int, n_bodies: int, seed: int) -> list[dict]:
    rng = random.Random(seed)
    bodies = []
    for _ in range(n_bodies):
        events = [synth.event(rng) for _ in range(2)]
        bodies.append((synth.body(rng, events), events))
    pairs = []
    for i in range(n_pairs):
        text, events = bodies[i % n_bodies]
        roll = rng.random()
        if roll < 0.4:
            claim = synth.statement(rng.choice(events))
        elif roll < 0.7:
            ev = rng.choice(events)
            claim = synth.statement(ev, number=ev["n"] * 10)
        else:
            claim = synth.statement(synth.event(rng))
        pairs.append({"id": f"p{i}", "claim": claim, "text": text})
    return pairs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pairs", type=int, default=5000)
    parser.add_argument("--bodies", type=int, default=500)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    pairs = make_pairs(args.pairs, args.bodies, args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "pairs.jsonl"
        source.write_text("".join(json.dumps(p) + "\n" for p in pairs), encoding="utf-8")
        timings = {}
        for run in ("cold", "warm"):
            start = time.perf_counter()
            done = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "corroborate",
                    "assess",
                    str(source),
                    "--cache-dir",
                    tmp,
                    "-o",
                    str(Path(tmp) / f"{run}.jsonl"),
                ],
                capture_output=True,
                text=True,
            )
            timings[run] = round(time.perf_counter() - start, 2)
            if done.returncode != 0:
                sys.exit(f"assess failed: {done.stderr[-2000:]}")
        stances: dict[str, int] = {}
        for line in (Path(tmp) / "cold.jsonl").read_text().splitlines():
            stance = json.loads(line)["stance"]
            stances[stance] = stances.get(stance, 0) + 1
    result = {
        "pairs": args.pairs,
        "bodies": args.bodies,
        "seed": args.seed,
        "seconds": timings,
        "pairs_per_second_cold": round(args.pairs / timings["cold"], 1),
        "stances": stances,
    }
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "assess.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    (RESULTS / "assess.md").write_text(
        "| pairs | bodies | cold (s) | warm (s) | pairs/s (cold) |\n|---|---|---|---|---|\n"
        f"| {args.pairs} | {args.bodies} | {timings['cold']} | {timings['warm']} | "
        f"{result['pairs_per_second_cold']} |\n",
        encoding="utf-8",
    )
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
