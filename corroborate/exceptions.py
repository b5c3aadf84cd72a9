"""The one exception tree of corroborate.

Every error the library raises on purpose is a ``CorroborateError``::

    CorroborateError
    ├── ConfigError            bad sources.toml or flags: names file, table and key (exit 2)
    ├── InputError             unreadable or empty article (exit 2)
    ├── FetchError             a single fetch failed; carries a typed ``reason`` (recorded, never fatal)
    ├── ExtractionError        a page yielded no text (recorded, never fatal)
    ├── ModelUnavailableError  the embedding model could not be loaded (exit 2)
    ├── CacheError             the cache file could not be opened or repaired (exit 2)
    └── NothingCheckedError    no source could be fetched or read (exit 3)

Third-party errors are wrapped at the boundary with ``raise ... from exc``.
"""

from __future__ import annotations

__all__ = [
    "CacheError",
    "ConfigError",
    "CorroborateError",
    "ExtractionError",
    "FetchError",
    "InputError",
    "ModelUnavailableError",
    "NothingCheckedError",
]


class CorroborateError(Exception):
    """Base class of every error corroborate raises on purpose."""

    #: process exit code the command line uses for this error
    exit_code = 2


class ConfigError(CorroborateError):
    """The configuration (sources.toml or command-line flags) is invalid."""

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        table: str | None = None,
        key: str | None = None,
        line: int | None = None,
        value: str | None = None,
    ) -> None:
        where = ", ".join(
            part
            for part in (
                f"{path}" if path else None,
                f"line {line}" if line else None,
                f"table [{table}]" if table else None,
                f"key '{key}'" if key else None,
            )
            if part
        )
        super().__init__(f"{where}: {message}" if where else message)
        self.message, self.path, self.table, self.key, self.line = message, path, table, key, line
        #: the bad value as written in the file, for finding its line
        self.value = value


class InputError(CorroborateError):
    """The article could not be read or holds no text."""


class FetchError(CorroborateError):
    """One fetch failed. ``reason`` is a short typed code such as ``timeout`` or ``http_status``."""

    def __init__(self, reason: str, message: str, *, status: int | None = None) -> None:
        super().__init__(f"{reason}: {message}")
        self.reason = reason
        self.detail = message
        self.status = status  # the HTTP status, for ``http_status``


class ExtractionError(CorroborateError):
    """A fetched page yielded no usable article text. ``reason``: ``no_text``, ``too_complex``, ``bad_html``."""

    def __init__(self, message: str, *, reason: str = "bad_html") -> None:
        super().__init__(message)
        self.reason = reason


class ModelUnavailableError(CorroborateError):
    """The embedding model named in the configuration could not be loaded."""


class CacheError(CorroborateError):
    """The cache could not be opened, even after moving a corrupt file aside."""


class NothingCheckedError(CorroborateError):
    """No coverage source could be fetched or read, so no claim could be checked."""

    exit_code = 3
