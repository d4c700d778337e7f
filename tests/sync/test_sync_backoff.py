from __future__ import annotations

import random

import pytest

from console.sync import Backoff


def test_delays_grow_exponentially_within_bounds_and_reset() -> None:
    backoff = Backoff(0.5, 15.0, rng=random.Random(1))
    delays = [backoff.next_delay() for _ in range(12)]
    ceilings = [min(15.0, 0.5 * 2**n) for n in range(12)]
    assert delays[0] == 0.5
    assert all(0.5 <= d <= c for d, c in zip(delays, ceilings, strict=True))
    assert max(delays[6:]) > 5.0  # it really backs off
    assert len(set(delays[6:])) == 6  # jittered, not a fixed schedule
    backoff.reset()
    assert backoff.next_delay() == 0.5


def test_same_seed_same_schedule() -> None:
    a, b = Backoff(rng=random.Random(7)), Backoff(rng=random.Random(7))
    assert [a.next_delay() for _ in range(8)] == [b.next_delay() for _ in range(8)]


@pytest.mark.parametrize(("initial", "maximum", "factor"), [(0, 1, 2), (2, 1, 2), (1, 2, 0.5)])
def test_rejects_nonsense(initial: float, maximum: float, factor: float) -> None:
    with pytest.raises(ValueError):
        Backoff(initial, maximum, factor)
