"""corroborate: check a news article's claims against independent coverage.

    >>> import corroborate
    >>> config = corroborate.load_config("fixtures/sources.toml")
    >>> report = corroborate.check("seeds/000_892844bb6acea099.txt", config)
    >>> report.summary.claims > 0
    True
"""

from __future__ import annotations

import logging

from .claims import extract_claims
from .config import Config, load_config
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
from .models import Article, Claim, ClaimResult, Evidence, Report
from .pipeline import check
from .report import render, report_to_dict

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
