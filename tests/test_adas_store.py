"""The AdasStore without QML: what the road scene and the HUD are told, from the ADAS signals — an
object only while its readings are fresh, the blind spot only when the radar says blind spot, the
limit in the driver's units with a speedometer's tolerance, and the gap button's range."""

import pytest

from cockpit.gallery import STATES
from cockpit.hmi.adas_store import AdasStore
from cockpit.hmi.bridge import FrameBridge
from cockpit.vehicle.store import SignalStore

A, X = "Vehicle.ADAS.", "Cockpit.ADAS."
DISTANCE = A + "ObstacleDetection.Front.Center.Distance"


class Clock:
    def __init__(self) -> None:
        self.t = 0.0

    def __call__(self) -> float:
        return self.t


@pytest.fixture
def car(qapp):
    clock = Clock()
    signals = SignalStore(clock=clock)
    store = AdasStore(signals)
    bridge = FrameBridge(signals, [store])

    def show(values: dict) -> AdasStore:
        for path, value in values.items():
            assert signals.update(path, value), path
        bridge.flush()
        return store

    yield show, clock, signals, bridge
    bridge.stop()


def test_a_following_state_reads_as_the_scene_draws_it(car):
    show, *_ = car
    store = show({"Vehicle.Speed": 95.0, **STATES["acc-following"].values})
    assert store.property("available") and store.property("laneCount") == 3 and store.property("laneIndex") == 1
    assert store.property("leadDetected") and store.property("leadDistance") == 37.0
    assert store.property("timeGap") == pytest.approx(37.0 / (95 / 3.6))
    assert store.property("ttc") == 0.0  # not closing in
    assert store.property("accActive") and store.property("setSpeed") == 120.0 and store.property("gapBars") == 2
    assert store.property("gapSeconds") == 1.4 and store.property("fcw") == ""


def test_no_lanes_no_scene_and_a_stale_radar_draws_no_car(car):
    show, clock, signals, bridge = car
    store = show({"Vehicle.Speed": 72.0, X + "Lead.IsDetected": True, DISTANCE: 14.0})
    assert not store.property("available")  # lanes never reported
    assert store.property("leadDetected")
    clock.t = 1.0  # the radar's 100 ms distance, silent for 3 periods and more
    signals.sweep()  # as the bridge does every quarter second: the silent distance turns stale
    bridge.flush()
    assert not store.property("leadDetected") and store.property("leadDistance") == 0.0


def test_the_blind_spot_is_the_radars_blind_spot_warning_not_any_rear_warning(car):
    show, *_ = car
    base = A + "ObstacleDetection.Rear.Left."
    store = show({base + "IsWarning": True, base + "WarningType": "CROSS_TRAFFIC"})
    assert not store.property("blindLeft")
    store = show({base + "WarningType": "BLIND_SPOT"})
    assert store.property("blindLeft") and not store.property("blindRight")


def test_fcw_stage_and_emergency_braking(car):
    show, *_ = car
    store = show({"Vehicle.Speed": 72.0, **STATES["forward-collision"].values})
    assert store.property("fcw") == "urgent" and store.property("aeb")
    assert store.property("ttc") == pytest.approx(1.2, abs=0.01)
    store = show({X + "ForwardCollision.Stage": "WARNING", A + "EBA.IsEngaged": False})
    assert store.property("fcw") == "warning" and not store.property("aeb")


def test_the_limit_in_the_drivers_units_and_over_it_past_a_speedometers_tolerance(car):
    show, *_ = car
    store = show({X + "SpeedLimit": 100, "Vehicle.Speed": 103.0})
    assert store.property("speedLimit") == 100 and not store.property("overLimit")
    store = show({"Vehicle.Speed": 103.5})
    assert store.property("overLimit")
    store = show({"Vehicle.Cabin.Infotainment.HMI.DistanceUnit": "MILES"})
    assert store.property("speedLimit") == 62 and store.property("speedUnit") == "mph"
    store = show({X + "SpeedLimit": 0})
    assert store.property("speedLimit") == 0 and not store.property("overLimit")  # none known


def test_the_gap_button_asks_the_car_for_one_to_four_bars(car):
    from cockpit.sources.simulator import SimulatorSource

    show, _, signals, bridge = car
    sim = SimulatorSource(seed=1)
    sim.attach(signals)
    store = show({})
    assert store.property("gapBars") == 2
    assert "1 to 4" in store.setGap(5)
    assert store.setGap(3) == ""
    sim.step(signals, 0.5)  # the car takes it
    bridge.flush()
    assert store.property("gapBars") == 3 and store.property("gapSeconds") == 1.8
