"""How long to wait after failed unlocks. Slows guessing at the keyboard; Argon2id slows it everywhere else."""

from __future__ import annotations

FREE_ATTEMPTS = 3
MAX_DELAY_SECONDS = 60.0


def delay_after(failures: int) -> float:
    """0 s for the first three failures, then 1, 2, 4 ... seconds, capped at a minute."""
    if failures < FREE_ATTEMPTS:
        return 0.0
    return min(MAX_DELAY_SECONDS, float(2 ** (failures - FREE_ATTEMPTS)))
