"""A real car's CAN log replayed through the Tesla Model 3 DBC and mapping keeps going: a bad line
of a text log (candump -L, Vector ASC, PEAK TRC) is counted and skipped, ASC and TRC times are wall
clock times, a cut-off BLF says so, the throttle delivers the last value of a burst, and the summary
counts dropped frames and dropped values apart."""

from __future__ import annotations

import gzip
import json
import time
import tracemalloc
from datetime import UTC, datetime
from pathlib import Path

import can
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cockpit.can.decoder import CanDecoder, Reason
from cockpit.can.mapping import MappingError, load_dbc
from cockpit.sources.can import CanSource
from cockpit.sources.canlog import FIRST_FRAME_WITHIN, MAX_LINE, CanLogError, CanLogReplaySource, read_frames
from cockpit.vehicle.store import SignalStore

from .conftest import DATA, ROOT
from .test_cli import cockpit

TESLA_DBC = DATA / "tesla-model3.dbc"
TESLA_MAPPING = ROOT / "cockpit" / "assets" / "can" / "tesla-model3.yaml"
DB = load_dbc(TESLA_DBC)
SPEED = "Vehicle.Speed"
GEAR = "Vehicle.Powertrain.Transmission.SelectedGear"
SOC = "Vehicle.Powertrain.TractionBattery.StateOfCharge.Displayed"
T0 = 1764072000.0  # 2025-11-25 12:00 UTC


def payload(message: str, **signals: object) -> bytes:
    """A frame's data with the given physical values (or value names); every other signal raw 0."""
    m = DB.get_message_by_name(message)
    phys = m.decode(m.encode({s.name: 0 for s in m.signals}, scaling=False, strict=False), decode_choices=False)
    phys.update(signals)
    return m.encode(phys, strict=False)


def speed(kmh: float) -> tuple[int, bytes]:
    return 0x257, payload("ID257DIspeed", DI_vehicleSpeed=kmh)


GEAR_D = (0x118, payload("ID118DriveSystemStatus", DI_gear="DI_GEAR_D"))
SOC_76 = (0x33A, payload("ID33AUI_rangeSOC", UI_SOC=76, UI_Range=250))


def candump(t: float, frame: tuple[int, bytes], iface: str = "can0") -> str:
    return f"({t:.6f}) {iface} {frame[0]:03X}#{frame[1].hex().upper()}\n"


def drive() -> list[tuple[float, tuple[int, bytes]]]:
    """A second of driving as the car sends it: speed every 20 ms (50 to 89.2 km/h), the gear and the
    state of charge now and then. Speeds are multiples of the DBC's 0.08 km/h, so they decode exactly."""
    frames = [(i * 0.02, speed(50 + 0.8 * i)) for i in range(50)]
    frames += [(0.005, GEAR_D), (0.505, GEAR_D), (0.3, SOC_76)]
    return sorted(frames, key=lambda f: f[0])


def replay(log: Path, speed: float = 0.0, mapping: Path = TESLA_MAPPING) -> tuple[SignalStore, CanLogReplaySource]:
    store = SignalStore()
    source = CanLogReplaySource(log, TESLA_DBC, mapping, speed=speed)
    source.start(store)
    assert source.finished.wait(20)
    return store, source


# ----- a bad line of a text log is counted and skipped ---------------------------------------------------

BAD_CANDUMP_LINES = {
    "a comment": b"# the logger was restarted here\n",
    "a bad id": b"(1764072000.500000) can0 XYZ#0011223344556677\n",
    "a cut-off line": b"(1764072000.5\n",
    "no data separator": b"(1764072000.500000) can0 2570011223344556677\n",
    "bytes of no text": bytes(range(0x80, 0x100)) + b"\n",
    "a NUL-filled line": b"\x00" * 100 + b"\n",
    "an over-long line": b"(1764072000.500000) can0 257#" + b"00" * MAX_LINE + b"\n",
    "a timestamp that is no number": b"(nan) can0 257#0000000000000000\n",
}


@pytest.mark.parametrize("bad", BAD_CANDUMP_LINES.values(), ids=BAD_CANDUMP_LINES.keys())
def test_a_bad_line_in_a_candump_log_is_counted_and_skipped_and_the_replay_goes_on(tmp_path, bad):
    lines = [candump(T0 + t, f).encode() for t, f in drive()]
    log = tmp_path / "drive.log"
    log.write_bytes(b"".join(lines[:25]) + bad + b"".join(lines[25:]))
    store, source = replay(log)
    assert source.error is None
    assert source.frames == len(lines)
    assert source.stats.bad_frames == {("drive.log", Reason.MALFORMED_LINE): 1}
    assert store.value(SPEED) == 89.2 and store.get(SPEED).source_ts == T0 + 0.98  # the very last frame
    assert store.value(GEAR) == 127 and store.value(SOC) == 76.0
    assert "1 × malformed line" in source.stats.summary()


def test_every_kind_of_bad_line_at_once_loses_no_good_frame(tmp_path):
    good = [candump(T0 + t, f).encode() for t, f in drive()]
    mixed = [line for pair in zip(good, BAD_CANDUMP_LINES.values(), strict=False) for line in pair] + good[8:]
    log = tmp_path / "mixed.log"
    log.write_bytes(b"".join(mixed))
    bad: list[int] = []
    frames = list(read_frames(log, lambda number, why: bad.append(number)))
    assert [(f.arbitration_id, bytes(f.data)) for f in frames] == [f for _, f in drive()]
    assert bad == [2, 4, 6, 8, 10, 12, 14, 16]  # each named by its line number


def test_an_over_long_line_is_skipped_while_reading_in_bounded_memory(tmp_path):
    log = tmp_path / "huge-line.log"
    with log.open("wb") as f:
        f.write(candump(T0, speed(50)).encode())
        f.write(b"(1764072000.010000) can0 257#" + b"00" * 5_000_000 + b"\n")  # 10 MB, one line
        f.write(candump(T0 + 0.02, speed(60)).encode())
    bad: list[str] = []
    tracemalloc.start()
    try:
        frames = list(read_frames(log, lambda number, why: bad.append(f"line {number}: {why}")))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert len(frames) == 2 and bad == [f"line 2: longer than {MAX_LINE} bytes"]
    assert peak < 1_000_000  # never the whole line in memory


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(junk=st.lists(st.binary(max_size=80), max_size=6), at=st.integers(0, 53))
def test_random_junk_lines_anywhere_never_stop_the_good_frames(tmp_path, junk, at):
    good = [candump(T0 + t, f).encode() for t, f in drive()]
    log = tmp_path / "junk.log"
    log.write_bytes(b"".join(good[:at]) + b"".join(j.replace(b"\n", b"") + b"\n" for j in junk) + b"".join(good[at:]))
    out = iter((f.arbitration_id, bytes(f.data)) for f in read_frames(log, lambda number, why: None))
    assert all(frame in out for _, frame in drive())  # every good frame, in order (junk may add some)


# ----- Vector ASC and PEAK TRC: wall clock times, bad lines skipped ---------------------------------------

ASC_START = datetime(2026, 11, 25, 12, 0, 0).timestamp()  # ASC dates are local time
ASC = f"""date Wed Nov 25 12:00:00.000 pm 2026
base hex  timestamps absolute
internal events logged
// version 13.0.0
Begin Triggerblock Wed Nov 25 12:00:00.000 pm 2026
   0.000000 Start of measurement
   0.010000 1  257             Rx   d 8 {' '.join(f'{b:02X}' for b in speed(50)[1])}
   0.015000 1  118             Rx   d 8 {' '.join(f'{b:02X}' for b in GEAR_D[1])}
   0.020000 1  2G7             Rx   d 8 00 00 00 00 00 00 00 00
   0.100000 1  257             Rx   d 8 {' '.join(f'{b:02X}' for b in speed(60)[1])}
   0.200000 1  Statistic: D 1 R 0 XD 0 XR 0 E 0 O 0 B 0.05%
End TriggerBlock
"""


def test_an_asc_log_with_a_date_gives_wall_clock_times_and_skips_a_bad_line(tmp_path):
    log = tmp_path / "drive.asc"
    log.write_text(ASC)
    store, source = replay(log)
    assert source.frames == 3 and source.error is None
    assert store.value(SPEED) == 60.0
    assert store.get(SPEED).source_ts == pytest.approx(ASC_START + 0.1)  # after the bad line too
    assert store.get(GEAR).source_ts == pytest.approx(ASC_START + 0.015)
    assert source.stats.bad_frames == {("drive.asc", Reason.MALFORMED_LINE): 1}


def test_an_asc_log_that_does_not_say_when_it_started_keeps_relative_times(tmp_path):
    log = tmp_path / "drive.asc"
    log.write_text("\n".join(line for line in ASC.splitlines() if not line.startswith(("date", "Begin"))))
    store, _ = replay(log)
    assert store.get(SPEED).source_ts == pytest.approx(0.1)


def test_an_asc_date_that_cannot_be_read_is_a_malformed_line_and_times_stay_relative(tmp_path):
    log = tmp_path / "drive.asc"
    log.write_text(ASC.replace("date Wed Nov 25 12:00:00.000 pm 2026", "date Someday soon")
                   .replace("Begin Triggerblock Wed Nov 25 12:00:00.000 pm 2026", "Begin Triggerblock"))
    store, source = replay(log)
    assert store.get(SPEED).source_ts == pytest.approx(0.1) and store.value(SPEED) == 60.0
    assert source.stats.bad_frames == {("drive.asc", Reason.MALFORMED_LINE): 2}  # the date and the bad id


def trc(start: float) -> str:
    days = (datetime.fromtimestamp(start, UTC) - datetime(1899, 12, 30, tzinfo=UTC)).total_seconds() / 86400
    rows = [(10.0, speed(50)), (15.0, GEAR_D), (100.0, speed(60))]
    lines = [f"{i + 1:>7} {ms:13.3f} DT  1     {fid:04X} Rx -  8    {' '.join(f'{b:02X}' for b in data)}"
             for i, (ms, (fid, data)) in enumerate(rows)]
    lines.insert(2, "      3        20.000 DT  1     ZZZZ Rx -  8    00 00 00 00 00 00 00 00")
    return "\r\n".join([";$FILEVERSION=2.1", f";$STARTTIME={days!r}", ";$COLUMNS=N,O,T,B,I,d,R,L,D", ";",
                        ";   Start time: 25.11.2025 12:00:00.000.0", ";" + "-" * 70, *lines]) + "\r\n"


def test_a_trc_log_gives_wall_clock_times_and_skips_a_bad_line(tmp_path):
    log = tmp_path / "drive.trc"
    log.write_text(trc(T0), newline="")
    store, source = replay(log)
    assert source.frames == 3
    assert store.value(SPEED) == 60.0 and store.get(SPEED).source_ts == pytest.approx(T0 + 0.1, abs=1e-3)
    assert store.value(GEAR) == 127
    assert source.stats.bad_frames == {("drive.trc", Reason.MALFORMED_LINE): 1}


def test_a_text_log_with_no_frame_in_its_first_lines_is_refused_without_reading_it_all(tmp_path):
    log = tmp_path / "notes.log"
    log.write_text("# just notes\n" * (FIRST_FRAME_WITHIN * 5) + candump(T0, speed(50)))
    with pytest.raises(CanLogError, match=f"not a readable CAN log: no CAN frame in its first {FIRST_FRAME_WITHIN}"):
        CanLogReplaySource(log, TESLA_DBC, TESLA_MAPPING)


# ----- binary logs: a cut-off or corrupt BLF says where it broke ------------------------------------------


def write_blf(path: Path, n: int = 2000) -> None:
    with can.Logger(path) as logger:
        for i in range(n):
            fid, data = speed(50 + 0.08 * (i % 100))
            logger.on_message_received(can.Message(timestamp=T0 + i * 0.02, arbitration_id=fid, data=data,
                                                   is_extended_id=False, channel=0))


def test_a_cut_off_blf_is_an_error_with_the_frames_replayed_so_far(tmp_path):
    whole = tmp_path / "whole.blf"
    write_blf(whole)
    log = tmp_path / "cut.blf"
    log.write_bytes(whole.read_bytes()[: whole.stat().st_size * 2 // 3])
    _, source = replay(log)
    assert 0 < source.frames < 2000
    assert source.error.startswith(f"{log}: unreadable after frame {source.frames}: cut off: it holds")


def test_a_corrupt_blf_object_is_an_error_with_the_frames_replayed_so_far(tmp_path):
    write_blf(tmp_path / "whole.blf", n=5000)  # two compressed containers
    data = bytearray((tmp_path / "whole.blf").read_bytes())
    data[-40:-20] = b"\xff" * 20  # inside the last one
    log = tmp_path / "corrupt.blf"
    log.write_bytes(bytes(data))
    _, source = replay(log)
    assert source.error is not None and source.error.startswith(f"{log}: unreadable after frame {source.frames}:")
    assert 0 < source.frames < 5000


def test_a_cut_off_gzipped_text_log_is_an_error_with_the_frames_replayed_so_far(tmp_path):
    whole = tmp_path / "whole.log.gz"
    with gzip.open(whole, "wt") as f:
        f.writelines(candump(T0 + i * 0.02, speed(50 + 0.08 * (i % 100))) for i in range(5000))
    log = tmp_path / "cut.log.gz"
    log.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    _, source = replay(log)
    assert 0 < source.frames < 5000
    assert source.error == (f"{log}: unreadable after frame {source.frames}: line {source.frames + 1}: "
                            "Compressed file ended before the end-of-stream marker was reached")


# ----- pace: a glitch in the log's time does not stall the replay -----------------------------------------


def test_a_timestamp_glitch_at_recorded_pace_does_not_stall_the_replay(tmp_path):
    log = tmp_path / "glitch.log"
    log.write_text(candump(T0, speed(50)) + candump(T0 + 1e9, GEAR_D) + candump(T0 + 0.02, speed(60)))
    store, source = replay(log, speed=1.0)  # waits at most 20 s; the glitch alone would be 30 years
    assert source.frames == 3 and store.value(SPEED) == 60.0


# ----- the throttle delivers the last value of a burst ---------------------------------------------------


def test_the_last_value_of_a_throttled_burst_is_delivered_at_the_next_frame_after_its_interval(tmp_path):
    mapping = tmp_path / "speed.yaml"
    mapping.write_text(f"{SPEED}: {{message: ID257DIspeed, signal: DI_vehicleSpeed, min_interval_ms: 50}}\n"
                       f"{SOC}: {{message: ID33AUI_rangeSOC, signal: UI_SOC}}\n")
    decoder = CanDecoder(DB, mapping)

    def frame(t: float, f: tuple[int, bytes]) -> can.Message:
        return can.Message(timestamp=t, arbitration_id=f[0], data=f[1], is_extended_id=False)

    assert decoder.decode(frame(0.00, speed(50))) == [(SPEED, 50.0)]
    assert decoder.decode(frame(0.02, speed(60))) == []  # held
    assert decoder.decode(frame(0.04, speed(70))) == []  # held, instead of 60
    assert decoder.due(0.045) == []
    assert decoder.decode(frame(0.05, SOC_76)) == [(SOC, 76.0)]  # another message: the frames' clock moved on
    assert decoder.due(0.05) == [(SPEED, 70.0, 0.04)]  # with its own time
    assert decoder.due(1.0) == []  # once
    assert decoder.stats.throttled["ID257DIspeed"] == 1  # 60: a newer value went instead
    assert decoder.decode(frame(0.06, speed(80))) == []  # 20 ms after the 70 went
    assert decoder.flush() == [(SPEED, 80.0, 0.06)]  # the end of a log lets it go
    assert decoder.stats.values == 4  # 50, the state of charge, 70, 80


def test_a_replay_ends_on_the_last_value_of_a_throttled_signal(tmp_path):
    log = tmp_path / "burst.log"
    log.write_text("".join(candump(T0 + i * 0.02, speed(50 + i)) for i in range(9)))  # 0..160 ms
    store, source = replay(log)
    assert store.value(SPEED) == pytest.approx(58, abs=0.04)  # the 160 ms frame, not the 120 ms one
    assert store.get(SPEED).source_ts == T0 + 0.16


def test_a_live_bus_delivers_the_last_value_of_a_burst_after_the_interval():
    channel = f"burst-{time.monotonic_ns()}"
    tx = can.Bus(interface="virtual", channel=channel, receive_own_messages=False)
    rx = can.Bus(interface="virtual", channel=channel, receive_own_messages=False)
    store = SignalStore()
    source = CanSource(DB, TESLA_MAPPING, bus=rx)
    source.start(store)
    try:
        for kmh in (50, 60, 70):  # within a few ms: 60 and 70 are held by the 50 ms throttle
            fid, data = speed(kmh)
            tx.send(can.Message(arbitration_id=fid, data=data, is_extended_id=False))
        deadline = time.monotonic() + 5
        while store.value(SPEED) != 70.0 and time.monotonic() < deadline:
            time.sleep(0.01)
        assert store.value(SPEED) == 70.0
    finally:
        source.stop()
        tx.shutdown()
        rx.shutdown()


# ----- the bus key: the same id on two buses ----------------------------------------------------------------


def two_bus_mapping(tmp_path: Path, bus: object) -> Path:
    mapping = tmp_path / "two-buses.yaml"
    mapping.write_text(TESLA_MAPPING.read_text().replace(
        "  signal: DI_vehicleSpeed          #", f"  bus: {json.dumps(bus)}\n  signal: DI_vehicleSpeed          #"))
    return mapping


@pytest.mark.parametrize("bus", ["can1", 1, "1"])
def test_an_entry_with_a_bus_reads_only_the_frames_of_that_bus(tmp_path, bus):
    iface = "can1" if bus == "can1" else "1"  # candump names its interfaces; python-can reads a number as one
    other = "can0" if bus == "can1" else "0"
    log = tmp_path / "two-buses.log"
    log.write_text(candump(T0, speed(50), iface) + candump(T0 + 0.1, speed(99.2), other)
                   + candump(T0 + 0.15, GEAR_D, other) + candump(T0 + 0.2, speed(60), iface)
                   + candump(T0 + 0.3, speed(120), other))
    store, source = replay(log, mapping=two_bus_mapping(tmp_path, bus))
    assert store.value(SPEED) == 60.0 and store.get(SPEED).source_ts == T0 + 0.2  # never the other bus's
    assert store.value(GEAR) == 127  # entries without a bus read any bus
    assert f"frames per bus: {other} 3, {iface} 2" in source.stats.summary()


def test_a_vector_asc_channel_is_counted_from_0_as_python_can_does(tmp_path):
    log = tmp_path / "two-buses.asc"
    log.write_text(ASC.replace("   0.010000 1  257", "   0.010000 2  257"))  # 50 km/h on Vector's CAN 2
    store, _ = replay(log, mapping=two_bus_mapping(tmp_path, 1))
    assert store.value(SPEED) == 50.0  # not the 60 km/h of CAN 1


@pytest.mark.parametrize("bus", [[1, 2], 1.5, True, -1, 70000, "", "can 1", "x" * 65, None, {"name": "can1"}])
def test_a_bus_that_is_no_channel_number_or_name_is_refused_clearly(tmp_path, bus):
    with pytest.raises(MappingError) as err:
        CanDecoder(DB, two_bus_mapping(tmp_path, bus))
    assert str(err.value).startswith(f"{tmp_path / 'two-buses.yaml'}: {SPEED}: bus must be a channel number "
                                     "(0, 1, ...) or name (can1), got ")
    assert "\n" not in str(err.value)


# ----- the command line: the summary, --dbc and --mapping together ----------------------------------------


def test_signals_watch_keeps_json_on_stdout_and_counts_dropped_frames_and_values_apart_on_stderr(tmp_path):
    lines = [candump(T0 + t, f) for t, f in drive()]
    lines.insert(10, "# a comment\n")
    lines.insert(20, candump(T0 + 0.3, (0x7A5, b"\x01")))  # not in the DBC
    lines.insert(30, candump(T0 + 0.4, (0x118, payload("ID118DriveSystemStatus", DI_gear="DI_GEAR_SNA"))))
    log = tmp_path / "drive.log"
    log.write_text("".join(lines))
    result = cockpit("signals", "watch", "--json", "--dbc", str(TESLA_DBC), "--mapping", str(TESLA_MAPPING),
                     "--replay", str(log))
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]  # every line is JSON
    assert [r["value"] for r in rows if r["path"] == SPEED][-1] == 89.2
    summary = [line for line in result.stderr.splitlines() if not line.startswith(("WARNING", "INFO"))]
    assert summary[0] == ("frames: 54 decoded, 2 dropped (1 × malformed line, 1 × unknown id), "
                          "0 of messages the mapping does not use")
    assert summary[1].startswith("values: ") and "2 dropped (2 × not available)" in summary[1]
    assert "  drive.log: 1 frame × malformed line" in summary


@pytest.mark.parametrize(("given", "missing"), [("--dbc", "--mapping"), ("--mapping", "--dbc")])
@pytest.mark.parametrize("source", ["replay:{log}", "can:virtual:nowhere"])
def test_a_dbc_without_its_mapping_or_the_reverse_is_an_error_not_the_demo_files(tmp_path, given, missing, source):
    log = tmp_path / "drive.log"
    log.write_text(candump(T0, speed(50)))
    file = TESLA_DBC if given == "--dbc" else TESLA_MAPPING
    result = cockpit("signals", "watch", given, str(file), "--source", source.format(log=log), "--duration", "1")
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [f"cockpit: {given} needs {missing} too: a DBC and the mapping "
                                                  "of its signals to VSS paths go together (neither: the demo "
                                                  "vehicle's)"]


def test_a_dbc_for_a_source_that_reads_no_can_is_an_error():
    result = cockpit("signals", "watch", "--dbc", str(TESLA_DBC), "--mapping", str(TESLA_MAPPING),
                     "--source", "sim", "--duration", "1")
    assert result.returncode == 2
    assert result.stderr.strip() == ("cockpit: --dbc and --mapping: only for the sources that read CAN frames "
                                     "(can:INTERFACE:CHANNEL, replay:FILE of a CAN log), not 'sim'")


def test_the_summary_names_the_ten_biggest_drops_and_counts_the_rest():
    decoder = CanDecoder(DB, TESLA_MAPPING)
    for i in range(25):
        for _ in range(i + 1):
            decoder.decode(can.Message(arbitration_id=0x18FF0000 + i, data=b"", is_extended_id=True))
    lines = decoder.stats.summary().splitlines()
    assert lines[2:] == [f"  {0x18FF0000 + i:#x}: {i + 1} frames × unknown id" for i in range(24, 14, -1)] + [
        "  … and 15 more kinds of drop"]
    assert decoder.stats.frames_bad == 25 * 26 // 2
