"""One SQLite file (WAL) holding fetched pages with their HTTP validators, extracted documents and embeddings.

The cache is an optimization only: deleting it changes no verdict. A corrupt file is moved aside and rebuilt.
"""

from __future__ import annotations

import hashlib
import logging
import sqlite3
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from ..config import Config
from ..exceptions import CacheError

__all__ = ["CACHE_FILENAME", "Cache", "CachedPage", "default_cache_dir", "open_cache", "text_key"]

logger = logging.getLogger(__name__)

CACHE_FILENAME = "cache.sqlite3"
#: the layout of the tables below; a file of another version is moved aside and rebuilt
SCHEMA_VERSION = 2
_COLUMNS = {
    "pages": ["url", "etag", "last_modified", "content_type", "final_url", "body", "fetched_at"],
    "documents": ["key", "json"],
    "embeddings": ["model", "hash", "vector"],
}
BUSY_TIMEOUT_MS = 30_000
_SCHEMA = """
CREATE TABLE IF NOT EXISTS pages (
    url TEXT PRIMARY KEY, etag TEXT, last_modified TEXT, content_type TEXT, final_url TEXT,
    body BLOB NOT NULL, fetched_at REAL NOT NULL);
CREATE TABLE IF NOT EXISTS documents (key TEXT PRIMARY KEY, json TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS embeddings (
    model TEXT NOT NULL, hash TEXT NOT NULL, vector BLOB NOT NULL, PRIMARY KEY (model, hash));
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
        if self._db is not None:
            self._db.close()
            self._db = None

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
        url, body, etag, modified, ctype, final, fetched = row
        texts_ok = all(v is None or isinstance(v, str) for v in (etag, modified, ctype, final))
        if not isinstance(body, bytes) or not isinstance(fetched, int | float) or not texts_ok:
            logger.warning("cache %s: a damaged page row for %s is ignored", self.path, url)
            return None
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
    def get_document(self, key: str) -> str | None:
        if self._db is None:
            return None
        with self._lock:
            row = self._db.execute("SELECT json FROM documents WHERE key = ?", (key,)).fetchone()
        return row[0] if row and isinstance(row[0], str) else None

    def put_document(self, key: str, payload: str) -> None:
        if self._db is None:
            return
        with self._lock:
            self._db.execute("INSERT OR REPLACE INTO documents VALUES (?, ?)", (key, payload))

    # embeddings --------------------------------------------------------------------------------------------
    def get_vectors(self, model: str, hashes: list[str]) -> dict[str, bytes]:
        if self._db is None or not hashes:
            return {}
        found: dict[str, bytes] = {}
        with self._lock:
            for i in range(0, len(hashes), 500):
                chunk = hashes[i : i + 500]
                marks = ",".join("?" * len(chunk))
                for h, blob in self._db.execute(
                    f"SELECT hash, vector FROM embeddings WHERE model = ? AND hash IN ({marks})", (model, *chunk)
                ):
                    found[h] = blob
        return found

    def put_vectors(self, model: str, items: list[tuple[str, bytes]]) -> None:
        if self._db is None or not items:
            return
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                self._db.executemany(
                    "INSERT OR REPLACE INTO embeddings VALUES (?, ?, ?)", [(model, h, v) for h, v in items]
                )
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise

    # maintenance -------------------------------------------------------------------------------------------
    def stats(self) -> dict[str, int]:
        if self._db is None:
            return {}
        with self._lock:
            counts = {
                t: self._db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("pages", "documents", "embeddings")
            }
        counts["bytes"] = self.path.stat().st_size if self.path and self.path.exists() else 0
        return counts

    def clear(self) -> None:
        if self._db is None:
            return
        with self._lock:
            self._db.executescript("DELETE FROM pages; DELETE FROM documents; DELETE FROM embeddings;")
            self._db.execute("VACUUM")


def open_cache(config: Config) -> Cache:
    """The cache the configuration asks for (a no-op cache with ``use_cache=False``)."""
    if not config.use_cache:
        return Cache(None)
    return Cache(config.cache_dir or default_cache_dir())
