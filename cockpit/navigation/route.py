"""Routes over a RoadGraph: the fastest (the speed limits, what each turn costs, the wait at traffic
lights) or the shortest, over the graph's edges rather than its nodes so that a turn can cost and be
forbidden; A* toward the goal (the straight line at the map's top limit never overestimates). A car
follows one-way streets, obeys the map's turn restrictions and turns back only at
a dead end (never in the middle of a street)."""

from __future__ import annotations

import heapq
from dataclasses import dataclass

from .graph import RoadGraph, distance_m, turn_angle

# Seconds a turn adds to a route in right-hand traffic: a left turn waits for oncoming traffic.
STRAIGHT_DEG, SLIGHT_DEG, SHARP_DEG, U_TURN_DEG = 30.0, 60.0, 120.0, 160.0
TURN_S = {"continue": 0.0, "slight-right": 5.0, "turn-right": 5.0, "slight-left": 10.0, "turn-left": 10.0,
          "sharp-right": 15.0, "sharp-left": 15.0, "uturn": 30.0}
# The expected wait at a traffic light: half a typical 60-90 s cycle is red, waited half of on average.
SIGNAL_S = 15.0


class NoRoute(ValueError):
    """No road leads from one place to the other (a one-way maze, another island)."""


@dataclass(frozen=True)
class Route:
    nodes: list[int]
    ways: list[int]  # the way (index into graph.ways) of each step: len(nodes) - 1
    length_m: float
    seconds: float  # driving at the limits, plus turns and the expected waits at lights


_SIDES = {True: ("slight-right", "turn-right", "sharp-right"), False: ("slight-left", "turn-left", "sharp-left")}


def turn_kind(angle: float) -> str:
    """The turn of ``angle`` degrees (positive to the right) as guidance names it: continue,
    slight-/turn-/sharp-left or right, uturn. (Per edge in a route search: no strings built.)"""
    a = abs(angle)
    if a < STRAIGHT_DEG:
        return "continue"
    if a >= U_TURN_DEG:
        return "uturn"
    slight, turn, sharp = _SIDES[angle > 0]
    return sharp if a >= SHARP_DEG else slight if a < SLIGHT_DEG else turn


def turn_seconds(angle: float) -> float:
    return TURN_S[turn_kind(angle)]


def _may_turn(graph: RoadGraph, prev: int, node: int, came_way: int, nxt: int, next_way: int) -> bool:
    if nxt == prev:  # back where the car came from: only where the road ends, and if not banned
        dead_end = all(e.to == prev for e in graph.edges.get(node, ()))
        return dead_end and not graph.u_turn_banned(came_way, node)
    return graph.turn_allowed(came_way, node, next_way)


def route(graph: RoadGraph, start: int, goal: int, by: str = "time") -> Route:
    """The fastest (``by="time"``) or shortest (``"length"``) route from ``start`` to ``goal``."""
    if start not in graph.edges or goal not in graph.nodes:
        raise NoRoute(f"node {start if start not in graph.edges else goal} is not on a road of this map")
    timed = by == "time"
    # A*: what is left can take no less than the straight line at the map's highest limit
    goal_at = graph.nodes[goal]
    top_speed = max(w.maxspeed_kmh for w in graph.ways) / 3.6 if timed else 1.0
    guess: dict[int, float] = {}

    def ahead(node: int) -> float:
        if (h := guess.get(node)) is None:
            h = guess[node] = distance_m(graph.nodes[node], goal_at) / top_speed
        return h

    # a state is the edge the car is on, (from, to, way); the start is a state with no edge yet
    begin = (0, start, -1)
    best = {begin: 0.0}
    came: dict[tuple[int, int, int], tuple[int, int, int]] = {}
    todo = [(ahead(start), 0, begin)]
    seq = 1
    end = None
    while todo:
        f, _, state = heapq.heappop(todo)
        prev, node, way = state
        d = best[state]
        if f > d + ahead(node) + 1e-9:  # a better way here was found after this one was queued
            continue
        if node == goal:
            end = state
            break
        wait = SIGNAL_S if timed and node in graph.signals and way >= 0 else 0.0
        for e in graph.edges.get(node, ()):
            if way >= 0 and not _may_turn(graph, prev, node, way, e.to, e.way):
                continue
            cost = e.length_m
            if timed:
                cost = e.seconds + wait + (turn_seconds(turn_angle(graph, prev, node, e.to)) if way >= 0 else 0.0)
            nxt = (node, e.to, e.way)
            nd = d + cost
            if nd < best.get(nxt, float("inf")):
                best[nxt], came[nxt] = nd, state
                heapq.heappush(todo, (nd + ahead(e.to), seq, nxt))
                seq += 1
    if end is None:
        raise NoRoute(f"no road leads from node {start} to node {goal}")
    states = [end]
    while states[-1] != begin:
        states.append(came[states[-1]])
    states.reverse()
    path = [start] + [s[1] for s in states[1:]]
    ways = [s[2] for s in states[1:]]
    edges = [next(e for e in graph.edges[a] if e.to == b and e.way == w)
             for a, b, w in zip(path, path[1:], ways, strict=False)]
    seconds = sum(e.seconds for e in edges) + sum(
        turn_seconds(turn_angle(graph, a, b, c)) + (SIGNAL_S if b in graph.signals else 0.0)
        for a, b, c in zip(path, path[1:], path[2:], strict=False))
    return Route(path, ways, sum(e.length_m for e in edges), seconds)


def nearest_node(graph: RoadGraph, lat: float, lon: float) -> int:
    """The road node nearest to a point (a linear scan: a city extract has some 20,000)."""
    return min((n for n in graph.edges), key=lambda n: distance_m(graph.nodes[n], (lat, lon)))
