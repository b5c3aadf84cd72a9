"""Build and validate the real-coverage label files (``benchmarks/realcov/stories/<story>.json``).

The label files hold labels, URLs, outlets and notes only. The page texts they refer to live in the git-ignored
cache ``benchmarks/realcov/cache/<story>/`` (``article.txt`` and one ``<page id>.txt`` per page), each the text of
the page from its beginning as it stood when it was labelled; every label file records the SHA-1 of each cached
text, so a rebuilt cache that differs is reported rather than silently scored.

    python benchmarks/realcov/labeltool.py sentences STORY   # number the article's sentences, write the skeleton
    python benchmarks/realcov/labeltool.py seal STORY         # record the SHA-1 of every cached page text
    python benchmarks/realcov/labeltool.py check [STORY ...]  # validate labels against the cache
    python benchmarks/realcov/labeltool.py stats [STORY ...]  # counts per label, kind and language; kappa
    python benchmarks/realcov/labeltool.py span STORY PAGE "exact quote"   # offsets and SHA-1 of a quote
    python benchmarks/realcov/labeltool.py pass-check STORY LABELLER      # a labeller's pass is complete
    python benchmarks/realcov/labeltool.py agree STORY        # kappa of passes A and B; writes disagreements.json
    python benchmarks/realcov/labeltool.py merge STORY        # agreed + adjudicated labels into the story file

Label vocabulary, per check-worthy article sentence and coverage page:
``supports`` (the page itself asserts the same fact or quote, in any words or language), ``contradicts`` (it
asserts something incompatible), ``mentions`` (same topic, neither), ``unrelated``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
STORIES = HERE / "stories"
CACHE = HERE / "cache"
STANCES = ("supports", "contradicts", "mentions", "unrelated")
KINDS = ("coverage", "distractor")
CONTRADICTION_KINDS = ("figure", "time", "entity", "place", "denial", "did-not-happen", "other")
PASSES = HERE / "passes"

sys.path.insert(0, str(ROOT))
from corroborate.article.sentences import split_sentences  # noqa: E402  (pure Python, no heavy imports)


def sha1(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def article_sentences(story: str) -> list:
    text = (CACHE / story / "article.txt").read_text(encoding="utf-8")
    return [s for s in split_sentences(text) if s.text.strip()]


def cmd_sentences(story: str) -> None:
    """Print the article's sentences numbered; create the label file's skeleton if it does not exist."""
    sentences = article_sentences(story)
    for s in sentences:
        flag = " [heading]" if s.heading else ""
        print(f"{s.index:>3}{flag}: {s.text}")
    path = STORIES / f"{story}.json"
    if path.exists():
        print(f"\n{path} exists; not overwritten", file=sys.stderr)
        return
    article = (CACHE / story / "article.txt").read_text(encoding="utf-8")
    skeleton = {
        "story": story,
        "title": "",
        "notes": "",
        "article": {
            "url": "",
            "outlet": "",
            "language": "",
            "published": "",
            "credits": [],
            "sha1": sha1(article),
        },
        "sentences": [
            {"id": s.index, "start": s.start, "end": s.end, "sha1": sha1(s.text), "checkworthy": False, "note": ""}
            for s in sentences
        ],
        "pages": [],
    }
    STORIES.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(skeleton, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"\nwrote {path}", file=sys.stderr)


def span_of(story: str, page: str, quote: str) -> dict:
    """The span of ``quote`` (exact text, first occurrence) in a cached page: start, end and the SHA-1 of the text."""
    text = (CACHE / story / f"{page}.txt").read_text(encoding="utf-8")
    start = text.find(quote)
    if start < 0:
        raise SystemExit(f"{page}: the quote is not in the cached text (copy it exactly, whitespace included)")
    end = start + len(quote)
    return {"start": start, "end": end, "sha1": sha1(text[start:end])}


def load(story: str) -> dict:
    return json.loads((STORIES / f"{story}.json").read_text(encoding="utf-8"))


def validate(story: str) -> list[str]:
    """Problems with one story's labels, as sentences; empty when it is complete and consistent."""
    problems: list[str] = []
    data = load(story)
    folder = CACHE / story
    article_path = folder / "article.txt"
    if not article_path.exists():
        return [f"{article_path} missing"]
    article = article_path.read_text(encoding="utf-8")
    if data["article"].get("sha1") != sha1(article):
        problems.append("article.txt differs from the labelled text (sha1)")
    for key in ("url", "outlet", "language"):
        if not data["article"].get(key):
            problems.append(f"article.{key} is empty")
    worthy = []
    for s in data["sentences"]:
        if sha1(article[s["start"] : s["end"]]) != s["sha1"]:
            problems.append(f"sentence {s['id']}: span no longer matches its sha1")
        if s["checkworthy"]:
            worthy.append(str(s["id"]))
    if not worthy:
        problems.append("no check-worthy sentence")
    seen_urls = set()
    for page in data["pages"]:
        pid = page.get("id", "?")
        for key in ("id", "url", "outlet", "language", "kind", "labels", "sha1"):
            if key not in page:
                problems.append(f"page {pid}: no {key}")
        if page.get("url") in seen_urls:
            problems.append(f"page {pid}: duplicate url")
        seen_urls.add(page.get("url"))
        if page.get("kind") not in KINDS:
            problems.append(f"page {pid}: kind must be one of {KINDS}")
        path = folder / f"{pid}.txt"
        if not path.exists():
            problems.append(f"page {pid}: {path} missing")
        elif page.get("sha1") != sha1(path.read_text(encoding="utf-8")):
            problems.append(f"page {pid}: cached text differs from the labelled text (sha1)")
        labels = page.get("labels", {})
        for sid in worthy:
            if labels.get(sid) not in STANCES:
                problems.append(f"page {pid}: sentence {sid} has no label (one of {STANCES})")
        for sid in labels:
            if sid not in worthy:
                problems.append(f"page {pid}: label for sentence {sid}, which is not check-worthy")
        if "evidence" in page and path.exists():
            text = path.read_text(encoding="utf-8")
            for sid, span in page["evidence"].items():
                if sha1(text[span["start"] : span["end"]]) != span["sha1"]:
                    problems.append(f"page {pid}: evidence span for sentence {sid} no longer matches its sha1")
            for sid, label in labels.items():
                if label in ("supports", "contradicts") and sid not in page["evidence"]:
                    problems.append(f"page {pid}: sentence {sid} is {label} with no evidence span")
        for sid, kind in page.get("kinds", {}).items():
            if kind not in CONTRADICTION_KINDS or labels.get(sid) != "contradicts":
                problems.append(
                    f"page {pid}: kind {kind!r} for sentence {sid} (one of {CONTRADICTION_KINDS}, on a contradiction)"
                )
    return problems


def evidence_span(story: str, page: str, evidence: str | dict) -> dict:
    """An evidence span from a pass: an exact quote (as labellers write it) or a span already sealed."""
    if isinstance(evidence, dict):
        return evidence
    return span_of(story, page, evidence)


def evidence_ok(story: str, page: str, text: str, evidence: object) -> bool:
    if isinstance(evidence, dict):
        return sha1(text[evidence["start"] : evidence["end"]]) == evidence.get("sha1")
    return bool(evidence) and isinstance(evidence, str) and evidence in text


def cmd_seal_passes(story: str) -> None:
    """Replace the evidence quotes of every pass file of a story by spans (offsets and SHA-1), so that the pass
    files hold no page text and can be committed."""
    for path in sorted((PASSES / story).glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        pages = data["pages"] if "pages" in data else data
        if not isinstance(pages, dict):
            continue  # disagreements.json, a list, is derived and not committed
        for pid, items in pages.items():
            for item in items.values():
                if isinstance(item, dict) and isinstance(item.get("evidence"), str):
                    item["evidence"] = span_of(story, pid, item["evidence"])
        path.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"sealed {path}")


def load_pass(story: str, labeller: str) -> dict:
    return json.loads((PASSES / story / f"{labeller}.json").read_text(encoding="utf-8"))


def pass_problems(story: str, labeller: str) -> list[str]:
    """What is missing or wrong in one labeller's pass: every coverage and distractor page, every check-worthy
    sentence, a valid label, an exact evidence quote for supports and contradicts, a kind for contradicts."""
    data, labelled = load(story), load_pass(story, labeller)["pages"]
    worthy = [str(x["id"]) for x in data["sentences"] if x["checkworthy"]]
    problems = []
    for page in data["pages"]:
        pid = page["id"]
        text = (CACHE / story / f"{pid}.txt").read_text(encoding="utf-8")
        got = labelled.get(pid, {})
        for sid in worthy:
            item = got.get(sid)
            if not isinstance(item, dict) or item.get("label") not in STANCES:
                problems.append(f"{pid} s{sid}: no label")
                continue
            if item["label"] in ("supports", "contradicts"):
                if not evidence_ok(story, pid, text, item.get("evidence")):
                    problems.append(f"{pid} s{sid}: evidence quote is not an exact substring of the page")
            if item["label"] == "contradicts" and item.get("kind") not in CONTRADICTION_KINDS:
                problems.append(f"{pid} s{sid}: contradiction without a kind (one of {CONTRADICTION_KINDS})")
    return problems


def kappa(a: list[bool], b: list[bool]) -> float | None:
    """Cohen's kappa of two binary labellings of the same items (None when chance agreement is 1)."""
    n = len(a)
    if not n:
        return None
    observed = sum(x == y for x, y in zip(a, b, strict=True)) / n
    pa, pb = sum(a) / n, sum(b) / n
    expected = pa * pb + (1 - pa) * (1 - pb)
    return None if expected == 1 else round((observed - expected) / (1 - expected), 3)


def agreement(story: str) -> dict:
    """Kappa for supports-vs-rest and contradicts-vs-rest between passes A and B, and the disagreements."""
    data, a, b = load(story), load_pass(story, "A")["pages"], load_pass(story, "B")["pages"]
    worthy = [str(x["id"]) for x in data["sentences"] if x["checkworthy"]]
    pairs = [(p["id"], sid) for p in data["pages"] for sid in worthy]
    la = [a[pid][sid]["label"] for pid, sid in pairs]
    lb = [b[pid][sid]["label"] for pid, sid in pairs]
    disagreements = [
        {"page": pid, "sentence": sid, "A": a[pid][sid], "B": b[pid][sid]}
        for (pid, sid), x, y in zip(pairs, la, lb, strict=True)
        if x != y
    ]
    return {
        "pairs": len(pairs),
        "kappa_supports": kappa([x == "supports" for x in la], [y == "supports" for y in lb]),
        "kappa_contradicts": kappa([x == "contradicts" for x in la], [y == "contradicts" for y in lb]),
        "first_pass_contradictions": sum(x == "contradicts" for x in la) + sum(y == "contradicts" for y in lb),
        "disagreements": disagreements,
    }


def cmd_agree(story: str) -> None:
    result = agreement(story)
    out = PASSES / story / "disagreements.json"
    out.write_text(json.dumps(result["disagreements"], indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(
        f"{story}: {result['pairs']} pairs, kappa supports {result['kappa_supports']}, "
        f"contradicts {result['kappa_contradicts']}; {len(result['disagreements'])} disagreements -> {out}"
    )


def cmd_merge(story: str) -> None:
    """Agreed labels as they are; every disagreement as adjudicated (``adjudicated.json``: page -> sentence ->
    {label, kind, evidence, why}); evidence quotes become spans; the agreement figures go into the story file."""
    path = STORIES / f"{story}.json"
    data, a, b = load(story), load_pass(story, "A")["pages"], load_pass(story, "B")["pages"]
    settled = json.loads((PASSES / story / "adjudicated.json").read_text(encoding="utf-8"))
    # a last review of agreed labels against the guide as sharpened after the first passes (page -> sentence ->
    # {label, kind, evidence, why}); optional
    review_path = PASSES / story / "review.json"
    review = json.loads(review_path.read_text(encoding="utf-8")) if review_path.exists() else {}
    reviewed = 0
    worthy = [str(x["id"]) for x in data["sentences"] if x["checkworthy"]]
    result = agreement(story)
    for page in data["pages"]:
        pid = page["id"]
        labels, evidence, kinds = {}, {}, {}
        for sid in worthy:
            if a[pid][sid]["label"] == b[pid][sid]["label"]:
                item = a[pid][sid]
            elif sid in settled.get(pid, {}):
                item = settled[pid][sid]
            else:
                raise SystemExit(f"{story}: {pid} s{sid} is a disagreement with no entry in adjudicated.json")
            if sid in review.get(pid, {}):
                item = review[pid][sid]
                reviewed += 1
            labels[sid] = item["label"]
            if item["label"] in ("supports", "contradicts"):
                evidence[sid] = evidence_span(story, pid, item["evidence"])
            if item["label"] == "contradicts":
                kinds[sid] = item["kind"]
        page["labels"], page["evidence"], page["kinds"] = labels, evidence, kinds
    final = [lab for p in data["pages"] for lab in p["labels"].values()]
    first = {
        (p["id"], sid)
        for p in data["pages"]
        for sid in worthy
        if "contradicts" in (a[p["id"]][sid]["label"], b[p["id"]][sid]["label"])
    }
    kept = sum(p["labels"][sid] == "contradicts" for p in data["pages"] for sid in worthy if (p["id"], sid) in first)
    data["agreement"] = {
        "pairs": result["pairs"],
        "kappa_supports": result["kappa_supports"],
        "kappa_contradicts": result["kappa_contradicts"],
        "disagreements": len(result["disagreements"]),
        "first_pass_contradictions": len(first),
        "first_pass_contradictions_kept": kept,
        "changed_by_review": reviewed,
        "gold_contradictions": sum(x == "contradicts" for x in final),
    }
    path.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{story}: merged; {data['agreement']}")


def stories(names: list[str]) -> list[str]:
    return names or sorted(p.stem for p in STORIES.glob("*.json"))


def cmd_seal(story: str) -> None:
    path = STORIES / f"{story}.json"
    data = load(story)
    for page in data["pages"]:
        cached = CACHE / story / f"{page['id']}.txt"
        if cached.exists():
            page["sha1"] = sha1(cached.read_text(encoding="utf-8"))
    path.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def cmd_check(names: list[str]) -> int:
    bad = 0
    for story in stories(names):
        problems = validate(story)
        print(f"{story}: {'ok' if not problems else f'{len(problems)} problem(s)'}")
        for p in problems:
            print(f"  - {p}")
        bad += bool(problems)
    return 1 if bad else 0


def cmd_stats(names: list[str]) -> None:
    """Per story and overall: pages, languages, supports, contradictions by kind, kappa, and pages whose cached
    text no longer matches the labelled text."""
    total: Counter = Counter()
    kinds_total: Counter = Counter()
    langs_total: Counter = Counter()
    header = (
        f"{'story':<22} {'pages':>5} {'langs':>5} {'supp':>5} {'contra':>6} {'k_sup':>6} {'k_con':>6} "
        f"{'kept':>7} {'stale':>5}"
    )
    print(header)
    for story in stories(names):
        data = load(story)
        pages = data["pages"]
        langs = Counter(p["language"] for p in pages)
        stances = Counter(v for p in pages for v in p["labels"].values())
        kinds = Counter(k for p in pages for k in p.get("kinds", {}).values())
        stale = 0
        for p in pages:
            cached = CACHE / story / f"{p['id']}.txt"
            stale += not cached.exists() or sha1(cached.read_text(encoding="utf-8")) != p.get("sha1")
        agree = data.get("agreement", {})
        # first-pass contradictions (either labeller) that are still contradictions in the gold
        kept = f"{agree['first_pass_contradictions_kept']}/{agree['first_pass_contradictions']}" if agree else "-"
        total.update(
            {"first": agree.get("first_pass_contradictions", 0), "kept": agree.get("first_pass_contradictions_kept", 0)}
        )
        print(
            f"{story:<22} {len(pages):>5} {len(langs):>5} {stances['supports']:>5} {stances['contradicts']:>6} "
            f"{agree.get('kappa_supports', '-')!s:>6} {agree.get('kappa_contradicts', '-')!s:>6} {kept:>7} {stale:>5}"
        )
        print(f"  languages {dict(sorted(langs.items()))}; contradictions by kind {dict(sorted(kinds.items()))}")
        total.update({"pages": len(pages), "supports": stances["supports"], "contradicts": stances["contradicts"]})
        total.update({"stale": stale, "stories": 1})
        kinds_total.update(kinds)
        langs_total.update(langs)
    print(
        f"{'all':<22} {total['pages']:>5} {len(langs_total):>5} {total['supports']:>5} {total['contradicts']:>6} "
        f"{'':>6} {'':>6} {total['kept']:>3}/{total['first']:<3} {total['stale']:>5}   ({total['stories']} stories)"
    )
    kinds_line = dict(sorted(kinds_total.items()))
    print(f"  languages {dict(sorted(langs_total.items()))}; contradictions by kind {kinds_line}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    for name in ("sentences", "seal"):
        p = sub.add_parser(name)
        p.add_argument("story")
    for name in ("agree", "merge", "seal-passes"):
        p = sub.add_parser(name)
        p.add_argument("story")
    p = sub.add_parser("pass-check")
    p.add_argument("story")
    p.add_argument("labeller")
    for name in ("check", "stats"):
        p = sub.add_parser(name)
        p.add_argument("stories", nargs="*")
    p = sub.add_parser("span", help="character span and SHA-1 of an exact quote in a cached page")
    p.add_argument("story")
    p.add_argument("page")
    p.add_argument("quote")
    p = sub.add_parser("hash")
    p.add_argument("files", nargs="+")
    args = parser.parse_args(argv)
    if args.command == "sentences":
        cmd_sentences(args.story)
    elif args.command == "seal":
        cmd_seal(args.story)
    elif args.command == "check":
        return cmd_check(args.stories)
    elif args.command == "stats":
        cmd_stats(args.stories)
    elif args.command == "agree":
        cmd_agree(args.story)
    elif args.command == "merge":
        cmd_merge(args.story)
    elif args.command == "seal-passes":
        cmd_seal_passes(args.story)
    elif args.command == "pass-check":
        problems = pass_problems(args.story, args.labeller)
        print(f"{args.story} {args.labeller}: {'complete' if not problems else f'{len(problems)} problem(s)'}")
        for line in problems[:200]:
            print(f"  - {line}")
        return 1 if problems else 0
    elif args.command == "span":
        print(json.dumps(span_of(args.story, args.page, args.quote)))
    elif args.command == "hash":
        for f in args.files:
            print(sha1(Path(f).read_text(encoding="utf-8")), f)
    return 0


if __name__ == "__main__":
    sys.exit(main())
