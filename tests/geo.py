"""Distances for the navigation tests, written here rather than imported from the code they check."""

import math


def metres(a, b) -> float:  # noqa: ANN001 - (lat, lon) pairs
    """Great-circle distance (haversine) between two points."""
    p1, p2 = math.radians(a[0]), math.radians(b[0])
    dp, dl = p2 - p1, math.radians(b[1] - a[1])
    return 2 * 6_371_008.8 * math.asin(math.sqrt(math.sin(dp / 2) ** 2
                                                 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2))
