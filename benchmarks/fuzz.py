"""A seeded fuzz campaign over every kind of hostile input, outside the default test run.

    python benchmarks/fuzz.py                      # 1,050 cases, results to benchmarks/results/fuzz.md
    python benchmarks/fuzz.py --per-kind 20        # a quicker pass (7 kinds x 20 cases)

Kinds: mutated RSS/Atom feeds and sitemaps (the discovery readers), mutated and hostile pages (HTML extraction
within the page budget), hostile HTTP answers from a loopback server (the fetcher: statuses, redirects,
encodings, content types, bodies), mutated sources files (configuration), mutated saved reports (loaded against
the published schema and rendered as text, Markdown and HTML), and damaged cache rows (read back through the
cache's checks and ``verify``). The inputs are mutations of the invented fixture pages, reports and sources.

Every case must end in a documented outcome: accepted, or a typed error (``CorroborateError`` with its exit code,
or a recorded source reason from ``REASON_CODES``). Anything else is counted as a traceback; a case that runs
past ``CASE_SECONDS`` is counted as a hang. ``tests/test_fuzz.py`` runs a small sample of the same cases.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import platform
import random
import signal
import sqlite3
import sys
import tempfile
import threading
import time
import traceback
from collections import Counter
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from corroborate.article.extract import extract_html  # noqa: E402
from corroborate.config import FetchConfig, load_config  # noqa: E402
from corroborate.coverage.cache import JUDGMENT_LABELS, Cache, CachedPage  # noqa: E402
from corroborate.coverage.discovery import parse_feed, parse_sitemap  # noqa: E402
from corroborate.coverage.fetch import Fetcher  # noqa: E402
from corroborate.exceptions import CorroborateError, ExtractionError  # noqa: E402
from corroborate.models import REASON_CODES, Candidate  # noqa: E402
from corroborate.reports.saved import load_json, render_dict  # noqa: E402

SEED = 20261206
PER_KIND = 150
CASE_SECONDS = 30  # the per-case budget: a case that runs longer has hung
PAGES = ROOT / "fixtures" / "pages"
REPORT = ROOT / "tests" / "reports" / "golden" / "report.json"
SOURCES = ROOT / "fixtures" / "sources.toml"
RESULTS = ROOT / "benchmarks" / "results" / "fuzz.md"

HOSTILE = [
    b"&#xD800;",
    b"&#55296;",
    b"\x00",
    b"\xff\xfe",
    b"\xed\xa0\x80",
    b"]]>",
    b"<!--",
    b"<!DOCTYPE x [<!ENTITY a 'aaaaaaaaaa'><!ENTITY b '&a;&a;&a;&a;&a;'>]>",
    b"&b;",
    b"<div>" * 3000,
    b"<script>alert(1)</script>",
    b"http://[::1/x",
    b"http://127.0.0.1:99999/x",
    b"javascript:alert(1)",
    b"http://127.0.0.1/" + b"a" * 5000,
    b"\r\n\r\n",
    b"<link>http://bad\x7fhost/</link>",
    b'"' * 50,
    b"Gen. U.S. Mr. " * 200,
    b"<p " + b" ".join(b"a%d=x" % i for i in range(300)) + b">",
    b"word " * 3000,
]


def mutate(rng: random.Random, data: bytes) -> bytes:
    """A random mix of byte flips, cuts, repeats and hostile insertions."""
    out = bytearray(data)
    for _ in range(rng.randint(1, 6)):
        kind = rng.random()
        at = rng.randint(0, max(0, len(out) - 1))
        if kind < 0.25 and out:
            for _ in range(rng.randint(1, 20)):
                out[rng.randrange(len(out))] = rng.randrange(256)
        elif kind < 0.45:
            del out[at : at + rng.randint(1, 400)]
        elif kind < 0.6:
            out = out[: rng.randint(0, len(out))]  # truncated
        elif kind < 0.7:
            out[at:at] = out[at : at + rng.randint(1, 300)] * rng.randint(2, 20)
        else:
            out[at:at] = rng.choice(HOSTILE)
    return bytes(out)


def feed(base: str, pages: list[str]) -> bytes:
    items = "".join(f"<item><title>Harbor pier plan {p}</title><link>{base}/p/{p}</link></item>" for p in pages)
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>{items}</channel></rss>'.encode()


def sitemap(base: str, pages: list[str]) -> bytes:
    urls = "".join(f"<url><loc>{base}/p/{p}</loc><lastmod>2025-11-04</lastmod></url>" for p in pages)
    return f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'.encode()


def page_names() -> list[str]:
    return sorted(p.name for p in PAGES.glob("*.html"))


# The kinds ---------------------------------------------------------------------------------------------------
# Each returns the outcome of one case: "accepted" or the name of a typed outcome. Any other exception escapes.


def case_feed(rng: random.Random, _ctx: dict) -> str:
    parse_feed(mutate(rng, feed("http://127.0.0.1:1", page_names()[:5])), "http://127.0.0.1:1")
    return "accepted"


def case_sitemap(rng: random.Random, _ctx: dict) -> str:
    parse_sitemap(mutate(rng, sitemap("http://127.0.0.1:1", page_names()[:5])))
    return "accepted"


def case_page(rng: random.Random, _ctx: dict) -> str:
    data = mutate(rng, (PAGES / rng.choice(page_names())).read_bytes())
    try:
        extract_html(data, "http://127.0.0.1:1/p")
    except ExtractionError as exc:
        assert exc.reason in REASON_CODES, exc.reason
        return f"ExtractionError:{exc.reason}"
    return "accepted"


class _Answers(BaseHTTPRequestHandler):
    routes: ClassVar[dict[str, tuple[int, list[tuple[str, str]], bytes]]] = {}

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        status, headers, body = self.routes.get(self.path.split("?")[0], (404, [], b"gone"))
        try:
            self.send_response(status)
            for key, value in headers:
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass


def case_http(rng: random.Random, ctx: dict) -> str:
    base = ctx["server"]
    body = (PAGES / rng.choice(page_names())).read_bytes()
    status, headers = 200, [("Content-Type", "text/html; charset=utf-8")]
    roll = rng.random()
    if roll < 0.35:
        body = mutate(rng, body)
    elif roll < 0.5:
        status, headers = rng.choice([301, 302, 307, 308]), [("Location", rng.choice(HOSTILE).decode("latin-1"))]
    elif roll < 0.6:
        status = rng.choice([204, 304, 400, 404, 410, 429, 500, 503])
    elif roll < 0.7:
        headers = [("Content-Type", "text/html"), ("Content-Encoding", rng.choice(["gzip", "br", "deflate", "x"]))]
    elif roll < 0.8:
        ctype = rng.choice(["application/pdf", "image/png", "text/html; charset=x-bogus", "text/html; charset=utf-16"])
        headers = [("Content-Type", ctype)]
    elif roll < 0.9:
        headers = [("Content-Type", "text/html"), (rng.choice(["ETag", "Last-Modified", "Retry-After"]), "\x7f" * 40)]
    else:
        body = rng.choice(HOSTILE) * rng.randint(1, 50)
    _Answers.routes = {"/p": (status, headers, body)}
    candidate = Candidate(url=f"{base}/p", outlet="Fuzz Wire", found_by="urls", allow_private=True)

    async def go():
        async with Fetcher(ctx["fetch"], Cache(None)) as fetcher:
            return await fetcher.fetch(candidate)

    page = asyncio.run(go())
    if page.status != "ok":
        assert page.reason in REASON_CODES, page.reason
        return f"recorded:{page.reason}"
    try:
        extract_html(page.body, page.final_url)
    except ExtractionError as exc:
        assert exc.reason in REASON_CODES, exc.reason
        return f"ExtractionError:{exc.reason}"
    return "accepted"


_TOML_HOSTILE = [
    b"# a comment line\n",
    b"\n\n",
    b'feeds = ["http://[::1/feed.xml"]\n',
    b'urls = ["http://a.example:99999/x"]\n',
    b'search = "http://a.example/?q={query}{x}"\n',
    b"[match]\ndevice = 'tpu'\n",
    b"[fetch]\ntimeout = -1\n",
    b'[[archive]]\npath = "/nonexistent"\n',
    b"[[outlet]]\nname = 3\n",
    b"\xff\xfe",
    b'domains = ["a b.example"]\n',
    b'[fetch]\nuser_agent = "x\\ny"\n',
]


def case_sources(rng: random.Random, ctx: dict) -> str:
    data = SOURCES.read_bytes().replace(b'path = "pages"', f'path = "{PAGES}"'.encode())
    if rng.random() < 0.5:
        data = mutate(rng, data)
    else:
        at = rng.choice([m for m in range(len(data)) if data[m : m + 1] == b"\n"] or [0])
        data = data[:at] + b"\n" + rng.choice(_TOML_HOSTILE) + data[at:]
    path = ctx["tmp"] / "sources.toml"
    path.write_bytes(data)
    try:
        load_config(path)
    except CorroborateError as exc:
        assert exc.exit_code == 2, exc
        return type(exc).__name__
    return "accepted"


_VALUES: list[object] = ["text", "", 7, -1, 2.5, True, None, [], {}, ["x"], {"a": 1}, [1, 2], "\u202e", 1e308]


def _reshape(rng: random.Random, data: object) -> object:
    """One structural change somewhere in a report: a value of another type, a key removed, a list emptied."""
    node, parents = data, []
    while isinstance(node, dict | list) and node and (not parents or rng.random() < 0.85):
        key = rng.choice(list(node)) if isinstance(node, dict) else rng.randrange(len(node))
        parents.append((node, key))
        node = node[key]
    if not parents:
        return rng.choice(_VALUES)
    parent, key = parents[-1]
    if parent is data and key == "schema":
        return data
    if isinstance(parent, dict) and rng.random() < 0.25:
        del parent[key]
    elif rng.random() < 0.3:  # a value of the same type: a report that may well be valid
        same = [v for v in _VALUES if type(v) is type(parent[key])]
        parent[key] = rng.choice(same or _VALUES)
    else:
        parent[key] = rng.choice(_VALUES)
    return data


def case_report(rng: random.Random, ctx: dict) -> str:
    golden = REPORT.read_text(encoding="utf-8")
    if rng.random() < 0.3:
        raw = mutate(rng, golden.encode())
    else:
        data = json.loads(golden)
        for _ in range(rng.randint(1, 4)):
            data = _reshape(rng, data)
        if rng.random() < 0.2:
            data = {"schema": "corroborate.batch/1", "reports": [data], "articles": [{"source": "a"}]}
        raw = json.dumps(data).encode()
    path = ctx["tmp"] / "report.json"
    path.write_bytes(raw)
    try:
        data = load_json(path)
        for report in data["reports"] if data["schema"] == "corroborate.batch/1" else [data]:
            for fmt in ("text", "markdown", "html", "json"):
                render_dict(report, fmt)
    except CorroborateError as exc:
        assert exc.exit_code == 2, exc
        return type(exc).__name__
    return "accepted"


def _blob(rng: random.Random, good: bytes) -> object:
    return rng.choice(
        [
            good[: rng.randrange(len(good))],
            good + b"\x00" * rng.randint(1, 64),
            np.full(len(good) // 4, np.nan, dtype=np.float32).tobytes(),
            np.full(len(good) // 4, np.inf, dtype=np.float32).tobytes(),
            b"\x00" * len(good),
            mutate(rng, good),
            "text, not bytes",
            12345,
            1.5,
        ]
    )


def case_cache(rng: random.Random, ctx: dict) -> str:
    folder = Path(tempfile.mkdtemp(dir=ctx["tmp"]))
    cache = Cache(folder)
    vector = rng.random() * np.ones(384, dtype=np.float32)
    probs = np.array([0.1, 0.2, 0.3, 0.4], dtype=np.float32)
    cache.put_vectors("m@f|float32", [("v", vector)])
    cache.put_judgments("judge|j@f", [("j", probs)])
    cache.put_document(
        "d",
        json.dumps({"text": "A pier opens.", "title": None, "date": None, "site_name": None, "url": None, "links": []}),
    )
    cache.put_page(CachedPage("https://a.example/", b"<html>x</html>", None, None, "text/html", None))
    cache.close()
    table, column, good = rng.choice(
        [
            ("embeddings", "vector", vector.tobytes()),
            ("embeddings", "dim", b"0000"),
            ("judgments", "probs", probs.tobytes()),
            ("documents", "json", b'{"text": "A pier opens."}'),
            ("pages", "body", b"<html>x</html>"),
            ("pages", "fetched_at", b"00000000"),
        ]
    )
    value = _blob(rng, good)
    if table == "documents" and isinstance(value, bytes):
        value = value.decode("utf-8", "replace") if rng.random() < 0.7 else value
    with sqlite3.connect(folder / "cache.sqlite3") as db:
        db.execute(f"UPDATE {table} SET {column} = ?", (value,))
    cache = Cache(folder)
    try:
        damaged = sum(cache.verify(lambda _model: 384).values())
        got_vector = cache.get_vectors("m@f|float32", ["v"], 384).get("v")
        got_probs = cache.get_judgments("judge|j@f", ["j"], JUDGMENT_LABELS).get("j")
        got_doc = cache.get_document("d")
        got_page = cache.get_page("https://a.example/")
        # what a read returns is either what was stored or nothing; never a damaged value
        assert got_vector is None or (got_vector.shape == (384,) and np.isfinite(got_vector).all())
        assert got_probs is None or (np.isfinite(got_probs).all() and abs(float(got_probs.sum()) - 1) < 1e-3)
        assert got_doc is None or isinstance(got_doc["text"], str)
        assert got_page is None or isinstance(got_page.body, bytes)
        returned_damage = sum(cache.replaced.values())
    finally:
        cache.replaced.clear()
        cache.close()
    if damaged or returned_damage:
        return "damaged row replaced"
    return "accepted"


KINDS: dict[str, Callable[[random.Random, dict], str]] = {
    "feeds": case_feed,
    "sitemaps": case_sitemap,
    "pages": case_page,
    "HTTP answers": case_http,
    "sources files": case_sources,
    "saved reports": case_report,
    "cache rows": case_cache,
}


class _Hung(Exception):
    pass


def _alarm(signum, frame):
    raise _Hung


def run(seed: int = SEED, per_kind: int = PER_KIND, kinds: list[str] | None = None) -> dict:
    """Run the campaign; per kind, the outcomes, the tracebacks (with their case numbers) and the hangs."""
    results: dict[str, dict] = {}
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Answers)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    fetch = FetchConfig(timeout=3.0, retries=0, robots=False, host_delay=0.0, connect_timeout=2.0)
    # the first extraction in a process compiles the date and URL patterns of trafilatura's helpers (seconds):
    # done once before the clock starts, so that "slowest case" measures a case
    extract_html((PAGES / page_names()[0]).read_bytes(), "http://127.0.0.1:1/warm-up")
    old = signal.signal(signal.SIGALRM, _alarm)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            ctx = {"server": f"http://127.0.0.1:{server.server_port}", "fetch": fetch, "tmp": Path(tmp)}
            for name in kinds or list(KINDS):
                rng = random.Random(f"{seed}:{name}")
                outcomes: Counter[str] = Counter()
                tracebacks: list[str] = []
                hangs: list[int] = []
                started = time.perf_counter()
                slowest = 0.0
                for case in range(per_kind):
                    began = time.perf_counter()
                    signal.alarm(CASE_SECONDS)
                    try:
                        outcomes[KINDS[name](rng, ctx)] += 1
                    except _Hung:
                        hangs.append(case)
                    except Exception:  # the finding this campaign looks for
                        tracebacks.append(f"case {case}: {traceback.format_exc(limit=-3)}")
                    finally:
                        signal.alarm(0)
                    slowest = max(slowest, time.perf_counter() - began)
                results[name] = {
                    "cases": per_kind,
                    "outcomes": dict(outcomes),
                    "tracebacks": tracebacks,
                    "hangs": hangs,
                    "seconds": time.perf_counter() - started,
                    "slowest": slowest,
                }
    finally:
        signal.signal(signal.SIGALRM, old)
        server.shutdown()
    return results


def render(results: dict, seed: int, per_kind: int) -> str:
    total = sum(r["cases"] for r in results.values())
    rows = [
        "| kind | cases | accepted | typed outcomes | tracebacks | hangs | slowest case (s) | seconds |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for name, r in results.items():
        typed = ", ".join(f"{k} {v}" for k, v in sorted(r["outcomes"].items()) if k != "accepted") or "-"
        rows.append(
            f"| {name} | {r['cases']} | {r['outcomes'].get('accepted', 0)} | {typed} | {len(r['tracebacks'])} | "
            f"{len(r['hangs'])} | {r['slowest']:.2f} | {r['seconds']:.1f} |"
        )
    tracebacks = sum(len(r["tracebacks"]) for r in results.values())
    hangs = sum(len(r["hangs"]) for r in results.values())
    lines = [
        "# Fuzz campaign",
        "",
        f"`python benchmarks/fuzz.py --seed {seed} --per-kind {per_kind}`: {total:,} cases on {platform.machine()}, "
        f"Python {platform.python_version()}; a case over {CASE_SECONDS} s counts as a hang.",
        "",
        *rows,
        "",
        f"Total: {total:,} cases, {tracebacks} tracebacks, {hangs} hangs.",
        "",
    ]
    for name, r in results.items():
        for text in r["tracebacks"][:5]:
            lines += [f"## Traceback ({name})", "", "```", text.rstrip(), "```", ""]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--per-kind", type=int, default=PER_KIND, help=f"cases per kind (default {PER_KIND})")
    parser.add_argument("--no-write", action="store_true", help="print only; do not write the results file")
    args = parser.parse_args(argv)
    results = run(args.seed, args.per_kind)
    text = render(results, args.seed, args.per_kind)
    print(text)
    if not args.no_write:
        RESULTS.write_text(text, encoding="utf-8")
    return 1 if any(r["tracebacks"] or r["hangs"] for r in results.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
