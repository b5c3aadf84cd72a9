"""Rebuild the git-ignored page cache of the real-coverage dev sets from the pages' URLs.

    python benchmarks/realcov/rebuild_cache.py [STORY ...]

Each article and page is fetched from its URL and its main text extracted (trafilatura, as ``corroborate`` does);
the text is cut to the length the labels were made on (the page from its beginning, about 2,000 characters) and
written to ``cache/<story>/``. Pages change and extraction differs from the stored copies the labels were made
on: ``labeltool.py check`` compares every text with the SHA-1 in the labels and names those that differ, which
then need their labels reviewed before they are scored. Existing cache files are never overwritten.
"""

from __future__ import annotations

import sys
from pathlib import Path

import httpx

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[1]))

from labeltool import CACHE, load, stories  # noqa: E402

from corroborate.article.extract import extract_html  # noqa: E402
from corroborate.config import DEFAULT_USER_AGENT  # noqa: E402

LENGTH = 2000


def fetch_text(client: httpx.Client, url: str) -> str:
    response = client.get(url, follow_redirects=True)
    response.raise_for_status()
    return extract_html(response.content, url).text[:LENGTH]


def main(argv: list[str]) -> int:
    failed = 0
    with httpx.Client(timeout=30, headers={"User-Agent": DEFAULT_USER_AGENT}) as client:
        for story in stories(argv):
            data = load(story)
            folder = CACHE / story
            folder.mkdir(parents=True, exist_ok=True)
            jobs = [("article", data["article"]["url"])] + [(p["id"], p["url"]) for p in data["pages"]]
            for name, url in jobs:
                path = folder / f"{name}.txt"
                if path.exists():
                    continue
                try:
                    path.write_text(fetch_text(client, url), encoding="utf-8")
                except Exception as exc:  # one page that cannot be fetched does not stop the others
                    failed += 1
                    print(f"{story}/{name}: {url}: {exc}", file=sys.stderr)
    print("now run: python benchmarks/realcov/labeltool.py check", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
