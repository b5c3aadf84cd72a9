"""The ``corroborate`` command line: parse arguments, call the library, print. No logic of its own.

Exit codes: 0 done and thresholds met; 1 done but a threshold failed; 2 bad usage, configuration or input;
3 nothing could be checked (no source could be fetched or read).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

from . import __version__
from .exceptions import CorroborateError

__all__ = ["EXIT_FAILED_THRESHOLD", "EXIT_NOTHING_CHECKED", "EXIT_OK", "EXIT_USAGE", "main"]

EXIT_OK = 0
EXIT_FAILED_THRESHOLD = 1
EXIT_USAGE = 2
EXIT_NOTHING_CHECKED = 3

_EPILOG = """exit codes:
  0  done and thresholds met
  1  done, but --fail-under or --min-sources failed
  2  bad usage, bad configuration, or unreadable input
  3  nothing could be checked (no source could be fetched or read)
"""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse exits 2 too; add the hint
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\nRun '{self.prog} --help' for the options.\n")


def _build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="corroborate", description="Check a news article's claims against independent coverage.",
                     epilog=_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"corroborate {__version__}")
    parser.add_argument("-v", "--verbose", action="count", default=0, help="log more (repeat for debug)")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    check = sub.add_parser("check", help="check an article", epilog=_EPILOG,
                           formatter_class=argparse.RawDescriptionHelpFormatter)
    check.add_argument("article", help="a .txt, .md or .html file, an http(s):// URL, or - for stdin")
    check.add_argument("--sources", type=Path, help="sources file (default ./sources.toml, else the packaged one)")
    check.add_argument("--format", choices=["text", "json", "markdown"], default="text")
    check.add_argument("-o", "--output", type=Path, help="write the report to this file (atomically)")
    check.add_argument("--fail-under", type=float, metavar="SCORE",
                       help="exit 1 when the article score is below SCORE (0..1)")
    check.add_argument("--min-sources", type=int, metavar="N",
                       help="exit 1 when a check-worthy claim has fewer than N independent supporting sources")
    check.add_argument("--cache-dir", type=Path, help="cache folder (default: the user cache directory)")
    check.add_argument("--no-cache", action="store_true", help="neither read nor write the cache")
    check.add_argument("--offline", action="store_true", help="fetch nothing; use archives and cached pages only")

    evaluate = sub.add_parser("eval", help="score the pipeline against labeled data")
    evaluate.add_argument("kind", choices=["claims", "corpus"],
                          help="claims: check-worthiness on a JSONL sentence set; corpus: the fixture corpus gold")
    evaluate.add_argument("file", type=Path, nargs="?",
                          help="labeled file (default fixtures/eval/claims.jsonl or fixtures/gold.json)")
    evaluate.add_argument("--threshold", type=float, default=0.5, help="check-worthiness threshold (claims)")
    evaluate.add_argument("--verbose-errors", action="store_true", help="list every misclassified item")

    cache = sub.add_parser("cache", help="inspect or clear the cache")
    cache.add_argument("action", choices=["stats", "clear"])
    cache.add_argument("--cache-dir", type=Path)
    return parser


def _configure_logging(verbose: int) -> None:
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)


def _interactive() -> bool:
    return sys.stderr.isatty() and not os.environ.get("CI")


def _run_check(args: argparse.Namespace) -> int:
    from .config import default_sources_path, load_config
    from .pipeline import check
    from .report import render, write_atomic

    if args.fail_under is not None and not 0 <= args.fail_under <= 1:
        raise _usage(f"--fail-under must be between 0 and 1, got {args.fail_under}")
    if args.min_sources is not None and args.min_sources < 0:
        raise _usage(f"--min-sources must be 0 or more, got {args.min_sources}")
    config = load_config(args.sources or default_sources_path())
    config = config.replace(cache_dir=args.cache_dir, use_cache=not args.no_cache, offline=args.offline)
    progress = None
    if _interactive():
        from ._progress import RichProgress

        progress = RichProgress()
    try:
        report = check(args.article, config, progress=progress)
    finally:
        if progress is not None:
            progress.close()
    text = render(report, args.format)
    if args.output:
        write_atomic(args.output, text)
    else:
        sys.stdout.write(text)
    if report.summary.sources_ok == 0 or (all(r.verdict == "not-checkable" for r in report.claims) and report.claims):
        print("corroborate: nothing could be checked: no coverage source could be fetched or read "
              "(see the failed sources in the report)", file=sys.stderr)
        return EXIT_NOTHING_CHECKED
    failed = False
    if args.fail_under is not None and report.summary.score < args.fail_under:
        print(f"corroborate: article score {report.summary.score:.2f} is below --fail-under {args.fail_under}",
              file=sys.stderr)
        failed = True
    if args.min_sources is not None:
        short = [r.claim.id for r in report.claims if r.independent_sources < args.min_sources]
        if short:
            print(f"corroborate: {len(short)} claims have fewer than {args.min_sources} independent sources: "
                  + ", ".join(short), file=sys.stderr)
            failed = True
    return EXIT_FAILED_THRESHOLD if failed else EXIT_OK


def _run_eval(args: argparse.Namespace) -> int:
    from .evaluate import evaluate_claims, evaluate_corpus, load_gold

    if args.kind == "claims":
        score = evaluate_claims(args.file or Path("fixtures/eval/claims.jsonl"), args.threshold)
        print(f"sentences: {score.tp + score.fp + score.fn + score.tn}  check-worthy (gold): {score.tp + score.fn}")
        print(f"precision: {score.precision:.3f}")
        print(f"recall:    {score.recall:.3f}")
        print(f"f1:        {score.f1:.3f}")
        if args.verbose_errors:
            for item_id, kind, value, reason in score.errors:
                print(f"  {item_id}: {kind} (score {value:.2f}, {reason})")
        return EXIT_OK
    from .config import load_config
    from .pipeline import check
    from .report import report_to_dict

    gold_path = args.file or Path("fixtures/gold.json")
    folder = gold_path.parent
    report = check(str(Path("seeds/000_892844bb6acea099.txt")), load_config(folder / "sources.toml"))
    score = evaluate_corpus(report_to_dict(report), load_gold(gold_path), folder / "pages")
    print(f"gold supports found: {len(score.found)}/{len(score.found) + len(score.missed)} "
          f"(recall {score.support_recall:.3f})")
    print(f"support precision:   {score.support_precision:.3f}")
    print(f"contradictions found: {len(score.contradictions_found)}; "
          f"reported as support: {len(score.contradiction_as_support)}")
    for key, page in score.missed:
        print(f"  missed: {page} for '{key}'")
    for key, page, label in score.false_support:
        print(f"  extra support: {page} ({label}) for '{key}'")
    return EXIT_OK


def _run_cache(args: argparse.Namespace) -> int:
    from .cache import Cache, default_cache_dir

    cache = Cache(args.cache_dir or default_cache_dir())
    try:
        if args.action == "clear":
            cache.clear()
            print(f"cleared {cache.path}")
        else:
            for key, value in cache.stats().items():
                print(f"{key}: {value}")
            print(f"path: {cache.path}")
    finally:
        cache.close()
    return EXIT_OK


class _UsageError(CorroborateError):
    pass


def _usage(message: str) -> _UsageError:
    return _UsageError(message)


def main(argv: list[str] | None = None) -> int:
    args = _build_parser().parse_args(argv)
    _configure_logging(args.verbose)
    try:
        if args.command == "check":
            return _run_check(args)
        if args.command == "eval":
            return _run_eval(args)
        return _run_cache(args)
    except CorroborateError as exc:
        print(f"corroborate: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("corroborate: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
