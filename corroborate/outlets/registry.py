"""The outlet registry: news organisations the tool knows without being told, and those ``sources.toml`` adds.

The packaged file ``outlets.toml`` lists several hundred outlets (wires, national and big regional outlets of the
Americas, Europe and the rest of the world), each with its canonical name, aliases and short forms, domains,
ownership group, wire flag, language, country and the public reference its facts come from. The ``[[outlet]]``
tables of ``sources.toml`` extend it, and override a packaged entry that has the same name or a shared domain.

Names are looked up accent- and case-insensitively, with or without a leading article ("the Guardian" = "Guardian"
= "The Guardian"; the exact form wins where two outlets differ only by article, as La Presse and Die Presse), and
descriptors a text puts before a name ("the news agency", "la cadena", "o jornal") are ignored.
"""

from __future__ import annotations

import functools
import re
import tomllib
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from urllib.parse import urlsplit

from ..exceptions import ConfigError

__all__ = [
    "REGISTRY_FILE",
    "Outlet",
    "Registry",
    "fold",
    "load_registry_data",
    "names_an_outlet",
    "packaged_registry",
]

REGISTRY_FILE = "outlets.toml"
REQUIRED_KEYS = {"name", "domains", "group", "wire", "language", "country", "source"}
OPTIONAL_KEYS = {"aliases"}
_ARTICLES = re.compile(r"^(?:the|el|la|los|las|le|les|l'|il|lo|o|a|os|as|der|die|das)\s+|^l'", re.I)


def fold(name: str) -> str:
    """The lookup key of a name: accents dropped, case folded, outer punctuation removed."""
    text = unicodedata.normalize("NFKD", name.replace("’", "'"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold().strip()
    return re.sub(r"\s+", " ", text).strip(" .,;:-–—'\"")


def _bare(key: str) -> str:
    """A folded name without its leading article ("the guardian" -> "guardian")."""
    return _ARTICLES.sub("", key).strip() or key


@dataclass(slots=True, frozen=True)
class Outlet:
    """A news organisation: who it is, where it publishes and who owns it."""

    name: str
    domains: tuple[str, ...] = ()
    group: str | None = None
    wire: bool = False
    language: str | None = None
    country: str | None = None
    aliases: tuple[str, ...] = ()
    source: str | None = None  # where the owner and domain facts come from
    configured: bool = False  # from sources.toml rather than the packaged registry

    @property
    def origin_key(self) -> str:
        """Outlets of one ownership group count once: the group, else the outlet."""
        return self.group or self.name

    def to_dict(self) -> dict:
        return {
            "name": self.name,
            "aliases": list(self.aliases),
            "domains": list(self.domains),
            "group": self.group,
            "wire": self.wire,
            "language": self.language,
            "country": self.country,
            "source": self.source,
            "configured": self.configured,
        }


def _host(url_or_host: str) -> str:
    text = url_or_host.strip().lower()
    try:
        host = urlsplit(text).hostname if "://" in text else text.split("/")[0].split(":")[0]
    except ValueError:  # a malformed URL names no outlet
        return ""
    host = (host or "").rstrip(".")
    return host[4:] if host.startswith("www.") else host


class Registry:
    """Outlets by name, alias and domain.

    ``Registry(outlets)`` keeps the first outlet of each name, alias and domain; ``extended(configured)`` returns a
    registry in which configured outlets come first, so that they override packaged entries.
    """

    def __init__(self, outlets: Iterable[Outlet]) -> None:
        self.outlets: tuple[Outlet, ...] = tuple(outlets)
        self._by_name: dict[str, Outlet] = {}
        self._by_bare: dict[str, Outlet] = {}  # the same names without a leading article, where unambiguous
        self._by_domain: dict[str, Outlet] = {}
        self._acronyms: set[str] = set()  # names written in capitals ("AP", "AS"): running text must match case
        ambiguous: set[str] = set()
        for outlet in self.outlets:
            for name in (outlet.name, *outlet.aliases, *outlet.domains):
                self._by_name.setdefault(fold(name), outlet)
                if name.isupper():
                    self._acronyms.add(fold(name))
                bare = _bare(fold(name))
                if self._by_bare.setdefault(bare, outlet) is not outlet:
                    ambiguous.add(bare)
            for domain in outlet.domains:
                self._by_domain.setdefault(domain, outlet)
        for bare in ambiguous - self._by_name.keys():
            del self._by_bare[bare]
        self._longest = max((len(key.split()) for key in self._by_name), default=1)

    def __len__(self) -> int:
        return len(self.outlets)

    def extended(self, configured: Iterable[Outlet]) -> Registry:
        """This registry with ``configured`` outlets on top: a packaged entry with the same name or a domain of a
        configured outlet is replaced, its aliases carried over."""
        configured = list(configured)
        if not configured:
            return self
        merged: list[Outlet] = []
        replaced: set[int] = set()
        for outlet in configured:
            old = self._by_name.get(fold(outlet.name)) or next(
                (self._by_domain[d] for d in outlet.domains if d in self._by_domain), None
            )
            if old is not None:
                replaced.add(id(old))
                outlet = Outlet(
                    name=outlet.name,
                    domains=tuple(dict.fromkeys((*outlet.domains, *old.domains))),
                    group=outlet.group or old.group,
                    wire=outlet.wire or old.wire,
                    language=outlet.language or old.language,
                    country=outlet.country or old.country,
                    aliases=tuple(a for a in dict.fromkeys((*old.aliases, old.name)) if fold(a) != fold(outlet.name)),
                    source=old.source,
                    configured=True,
                )
            merged.append(outlet)
        merged.extend(o for o in self.outlets if id(o) not in replaced)
        return Registry(merged)

    def named(self, name: str | None) -> Outlet | None:
        """The outlet called ``name`` (a canonical name, alias, short form or domain), if known."""
        if not name:
            return None
        key = fold(name)
        found = self._by_name.get(key) or self._by_bare.get(_bare(key))
        return found or (self.for_url(key) if "." in key and " " not in key else None)

    def for_url(self, url: str | None) -> Outlet | None:
        """The outlet whose domain (or a parent domain) hosts ``url``."""
        if not url:
            return None
        host = _host(url)
        while host:
            if host in self._by_domain:
                return self._by_domain[host]
            host = host.partition(".")[2]
        return None

    def lookup(self, query: str) -> Outlet | None:
        """An outlet by name, alias or domain (``corroborate sources show``)."""
        return self.named(query) or self.for_url(query)

    def in_text(self, text: str) -> Outlet | None:
        """The outlet a phrase of running text names; an acronym ("AP", "AS") only when written in capitals."""
        text = text.strip()
        key = fold(text)
        if key in self._acronyms and not text.isupper():
            return None
        return self._by_name.get(key) or self._by_bare.get(_bare(key))

    def leading(self, words: list[str]) -> tuple[Outlet, int] | None:
        """The outlet named by the longest run of ``words`` from the start, and how many words it took."""
        for size in range(min(len(words), self._longest), 0, -1):
            outlet = self.in_text(" ".join(words[:size]))
            if outlet is not None:
                return outlet, size
        return None

    def trailing(self, words: list[str]) -> tuple[Outlet, int] | None:
        """The outlet named by the longest run of ``words`` that ends the list."""
        for size in range(min(len(words), self._longest), 0, -1):
            outlet = self.in_text(" ".join(words[-size:]))
            if outlet is not None:
                return outlet, size
        return None

    def same_group(self, a: str | None, b: str | None) -> bool:
        """Whether two outlet names belong to one ownership group (or are the same outlet)."""
        oa, ob = self.named(a), self.named(b)
        if oa and ob:
            return oa.origin_key == ob.origin_key
        return bool(a and b and fold(a) == fold(b))


def _entry(item: object, index: int) -> Outlet:
    where = f"{REGISTRY_FILE} [[outlet]] #{index}"
    if not isinstance(item, dict):
        raise ConfigError(f"{where}: expected a table")
    missing = REQUIRED_KEYS - item.keys()
    unknown = item.keys() - REQUIRED_KEYS - OPTIONAL_KEYS
    if missing or unknown:
        raise ConfigError(f"{where}: missing keys {sorted(missing)}, unknown keys {sorted(unknown)}")
    return Outlet(
        name=item["name"],
        domains=tuple(item["domains"]),
        group=item["group"],
        wire=item["wire"],
        language=item["language"],
        country=item["country"],
        aliases=tuple(item.get("aliases", ())),
        source=item["source"],
    )


def load_registry_data(text: str) -> list[Outlet]:
    """Outlets from the text of a registry file (the schema is checked; see ``tests/outlets/test_outlets.py``)."""
    data = tomllib.loads(text)
    return [_entry(item, i) for i, item in enumerate(data.get("outlet", []), 1)]


@functools.cache
def packaged_registry() -> Registry:
    """The registry shipped with the package."""
    text = resources.files(__package__).joinpath(REGISTRY_FILE).read_text(encoding="utf-8")
    return Registry(load_registry_data(text))


def names_an_outlet(phrase: str, registry: Registry | None = None) -> bool:
    """Whether a capitalised phrase of running text is an outlet rather than a person: a wire service, an acronym
    ("AP", "NBC") or a name of several words ("NBC News"). One-word names ("Stern", "Mint") stay people."""
    outlet = (registry or packaged_registry()).in_text(phrase)
    return outlet is not None and (outlet.wire or phrase.strip().isupper() or len(phrase.split()) > 1)
