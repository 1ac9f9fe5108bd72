"""A place a driver names, as a node of the road graph: a street by name (search.py) or a point
"lat,lon". An unknown street is refused with the closest names on the map."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from .graph import RoadGraph, distance_m
from .route import nearest_node
from .search import StreetIndex

_POINT = re.compile(r"\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*")
# a point further than this from every road of the map is not on it
MAX_SNAP_M = 2_000.0


class PlaceError(ValueError):
    """A place not on the map; ``suggestions`` holds the closest street names, if any."""

    def __init__(self, message: str, suggestions: list[str] | None = None):
        super().__init__(message)
        self.suggestions = suggestions or []


@dataclass(frozen=True)
class Place:
    label: str  # as the driver reads it: the street's name as the map spells it, or the point
    node: int


def resolve(graph: RoadGraph, streets: StreetIndex, text: str) -> Place:
    if m := _POINT.fullmatch(text):
        lat, lon = float(m.group(1)), float(m.group(2))
        if not (math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180):
            raise PlaceError(f"{text.strip()}: not a latitude,longitude")
        node = nearest_node(graph, lat, lon)
        if distance_m(graph.nodes[node], (lat, lon)) > MAX_SNAP_M:
            raise PlaceError(f"{lat:.5f},{lon:.5f} is not on this map (no road within {MAX_SNAP_M / 1000:g} km)")
        return Place(f"{lat:.5f}, {lon:.5f}", node)
    found = streets.find(text)
    if found.streets:
        street = found.streets[0]
        return Place(street.name, street.destination)
    shown = text.strip()[:60] or "(nothing)"
    if found.suggestions:
        raise PlaceError(f"no street called {shown!r} on this map; did you mean {_either(found.suggestions)}?",
                         found.suggestions)
    raise PlaceError(f"no street called {shown!r} on this map")


def _either(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]
