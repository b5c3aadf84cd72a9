"""Stage 4, the provenance: ``Evidence`` and its ``Document``s in, origins, independence keys and flags out.

- ``independence``: syndicated copies clustered, attribution chains followed to their origin (through the outlet
  registry, even when the origin is neither configured nor fetched), one count per outlet and owner;
- ``flags``: ``misattributed`` and ``unverified-quote``.

The outlet registry and the attribution reader they use live in ``corroborate.outlets``, below every stage,
because the article stage reads attributions with them too.
"""

from __future__ import annotations

from .flags import flag_claim
from .independence import Provenance, assign_origins, own_outlet, provenance, shingles

__all__ = ["Provenance", "assign_origins", "flag_claim", "own_outlet", "provenance", "shingles"]
