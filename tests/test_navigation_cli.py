"""``cockpit route`` and ``cockpit map check`` on the shipped Helsinki extract, through the real command
line: the JSON a route prints and how it holds together, places refused in one line, map files
checked and refused in one line."""

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from cockpit.cli import main
from cockpit.navigation.graph import DEFAULT_MAP, build_graph

from .geo import metres

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module", autouse=True)
def cache_home(tmp_path_factory):
    """The road graph cache in a folder of this module's own, not the user's ~/.cache."""
    folder = tmp_path_factory.mktemp("xdg-cache")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("XDG_CACHE_HOME", str(folder))
        yield folder


@pytest.fixture(scope="module")
def graph():
    return build_graph(DEFAULT_MAP)



def run(capsys, *argv: str) -> tuple[int, str, str]:  # noqa: ANN001
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def route_json(capsys, origin: str, destination: str) -> dict:  # noqa: ANN001
    code, out, err = run(capsys, "route", "--from", origin, "--to", destination, "--json")
    assert code == 0 and err == "", err
    return json.loads(out)


def on_street(graph, point, name: str) -> bool:  # noqa: ANN001
    """Whether ``point`` (lat, lon as printed) is a node of a way called ``name``."""
    for a, out in graph.edges.items():
        for e in out:
            if graph.ways[e.way].name == name and any(
                    metres(graph.nodes[n], point) < 0.05 for n in (a, e.to)):
                return True
    return False


def test_a_route_between_two_streets_as_json(capsys, graph):
    r = route_json(capsys, "Mannerheimintie", "Unioninkatu")
    assert {"distance_m", "duration_s", "maneuvers", "geometry"} <= set(r)
    assert (r["from"], r["to"]) == ("Mannerheimintie", "Unioninkatu")
    geometry = [tuple(p) for p in r["geometry"]]
    assert on_street(graph, geometry[0], "Mannerheimintie") and on_street(graph, geometry[-1], "Unioninkatu")
    # the geometry is the road driven: its length is the route's
    driven = sum(metres(a, b) for a, b in zip(geometry, geometry[1:], strict=False))
    assert driven == pytest.approx(r["distance_m"], abs=1.0)
    assert r["distance_m"] > metres(geometry[0], geometry[-1])
    fastest = max(w.maxspeed_kmh for w in graph.ways) / 3.6
    assert r["duration_s"] >= r["distance_m"] / fastest

    steps = r["maneuvers"]
    assert all({"type", "street", "distance_m", "lat", "lon"} <= set(m) for m in steps)
    assert steps[0]["type"] == "depart" and steps[-1]["type"] == "arrive"
    assert steps[0]["street"] == "Mannerheimintie" and steps[-1]["street"] == "Unioninkatu"
    assert len(steps) > 2 and all(m["type"] not in ("depart", "arrive") for m in steps[1:-1])
    assert sum(m["distance_m"] for m in steps) == pytest.approx(r["distance_m"], abs=1.0)
    assert (steps[0]["lat"], steps[0]["lon"]) == geometry[0] and (steps[-1]["lat"], steps[-1]["lon"]) == geometry[-1]
    where = [geometry.index((m["lat"], m["lon"])) for m in steps]  # every maneuver at a point of the route,
    assert where == sorted(where)  # in the order driven
    # each maneuver's distance is how far along the geometry it lies from the one before
    along = [0.0]
    for a, b in zip(geometry, geometry[1:], strict=False):
        along.append(along[-1] + metres(a, b))
    for before, m, i, j in zip(steps, steps[1:], where, where[1:], strict=False):
        assert m["distance_m"] == pytest.approx(along[j] - along[i], abs=0.2), (before, m)
    # a turn's street is a way the route takes right after it
    for m, i in zip(steps[1:-1], where[1:-1], strict=True):
        if m["street"]:
            assert on_street(graph, geometry[i + 1], m["street"]), m


def test_a_route_between_two_points_starts_and_ends_at_the_nearest_roads(capsys, graph):
    origin, destination = (60.1699, 24.9384), (60.1665, 24.9527)
    r = route_json(capsys, "%s,%s" % origin, "%s, %s" % destination)  # noqa: UP031 - as typed
    roads = [graph.nodes[n] for n in graph.edges]
    for place, end in ((origin, r["geometry"][0]), (destination, r["geometry"][-1])):
        nearest = min(metres(place, p) for p in roads)
        assert metres(place, end) == pytest.approx(nearest, abs=0.05)
        assert nearest < 100


def test_the_itinerary_in_words_in_km_and_miles(capsys):
    r = route_json(capsys, "Mannerheimintie", "Unioninkatu")
    for units, short, long in (("km", "m", "km"), ("mi", "ft", "mi")):
        code, out, err = run(capsys, "route", "--from", "Mannerheimintie", "--to", "Unioninkatu", "--units", units)
        assert code == 0 and err == ""
        head, *lines = out.splitlines()
        assert head.startswith("Mannerheimintie → Unioninkatu: ") and re.search(rf"\d {long},", head)
        assert len(lines) == len(r["maneuvers"]) - 1 and lines[-1].endswith("Arrive at your destination")
        assert all(re.match(rf"\s+after\s+[\d.]+ ({short}|{long})\s", line) for line in lines), lines


@pytest.mark.parametrize("typed, suggested", [("Manerheimintie", "Mannerheimintie"), ("Qwxzvbnmkatu", None)])
def test_an_unknown_street_is_one_line_with_suggestions(capsys, typed, suggested):
    for argv in (["--from", typed, "--to", "Unioninkatu"], ["--from", "Unioninkatu", "--to", typed, "--json"]):
        code, out, err = run(capsys, "route", *argv)
        assert code == 2 and out == ""
        assert err.count("\n") == 1 and typed in err and "Traceback" not in err
        assert (suggested in err) if suggested else "did you mean" not in err


def test_a_point_far_from_the_map_is_refused(capsys):
    for place in ("60.45,25.3", "0,0", "-33.87,151.21"):  # 30 km away, the Gulf of Guinea, Sydney
        code, out, err = run(capsys, "route", f"--from={place}", "--to", "Unioninkatu")
        assert code == 2 and out == "" and err.count("\n") == 1 and "not on this map" in err, err
    code, _, err = run(capsys, "route", "--from", "Unioninkatu", "--to", "91,0")
    assert code == 2 and err.count("\n") == 1 and "latitude" in err


def test_the_command_as_a_user_runs_it():
    result = subprocess.run([sys.executable, "-m", "cockpit.cli", "route", "--from", "Manerheimintie",
                             "--to", "Unioninkatu"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and "Mannerheimintie" in result.stderr


def test_map_check_counts_what_the_map_holds(capsys, graph):
    code, out, err = run(capsys, "map", "check", str(DEFAULT_MAP))
    assert code == 0 and err == ""
    head = out.splitlines()[0]
    assert head.startswith(f"{DEFAULT_MAP}: ")
    count = {what: int(n.replace(",", "")) for n, what in re.findall(
        r"([\d,]+) (road nodes|directed edges|ways|traffic signals|turn restrictions)", head)}
    assert count == {"road nodes": len(graph.nodes), "directed edges": sum(map(len, graph.edges.values())),
                     "ways": len(graph.ways), "traffic signals": len(graph.signals),
                     "turn restrictions": len(graph.restrictions)}
    assert count["road nodes"] > 1000 and count["turn restrictions"] > 0
    assert "OpenStreetMap contributors" in out


def test_map_check_refuses_a_truncated_extract_and_a_text_file_in_one_line(capsys, tmp_path, cache_home):
    data = DEFAULT_MAP.read_bytes()
    half = tmp_path / "half.osm.pbf"
    half.write_bytes(data[: len(data) // 2])
    notes = tmp_path / "notes.txt"
    notes.write_text("Mannerheimintie 1\nUnioninkatu 2\n", encoding="utf-8")
    xml_named = tmp_path / "notes.osm"
    xml_named.write_text("not xml at all\n", encoding="utf-8")
    cached_before = set(cache_home.rglob("*"))
    for bad in (half, notes, xml_named):
        code, out, err = run(capsys, "map", "check", str(bad))
        assert code == 2 and out == "", bad
        assert err.count("\n") == 1 and str(bad) in err and "Traceback" not in err, err
    assert set(cache_home.rglob("*")) == cached_before  # nothing cached for a file that is no map
    # a route on such a map: the same one line
    code, out, err = run(capsys, "route", "--map", str(half), "--from", "a", "--to", "b")
    assert code == 2 and out == "" and err.count("\n") == 1 and str(half) in err


def test_a_map_that_is_no_extract_is_refused_before_a_window_opens(tmp_path, capsys):
    from cockpit.cli import main

    text = tmp_path / "notes.osm.pbf"
    text.write_text("not a map\n")
    assert main(["demo", "--map", str(text)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--map:" in err and "notes.osm.pbf" in err
