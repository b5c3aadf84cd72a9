"""Saved JSON reports: load and check a ``corroborate.report/1`` file, and re-render it in any format.

``corroborate report result.json --format html`` goes through here, so a report can be re-rendered without
re-running the check. The renderers of the JSON dict get it with every key present (``normalize_report``); the
renderers of ``Report`` (text, Markdown) get it back as a ``Report`` (``report_from_dict``).
"""

from __future__ import annotations

import copy
import dataclasses
import json
import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..exceptions import InputError
from ..models import (
    Article,
    Claim,
    ClaimResult,
    DateRef,
    Entity,
    Evidence,
    Flag,
    Origin,
    Quantity,
    Quote,
    Report,
    Skipped,
    SourceResult,
    Summary,
)
from ..verdicts.overrides import claim_fingerprint
from .claimreview import render_claimreview
from .formats import FORMATS, render
from .github import render_github
from .html import render_html
from .json import SCHEMA
from .junit import render_junit
from .sarif import render_sarif

__all__ = ["BATCH_SCHEMA", "DICT_FORMATS", "load_json", "normalize_report", "render_dict", "report_from_dict"]

BATCH_SCHEMA = "corroborate.batch/1"

#: formats rendered straight from the JSON dict; the others go through ``report_from_dict``
DICT_FORMATS: dict[str, Callable[..., str]] = {
    "claimreview": render_claimreview,
    "github": render_github,
    "html": render_html,
    "json": lambda data: json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False) + "\n",
    "junit": render_junit,
    "sarif": render_sarif,
}

#: the published JSON Schemas of a saved report and a saved batch (shipped in the package; docs/reading-a-report.md)
SCHEMA_DIR = Path(__file__).resolve().parent / "schemas"
REPORT_SCHEMA_FILE = SCHEMA_DIR / "report-1.schema.json"
BATCH_SCHEMA_FILE = SCHEMA_DIR / "batch-1.schema.json"
_VALIDATORS: dict[str, Any] = {}


def _validator(name: str):
    """The jsonschema validator of the ``report`` or ``batch`` schema (the batch's refers to the report's)."""
    if name not in _VALIDATORS:
        from jsonschema import Draft202012Validator
        from referencing import Registry, Resource

        report = json.loads(REPORT_SCHEMA_FILE.read_text(encoding="utf-8"))
        batch = json.loads(BATCH_SCHEMA_FILE.read_text(encoding="utf-8"))
        registry = Registry().with_resources([(s["$id"], Resource.from_contents(s)) for s in (report, batch)])
        for key, schema in (("report", report), ("batch", batch)):
            _VALIDATORS[key] = Draft202012Validator(schema, registry=registry)
    return _VALIDATORS[name]


def _field_path(parts) -> str:
    out = ""
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(the top level)"


def validate(data: Any, name: str, where: str) -> None:
    """Check ``data`` against the published ``report`` or ``batch`` schema; raise InputError naming the first
    failing field by its path (``claims[0].facts.quantities``)."""
    from jsonschema.exceptions import best_match

    error = best_match(_validator(name).iter_errors(data))
    if error is None:
        return
    field = _field_path(error.absolute_path)
    if error.validator == "type":
        kinds = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        names = " or ".join(_TYPE_NAMES[k] for k in kinds if k != "null")
        problem = f"field {field} must be {names}, got {_shown(error.instance)}"
    elif error.validator == "required":
        missing = next((k for k in error.validator_value if k not in error.instance), "?")
        problem = f"key '{missing}' is missing" + (f" from field {field}" if error.absolute_path else "")
    else:
        problem = f"field {field}: {error.message}"
    file = (REPORT_SCHEMA_FILE if name == "report" else BATCH_SCHEMA_FILE).name
    raise InputError(
        f"{where}: {problem}; the published schema {file} says what each field holds (docs/reading-a-report.md)"
    )


#: the skip code of a report written before skipped sentences carried one, from its reason in words
_OLD_SKIP_REASONS = {
    "heading": "heading",
    "question": "question",
    "photo caption or credit": "caption",
    "fragment": "fragment",
    "byline or call to action": "byline",
    "not one sentence": "not_one_sentence",
}


_TYPE_NAMES = {
    "string": "a string",
    "integer": "an integer",
    "number": "a number",
    "array": "a list",
    "object": "an object",
    "boolean": "true or false",
}


def _shown(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "..."


def _defaults(value: Any, schema: dict) -> Any:
    """``value`` with every key its schema lists and gives a default filled in where absent or null."""
    if isinstance(value, dict):
        for key, sub in schema.get("properties", {}).items():
            if value.get(key) is None and "default" in sub:
                value[key] = copy.deepcopy(sub["default"])
            if key in value:
                value[key] = _defaults(value[key], sub)
    elif isinstance(value, list) and isinstance(schema.get("items"), dict):
        return [_defaults(item, schema["items"]) for item in value]
    return value


#: how deeply a saved report may nest; real ones nest 5 levels
MAX_DEPTH = 32


def _no_constant(name: str) -> None:
    raise ValueError(f"holds {name}, which is not a JSON number")


def _check_values(value: Any, where: str, depth: int = 0) -> None:
    """Refuse what no renderer can write back and no schema can say: nesting over ``MAX_DEPTH``, lone surrogates in
    text ("\\ud800"), numbers that are not finite."""
    if depth > MAX_DEPTH:
        raise InputError(f"{where}: nested too deeply to be a report (over {MAX_DEPTH} levels)")
    if isinstance(value, float) and not math.isfinite(value):
        raise InputError(f"{where}: must be a finite number, got {value!r}")
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise InputError(f"{where}: text holds a lone surrogate escape, which is not valid Unicode") from None
    elif isinstance(value, dict):
        for key, item in value.items():
            _check_values(key, where, depth + 1)
            _check_values(item, f"{where}.{key}", depth + 1)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            _check_values(item, f"{where}[{i}]", depth + 1)


def load_json(path: str | Path) -> dict:
    """Read a saved report (``corroborate.report/1``) or batch (``corroborate.batch/1``) and check its shape."""
    try:
        raw = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(
            f"{path}: file not found; give a report written by 'corroborate check --format json'"
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read the report ({exc})") from exc
    try:
        data = json.loads(raw, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        raise InputError(
            f"{path}: not JSON (line {exc.lineno}, column {exc.colno}: {exc.msg}); give a report "
            "written by 'corroborate check --format json'"
        ) from exc
    except ValueError as exc:  # NaN or Infinity: strict JSON has no such numbers
        raise InputError(f"{path}: {exc}; reports hold finite numbers only") from None
    except RecursionError:
        raise InputError(f"{path}: nested too deeply to be a report (over {MAX_DEPTH} levels)") from None
    _check_values(data, str(path))
    schema = data.get("schema") if isinstance(data, dict) else None
    if schema == BATCH_SCHEMA:
        validate(data, "batch", str(path))
        return dict(data, reports=[normalize_report(r, f"{path}: reports[{i}]") for i, r in enumerate(data["reports"])])
    if schema != SCHEMA:
        raise InputError(
            f"{path}: schema is {schema!r}, expected '{SCHEMA}' or '{BATCH_SCHEMA}'; give a report "
            "written by 'corroborate check --format json'"
        )
    return normalize_report(data, str(path))


def normalize_report(data: Any, where: str = "report") -> dict:
    """A copy of a report dict checked against the published schema, with every key the renderers read (defaults
    filled in where absent or null)."""
    if not isinstance(data, dict) or data.get("schema") != SCHEMA:
        raise InputError(f"{where}: not a '{SCHEMA}' report")
    _check_values(data, where)
    validate(data, "report", where)
    out = _defaults(copy.deepcopy(data), _validator("report").schema)
    for claim in out["claims"]:
        claim["fingerprint"] = claim["fingerprint"] or claim_fingerprint(claim["text"])
    for k in out["skipped"]:
        reason = k["reason"]
        k["code"] = k["code"] or _OLD_SKIP_REASONS.get(reason, "opinion" if reason.startswith("opinion") else "no_fact")
    return out


def report_from_dict(data: dict) -> Report:
    """The ``Report`` a normalized report dict was made from (``report_to_dict`` reversed)."""
    data = normalize_report(data)
    a = data["article"]
    article = Article(
        source=a["source"],
        text=a["text"] or "",
        title=a["title"],
        outlet=a["outlet"],
        published=a["published"],
        url=a["url"],
        author=a["author"],
    )
    results = []
    for c in data["claims"]:
        facts = c["facts"] if isinstance(c["facts"], dict) else {}
        span = c["span"] if len(c["span"]) == 2 and all(isinstance(x, int) for x in c["span"]) else [0, 0]
        claim = Claim(
            id=c["id"],
            sentence=c["sentence"],
            span=(span[0], span[1]),
            text=c["text"],
            kind=c["kind"],
            checkworthy=c["checkworthy"],
            reason=c["reason"],
            source=c["source"],
            quotes=[Quote(q.get("text", ""), q.get("speaker"), q.get("channel"), q.get("when")) for q in c["quotes"]],
            attributed_to=list(c["attributed_to"]),
            quantities=[
                Quantity(q.get("text", ""), q.get("value", 0.0), q.get("unit"), q.get("bound"))
                for q in facts.get("quantities", [])
            ],
            dates=[DateRef(d.get("text", ""), d.get("value")) for d in facts.get("dates", [])],
            entities=[Entity(e.get("text", ""), e.get("type", "OTHER")) for e in facts.get("entities", [])],
            modality=list(facts.get("modality") or ["asserted"]),
            negated=bool(facts.get("negated", False)),
            hedged=c["hedged"],
        )
        evidence = [
            _make(
                Evidence,
                e,
                claim_id=c["id"],
                url=e["url"],
                outlet=e["outlet"],
                published=e["published"],
                sentence=e["sentence"],
                sentence_index=0,
                fuzzy=e["similarity"].get("fuzzy", 0.0),
                semantic=e["similarity"].get("semantic", 0.0),
                combined=e["similarity"].get("combined", 0.0),
                stance=e["stance"],
                confidence=e["confidence"],
                why=e["why"],
                origin=e["origin"],
                independent=e["independent"],
            )
            for e in c["evidence"]
        ]
        results.append(
            ClaimResult(
                claim=claim,
                verdict=c["verdict"],
                score=c["score"],
                independent_sources=c["independent_sources"],
                origins=list(c["origins"]),
                evidence=evidence,
                credited=[str(x) for x in c["credited"]],
                attribution_confirmed=c.get("attribution_confirmed")
                if isinstance(c.get("attribution_confirmed"), bool)
                else None,
                independently_confirmed_by=[str(x) for x in c["independently_confirmed_by"]],
                origin_details=[
                    Origin(
                        outlet=str(o.get("outlet") or ""),
                        group=str(o.get("group") or ""),
                        earliest_url=str((o.get("earliest") or {}).get("url") or ""),
                        earliest_published=(o.get("earliest") or {}).get("published"),
                        pages=int(o.get("pages") or 0),
                    )
                    for o in c["origin_details"]
                    if isinstance(o, dict) and isinstance(o.get("earliest") or {}, dict)
                ],
                decision=c["decision"],
                tool_verdict=c["tool_verdict"],
                flags=[
                    Flag(
                        code=str(f.get("code")),
                        message=str(f.get("message") or ""),
                        outlet=f.get("outlet") if isinstance(f.get("outlet"), str) else None,
                        quote=f.get("quote") if isinstance(f.get("quote"), str) else None,
                        urls=tuple(u for u in f.get("urls") or [] if isinstance(u, str)),
                    )
                    for f in c["flags"]
                    if isinstance(f, dict) and isinstance(f.get("code"), str)
                ],
            )
        )
    skipped = [Skipped(k["sentence"], k["text"], k["reason"], k["checkworthy"], k["code"]) for k in data["skipped"]]
    sources = [
        SourceResult(
            url=s["url"],
            outlet=s["outlet"],
            status=s["status"],
            reason=s["reason"],
            origin=s["origin"],
            duplicate_of=s["duplicate_of"],
            found_by=s["found_by"],
        )
        for s in data["sources"]
    ]
    summary = _make(Summary, data["summary"])
    audit = {k: v for k, v in (data.get("audit") or {}).items() if isinstance(v, str | int | float) or v is None}
    return Report(article=article, claims=results, skipped=skipped, sources=sources, summary=summary, audit=audit)


def _make(cls: type, data: dict, **known: Any) -> Any:
    """``cls`` from the keys given, plus any key of ``data`` that is also a field of ``cls`` (fields that later
    versions of the report add travel through unchanged)."""
    names = {f.name for f in dataclasses.fields(cls)}
    extra = {k: copy.deepcopy(v) for k, v in data.items() if k in names and k not in known}
    return cls(**{k: v for k, v in known.items() if k in names}, **extra)


def render_dict(data: dict, fmt: str, **options: Any) -> str:
    """Render a report dict in any format of ``FORMATS``. ``options`` go to renderers that take them (ClaimReview:
    ``author``, ``author_url``, ``review_url``)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {sorted(FORMATS)}")
    data = normalize_report(data)
    if fmt in DICT_FORMATS:
        return DICT_FORMATS[fmt](data, **options) if fmt == "claimreview" else DICT_FORMATS[fmt](data)
    return render(report_from_dict(data), fmt)
