"""Exact integer allocation: the building block that keeps every total calibrated."""

from __future__ import annotations

import math
import random
from collections.abc import Sequence


def rng_for(seed: str, name: str) -> random.Random:
    """An independent, reproducible random stream per generator (never the global one)."""
    return random.Random(f"{seed}:{name}")


def apportion(total: int, weights: Sequence[float]) -> list[int]:
    """Split `total` into integers proportional to `weights` (largest remainder, ties by position)."""
    if total < 0:
        raise ValueError("total must be >= 0")
    weight_sum = float(sum(weights))
    if weight_sum <= 0:
        raise ValueError("weights must add up to more than zero")
    shares = [total * w / weight_sum for w in weights]
    counts = [math.floor(s) for s in shares]
    order = sorted(range(len(shares)), key=lambda i: (-(shares[i] - counts[i]), i))
    for i in order[: total - sum(counts)]:
        counts[i] += 1
    return counts


def jittered(rng: random.Random, weights: Sequence[float], spread: float) -> list[float]:
    """Each weight times a random factor in [1 - spread, 1 + spread]."""
    return [w * rng.uniform(1 - spread, 1 + spread) for w in weights]


def flags(rng: random.Random, size: int, true_count: int) -> list[bool]:
    """`size` booleans of which exactly `true_count` are True, in random positions."""
    if not 0 <= true_count <= size:
        raise ValueError(f"cannot pick {true_count} of {size}")
    chosen = set(rng.sample(range(size), true_count))
    return [i in chosen for i in range(size)]


def share(rng: random.Random, total: int, low: float, high: float) -> int:
    """round(total * r) for r drawn uniformly in [low, high]."""
    return round(total * rng.uniform(low, high))
