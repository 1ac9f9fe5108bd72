"""Turn-by-turn guidance for a route: its maneuvers (depart, turns by how sharp, U-turn, roundabout
exit n, a new street name straight on, arrive), each at a distance along the route; the words a
driver reads and hears; and when to say them.

A node on the route is a maneuver when the car turns there (route.py's turn_kind: more than STRAIGHT_DEG) and the
junction offers another road, or when the street's name changes. A roundabout is one maneuver where
the car enters it, counting the exits it passes before its own.
"""

from __future__ import annotations

from dataclasses import dataclass

from cockpit.vehicle.units import DisplayUnits

from .graph import RoadGraph, along_m, turn_angle
from .route import Route, turn_kind


@dataclass(frozen=True)
class Maneuver:
    type: str  # depart, turn-left, slight-right, sharp-left, uturn, roundabout, continue, arrive
    street: str  # the street the car takes ("" where the map has no name)
    at_m: float  # distance along the route from its start
    distance_m: float  # from the maneuver before (how far the car follows the road to get here)
    lat: float
    lon: float
    exit: int = 0  # roundabout: which exit
    node: int = 0

    def as_json(self) -> dict:
        out = {"type": self.type, "street": self.street, "distance_m": round(self.distance_m, 1),
               "lat": round(self.lat, 7), "lon": round(self.lon, 7)}
        if self.type == "roundabout":
            out["exit"] = self.exit
        return out


def maneuvers(graph: RoadGraph, r: Route) -> list[Maneuver]:
    nodes, ways = r.nodes, r.ways
    at = along_m([graph.nodes[n] for n in nodes])
    name = [graph.ways[w].name for w in ways]
    out: list[Maneuver] = []

    def add(kind_: str, i: int, street: str, exit_: int = 0) -> None:
        lat, lon = graph.nodes[nodes[i]]
        last = out[-1].at_m if out else 0.0
        out.append(Maneuver(kind_, street, at[i], at[i] - last, lat, lon, exit_, nodes[i]))

    add("depart", 0, name[0] if name else "")
    i = 1
    while i < len(nodes) - 1:
        entering = graph.ways[ways[i]].roundabout and not graph.ways[ways[i - 1]].roundabout
        if entering:
            j, exits = i, 0
            while j < len(nodes) - 1 and graph.ways[ways[j]].roundabout:
                j += 1
                # an exit passed: a road out of the roundabout at this node (the car's own counts)
                if any(not graph.ways[e.way].roundabout for e in graph.edges.get(nodes[j], ())):
                    exits += 1
            add("roundabout", i, name[j] if j < len(ways) else "", max(exits, 1))
            i = j + 1 if j < len(nodes) - 1 else j
            continue
        angle = turn_angle(graph, nodes[i - 1], nodes[i], nodes[i + 1])
        choice = sum(1 for e in graph.edges.get(nodes[i], ()) if e.to != nodes[i - 1]) > 1
        k = turn_kind(angle)
        if k == "uturn" or (k != "continue" and choice) or (name[i] != name[i - 1] and name[i]):
            add(k, i, name[i])
        i += 1
    add("arrive", len(nodes) - 1, name[-1] if name else "")
    return out


_VERB = {
    "depart": "Head off on {street}", "continue": "Continue onto {street}", "arrive": "Arrive at your destination",
    "turn-left": "Turn left", "turn-right": "Turn right", "slight-left": "Bear left", "slight-right": "Bear right",
    "sharp-left": "Turn sharp left", "sharp-right": "Turn sharp right", "uturn": "Make a U-turn",
}
_ORDINAL = {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth", 6: "sixth"}


def instruction(m: Maneuver) -> str:
    """The maneuver in words: "Turn left onto Mannerheimintie", "At the roundabout, take the second exit"."""
    if m.type == "roundabout":
        text = f"At the roundabout, take the {_ORDINAL.get(m.exit, f'{m.exit}th')} exit"
    else:
        text = _VERB[m.type].format(street=m.street or "the road")
    if m.street and m.type not in ("depart", "continue", "arrive"):
        text += f" onto {m.street}"
    return text


# When to speak, by the road's speed: far ahead to prepare, then at the turn. A driver at 50 km/h
# covers 14 m a second; "in 200 m" leaves some 14 s, "now" (40 m) about 3 s.
def announce_at(speed_kmh: float) -> tuple[float, ...]:
    if speed_kmh > 70:
        return 1000.0, 400.0, 100.0
    if speed_kmh > 40:
        return 400.0, 150.0, 40.0
    return 200.0, 40.0


class Announcer:
    """Says each maneuver at the distances ``announce_at`` gives, each once; called as the car moves."""

    def __init__(self, units: DisplayUnits | None = None):
        self.units = units or DisplayUnits()
        self._said: set[tuple[int, float]] = set()

    def update(self, upcoming: list[Maneuver], travelled_m: float, speed_kmh: float) -> str | None:
        """What to say now, if anything: the next maneuver ahead when a threshold is crossed."""
        ahead = next((m for m in upcoming if m.at_m > travelled_m and m.type != "depart"), None)
        if ahead is None:
            return None
        left = ahead.at_m - travelled_m
        marks = announce_at(speed_kmh)
        due = [d for d in marks if left <= d and (round(ahead.at_m), d) not in self._said]
        if not due:
            return None
        for d in due:  # a mark passed while silent is not said late
            self._said.add((round(ahead.at_m), d))
        if min(due) <= marks[-1]:
            return instruction(ahead) if ahead.type != "arrive" else "You have arrived"
        text = instruction(ahead)
        return f"In {spoken_distance(*self.units.guidance_distance(left))}, {text[0].lower()}{text[1:]}"


_SPOKEN_UNIT = {"m": "metres", "km": "kilometres", "ft": "feet", "mi": "miles"}


def spoken_distance(value: str, unit: str) -> str:
    """A distance as said aloud: "1 kilometre", "1.5 kilometres", "300 metres"."""
    value = value.removesuffix(".0")
    name = _SPOKEN_UNIT[unit]
    return f"{value} {name[:-1] if value == '1' else name}"
