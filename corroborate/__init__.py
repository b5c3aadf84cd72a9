"""corroborate: check a news article's claims against independent coverage.

>>> import corroborate
>>> config = corroborate.load_config("fixtures/sources.toml")
>>> report = corroborate.check("seeds/000_892844bb6acea099.txt", config)
>>> report.summary.claims > 0
True
"""

from __future__ import annotations

import logging

from .exceptions import (
    CacheError,
    ConfigError,
    CorroborateError,
    ExtractionError,
    FetchError,
    InputError,
    ModelUnavailableError,
    NothingCheckedError,
)

__version__ = "0.1.0"

__all__ = [
    "Article",
    "CacheError",
    "Claim",
    "ClaimResult",
    "Config",
    "ConfigError",
    "CorroborateError",
    "Evidence",
    "ExtractionError",
    "FetchError",
    "InputError",
    "ModelUnavailableError",
    "NothingCheckedError",
    "Report",
    "check",
    "extract_claims",
    "load_config",
    "render",
    "report_to_dict",
]

logging.getLogger(__name__).addHandler(logging.NullHandler())

# The pipeline (httpx, numpy, rapidfuzz; torch and trafilatura later still) loads on first use, so that
# `corroborate --help` and configuration errors answer at once.
_LAZY = {
    "Article": ".models",
    "Claim": ".models",
    "ClaimResult": ".models",
    "Evidence": ".models",
    "Report": ".models",
    "Config": ".config",
    "load_config": ".config",
    "extract_claims": ".article.claims",
    "check": ".pipeline",
    "render": ".reports.formats",
    "report_to_dict": ".reports.json",
}


def __getattr__(name: str):
    if name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(_LAZY[name], __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'corroborate' has no attribute {name!r}")
