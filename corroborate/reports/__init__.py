"""Stage 6, the reports: a ``Report`` (or its JSON dict) in, text for people and for CI out.

One module per format: ``text``, ``markdown``, ``json`` (the contract, ``corroborate.report/1``), ``html`` (the
review page), ``junit``, ``github`` (annotations and job summary), ``sarif``, ``claimreview``; ``formats`` maps
names to renderers; ``common`` holds what the dict renderers share; ``saved`` loads and re-renders saved reports;
``diff`` compares two of them.
"""

from __future__ import annotations

from .diff import diff_reports, render_diff
from .formats import FORMATS, render, write_atomic
from .json import SCHEMA, report_to_dict
from .saved import load_json, render_dict, report_from_dict

__all__ = [
    "FORMATS",
    "SCHEMA",
    "diff_reports",
    "load_json",
    "render",
    "render_dict",
    "render_diff",
    "report_from_dict",
    "report_to_dict",
    "write_atomic",
]
