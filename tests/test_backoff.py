"""Backoff and batch sizing: the bounds hold for every attempt number and every sequence of outcomes."""

from __future__ import annotations

import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tiaki.sync.backoff import Backoff, BatchSizer


def test_full_jitter_window_doubles_until_the_cap() -> None:
    backoff = Backoff(base=1.0, cap=60.0, rng=random.Random(1))
    assert [backoff.ceiling(n) for n in range(8)] == [1, 2, 4, 8, 16, 32, 60, 60]
    assert backoff.ceiling(10_000) == 60.0


def test_delays_are_drawn_from_the_whole_window() -> None:
    """Full jitter, not "equal jitter": small and large delays both occur within one window."""
    backoff = Backoff(base=1.0, cap=300.0, rng=random.Random(7))
    delays = [backoff.delay(5) for _ in range(2000)]
    assert all(0.0 <= d <= 32.0 for d in delays)
    assert min(delays) < 2.0 and max(delays) > 30.0


def test_same_seed_same_delays() -> None:
    first = Backoff(rng=random.Random(42))
    second = Backoff(rng=random.Random(42))
    assert [first.delay(n) for n in range(20)] == [second.delay(n) for n in range(20)]


def test_retry_after_is_a_floor_with_a_cap() -> None:
    backoff = Backoff(base=1.0, cap=4.0, retry_after_cap=600.0, rng=random.Random(3))
    assert all(backoff.delay(0, retry_after=30.0) == 30.0 for _ in range(50))
    assert backoff.delay(0, retry_after=10 ** 9) == 600.0
    # A Retry-After shorter than the jittered delay does not shorten it.
    rng = random.Random(5)
    expected = random.Random(5).uniform(0.0, 4.0)
    assert Backoff(base=1.0, cap=4.0, rng=rng).delay(2, retry_after=0.0) == max(expected, 0.0)


@pytest.mark.parametrize("bad", [-1.0, float("nan"), float("-inf")])
def test_nonsense_retry_after_is_ignored(bad: float) -> None:
    backoff = Backoff(base=1.0, cap=2.0, rng=random.Random(0))
    assert 0.0 <= backoff.delay(1, retry_after=bad) <= 2.0


def test_infinite_retry_after_is_capped() -> None:
    assert Backoff(retry_after_cap=90.0).delay(0, retry_after=float("inf")) == 90.0


@pytest.mark.parametrize("kwargs", [{"base": 0.0}, {"base": -1.0}, {"base": float("nan")},
                                    {"base": 10.0, "cap": 5.0}, {"cap": float("inf")},
                                    {"retry_after_cap": -1.0}])
def test_backoff_rejects_nonsense_settings(kwargs: dict[str, float]) -> None:
    with pytest.raises(ValueError):
        Backoff(**kwargs)


def test_negative_attempt_is_an_error() -> None:
    with pytest.raises(ValueError):
        Backoff().delay(-1)


@given(base=st.floats(0.001, 100.0), extra=st.floats(0.0, 10_000.0), attempt=st.integers(0, 10 ** 6),
       retry_after=st.none() | st.floats(allow_nan=True, allow_infinity=True), seed=st.integers(0, 2 ** 32))
def test_delay_bounds_always_hold(base: float, extra: float, attempt: int, retry_after: float | None,
                                  seed: int) -> None:
    cap = base + extra
    backoff = Backoff(base=base, cap=cap, retry_after_cap=3600.0, rng=random.Random(seed))
    delay = backoff.delay(attempt, retry_after)
    assert 0.0 <= delay <= max(cap, 3600.0)
    if retry_after is None or not retry_after >= 0:  # None, NaN or negative: jitter only
        assert delay <= min(cap, base * 2.0 ** min(attempt, 64))
    else:
        assert delay >= min(retry_after, 3600.0)


def test_batch_size_doubles_and_halves_within_bounds() -> None:
    sizer = BatchSizer()
    assert sizer.size == 32
    assert [sizer.success() for _ in range(6)] == [64, 128, 256, 512, 512, 512]
    assert [sizer.failure() for _ in range(11)] == [256, 128, 64, 32, 16, 8, 4, 2, 1, 1, 1]
    assert sizer.success() == 2


def test_a_short_batch_is_no_evidence_for_growth() -> None:
    sizer = BatchSizer(initial=32)
    assert sizer.success(sent=5) == 32
    assert sizer.success(sent=32) == 64


@pytest.mark.parametrize("kwargs", [{"minimum": 0}, {"initial": 600}, {"initial": 2, "minimum": 4},
                                    {"maximum": 16}])
def test_batch_sizer_rejects_inconsistent_bounds(kwargs: dict[str, int]) -> None:
    with pytest.raises(ValueError):
        BatchSizer(**kwargs)


@given(minimum=st.integers(1, 64), spread=st.integers(0, 1000), start=st.integers(0, 1000),
       outcomes=st.lists(st.one_of(st.just("fail"), st.integers(0, 2000), st.none()), max_size=200))
def test_batch_size_bounds_always_hold(minimum: int, spread: int, start: int,
                                       outcomes: list[str | int | None]) -> None:
    maximum = minimum + spread
    initial = minimum + start % (spread + 1)
    sizer = BatchSizer(initial=initial, minimum=minimum, maximum=maximum)
    for outcome in outcomes:
        before = sizer.size
        after = sizer.failure() if outcome == "fail" else sizer.success(outcome if isinstance(outcome, int) else None)
        assert minimum <= after <= maximum
        assert after == sizer.size
        if outcome == "fail":
            assert after == max(minimum, before // 2)
        else:
            assert after >= before
