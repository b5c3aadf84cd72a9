"""The ``corroborate`` command line: parse arguments, call the library, print. No logic of its own.

Exit codes (``corroborate.verdicts.gate``): 0 done and thresholds met; 1 done but a threshold failed (or, for ``diff
--fail-on-worse``, a claim got worse); 2 bad usage, configuration or input; 3 nothing could be checked (no source
could be fetched or read). Over several articles the worst code wins.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import tempfile
from pathlib import Path

from . import __version__
from .exceptions import CorroborateError, InputError
from .models import Progress
from .verdicts.gate import EXIT_FAILED_THRESHOLD, EXIT_NOTHING_CHECKED, EXIT_OK, EXIT_USAGE

__all__ = ["EXIT_FAILED_THRESHOLD", "EXIT_NOTHING_CHECKED", "EXIT_OK", "EXIT_USAGE", "FORMAT_CHOICES", "main"]

#: report formats, in the order --help lists them (the keys of ``corroborate.reports.formats.FORMATS``)
FORMAT_CHOICES = ["text", "json", "markdown", "html", "junit", "github", "sarif", "claimreview"]
DIFF_FORMATS = ["text", "json", "markdown"]

_EPILOG = """exit codes:
  0  done and thresholds met
  1  done, but --fail-under or --min-sources failed
  2  bad usage, bad configuration, or unreadable input
  3  nothing could be checked (no source could be fetched or read)
With several articles the worst code wins (2, then 3, then 1).
"""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse exits 2 too; add the hint
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\nRun '{self.prog} --help' for the options.\n")


def _build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="corroborate",
        description="Check a news article's claims against independent coverage.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"corroborate {__version__}")
    parser.add_argument("-v", "--verbose", action="count", default=0, help="log more (repeat for debug)")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    check = sub.add_parser(
        "check",
        help="check one article or several",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    check.add_argument(
        "article",
        nargs="+",
        help="a .txt, .md or .html file, an http(s):// URL, or - for stdin; several of them, folders "
        "or quoted globs ('drafts/**/*.md') check each one and add a summary of all",
    )
    check.add_argument("--sources", type=Path, help="sources file (default ./sources.toml, else the packaged one)")
    check.add_argument("--format", choices=FORMAT_CHOICES, default="text")
    _output_options(check)
    check.add_argument(
        "--fail-under", type=float, metavar="SCORE", help="exit 1 when the article score is below SCORE (0..1)"
    )
    check.add_argument(
        "--min-sources",
        type=int,
        metavar="N",
        help="exit 1 when a check-worthy claim has fewer than N independent supporting sources, or is "
        "conflicting or contradicted",
    )
    check.add_argument(
        "--fail-on",
        metavar="VERDICT[,VERDICT...]",
        help="exit 1 when a claim has one of these verdicts or flags, e.g. contradicted,conflicting,misattributed",
    )
    check.add_argument(
        "--published",
        metavar="DATE",
        help="the article's publication date (YYYY-MM-DD), set or overriding what the article says",
    )
    _overrides_option(check)
    check.add_argument("--cache-dir", type=Path, help="cache folder (default: the user cache directory)")
    check.add_argument("--no-cache", action="store_true", help="neither read nor write the cache")
    check.add_argument("--offline", action="store_true", help="fetch nothing; use archives and cached pages only")
    check.add_argument(
        "--engine",
        choices=["local", "ray"],
        default="local",
        help="local: this process (default); ray: the same stages on Ray Data (pip install 'corroborate[ray]')",
    )
    check.add_argument(
        "--ray-address",
        metavar="ADDRESS",
        help="with --engine ray, join the Ray cluster at ADDRESS (e.g. ray://head:10001) instead of starting one",
    )
    check.add_argument(
        "--workers", type=int, metavar="N", help="with --engine ray and no address, CPUs of the local Ray runtime"
    )
    _backend_option(check)
    _claimreview_options(check)

    report = sub.add_parser("report", help="re-render a saved JSON report in another format, without re-checking")
    report.add_argument("file", type=Path, help="a report written by 'corroborate check --format json'")
    report.add_argument("--format", choices=FORMAT_CHOICES, default="text")
    _overrides_option(report)
    _output_options(report)
    _claimreview_options(report)

    diff = sub.add_parser(
        "diff",
        help="what changed between two JSON reports of one article",
        description="Claims that changed verdict or gained or lost independent sources since the "
        "last check. Exit 1 with --fail-on-worse when a claim got worse.",
    )
    diff.add_argument("old", type=Path, help="the earlier JSON report")
    diff.add_argument("new", type=Path, help="the later JSON report")
    diff.add_argument("--format", choices=DIFF_FORMATS, default="text")
    diff.add_argument("-o", "--output", type=Path, help="write the diff to this file (atomically)")
    _overrides_option(diff)
    diff.add_argument(
        "--fail-on-worse",
        action="store_true",
        help="exit 1 when a claim's verdict got worse "
        "(corroborated > single-source or partly > uncorroborated > contradicted)",
    )

    evaluate = sub.add_parser("eval", help="score the pipeline against labeled data")
    evaluate.add_argument(
        "kind",
        choices=["claims", "pairs", "corpus"],
        help="claims: check-worthiness on a JSONL sentence set; pairs: stance on a JSONL pair "
        "set; corpus: the fixture corpus gold",
    )
    evaluate.add_argument(
        "file",
        type=Path,
        nargs="?",
        help="labeled file (default fixtures/eval/claims.jsonl, fixtures/eval/pairs.jsonl or fixtures/gold.json)",
    )
    evaluate.add_argument("--threshold", type=float, default=0.5, help="check-worthiness threshold (claims)")
    evaluate.add_argument("--verbose-errors", action="store_true", help="list every misclassified item")
    _backend_option(evaluate)

    assess = sub.add_parser(
        "assess",
        help="judge claim/text pairs from a JSONL file",
        description='Read lines {"id", "claim", "text"} or {"id", "claim", '
        '"url"} and write lines {"id", "stance", "score", "evidence"}.',
    )
    assess.add_argument("pairs", help="JSONL file of pairs, or - for standard input")
    assess.add_argument("-o", "--output", type=Path, help="write the JSONL results here (atomically)")
    assess.add_argument("--sources", type=Path, help="sources file, for fetch limits and the model")
    assess.add_argument("--cache-dir", type=Path, help="cache folder (default: the user cache directory)")
    assess.add_argument("--no-cache", action="store_true", help="neither read nor write the cache")
    _backend_option(assess)

    sources = sub.add_parser("sources", help="what corroborate knows about news outlets")
    actions = sources.add_subparsers(dest="action", required=True, parser_class=_Parser)
    show = actions.add_parser(
        "show",
        help="print an outlet of the registry or the sources file: name, aliases, domains, owner, wire, language",
    )
    show.add_argument(
        "outlet", metavar="NAME-OR-DOMAIN", help='an outlet name, short form or domain ("NBC", "efe.com")'
    )
    show.add_argument("--sources", type=Path, help="sources file whose outlets extend the registry")
    show.add_argument("--format", choices=["text", "json"], default="text")
    probe = actions.add_parser(
        "check",
        help="fetch each outlet's feeds, sitemaps, one search and URLs, and say what each yields; exit 1 if an "
        "outlet yields nothing",
    )
    probe.add_argument("--sources", type=Path, help="sources file (default ./sources.toml, else the packaged one)")
    probe.add_argument("--format", choices=["text", "json"], default="text")

    cache = sub.add_parser("cache", help="inspect, verify or clear the cache")
    cache.add_argument(
        "action", choices=["stats", "verify", "clear"], help="verify: list damaged rows (exit 1 if there are any)"
    )
    cache.add_argument("--repair", action="store_true", help="with verify: delete the damaged rows")
    cache.add_argument("--cache-dir", type=Path)
    return parser


def _overrides_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--overrides",
        type=Path,
        metavar="FILE",
        help="an editor's decisions (TOML): accept, reject or note a claim or a page, with who and why",
    )


def _backend_option(parser: argparse.ArgumentParser) -> None:
    from .config import ENCODER_BACKENDS

    parser.add_argument(
        "--backend",
        choices=list(ENCODER_BACKENDS),
        help="how sentences are embedded (default: [match] backend, else torch); the onnx backends "
        "need pip install 'corroborate-news[onnx]'",
    )


def _with_backend(config, backend: str | None):
    """``config`` with ``--backend`` applied over ``[match] backend``."""
    import dataclasses

    if backend is None:
        return config
    return config.replace(match=dataclasses.replace(config.match, backend=backend))


def _output_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        help="write the report to this file (atomically); for several articles, the combined one",
    )
    parser.add_argument(
        "--output-dir",
        type=Path,
        metavar="FOLDER",
        help="write one report per article into FOLDER, plus summary.json (and index.html for "
        "--format html); print the summary table",
    )


def _claimreview_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("ClaimReview (--format claimreview)")
    group.add_argument("--author", help="organization publishing the reviews (default: corroborate)")
    group.add_argument("--author-url", help="its http(s) home page")
    group.add_argument("--review-url", help="http(s) page that will host the reviews; each gets #claim-<id>")


def _render_options(args: argparse.Namespace) -> dict:
    from .reports.common import http_url

    for flag, value in (("--author-url", args.author_url), ("--review-url", args.review_url)):
        if value is not None and http_url(value) is None:
            raise _usage(f"{flag} must be an absolute http(s) URL, got {value!r}")
    if args.format != "claimreview":
        return {}
    return {"author": args.author, "author_url": args.author_url, "review_url": args.review_url}


def _say_sources_file(config) -> None:
    """One line on stderr naming the sources file chosen without --sources: always for the packaged default, and for
    ./sources.toml unless CI is set."""
    from .config import PACKAGED_SOURCES

    packaged = config.path is not None and config.path.resolve() == PACKAGED_SOURCES.resolve()
    if os.environ.get("CI") and not packaged:
        return
    n = len(config.outlets)
    where = "the packaged sources file" if packaged else "./sources.toml"
    hint = "; give --sources FILE or put a sources.toml here to choose the outlets" if packaged else ""
    print(f"corroborate: using {where} ({n} outlet{'s' if n != 1 else ''}): {config.path}{hint}", file=sys.stderr)


def _load_overrides(path: Path | None):
    from .verdicts.overrides import load_overrides

    return load_overrides(path) if path is not None else None


def _fail_on(value: str | None) -> tuple[str, ...]:
    from .verdicts.gate import parse_fail_on

    if value is None:
        return ()
    try:
        return parse_fail_on(value)
    except ValueError as exc:
        raise _usage(f"--fail-on: {exc}") from None


def _published(value: str | None) -> str | None:
    import datetime as dt

    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        raise _usage(f"--published must be a date as YYYY-MM-DD, got {value!r}") from None


def _configure_logging(verbose: int) -> None:
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)


def _interactive() -> bool:
    return sys.stderr.isatty() and not os.environ.get("CI")


def _run_check(args: argparse.Namespace) -> int:
    from .batch import expand_articles, is_batch
    from .config import default_sources_path, load_config

    if args.fail_under is not None and not 0 <= args.fail_under <= 1:
        raise _usage(f"--fail-under must be between 0 and 1, got {args.fail_under}")
    if args.min_sources is not None and args.min_sources < 0:
        raise _usage(f"--min-sources must be 0 or more, got {args.min_sources}")
    args.fail_on = _fail_on(args.fail_on)
    args.published = _published(args.published)
    args.overrides = _load_overrides(args.overrides)
    options = _render_options(args)
    _check_output(args.output, args.output_dir)
    batch = is_batch(args.article) or args.output_dir is not None
    if batch:
        _check_batch_output(args.format, args.output, args.output_dir)
    articles = expand_articles(args.article)
    if args.output_dir is not None:
        _check_collisions(articles, args.format, args.output_dir)
    config = load_config(args.sources or default_sources_path())
    if args.sources is None:
        _say_sources_file(config)
    config = config.replace(
        cache_dir=args.cache_dir, use_cache=not args.no_cache, offline=args.offline, published=args.published
    )
    config = _with_backend(config, args.backend)
    if args.engine != "ray" and (args.ray_address or args.workers is not None):
        raise _usage("--ray-address and --workers apply to --engine ray")
    if args.workers is not None and args.workers < 1:
        raise _usage(f"--workers must be 1 or more, got {args.workers}")
    progress = None
    if _interactive():
        progress = RichProgress()
    elif args.engine == "ray" and os.environ.get("CI"):
        progress = JsonLinesProgress()
    try:
        if batch or args.engine == "ray":
            return _check_many(articles, config, args, options, progress)
        return _check_one(articles[0], config, args, options, progress)
    finally:
        if progress is not None:
            progress.close()


def _check_one(article: str, config, args: argparse.Namespace, options: dict, progress) -> int:
    from .batch import Entry
    from .pipeline import check
    from .reports.formats import render
    from .reports.json import report_to_dict
    from .reports.saved import render_dict
    from .verdicts.gate import gate
    from .verdicts.overrides import apply_overrides

    report = check(article, config, progress=progress)
    data = report_to_dict(report)
    if args.overrides is not None:
        data = apply_overrides(data, args.overrides)
        options = options or {}
    _emit(
        render_dict(data, args.format, **options) if options or args.overrides else render(report, args.format),
        args.output,
    )
    _step_summary(args.format, [Entry(article, data=data)])
    code, messages = gate(data, fail_under=args.fail_under, min_sources=args.min_sources, fail_on=args.fail_on)
    for message in messages:
        print(f"corroborate: {message}", file=sys.stderr)
    return code


def _check_many(articles: list[str], config, args: argparse.Namespace, options: dict, progress) -> int:
    from .batch import Entry, check_many, forget_finished, is_batch
    from .exceptions import InputError
    from .reports.json import report_to_dict
    from .reports.saved import render_dict
    from .verdicts.gate import gate, worst
    from .verdicts.overrides import apply_overrides

    entries = []
    results = check_many(
        articles,
        config,
        progress=progress,
        engine=args.engine,
        ray_address=args.ray_address,
        workers=args.workers,
        resume=args.output_dir,
    )
    for source, result in results:
        if isinstance(result, InputError):
            print(f"corroborate: error: {result}", file=sys.stderr)
            entries.append(Entry(source, error=str(result), exit_code=result.exit_code))
            continue
        data = result if isinstance(result, dict) else report_to_dict(result)  # a dict: kept by an interrupted run
        data = apply_overrides(data, args.overrides) if args.overrides else data
        code, messages = gate(data, fail_under=args.fail_under, min_sources=args.min_sources, fail_on=args.fail_on)
        for message in messages:
            print(f"corroborate: {source}: {message}", file=sys.stderr)
        entries.append(Entry(source, data=data, exit_code=code, messages=messages))
    if len(articles) == 1 and not is_batch(args.article) and args.output_dir is None:  # --engine ray, one article
        entry = entries[0]
        if entry.data is None:
            raise InputError(entry.error or "the article could not be checked")
        _emit(render_dict(entry.data, args.format, **options), args.output)
        _step_summary(args.format, entries)
        return entry.exit_code
    _emit_batch(entries, args.format, args.output, args.output_dir, options, inputs=articles)
    if args.output_dir is not None:
        forget_finished(args.output_dir)
    _step_summary(args.format, entries)
    return worst(e.exit_code for e in entries)


def _check_batch_output(fmt: str, output: Path | None, output_dir: Path | None) -> None:
    """Fail before any work when the output asked for cannot hold several reports."""
    if output is not None and output_dir is not None:
        raise _usage("give --output (one combined report) or --output-dir (one report per article), not both")
    if output_dir is None and fmt == "html":
        raise _usage("--format html for several articles writes one page per article; give --output-dir FOLDER")
    if output_dir is not None and output_dir.exists() and not output_dir.is_dir():
        raise _usage(f"{output_dir}: is a file; --output-dir names a folder for one report per article")


def _check_collisions(articles: list[str], fmt: str, folder: Path) -> None:
    from .batch import Entry, outputs_collide, report_file_names

    entries = [Entry(a) for a in articles]
    report_file_names(entries, fmt)
    clash = outputs_collide(entries, folder, articles)
    if clash:
        raise _usage(f"{clash}: the report would overwrite an article; choose another --output-dir")


def _step_summary(fmt: str, entries: list) -> None:
    """With ``--format github`` in a GitHub Actions job, append a Markdown summary to ``$GITHUB_STEP_SUMMARY``."""
    from .reports.github import render_step_summary

    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if fmt != "github" or not target:
        return
    reports = [e.data for e in entries if e.data is not None]
    failed = [(e.source, e.error) for e in entries if e.data is None]
    try:
        with open(target, "a", encoding="utf-8") as handle:
            handle.write(render_step_summary(reports, failed))
    except OSError as exc:
        print(f"corroborate: cannot write the job summary to {target} ({exc.strerror})", file=sys.stderr)


def _check_output(output: Path | None = None, output_dir: Path | None = None) -> None:
    """Refuse, before any work, an output the report could not be written to: a folder given as a file, a path
    below a regular file, a folder that cannot be created or written."""
    for path, is_dir in ((output, False), (output_dir, True)):
        if path is None:
            continue
        folder = path if is_dir else path.parent
        if not is_dir and path.is_dir():
            raise _usage(f"{path}: is a folder; give a file name for --output")
        if is_dir and path.exists() and not path.is_dir():
            raise _usage(f"{path}: is a file; --output-dir names a folder for one report per article")
        existing = folder
        while not existing.exists() and existing != existing.parent:
            existing = existing.parent
        flag = "--output-dir" if is_dir else "--output"
        if not existing.is_dir():
            raise _usage(f"{path}: {existing} is a file, so nothing can be written below it; fix {flag}")
        try:  # a real probe: permission bits say nothing for root, or on /proc and read-only mounts
            with tempfile.TemporaryFile(dir=existing):
                pass
        except OSError as exc:
            raise _usage(
                f"{path}: cannot write in {existing} ({exc.strerror or exc}); give a {flag} you can write to"
            ) from None


def _emit(text: str, output: Path | None) -> None:
    from .reports.formats import write_atomic

    if output:
        try:
            write_atomic(output, text)
            return
        except OSError as exc:
            # checked up front, yet the write failed (full disk, a folder removed meanwhile): the report is not lost
            print(
                f"corroborate: cannot write {output} ({exc.strerror or exc}); the report follows on standard output",
                file=sys.stderr,
            )
    sys.stdout.write(text)


def _emit_batch(
    entries: list, fmt: str, output: Path | None, output_dir: Path | None, options: dict, *, inputs: list[str]
) -> None:
    """Several reports: one combined document (stdout or ``output``), or one file per article in ``output_dir``
    plus ``summary.json`` (and ``index.html`` for HTML), with the summary table on stdout."""
    from .batch import batch_dict, render_batch, render_summary_table, report_file_names
    from .reports.formats import write_atomic
    from .reports.html import render_html_index
    from .reports.saved import render_dict

    _check_batch_output(fmt, output, output_dir)
    if output_dir is None:
        _emit(render_batch(entries, fmt, **options), output)
        return
    _check_collisions(inputs, fmt, output_dir)
    report_file_names(entries, fmt)
    for entry in entries:
        if entry.data is not None:
            write_atomic(output_dir / entry.file, render_dict(entry.data, fmt, **options))
    summary = batch_dict(entries, with_reports=False)
    write_atomic(output_dir / "summary.json", json.dumps(summary, indent=2, ensure_ascii=False) + "\n")
    if fmt == "html":
        write_atomic(output_dir / "index.html", render_html_index(summary))
    sys.stdout.write(render_summary_table(entries))


def _run_report(args: argparse.Namespace) -> int:
    from .batch import Entry, entries_from_batch
    from .reports.saved import BATCH_SCHEMA, load_json, render_dict
    from .verdicts.overrides import apply_overrides

    _check_output(args.output, args.output_dir)
    data = load_json(args.file)
    if data["schema"] == BATCH_SCHEMA and not data["reports"] and not data.get("articles"):
        raise InputError(
            f"{args.file}: a saved batch with no articles (its 'reports' list is empty), so there is nothing to "
            "render; give a report written by a run that checked at least one article"
        )
    options = _render_options(args)
    overrides = _load_overrides(args.overrides)
    if overrides is not None:
        if data["schema"] == BATCH_SCHEMA:
            data["reports"] = [apply_overrides(r, overrides) for r in data["reports"]]
        else:
            data = apply_overrides(data, overrides)
    if data["schema"] == BATCH_SCHEMA or args.output_dir is not None:
        entries = (
            entries_from_batch(data)
            if data["schema"] == BATCH_SCHEMA
            else [Entry(data["article"]["source"], data=data)]
        )
        _emit_batch(entries, args.format, args.output, args.output_dir, options, inputs=[])
    else:
        entries = [Entry(data["article"]["source"], data=data)]
        _emit(render_dict(data, args.format, **options), args.output)
    _step_summary(args.format, entries)
    return EXIT_OK


def _run_diff(args: argparse.Namespace) -> int:
    from .reports.diff import diff_reports, render_diff
    from .reports.saved import BATCH_SCHEMA, load_json
    from .verdicts.overrides import apply_overrides

    _check_output(args.output)
    overrides = _load_overrides(args.overrides)
    old, new = load_json(args.old), load_json(args.new)
    for path, data in ((args.old, old), (args.new, new)):
        if data["schema"] == BATCH_SCHEMA:
            raise _usage(
                f"{path}: holds several articles; diff compares two reports of one article (write them "
                "with 'corroborate check ARTICLE --format json')"
            )
    if overrides is not None:
        old, new = apply_overrides(old, overrides), apply_overrides(new, overrides)
    diff = diff_reports(old, new)
    _emit(render_diff(diff, args.format), args.output)
    if args.fail_on_worse and diff.worse:
        print(
            f"corroborate: {len(diff.worse)} claims got worse: "
            + ", ".join(f"{c.new_id} ({c.old_verdict} -> {c.new_verdict})" for c in diff.worse),
            file=sys.stderr,
        )
        return EXIT_FAILED_THRESHOLD
    return EXIT_OK


def _run_eval(args: argparse.Namespace) -> int:
    from .evidence.evaluate import evaluate_claims, evaluate_corpus, load_gold

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
    if args.kind == "pairs":
        from .config import Config
        from .evidence.evaluate import evaluate_pairs
        from .evidence.match import Encoder

        config = _with_backend(Config(), args.backend)
        score = evaluate_pairs(
            args.file or Path("fixtures/eval/pairs.jsonl"), Encoder.from_config(config), config.match
        )
        print(f"{'stance':<12} {'precision':>9} {'recall':>7} {'f1':>6}")
        for label, (precision, recall, f1) in score.per_class().items():
            print(f"{label:<12} {precision:>9.3f} {recall:>7.3f} {f1:>6.3f}")
        print(f"macro-F1: {score.macro_f1:.3f}")
        if args.verbose_errors:
            for item_id, gold, predicted in score.errors:
                print(f"  {item_id}: {gold} judged {predicted}")
        return EXIT_OK
    from .config import load_config
    from .pipeline import check
    from .reports.json import report_to_dict

    gold_path = args.file or Path("fixtures/gold.json")
    folder = gold_path.parent
    config = _with_backend(load_config(folder / "sources.toml"), args.backend)
    report = check(str(Path("seeds/000_892844bb6acea099.txt")), config)
    score = evaluate_corpus(report_to_dict(report), load_gold(gold_path), folder / "pages")
    print(
        f"gold supports found: {len(score.found)}/{len(score.found) + len(score.missed)} "
        f"(recall {score.support_recall:.3f})"
    )
    print(f"support precision:   {score.support_precision:.3f}")
    print(
        f"contradictions found: {len(score.contradictions_found)}; "
        f"reported as support: {len(score.contradiction_as_support)}"
    )
    for key, page in score.missed:
        print(f"  missed: {page} for '{key}'")
    for key, page, label in score.false_support:
        print(f"  extra support: {page} ({label}) for '{key}'")
    return EXIT_OK


def _run_assess(args: argparse.Namespace) -> int:
    import json

    from .config import Config, load_config
    from .evidence.assess import assess_file
    from .reports.formats import write_atomic

    config = load_config(args.sources) if args.sources else Config()
    config = config.replace(cache_dir=args.cache_dir, use_cache=not args.no_cache)
    config = _with_backend(config, args.backend)
    if args.pairs == "-":
        lines = sys.stdin.read().splitlines()
    else:
        try:
            lines = Path(args.pairs).read_text(encoding="utf-8").splitlines()
        except OSError as exc:
            raise _usage(f"{args.pairs}: cannot read the pairs file ({exc.strerror}); check the path") from exc
    results = assess_file(lines, config, source=args.pairs)
    text = "".join(json.dumps(r.to_dict(), ensure_ascii=False) + "\n" for r in results)
    if args.output:
        write_atomic(args.output, text)
    else:
        sys.stdout.write(text)
    return EXIT_OK


def _run_sources(args: argparse.Namespace) -> int:
    import json

    from .config import default_sources_path, load_config
    from .outlets import fold

    config = load_config(args.sources or default_sources_path())
    if args.action == "check":
        from .coverage.sources_check import check_sources, render_checks

        checks = check_sources(config)
        sys.stdout.write(render_checks(checks, args.format))
        return EXIT_FAILED_THRESHOLD if any(c.yields == 0 for c in checks) else EXIT_OK
    registry = config.registry()
    outlet = registry.lookup(args.outlet)
    if outlet is None:
        wanted = fold(args.outlet)
        close = sorted({o.name for o in registry.outlets if wanted and wanted in fold(o.name)})[:8]
        hint = f"; names containing it: {', '.join(close)}" if close else ""
        raise _usage(
            f"no outlet named {args.outlet!r} in the registry ({len(registry)} outlets) or {config.path}{hint}; "
            "add it as an [[outlet]] of your sources file to teach it"
        )
    if args.format == "json":
        print(json.dumps(outlet.to_dict(), indent=2, ensure_ascii=False))
        return EXIT_OK
    same_group = [o.name for o in registry.outlets if o.origin_key == outlet.origin_key and o.name != outlet.name]
    rows = [
        ("name", outlet.name),
        ("aliases", ", ".join(outlet.aliases) or "-"),
        ("domains", ", ".join(outlet.domains) or "-"),
        ("group", outlet.group or outlet.name),
        ("same group", ", ".join(same_group) or "-"),
        ("wire", "yes" if outlet.wire else "no"),
        ("language", outlet.language or "-"),
        ("country", outlet.country or "-"),
        ("from", f"{config.path} (sources file)" if outlet.configured else f"registry; facts: {outlet.source}"),
    ]
    for key, value in rows:
        print(f"{key + ':':<12}{value}")
    return EXIT_OK


def _run_cache(args: argparse.Namespace) -> int:
    from .coverage.cache import Cache, default_cache_dir
    from .evidence.onnx_encoder import clear_exports, export_stats

    folder = args.cache_dir or default_cache_dir()
    cache = Cache(folder)
    try:
        if args.action == "clear":
            cache.clear()
            clear_exports(folder / "models")
            print(f"cleared {cache.path} and the model exports in {folder / 'models'}")
        elif args.action == "verify":
            from .evidence.match import declared_dimension

            damaged = cache.verify(lambda model: declared_dimension(model.rsplit("@", 1)[0]), repair=args.repair)
            for table, n in damaged.items():
                print(f"{table}: {n} damaged" + (", deleted" if n and args.repair else ""))
            print(f"path: {cache.path}")
            return EXIT_FAILED_THRESHOLD if any(damaged.values()) and not args.repair else EXIT_OK
        else:
            for key, value in {**cache.stats(), **export_stats(folder / "models")}.items():
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
        if args.command == "report":
            return _run_report(args)
        if args.command == "diff":
            return _run_diff(args)
        if args.command == "eval":
            return _run_eval(args)
        if args.command == "assess":
            return _run_assess(args)
        if args.command == "sources":
            return _run_sources(args)
        return _run_cache(args)
    except CorroborateError as exc:
        print(f"corroborate: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("corroborate: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())


class JsonLinesProgress(Progress):
    """Progress for CI logs: one JSON line on standard error per finished stage (name, items done, seconds)."""

    def __init__(self) -> None:
        self._name: str | None = None
        self._done = 0
        self._started = 0.0

    def stage(self, name: str, total: int | None = None) -> None:
        import time

        self.close()
        self._name, self._done, self._started = name, 0, time.perf_counter()

    def advance(self, n: int = 1) -> None:
        self._done += n

    def close(self) -> None:
        import time

        if self._name is not None:
            line = {"stage": self._name, "done": self._done, "seconds": round(time.perf_counter() - self._started, 2)}
            print(json.dumps(line), file=sys.stderr, flush=True)
        self._name = None


class RichProgress(Progress):
    """Progress on an interactive terminal, drawn with rich on standard error (imported only when drawn)."""

    def __init__(self) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, SpinnerColumn, TextColumn, TimeElapsedColumn
        from rich.progress import Progress as Bar

        self._progress = Bar(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=Console(stderr=True),
            transient=True,
        )
        self._progress.start()
        self._task = None

    def stage(self, name: str, total: int | None = None) -> None:
        if self._task is not None:
            self._progress.update(self._task, completed=self._progress.tasks[-1].total or 0)
        self._task = self._progress.add_task(name, total=total)

    def advance(self, n: int = 1) -> None:
        if self._task is not None:
            self._progress.advance(self._task, n)

    def note(self, message: str) -> None:
        if self._task is not None:
            self._progress.update(self._task, description=message)

    def close(self) -> None:
        self._progress.stop()
