"""Several articles on Ray Data: the pipeline's own stages as Ray Data operations, on this machine or a cluster.

In: article sources (files, URLs) and the configuration. Out: ``(source, Report)`` pairs, or ``(source,
CorroborateError)`` for an article that could not be checked, in the order given, equal to what the local engine
gives for the same articles and coverage (timings and cost counters aside).

The flow, each step a Ray Data operation calling the functions ``corroborate.pipeline`` uses for one article:

1. **read** (CPU tasks): the article and its claims (``pipeline.read_claims``).
2. **discover** (CPU tasks): candidate pages per article (``coverage.discovery.discover``).
3. **corpus**: the candidates of all articles, de-duplicated by address on the driver, are fetched once each and
   extracted (``pipeline.extract_page``), then every document's sentences are encoded by an actor pool that loads
   the encoder once per actor. The corpus is written once as Parquet (``url, outlet, published, title, text,
   sentences, embeddings, status, reason, document``) in ``corpus_dir``; a re-run, or another node, with the same
   folder reads a page from there instead of fetching it again.
4. **assess** (an actor pool, the encoder and judge loaded once per actor, on GPUs when ``[match] device`` names
   one): matching, judging, provenance and scoring per article (``pipeline.assess``), with the article's own view of
   each page (how it was found, under which outlet) and the corpus's vectors.

Politeness across workers: every network request of a batch (article URLs, feeds, sitemaps, searches and pages) goes
through a small set of async *fetch actors*, and each host belongs to exactly one of them (by a hash of the host
name). One actor per host keeps that host's robots.txt, its request spacing and its concurrency limit in one
``Fetcher``, whatever the number of workers asking; several hosts share an actor because a fetch actor spends its
time waiting on the network, not computing. A grouped fetch stage (one task per host after discovery) was the
alternative: it would leave discovery's own requests (one feed read by every article's discovery) uncoordinated.
Listing pages (feeds, sitemaps, searches) and article URLs are remembered by their actor for the batch, so a feed
shared by a hundred articles is read once.

Faults: a task or actor call that raises something other than a ``CorroborateError`` is retried by Ray (up to
``RETRIES`` times); a ``CorroborateError`` (an unreadable article, a broken source) is that article's result and the
batch goes on. Ray is imported only here, and only when this engine runs.
"""

from __future__ import annotations

import asyncio
import contextlib
import io
import json
import logging
import os
import pickle
import time
import zlib
from collections.abc import Callable, Iterator
from dataclasses import asdict, replace
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

import numpy as np

from .config import Config
from .coverage.cache import default_cache_dir, open_cache, text_key
from .exceptions import ConfigError, CorroborateError, InputError
from .models import Candidate, Document, Page, Progress, Report, RunStats, Sentence

__all__ = ["RETRIES", "check_many_ray", "corpus_ids", "read_corpus"]

#: how many times Ray runs a task again after it raised (or its worker died)
RETRIES = 3
#: fetch actors per batch: hosts are spread over them, each host on exactly one
FETCH_ACTORS = 4
#: environment variable naming a folder: while it holds a file ``armed``, the first read task to see it renames it to
#: ``fired`` and raises, so that the retry path can be exercised on a real Ray runtime
FAULT_ONCE = "CORROBORATE_RAY_FAULT_ONCE"


def check_many_ray(
    sources: list[str],
    config: Config,
    *,
    address: str | None = None,
    workers: int | None = None,
    corpus_dir: Path | None = None,
    progress: Progress | None = None,
    on_report: Callable[[str, Report], None] | None = None,
) -> Iterator[tuple[str, object]]:
    """Check ``sources`` on Ray Data and yield ``(source, report or CorroborateError)`` in the order given.

    ``address`` joins a running cluster (``ray://host:10001`` or ``host:6379``); without it a local Ray runtime is
    started with ``workers`` CPUs (all of this machine's by default) and stopped at the end. ``corpus_dir`` keeps the
    Parquet corpus (default: ``<cache dir>/corpus``; a temporary folder with ``--no-cache``). ``on_report`` is
    called with each report as it is finished, in whatever order the workers finish them.
    """
    if "-" in sources:
        raise InputError("standard input (-) cannot be read by the Ray engine; save the article to a file")
    ray = _import_ray()
    progress = progress or Progress()
    started_here = not ray.is_initialized()
    if started_here:
        _start(ray, address, workers)
    try:
        yield from _run(ray, sources, config, corpus_dir, progress, on_report)
    finally:
        if started_here:
            ray.shutdown()


def _import_ray():
    try:
        import ray
        import ray.data
    except ImportError as exc:
        raise ConfigError(
            "--engine ray needs the Ray extra: pip install 'corroborate[ray]' (or use --engine local)"
        ) from exc
    return ray


def _start(ray, address: str | None, workers: int | None) -> None:
    options: dict = {"include_dashboard": False, "log_to_driver": False, "configure_logging": False}
    _quiet()
    try:
        with contextlib.redirect_stderr(io.StringIO()):  # its start-up notices
            if address:
                ray.init(address=address, **options)
            else:
                ray.init(num_cpus=workers or os.cpu_count() or 1, **options)
    except Exception as exc:  # ConnectionError, RuntimeError, ValueError: Ray's own
        where = f"the Ray cluster at {address}" if address else "a local Ray runtime"
        raise ConfigError(f"cannot start {where}: {exc}; check --ray-address, or use --engine local") from exc


def _run(ray, sources: list[str], config: Config, corpus_dir: Path | None, progress: Progress, on_report=None):
    import ray.data

    _quiet()
    if config.match.device.startswith("cuda") and not ray.cluster_resources().get("GPU"):
        raise ConfigError(
            f"[match] device is '{config.match.device}' but the Ray cluster has no GPU; set [match] device = "
            '"cpu", or join a cluster with GPUs (--ray-address)',
            key="device",
        )
    config = config.replace()  # without its cached outlet registry: small enough to travel inline to the workers
    context = ray.data.DataContext.get_current()
    context.enable_progress_bars = False
    with contextlib.suppress(AttributeError):
        context.print_on_execution_start = False
    # a UDF that raises (anything but a CorroborateError, which the stages turn into the article's result) is run
    # again, in tasks and in actors
    context.max_map_retries = RETRIES
    context.retried_map_errors = True
    context.actor_task_retry_on_errors = True
    shards = [_fetch_actor(ray).remote(config) for _ in range(FETCH_ACTORS)]
    total = len(sources)

    progress.stage("reading articles and discovering coverage", total=total)
    rows = [{"index": i, "source": s} for i, s in enumerate(sources)]
    articles = (
        ray.data.from_items(rows, override_num_blocks=max(1, total))
        .map(_read, fn_kwargs={"config": config, "shards": shards})
        .map(_discover, fn_kwargs={"config": config, "shards": shards})
        .materialize()
    )
    states: dict[int, dict] = {}
    for row in articles.iter_rows():
        states[row["index"]] = pickle.loads(row["state"])
        progress.advance()

    folder = corpus_dir or _default_corpus_dir(config)
    folder.mkdir(parents=True, exist_ok=True)
    stored = corpus_ids(folder)
    wanted: dict[tuple, list[str | None]] = {}
    first: dict[tuple, Candidate] = {}
    for i in range(total):
        for candidate in states[i].get("candidates", []):
            key = _fetch_key(candidate)
            first.setdefault(key, candidate)
            outlets = wanted.setdefault(key, [])
            if candidate.outlet not in outlets:
                outlets.append(candidate.outlet)
    todo = [
        {"key": pickle.dumps(key), "outlets": pickle.dumps(outlets), "candidate": pickle.dumps(first[key])}
        for key, outlets in wanted.items()
        if any(_corpus_id(key, outlet) not in stored for outlet in outlets)
    ]
    progress.stage(f"fetching and extracting {len(todo)} pages ({len(wanted) - len(todo)} in the corpus)")
    if todo:
        encoders = max(1, min(_cpus(ray), len(todo)))
        corpus = (
            ray.data.from_items(todo, override_num_blocks=max(1, min(len(todo), 4 * _cpus(ray))))
            .map(_fetch_and_extract, fn_kwargs={"config": config, "shards": shards})
            .flat_map(lambda row: pickle.loads(row["rows"]))
            .materialize()  # fetching done before the encoders take the CPUs
            .map_batches(
                _EncodeStage,
                fn_constructor_args=(config,),
                batch_size=32,
                batch_format="pyarrow",
                compute=ray.data.ActorPoolStrategy(size=encoders),
                **_device_args(config),
            )
        )
        # each batch writes its own subfolder: earlier batches' pages stay readable beside it
        corpus.write_parquet(str(folder / f"batch-{time.time_ns()}"))
    for shard in shards:
        ray.kill(shard)

    progress.stage("matching, judging and scoring", total=total)
    jobs = []
    for i in range(total):
        state = states[i]
        if "error" in state:
            continue
        ids = sorted({_corpus_id(_fetch_key(c), c.outlet) for c in state["candidates"]})
        jobs.append({"index": i, "state": pickle.dumps(state), "ids": ids})
    results: dict[int, object] = {}
    if jobs:
        assessed = ray.data.from_items(jobs, override_num_blocks=len(jobs)).map_batches(
            _AssessStage,
            fn_constructor_args=(config, str(folder)),
            batch_size=1,
            compute=ray.data.ActorPoolStrategy(size=max(1, min(_cpus(ray), len(jobs)))),
            **_device_args(config),
        )
        for row in assessed.iter_rows():
            index = int(row["index"])
            results[index] = pickle.loads(row["report"])
            if on_report is not None:
                on_report(sources[index], results[index])
            progress.advance()
    for i, source in enumerate(sources):
        state = states[i]
        yield source, (_error(state) if "error" in state else results[i])


def _quiet() -> None:
    """Ray's own notices (start-up, executor progress) stay off the terminal the report is written to."""
    logging.getLogger("ray").setLevel(logging.WARNING)
    logging.getLogger("ray.data").setLevel(logging.ERROR)


class _Transient(Exception):
    """An error worth running the task again for (Ray retries only these, and worker deaths)."""


def _cpus(ray) -> int:
    return max(1, int(ray.cluster_resources().get("CPU", 1)))


def _device_args(config: Config) -> dict:
    """GPU actors when ``[match] device`` asks for CUDA and the cluster has GPUs."""
    return {"num_gpus": 1} if config.match.device.startswith("cuda") else {}


def _default_corpus_dir(config: Config) -> Path:
    if not config.use_cache:
        import tempfile

        return Path(tempfile.mkdtemp(prefix="corroborate-corpus-"))
    return (config.cache_dir or default_cache_dir()) / "corpus"


def _fetch_key(candidate: Candidate) -> tuple:
    """What makes two candidates the same fetch: the address (without fragment), or the archive record."""
    return (urldefrag(candidate.url)[0], candidate.path, candidate.offset, candidate.allow_private)


def _corpus_id(key: tuple, outlet: str | None) -> str:
    """A document's id in the corpus: the fetch and the outlet it is read for (the outlet names the document)."""
    return text_key(json.dumps([*key, outlet]))


def _fault_once() -> None:
    folder = os.environ.get(FAULT_ONCE)
    if not folder:
        return
    try:
        os.rename(os.path.join(folder, "armed"), os.path.join(folder, "fired"))  # atomic: one task wins
    except OSError:
        return
    raise _Transient(f"fault injected once ({FAULT_ONCE})")


def _failed(exc: CorroborateError) -> dict:
    """An article's error as plain data (some errors do not survive pickling with their arguments)."""
    return {"error": (str(exc), exc.exit_code)}


def _error(state: dict) -> InputError:
    message, code = state["error"]
    error = InputError(message)
    error.exit_code = code
    return error


class _Hosts:
    """The fetcher seen by the pipeline's stages inside a Ray task: each request goes to its host's fetch actor."""

    def __init__(self, shards) -> None:
        self.shards = shards

    async def fetch(self, candidate: Candidate) -> Page:
        host = (urlsplit(candidate.url).hostname or "") if not candidate.path else (candidate.path or "")
        shard = self.shards[zlib.crc32(host.encode("utf-8", "replace")) % len(self.shards)]
        return await shard.fetch.remote(candidate)


def _fetch_actor(ray):
    @ray.remote(num_cpus=0, max_restarts=RETRIES, max_task_retries=RETRIES)
    class FetchActor:
        """One ``Fetcher`` (with its robots.txt, spacing and limits) for the hosts that hash to this actor."""

        def __init__(self, config: Config) -> None:
            from .coverage.fetch import Fetcher

            self.cache = open_cache(config)
            self.fetcher = Fetcher(config.fetch, self.cache, offline=config.offline)
            self.entered = False
            self.remembered: dict[tuple, asyncio.Future] = {}

        async def fetch(self, candidate: Candidate) -> Page:
            if not self.entered:
                await self.fetcher.__aenter__()
                self.entered = True
            if not (candidate.listing or candidate.found_by == "article"):
                return await self.fetcher.fetch(candidate)
            key = (candidate.url, candidate.allow_private, candidate.listing)
            if key not in self.remembered:
                self.remembered[key] = asyncio.ensure_future(self.fetcher.fetch(candidate))
            return replace(await self.remembered[key], candidate=candidate)

    return FetchActor


def _read(row: dict, *, config: Config, shards) -> dict:
    """Ray Data map (CPU task): an article source -> its article, claims and skipped sentences (or the error)."""
    from .pipeline import read_claims

    _fault_once()
    try:
        article, claims, skipped = asyncio.run(read_claims(row["source"], config, _Hosts(shards)))
        state: dict = {"article": article, "claims": claims, "skipped": skipped}
    except CorroborateError as exc:
        state = _failed(exc)
    return {"index": row["index"], "source": row["source"], "state": pickle.dumps(state)}


def _discover(row: dict, *, config: Config, shards) -> dict:
    """Ray Data map (CPU task): an article's claims -> the candidate pages for it and the sources that failed."""
    from .coverage.discovery import discover

    state = pickle.loads(row["state"])
    if "error" not in state:
        try:
            clock = time.perf_counter()
            candidates, failures = asyncio.run(discover(config, state["article"], state["claims"], _Hosts(shards)))
            state.update(candidates=candidates, failures=failures, discovery=time.perf_counter() - clock)
        except CorroborateError as exc:
            state = _failed(exc)
    return {**row, "state": pickle.dumps(state)}


def _fetch_and_extract(row: dict, *, config: Config, shards) -> dict:
    """Ray Data map (CPU task): one address -> its page fetched once, extracted once per outlet it was found for."""
    from .pipeline import extract_page

    candidate: Candidate = pickle.loads(row["candidate"])
    key = pickle.loads(row["key"])
    page = asyncio.run(_Hosts(shards).fetch(candidate))
    cache = open_cache(config)
    out = []
    try:
        for outlet in pickle.loads(row["outlets"]):
            item = extract_page(replace(page, candidate=replace(candidate, outlet=outlet)), config, cache, RunStats())
            doc = item.document
            out.append(
                {
                    "id": _corpus_id(key, outlet),
                    "url": doc.url if doc else candidate.url,
                    "outlet": doc.outlet if doc else outlet,
                    "published": doc.published if doc else None,
                    "title": doc.title if doc else None,
                    "text": doc.text if doc else "",
                    "sentences": [s.text for s in doc.sentences] if doc else [],
                    "status": item.status,
                    "reason": item.reason,
                    "fetched_ok": page.status == "ok",
                    "document": json.dumps(asdict(doc), ensure_ascii=False) if doc else "",
                }
            )
    finally:
        cache.close()
    return {"rows": pickle.dumps(out)}


def _texts(row: dict) -> list[str]:
    """The texts of a corpus document that matching and the topic check embed: title and sentences."""
    return [t for t in [row["title"] or "", *row["sentences"]] if t.strip()]


class _EncodeStage:
    """Ray Data actor: corpus rows -> the same rows with one vector per text (model loaded once per actor)."""

    def __init__(self, config: Config) -> None:
        from .evidence.match import Encoder

        self.encoder = Encoder.from_config(config, open_cache(config))

    def __call__(self, batch):
        import pyarrow as pa

        rows = batch.to_pylist()  # Arrow in and out: a missing value stays None (numpy would make it NaN)
        texts = [_texts(r) for r in rows]
        flat = [t for ts in texts for t in ts]
        vectors = self.encoder.embed(flat) if flat else np.zeros((0, 0), dtype=np.float32)
        at = 0
        for row, ts in zip(rows, texts, strict=True):
            row["embeddings"] = vectors[at : at + len(ts)].astype(np.float32).tolist()
            at += len(ts)
        return pa.Table.from_pylist(rows)


def _corpus_files(folder: Path) -> list[str]:
    return [str(p) for p in sorted(Path(folder).glob("batch-*/*.parquet"))]


def corpus_ids(folder: Path) -> set[str]:
    """The documents the Parquet corpus in ``folder`` holds, by id; a failed fetch is not held (it is tried again
    by the next batch that needs the page)."""
    import pyarrow.parquet as pq

    ids: set[str] = set()
    for path in _corpus_files(folder):
        table = pq.read_table(path, columns=["id", "status"])
        pairs = zip(table["id"].to_pylist(), table["status"].to_pylist(), strict=True)
        ids.update(i for i, status in pairs if status != "error")
    return ids


def read_corpus(folder: Path, ids: list[str] | None = None) -> dict[str, dict]:
    """Rows of the Parquet corpus in ``folder`` (all, or those of ``ids``), by id; a later batch's row wins."""
    import pyarrow.dataset as pads

    files = _corpus_files(folder)
    if not files:
        return {}
    dataset = pads.dataset(files, format="parquet")
    table = dataset.to_table(filter=pads.field("id").isin(ids)) if ids is not None else dataset.to_table()
    return {row["id"]: row for row in table.to_pylist()}  # files in batch order: later rows overwrite earlier ones


def _document(row: dict) -> Document | None:
    if not row["document"]:
        return None
    data = json.loads(row["document"])
    data["sentences"] = [Sentence(**s) for s in data["sentences"]]
    return Document(**data)


class _AssessStage:
    """Ray Data actor: one article with its corpus entries -> its report (encoder and judge loaded once)."""

    def __init__(self, config: Config, folder: str) -> None:
        from .evidence.judge import JudgeModel
        from .evidence.match import Encoder

        self.config, self.folder = config, Path(folder)
        self.cache = open_cache(config)
        self.encoder = Encoder.from_config(config, self.cache)
        self.judge = JudgeModel.from_config(config, self.cache)

    def __call__(self, batch: dict) -> dict:
        from .pipeline import Fetched, assess

        reports = []
        for state_bytes, ids in zip(batch["state"], batch["ids"], strict=True):
            state, corpus = pickle.loads(state_bytes), read_corpus(self.folder, list(ids))
            known = {}
            for row in corpus.values():
                for text, vector in zip(_texts(row), row.get("embeddings") or [], strict=False):
                    known[text_key(text)] = np.asarray(vector, dtype=np.float32)
            self.encoder.know(known)
            fetched = []
            stats = RunStats(candidates=len(state["candidates"]))
            for candidate in state["candidates"]:
                row = corpus[_corpus_id(_fetch_key(candidate), candidate.outlet)]
                stats.fetched += bool(row["fetched_ok"])
                fetched.append(Fetched(candidate, row["status"], row["reason"], _document(row)))
            stats.seconds["discovery"] = round(state.get("discovery", 0.0), 4)
            report = assess(
                state["article"],
                state["claims"],
                state["skipped"],
                fetched,
                list(state["failures"]),
                self.config,
                self.cache,
                Progress(),
                self.encoder,
                stats,
                self.judge,
            )
            self.encoder.know({})
            reports.append(pickle.dumps(report))
        return {"index": list(batch["index"]), "report": reports}
