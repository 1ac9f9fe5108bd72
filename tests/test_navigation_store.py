"""Route guidance in the cockpit: NavigationStore on the shipped Helsinki map, fed by the simulated
car driving a route (its position published as VSS), by a car with no position (odometer only), or
by positions set by hand; the voice assistant's "take me to"."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication

from cockpit.hmi.navigation_store import NavigationStore
from cockpit.sim.route_drive import plan
from cockpit.sources.simulator import SimulatorSource
from cockpit.vehicle.store import SignalStore

LAT, LON, HEADING = (f"Vehicle.CurrentLocation.{k}" for k in ("Latitude", "Longitude", "Heading"))
ODO = "Vehicle.TraveledDistance"


def ready(store: NavigationStore) -> NavigationStore:
    store.start()
    store.wait_for_map()
    QCoreApplication.processEvents()  # the map arrives on the GUI thread
    assert store.property("ready")
    return store


class Drive:
    """A NavigationStore fed by the simulator driving ``origin`` -> ``destination``."""

    def __init__(self, origin: str, destination: str, seed: int = 3, **kw):
        self.track = plan(None, origin, destination, seed)
        self.source = SimulatorSource(cycle=self.track, seed=seed)
        self.signals = SignalStore(clock=lambda: self.source.sim.time_s)
        self.source.attach(self.signals)
        self.nav = ready(NavigationStore(self.signals, **kw))
        self.flush()
        self.said: list[tuple[float, str]] = []  # (metres driven, prompt)
        self.nav.announce.connect(lambda text: self.said.append((self.driven(), text)))

    def driven(self) -> float:
        return self.source.sim.ev.odometer_m - self.source.sim._route_start_m

    def flush(self) -> None:
        self.nav.apply({p: self.signals.get(p) for p in self.signals.snapshot()})

    def step(self, seconds: float = 0.2) -> None:
        self.source.step(self.signals, seconds)
        self.flush()

    def close(self) -> None:
        self.nav.close()


@pytest.fixture
def drive(qapp):
    made: list[Drive] = []

    def make(*args, **kw) -> Drive:
        made.append(Drive(*args, **kw))
        return made[-1]

    yield make
    for d in made:
        d.close()


def test_a_route_from_where_the_car_is_to_a_street(drive):
    d = drive("Mannerheimintie", "Unioninkatu")
    assert d.nav.go("unioninkatu") == ""
    nav = d.nav
    assert nav.property("active") and nav.property("destination") == "Unioninkatu"
    # the same router from the same place: the route the car is about to drive
    assert nav.property("distance") == pytest.approx(d.track.length_m / 1000, rel=0.02)
    assert nav.property("distanceUnit") == "km" and nav.property("etaMinutes") >= 1
    assert nav.property("maneuver") in {"continue", "turn-left", "turn-right", "slight-left", "slight-right"}
    assert len(nav.property("routePath")) == len(d.track.points)


def test_guidance_counts_down_speaks_before_each_turn_and_ends_on_arrival(drive):
    d = drive("Mannerheimintie", "Unioninkatu")
    d.nav.go("Unioninkatu")
    turns = {}  # maneuver position along the route -> its instruction, from the route itself
    from cockpit.navigation.guidance import instruction

    for m in d.nav._steps[1:-1]:
        turns[m.at_m] = instruction(m)
    left = [d.nav.property("distance")]
    while not d.source.sim.finished:
        d.step()
        if d.nav.property("active"):
            left.append(d.nav.property("distance"))
    assert all(b <= a + 1e-9 for a, b in zip(left, left[1:], strict=False))  # never goes up on the way
    assert not d.nav.property("active")
    assert d.said and d.said[-1][1] == "You have arrived"
    for at, words in turns.items():
        before = [(m, text) for m, text in d.said if words.lower() in text.lower()]
        assert before, f"nothing said for {words!r}"
        # the last prompt for a turn comes shortly before it, not after it
        assert all(m <= at + 5 for m, _ in before)
        assert any(at - 60 <= m <= at for m, _ in before), (words, before)


def test_a_car_that_leaves_the_route_gets_a_new_one(drive):
    d = drive("Mannerheimintie", "Unioninkatu")
    d.nav.go("Unioninkatu")
    graph = d.nav._graph
    first = d.nav.property("routePath")
    # the car turns up somewhere else on the map (a wrong turn, far off): three position fixes
    elsewhere = next(n for n in sorted(graph.edges) if min(
        abs(graph.nodes[n][0] - p[0]) + abs(graph.nodes[n][1] - p[1]) for p in d.track.points) > 0.004)
    lat, lon = graph.nodes[elsewhere]
    said = []
    d.nav.announce.connect(said.append)
    for _ in range(3):
        d.signals.update(LAT, lat)
        d.signals.update(LON, lon)
        d.nav.apply({LAT: d.signals.get(LAT), LON: d.signals.get(LON)})
    assert d.nav.property("reroutes") == 1 and "Route recalculated" in said
    assert d.nav.property("active") and d.nav.property("destination") == "Unioninkatu"
    new = d.nav.property("routePath")
    assert new != first
    start = d.nav._points[0]
    assert abs(start[0] - lat) + abs(start[1] - lon) < 0.003  # the new route starts where the car is


def test_one_fix_off_the_route_is_not_yet_a_new_route(drive):
    d = drive("Mannerheimintie", "Unioninkatu")
    d.nav.go("Unioninkatu")
    lat, lon = d.track.points[0]
    d.signals.update(LAT, lat + 0.002)  # ~220 m: one bad GNSS fix
    d.nav.apply({LAT: d.signals.get(LAT)})
    d.signals.update(LAT, lat)
    d.nav.apply({LAT: d.signals.get(LAT)})
    assert d.nav.property("reroutes") == 0


def test_a_car_without_a_position_counts_down_by_its_odometer(qapp):
    source = SimulatorSource(seed=1)  # a drive cycle: no place on the map
    signals = SignalStore(clock=lambda: source.sim.time_s)
    source.attach(signals)
    nav = ready(NavigationStore(signals))
    try:
        nav.apply({p: signals.get(p) for p in signals.snapshot()})
        assert not nav.property("hasPosition")
        assert nav.go("Kaivokatu") == ""
        before = nav.property("distance")
        odo = signals.value(ODO)
        signals.update(ODO, odo + 100)
        nav.apply({ODO: signals.get(ODO)})
        assert before > 0.2 and nav.property("distance") == pytest.approx(before - 0.1, abs=0.002)
    finally:
        nav.close()


def test_distances_in_the_drivers_units(drive):
    d = drive("Mannerheimintie", "Unioninkatu")
    d.signals.update("Vehicle.Cabin.Infotainment.HMI.DistanceUnit", "MILES")
    d.flush()
    d.nav.go("Unioninkatu")
    assert d.nav.property("distanceUnit") == "mi"
    assert d.nav.property("distance") == pytest.approx(d.track.length_m / 1609.344, rel=0.02)
    assert d.nav.property("maneuverUnit") in ("ft", "mi")


def test_battery_at_arrival_from_the_trip_consumption(drive):
    d = drive("Mannerheimintie", "Unioninkatu")
    d.nav.go("Unioninkatu")
    for _ in range(150):
        d.step()
    s = d.signals
    per_km = s.value("Cockpit.Trip.AverageConsumption")
    left_km = d.nav.property("distance")
    expected = (s.value("Vehicle.Powertrain.TractionBattery.StateOfCharge.Current")
                - left_km * max(per_km, 170 if per_km <= 60 else per_km)
                / (s.value("Vehicle.Powertrain.TractionBattery.NetCapacity") * 1000) * 100)
    assert d.nav.property("arrivalSoc") == pytest.approx(expected, abs=0.05)
    assert 0 < d.nav.property("arrivalSoc") < s.value("Vehicle.Powertrain.TractionBattery.StateOfCharge.Current")


def test_home_and_work_come_from_the_drivers_profile(drive):
    places = [{"key": "home", "label": "Home", "address": "Mannerheimintie 5", "latitude": None, "longitude": None}]
    d = drive("Unioninkatu", "Kaivokatu", profile_places=lambda: places)
    failed = []
    d.nav.failed.connect(failed.append)
    assert d.nav.go("home") == ""
    assert d.nav.property("destination") == "Home"
    assert "no work address in the driver's profile" in d.nav.go("work")
    assert failed and "Driver page" in failed[-1]
    labels = [s["label"] for s in d.nav.property("suggestions")]
    assert labels[0] == "Home" and len(labels) <= 5


def test_an_unknown_street_is_refused_with_the_names_it_may_have_meant(drive):
    d = drive("Mannerheimintie", "Unioninkatu")
    why = d.nav.go("Manerheimintie")
    assert "did you mean Mannerheimintie" in why and not d.nav.property("active")
    assert "no street called" in d.nav.go("Baker Street")


def test_a_broken_map_is_refused_and_the_one_before_kept(drive, tmp_path):
    d = drive("Mannerheimintie", "Unioninkatu")
    broken = tmp_path / "broken.osm.pbf"
    from cockpit.navigation.graph import DEFAULT_MAP

    broken.write_bytes(DEFAULT_MAP.read_bytes()[:40_000])  # a download cut short
    d.nav.load_map(broken)
    d.nav.wait_for_map()
    QCoreApplication.processEvents()
    assert "broken.osm.pbf" in d.nav.property("mapError") and "kept" in d.nav.property("mapError")
    assert d.nav.property("ready") and d.nav.go("Unioninkatu") == ""


def test_voice_says_take_me_to_a_street_of_the_map(cockpits):
    from cockpit.gallery import load_map

    from .screens import DRIVING

    car = cockpits(DRIVING)
    load_map(car)
    assert "Unioninkatu" in car.navigation.places and "home" in car.navigation.places
    assert car.voice_actions.run("nav.go", {"place": "Unioninkatu"}) == ""
    assert car.navigation.property("active") and car.navigation.property("destination") == "Unioninkatu"
    assert car.voice_actions.run("nav.cancel", {}) == "" and not car.navigation.property("active")
