"""Time against article size: reading, sentence splitting and claim extraction, 10 KB to 5 MB.

    python benchmarks/article_size.py            # table to stdout, results to benchmarks/results/article-size.md

Three texts per size: the seed article repeated (ordinary prose), one paragraph of abbreviations with no sentence
end ("Gen. U.S. Mr. ..."), and an unclosed quotation ('He said "this is ...'). Before these were made linear, the
last two grew with the square of their length (a 44 KB paragraph of abbreviations took 8 s). The article size
limit (``[fetch] max_article_bytes``, 5 MB) bounds the rest; matching grows with claims times coverage sentences.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from corroborate.article.claims import extract_claims  # noqa: E402
from corroborate.article.input import article_from_text  # noqa: E402

SIZES = [10_000, 100_000, 1_000_000, 5_000_000]
SEED = (ROOT / "seeds" / "000_892844bb6acea099.txt").read_text(encoding="utf-8")
TEXTS = {
    "prose (the seed, repeated)": SEED,
    "abbreviations, no sentence end": "Gen. U.S. Mr. Dr. St. ",
    "an unclosed quotation": 'He said "this is ',
}


def main() -> int:
    rows = ["| text | size | sentences | claims | seconds | µs per KB |", "|---|---|---|---|---|---|"]
    for name, unit in TEXTS.items():
        for size in SIZES:
            text = (unit * (size // len(unit) + 1))[:size]
            started = time.perf_counter()
            article = article_from_text(text, "benchmark.txt")
            claims, skipped = extract_claims(article)
            seconds = time.perf_counter() - started
            rows.append(
                f"| {name} | {size // 1000:,} KB | {len(claims) + len(skipped):,} | {len(claims):,} | "
                f"{seconds:.2f} | {seconds * 1e6 / (size / 1000):.0f} |"
            )
            print(rows[-1], flush=True)
    out = ROOT / "benchmarks" / "results" / "article-size.md"
    out.write_text(
        "Reading, sentence splitting and claim extraction against article size (2 CPU cores).\n\n"
        + "\n".join(rows)
        + "\n",
        encoding="utf-8",
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
