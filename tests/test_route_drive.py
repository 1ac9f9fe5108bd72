"""The simulated car driving a route on the Helsinki extract: it covers the route's length and stops at
its end, publishes where it is on the route, keeps to every road's limit, waits at red lights just
before the light (seeded: the same seed the same drive), and its battery pays for the drive exactly as
the EV model says. --route's mistakes are one line."""

import argparse
import math
from bisect import bisect_right

import pytest

from cockpit.cli import main
from cockpit.cli.common import CliError, route_track
from cockpit.navigation.cache import load_graph
from cockpit.navigation.graph import DEFAULT_MAP
from cockpit.navigation.places import PlaceError
from cockpit.navigation.route import NoRoute, route
from cockpit.sim.drive import DriveSimulation
from cockpit.sim.ev import EvModel
from cockpit.sim.route_drive import RouteTrack, plan

from .geo import metres

FROM, TO = "Mannerheimintie", "Unioninkatu"
LAT, LON, HEADING = (f"Vehicle.CurrentLocation.{x}" for x in ("Latitude", "Longitude", "Heading"))


@pytest.fixture(scope="module")
def graph():
    return load_graph(DEFAULT_MAP)



def along(graph, r) -> list[float]:  # noqa: ANN001
    """How far along the route each of its nodes is, measured here."""
    at = [0.0]
    for a, b in zip(r.nodes, r.nodes[1:], strict=False):
        at.append(at[-1] + metres(graph.nodes[a], graph.nodes[b]))
    return at


def driven(track: RouteTrack) -> list[float]:
    """The distance covered at each sample of the speed trace (the speed is linear between samples)."""
    times, speeds = track.cycle.times, track.cycle.speeds
    s = [0.0]
    for i in range(1, len(times)):
        s.append(s[-1] + (speeds[i - 1] + speeds[i]) / 2 / 3.6 * (times[i] - times[i - 1]))
    return s


def off_route_m(graph, r, point) -> float:  # noqa: ANN001
    """How far ``point`` is from the route's polyline (flat within a city)."""
    lat0 = math.radians(point[0])

    def xy(p):  # noqa: ANN001, ANN202
        return (p[1] - point[1]) * 111_195 * math.cos(lat0), (p[0] - point[0]) * 111_195

    best = math.inf
    for a, b in zip(r.nodes, r.nodes[1:], strict=False):
        (ax, ay), (bx, by) = xy(graph.nodes[a]), xy(graph.nodes[b])
        dx, dy = bx - ax, by - ay
        t = max(0.0, min(1.0, -(ax * dx + ay * dy) / (dx * dx + dy * dy))) if dx or dy else 0.0
        best = min(best, math.hypot(ax + t * dx, ay + t * dy))
    return best


@pytest.fixture(scope="module")
def drive(graph):
    """The drive FROM -> TO to its end: the simulation, its odometer and energy at the start and on
    arrival, and what it published: [(time, [(path, value)])]."""
    track = plan(None, FROM, TO, seed=1)
    sim = DriveSimulation(track)
    start = (sim.ev.odometer_m, sim.ev.energy_wh)
    log = [(0.0, sim.snapshot())]
    end = track.cycle.duration
    while end - sim.time_s > 1e-9:
        log.append((sim.time_s, sim.advance(min(0.2, end - sim.time_s))))
    arrived = (sim.ev.odometer_m, sim.ev.energy_wh, sim.ev.speed_kmh, sim.finished)
    return track, sim, start, arrived, log


def published(log, path: str) -> list:  # noqa: ANN001
    return [v for _, changes in log for p, v in changes if p == path]


def test_the_car_drives_the_whole_route_and_stops_at_its_end(graph, drive):
    track, sim, (odometer, _), (arrived_m, _, speed, finished), log = drive
    assert finished
    r = track.route
    assert track.length_m == pytest.approx(r.length_m) and r.length_m == pytest.approx(along(graph, r)[-1])
    assert arrived_m - odometer == pytest.approx(r.length_m, rel=1e-3)
    assert speed == 0 and track.cycle.speeds[-1] == 0
    lats, lons = published(log, LAT), published(log, LON)
    assert len(lats) > 100 and len(lons) == len(lats)
    assert (lats[0], lons[0]) == pytest.approx(graph.nodes[r.nodes[0]], abs=1e-7)
    assert (lats[-1], lons[-1]) == pytest.approx(graph.nodes[r.nodes[-1]], abs=1e-7)
    for point in zip(lats, lons, strict=True):
        assert off_route_m(graph, r, point) < 0.5, point  # always on the route
    # the car moves forward along the route: published positions follow its order
    progress = [min(range(len(r.nodes)), key=lambda i, p=p: metres(graph.nodes[r.nodes[i]], p))
                for p in zip(lats, lons, strict=True)]
    assert progress[-1] == len(r.nodes) - 1
    headings = published(log, HEADING)
    assert headings and all(0 <= h <= 360 for h in headings) and len(set(headings)) > 3
    # standing still once arrived: a moment more publishes the same place
    later = dict(sim.advance(5.0))
    assert later.get(LAT, lats[-1]) == lats[-1] and later.get(LON, lons[-1]) == lons[-1]
    assert sim.ev.odometer_m - odometer == pytest.approx(r.length_m, rel=1e-3)


def test_the_battery_pays_for_the_drive_as_the_ev_model_says(drive):
    track, _, (_, energy), (_, energy_left, _, _), _ = drive
    fresh = EvModel(soc_percent=80.0)
    before = fresh.energy_wh
    times, speeds = track.cycle.times, track.cycle.speeds
    for i in range(1, len(times)):
        fresh.step(times[i] - times[i - 1], speeds[i])
    used = before - fresh.energy_wh
    assert used > 50  # a kilometre in town takes some tens of Wh
    assert energy - energy_left == pytest.approx(used, rel=1e-6)
    assert fresh.odometer_m == pytest.approx(track.length_m, rel=1e-3)


def routes(graph, count: int, seed: int):  # noqa: ANN001, ANN201
    import random

    rng = random.Random(seed)
    nodes = sorted(graph.edges)
    found = []
    while len(found) < count:
        try:
            r = route(graph, rng.choice(nodes), rng.choice(nodes))
        except NoRoute:
            continue
        if r.length_m > 300:
            found.append(r)
    return found


def test_the_speed_never_exceeds_the_limit_of_the_road_the_car_is_on(graph):
    checked = set()
    for n, r in enumerate(routes(graph, 30, seed=11)):
        track = RouteTrack(graph, r, seed=n)
        at = along(graph, r)
        for s, v in zip(driven(track), track.cycle.speeds, strict=True):
            i = min(bisect_right(at, s) - 1, len(r.ways) - 1)
            limit = graph.ways[r.ways[i]].maxspeed_kmh
            assert v <= limit + 0.5, f"{v:.2f} km/h on a {limit:g} road, {s - at[i]:.2f} m into it"
            checked.add(limit)
        assert driven(track)[-1] == pytest.approx(r.length_m, rel=1e-3)
    assert len(checked) >= 3  # roads of several limits driven, and their changes between them


def interior_stops(track: RouteTrack) -> list[float]:
    """Where the car stands still between its start and its end (metres along the route)."""
    s, speeds = driven(track), track.cycle.speeds
    return [s[i] for i in range(1, len(speeds) - 1) if speeds[i] == 0 and s[i] > 1 and s[i] < track.length_m - 1]


def test_the_car_stops_at_red_lights_just_before_them(graph):
    r = plan(None, FROM, TO, seed=1).route
    at = along(graph, r)
    lights = [at[i] for i, n in enumerate(r.nodes) if n in graph.signals and 0 < i < len(r.nodes) - 1]
    assert len(lights) >= 3
    stopped_at: set[float] = set()
    passed_green = 0
    for seed in range(1, 9):
        track = plan(None, FROM, TO, seed=seed)
        stops = interior_stops(track)
        for s in stops:  # every standstill is a wait at a light, a few metres before it
            ahead = [light - s for light in lights if 0 <= light - s <= 10]
            assert ahead, f"seed {seed}: the car stood still at {s:.1f} m, no traffic light in the 10 m ahead"
            stopped_at.add(min(lights, key=lambda light, s=s: abs(light - s)))
        passed_green += sum(1 for light in lights if not any(0 <= light - s <= 10 for s in stops))
    assert stopped_at, "no red light in eight seeds"
    assert passed_green > 0  # and some lights were green


def test_the_same_seed_gives_the_same_drive_and_another_seed_other_lights(graph):
    one, again, other = (plan(None, FROM, TO, seed=s) for s in (4, 4, 5))
    assert one.route.nodes == other.route.nodes  # the lights change, the route does not
    assert (one.cycle.times, one.cycle.speeds) == (again.cycle.times, again.cycle.speeds)
    assert one.lights == again.lights
    assert [light.at_m for light in one.lights] == [light.at_m for light in other.lights]
    assert [(x.period_s, x.offset_s) for x in one.lights] != [(x.period_s, x.offset_s) for x in other.lights]
    assert (one.cycle.times, one.cycle.speeds) != (other.cycle.times, other.cycle.speeds)


def test_places_by_point_too(graph):
    a, b = graph.nodes[plan(None, FROM, TO).route.nodes[0]], graph.nodes[plan(None, FROM, TO).route.nodes[-1]]
    track = plan(None, f"{a[0]},{a[1]}", f"{b[0]},{b[1]}")
    assert track.route.nodes == plan(None, FROM, TO).route.nodes
    with pytest.raises(PlaceError):
        plan(None, "Nowhere Street 9", TO)


# ----- --route on the command line -------------------------------------------------------------------------

def args(**given) -> argparse.Namespace:  # noqa: ANN003
    return argparse.Namespace(**{"route": None, "map": None, "source": "sim", "seed": 1, "cycle": "wltc", **given})


def test_route_track_is_the_cycle_without_route_and_the_drive_with_it(graph):
    assert route_track(args()) == "wltc"
    track = route_track(args(route=[FROM, TO], seed=3))
    assert isinstance(track, RouteTrack) and track.lights == plan(None, FROM, TO, seed=3).lights


def test_route_mistakes_are_one_line(tmp_path):
    with pytest.raises(CliError, match=r"--route: no street called 'Nowhere Street 9'"):
        route_track(args(route=["Nowhere Street 9", TO]))
    with pytest.raises(CliError, match=r"--route: only with --source sim .*can-sim"):
        route_track(args(route=[FROM, TO], source="can-sim"))
    # two roads that do not meet: no route between them
    islands = tmp_path / "islands.osm"
    islands.write_text("""<?xml version="1.0" encoding="UTF-8"?>
<osm version="0.6">
<node id="1" version="1" lat="60.170" lon="24.940"/><node id="2" version="1" lat="60.171" lon="24.940"/>
<node id="3" version="1" lat="60.170" lon="24.950"/><node id="4" version="1" lat="60.171" lon="24.950"/>
<way id="10" version="1"><nd ref="1"/><nd ref="2"/><tag k="highway" v="residential"/><tag k="name" v="Eka"/></way>
<way id="11" version="1"><nd ref="3"/><nd ref="4"/><tag k="highway" v="residential"/><tag k="name" v="Toka"/></way>
</osm>
""", encoding="utf-8")
    assert isinstance(route_track(args(route=["Eka", "Eka"], map=islands)), RouteTrack)
    with pytest.raises(CliError, match=r"--route: no road a car may take leads from Eka to Toka"):
        route_track(args(route=["Eka", "Toka"], map=islands))
    broken = tmp_path / "broken.osm.pbf"
    broken.write_bytes(DEFAULT_MAP.read_bytes()[:5000])
    with pytest.raises(CliError, match=r"--route: .*broken.osm.pbf"):
        route_track(args(route=[FROM, TO], map=broken))


@pytest.mark.parametrize("extra, says", [(["--route", "Nowhere Street 9", TO], "no street called"),
                                         (["--route", FROM, TO, "--source", "can-sim"], "only with --source sim")])
def test_route_mistakes_on_the_command_line(capsys, extra, says):
    code = main(["signals", "watch", "Vehicle.Speed", "--duration", "0.1", *extra])
    out, err = capsys.readouterr()
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and says in err and "--route" in err and "Traceback" not in err


def test_a_recorded_route_drive_replays_the_position(tmp_path):
    from cockpit.recorder import Recorder
    from cockpit.sources.replay import JsonlReplaySource
    from cockpit.sources.simulator import SimulatorSource
    from cockpit.vehicle.store import SignalStore

    live = SignalStore()
    out = tmp_path / "route.jsonl"
    recorder = Recorder(live, out)
    sim = SimulatorSource(cycle=plan(None, "Mannerheimintie", "Unioninkatu", 4), seed=4)
    seen = []
    live.listen(lambda path, r: path.endswith("Latitude") and seen.append(r.value))
    sim.run_for(live, 60.0)
    recorder.close()
    assert len(set(seen)) > 50  # the car moved along the route while it was recorded
    replayed = SignalStore()
    again = []
    replayed.listen(lambda path, r: path.endswith("Latitude") and again.append(r.value))
    source = JsonlReplaySource(out, speed=0)
    source.start(replayed)
    assert source.finished.wait(10)
    assert again == seen  # the same positions, in the same order
    for key in ("Latitude", "Longitude", "Heading"):
        path = f"Vehicle.CurrentLocation.{key}"
        assert replayed.get(path).value == live.get(path).value
    source.stop()


def test_on_a_route_the_lanes_and_the_limit_are_the_maps(graph, drive):
    track, _, _, _, log = drive
    ways = [graph.ways[w] for w in track.route.ways]
    expected_lanes = {max(1, (w.lanes or (1 if w.oneway else 2)) // (1 if w.oneway else 2)) for w in ways}
    assert set(published(log, "Cockpit.ADAS.Lane.Count")) <= expected_lanes
    assert set(published(log, "Cockpit.ADAS.SpeedLimit")) <= {int(w.maxspeed_kmh) for w in ways}
    assert len({int(w.maxspeed_kmh) for w in ways}) < 2 or len(set(published(log, "Cockpit.ADAS.SpeedLimit"))) > 1
