"""Per-process vector indexes of the stored embeddings: fact-checks and check-worthy claims.

Each worker process loads a collection from PostgreSQL on first use and keeps it in
memory (faiss, one thread). Small collections are scanned exactly over int8 codes
(IndexScalarQuantizer); past `IVF_MIN_SIZE` vectors an inverted-list index over the same
codes (IndexIVFScalarQuantizer, trained on a sample) visits `nprobe` lists, the fewest
that find `RECALL_TARGET` of the exact scan's neighbours on queries measured at build
time. At a million vectors (bench/matching_lookup.py, one core) the exact scan takes
28 ms; 2048 lists at nprobe 64 about 2 ms, finding 0.95 of its top 10 for real queries.

Every write of a vector takes a stamp larger than all before it, inside the matching
critical section, so stamps grow in commit order. Before each search the index reads the
highest stamp (one index lookup) and loads only the rows above the one it has seen; a
vector written again replaces its old entry. Rows deleted since are not tracked: a hit
whose row is gone is reported by the caller through `discard` and dropped.
"""

from __future__ import annotations

import math
import threading
from dataclasses import dataclass

import faiss
import numpy as np
from django.db.models import Max

from ..models import ClaimEmbedding, FactCheck
from .text.embeddings import DIMENSIONS, MODEL_VERSION, SCALE, dequantise_many

IVF_MIN_SIZE = 200_000  # below this an exact scan takes under 6 ms (28 ms at a million, 2-4 ms with lists)
RECALL_TARGET = 0.98  # of the exact scan's top 10, at the chosen nprobe
NPROBES = (16, 32, 64, 128, 256)  # fewer than 16 lists saves under 0.2 ms
CALIBRATION_QUERIES = 200
TRAINING_PER_LIST = 40
LOAD_CHUNK = 20_000
_BOUND = 128 / SCALE  # just past the largest stored component: the int8 grid fits the 8-bit codes

faiss.omp_set_num_threads(1)


@dataclass(frozen=True)
class Collection:
    """Where one collection's vectors are stored."""

    name: str
    model: type
    id_field: str
    vector_field: str
    model_field: str
    stamp_field: str

    def rows(self, above: int):
        """(id, vector, stamp) of the current model's vectors stamped above `above`, oldest first."""
        return (
            self.model.objects.filter(
                **{
                    f"{self.stamp_field}__gt": above,
                    self.model_field: MODEL_VERSION,
                    f"{self.vector_field}__isnull": False,
                }
            )
            .order_by(self.stamp_field)
            .values_list(self.id_field, self.vector_field, self.stamp_field)
        )

    def last_stamp(self) -> int:
        return self.model.objects.aggregate(last=Max(self.stamp_field))["last"] or 0

    def next_stamp(self) -> int:
        """The stamp for the next write (call inside the matching critical section)."""
        return self.last_stamp() + 1


FACT_CHECKS = Collection("fact-checks", FactCheck, "pk", "vector", "vector_model", "vector_stamp")
CLAIMS = Collection("claims", ClaimEmbedding, "claim_id", "vector", "model", "stamp")


class VectorIndex:
    """One collection's vectors in memory, kept up to date with the database before each search."""

    def __init__(self, collection: Collection, *, ivf_min_size: int = IVF_MIN_SIZE):
        self.collection = collection
        self.ivf_min_size = ivf_min_size
        self._lock = threading.Lock()
        self._reset()

    def _reset(self) -> None:
        self.index = _exact_index()
        self.stamp = 0
        self.nprobe: int | None = None
        self._present = np.zeros(0, dtype=bool)  # by id: whether the index holds a vector for it

    def __len__(self) -> int:
        return self.index.ntotal

    def refresh(self) -> int:
        """Load the vectors written since the last look; return how many were loaded."""
        with self._lock:
            last = self.collection.last_stamp()
            if last < self.stamp:  # the table was emptied or restored: start again
                self._reset()
            if last == self.stamp:
                return 0
            loaded = 0
            batch_ids, batch_rows = [], []
            for pk, vector, stamp in self.collection.rows(self.stamp).iterator(chunk_size=LOAD_CHUNK):
                batch_ids.append(pk)
                batch_rows.append(vector)
                self.stamp = max(self.stamp, stamp)
                if len(batch_ids) >= LOAD_CHUNK:
                    loaded += self._add(batch_ids, batch_rows)
                    batch_ids, batch_rows = [], []
            loaded += self._add(batch_ids, batch_rows)
            if self.nprobe is None and len(self) >= self.ivf_min_size:
                self._to_ivf()
            return loaded

    def _add(self, ids: list[int], rows: list) -> int:
        if not ids:
            return 0
        ids_ = np.asarray(ids, dtype=np.int64)
        if int(ids_.max()) >= len(self._present):
            grown = np.zeros(max(int(ids_.max()) + 1, 2 * len(self._present)), dtype=bool)
            grown[: len(self._present)] = self._present
            self._present = grown
        again = ids_[self._present[ids_]]
        if len(again):
            self.index.remove_ids(faiss.IDSelectorBatch(again))
        self.index.add_with_ids(dequantise_many(rows), ids_)
        self._present[ids_] = True
        return len(ids_)

    def _to_ivf(self) -> None:
        """Rebuild as an inverted-list index over the vectors held, with nprobe measured on them."""
        n, flat = len(self), self.index.index
        ids = faiss.vector_to_array(self.index.id_map).astype(np.int64)
        lists = _lists_for(n)
        rng = np.random.default_rng(13)
        share = min(1.0, lists * TRAINING_PER_LIST / n)
        sample = np.concatenate(
            [
                chunk[rng.random(len(chunk)) < share]
                for chunk in (
                    flat.reconstruct_n(start, min(LOAD_CHUNK, n - start)) for start in range(0, n, LOAD_CHUNK)
                )
            ]
        )
        ivf = faiss.IndexIVFScalarQuantizer(
            faiss.IndexFlatIP(DIMENSIONS), DIMENSIONS, lists, faiss.ScalarQuantizer.QT_8bit, faiss.METRIC_INNER_PRODUCT
        )
        ivf.train(sample)
        for start in range(0, n, LOAD_CHUNK):
            stop = min(n, start + LOAD_CHUNK)
            ivf.add_with_ids(flat.reconstruct_n(start, stop - start), ids[start:stop])
        queries = _diffuse(sample, rng)
        ivf.nprobe = lists
        _, truth = ivf.search(queries, 10)
        chosen = NPROBES[-1]
        for nprobe in NPROBES:
            ivf.nprobe = nprobe
            _, found = ivf.search(queries, 10)
            if _recall(found, truth) >= RECALL_TARGET:
                chosen = nprobe
                break
        ivf.nprobe = chosen
        self.index, self.nprobe = ivf, chosen

    def search(self, queries: np.ndarray, k: int) -> list[list[tuple[int, float]]]:
        """For each query (a unit row), up to k (id, cosine) of the nearest stored vectors, nearest first."""
        self.refresh()
        queries = np.ascontiguousarray(queries, dtype=np.float32).reshape(-1, DIMENSIONS)
        if not len(queries) or not len(self):
            return [[] for _ in range(len(queries))]
        with self._lock:
            scores, ids = self.index.search(queries, min(k, len(self)))
        return [
            [(int(pk), float(score)) for pk, score in zip(row_ids, row_scores, strict=True) if pk >= 0]
            for row_ids, row_scores in zip(ids, scores, strict=True)
        ]

    def discard(self, ids) -> None:
        """Drop entries whose rows are gone."""
        ids_ = np.asarray([pk for pk in ids if pk < len(self._present)], dtype=np.int64)
        if not len(ids_):
            return
        with self._lock:
            self.index.remove_ids(faiss.IDSelectorBatch(ids_))
            self._present[ids_] = False


def _exact_index():
    index = faiss.IndexIDMap2(
        faiss.IndexScalarQuantizer(DIMENSIONS, faiss.ScalarQuantizer.QT_8bit, faiss.METRIC_INNER_PRODUCT)
    )
    index.train(np.array([[-_BOUND] * DIMENSIONS, [_BOUND] * DIMENSIONS], dtype=np.float32))
    return index


def _lists_for(n: int) -> int:
    """About 2 sqrt(n) lists, a power of two: 2048 at a million."""
    return max(256, min(8192, 2 ** round(math.log2(2 * math.sqrt(n)))))


def _diffuse(vectors: np.ndarray, rng) -> np.ndarray:
    """Queries between stored vectors (the sum of three), as a new claim with no close repeat is:
    their neighbours fall in many lists, so they need more of them than near-repeats do."""
    picks = rng.integers(0, len(vectors), size=(CALIBRATION_QUERIES, 3))
    queries = vectors[picks].sum(axis=1)
    return (queries / np.linalg.norm(queries, axis=1, keepdims=True)).astype(np.float32)


def _recall(found: np.ndarray, truth: np.ndarray) -> float:
    hits = sum(len(set(f[f >= 0]) & set(t[t >= 0])) for f, t in zip(found, truth, strict=True))
    return hits / max(1, int((truth >= 0).sum()))


_indexes: dict[str, VectorIndex] = {}
_indexes_lock = threading.Lock()


def index_for(collection: Collection) -> VectorIndex:
    """This process's index of a collection, created on first use (loaded on its first search)."""
    with _indexes_lock:
        if collection.name not in _indexes:
            _indexes[collection.name] = VectorIndex(collection)
        return _indexes[collection.name]


def fact_check_index() -> VectorIndex:
    return index_for(FACT_CHECKS)


def claim_index() -> VectorIndex:
    return index_for(CLAIMS)


def reset() -> None:
    """Forget this process's indexes (the next search loads them again)."""
    with _indexes_lock:
        _indexes.clear()
