"""Exponential backoff with jitter, so a restarted server is not hit by every console at once."""

from __future__ import annotations

import random


class Backoff:
    """Delay n (from 0) is drawn uniformly from [initial, min(maximum, initial * factor**n)]."""

    def __init__(
        self,
        initial: float = 0.5,
        maximum: float = 15.0,
        factor: float = 2.0,
        rng: random.Random | None = None,
    ) -> None:
        if not 0 < initial <= maximum or factor < 1:
            raise ValueError("need 0 < initial <= maximum and factor >= 1")
        self.initial = initial
        self.maximum = maximum
        self.factor = factor
        self._rng = rng or random.Random()
        self.attempts = 0

    def next_delay(self) -> float:
        ceiling = min(self.maximum, self.initial * self.factor ** min(self.attempts, 64))
        self.attempts += 1
        return self._rng.uniform(self.initial, ceiling)

    def reset(self) -> None:
        self.attempts = 0
