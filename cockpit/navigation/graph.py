"""The road graph of an OpenStreetMap extract (.osm.pbf), read with pyosmium: the ways a car may
drive as directed edges between their nodes, with length, the time at the speed limit, the way's
name, class, limit and lanes; traffic signals. Built in one pass over the file.

What a car may drive: the highway classes below (and their _link roads); ``access``/
``motor_vehicle`` no or private leave a way out. One-way: ``oneway=yes|true|1`` (forward),
``-1|reverse`` (backward); a roundabout and a motorway are one-way unless tagged ``oneway=no``.
A missing or unusable ``maxspeed`` takes the class's usual limit in a built-up area (the shipped
extract is central Helsinki: Finland's 50 km/h urban default; residential streets 30, living
streets 20, as signed there).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import Path

from cockpit.resources import ASSETS_DIR

DEFAULT_MAP = ASSETS_DIR / "maps" / "helsinki.osm.pbf"
ATTRIBUTION = "© OpenStreetMap contributors"  # ODbL: on the map and in NOTICE
MAX_MAP_BYTES = 2 << 30  # a country extract; larger is refused before parsing
# the car-drivable classes and their usual limit (km/h) where a way has none
DRIVABLE: dict[str, float] = {
    "motorway": 100, "trunk": 80, "primary": 50, "secondary": 50, "tertiary": 50, "unclassified": 50,
    "residential": 30, "living_street": 20, "service": 20,
    "motorway_link": 60, "trunk_link": 50, "primary_link": 40, "secondary_link": 40, "tertiary_link": 40,
}
_NO = {"no", "private"}
_SPEED = re.compile(r"\s*(\d+(?:\.\d+)?)\s*(mph|km/h|kmh)?\s*")
EARTH_M = 6_371_008.8


class MapError(ValueError):
    """An extract that cannot be read; the message names the file and the reason."""


@dataclass(frozen=True, slots=True)
class Way:
    osm_id: int
    name: str
    highway: str
    maxspeed_kmh: float
    lanes: int | None
    oneway: int  # 1 forward, -1 backward, 0 both ways


@dataclass(frozen=True, slots=True)
class Edge:
    to: int
    length_m: float
    seconds: float  # at the way's limit
    way: int  # index into RoadGraph.ways


@dataclass
class RoadGraph:
    nodes: dict[int, tuple[float, float]] = field(default_factory=dict)  # OSM id -> (lat, lon)
    edges: dict[int, list[Edge]] = field(default_factory=dict)  # from -> edges out of it
    ways: list[Way] = field(default_factory=list)
    signals: set[int] = field(default_factory=set)  # nodes with traffic signals

    def edge(self, a: int, b: int) -> Edge | None:
        return next((e for e in self.edges.get(a, ()) if e.to == b), None)


def distance_m(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance (haversine) between two (lat, lon) points."""
    la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * EARTH_M * math.asin(math.sqrt(h))


def maxspeed_kmh(tag: str | None, highway: str) -> float:
    """A way's limit: ``maxspeed`` in km/h ("50", "30 mph"), else the class's usual one."""
    if tag and (m := _SPEED.fullmatch(tag)):
        value = float(m.group(1)) * (1.609344 if m.group(2) == "mph" else 1.0)
        if 5 <= value <= 200:
            return value
    return DRIVABLE[highway]


def oneway(tags) -> int:  # noqa: ANN001 - osmium's tag list
    value = tags.get("oneway", "")
    if value in ("yes", "true", "1"):
        return 1
    if value in ("-1", "reverse"):
        return -1
    if value == "no":
        return 0
    return 1 if tags.get("junction") in ("roundabout", "circular") or tags.get("highway") == "motorway" else 0


def drivable(tags) -> bool:  # noqa: ANN001
    if tags.get("highway") not in DRIVABLE or tags.get("area") == "yes":
        return False
    car = tags.get("motor_vehicle") or tags.get("motorcar")
    if car in _NO:
        return False
    return not (tags.get("access") in _NO and car not in ("yes", "designated", "destination"))


def build_graph(path: Path | str = DEFAULT_MAP) -> RoadGraph:
    """The road graph of ``path``; MapError when it is not a readable extract."""
    import osmium

    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise MapError(f"{path}: {exc.strerror or exc}") from None
    if size > MAX_MAP_BYTES:
        raise MapError(f"{path}: {size:,} bytes; an extract of at most {MAX_MAP_BYTES:,} is read")
    graph = RoadGraph()

    class Reader(osmium.SimpleHandler):
        def node(self, n) -> None:  # noqa: ANN001
            if n.tags.get("highway") == "traffic_signals":
                graph.signals.add(n.id)

        def way(self, w) -> None:  # noqa: ANN001
            tags = w.tags
            if not drivable(tags):
                return
            # a node outside the extract has no location: the road is cut there, never bridged
            points = [(n.ref, (n.lat, n.lon)) if n.location.valid() else None for n in w.nodes]
            if sum(p is not None for p in points) < 2:
                return
            highway = tags["highway"]
            lanes = tags.get("lanes", "")
            way = Way(w.id, tags.get("name", ""), highway, maxspeed_kmh(tags.get("maxspeed"), highway),
                      int(lanes) if lanes.isdigit() and 0 < int(lanes) < 20 else None, oneway(tags))
            index = len(graph.ways)
            graph.ways.append(way)
            speed = way.maxspeed_kmh / 3.6
            for first, second in zip(points, points[1:], strict=False):
                if first is None or second is None:
                    continue
                (a, pa), (b, pb) = first, second
                graph.nodes[a], graph.nodes[b] = pa, pb
                length = distance_m(pa, pb)
                if way.oneway >= 0:
                    graph.edges.setdefault(a, []).append(Edge(b, length, length / speed, index))
                if way.oneway <= 0:
                    graph.edges.setdefault(b, []).append(Edge(a, length, length / speed, index))

    try:
        Reader().apply_file(str(path), locations=True)
    except RuntimeError as exc:  # libosmium: not a PBF/XML extract, truncated, corrupt
        raise MapError(f"{path}: not an OpenStreetMap extract osmium can read ({str(exc)[:200]})") from None
    if not graph.edges:
        raise MapError(f"{path}: no road a car may drive")
    return graph
