"""Tesla Model 3 frames, encoded with cantools from the real DBC, decode to the right VSS values."""

from __future__ import annotations

import time

import can
import pytest
from cantools.database.can import Database

from cockpit.can.decoder import CanDecoder, Reason
from cockpit.can.mapping import load_dbc
from cockpit.sources.can import CanSource
from cockpit.vehicle.store import SignalStore, Status

from .conftest import DATA, ROOT

TESLA_DBC = DATA / "tesla-model3.dbc"
TESLA_MAPPING = ROOT / "cockpit" / "assets" / "can" / "tesla-model3.yaml"

SPEED = "Vehicle.Speed"
SELECTED_GEAR = "Vehicle.Powertrain.Transmission.SelectedGear"
CURRENT_GEAR = "Vehicle.Powertrain.Transmission.CurrentGear"
SOC = "Vehicle.Powertrain.TractionBattery.StateOfCharge.Displayed"
RANGE = "Vehicle.Powertrain.Range"
BATTERY_RANGE = "Vehicle.Powertrain.TractionBattery.Range"
ODOMETER = "Vehicle.TraveledDistance"
LEFT = "Vehicle.Body.Lights.DirectionIndicator.Left.IsSignaling"
RIGHT = "Vehicle.Body.Lights.DirectionIndicator.Right.IsSignaling"
DOOR = "Vehicle.Cabin.Door.Row{row}.{side}.IsOpen"

pytestmark = pytest.mark.skipif(not TESLA_DBC.is_file(), reason=f"{TESLA_DBC} is not there")


@pytest.fixture(scope="module")
def tesla_db() -> Database:
    return load_dbc(TESLA_DBC)  # 4,000 lines: parse once


@pytest.fixture
def decoder(tesla_db: Database) -> CanDecoder:
    return CanDecoder(tesla_db, TESLA_MAPPING)


def frame(decoder: CanDecoder, message: str, ts: float = 0.0, **signals: object) -> can.Message:
    """A frame of ``message`` with the given physical values (or value names); every other signal raw 0."""
    m = decoder.db.get_message_by_name(message)
    phys = m.decode(m.encode({s.name: 0 for s in m.signals}, scaling=False, strict=False), decode_choices=False)
    phys.update(signals)
    return can.Message(arbitration_id=m.frame_id, data=m.encode(phys, strict=False), is_extended_id=False, timestamp=ts)


def test_speed_decodes_in_km_per_hour_at_the_dbc_resolution(decoder):
    # DI_vehicleSpeed: 12 bits, 0.08 kph, offset -40: 88.5 km/h is sent as raw 1606 = 88.48 km/h
    values = dict(decoder.decode(frame(decoder, "ID257DIspeed", DI_vehicleSpeed=88.5)))
    assert values[SPEED] == 88.48
    assert type(values[SPEED]) is float
    assert dict(decoder.decode(frame(decoder, "ID257DIspeed", 1.0, DI_vehicleSpeed=0.0)))[SPEED] == 0.0


@pytest.mark.parametrize(
    ("gear", "selected", "current"),
    [("DI_GEAR_P", 126, 0), ("DI_GEAR_R", -1, -1), ("DI_GEAR_N", 0, 0), ("DI_GEAR_D", 127, 1)],
)
def test_each_gear_maps_to_the_vss_gear_codes(decoder, gear, selected, current):
    values = dict(decoder.decode(frame(decoder, "ID118DriveSystemStatus", DI_gear=gear)))
    assert values == {SELECTED_GEAR: selected, CURRENT_GEAR: current}
    assert type(values[SELECTED_GEAR]) is int and type(values[CURRENT_GEAR]) is int


def test_a_gear_not_available_is_dropped_and_counted(decoder):
    assert decoder.decode(frame(decoder, "ID118DriveSystemStatus", DI_gear="DI_GEAR_SNA")) == []
    assert decoder.decode(frame(decoder, "ID118DriveSystemStatus", DI_gear="DI_GEAR_INVALID")) == []
    assert decoder.stats.bad_values[("ID118DriveSystemStatus", Reason.NOT_AVAILABLE)] == 4  # two paths, two frames


def test_state_of_charge_and_range_in_vss_units(decoder):
    # UI_Range is in miles on this bus; VSS range is uint32 metres
    values = dict(decoder.decode(frame(decoder, "ID33AUI_rangeSOC", UI_SOC=76, UI_Range=250)))
    assert values == {SOC: 76.0, RANGE: 402336, BATTERY_RANGE: 402336}
    assert type(values[SOC]) is float and type(values[RANGE]) is int


def test_odometer_in_metres(decoder):
    values = dict(decoder.decode(frame(decoder, "ID3B6odometer", Odometer3B6=12345.678)))
    assert values == {ODOMETER: 12_345_678}
    assert type(values[ODOMETER]) is int
    assert decoder.decode(frame(decoder, "ID3B6odometer", Odometer3B6="SNA")) == []


@pytest.mark.parametrize(("status", "expected"), [("LIGHT_ON", True), ("LIGHT_OFF", False)])
def test_turn_signals(decoder, status, expected):
    left = dict(decoder.decode(frame(decoder, "ID3E2VCLEFT_lightStatus", VCLEFT_turnSignalStatus=status)))
    right = dict(decoder.decode(frame(decoder, "ID3E3VCRIGHT_lightStatus", VCRIGHT_turnSignalStatus=status)))
    assert left == {LEFT: expected}
    assert right == {RIGHT: expected}
    assert decoder.decode(frame(decoder, "ID3E2VCLEFT_lightStatus", VCLEFT_turnSignalStatus="LIGHT_SNA")) == []


@pytest.mark.parametrize(
    ("latch", "expected"),
    [("LATCH_CLOSED", False), ("LATCH_OPENED", True), ("LATCH_AJAR", True), ("LATCH_OPENING", True),
     ("LATCH_CLOSING", True)],
)
def test_doors_are_open_unless_their_latch_is_closed(decoder, latch, expected):
    left = dict(decoder.decode(frame(decoder, "ID102VCLEFT_doorStatus", VCLEFT_frontLatchStatus=latch,
                                     VCLEFT_rearLatchStatus="LATCH_CLOSED")))
    right = dict(decoder.decode(frame(decoder, "ID103VCRIGHT_doorStatus", VCRIGHT_frontLatchStatus="LATCH_CLOSED",
                                      VCRIGHT_rearLatchStatus=latch, VCRIGHT_trunkLatchStatus="LATCH_CLOSED")))
    assert left == {DOOR.format(row=1, side="DriverSide"): expected, DOOR.format(row=2, side="DriverSide"): False}
    assert right == {
        DOOR.format(row=1, side="PassengerSide"): False,
        DOOR.format(row=2, side="PassengerSide"): expected,
        "Vehicle.Body.Trunk.Rear.IsOpen": False,
    }


def test_a_latch_fault_says_nothing_about_the_door(decoder):
    values = dict(decoder.decode(frame(decoder, "ID102VCLEFT_doorStatus", VCLEFT_frontLatchStatus="LATCH_FAULT",
                                       VCLEFT_rearLatchStatus="LATCH_SNA")))
    assert values == {}


def test_throttle_forwards_speed_at_most_every_50_ms_but_gear_changes_at_once(decoder):
    speeds = [dict(decoder.decode(frame(decoder, "ID257DIspeed", t / 1000, DI_vehicleSpeed=50 + t / 100)))
              for t in range(0, 200, 20)]  # a frame every 20 ms, as the car sends them
    forwarded = [i for i, v in enumerate(speeds) if SPEED in v]
    assert forwarded == [0, 3, 6, 9]  # 0, 60, 120, 180 ms
    gears = ["DI_GEAR_P", "DI_GEAR_P", "DI_GEAR_D", "DI_GEAR_D"]
    out = [dict(decoder.decode(frame(decoder, "ID118DriveSystemStatus", 10 + i * 0.01, DI_gear=g)))
           for i, g in enumerate(gears)]
    assert [o.get(SELECTED_GEAR) for o in out] == [126, None, 127, None]  # repeats held back, the change not


def test_through_can_source_on_a_virtual_bus_into_the_store(decoder, tesla_db):
    channel = f"tesla-{time.monotonic_ns()}"
    store = SignalStore()
    tx = can.Bus(interface="virtual", channel=channel, receive_own_messages=False)
    rx = can.Bus(interface="virtual", channel=channel, receive_own_messages=False)
    source = CanSource(tesla_db, TESLA_MAPPING, "virtual", channel, bus=rx)
    source.start(store)
    try:
        for msg in [
            frame(decoder, "ID257DIspeed", DI_vehicleSpeed=88.5),
            frame(decoder, "ID118DriveSystemStatus", DI_gear="DI_GEAR_D"),
            frame(decoder, "ID33AUI_rangeSOC", UI_SOC=76, UI_Range=250),
            frame(decoder, "ID3B6odometer", Odometer3B6=12345.678),
            frame(decoder, "ID3E2VCLEFT_lightStatus", VCLEFT_turnSignalStatus="LIGHT_ON"),
            frame(decoder, "ID102VCLEFT_doorStatus", VCLEFT_frontLatchStatus="LATCH_AJAR",
                  VCLEFT_rearLatchStatus="LATCH_CLOSED"),
            can.Message(arbitration_id=0x7A5, data=b"\x01", is_extended_id=False),  # not in the DBC
        ]:
            tx.send(msg)
        expected = {SPEED: 88.48, SELECTED_GEAR: 127, CURRENT_GEAR: 1, SOC: 76.0, RANGE: 402336, ODOMETER: 12_345_678,
                    LEFT: True, DOOR.format(row=1, side="DriverSide"): True}
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and source.stats.bad_frames[("0x7a5", Reason.UNKNOWN_ID)] == 0:
            time.sleep(0.01)
        for path, value in expected.items():
            assert store.value(path) == value, path
            assert type(store.value(path)) is type(value), path
            assert store.get(path).status is Status.AVAILABLE
        assert store.rejections == {}
    finally:
        source.stop()
        tx.shutdown()
        rx.shutdown()
    assert all(store.get(path).status is Status.UNAVAILABLE for path in expected)
