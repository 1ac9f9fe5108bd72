"""Turn-by-turn guidance on small maps written here as OpenStreetMap XML and read by osmium: which
maneuver a junction's geometry gives, one-way streets and turn restrictions obeyed, a U-turn only at
a dead end, roundabout exits counted; the words, when the Announcer says them, and the rounding of
the distances it says."""

import math
import re

import pytest

from cockpit.navigation.graph import RoadGraph, build_graph
from cockpit.navigation.guidance import Announcer, Maneuver, announce_at, instruction, maneuvers
from cockpit.navigation.route import NoRoute, route
from cockpit.vehicle.units import DisplayUnits

LAT0, LON0 = 60.17, 24.94
M_PER_DEG = 6_371_008.8 * math.pi / 180


class OsmMap:
    """A map drawn in metres east (x) and north (y) of a point in Helsinki, written as .osm XML."""

    def __init__(self) -> None:
        self.nodes: dict[str, tuple[int, float, float, dict]] = {}
        self.ways: list[tuple[int, list[str], dict]] = []
        self.relations: list[tuple[str, int, str, int]] = []

    def node(self, name: str, x: float, y: float, **tags: str) -> None:
        self.nodes[name] = (len(self.nodes) + 1, x, y, tags)

    def way(self, names: str, **tags: str) -> int:
        """A way through the named nodes ("S C N"); returns its id."""
        wid = 100 + len(self.ways)
        self.ways.append((wid, names.split(), {"highway": "residential", **tags}))
        return wid

    def restriction(self, kind: str, from_way: int, via: str, to_way: int) -> None:
        self.relations.append((kind, from_way, via, to_way))

    def id(self, name: str) -> int:
        return self.nodes[name][0]

    def write(self, path) -> RoadGraph:  # noqa: ANN001
        lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<osm version="0.6" generator="test">']
        for nid, x, y, tags in self.nodes.values():
            lat = LAT0 + y / M_PER_DEG
            lon = LON0 + x / (M_PER_DEG * math.cos(math.radians(LAT0)))
            lines.append(f'<node id="{nid}" version="1" lat="{lat:.8f}" lon="{lon:.8f}">')
            lines += [f'<tag k="{k}" v="{v}"/>' for k, v in tags.items()]
            lines.append("</node>")
        for wid, names, tags in self.ways:
            lines.append(f'<way id="{wid}" version="1">')
            lines += [f'<nd ref="{self.id(n)}"/>' for n in names]
            lines += [f'<tag k="{k}" v="{v}"/>' for k, v in tags.items()]
            lines.append("</way>")
        for i, (kind, f, via, t) in enumerate(self.relations, start=1):
            lines += [f'<relation id="{i}" version="1">', f'<member type="way" ref="{f}" role="from"/>',
                      f'<member type="node" ref="{self.id(via)}" role="via"/>',
                      f'<member type="way" ref="{t}" role="to"/>',
                      '<tag k="type" v="restriction"/>', f'<tag k="restriction" v="{kind}"/>', "</relation>"]
        lines.append("</osm>")
        path.write_text("\n".join(lines), encoding="utf-8")
        return build_graph(path)


def drive(graph: RoadGraph, m: OsmMap, a: str, b: str, by: str = "time"):  # noqa: ANN201
    r = route(graph, m.id(a), m.id(b), by=by)
    steps = maneuvers(graph, r)
    assert steps[0].type == "depart" and steps[-1].type == "arrive"
    assert steps[0].at_m == 0 and steps[-1].at_m == pytest.approx(r.length_m, abs=1e-6)
    assert sum(s.distance_m for s in steps) == pytest.approx(r.length_m, abs=1e-6)
    assert all(s.distance_m >= 0 for s in steps)
    return r, steps


def names(m: OsmMap, r) -> list[str]:  # noqa: ANN001
    by_id = {v[0]: k for k, v in m.nodes.items()}
    return [by_id[n] for n in r.nodes]


# ----- a crossroads ---------------------------------------------------------------------------------

def crossroads(tmp_path, restriction: str | None = None):  # noqa: ANN001, ANN201
    """A plus-shaped crossroads C with four named streets, the south one 200 m long, and a block to
    the north (NW - N - NE) so that a car can go round when a turn at C is forbidden."""
    m = OsmMap()
    for name, x, y in [("S0", 0, -200), ("S", 0, -100), ("C", 0, 0), ("N", 0, 100), ("W", -100, 0),
                       ("E", 100, 0), ("NW", -100, 100), ("NE", 100, 100)]:
        m.node(name, x, y)
    south = m.way("S0 S C", name="South Street")
    north = m.way("C N", name="North Street")
    west = m.way("C W", name="West Street")
    m.way("C E", name="East Street")
    m.way("NW N NE", name="Top Street")
    m.way("NW W", name="West Side")
    m.way("NE E", name="East Side")
    if restriction == "no_left_turn":
        m.restriction("no_left_turn", south, "C", west)
    elif restriction == "only_straight_on":
        m.restriction("only_straight_on", south, "C", north)
    return m, m.write(tmp_path / "crossroads.osm")


def test_a_crossroads_gives_left_right_and_straight_on_with_the_street_names(tmp_path):
    m, g = crossroads(tmp_path)
    # heading north on South Street: west is to the left, east to the right, north straight on
    for goal, kind, street in [("W", "turn-left", "West Street"), ("E", "turn-right", "East Street"),
                               ("N", "continue", "North Street")]:
        r, steps = drive(g, m, "S0", goal)
        assert names(m, r) == ["S0", "S", "C", goal]
        assert [(s.type, s.street) for s in steps] == [("depart", "South Street"), (kind, street),
                                                       ("arrive", street)]
        turn = steps[1]
        assert turn.node == m.id("C") and turn.distance_m == pytest.approx(200, abs=0.5)
        assert steps[2].distance_m == pytest.approx(100, abs=0.5)
        assert (turn.lat, turn.lon) == pytest.approx(g.nodes[m.id("C")])
    # coming the other way (from the east, heading west): north is to the right
    _, steps = drive(g, m, "E", "N")
    assert [s.type for s in steps] == ["depart", "turn-right", "arrive"] and steps[1].street == "North Street"


def test_a_sharp_and_a_slight_turn(tmp_path):
    """A junction J reached heading north, with arms at 150 and 40 degrees either side of north."""
    m = OsmMap()
    m.node("S", 0, -100)
    m.node("J", 0, 0)
    arms = {"sharp-right": 150, "slight-right": 40, "slight-left": -40, "sharp-left": -150}
    m.way("S J", name="Approach")
    for kind, deg in arms.items():
        m.node(kind, 100 * math.sin(math.radians(deg)), 100 * math.cos(math.radians(deg)))
        m.way(f"J {kind}", name=f"{kind} road")
    g = m.write(tmp_path / "star.osm")
    for kind in arms:
        _, steps = drive(g, m, "S", kind)
        assert [(s.type, s.street) for s in steps[1:]] == [(kind, f"{kind} road"), ("arrive", f"{kind} road")]


@pytest.mark.parametrize("oneway, drawn", [("yes", "A B"), ("-1", "B A")])
def test_a_one_way_street_is_driven_round(tmp_path, oneway, drawn):
    """A square block A B C D whose side A-B is one-way from A to B: from B to A the car goes round."""
    m = OsmMap()
    for name, x, y in [("A", 0, 0), ("B", 100, 0), ("C", 100, 100), ("D", 0, 100)]:
        m.node(name, x, y)
    m.way(drawn, name="One Way", oneway=oneway)
    m.way("B C D A", name="Round")
    g = m.write(tmp_path / "block.osm")
    for by in ("time", "length"):
        assert names(m, drive(g, m, "A", "B", by)[0]) == ["A", "B"]
        r, _ = drive(g, m, "B", "A", by)
        assert names(m, r) == ["B", "C", "D", "A"] and r.length_m == pytest.approx(300, abs=1)


def test_a_no_left_turn_is_obeyed_by_going_round_the_block(tmp_path):
    free, g_free = crossroads(tmp_path)
    assert names(free, drive(g_free, free, "S0", "W")[0]) == ["S0", "S", "C", "W"]  # the left turn, when allowed
    m, g = crossroads(tmp_path, "no_left_turn")
    assert len(g.restrictions) == 1
    for by in ("time", "length"):
        r, steps = drive(g, m, "S0", "W", by)
        assert names(m, r) == ["S0", "S", "C", "N", "NW", "W"]  # straight on, then left twice round the block
        assert [s.type for s in steps] == ["depart", "continue", "turn-left", "turn-left", "arrive"]
    # the other turns at C are still allowed
    assert names(m, drive(g, m, "S0", "E")[0]) == ["S0", "S", "C", "E"]


def test_an_only_straight_on_forbids_both_turns(tmp_path):
    m, g = crossroads(tmp_path, "only_straight_on")
    assert names(m, drive(g, m, "S0", "W")[0]) == ["S0", "S", "C", "N", "NW", "W"]
    assert names(m, drive(g, m, "S0", "E")[0]) == ["S0", "S", "C", "N", "NE", "E"]
    # the restriction binds only cars coming from South Street: from the east, the left turn to the south is fine
    assert names(m, drive(g, m, "E", "S0")[0]) == ["E", "C", "S", "S0"]


def test_a_dead_end_is_where_the_car_turns_back(tmp_path):
    """Road S - M, Exit M - X and a dead end Stub M - Q; the left turn from Road onto Exit is
    forbidden, so the car goes to the end of Stub, turns back there and takes Exit from Stub."""
    m = OsmMap()
    for name, x, y in [("S", 0, -100), ("M", 0, 0), ("Q", 0, 150), ("X", -100, 0)]:
        m.node(name, x, y)
    road = m.way("S M", name="Road")
    m.way("M Q", name="Stub")
    exit_ = m.way("M X", name="Exit")
    plain = m.write(tmp_path / "plain.osm")
    r, steps = drive(plain, m, "S", "X")
    assert names(m, r) == ["S", "M", "X"] and "uturn" not in [s.type for s in steps]
    m.restriction("no_left_turn", road, "M", exit_)
    g = m.write(tmp_path / "dead-end.osm")
    for by in ("time", "length"):
        r, steps = drive(g, m, "S", "X", by)
        # never back at M (not a dead end) nor S, which would need the banned turn all the same
        assert names(m, r) == ["S", "M", "Q", "M", "X"]
        assert r.length_m == pytest.approx(100 + 150 + 150 + 100, abs=1)
        uturn = next(s for s in steps if s.type == "uturn")
        assert uturn.node == m.id("Q") and uturn.at_m == pytest.approx(250, abs=0.5)
        assert steps[-2].type == "turn-right" and steps[-2].street == "Exit"  # heading south at M, west is right
    # a no_u_turn at the dead end leaves the car no way
    m.restriction("no_u_turn", m.ways[1][0], "Q", m.ways[1][0])
    with pytest.raises(NoRoute):
        route(m.write(tmp_path / "trap.osm"), m.id("S"), m.id("X"))


def roundabout(tmp_path):  # noqa: ANN001, ANN201
    """A ring of radius 30 m, drawn counterclockwise (right-hand traffic), with arms to the four points
    of the compass, 100 m long."""
    m = OsmMap()
    ring = []
    for deg in range(270, 270 + 360, 45):  # south first, counterclockwise: south-east, east, ...
        name = f"R{deg % 360}"
        m.node(name, 30 * math.cos(math.radians(deg)), 30 * math.sin(math.radians(deg)))
        ring.append(name)
    m.way(" ".join([*ring, ring[0]]), junction="roundabout", highway="tertiary")
    for arm, deg in [("South", 270), ("East", 0), ("North", 90), ("West", 180)]:
        m.node(arm, 130 * math.cos(math.radians(deg)), 130 * math.sin(math.radians(deg)))
        m.way(f"{arm} R{deg}", name=f"{arm} Road", highway="tertiary")
    return m, m.write(tmp_path / "roundabout.osm")


def test_a_roundabout_is_one_maneuver_with_its_exit(tmp_path):
    m, g = roundabout(tmp_path)
    # entering from the south and driving counterclockwise: east is the first exit, north the second, west the third
    for goal, exit_ in [("East", 1), ("North", 2), ("West", 3)]:
        r, steps = drive(g, m, "South", goal)
        assert [(s.type, s.street, s.exit) for s in steps] == [
            ("depart", "South Road", 0), ("roundabout", f"{goal} Road", exit_), ("arrive", f"{goal} Road", 0)]
        assert steps[1].node == m.id("R270")  # said where the car enters
        assert steps[1].as_json()["exit"] == exit_
        ring = names(m, r)[1:-1]
        assert ring[0] == "R270" and len(ring) == 2 * exit_ + 1  # counterclockwise, the short way never taken
    r, steps = drive(g, m, "South", "West")
    assert instruction(steps[1]) == "At the roundabout, take the third exit onto West Road"


# ----- words ----------------------------------------------------------------------------------------

def at(kind: str, street: str = "", exit_: int = 0, at_m: float = 0.0) -> Maneuver:
    return Maneuver(kind, street, at_m, at_m, LAT0, LON0, exit_)


def test_instructions_in_words():
    assert instruction(at("turn-left", "Mannerheimintie")) == "Turn left onto Mannerheimintie"
    assert instruction(at("turn-right")) == "Turn right"  # a road without a name
    assert instruction(at("sharp-right", "Bulevardi")) == "Turn sharp right onto Bulevardi"
    assert instruction(at("slight-left", "Bulevardi")).startswith("Bear left")
    assert instruction(at("uturn")) == "Make a U-turn"
    assert instruction(at("depart", "Kaivokatu")) == "Head off on Kaivokatu"
    assert instruction(at("continue", "Aleksanterinkatu")) == "Continue onto Aleksanterinkatu"
    assert instruction(at("arrive", "Kaivokatu")) == "Arrive at your destination"
    assert instruction(at("roundabout", "", 2)) == "At the roundabout, take the second exit"


# ----- when it is said --------------------------------------------------------------------------------

_SAID = re.compile(r"In (\d+(?:\.\d+)?) (metres?|kilometres?|feet|miles?), (.+)")  # "1 kilometre", no "1.0"
_METRES = {"metres": 1.0, "kilometres": 1000.0, "feet": 0.3048, "miles": 1609.344}
_ROUNDING = {"metres": 25.0, "kilometres": 50.0, "feet": 25 * 0.3048, "miles": 0.05 * 1609.344}  # half a step


def approach(announcer: Announcer, upcoming: list[Maneuver], kmh: float, until_m: float, from_m: float = 0.0):
    """Drive at ``kmh`` in steps of 0.2 s (the position's 5 Hz); (distance left to the next maneuver, words)."""
    step = kmh / 3.6 * 0.2
    said, travelled = [], from_m
    while travelled < until_m:
        text = announcer.update(upcoming, travelled, kmh)
        if text is not None:
            ahead = next(m for m in upcoming if m.at_m > travelled and m.type != "depart")
            said.append((ahead.at_m - travelled, text))
        travelled += step
    return said, step


@pytest.mark.parametrize("kmh", [30, 50, 90])
@pytest.mark.parametrize("distance", ["KILOMETERS", "MILES"])
def test_each_maneuver_is_said_at_the_distances_for_the_speed(kmh, distance):
    upcoming = [at("depart", "Kaivokatu"), at("turn-left", "Mannerheimintie", at_m=3000.0),
                at("arrive", "Mannerheimintie", at_m=4500.0)]
    said, step = approach(Announcer(DisplayUnits(distance)), upcoming, kmh, 4500.0)
    marks = announce_at(kmh)
    assert len(marks) >= 2 and list(marks) == sorted(marks, reverse=True)
    expected = [(m, "Turn left onto Mannerheimintie") for m in marks] + [(m, "Arrive") for m in marks]
    assert len(said) == len(expected), said
    for (left, text), (mark, what) in zip(said, expected, strict=True):
        assert mark - step < left <= mark, (left, text)  # within one step of travel after the mark
        if mark == marks[-1]:  # at the maneuver: the words alone
            assert text == ("You have arrived" if what == "Arrive" else what)
            continue
        spoken = _SAID.fullmatch(text)
        assert spoken, text
        value, unit, rest = spoken.groups()
        assert not value.endswith(".0") and (unit.endswith("s") or unit == "feet") == (value != "1"), text
        unit = unit if unit.endswith("s") or unit == "feet" else unit + "s"
        assert unit in (("feet", "miles") if distance == "MILES" else ("metres", "kilometres"))
        assert abs(float(value) * _METRES[unit] - left) <= _ROUNDING[unit] + 1e-6, (left, text)
        assert rest.lower() == what.lower() or rest.startswith("arrive")


def test_a_mark_passed_unheard_is_said_once_with_the_distance_left():
    """A position that jumps (a tunnel, a late start) past two marks says the maneuver once, from where it is."""
    upcoming = [at("depart"), at("turn-right", "Bulevardi", at_m=1000.0), at("arrive", at_m=2000.0)]
    a = Announcer()
    assert a.update(upcoming, 0.0, 50) is None  # 1000 m ahead: before the first mark at 50 km/h
    assert a.update(upcoming, 900.0, 50) == "In 100 metres, turn right onto Bulevardi"
    assert a.update(upcoming, 905.0, 50) is None  # not again
    assert a.update(upcoming, 965.0, 50) == "Turn right onto Bulevardi"
    assert a.update(upcoming, 990.0, 50) is None


# ----- distances as read --------------------------------------------------------------------------------

def test_guidance_distances_round_as_a_navigator_does():
    km, mi = DisplayUnits(), DisplayUnits("MILES")
    assert km.guidance_distance(87) == ("90", "m") and km.guidance_distance(260) == ("250", "m")
    assert km.guidance_distance(1234) == ("1.2", "km") and km.guidance_distance(-5) == ("10", "m")
    assert mi.guidance_distance(30.48) == ("100", "ft") and mi.guidance_distance(1609.344) == ("1.0", "mi")
    factor = {"m": 1.0, "km": 1000.0, "ft": 0.3048, "mi": 1609.344}
    for units, small, big in ((km, "m", "km"), (mi, "ft", "mi")):
        seen_big = False
        for metres in range(20, 20_000, 7):
            value, unit = units.guidance_distance(metres)
            assert unit in (small, big)
            seen_big |= unit == big
            assert unit == big or not seen_big, metres  # once the long unit, never back
            shown = float(value) * factor[unit]
            if unit == "m":
                step = 10 if metres < 100 else 50  # 10 m steps close by, then 50 m
                assert float(value) % step == 0 and abs(shown - metres) <= step / 2, (metres, value)
            elif unit == "ft":
                assert float(value) % 50 == 0 and abs(shown - metres) <= 25 * 0.3048 + 1e-9, (metres, value)
            else:  # a tenth of a kilometre or mile
                assert re.fullmatch(r"\d+\.\d", value) and abs(shown - metres) <= 0.05 * factor[unit] + 1e-6
