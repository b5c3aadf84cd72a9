"""Build and validate the real-coverage label files (``benchmarks/realcov/stories/<story>.json``).

The label files hold labels, URLs, outlets and notes only. The page texts they refer to live in the git-ignored
cache ``benchmarks/realcov/cache/<story>/`` (``article.txt`` and one ``<page id>.txt`` per page), each the text of
the page from its beginning as it stood when it was labelled; every label file records the SHA-1 of each cached
text, so a rebuilt cache that differs is reported rather than silently scored.

    python benchmarks/realcov/labeltool.py sentences STORY   # number the article's sentences, write the skeleton
    python benchmarks/realcov/labeltool.py seal STORY         # record the SHA-1 of every cached page text
    python benchmarks/realcov/labeltool.py check [STORY ...]  # validate labels against the cache
    python benchmarks/realcov/labeltool.py stats [STORY ...]  # counts per label and language

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
    return problems


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
    for story in stories(names):
        data = load(story)
        worthy = sum(s["checkworthy"] for s in data["sentences"])
        langs = Counter(p["language"] for p in data["pages"])
        kinds = Counter(p["kind"] for p in data["pages"])
        stances = Counter(v for p in data["pages"] for v in p["labels"].values())
        origins = Counter(p.get("origin") or "-" for p in data["pages"])
        print(f"{story}: {len(data['sentences'])} sentences, {worthy} check-worthy; pages {dict(kinds)}")
        print(f"  languages {dict(langs)}")
        print(f"  labels {dict(stances)}")
        print(f"  origins {dict(origins)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    for name in ("sentences", "seal"):
        p = sub.add_parser(name)
        p.add_argument("story")
    for name in ("check", "stats"):
        p = sub.add_parser(name)
        p.add_argument("stories", nargs="*")
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
    elif args.command == "hash":
        for f in args.files:
            print(sha1(Path(f).read_text(encoding="utf-8")), f)
    return 0


if __name__ == "__main__":
    sys.exit(main())
