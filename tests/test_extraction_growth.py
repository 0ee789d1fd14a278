"""Extraction time grows linearly with the input, on hostile texts as on news.

Each test times the same kind of text at n and 4n characters (best of three runs, the
garbage collector paused) and requires less than 8x the time: linear work gives about
4x, work that grows with the square of the input 16x. The clock is the process's own CPU
time, so other work on a busy machine does not count.
"""

import gc
import time

import pytest

from claims.extraction import extract

from .extraction_hostile import HOSTILE

GROWTH = 4
MAX_RATIO = 8
RUNS = 3
SIZE = 20_000
# Sizes for texts much cheaper or dearer than 1 microsecond a character, so that the small
# run takes a few milliseconds and the large one well under a second.
SIZES = {
    "dots-en": 100_000,
    "ellipses-en": 100_000,
    "question-marks-en": 100_000,
    "commas-id": 100_000,
    "commas-en": 100_000,
    "dates-id": 50_000,
    "dates-en": 50_000,
    "cue-words-en": 5_000,
    "comma-cues-id": 5_000,
    "comma-cues-en": 10_000,
    "quote-clauses-id": 4_000,
}


def _best_time(arguments: dict) -> float:
    best = float("inf")
    for _ in range(RUNS):
        gc.collect()
        gc.disable()
        try:
            started = time.process_time()
            extract(**arguments, budget=None)
            best = min(best, time.process_time() - started)
        finally:
            gc.enable()
    return best


@pytest.fixture(scope="module", autouse=True)
def _warm():
    """Compile the patterns and load the models before anything is timed."""
    extract("Budi mengatakan harga naik.", lang="id")
    extract("Bob said prices rose.", lang="en")
    extract(html="<html><body><p>Budi mengatakan harga beras naik lagi di pasar.</p></body></html>")


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_extraction_time_grows_linearly(kind):
    size = SIZES.get(kind, SIZE)
    small = _best_time(HOSTILE[kind](size))
    large = _best_time(HOSTILE[kind](GROWTH * size))
    assert large < MAX_RATIO * small, f"{kind}: {small:.3f} s for {size:,} chars, {large:.3f} s for {GROWTH}x"
