"""The road graph of the shipped Helsinki extract and routes over it, checked against networkx on a
graph built here, separately, from the raw OSM data: its vertices are directed road segments and its
arcs the turns a car may take (the map's turn restrictions, read here too; U-turns at dead ends only)."""

import random
from dataclasses import dataclass

import networkx as nx
import osmium
import pytest

from cockpit.navigation.graph import DEFAULT_MAP, MapError, build_graph, maxspeed_kmh
from cockpit.navigation.route import NoRoute, route

from .geo import metres

CAR = {"motorway", "trunk", "primary", "secondary", "tertiary", "unclassified", "residential", "living_street",
       "service", "motorway_link", "trunk_link", "primary_link", "secondary_link", "tertiary_link"}


@pytest.fixture(scope="module")
def graph():
    return build_graph(DEFAULT_MAP)



@dataclass
class Raw:
    """The extract as read here: directed segments (a, b, way id) -> length, and the turn rules
    (from way, via node) -> [(kind, to way)]."""

    segments: dict
    rules: dict
    leaving: dict  # node -> segments out of it
    ending: dict  # node -> segments into it

    def banned(self, s1, s2) -> bool:  # noqa: ANN001
        """Whether a restriction forbids going on from segment s1 to s2 (which starts where s1 ends)."""
        (a, via, came), (_, c, to) = s1, s2
        rules = self.rules.get((came, via), [])
        only = [t for k, t in rules if k.startswith("only_")]
        if only and to not in only:
            return True
        # no_u_turn from a way onto itself forbids turning back only (the U-turn), not going on along it
        return any(k.startswith("no_") and t == to and (k != "no_u_turn" or t != came or c == a) for k, t in rules)

    def allowed(self, s1, s2) -> bool:  # noqa: ANN001
        a, b, _ = s1
        if s2[1] == a:  # back the way the car came: only at a dead end, if no no_u_turn there
            dead_end = all(s[1] == a for s in self.leaving.get(b, ()))
            return dead_end and not any(k == "no_u_turn" and t == s2[2] for k, t in self.rules.get((s1[2], b), []))
        return not self.banned(s1, s2)


@pytest.fixture(scope="module")
def raw():
    segments, rules = {}, {}
    for o in osmium.FileProcessor(str(DEFAULT_MAP)).with_locations():
        t = dict(o.tags)
        if o.is_relation():
            if t.get("type") != "restriction":
                continue
            kind = t.get("restriction:motorcar") or t.get("restriction", "")
            if not kind.startswith(("no_", "only_")) or "motorcar" in t.get("except", "").split(";"):
                continue
            members = [(m.role, m.type, m.ref) for m in o.members if m.role in ("from", "via", "to")]
            roles = {role: (kind_, ref) for role, kind_, ref in members}
            if len(members) != 3 or [roles.get(r, ("?",))[0] for r in ("from", "via", "to")] != ["w", "n", "w"]:
                continue  # over a way, or more than one from/to: not a turn at a node
            rules.setdefault((roles["from"][1], roles["via"][1]), []).append((kind, roles["to"][1]))
            continue
        if not o.is_way() or t.get("highway") not in CAR:
            continue
        car = t.get("motor_vehicle") or t.get("motorcar")  # a taxi lane: motorcar=no
        if t.get("area") == "yes" or car in ("no", "private") \
                or (t.get("access") in ("no", "private") and car not in ("yes", "designated", "destination")):
            continue
        pts = [(n.ref, (n.location.lat, n.location.lon) if n.location.valid() else None) for n in o.nodes]
        forward = t.get("oneway") in ("yes", "true", "1") or (
            t.get("oneway") != "no" and (t.get("junction") in ("roundabout", "circular") or t["highway"] == "motorway"))
        backward = t.get("oneway") in ("-1", "reverse")
        for x, y in zip(pts, pts[1:], strict=False):
            if x[1] is None or y[1] is None:  # a node beyond the extract's edge
                continue
            (a, pa), (b, pb) = x, y
            if not backward:
                segments[a, b, o.id] = metres(pa, pb)
            if not forward:
                segments[b, a, o.id] = metres(pa, pb)
    leaving, ending = {}, {}
    for s in segments:
        leaving.setdefault(s[0], []).append(s)
        ending.setdefault(s[1], []).append(s)
    return Raw(segments, rules, leaving, ending)


@pytest.fixture(scope="module")
def reference(raw):
    """networkx's DiGraph of the turns: (a, b, way) -> (b, c, way2) weighted by the second segment's length."""
    g = nx.DiGraph()
    g.add_nodes_from(raw.segments)
    for s1 in raw.segments:
        for s2 in raw.leaving.get(s1[1], ()):
            if raw.allowed(s1, s2):
                g.add_edge(s1, s2, length=raw.segments[s2])
    return g


def shortest(reference, raw, a, b):  # noqa: ANN001, ANN201
    """networkx's shortest length from node a to node b: from a virtual start onto any segment leaving a,
    to any segment ending at b; None when there is no way."""
    if a == b:
        return 0.0
    reference.add_edges_from(("start", s, {"length": raw.segments[s]}) for s in raw.leaving.get(a, ()))
    reference.add_edges_from((s, "goal", {"length": 0.0}) for s in raw.ending.get(b, ()))
    try:
        return nx.shortest_path_length(reference, "start", "goal", weight="length")
    except (nx.NetworkXNoPath, nx.NodeNotFound):
        return None
    finally:
        reference.remove_nodes_from(("start", "goal"))


def steps(graph, r):  # noqa: ANN001, ANN201
    """A route as the segments (a, b, way id) it drives."""
    return [(a, b, graph.ways[w].osm_id) for a, b, w in zip(r.nodes[:-1], r.nodes[1:], r.ways, strict=True)]


def around_restrictions(raw):  # noqa: ANN001, ANN201
    """(start, goal, banned) for every turn at a restriction's via node: from the node before it on the
    from-way to the node after it, and whether a restriction forbids that turn."""
    out = []
    for (came, via), _ in sorted(raw.rules.items()):
        for s1 in raw.ending.get(via, ()):
            if s1[2] != came:
                continue
            for s2 in raw.leaving.get(via, ()):
                if s2[1] != s1[0]:
                    out.append((s1[0], s2[1], raw.banned(s1, s2)))
    return out


def test_the_extract_gives_a_city_of_roads(graph):
    assert len(graph.ways) > 800 and len(graph.signals) > 100
    assert sum(1 for w in graph.ways if w.oneway) > 100  # central Helsinki has many one-way streets
    assert {w.highway for w in graph.ways} >= {"primary", "secondary", "residential"}


def test_the_graph_keeps_the_restrictions_of_the_raw_data(graph, raw):
    """Every restriction read here whose ways meet at its via node on the road graph is on the graph; so is
    an only_* onto a road no car may drive (a bus street), which leaves a car no turn there."""
    touching = {}
    for a, b, w in raw.segments:
        touching.setdefault(w, set()).update((a, b))
    expected = {(f, v, t, k) for (f, v), rules in raw.rules.items() for k, t in rules if v in touching.get(f, ())
                and (v in touching.get(t, ()) or (k.startswith("only_") and t not in touching))}
    assert graph.restrictions, "the extract's turn restrictions were not read"
    assert {(r.from_way, r.via, r.to_way, r.kind) for r in graph.restrictions} == expected
    assert {r.kind for r in graph.restrictions} >= {"no_left_turn", "only_straight_on", "no_u_turn"}


def test_routes_are_as_short_as_networkx_finds_them(graph, raw, reference):
    rng = random.Random(14)
    nodes = sorted(graph.edges)
    compared = 0
    for _ in range(60):
        a, b = rng.choice(nodes), rng.choice(nodes)
        expected = shortest(reference, raw, a, b)
        if expected is None:
            with pytest.raises(NoRoute):
                route(graph, a, b, by="length")
            continue
        assert route(graph, a, b, by="length").length_m == pytest.approx(expected, rel=1e-9, abs=1e-6), (a, b)
        compared += 1
    assert compared > 40


def test_routes_through_each_restricted_junction_are_as_short_as_networkx_finds_them(graph, raw, reference):
    """From the node before every restriction's via node to each node after it: the banned turns
    (the obvious two-segment path) force a detour of exactly the length networkx finds."""
    pairs = around_restrictions(raw)
    assert sum(banned for _, _, banned in pairs) >= 20
    for a, b, banned in pairs:
        expected = shortest(reference, raw, a, b)
        if expected is None:
            with pytest.raises(NoRoute):
                route(graph, a, b, by="length")
            continue
        r = route(graph, a, b, by="length")
        assert r.length_m == pytest.approx(expected, rel=1e-9, abs=1e-6), (a, b, banned)


def test_fastest_routes_never_take_a_turn_the_map_forbids(graph, raw):
    rng = random.Random(3)
    nodes = sorted(graph.edges)
    pairs = [(rng.choice(nodes), rng.choice(nodes)) for _ in range(60)]
    pairs += [(a, b) for a, b, _ in around_restrictions(raw)]
    turns = ruled = 0
    for a, b in pairs:
        try:
            r = route(graph, a, b, by="time")
        except NoRoute:
            continue
        driven = steps(graph, r)
        assert all(s in raw.segments for s in driven)  # only roads a car may drive, in their direction
        for s1, s2 in zip(driven, driven[1:], strict=False):
            assert raw.allowed(s1, s2), (s1, s2, raw.rules.get((s1[2], s1[1])))
            turns += 1
            ruled += (s1[2], s1[1]) in raw.rules  # a turn where a restriction applies
    assert turns > 1000 and ruled > 50


def test_every_route_follows_the_roads_and_their_one_way_rules(graph):
    rng = random.Random(7)
    nodes = sorted(graph.edges)
    for _ in range(40):
        try:
            r = route(graph, rng.choice(nodes), rng.choice(nodes))
        except NoRoute:
            continue
        for a, b in zip(r.nodes, r.nodes[1:], strict=False):
            e = graph.edge(a, b)
            assert e is not None  # an edge a car may take: a one-way street only in its direction


def test_one_way_streets_have_edges_in_their_direction_only(graph):
    for a, out in graph.edges.items():
        for e in out:
            w = graph.ways[e.way]
            if w.oneway:
                back = [x for x in graph.edges.get(e.to, ()) if x.to == a and x.way == e.way]
                assert not back, (w.osm_id, w.name)


def test_speed_limits_from_tags_or_the_class(graph):
    assert maxspeed_kmh("40", "primary") == 40 and maxspeed_kmh("30 mph", "primary") == pytest.approx(48.28, 0.01)
    assert maxspeed_kmh("FI:urban", "residential") == 30 and maxspeed_kmh(None, "primary") == 50
    assert maxspeed_kmh("900", "primary") == 50  # nonsense: the class's
    assert {w.maxspeed_kmh for w in graph.ways} >= {30, 40, 50}


def test_a_file_that_is_no_extract_is_refused_in_one_line(tmp_path):
    bad = tmp_path / "x.osm.pbf"
    bad.write_bytes(b"\x00\x00\x00\x0dnot a pbf at all" * 10)
    with pytest.raises(MapError, match=r"x.osm.pbf: not an OpenStreetMap extract osmium can read"):
        build_graph(bad)
    with pytest.raises(MapError, match=r"missing.osm.pbf: No such file"):
        build_graph(tmp_path / "missing.osm.pbf")


def test_a_map_larger_than_the_car_keeps_memory_for_is_refused_while_read(monkeypatch):
    import cockpit.navigation.graph as g

    monkeypatch.setattr(g, "MAX_ROAD_NODES", 500)
    with pytest.raises(MapError, match=r"more than 500 road nodes.*cut a smaller extract"):
        build_graph(DEFAULT_MAP)
