"""NavigationStore: route guidance on the map. A destination (a street, "home"/"work" from the
driver's profile, or a point) gets the fastest route from where the car is; as the car moves the
store follows it along the route: the next maneuver and the distance to it, what is left, the
arrival time and the battery at arrival; spoken prompts at the right distances; a new route when
the car leaves this one.

Where the car is: ``Vehicle.CurrentLocation.*`` when the car publishes it (a route driven by the
simulator, a real car's GNSS). A car that publishes no position (a drive cycle) starts its routes
from the map's centre and moves along them by its odometer, so guidance still counts down.

The map loads on a thread of its own after start (a big extract takes seconds; the first frame
does not wait). A map that does not load leaves the one before in use and says why.
"""

from __future__ import annotations

import heapq
import logging
import math
import re
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from PySide6.QtCore import Property, QPointF, Signal, Slot
from PySide6.QtQml import QmlElement, QmlUncreatable

from cockpit.navigation.graph import ATTRIBUTION, DEFAULT_MAP, MapError, along_m, bearing, distance_m, mercator
from cockpit.navigation.guidance import Announcer, Maneuver, instruction, maneuvers
from cockpit.navigation.places import PlaceError, resolve
from cockpit.navigation.route import NoRoute, route

from .domain import DomainStore, prop
from .map_tiles import MapTiles

QML_IMPORT_NAME = "Cockpit.Stores"
QML_IMPORT_MAJOR_VERSION = 1
log = logging.getLogger(__name__)

SPEED = "Vehicle.Speed"
ODO = "Vehicle.TraveledDistance"
LAT, LON, HEADING = (f"Vehicle.CurrentLocation.{k}" for k in ("Latitude", "Longitude", "Heading"))
SOC = "Vehicle.Powertrain.TractionBattery.StateOfCharge.Current"
CAPACITY = "Vehicle.Powertrain.TractionBattery.NetCapacity"
CONSUMPTION = "Cockpit.Trip.AverageConsumption"
DEFAULT_WH_PER_KM = 170.0  # the EV model's own assumption before there is a trip to go by
ARRIVED_M = 25.0  # this close to the destination, at walking pace, the car has arrived
OFF_ROUTE_M = 40.0  # further than this from the route...
OFF_ROUTE_FIXES = 3  # ...this many position fixes in a row: a new route from here
PROFILE_PLACES = ("home", "work")
MAX_SUGGESTIONS = 5


@QmlElement
@QmlUncreatable("created by the application")
class NavigationStore(DomainStore):
    changed = Signal()
    routeChanged = Signal()  # the route line: seldom (a new route), unlike the rest
    mapChanged = Signal()
    failed = Signal(str)
    announce = Signal(str)  # a spoken prompt ("In 200 metres, turn left onto ...")
    _loaded = Signal(object, object)  # (what was loaded, the error) from the loading thread

    PATHS = frozenset([SPEED, ODO, LAT, LON, HEADING, SOC, CAPACITY, CONSUMPTION])

    def __init__(self, signals, parent=None, *, map_file: Path | None = None,  # noqa: ANN001
                 profile_places: Callable[[], list[dict]] = list, tile_dir: Path | None = None):
        self._map_file = Path(map_file or DEFAULT_MAP)
        self._profile_places = profile_places
        super().__init__(signals, parent)
        self.tiles = MapTiles(tile_dir, self)  # the map's pictures, drawn from the map loaded here
        self._loaded.connect(self._use_map)
        self._loader = ThreadPoolExecutor(1, thread_name_prefix="map-loader")

    def setup(self) -> None:
        self._graph = self._streets = self._map_data = None
        self._map_error = ""
        self._pending: str | None = None  # a destination asked for before the map was there
        self._clear_route()

    def _clear_route(self) -> None:
        self._route = None
        self._dest_label = ""
        self._steps: list[Maneuver] = []
        self._at: list[float] = [0.0]
        self._points: list[tuple[float, float]] = []
        self._travelled = 0.0
        self._index = 0
        self._off = 0
        self._start_odo: float | None = None
        self._announcer = Announcer()
        self._path: list[QPointF] = []
        self._reroutes = 0

    # ----- the map ------------------------------------------------------------------------------

    def start(self) -> None:
        """Load the map on the loader thread (after the first frame)."""
        self.load_map(self._map_file)

    def load_map(self, path: Path) -> None:
        def load() -> None:
            from cockpit.navigation.cache import file_hash, load_graph
            from cockpit.navigation.mapdata import load_map_data
            from cockpit.navigation.search import StreetIndex

            try:
                digest = file_hash(path)
                graph = load_graph(path, digest=digest)
                result = (path, graph, StreetIndex(graph), load_map_data(path), digest[:16])
            except (MapError, OSError) as exc:
                self._loaded.emit(None, str(exc))
                return
            self._loaded.emit(result, None)

        self._loader.submit(load)

    def wait_for_map(self) -> None:
        """Block until the maps asked for so far have loaded (tests, screenshots); their results
        arrive with the next turn of the event loop."""
        self._loader.submit(lambda: None).result()

    def _use_map(self, result: Any, error: str | None) -> None:
        if error is not None:
            # the map before stays in use; say why the new one is not
            self._map_error = error if self._graph is None else f"{error}; the map before is kept"
            log.warning("map not loaded: %s", error)
            self.failed.emit(self._map_error)
            self.refresh()
            return
        self._map_file, self._graph, self._streets, self._map_data, digest = result
        self.tiles.use(self._map_data, digest)
        self._map_error = ""
        self._clear_route()
        self.mapChanged.emit()
        self.routeChanged.emit()
        if self._pending is not None:
            place, self._pending = self._pending, None
            self.go(place)
        self.refresh()

    def close(self) -> None:
        self._loader.shutdown(wait=False, cancel_futures=True)
        self.tiles.close()

    # ----- where the car is -------------------------------------------------------------------------

    def _position(self) -> tuple[float, float, float] | None:
        """(lat, lon, heading) as the car reports it, or None."""
        if self.valid(LAT) and self.valid(LON):
            return self.num(LAT), self.num(LON), self.num(HEADING) if self.valid(HEADING) else 0.0
        return None

    def _origin(self) -> int:
        pos = self._position()
        graph = self._graph
        if pos is None:  # no position: the map's middle, as a car parked there
            b = self._map_data.bounds
            x, y = (b[0] + b[2]) / 2, (b[1] + b[3]) / 2
            lat = math.degrees(math.atan(math.sinh(math.pi * (1 - 2 * y))))
            pos = (lat, x * 360 - 180, 0.0)
        lat, lon, heading = pos
        near = heapq.nsmallest(8, graph.edges, key=lambda n: distance_m(graph.nodes[n], (lat, lon)))
        # the nearest node ahead of the car rather than one behind it (no U-turn to start a route)
        ahead = [n for n in near if distance_m(graph.nodes[n], (lat, lon)) < 5
                 or abs((bearing((lat, lon), graph.nodes[n]) - heading + 180) % 360 - 180) < 90]
        return (ahead or near)[0]

    # ----- routes -----------------------------------------------------------------------------------

    @Slot(str, result=str)
    def go(self, place: str) -> str:
        """Guide to ``place``: a street of the map, "home" or "work" (the driver's profile), or
        "lat,lon". Returns "" or the reason there is no route (also emitted as ``failed``)."""
        place = place.strip()
        if not place:
            return self._fail("no destination given")
        if self._graph is None:
            if self._map_error:
                return self._fail(f"no map: {self._map_error}")
            self._pending = place  # the map is loading: go there once it is in
            return ""
        try:
            label, target = self._place(place)
            node = self._origin()
            r = route(self._graph, node, target)
        except PlaceError as exc:
            return self._fail(str(exc))
        except NoRoute:
            return self._fail(f"no road a car may take leads to {place} from here")
        self._set_route(r, label)
        return ""

    def _place(self, place: str) -> tuple[str, int]:
        key = place.lower()
        if key in PROFILE_PLACES:
            saved = next((p for p in self._profile_places() if p.get("key") == key), None)
            if saved is None:
                raise PlaceError(f"no {key} address in the driver's profile (set it on the Driver page)")
            if saved.get("latitude") is not None and saved.get("longitude") is not None:
                text = f"{saved['latitude']},{saved['longitude']}"
            else:  # an address: its street (a house number is no help to a map of streets)
                text = re.sub(r"\s+\d+\w?$", "", str(saved.get("address", "")).split(",")[0])
            found = resolve(self._graph, self._streets, text)
            return saved.get("label") or key.title(), found.node
        found = resolve(self._graph, self._streets, place)
        return found.label, found.node

    def _fail(self, why: str) -> str:
        self.failed.emit(why)
        return why

    def _set_route(self, r, label: str) -> None:  # noqa: ANN001
        reroute = bool(self._route) and label == self._dest_label
        reroutes = self._reroutes + 1 if reroute else 0
        self._clear_route()
        self._reroutes = reroutes
        g = self._graph
        self._route, self._dest_label = r, label
        self._points = [g.nodes[n] for n in r.nodes]
        self._at = along_m(self._points)
        self._steps = maneuvers(g, r)
        self._path = [QPointF(*mercator(*p)) for p in self._points]
        self._start_odo = self.num(ODO) if self.valid(ODO) else None
        self.routeChanged.emit()
        self.refresh()

    @Slot(result=str)
    def cancel(self) -> str:
        self._clear_route()
        self.routeChanged.emit()
        self.refresh()
        return ""

    # ----- following the car ------------------------------------------------------------------------

    def apply(self, batch) -> None:  # noqa: ANN001
        if self._route is not None and not self._paths.isdisjoint(batch):
            self._follow()
        super().apply(batch)

    def _follow(self) -> None:
        pos = self._position()
        if pos is None:  # dead reckoning along the route by the odometer
            if self._start_odo is None and self.valid(ODO):
                self._start_odo = self.num(ODO)
            if self._start_odo is not None and self.valid(ODO):
                self._travelled = min(self.num(ODO) - self._start_odo, self._at[-1])
        else:
            off = self._project(pos[0], pos[1])
            self._off = self._off + 1 if off > OFF_ROUTE_M else 0
            if self._off >= OFF_ROUTE_FIXES:
                self._reroute()
                return
        left = self._at[-1] - self._travelled
        if left <= ARRIVED_M and self.num(SPEED) < 5:
            self.announce.emit("You have arrived")
            self._clear_route()
            self.routeChanged.emit()
            return
        if (said := self._announcer.update(self._steps, self._travelled, self.num(SPEED))) is not None:
            self.announce.emit(said)

    def _project(self, lat: float, lon: float) -> float:
        """Move ``_travelled`` to the car's place on the route (searching a little behind and ahead
        of the last one); returns how far from the route the car is (m)."""
        near = range(max(0, self._index - 2), min(len(self._points) - 1, self._index + 40))
        best = self._nearest_on_route(lat, lon, near)
        if best[0] > OFF_ROUTE_M:  # not near where it was: anywhere on the route (a jump, a loop)
            best = self._nearest_on_route(lat, lon, range(len(self._points) - 1))
        d, i, t = best
        self._index = i
        self._travelled = max(self._travelled, self._at[i] + t * (self._at[i + 1] - self._at[i]))
        return d

    def _nearest_on_route(self, lat: float, lon: float, segments: range) -> tuple[float, int, float]:
        """(distance in m, segment, share along it) of the route's point nearest the car."""
        pts, best = self._points, (math.inf, 0, 0.0)
        coslat = math.cos(math.radians(lat))
        for i in segments:
            (la, lo), (lb, lob) = pts[i], pts[i + 1]
            ax, ay = (lo - lon) * coslat, la - lat
            bx, by = (lob - lon) * coslat, lb - lat
            dx, dy = bx - ax, by - ay
            t = max(0.0, min(1.0, -(ax * dx + ay * dy) / (dx * dx + dy * dy))) if dx or dy else 0.0
            d = math.hypot(ax + t * dx, ay + t * dy) * 111_195.0  # metres per degree of latitude
            if d < best[0]:
                best = (d, i, t)
        return best

    def _reroute(self) -> None:
        label = self._dest_label
        try:
            r = route(self._graph, self._origin(), self._route.nodes[-1])
        except NoRoute:
            self._off = 0
            self.failed.emit(f"off the route, and no road leads to {label} from here")
            return
        self._set_route(r, label)
        self.announce.emit("Route recalculated")

    # ----- what QML shows ---------------------------------------------------------------------------

    def compute(self) -> dict:
        pos = self._position()
        x, y = mercator(pos[0], pos[1]) if pos else (0.0, 0.0)
        base = {"ready": self._graph is not None, "mapError": self._map_error, "hasPosition": pos is not None,
                "carX": x, "carY": y, "heading": pos[2] if pos else 0.0, "reroutes": self._reroutes}
        if self._route is None:
            return {**base, "active": False, "destination": "", "distance": 0.0, "distanceUnit": "",
                    "etaMinutes": 0, "arrival": "", "arrivalSoc": -1.0, "maneuver": "", "maneuverText": "",
                    "maneuverStreet": "", "maneuverDistance": "", "maneuverUnit": "", "maneuverMetres": 0.0,
                    "exit": 0}
        left = max(self._at[-1] - self._travelled, 0.0)
        seconds = self._route.seconds * left / self._at[-1] if self._at[-1] > 0 else 0.0
        nxt = next((m for m in self._steps if m.at_m > self._travelled + 1 and m.type != "depart"), self._steps[-1])
        to_go = max(nxt.at_m - self._travelled, 0.0)
        value, unit = self.units.guidance_distance(to_go)
        return {
            **base,
            "active": True,
            "destination": self._dest_label,
            "distance": self.units.distance_km(left / 1000),
            "distanceUnit": self.units.distance_unit(),
            "etaMinutes": math.ceil(seconds / 60),
            "arrival": time.strftime("%H:%M", time.localtime(time.time() + seconds)),
            "arrivalSoc": self._soc_at_arrival(left),
            "maneuver": nxt.type,
            "maneuverText": instruction(nxt),
            "maneuverStreet": nxt.street,
            "maneuverDistance": value,
            "maneuverUnit": unit,
            "maneuverMetres": to_go,
            "exit": nxt.exit,
        }

    def _soc_at_arrival(self, left_m: float) -> float:
        if not (self.valid(SOC) and self.valid(CAPACITY)) or self.num(CAPACITY) <= 0:
            return -1.0
        per_km = self.num(CONSUMPTION) if self.valid(CONSUMPTION) and self.num(CONSUMPTION) > 60 else DEFAULT_WH_PER_KM
        return max(0.0, self.num(SOC) - left_m / 1000 * per_km / (self.num(CAPACITY) * 1000) * 100)

    def _suggestions(self) -> list[dict]:
        """Destinations one touch away: home and work when the driver's profile has them, and the
        map's longest main streets."""
        out = [{"label": p.get("label") or p["key"].title(), "place": p["key"], "icon": "home" if p["key"] == "home"
                else "route"} for p in self._profile_places() if p.get("key") in PROFILE_PLACES]
        if self._graph is not None:
            length: dict[str, float] = {}
            for out_edges in self._graph.edges.values():
                for e in out_edges:
                    w = self._graph.ways[e.way]
                    if w.name and w.highway in ("primary", "secondary", "trunk"):
                        length[w.name] = length.get(w.name, 0.0) + e.length_m
            out += [{"label": n, "place": n, "icon": "navigation"}
                    for n in sorted(length, key=length.get, reverse=True)[:MAX_SUGGESTIONS]]
        return out[:MAX_SUGGESTIONS]

    @property
    def places(self) -> list[str]:
        """What a driver may name as a destination by voice: home, work and the map's streets."""
        return [*PROFILE_PLACES, *(self._streets.names() if self._streets else [])]

    active = prop(bool, "active", changed)
    ready = prop(bool, "ready", changed)
    mapError = prop(str, "mapError", changed)
    destination = prop(str, "destination", changed)
    distance = prop(float, "distance", changed)
    distanceUnit = prop(str, "distanceUnit", changed)
    etaMinutes = prop(int, "etaMinutes", changed)
    arrival = prop(str, "arrival", changed)
    arrivalSoc = prop(float, "arrivalSoc", changed)
    maneuver = prop(str, "maneuver", changed)
    maneuverText = prop(str, "maneuverText", changed)
    maneuverStreet = prop(str, "maneuverStreet", changed)
    maneuverDistance = prop(str, "maneuverDistance", changed)
    maneuverUnit = prop(str, "maneuverUnit", changed)
    maneuverMetres = prop(float, "maneuverMetres", changed)  # unrounded, for a cue that grows as the turn nears (HUD)
    roundaboutExit = prop(int, "exit", changed)
    hasPosition = prop(bool, "hasPosition", changed)
    carX = prop(float, "carX", changed)
    carY = prop(float, "carY", changed)
    heading = prop(float, "heading", changed)
    reroutes = prop(int, "reroutes", changed)

    routePath = Property("QVariantList", lambda self: self._path, notify=routeChanged)  # Web Mercator points
    tilesObject = Property(MapTiles, lambda self: self.tiles, constant=True)
    # the middle of the map (Web Mercator): where the view looks while the car's position is unknown
    mapCenterX = Property(float, lambda self: sum(self._map_data.bounds[0::2]) / 2 if self._map_data else 0.5,
                          notify=mapChanged)
    mapCenterY = Property(float, lambda self: sum(self._map_data.bounds[1::2]) / 2 if self._map_data else 0.5,
                          notify=mapChanged)
    attribution = Property(str, lambda self: ATTRIBUTION, constant=True)
    suggestions = Property("QVariantList", _suggestions, notify=mapChanged)
