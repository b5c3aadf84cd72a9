"""The outlet registry and attribution: who published a page, who owns it, and which outlet a text credits.

- ``registry``: the packaged ``outlets.toml`` (several hundred news organisations) plus ``sources.toml``'s outlets;
- ``attribution``: credits in running text, datelines and wire bylines, in six languages, and chains of them.
"""

from .attribution import Credit, attributions, find_credits, page_credit, passage_chain
from .registry import Outlet, Registry, fold, names_an_outlet, packaged_registry

__all__ = [
    "Credit",
    "Outlet",
    "Registry",
    "attributions",
    "find_credits",
    "fold",
    "names_an_outlet",
    "packaged_registry",
    "page_credit",
    "passage_chain",
]
