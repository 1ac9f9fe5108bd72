"""Routes over a RoadGraph: the fastest at the speed limits (Dijkstra), or the shortest."""

from __future__ import annotations

import heapq
from dataclasses import dataclass

from .graph import RoadGraph, distance_m


class NoRoute(ValueError):
    """No road leads from one place to the other (a one-way maze, another island)."""


@dataclass(frozen=True)
class Route:
    nodes: list[int]
    length_m: float
    seconds: float


def route(graph: RoadGraph, start: int, goal: int, by: str = "time") -> Route:
    """The fastest (``by="time"``) or shortest (``"length"``) route from ``start`` to ``goal``."""
    if start not in graph.nodes or goal not in graph.nodes:
        raise NoRoute(f"node {start if start not in graph.nodes else goal} is not on a road of this map")
    cost = (lambda e: e.seconds) if by == "time" else (lambda e: e.length_m)
    best = {start: 0.0}
    came: dict[int, int] = {}
    todo = [(0.0, start)]
    while todo:
        d, node = heapq.heappop(todo)
        if node == goal:
            break
        if d > best[node]:
            continue
        for e in graph.edges.get(node, ()):
            nd = d + cost(e)
            if nd < best.get(e.to, float("inf")):
                best[e.to], came[e.to] = nd, node
                heapq.heappush(todo, (nd, e.to))
    if goal not in best:
        raise NoRoute(f"no road leads from node {start} to node {goal}")
    path = [goal]
    while path[-1] != start:
        path.append(came[path[-1]])
    path.reverse()
    edges = [graph.edge(a, b) for a, b in zip(path, path[1:], strict=False)]
    return Route(path, sum(e.length_m for e in edges), sum(e.seconds for e in edges))


def nearest_node(graph: RoadGraph, lat: float, lon: float) -> int:
    """The road node nearest to a point (a linear scan: a city extract has some 20,000)."""
    return min((n for n in graph.edges), key=lambda n: distance_m(graph.nodes[n], (lat, lon)))
