"""A drive along a route on the map, as the simulator's speed trace: the car keeps to each road's
limit, slows for corners so that the sideways acceleration stays comfortable, stops at red lights
(each light with its own seeded cycle) and at the destination; the EV model then drives that trace
as it drives a regulatory cycle. ``RouteTrack.locate`` turns the distance driven into the car's
position and heading on the route.
"""

from __future__ import annotations

import math
import random
from bisect import bisect_right
from dataclasses import dataclass
from pathlib import Path

from cockpit.navigation.graph import RoadGraph, Way, along_m, bearing, turn_angle
from cockpit.navigation.route import Route

from .cycles import DriveCycle

LATERAL_MS2 = 2.0  # comfortable in a corner; a driver seldom goes beyond 3 m/s² in town
ACCEL_MS2 = 1.5
DECEL_MS2 = 2.0
CORNER_M = 12.0  # how far before and after a junction a turn's arc runs (a corner's size in town)
STEP_S = 0.1  # the trace's sampling: the simulator's own physics step
# A traffic light: a seeded cycle per light, green for part of it (yellow counted as red here).
LIGHT_CYCLE_S = (60.0, 90.0)
GREEN_SHARE = (0.4, 0.6)
STOP_LINE_M = 4.0  # the car stops this far before the light's node
MAX_LANES = 6  # a road in the simulator has at most this many lanes each way (the catalogue's bound)


@dataclass(frozen=True)
class Light:
    at_m: float
    period_s: float
    green_s: float
    offset_s: float

    def green(self, t: float) -> bool:
        return (t + self.offset_s) % self.period_s < self.green_s


class RouteTrack:
    """A route's geometry and the speed trace a car drives on it."""

    def __init__(self, graph: RoadGraph, route: Route, seed: int = 1):
        self.route = route
        self.points = [graph.nodes[n] for n in route.nodes]
        self.at = along_m(self.points)
        self.length_m = self.at[-1]
        self.headings = [bearing(a, b) for a, b in zip(self.points, self.points[1:], strict=False)] or [0.0]
        rng = random.Random(f"{seed}/lights")
        self.lights = [Light(self.at[i], p := rng.uniform(*LIGHT_CYCLE_S), p * rng.uniform(*GREEN_SHARE),
                             rng.uniform(0, p))
                       for i, n in enumerate(route.nodes[1:-1], start=1) if n in graph.signals]
        self.cycle = DriveCycle(f"route-{route.nodes[0]}-{route.nodes[-1]}", *self._trace(graph))
        # per stretch of the route: the lanes in the car's direction and the limit
        self._roads = [(_lanes_this_way(graph.ways[w]), graph.ways[w].maxspeed_kmh) for w in route.ways]

    def _envelope(self, graph: RoadGraph) -> list[float]:
        """The highest speed (m/s) at each metre of the route: limits, corners, 0 at both ends."""
        n = int(math.ceil(self.length_m)) + 1
        v = [math.inf] * n
        for i, w in enumerate(self.route.ways):
            a, b = int(self.at[i]), int(math.ceil(self.at[i + 1]))
            # a metre where two roads meet keeps to the lower limit of the two
            limit = graph.ways[w].maxspeed_kmh / 3.6
            for k in range(a, min(b + 1, n)):
                v[k] = min(v[k], limit)
        nodes = self.route.nodes
        for i in range(1, len(nodes) - 1):
            theta = math.radians(abs(turn_angle(graph, nodes[i - 1], nodes[i], nodes[i + 1])))
            if theta < 1e-3:
                continue
            tangent = min(CORNER_M, (self.at[i] - self.at[i - 1]) / 2, (self.at[i + 1] - self.at[i]) / 2)
            radius = tangent / math.tan(min(theta, math.radians(170)) / 2)
            k = int(round(self.at[i]))
            v[k] = min(v[k], math.sqrt(LATERAL_MS2 * max(radius, 1.0)))
        v[0] = v[-1] = 0.0
        # what the car can brake down to: from each metre, every lower speed ahead within reach
        for k in range(n - 2, -1, -1):
            v[k] = min(v[k], math.sqrt(v[k + 1] ** 2 + 2 * DECEL_MS2))
        return v

    def _trace(self, graph: RoadGraph) -> tuple[tuple[float, ...], tuple[float, ...]]:
        env = self._envelope(graph)
        end = self.length_m
        t, s, v = 0.0, 0.0, 0.0
        times, speeds = [0.0], [0.0]
        lights = list(self.lights)
        for _ in range(int(4 * 3600 / STEP_S)):  # a city route ends long before: a bound, not a limit
            while lights and s > lights[0].at_m - STOP_LINE_M + 0.5:
                lights.pop(0)  # passed (or stopped at and now green)
            # the envelope a step and a metre ahead: at the start it is 0, a metre on the car may move
            target = float(env[min(int(s + v * STEP_S) + 1, len(env) - 1)])
            if lights and not lights[0].green(t):
                gap = lights[0].at_m - STOP_LINE_M - s
                if v * v / (2 * DECEL_MS2 * 1.5) <= gap + 1.0:  # can stop in time: stop (else go through on amber)
                    target = min(target, math.sqrt(2 * DECEL_MS2 * max(gap - v * STEP_S, 0.0)))
            v1 = min(target, v + ACCEL_MS2 * STEP_S)
            v1 = max(v1, v - 2 * DECEL_MS2 * STEP_S, 0.0)
            ds = (v + v1) / 2 * STEP_S
            if s + ds >= end - 1e-6 or (s >= end - 0.5 and v1 < 0.05):
                # the last step: arrive at the end exactly, at standstill
                left = max(end - s, 0.0)
                dt = 2 * left / v if v > 0.05 else STEP_S
                t += dt
                times.append(t)
                speeds.append(0.0)
                break
            t, s, v = t + STEP_S, s + ds, v1
            times.append(t)
            speeds.append(v1 * 3.6)
        return tuple(times), tuple(speeds)

    def road_at(self, driven_m: float) -> tuple[int, float]:
        """(lanes in the car's direction, limit in km/h) after ``driven_m`` along the route."""
        i = min(max(bisect_right(self.at, driven_m) - 1, 0), len(self._roads) - 1)
        return self._roads[i]

    def locate(self, driven_m: float) -> tuple[float, float, float]:
        """(latitude, longitude, heading in degrees) after ``driven_m`` along the route."""
        s = min(max(driven_m, 0.0), self.length_m)
        i = min(max(bisect_right(self.at, s) - 1, 0), len(self.points) - 2) if len(self.points) > 1 else 0
        if len(self.points) == 1:
            return (*self.points[0], 0.0)
        seg = self.at[i + 1] - self.at[i]
        f = (s - self.at[i]) / seg if seg > 0 else 0.0
        (la1, lo1), (la2, lo2) = self.points[i], self.points[i + 1]
        return la1 + (la2 - la1) * f, lo1 + (lo2 - lo1) * f, self.headings[i]


def _lanes_this_way(way: Way) -> int:
    """A two-way road's lanes are shared by both directions; OSM's ``lanes`` counts them all."""
    lanes = way.lanes or (1 if way.oneway else 2)
    return max(1, min(MAX_LANES, lanes if way.oneway else lanes // 2))


def plan(map_file: Path | None, origin: str, destination: str, seed: int = 1) -> RouteTrack:
    """The drive from ``origin`` to ``destination`` (street names or "lat,lon") on a map
    (default: the shipped one); MapError, PlaceError or NoRoute say why there is none."""
    from cockpit.navigation.cache import load_graph
    from cockpit.navigation.graph import DEFAULT_MAP
    from cockpit.navigation.places import resolve
    from cockpit.navigation.route import route
    from cockpit.navigation.search import StreetIndex

    graph = load_graph(map_file or DEFAULT_MAP)
    streets = StreetIndex(graph)
    a, b = resolve(graph, streets, origin), resolve(graph, streets, destination)
    return RouteTrack(graph, route(graph, a.node, b.node), seed)
