"""Domain stores and the per-frame bridge, without QML: typed values, units, pending targets."""

import pytest

from cockpit.hmi.bridge import FrameBridge
from cockpit.hmi.climate_store import ClimateStore
from cockpit.hmi.cluster_store import ClusterStore
from cockpit.hmi.vehicle_store import VehicleStatusStore
from cockpit.vehicle.store import SignalStore

SPEED = "Vehicle.Speed"
HMI = "Vehicle.Cabin.Infotainment.HMI."
TEMP = "Vehicle.Cabin.HVAC.Station.Row1.Driver.Temperature"


@pytest.fixture
def signals():
    return SignalStore()


def test_bridge_delivers_one_batch_and_one_notify_for_many_updates(qapp, signals):
    cluster = ClusterStore(signals)
    bridge = FrameBridge(signals, [cluster])
    notified = []
    cluster.changed.connect(lambda: notified.append(cluster.property("speed")))
    for v in range(500):
        signals.update(SPEED, float(v % 200))
        signals.update("Vehicle.Powertrain.ElectricMotor.Power", v % 100)
    bridge.flush()
    assert bridge.batches == 1
    assert notified == [float(499 % 200)]
    bridge.flush()  # nothing new: no batch, no notify
    assert bridge.batches == 1 and len(notified) == 1
    bridge.stop()


def test_store_ignores_batches_it_does_not_read(qapp, signals):
    vehicle = VehicleStatusStore(signals)
    notified = []
    vehicle.changed.connect(lambda: notified.append(1))
    signals.update(SPEED, 50.0)
    vehicle.apply({SPEED: signals.get(SPEED)})
    assert notified == []


def test_cluster_converts_units_from_the_hmi_settings(qapp, signals):
    cluster = ClusterStore(signals)
    bridge = FrameBridge(signals, [cluster])
    signals.update(SPEED, 100.0)
    signals.update("Vehicle.Powertrain.Range", 321_869)
    signals.update("Vehicle.Exterior.AirTemperature", 20.0)
    bridge.flush()
    assert cluster.property("speed") == 100.0 and cluster.property("speedUnit") == "km/h"
    signals.update(HMI + "DistanceUnit", "MILES")
    signals.update(HMI + "TemperatureUnit", "F")
    bridge.flush()
    assert cluster.property("speed") == pytest.approx(62.137, abs=1e-3)
    assert cluster.property("speedUnit") == "mph"
    assert cluster.property("range") == pytest.approx(200.0, abs=0.01)
    assert cluster.property("outsideTemp") == pytest.approx(68.0)
    assert cluster.property("temperatureUnit") == "°F"


def test_missing_and_bad_values_are_flagged_not_frozen(qapp, signals):
    cluster = ClusterStore(signals)
    assert not cluster.property("speedValid") and cluster.property("signalLost")
    signals.update(SPEED, 80.0)
    cluster.apply({SPEED: signals.get(SPEED)})
    assert cluster.property("speedValid") and not cluster.property("signalLost")
    signals.update(SPEED, float("nan"))
    cluster.apply({SPEED: signals.get(SPEED)})
    assert not cluster.property("speedValid")


def test_gear_letters_from_vss_codes(qapp, signals):
    cluster = ClusterStore(signals)
    gear = "Vehicle.Powertrain.Transmission.SelectedGear"
    for code, letter in [(126, "P"), (127, "D"), (0, "N"), (-1, "R"), (1, "D")]:
        signals.update(gear, code)
        cluster.apply({gear: signals.get(gear)})
        assert cluster.property("gear") == letter


def test_telltales_follow_their_signals(qapp, signals):
    cluster = ClusterStore(signals)
    low = "Vehicle.Chassis.Axle.Row2.Wheel.Right.Tire.IsPressureLow"
    signals.update(low, True)
    signals.update("Vehicle.LowVoltageBattery.CurrentVoltage", 11.2)
    signals.update("Vehicle.Cabin.Seat.Row1.DriverSide.IsBelted", False)
    cluster.apply(signals.snapshot())
    assert cluster.property("tireLow") and cluster.property("lowVoltage") and cluster.property("seatBelt")
    signals.update(low, False)
    cluster.apply(signals.snapshot())
    assert not cluster.property("tireLow")


def test_climate_request_shows_pending_then_current(qapp, signals):
    climate = ClimateStore(signals)
    sent = []
    signals.on_request(lambda p, v: sent.append((p, v)))
    signals.update(TEMP, 21.0)
    climate.apply(signals.snapshot())
    climate.stepTemperature("driver", 2)
    climate.apply(signals.snapshot())
    state = climate.driverTemp
    assert sent == [(TEMP, 22.0)]
    assert state.property("pending") and state.property("shown") == 22.0 and state.property("value") == 21.0
    climate.stepTemperature("driver", 1)  # steps from the pending target, not the old value
    assert sent[-1] == (TEMP, 22.5)
    signals.update(TEMP, 22.5)
    climate.apply(signals.snapshot())
    assert not state.property("pending") and state.property("shown") == 22.5


def test_climate_refusal_is_reported(qapp, signals):
    climate = ClimateStore(signals)
    errors = []
    climate.failed.connect(errors.append)
    climate.toggle("ac")  # no source accepts requests
    assert errors and "no source" in errors[0]


def test_temperature_steps_stop_at_the_range(qapp, signals):
    climate = ClimateStore(signals)
    sent = []
    signals.on_request(lambda p, v: sent.append(v))
    signals.update(TEMP, 27.5)
    climate.stepTemperature("driver", 5)
    assert sent == [28.0]
