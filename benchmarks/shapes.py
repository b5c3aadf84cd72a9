"""Time per MB for each shape of input, at 1, 5 and 20 MB: the work before any model, and what the model gets.

    python benchmarks/shapes.py                  # table to stdout, results to benchmarks/results/shapes.md
    python benchmarks/shapes.py --sizes 1,5      # fewer sizes (MB)

Articles (read, split, claims): ordinary prose (the seed article repeated), words with no punctuation at all, and
one giant paragraph (the seed with its line breaks removed). Coverage pages (HTML extraction against the page
budget, splitting, the sentences the encoder would embed): an ordinary page, deeply nested HTML and a page of
one long line. The limits that apply in a run are lifted here ([fetch] max_article_bytes, max_bytes) so that
every size is read; the page budget (``extract.MAX_HTML_BYTES`` and the element, attribute and depth counts) is
not: a page over it is recorded as ``too_complex``, which is what a run does.

The model is not run here (on 2 CPU cores multilingual-e5-small embeds about 3 KB of text a second, so 20 MB
would take hours); the table shows instead what it would be given: the number of units, capped per page at
``match.MAX_DOCUMENT_SENTENCES`` sentences and ``match.MAX_DOCUMENT_WORDS`` words, and the longest unit in words,
capped at ``sentences.WINDOW_WORDS``. These bounds make the encoder's work per page bounded, whatever its shape.
"""

from __future__ import annotations

import argparse
import platform
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from corroborate.article.claims import extract_claims  # noqa: E402
from corroborate.article.extract import extract_html  # noqa: E402
from corroborate.article.input import article_from_text  # noqa: E402
from corroborate.coverage.documents import plain_document  # noqa: E402
from corroborate.evidence.match import evidence_sentences  # noqa: E402
from corroborate.exceptions import ExtractionError  # noqa: E402

MB = 1_000_000
SEED = (ROOT / "seeds" / "000_892844bb6acea099.txt").read_text(encoding="utf-8")
RESULTS = ROOT / "benchmarks" / "results" / "shapes.md"


def _repeat(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def normal_text(size: int) -> str:
    return _repeat(SEED + "\n\n", size)


def no_punctuation(size: int) -> str:
    words = "".join(c if c.isalnum() or c.isspace() else " " for c in SEED).split()
    return _repeat(" ".join(words) + " ", size)


def giant_paragraph(size: int) -> str:
    return _repeat(" ".join(SEED.split()) + " ", size)


def normal_page(size: int) -> str:
    paragraphs = "".join(f"<p>{line}</p>\n" for line in normal_text(size).splitlines() if line.strip())
    return f"<html><head><title>Harbor</title></head><body><article>{paragraphs}</article></body></html>"


def nested_page(size: int) -> str:
    """Paragraphs each 150 elements deep (within the depth budget of 200), as deep as the budget lets a page be."""
    words = " ".join(SEED.split())
    units = []
    for i in range(size // 2000 + 1):
        text = words[(i * 400) % 4000 :][:400]
        units.append("<div>" * 150 + f"<p>{text}</p>" + "</div>" * 150)
    return "<html><body><article>" + "\n".join(units) + "</article></body></html>"


def one_line_page(size: int) -> str:
    paragraphs = "".join(f"<p>{line}</p>" for line in normal_text(size).splitlines() if line.strip())
    return f"<html><head><title>Harbor</title></head><body><article>{paragraphs}</article></body></html>"


ARTICLES = {
    "normal article": normal_text,
    "no-punctuation article": no_punctuation,
    "one giant paragraph": giant_paragraph,
}
PAGES = {"normal page": normal_page, "deeply nested HTML": nested_page, "a page of one long line": one_line_page}


def run_article(text: str) -> tuple[str, int, int]:
    article = article_from_text(text, "benchmark.txt")
    claims, _skipped = extract_claims(article)
    longest = max((len(c.text.split()) for c in claims), default=0)
    return f"{len(claims)} claims", len(claims), longest


def run_page(html: str) -> tuple[str, int, int]:
    try:
        extracted = extract_html(html, "https://news.example/page")
    except ExtractionError as exc:
        return exc.reason, 0, 0
    doc = plain_document("https://news.example/page", extracted.text)  # split into sentences, as in a run
    units = [doc.sentences[s].text for s in evidence_sentences(doc)]
    return "ok", len(units), max((len(u.split()) for u in units), default=0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,5,20", help="sizes in MB, comma-separated (default 1,5,20)")
    parser.add_argument("--no-write", action="store_true", help="print only; do not write the results file")
    args = parser.parse_args(argv)
    sizes = [float(x) for x in args.sizes.split(",")]
    rows = [
        "| input | MB | outcome | units for the model | longest unit (words) | CPU s | CPU s per MB | × normal |",
        "|---|---|---|---|---|---|---|---|",
    ]
    per_mb: dict[tuple[str, float], float] = {}
    for shapes, runner in ((ARTICLES, run_article), (PAGES, run_page)):
        baseline = next(iter(shapes))
        for name, make in shapes.items():
            for size in sizes:
                data = make(int(size * MB))
                # CPU seconds of this process: on a machine shared with other work, wall time measures the others
                started = time.process_time()
                outcome, units, longest = runner(data)
                seconds = time.process_time() - started
                per_mb[(name, size)] = seconds / size
                ratio = per_mb[(name, size)] / per_mb[(baseline, size)]
                rows.append(
                    f"| {name} | {size:g} | {outcome} | {units:,} | {longest} | {seconds:.2f} | "
                    f"{seconds / size:.2f} | {ratio:.2f} |"
                )
                print(rows[-1], flush=True)
    worst = max(
        per_mb[(n, s)] / per_mb[(next(iter(shapes)), s)] for shapes in (ARTICLES, PAGES) for n in shapes for s in sizes
    )
    text = "\n".join(
        [
            "# Time per MB by shape of input",
            "",
            f"`python benchmarks/shapes.py --sizes {args.sizes}` on {platform.machine()}, "
            f"Python {platform.python_version()}, 2 CPU cores shared with other work.",
            "Articles: read, split into sentences, claims extracted. Pages: HTML extraction within the page budget,",
            "splitting, and the units the encoder would embed (capped per page). No model runs here (see the",
            "script's docstring). Times are CPU seconds of the benchmark's process (the machine is shared, so wall",
            "time would measure the other work too). `× normal` compares CPU seconds per MB with the normal article",
            "or page of that size.",
            "",
            *rows,
            "",
            f"Worst shape: {worst:.2f}× the normal one's time per MB.",
            "",
        ]
    )
    print(f"worst shape: {worst:.2f}x normal")
    if not args.no_write:
        RESULTS.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
