"""Where the windows go on a desktop: side by side, inside the screen's available area, never overlapping.

A window manager may still move them; with none (a bare X server, a test rig) this is where they stay.
When the row is wider or taller than the screen, every window shrinks by the same factor and its view
is scaled rather than re-laid out, so a 1920×720 cluster on a laptop still looks like the cluster.
"""

from __future__ import annotations

from typing import NamedTuple


class Rect(NamedTuple):
    x: int
    y: int
    width: int
    height: int


def side_by_side(sizes: list[tuple[int, int]], available: Rect) -> tuple[float, list[Rect]]:
    """The common scale (at most 1) and each window's rectangle, left to right, tops aligned."""
    if not sizes:
        return 1.0, []
    total = sum(w for w, _ in sizes)
    tallest = max(h for _, h in sizes)
    scale = min(1.0, available.width / total, available.height / tallest)
    rects, x = [], available.x
    for w, h in sizes:
        rect = Rect(x, available.y, int(w * scale), int(h * scale))
        rects.append(rect)
        x += rect.width
    return scale, rects
