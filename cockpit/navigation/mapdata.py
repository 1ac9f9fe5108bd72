"""What the map draws, read from the same OpenStreetMap extract as the road graph: roads and paths
by class with their names, water, green areas and buildings (areas from closed ways and
multipolygon relations, assembled by osmium). Points are kept in Web Mercator units (0..1 across
the world), the projection the map's tiles use, with a bounding box per feature so a tile finds
its features without looking at the others.

The sea is not drawn: an extract holds a coastline only as lines, and closing them into a sea
polygon needs the whole coast (a job for a planet-wide tool, not for the car).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .graph import MapError, mercator

# drawing order, back to front; a road's class decides its width and colour
AREAS = {
    "water": {("natural", "water"), ("landuse", "basin"), ("landuse", "reservoir"), ("waterway", "riverbank")},
    "green": {("leisure", "park"), ("landuse", "grass"), ("natural", "scrub"), ("natural", "heath"),
              ("natural", "wood"), ("landuse", "forest"), ("landuse", "recreation_ground"),
              ("leisure", "garden"), ("landuse", "meadow")},
}
ROAD_CLASS = {
    "motorway": "major", "trunk": "major", "primary": "major", "secondary": "major",
    "motorway_link": "major", "trunk_link": "major", "primary_link": "major", "secondary_link": "major",
    "tertiary": "minor", "tertiary_link": "minor", "unclassified": "minor", "residential": "minor",
    "living_street": "minor", "service": "service", "pedestrian": "path", "footway": "path",
    "cycleway": "path", "path": "path", "steps": "path", "track": "path",
}


@dataclass
class Feature:
    kind: str  # water, green, building, or a road class: major, minor, service, path
    points: np.ndarray  # (n, 2) Web Mercator; an area's outer ring closed
    name: str = ""
    holes: list[np.ndarray] = field(default_factory=list)


@dataclass
class MapData:
    features: list[Feature]
    boxes: np.ndarray  # (n, 4): min x, min y, max x, max y of each feature
    bounds: tuple[float, float, float, float]  # of everything

    def within(self, x0: float, y0: float, x1: float, y1: float) -> list[Feature]:
        b = self.boxes
        hit = np.nonzero((b[:, 0] <= x1) & (b[:, 2] >= x0) & (b[:, 1] <= y1) & (b[:, 3] >= y0))[0]
        return [self.features[i] for i in hit]


def _ring(nodes) -> np.ndarray:  # noqa: ANN001 - an osmium ring
    return np.array([mercator(n.lat, n.lon) for n in nodes], dtype=np.float64)


def load_map_data(path: Path | str) -> MapData:
    import osmium

    features: list[Feature] = []

    class Reader(osmium.SimpleHandler):
        def way(self, w) -> None:  # noqa: ANN001
            kind = ROAD_CLASS.get(w.tags.get("highway", ""))
            if kind is None or w.tags.get("area") == "yes":
                return
            pts = [mercator(n.lat, n.lon) for n in w.nodes if n.location.valid()]
            if len(pts) >= 2:
                features.append(Feature(kind, np.array(pts), w.tags.get("name", "")))

        def area(self, a) -> None:  # noqa: ANN001
            tags = a.tags
            kind = "building" if "building" in tags else next(
                (k for k, pairs in AREAS.items() if any(tags.get(t) == v for t, v in pairs)), None)
            if kind is None:
                return
            try:
                for outer in a.outer_rings():
                    holes = [_ring(inner) for inner in a.inner_rings(outer)]
                    ring = _ring(outer)
                    if len(ring) >= 3:
                        features.append(Feature(kind, ring, "", holes))
            except (RuntimeError, osmium.InvalidLocationError):
                return  # an area cut by the extract's edge: left out

    try:
        Reader().apply_file(str(path), locations=True)
    except RuntimeError as exc:
        raise MapError(f"{path}: not an OpenStreetMap extract osmium can read ({str(exc)[:200]})") from None
    order = {"water": 0, "green": 1, "building": 2, "path": 3, "service": 4, "minor": 5, "major": 6}
    features.sort(key=lambda f: order[f.kind])
    if not features:
        raise MapError(f"{path}: nothing to draw")
    boxes = np.array([[*f.points.min(axis=0), *f.points.max(axis=0)] for f in features])
    bounds = (float(boxes[:, 0].min()), float(boxes[:, 1].min()), float(boxes[:, 2].max()), float(boxes[:, 3].max()))
    return MapData(features, boxes, bounds)
