"""One request per site at a time: per-host turns shared through Django's cache."""

from __future__ import annotations

import hashlib
import math
import time

from django.conf import settings
from django.core.cache import cache

from .errors import DomainBusy


def domain_turn_key(host: str) -> str:
    """The cache key holding the time of the host's last request."""
    host = host.lower().rstrip(".")
    return "factcheck:fetch-turn:" + hashlib.sha256(host.encode()).hexdigest()[:32]


def domain_turn(host: str) -> None:
    """Take this host's turn, or raise DomainBusy if its last request was too recent.

    At most one request per FACTCHECK_FETCH_DOMAIN_INTERVAL_SECONDS per host, across
    processes that share Django's cache (an atomic ``cache.add``). The cache expiry is
    whole seconds, so the interval is rounded up to a second. An interval of 0 disables it.
    """
    interval = float(settings.FACTCHECK_FETCH_DOMAIN_INTERVAL_SECONDS or 0)
    if interval <= 0:
        return
    host = host.lower().rstrip(".")
    key = domain_turn_key(host)
    expiry = max(1, math.ceil(interval))
    now = time.time()
    if cache.add(key, now, timeout=expiry):
        return
    taken_at = cache.get(key)
    wait = (taken_at + expiry - now) if isinstance(taken_at, int | float) else interval
    wait = round(min(max(wait, 0.1), expiry), 3)
    raise DomainBusy(f"{host} was fetched less than {interval:g} s ago; try again in {wait:g} s", retry_after=wait)


def domain_turn_waiting(host: str, *, max_wait: float = 10.0) -> None:
    """Wait for the host's turn when it comes soon; raise DomainBusy when it would take longer.

    Waiting keeps a batch from one site flowing at the polite rate instead of bouncing
    every item back to the queue; a long wait goes back to the queue as a retry.
    """
    deadline = time.monotonic() + max_wait
    while True:
        try:
            return domain_turn(host)
        except DomainBusy as busy:
            if time.monotonic() + busy.retry_after > deadline:
                raise
            time.sleep(busy.retry_after)
