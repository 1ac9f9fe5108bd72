"""The road graph of the shipped Helsinki extract and routes over it, checked against networkx on
a graph built here, separately, from the raw ways."""

import math
import random

import networkx as nx
import osmium
import pytest

from cockpit.navigation.graph import DEFAULT_MAP, MapError, build_graph, maxspeed_kmh
from cockpit.navigation.route import NoRoute, route

CAR = {"motorway", "trunk", "primary", "secondary", "tertiary", "unclassified", "residential", "living_street",
       "service", "motorway_link", "trunk_link", "primary_link", "secondary_link", "tertiary_link"}


@pytest.fixture(scope="module")
def graph():
    return build_graph(DEFAULT_MAP)


@pytest.fixture(scope="module")
def reference():
    """A directed graph of the same roads, written independently: networkx's, lengths by haversine."""
    g = nx.DiGraph()

    def metres(a, b):  # noqa: ANN001, ANN202
        p1, p2 = math.radians(a[0]), math.radians(b[0])
        dp, dl = p2 - p1, math.radians(b[1] - a[1])
        return 2 * 6_371_008.8 * math.asin(math.sqrt(math.sin(dp / 2) ** 2
                                                     + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2))

    for w in osmium.FileProcessor(str(DEFAULT_MAP)).with_locations().with_filter(osmium.filter.KeyFilter("highway")):
        if not w.is_way():
            continue
        t = dict(w.tags)
        car = t.get("motor_vehicle") or t.get("motorcar")  # a taxi lane: motorcar=no
        if t["highway"] not in CAR or t.get("area") == "yes" or car in ("no", "private") \
                or (t.get("access") in ("no", "private") and car not in ("yes", "designated", "destination")):
            continue
        pts = [(n.ref, (n.location.lat, n.location.lon) if n.location.valid() else None) for n in w.nodes]
        forward = t.get("oneway") in ("yes", "true", "1") or (
            t.get("oneway") != "no" and (t.get("junction") in ("roundabout", "circular") or t["highway"] == "motorway"))
        backward = t.get("oneway") in ("-1", "reverse")
        for x, y in zip(pts, pts[1:], strict=False):
            if x[1] is None or y[1] is None:  # a node beyond the extract's edge
                continue
            (a, pa), (b, pb) = x, y
            d = metres(pa, pb)
            if not backward:
                g.add_edge(a, b, length=min(d, g.edges[a, b]["length"]) if g.has_edge(a, b) else d)
            if not forward:
                g.add_edge(b, a, length=min(d, g.edges[b, a]["length"]) if g.has_edge(b, a) else d)
    return g


def test_the_extract_gives_a_city_of_roads(graph):
    assert len(graph.ways) > 800 and len(graph.signals) > 100
    assert sum(1 for w in graph.ways if w.oneway) > 100  # central Helsinki has many one-way streets
    assert {w.highway for w in graph.ways} >= {"primary", "secondary", "residential"}


def test_routes_are_as_short_as_networkx_finds_them(graph, reference):
    rng = random.Random(14)
    nodes = sorted(graph.edges)
    compared = unreachable = 0
    for _ in range(60):
        a, b = rng.choice(nodes), rng.choice(nodes)
        try:
            expected = nx.shortest_path_length(reference, a, b, weight="length")
        except nx.NetworkXNoPath:
            with pytest.raises(NoRoute):
                route(graph, a, b, by="length")
            unreachable += 1
            continue
        assert route(graph, a, b, by="length").length_m == pytest.approx(expected, rel=1e-9, abs=1e-6)
        compared += 1
    assert compared > 40


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
