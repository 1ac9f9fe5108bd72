"""The road graph of an OpenStreetMap extract (.osm.pbf), read with pyosmium: the ways a car may
drive as directed edges between their nodes, with length, the time at the speed limit, the way's
name, class, limit and lanes; traffic signals; turn restrictions. Built in one pass over the file.

What a car may drive: the highway classes below (and their _link roads); ``access``/
``motor_vehicle`` no or private leave a way out. One-way: ``oneway=yes|true|1`` (forward),
``-1|reverse`` (backward); a roundabout and a motorway are one-way unless tagged ``oneway=no``.
Turn restrictions are ``type=restriction`` relations from a way over a node to a way: ``no_*``
forbids that turn, ``only_*`` forbids every other one; those that exempt cars (``except=motorcar``)
or go over a way rather than a node are left out and counted.
A missing or unusable ``maxspeed`` takes the class's usual limit in a built-up area (the shipped
extract is central Helsinki: Finland's 50 km/h urban default; residential streets 30, living
streets 20, as signed there).
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from cockpit.resources import ASSETS_DIR

DEFAULT_MAP = ASSETS_DIR / "maps" / "helsinki.osm.pbf"
ATTRIBUTION = "© OpenStreetMap contributors"  # ODbL: on the map and in NOTICE
MAX_MAP_BYTES = 2 << 30  # a country extract; larger is refused before parsing
# The graph takes ~95 MB per 100k road nodes (benchmarks/bench_navigation_graph.py): past this many
# the extract is refused while it is read, before it takes the car's memory (~2 GB).
MAX_ROAD_NODES = 2_000_000
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


class _TooBig(Exception):
    """Raised inside the reader to stop at MAX_ROAD_NODES."""


@dataclass(frozen=True, slots=True)
class Way:
    osm_id: int
    name: str
    highway: str
    maxspeed_kmh: float
    lanes: int | None
    oneway: int  # 1 forward, -1 backward, 0 both ways
    roundabout: bool = False


@dataclass(frozen=True, slots=True)
class Edge:
    to: int
    length_m: float
    seconds: float  # at the way's limit
    way: int  # index into RoadGraph.ways


@dataclass(frozen=True, slots=True)
class Restriction:
    from_way: int  # OSM ids
    via: int
    to_way: int
    only: bool  # only_* (every other turn from from_way at via is forbidden) rather than no_*
    kind: str  # the tag's value: no_left_turn, only_straight_on, ...


@dataclass
class RoadGraph:
    nodes: dict[int, tuple[float, float]] = field(default_factory=dict)  # OSM id -> (lat, lon)
    edges: dict[int, list[Edge]] = field(default_factory=dict)  # from -> edges out of it
    ways: list[Way] = field(default_factory=list)
    signals: set[int] = field(default_factory=set)  # nodes with traffic signals
    restrictions: list[Restriction] = field(default_factory=list)
    skipped_restrictions: int = 0  # over a way, exempting cars, or naming ways not on this map
    _rules: dict[tuple[int, int], list[Restriction]] = field(default_factory=dict, repr=False)

    def add_restriction(self, r: Restriction) -> None:
        self.restrictions.append(r)
        self._rules.setdefault((r.from_way, r.via), []).append(r)

    def edge(self, a: int, b: int) -> Edge | None:
        return next((e for e in self.edges.get(a, ()) if e.to == b), None)

    def turn_allowed(self, came_way: int, via: int, next_way: int) -> bool:
        """Whether a car arriving at ``via`` on way ``came_way`` may leave on ``next_way``
        (indexes into ways), as far as the map's turn restrictions say."""
        rules = self._rules.get((self.ways[came_way].osm_id, via))
        if not rules:
            return True
        to = self.ways[next_way].osm_id
        only = [r for r in rules if r.only]
        if only and all(r.to_way != to for r in only):
            return False
        # a no_u_turn back onto the same way is the U-turn route.py allows only at a dead end; one onto
        # another way (the other carriageway) forbids that turn like any no_*
        return not any(not r.only and r.to_way == to and not (r.kind == "no_u_turn" and r.to_way == r.from_way)
                       for r in rules)

    def u_turn_banned(self, came_way: int, via: int) -> bool:
        rules = self._rules.get((self.ways[came_way].osm_id, via), ())
        return any(r.kind == "no_u_turn" for r in rules)


def distance_m(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance (haversine) between two (lat, lon) points."""
    la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * EARTH_M * math.asin(math.sqrt(h))


def along_m(points: list[tuple[float, float]]) -> list[float]:
    """The distance from the first point to each point of a polyline (m): 0.0 first, the length last."""
    out = [0.0]
    for a, b in zip(points, points[1:], strict=False):
        out.append(out[-1] + distance_m(a, b))
    return out


def mercator(lat: float, lon: float) -> tuple[float, float]:
    """(x, y) in Web Mercator, 0..1 from the antimeridian and from the north edge (the map's tiles)."""
    lat = max(-85.05112878, min(85.05112878, lat))
    s = math.sin(math.radians(lat))
    return (lon + 180.0) / 360.0, 0.5 - math.log((1 + s) / (1 - s)) / (4 * math.pi)


def bearing(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Initial compass bearing from a to b, degrees clockwise from north in [0, 360)."""
    la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
    y = math.sin(lo2 - lo1) * math.cos(la2)
    x = math.cos(la1) * math.sin(la2) - math.sin(la1) * math.cos(la2) * math.cos(lo2 - lo1)
    return math.degrees(math.atan2(y, x)) % 360.0


def turn_angle(graph: RoadGraph, a: int, b: int, c: int) -> float:
    """How far a car going a -> b -> c turns at b: degrees in (-180, 180], positive to the right."""
    turn = bearing(graph.nodes[b], graph.nodes[c]) - bearing(graph.nodes[a], graph.nodes[b])
    return (turn + 180.0) % 360.0 - 180.0 or 0.0


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


def _restriction(tags, members) -> tuple[str, int, int, int] | None:  # noqa: ANN001 - osmium's
    """(kind, from way, via node, to way) of a restriction relation a car must obey, else None."""
    kind = tags.get("restriction:motorcar") or tags.get("restriction") or ""
    if not kind.startswith(("no_", "only_")) or "motorcar" in tags.get("except", "").split(";"):
        return None
    roles = {}
    for m in members:
        if m.role in ("from", "via", "to"):
            if m.role in roles:  # two from-ways or a chain of via-ways: not a simple turn
                return None
            roles[m.role] = (m.type, m.ref)
    if [roles.get(r, ("", 0))[0] for r in ("from", "via", "to")] != ["w", "n", "w"]:
        return None
    return kind, roles["from"][1], roles["via"][1], roles["to"][1]


class ReadProgress:
    """How far libosmium has read ``path``: the offset of the file it opened, from /proc (Linux).
    Its reader threads run ahead of the work on what they read (a small extract is read whole before
    the first way is handled), so this says how much is read, not how much is built."""

    def __init__(self, path: Path, report: Callable[[int, int], None]):
        self._path = os.path.realpath(path)
        self._size = os.path.getsize(self._path)
        self._report = report
        self._fd: str | None = None
        self._calls = 0

    def tick(self) -> None:
        self._calls += 1
        if self._calls % 20_000:
            return
        done = self._offset()
        if done is not None:
            self._report(min(done, self._size), self._size)

    def _offset(self) -> int | None:
        try:
            if self._fd is None:
                self._fd = next((fd for fd in os.listdir("/proc/self/fd")
                                 if _readlink(f"/proc/self/fd/{fd}") == self._path), None)
            # the descriptor still ours: once libosmium closes it, another file may get its number
            if self._fd is not None and _readlink(f"/proc/self/fd/{self._fd}") == self._path:
                with open(f"/proc/self/fdinfo/{self._fd}", encoding="ascii") as info:
                    return next(int(line.split()[1]) for line in info if line.startswith("pos:"))
            self._fd = None
        except (OSError, StopIteration, ValueError):
            self._fd = None
        return None


def _readlink(link: str) -> str:
    try:
        return os.readlink(link)
    except OSError:
        return ""


def check_map(path: Path | str) -> None:
    """MapError unless ``path`` is a file osmium opens as an extract (its header only: quick, so a
    command can refuse a wrong --map before it opens a window; a cut-short file shows later)."""
    import osmium

    try:
        size = Path(path).stat().st_size
        if size > MAX_MAP_BYTES:
            raise MapError(f"{path}: {size:,} bytes; an extract of at most {MAX_MAP_BYTES:,} is read")
        reader = osmium.io.Reader(str(path), osmium.osm.osm_entity_bits.NOTHING)
        reader.header()
        reader.close()
    except OSError as exc:
        raise MapError(f"{path}: {exc.strerror or exc}") from None
    except RuntimeError as exc:
        raise MapError(f"{path}: not an OpenStreetMap extract osmium can read ({str(exc)[:200]})") from None


def build_graph(path: Path | str = DEFAULT_MAP, progress: Callable[[int, int], None] | None = None) -> RoadGraph:
    """The road graph of ``path``; MapError when it is not a readable extract. ``progress(done,
    total)`` hears how many of the file's bytes have been read, now and then."""
    import osmium

    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise MapError(f"{path}: {exc.strerror or exc}") from None
    if size > MAX_MAP_BYTES:
        raise MapError(f"{path}: {size:,} bytes; an extract of at most {MAX_MAP_BYTES:,} is read")
    graph = RoadGraph()
    raw: list[tuple[str, int, int, int]] = []
    tick = ReadProgress(path, progress).tick if progress else (lambda: None)

    class Reader(osmium.SimpleHandler):
        def node(self, n) -> None:  # noqa: ANN001
            tick()
            if n.tags.get("highway") == "traffic_signals":
                graph.signals.add(n.id)

        def relation(self, r) -> None:  # noqa: ANN001
            if r.tags.get("type") == "restriction":
                turn = _restriction(r.tags, r.members)
                if turn is None:
                    graph.skipped_restrictions += 1
                else:
                    raw.append(turn)

        def way(self, w) -> None:  # noqa: ANN001
            tick()
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
                      int(lanes) if lanes.isdigit() and 0 < int(lanes) < 20 else None, oneway(tags),
                      tags.get("junction") in ("roundabout", "circular"))
            if len(graph.nodes) > MAX_ROAD_NODES:
                raise _TooBig
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
    except _TooBig:
        raise MapError(f"{path}: more than {MAX_ROAD_NODES:,} road nodes, more than the car's memory is kept "
                       "for (~95 MB per 100,000); cut a smaller extract (osmium extract --bbox ...)") from None
    except RuntimeError as exc:  # libosmium: not a PBF/XML extract, truncated, corrupt
        raise MapError(f"{path}: not an OpenStreetMap extract osmium can read ({str(exc)[:200]})") from None
    if not graph.edges:
        raise MapError(f"{path}: no road a car may drive")
    _keep_restrictions(graph, raw)
    if progress:
        progress(size, size)
    return graph


def _keep_restrictions(graph: RoadGraph, raw: list[tuple[str, int, int, int]]) -> None:
    """Keep the restrictions whose ways are on the graph and meet at their via node, and an only_*
    whose to-way is no road a car may drive here (a bus street): a car may then take no turn there."""
    named = {w for _, f, _, t in raw for w in (f, t)}
    at: dict[int, set[int]] = {}  # way OSM id -> its nodes on the graph, for the ways restrictions name
    for a, out in graph.edges.items():
        for e in out:
            osm = graph.ways[e.way].osm_id
            if osm in named:
                at.setdefault(osm, set()).update((a, e.to))
    for kind, from_way, via, to_way in raw:
        only = kind.startswith("only_")
        if via in at.get(from_way, ()) and (via in at.get(to_way, ()) or (only and to_way not in at)):
            graph.add_restriction(Restriction(from_way, via, to_way, only, kind))
        else:
            graph.skipped_restrictions += 1


def largest_component(graph: RoadGraph) -> set[int]:
    """The largest set of road nodes that all reach each other (Tarjan's strongly connected
    components, without recursion): where a destination is reachable from most of the map."""
    index: dict[int, int] = {}
    low: dict[int, int] = {}
    on: set[int] = set()
    stack: list[int] = []
    best: set[int] = set()
    for root in graph.edges:
        if root in index:
            continue
        index[root] = low[root] = len(index)
        stack.append(root)
        on.add(root)
        work = [(root, iter(graph.edges.get(root, ())))]
        while work:
            node, out = work[-1]
            for e in out:
                if e.to not in index:
                    index[e.to] = low[e.to] = len(index)
                    stack.append(e.to)
                    on.add(e.to)
                    work.append((e.to, iter(graph.edges.get(e.to, ()))))
                    break
                if e.to in on:
                    low[node] = min(low[node], index[e.to])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    part = set()
                    while (x := stack.pop()) != node:
                        part.add(x)
                    part.add(node)
                    on -= part
                    if len(part) > len(best):
                        best = part
    return best
