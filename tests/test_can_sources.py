"""CAN sources with real parts: the simulated car over a python-can virtual bus, a CAN source's
liveness, and recorded logs (candump -L, .asc, .blf) replayed through the same decoder."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import can
import pytest

from cockpit.can.decoder import CanDecoder, Reason
from cockpit.can.emitter import CanEmitter
from cockpit.can.mapping import load_dbc
from cockpit.sim.drive import DriveSimulation
from cockpit.sources.base import Source
from cockpit.sources.can import DEMO_DBC, DEMO_MAPPING, CanSimSource, CanSource, CanSourceError
from cockpit.sources.canlog import CanLogError, CanLogReplaySource
from cockpit.vehicle.store import SignalStore, Status

DB = load_dbc(DEMO_DBC)
DRIVER_TEMP = "Vehicle.Cabin.HVAC.Station.Row1.Driver.Temperature"
# What the cluster cannot do without.
CLUSTER = [
    "Vehicle.Speed",
    "Vehicle.Powertrain.ElectricMotor.Power",
    "Vehicle.Powertrain.TractionBattery.StateOfCharge.Displayed",
    "Vehicle.Powertrain.Range",
    "Vehicle.Powertrain.Transmission.SelectedGear",
    "Vehicle.TraveledDistance",
    "Vehicle.TripMeterReading",
    "Vehicle.Body.Lights.DirectionIndicator.Left.IsSignaling",
    "Vehicle.Body.Lights.DirectionIndicator.Right.IsSignaling",
    "Vehicle.Body.Lights.Hazard.IsSignaling",
    "Vehicle.Exterior.AirTemperature",
    "Vehicle.LowVoltageBattery.CurrentVoltage",
    "Vehicle.Cabin.Seat.Row1.DriverSide.IsBelted",
    "Vehicle.Chassis.Axle.Row1.Wheel.Left.Tire.IsPressureLow",
    "Vehicle.Cabin.Door.Row1.DriverSide.IsOpen",
]


def wait_for(condition: Callable[[], bool], timeout: float = 5.0) -> bool:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.01)
    return True


def virtual_pair(name: str) -> tuple[can.BusABC, can.BusABC]:
    channel = f"{name}-{time.monotonic_ns()}"
    return (can.Bus(interface="virtual", channel=channel, receive_own_messages=False),
            can.Bus(interface="virtual", channel=channel, receive_own_messages=False))


# ----- the simulated car over CAN -----------------------------------------------------------------------


def test_can_sim_drives_the_store_through_can_with_every_value_accepted():
    store = SignalStore()
    src: Source = CanSimSource("wltc", speedup=20, seed=3)
    src.start(store)
    try:
        assert wait_for(lambda: all(store.get(p).status is Status.AVAILABLE for p in CLUSTER))
        time.sleep(1.5)  # half a minute of driving at 20x
        assert store.rejections == {}
        assert src.stats.bad_frames == {}
        assert {reason for _, reason in src.stats.bad_values} <= {Reason.NOT_AVAILABLE}  # cruise set speed not set yet
        assert src.stats.frames_ok > 100
        assert {p for p in CLUSTER if store.get(p).status is not Status.AVAILABLE} == set()
        assert store.value("Vehicle.Speed") > 0  # WLTC pulls away within seconds
        assert src.vehicle is not store  # the values came through CAN, not from the simulator's store
    finally:
        src.stop()
    assert store.get("Vehicle.Speed").status is Status.UNAVAILABLE


def test_an_hvac_request_goes_round_trip_through_can():
    store = SignalStore()
    src = CanSimSource("udds", speedup=10, seed=2)
    src.start(store)
    try:
        assert wait_for(lambda: store.value(DRIVER_TEMP) == 21.0)
        frames_before = src.stats.ok["HVAC_Status"]
        assert store.request(DRIVER_TEMP, 23.5) is None
        assert store.get(DRIVER_TEMP).target == 23.5 and store.value(DRIVER_TEMP) == 21.0  # pending
        assert wait_for(lambda: store.value(DRIVER_TEMP) == 23.5)
        reading = store.get(DRIVER_TEMP)
        assert reading.target is None and reading.error is None and reading.status is Status.AVAILABLE
        assert src.stats.ok["HVAC_Status"] > frames_before
        assert src.vehicle.value(DRIVER_TEMP) == 23.5  # the simulated car applied it
    finally:
        src.stop()


def test_the_emitter_and_decoder_carry_every_simulated_value_at_the_dbc_resolution():
    tx, rx = virtual_pair("emitter")
    try:
        emitter = CanEmitter(DEMO_DBC, DEMO_MAPPING, tx)
        decoder = CanDecoder(DB, DEMO_MAPPING)
        sim = DriveSimulation("wltc", seed=5)
        state = dict(sim.snapshot())
        for _ in range(6000):  # ten minutes of driving in 0.1 s steps
            state.update(sim.advance(0.1))
        for path, value in state.items():
            emitter.set(path, value)
        assert emitter.send_due(time.monotonic()) == pytest.approx(0.05, abs=0.01)  # VCU_Drive is next, 50 ms
        assert emitter.sent == len(DB.messages)
        decoded = {}
        while (msg := rx.recv(timeout=0.1)) is not None:
            decoded.update(decoder.decode(msg))
        resolution = {e.path: DB.get_message_by_name(e.message).get_signal_by_name(e.signal).scale * e.scale
                      for e in decoder.entries}
        assert decoded.keys() == state.keys()  # all but the cruise set speed, never set yet: sent as SNA
        assert decoder.stats.bad_values == {("ADAS_Status", Reason.NOT_AVAILABLE): 1} and decoder.stats.bad_frames == {}
        for path, value in decoded.items():
            assert type(value) is type(state[path]), path
            if isinstance(value, bool | str):
                assert value == state[path], path
            else:
                assert abs(value - state[path]) <= resolution[path] / 2 + 1e-9, path
    finally:
        tx.shutdown()
        rx.shutdown()


# ----- a CAN source on a bus ----------------------------------------------------------------------------


def test_a_silent_bus_turns_the_signals_unavailable_until_frames_come_back():
    tx, rx = virtual_pair("silence")
    store = SignalStore()
    source = CanSource(DB, DEMO_MAPPING, bus=rx, silence_timeout_s=0.3)
    source.start(store)
    lights = DB.get_message_by_name("BCM_Lights")
    left = "Vehicle.Body.Lights.DirectionIndicator.Left.IsSignaling"
    try:
        tx.send(can.Message(arbitration_id=lights.frame_id, data=b"\x01", is_extended_id=False))
        assert wait_for(lambda: store.value(left) is True)
        assert wait_for(lambda: store.get(left).status is Status.UNAVAILABLE)  # on-change: no staleness of its own
        tx.send(can.Message(arbitration_id=lights.frame_id, data=b"\x01", is_extended_id=False))
        assert wait_for(lambda: store.get(left).status is Status.AVAILABLE)
    finally:
        source.stop()
        tx.shutdown()
        rx.shutdown()


def test_a_message_that_misses_its_cycles_turns_only_its_signals_unavailable():
    tx, rx = virtual_pair("cycles")
    store = SignalStore()
    source = CanSource(DB, DEMO_MAPPING, bus=rx, silence_timeout_s=0.3)  # BCM_Lights: 100 ms cycle
    source.start(store)
    lights = DB.get_message_by_name("BCM_Lights")
    body = DB.get_message_by_name("BCM_Body")
    try:
        tx.send(can.Message(arbitration_id=lights.frame_id, data=b"\x01", is_extended_id=False))
        start = time.monotonic()
        while time.monotonic() - start < 1.0:  # the body controller keeps talking, the light controller is gone
            tx.send(can.Message(arbitration_id=body.frame_id, data=bytes([1, 5, 138, 0]), is_extended_id=False))
            time.sleep(0.05)
        assert store.get("Vehicle.Body.Lights.DirectionIndicator.Left.IsSignaling").status is Status.UNAVAILABLE
        assert store.get("Vehicle.Cabin.Door.Row1.DriverSide.IsOpen").status is Status.AVAILABLE
        assert store.value("Vehicle.LowVoltageBattery.CurrentVoltage") == 13.8
    finally:
        source.stop()
        tx.shutdown()
        rx.shutdown()


def test_an_interface_that_cannot_open_is_a_clear_error():
    with pytest.raises(CanSourceError, match="cannot open CAN interface nosuchinterface:can9"):
        CanSource(DB, DEMO_MAPPING, "nosuchinterface", "can9").start(SignalStore())


# ----- recorded logs ------------------------------------------------------------------------------------


def record_drive(path: Path, seconds: float = 60.0) -> list[can.Message]:
    """A minute of the simulated car as demo-DBC frames, written to ``path`` in its format by suffix."""
    tx, rx = virtual_pair("record")
    frames = []
    try:
        emitter = CanEmitter(DEMO_DBC, DEMO_MAPPING, tx)
        sim = DriveSimulation("wltc", seed=7)
        for p, v in sim.snapshot():
            emitter.set(p, v)
        t = 0.0
        while t < seconds:
            for p, v in sim.advance(0.05):
                emitter.set(p, v)
            t += 0.05
            emitter.send_due(t)
            while (msg := rx.recv(timeout=0)) is not None:
                msg.timestamp = 1_700_000_000 + t  # the drive's time, not the wall clock
                msg.channel = "can0"  # as recorded from a car (BLF numbers channels)
                frames.append(msg)
    finally:
        tx.shutdown()
        rx.shutdown()
    with can.Logger(path) as logger:
        for msg in frames:
            logger.on_message_received(msg)
    return frames


def replay(log: Path, speed: float = 0.0) -> tuple[SignalStore, CanLogReplaySource]:
    store = SignalStore()
    source = CanLogReplaySource(log, DEMO_DBC, DEMO_MAPPING, speed=speed)
    source.start(store)
    assert source.finished.wait(20)
    return store, source


@pytest.mark.parametrize("suffix", [".log", ".asc", ".blf", ".trc", ".csv", ".log.gz"])
def test_a_recorded_log_replays_to_the_same_values(tmp_path, suffix):
    log = tmp_path / f"drive{suffix}"
    frames = record_drive(log)
    # what the store holds when the frames come straight off the bus, the throttle's last values included
    live = SignalStore()
    decoder = CanDecoder(DB, DEMO_MAPPING)
    for msg in frames:
        values = decoder.decode(msg)
        for path, value, ts in decoder.due(msg.timestamp):
            live.update(path, value, source_ts=ts)
        live.update_many(values, source_ts=msg.timestamp)
    for path, value, ts in decoder.flush():
        live.update(path, value, source_ts=ts)
    store, source = replay(log)
    assert source.error is None
    assert source.frames == len(frames) > 1000
    assert store.rejections == {}
    assert {p: r.value for p, r in store.snapshot().items()} == {p: r.value for p, r in live.snapshot().items()}
    # wall clock times in every format (python-can's ASC writer drops the zeros before the start's
    # milliseconds, .50 for .050, and Vector's reading of that is .5 s)
    assert {p: r.source_ts for p, r in store.snapshot().items()} == pytest.approx(
        {p: r.source_ts for p, r in live.snapshot().items()}, abs=1.0 if suffix == ".asc" else 1e-3)
    assert source.stats.ok == decoder.stats.ok
    source.stop()
    assert store.get("Vehicle.Speed").status is Status.UNAVAILABLE


def test_candump_log_text_is_what_candump_writes(tmp_path):
    log = tmp_path / "drive.log"
    record_drive(log, seconds=1.0)
    first = log.read_text().splitlines()[0]
    assert first.startswith("(1700000000.") and "#" in first.split()[2]  # (ts) iface ID#DATA


def test_a_log_as_candump_writes_it_replays(tmp_path):
    log = tmp_path / "candump-2026-11-25.log"
    log.write_text(
        "(1764072000.000000) can0 400#01\n"  # BCM_Lights: left indicator
        "(1764072000.010000) can0 110#14\n"  # VCU_Gear: D, parking brake applied
        "(1764072000.020000) can0 18FEF4FE#0011223344556677\n"  # an extended id the DBC does not know
        "(1764072000.030000) can0 100#A022\n"  # VCU_Drive cut short
    )
    store, source = replay(log)
    assert store.value("Vehicle.Body.Lights.DirectionIndicator.Left.IsSignaling") is True
    assert store.value("Vehicle.Powertrain.Transmission.SelectedGear") == 127
    assert store.value("Vehicle.Chassis.ParkingBrake.IsEngaged") is True
    assert store.get("Vehicle.Powertrain.Transmission.SelectedGear").source_ts == 1764072000.01
    assert source.stats.bad_frames == {("0x18fef4fe", Reason.UNKNOWN_ID): 1, ("VCU_Drive", Reason.WRONG_LENGTH): 1}
    source.stop()


def test_replay_at_a_recorded_pace_ends_too(tmp_path):
    log = tmp_path / "drive.log"
    frames = record_drive(log, seconds=2.0)
    store, source = replay(log, speed=50.0)  # 2 s of driving in about 40 ms
    assert source.frames == len(frames)
    assert store.value("Vehicle.Powertrain.Transmission.SelectedGear") is not None
    source.stop()


def test_a_replay_carries_the_logs_own_timestamps(tmp_path):
    log = tmp_path / "drive.log"
    frames = record_drive(log, seconds=1.0)
    store, source = replay(log)
    assert store.get("Vehicle.Speed").source_ts == pytest.approx(frames[-1].timestamp, abs=0.1)
    source.stop()


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("missing.log", None, "no such CAN log file"),
        ("garbage.log", b"this is not candump output\n", "not a readable CAN log"),
        ("garbage.blf", b"\x00garbage" * 20, "not a readable CAN log"),
        ("empty.asc", b"nothing here\n", "the log holds no CAN frames"),
        ("drive.xyz", b"(1.0) can0 100#00\n", "not a readable CAN log"),
    ],
)
def test_a_missing_or_corrupt_log_is_a_clear_error_naming_the_file(tmp_path, name, content, reason):
    log = tmp_path / name
    if content is not None:
        log.write_bytes(content)
    with pytest.raises(CanLogError) as err:
        CanLogReplaySource(log, DEMO_DBC, DEMO_MAPPING)
    assert str(err.value).startswith(f"{log}: {reason}")
