"""The simulator as a source writing into a real SignalStore: types, freshness, actuators, thread."""

from __future__ import annotations

import threading
import time

import pytest

from cockpit.sim.drive import ACTUATOR_DELAYS_S, DriveSimulation
from cockpit.sources.base import Source
from cockpit.sources.simulator import SimulatorSource
from cockpit.vehicle.catalogue import ChangeMode, default_catalogue
from cockpit.vehicle.store import DEFAULT_ACTUATOR_TIMEOUT_S, SignalStore, Status

DRIVER_TEMP = "Vehicle.Cabin.HVAC.Station.Row1.Driver.Temperature"
SEAT_HEAT = "Vehicle.Cabin.Seat.Row1.DriverSide.HeatingCooling"
DISTANCE_UNIT = "Vehicle.Cabin.Infotainment.HMI.DistanceUnit"
GEAR = "Vehicle.Powertrain.Transmission.SelectedGear"
TRIP = "Vehicle.TripMeterReading"
CRUISE_ACTIVE = "Vehicle.ADAS.CruiseControl.IsActive"
FAN = "Vehicle.Cabin.HVAC.Station.Row1.Driver.FanSpeed"

# Everything a simulated EV has, from the catalogue (only the cruise set speed waits to be set).
# a drive cycle has no place on a map: the position comes with a route (tests/test_route_drive.py)
LOCATION = {f"Vehicle.CurrentLocation.{k}" for k in ("Latitude", "Longitude", "Heading")}
EXPECTED = {s.path for s in default_catalogue()} - {"Vehicle.ADAS.CruiseControl.SpeedSet"} - LOCATION


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def store(clock: FakeClock) -> SignalStore:
    return SignalStore(clock=clock)


def test_it_is_a_source():
    src: Source = SimulatorSource()
    assert src.name == "simulator"


def test_everything_published_is_accepted_and_fresh(store: SignalStore, clock: FakeClock):
    src = SimulatorSource("wltc", seed=4)
    src.run_for(store, 1300)  # past the first cruise-control stretch
    assert store.rejections == {}
    clock.now += 0.1
    store.sweep()
    snapshot = store.snapshot()
    assert EXPECTED | {"Vehicle.ADAS.CruiseControl.SpeedSet"} <= set(snapshot)
    for path, reading in snapshot.items():
        assert reading.status is Status.AVAILABLE, path
        assert reading.error is None, path
    assert snapshot["Vehicle.Powertrain.TractionBattery.NetCapacity"].value == 60
    assert snapshot["Vehicle.Body.Lights.Beam.Low.IsOn"].value is True


def test_a_fresh_store_gets_the_whole_state_at_once(store: SignalStore):
    SimulatorSource().attach(store)
    assert set(store.snapshot()) == EXPECTED
    assert store.value(GEAR) == 126
    assert store.value("Vehicle.Powertrain.Transmission.CurrentGear") == 0
    assert store.value("Vehicle.Speed") == 0.0


def test_continuous_signals_are_published_at_least_every_period():
    sim = DriveSimulation("udds", seed=2)
    last = dict.fromkeys((path for path, _ in sim.snapshot()), 0.0)
    worst: dict[str, float] = {}
    for _ in range(3000):  # 5 minutes in 0.1 s steps
        for path, _ in sim.advance(0.1):
            worst[path] = max(worst.get(path, 0.0), sim.time_s - last.get(path, sim.time_s))
            last[path] = sim.time_s
    for spec in default_catalogue():
        if spec.change is ChangeMode.CONTINUOUS and spec.path not in LOCATION:
            assert worst[spec.path] <= spec.period_s + 1e-6, spec.path


def test_on_change_signals_are_published_only_when_they_change():
    sim = DriveSimulation("wltc")
    sim.snapshot()
    sim.advance(60.0)
    outputs = [dict(sim.advance(0.1)) for _ in range(100)]
    assert all("Vehicle.Body.Lights.Beam.Low.IsOn" not in out for out in outputs)
    assert all("Vehicle.Speed" in out for out in outputs)  # moving: changes every step


def test_slow_motion_republishes_often_enough_for_the_wall_clock():
    src = SimulatorSource(speedup=0.25)
    assert src.sim.publish_scale == 0.25


def test_an_hvac_setpoint_is_pending_then_confirmed_after_its_delay(store: SignalStore):
    src = SimulatorSource()
    src.run_for(store, 30)
    assert store.value(DRIVER_TEMP) == 21.0
    assert store.request(DRIVER_TEMP, 22.5) is None
    assert store.get(DRIVER_TEMP).target == 22.5
    assert store.get(DRIVER_TEMP).value == 21.0
    src.run_for(store, 0.5)
    assert store.get(DRIVER_TEMP).target == 22.5, "still pending: the HVAC takes ~0.8 s"
    src.run_for(store, 0.5)
    reading = store.get(DRIVER_TEMP)
    assert (reading.value, reading.target, reading.error) == (22.5, None, None)
    assert store.rejections == {}


def test_seat_heating_takes_half_a_second_and_units_are_immediate(store: SignalStore):
    src = SimulatorSource()
    src.run_for(store, 5)
    store.request(SEAT_HEAT, 60)
    store.request(DISTANCE_UNIT, "MILES")
    src.run_for(store, 0.1)
    assert store.get(DISTANCE_UNIT).value == "MILES" and store.get(DISTANCE_UNIT).target is None
    assert store.get(SEAT_HEAT).target == 60
    src.run_for(store, ACTUATOR_DELAYS_S[SEAT_HEAT])
    assert store.get(SEAT_HEAT).value == 60 and store.get(SEAT_HEAT).target is None


def test_a_request_the_simulator_ignores_rolls_back_after_the_timeout(store: SignalStore, clock: FakeClock):
    src = SimulatorSource("wltc")
    src.run_for(store, 60)
    assert store.value("Vehicle.Speed") > 0 and store.value(GEAR) == 127
    assert store.request(GEAR, 126) is None  # P while driving
    src.run_for(store, 2)
    assert store.get(GEAR).target == 126
    clock.now += DEFAULT_ACTUATOR_TIMEOUT_S
    store.sweep()
    reading = store.get(GEAR)
    assert reading.value == 127 and reading.target is None
    assert "not confirmed" in reading.error


def test_cruise_control_cannot_engage_at_standstill(store: SignalStore, clock: FakeClock):
    src = SimulatorSource("wltc")
    src.attach(store)
    store.request("Vehicle.ADAS.CruiseControl.IsEnabled", True)
    src.run_for(store, 1)
    assert store.value("Vehicle.ADAS.CruiseControl.IsEnabled") is True
    store.request(CRUISE_ACTIVE, True)
    src.run_for(store, 1)
    clock.now += DEFAULT_ACTUATOR_TIMEOUT_S
    store.sweep()
    assert store.value(CRUISE_ACTIVE) is False
    assert store.get(CRUISE_ACTIVE).error


def test_the_trip_meter_resets_on_request(store: SignalStore):
    src = SimulatorSource("wltc")
    src.run_for(store, 300)
    assert store.value(TRIP) > 1000
    energy_before = store.value("Cockpit.Trip.Energy")
    store.request(TRIP, 0)
    src.run_for(store, 0.1)
    assert store.get(TRIP).target is None and store.get(TRIP).error is None
    assert store.value(TRIP) < 10
    assert store.value("Cockpit.Trip.Energy") < energy_before
    odometer = store.value("Vehicle.TraveledDistance")
    assert odometer > 12_480_000  # the odometer does not reset


def test_same_seed_gives_the_same_store(clock: FakeClock):
    stores = [SignalStore(clock=clock), SignalStore(clock=clock)]
    for s in stores:
        SimulatorSource("udds", seed=9).run_for(s, 400)
    a, b = ({p: r.value for p, r in s.snapshot().items()} for s in stores)
    assert a == b


def test_the_thread_runs_faster_than_real_time_and_stop_marks_everything_unavailable():
    store = SignalStore()
    src = SimulatorSource("wltc", speedup=20.0, tick_s=0.02)
    src.start(store)
    try:
        with pytest.raises(RuntimeError):
            src.step(store, 1.0)  # no manual stepping under a running thread
        started = time.monotonic()
        deadline = started + 10.0
        while src.sim.time_s < 5.0 and time.monotonic() < deadline:
            time.sleep(0.02)
        elapsed = time.monotonic() - started
        assert src.sim.time_s >= 5.0
        assert src.sim.time_s > 3 * elapsed  # far ahead of the wall clock (20x nominal)

        # a request from another thread (the GUI's) is carried out by the simulator thread
        confirmed = threading.Event()

        def watch(path: str, reading) -> None:
            if path == FAN and reading.value == 80 and reading.target is None:
                confirmed.set()

        store.listen(watch)
        assert store.request(FAN, 80) is None
        assert confirmed.wait(5.0)
        assert store.rejections == {}
    finally:
        src.stop()
    assert not any(t.name == "simulator" and t.is_alive() for t in threading.enumerate())
    snapshot = store.snapshot()
    assert set(snapshot) >= EXPECTED
    assert all(r.status is Status.UNAVAILABLE for r in snapshot.values())


def test_a_stopped_simulator_can_start_again(store: SignalStore):
    src = SimulatorSource(speedup=10.0, tick_s=0.02)
    src.start(store)
    src.stop()
    assert store.get("Vehicle.Speed").status is Status.UNAVAILABLE
    src.start(store)
    try:
        assert store.get("Vehicle.Speed").status is Status.AVAILABLE
    finally:
        src.stop()


def test_signals_left_to_a_driver_are_no_longer_moved_by_the_scenario():
    cruise = "Vehicle.ADAS.CruiseControl."
    paths = [cruise + "IsEnabled", cruise + "IsActive", cruise + "SpeedSet"]
    own, driven = DriveSimulation("wltc"), DriveSimulation("wltc")
    driven.leave_to_driver(paths)
    seen_own, seen_driven = set(), set()
    for _ in range(1800):  # a whole WLTC, where the scenario holds cruise control on fast stretches
        seen_own |= {(p, v) for p, v in own.advance(1.0) if p in paths}
        seen_driven |= {(p, v) for p, v in driven.advance(1.0) if p in paths}
    assert (cruise + "IsActive", True) in seen_own  # the scenario's own cruise control
    assert (cruise + "IsActive", True) not in seen_driven

    driven = DriveSimulation("wltc")
    driven.leave_to_driver(paths)
    driven.advance(1190.0)  # on the fast road
    assert driven.request(cruise + "IsEnabled", True)
    driven.advance(1.0)
    assert driven.request(cruise + "SpeedSet", 90.0) and driven.request(cruise + "IsActive", True)
    values = {}
    for _ in range(200):  # the tour holds its 90 km/h; the scenario's 95 never comes
        values.update(driven.advance(1.0))
        assert values.get(cruise + "SpeedSet", 90.0) == 90.0
    assert values[cruise + "SpeedSet"] == 90.0
