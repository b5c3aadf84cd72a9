"""One SQLite file (WAL) holding fetched pages with their HTTP validators, extracted documents, embeddings and
the judge's judgments.

The cache is an optimization only: deleting it changes no verdict. A corrupt file is moved aside and rebuilt, and
every row is checked when it is read: a vector must have its model's dimension and finite values, a judgment four
finite probabilities, a document a complete record, a page bytes. A row that fails is treated as missing (so it is
computed again and replaced), counted, and reported once when the cache is closed; ``verify`` finds the same rows
without running a check.
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
import sqlite3
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, fields
from pathlib import Path

import numpy as np

from ..article.extract import Extracted
from ..config import Config
from ..exceptions import CacheError

__all__ = [
    "CACHE_FILENAME",
    "JUDGMENT_LABELS",
    "TABLES",
    "Cache",
    "CachedPage",
    "default_cache_dir",
    "open_cache",
    "text_key",
]

logger = logging.getLogger(__name__)

CACHE_FILENAME = "cache.sqlite3"
#: the layout of the tables below; a file of another version is moved aside and rebuilt
SCHEMA_VERSION = 3
_COLUMNS = {
    "pages": ["url", "etag", "last_modified", "content_type", "final_url", "body", "fetched_at"],
    "documents": ["key", "json"],
    "embeddings": ["model", "hash", "dim", "vector"],
    "judgments": ["judge", "hash", "probs"],
}
#: the tables whose rows are checked on read, in the order ``verify`` reports them
TABLES = ("pages", "documents", "embeddings", "judgments")
#: the judge's labels (unrelated, mentions, supports, contradicts): the length of every stored judgment
JUDGMENT_LABELS = 4
#: a judgment's probabilities must add up to 1 within this
PROBABILITY_TOLERANCE = 1e-3
_DOCUMENT_FIELDS = {f.name for f in fields(Extracted)}
BUSY_TIMEOUT_MS = 30_000
_SCHEMA = """
CREATE TABLE IF NOT EXISTS pages (
    url TEXT PRIMARY KEY, etag TEXT, last_modified TEXT, content_type TEXT, final_url TEXT,
    body BLOB NOT NULL, fetched_at REAL NOT NULL);
CREATE TABLE IF NOT EXISTS documents (key TEXT PRIMARY KEY, json TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS embeddings (
    model TEXT NOT NULL, hash TEXT NOT NULL, dim INTEGER NOT NULL, vector BLOB NOT NULL, PRIMARY KEY (model, hash));
CREATE TABLE IF NOT EXISTS judgments (
    judge TEXT NOT NULL, hash TEXT NOT NULL, probs BLOB NOT NULL, PRIMARY KEY (judge, hash));
"""


def default_cache_dir() -> Path:
    """The per-user cache directory (platformdirs), e.g. ~/.cache/corroborate on Linux."""
    import platformdirs

    return Path(platformdirs.user_cache_dir("corroborate", appauthor=False))


def text_key(text: str | bytes) -> str:
    """Stable content hash used as a cache key."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    return hashlib.blake2b(data, digest_size=16).hexdigest()


@dataclass(slots=True, frozen=True)
class CachedPage:
    url: str
    body: bytes
    etag: str | None
    last_modified: str | None
    content_type: str | None
    final_url: str | None
    fetched_at: float = 0.0


class Cache:
    """Thread-safe access to the cache file; ``Cache(None)`` is a cache that stores nothing."""

    def __init__(self, directory: Path | None) -> None:
        self.path = directory / CACHE_FILENAME if directory else None
        self._lock = threading.Lock()
        self._db: sqlite3.Connection | None = None
        #: damaged rows met (and so computed again) since the cache was opened, by table
        self.replaced: Counter[str] = Counter()
        if self.path is not None:
            self._db = self._open()

    def _open(self) -> sqlite3.Connection:
        assert self.path is not None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise CacheError(
                f"cannot create cache directory {self.path.parent} ({exc.strerror}); "
                "pass --cache-dir with a writable folder or --no-cache"
            ) from exc
        try:
            return self._connect()
        except sqlite3.DatabaseError as exc:
            aside = self.path.with_name(f"{self.path.name}.corrupt-{int(time.time())}")
            logger.warning(
                "cache file %s cannot be used, damaged or made by an older version (%s); "
                "moved it to %s and starting a new one",
                self.path,
                exc,
                aside,
            )
            for suffix in ("", "-wal", "-shm"):
                src = Path(f"{self.path}{suffix}")
                if src.exists():
                    src.replace(Path(f"{aside}{suffix}"))
            try:
                return self._connect()
            except sqlite3.DatabaseError as again:
                raise CacheError(f"cannot open cache {self.path}: {again}; pass --no-cache") from again

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False, isolation_level=None)
        try:
            db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            db.execute("PRAGMA journal_mode = WAL")
            db.execute("PRAGMA synchronous = NORMAL")
            # one writer at a time sets up a new file, so a concurrent run never sees it half made
            db.execute("BEGIN IMMEDIATE")
            try:
                version = db.execute("PRAGMA user_version").fetchone()[0]
                tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
                if version not in (0, SCHEMA_VERSION) or (version == 0 and tables & set(_COLUMNS)):
                    raise sqlite3.DatabaseError(f"schema version {version}, expected {SCHEMA_VERSION}")
                for statement in _SCHEMA.split(";"):
                    if statement.strip():
                        db.execute(statement)
                db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
                db.execute("COMMIT")
            except BaseException:
                try:
                    db.execute("ROLLBACK")
                except sqlite3.Error:
                    pass  # no transaction was open
                raise
            for table, columns in _COLUMNS.items():
                found = [row[1] for row in db.execute(f"PRAGMA table_info({table})")]
                if found != columns:
                    raise sqlite3.DatabaseError(f"table {table} has columns {found}, expected {columns}")
            check = db.execute("PRAGMA quick_check").fetchone()[0]
            if check != "ok":
                raise sqlite3.DatabaseError(f"quick_check: {check}")
        except sqlite3.DatabaseError:
            db.close()
            raise
        return db

    @property
    def enabled(self) -> bool:
        return self._db is not None

    def close(self) -> None:
        """Close the file, first reporting (once) the damaged rows this run replaced."""
        if self.replaced:
            counts = ", ".join(f"{n} {table}" for table, n in sorted(self.replaced.items()))
            logger.warning(
                "cache %s: %d damaged rows were computed again and replaced (%s); "
                "'corroborate cache verify' lists what remains",
                self.path,
                sum(self.replaced.values()),
                counts,
            )
            self.replaced.clear()
        if self._db is not None:
            self._db.close()
            self._db = None

    def _damaged(self, table: str, n: int = 1) -> None:
        self.replaced[table] += n

    # pages -------------------------------------------------------------------------------------------------
    def get_page(self, url: str) -> CachedPage | None:
        if self._db is None:
            return None
        with self._lock:
            row = self._db.execute(
                "SELECT url, body, etag, last_modified, content_type, final_url, fetched_at FROM pages WHERE url = ?",
                (url,),
            ).fetchone()
        if not row:
            return None
        if not _page_ok(row):
            logger.debug("cache %s: a damaged page row for %s is ignored", self.path, url)
            self._damaged("pages")
            return None
        url, body, etag, modified, ctype, final, fetched = row
        return CachedPage(url, body, etag, modified, ctype, final, fetched)

    def put_page(self, page: CachedPage) -> None:
        if self._db is None:
            return
        with self._lock:
            self._db.execute(
                "INSERT OR REPLACE INTO pages VALUES (?, ?, ?, ?, ?, ?, ?)",
                (page.url, page.etag, page.last_modified, page.content_type, page.final_url, page.body, time.time()),
            )

    # documents ---------------------------------------------------------------------------------------------
    def get_document(self, key: str) -> dict | None:
        """The extracted document stored under ``key``, parsed and checked (``None``: missing or damaged)."""
        if self._db is None:
            return None
        with self._lock:
            row = self._db.execute("SELECT json FROM documents WHERE key = ?", (key,)).fetchone()
        if not row:
            return None
        data = _document(row[0])
        if data is None:
            self._damaged("documents")
        return data

    def put_document(self, key: str, payload: str) -> None:
        if self._db is None:
            return
        with self._lock:
            self._db.execute("INSERT OR REPLACE INTO documents VALUES (?, ?)", (key, payload))

    # embeddings --------------------------------------------------------------------------------------------
    def get_vectors(self, model: str, hashes: list[str], dim: int) -> dict[str, np.ndarray]:
        """The stored vectors of ``model`` for ``hashes`` that have ``dim`` finite float32 values."""
        found: dict[str, np.ndarray] = {}
        for h, row_dim, blob in self._rows("SELECT hash, dim, vector FROM embeddings", "model", model, hashes):
            vector = _vector(row_dim, blob, dim)
            if vector is None:
                self._damaged("embeddings")
            else:
                found[h] = vector
        return found

    def put_vectors(self, model: str, vectors: list[tuple[str, np.ndarray]]) -> None:
        """Store float32 vectors of ``model``, each with its dimension."""
        if self._db is None or not vectors:
            return
        rows = [(model, h, int(v.shape[0]), np.asarray(v, dtype=np.float32).tobytes()) for h, v in vectors]
        self._write([("INSERT OR REPLACE INTO embeddings VALUES (?, ?, ?, ?)", rows)])

    # judgments ---------------------------------------------------------------------------------------------
    def get_judgments(self, judge: str, hashes: list[str], labels: int) -> dict[str, np.ndarray]:
        """The stored probabilities of ``judge`` for ``hashes``: ``labels`` finite values in [0, 1] adding to 1."""
        found: dict[str, np.ndarray] = {}
        for h, blob in self._rows("SELECT hash, probs FROM judgments", "judge", judge, hashes):
            probs = _probabilities(blob, labels)
            if probs is None:
                self._damaged("judgments")
            else:
                found[h] = probs
        return found

    def put_judgments(self, judge: str, rows: list[tuple[str, np.ndarray]]) -> None:
        if self._db is None or not rows:
            return
        self._write(
            [
                (
                    "INSERT OR REPLACE INTO judgments VALUES (?, ?, ?)",
                    [(judge, h, np.asarray(p, dtype=np.float32).tobytes()) for h, p in rows],
                )
            ]
        )

    def _rows(self, select: str, column: str, value: str, hashes: list[str]) -> list[tuple]:
        if self._db is None or not hashes:
            return []
        out: list[tuple] = []
        with self._lock:
            for i in range(0, len(hashes), 500):
                chunk = hashes[i : i + 500]
                marks = ",".join("?" * len(chunk))
                out.extend(self._db.execute(f"{select} WHERE {column} = ? AND hash IN ({marks})", (value, *chunk)))
        return out

    def _write(self, statements: list[tuple[str, list[tuple]]]) -> None:
        assert self._db is not None
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                for sql, rows in statements:
                    self._db.executemany(sql, rows)
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise

    # maintenance -------------------------------------------------------------------------------------------
    def stats(self) -> dict[str, int]:
        if self._db is None:
            return {}
        with self._lock:
            counts = {t: self._db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}
        counts["bytes"] = self.path.stat().st_size if self.path and self.path.exists() else 0
        return counts

    def verify(self, dimension: Callable[[str], int | None] | None = None, *, repair: bool = False) -> dict[str, int]:
        """Damaged rows per table, found by the same checks a run makes on read, without running a check.

        ``dimension`` gives the dimension of a model's vectors from its cache id (``None`` where the model is not
        at hand: its rows are then checked against the dimension they state). ``repair`` deletes damaged rows, for
        a later run to compute again."""
        if self._db is None:
            return dict.fromkeys(TABLES, 0)
        dims: dict[str, int | None] = {}
        with self._lock:
            bad: dict[str, list[tuple]] = {t: [] for t in TABLES}
            for row in self._db.execute(
                "SELECT url, body, etag, last_modified, content_type, final_url, fetched_at FROM pages"
            ):
                if not _page_ok(row):
                    bad["pages"].append((row[0],))
            for key, payload in self._db.execute("SELECT key, json FROM documents"):
                if _document(payload) is None:
                    bad["documents"].append((key,))
            for model, h, row_dim, blob in self._db.execute("SELECT model, hash, dim, vector FROM embeddings"):
                if model not in dims:
                    dims[model] = dimension(model) if dimension else None
                dim = dims[model] or (row_dim if isinstance(row_dim, int) and row_dim > 0 else 0)
                if not dim or _vector(row_dim, blob, dim) is None:
                    bad["embeddings"].append((model, h))
            for judge, h, blob in self._db.execute("SELECT judge, hash, probs FROM judgments"):
                if _probabilities(blob, JUDGMENT_LABELS) is None:
                    bad["judgments"].append((judge, h))
        if repair:
            self._write(
                [
                    ("DELETE FROM pages WHERE url = ?", bad["pages"]),
                    ("DELETE FROM documents WHERE key = ?", bad["documents"]),
                    ("DELETE FROM embeddings WHERE model = ? AND hash = ?", bad["embeddings"]),
                    ("DELETE FROM judgments WHERE judge = ? AND hash = ?", bad["judgments"]),
                ]
            )
        return {t: len(rows) for t, rows in bad.items()}

    def clear(self) -> None:
        if self._db is None:
            return
        with self._lock:
            self._db.executescript("".join(f"DELETE FROM {t};" for t in TABLES))
            self._db.execute("VACUUM")


def _page_ok(row: tuple) -> bool:
    _url, body, etag, modified, ctype, final, fetched = row
    texts_ok = all(v is None or isinstance(v, str) for v in (etag, modified, ctype, final))
    return isinstance(body, bytes) and isinstance(fetched, int | float) and math.isfinite(fetched) and texts_ok


def _document(payload: object) -> dict | None:
    """A stored document parsed and checked against the fields of ``Extracted``; ``None`` if damaged."""
    if not isinstance(payload, str):
        return None
    try:
        data = json.loads(payload)
    except ValueError:
        return None
    if not isinstance(data, dict) or set(data) != _DOCUMENT_FIELDS:
        return None
    if not isinstance(data["text"], str) or not data["text"].strip():
        return None
    if any(data[k] is not None and not isinstance(data[k], str) for k in ("title", "date", "site_name", "url")):
        return None
    links = data["links"]
    if not isinstance(links, list) or not all(isinstance(link, str) for link in links):
        return None
    return data


def _vector(row_dim: object, blob: object, dim: int) -> np.ndarray | None:
    """The float32 vector in ``blob`` if the row says ``dim``, holds ``dim`` values and all are finite."""
    if row_dim != dim or not isinstance(blob, bytes) or len(blob) != 4 * dim:
        return None
    vector = np.frombuffer(blob, dtype=np.float32)
    return vector if np.isfinite(vector).all() and vector.any() else None


def _probabilities(blob: object, labels: int) -> np.ndarray | None:
    if not isinstance(blob, bytes) or len(blob) != 4 * labels:
        return None
    probs = np.frombuffer(blob, dtype=np.float32)
    if not np.isfinite(probs).all() or (probs < 0).any() or (probs > 1).any():
        return None
    return probs if abs(float(probs.sum()) - 1.0) <= PROBABILITY_TOLERANCE else None


def open_cache(config: Config) -> Cache:
    """The cache the configuration asks for (a no-op cache with ``use_cache=False``)."""
    if not config.use_cache:
        return Cache(None)
    return Cache(config.cache_dir or default_cache_dir())
