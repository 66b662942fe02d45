"""When to try a partner again, and how many messages to put in the next envelope.

Both are pure (no I/O, no clock): the engine feeds them outcomes and reads numbers back, so tests can drive them
through any sequence of successes and failures with a seeded ``random.Random``.

Backoff uses "full jitter" (AWS Architecture Blog, "Exponential Backoff And Jitter"): the sleep is drawn uniformly
from ``[0, min(cap, base * 2**attempt)]``. Spreading retries over the whole window keeps many devices that lost
the same partner at the same moment from coming back in lockstep. A partner's ``Retry-After`` is a floor, not a
suggestion: we never come back sooner than it asked (up to ``retry_after_cap``, so a hostile or broken partner
cannot park a device for a year).
"""

from __future__ import annotations

import math
import random

# 2**64 seconds is already far beyond any cap; clamping keeps ``base * 2**attempt`` a finite float.
_MAX_EXPONENT = 64


class Backoff:
    """Full-jitter exponential backoff that honours ``Retry-After``."""

    def __init__(self, *, base: float = 1.0, cap: float = 300.0, retry_after_cap: float = 3600.0,
                 rng: random.Random | None = None) -> None:
        if not (math.isfinite(base) and base > 0):
            raise ValueError("backoff base must be a positive number of seconds")
        if not (math.isfinite(cap) and cap >= base):
            raise ValueError("backoff cap must be at least the base")
        if not (math.isfinite(retry_after_cap) and retry_after_cap >= 0):
            raise ValueError("Retry-After cap must be a non-negative number of seconds")
        self.base = base
        self.cap = cap
        self.retry_after_cap = retry_after_cap
        self._rng = rng if rng is not None else random.Random()

    def ceiling(self, attempt: int) -> float:
        """The widest window for this attempt: ``min(cap, base * 2**attempt)``."""
        if attempt < 0:
            raise ValueError("attempt must be zero or more")
        return min(self.cap, self.base * 2.0 ** min(attempt, _MAX_EXPONENT))

    def delay(self, attempt: int, retry_after: float | None = None) -> float:
        """Seconds to wait before retry number ``attempt`` (0 for the first retry after a failure).

        ``retry_after`` (seconds, from the partner's reply) raises the result to at least
        ``min(retry_after, retry_after_cap)``; a negative or non-finite value is ignored.
        """
        jittered = self._rng.uniform(0.0, self.ceiling(attempt))
        if retry_after is None or math.isnan(retry_after) or retry_after < 0:
            return jittered
        return max(jittered, min(retry_after, self.retry_after_cap))


class BatchSizer:
    """How many messages go into the next envelope: grow while sends succeed, shrink when they fail.

    Doubling on success and halving on failure (multiplicative both ways, like TCP's slow start and its
    back-off) finds a size the link can carry within a few envelopes, and a flaky link quickly falls to small
    envelopes whose loss costs little to resend. Only a full batch is evidence that the size works: a success
    with fewer messages than the current size (the queue ran short) does not grow it.
    """

    def __init__(self, *, initial: int = 32, minimum: int = 1, maximum: int = 512) -> None:
        if not 1 <= minimum <= initial <= maximum:
            raise ValueError("batch sizes must satisfy 1 <= minimum <= initial <= maximum")
        self.minimum = minimum
        self.maximum = maximum
        self._size = initial

    @property
    def size(self) -> int:
        return self._size

    def success(self, sent: int | None = None) -> int:
        """A batch was acknowledged. ``sent``: how many messages it held (None: a full batch)."""
        if sent is None or sent >= self._size:
            self._size = min(self.maximum, self._size * 2)
        return self._size

    def failure(self) -> int:
        """A batch failed or timed out: halve, never below the minimum."""
        self._size = max(self.minimum, self._size // 2)
        return self._size
