"""Recording the store to JSON Lines and replaying it."""

import json
import os
import time

import pytest

from cockpit.recorder import Recorder
from cockpit.sources.replay import MAX_LINE, MAX_T, JsonlReplaySource, RecordingError
from cockpit.sources.simulator import SimulatorSource
from cockpit.vehicle.store import SignalStore, Status

from .test_cli import cockpit


def record_sim(tmp_path, seconds=30.0):
    live = SignalStore()
    out = tmp_path / "drive.jsonl"
    recorder = Recorder(live, out)
    sim = SimulatorSource(seed=3)
    sim.run_for(live, seconds)
    recorder.close()
    return live, out, recorder


def test_a_replay_ends_where_the_recording_ended(tmp_path):
    live, out, recorder = record_sim(tmp_path)
    assert recorder.lines > 100
    replayed = SignalStore()
    source = JsonlReplaySource(out, speed=0)
    source.start(replayed)
    assert source.finished.wait(10)
    for path, r in live.snapshot().items():
        assert replayed.get(path).value == r.value, path
        assert replayed.get(path).status is Status.AVAILABLE
    assert not replayed.rejections and not source.stats.skipped
    assert source.stats.replayed == recorder.lines
    source.stop()
    assert replayed.get("Vehicle.Speed").status is Status.UNAVAILABLE  # the replay is gone


def test_replay_keeps_recorded_timing(tmp_path):
    out = tmp_path / "t.jsonl"
    out.write_text("\n".join(json.dumps({"t": t, "path": "Vehicle.Speed", "value": v})
                             for t, v in [(0.0, 1.0), (0.4, 2.0)]))
    store = SignalStore()
    source = JsonlReplaySource(out, speed=2.0)  # 0.4 s of recording in 0.2 s
    began = time.monotonic()
    source.start(store)
    assert source.finished.wait(5)
    assert 0.15 <= time.monotonic() - began
    assert store.get("Vehicle.Speed").value == 2.0


def test_bad_lines_are_skipped_with_their_line_numbers(tmp_path):
    out = tmp_path / "bad.jsonl"
    out.write_text("\n".join([
        json.dumps({"t": 0, "path": "Vehicle.Speed", "value": 10.0}),
        "{not json",
        json.dumps([1, 2]),
        json.dumps({"t": -1, "path": "Vehicle.Speed", "value": 11.0}),
        json.dumps({"t": 1, "path": "Vehicle.Speed", "status": "MAYBE"}),
        json.dumps({"t": 2, "path": "Vehicle.Speed", "value": "fast"}),  # valid line, invalid value
        json.dumps({"t": 3, "path": "Vehicle.Speed", "value": 12.0}),
    ]))
    store, source = replay(out)
    assert store.get("Vehicle.Speed").value == 12.0 and store.rejections["Vehicle.Speed"] == 1
    assert source.stats.skipped == {"not JSON": 1, "not a recording line": 3}
    assert source.stats.first["not a recording line"] == "line 3: not a recording line: not a JSON object"
    assert source.stats.first["not JSON"].startswith("line 2: not JSON: column 2: Expecting property name")


def replay(file, speed=0):
    store = SignalStore()
    source = JsonlReplaySource(file, speed=speed)
    source.start(store)
    assert source.finished.wait(30)
    source.stop()
    return store, source


SPEED = "Vehicle.Speed"
GOOD = json.dumps({"t": 0, "path": SPEED, "value": 10.0})
LAST = json.dumps({"t": 0.1, "path": SPEED, "value": 12.0})


@pytest.mark.parametrize("line, kind, why", [
    (b"[" * 100_000, "too long", "longer than 65,536 bytes"),  # was a RecursionError that ended the replay
    (b"[" * 60_000, "not JSON", "nested deeper than 64 levels"),  # within the length: not recursed into either
    (b'{"t": 0.05, "path": "Vehicle.Speed", "value": ' + b"[" * 70 + b"]" * 70 + b"}", "not JSON", "nested deeper"),
    (b'{"t": 0.05, "path": "Vehicle.Speed", "value": "' + b"x" * 200_000 + b'"}', "too long",
     "longer than 65,536 bytes"),
    (b'{"t": 0.05, "path": "Vehicle.\xff", "value": 1}'.replace(b"\\xff", b"\xff"), "not UTF-8", "byte 0xff"),
    (b'{"t": NaN, "path": "Vehicle.Speed", "value": 1}', "not JSON", "NaN is not a number JSON has"),
    (b'{"t": Infinity, "path": "Vehicle.Speed", "value": 1}', "not JSON", "Infinity is not a number"),
    (b'{"t": 1e400, "path": "Vehicle.Speed", "value": 1}', "not JSON", "'1e400' is too large a number"),
    (b'{"t": 0.05, "path": "Vehicle.Speed", "value": NaN}', "not JSON", "NaN"),
    (b'{"t": 0.05, "path": "Vehicle.Speed", "value": 1, "ts": NaN}', "not JSON", "NaN"),
    (b'{"t": 0.05, "path": "Vehicle.Speed", "value": ' + b"9" * 5000 + b"}", "not JSON", "too long a number"),
    (b'{"t": 0.05, "t": 0.06, "path": "Vehicle.Speed", "value": 1}', "not JSON", "'t' appears twice"),
    (b'{"t": 1e300, "path": "Vehicle.Speed", "value": 1}', "not a recording line", "'t' must be seconds from 0"),
    (b'{"t": true, "path": "Vehicle.Speed", "value": 1}', "not a recording line", "'t' must be seconds"),
    (b'{"t": "0", "path": "Vehicle.Speed", "value": 1}', "not a recording line", "'t' must be seconds"),
    (b'{"t": 0.05, "path": 5, "value": 1}', "not a recording line", "'path' must be a VSS path"),
    (b'{"t": 0.05, "path": "Vehicle.Speed", "status": [], "value": 1}', "not a recording line", "'status' must be"),
    (b'{"t": 0.05, "path": "Vehicle.Speed", "value": 1, "ts": "now"}', "not a recording line", "'ts' must be"),
    (b"null", "not a recording line", "not a JSON object"),
    (b"\x00" * 1000, "not JSON", "Expecting value"),
])
def test_a_bad_line_is_counted_and_skipped_and_the_replay_goes_on(tmp_path, line, kind, why):
    out = tmp_path / "r.jsonl"
    out.write_bytes(b"\n".join([GOOD.encode(), line, LAST.encode()]) + b"\n")
    store, source = replay(out)
    assert store.get(SPEED).value == 12.0  # the line after the bad one played
    assert source.stats.replayed == 2 and source.stats.skipped == {kind: 1}
    assert source.stats.first[kind].startswith(f"line 2: {kind}: ") and why in source.stats.first[kind]
    assert "\n" not in source.stats.first[kind] and len(source.stats.first[kind]) < 200
    assert source.stats.summary().startswith(f"lines: 2 replayed, 1 skipped (1 × {kind})\n  line 2: {kind}: ")


def test_a_line_of_exactly_the_longest_length_plays(tmp_path):
    row = json.dumps({"t": 0, "path": "Vehicle.Cabin.Infotainment.Media.Played.Title", "value": ""})
    line = row.replace('""', '"' + "x" * (MAX_LINE - len(row)) + '"')
    assert len(line) == MAX_LINE
    out = tmp_path / "r.jsonl"
    out.write_text(line + "\n" + line)  # the last line without its newline too
    _, source = replay(out)
    assert source.stats.replayed == 2 and not source.stats.skipped


@pytest.mark.parametrize("content, reason", [
    (None, "cannot read it (No such file or directory)"),
    (b"", "the recording is empty"),
    (b"\n\n", "the recording is empty"),
    (b"garbage\n", "no line to replay, 1 skipped (line 1: not JSON: column 1: Expecting value)"),
    (b"[" * 60_000 + b"\n\xff\xfe\n" + b"x" * 100_000, "no line to replay, 3 skipped (line 1: not JSON: "
     "column 65: nested deeper than 64 levels)"),
])
def test_unusable_recordings_are_a_clear_error(tmp_path, content, reason):
    f = tmp_path / "r.jsonl"
    if content is not None:
        f.write_bytes(content)
    with pytest.raises(RecordingError) as err:
        JsonlReplaySource(f)
    assert str(err.value) == f"{f}: {reason}"


def test_a_named_pipe_is_refused_not_waited_on(tmp_path):
    fifo = tmp_path / "r.jsonl"
    os.mkfifo(fifo)
    with pytest.raises(RecordingError, match="r.jsonl: a named pipe"):
        JsonlReplaySource(fifo)


def test_a_long_pause_in_a_recording_is_waited_for_and_stop_ends_it(tmp_path):
    out = tmp_path / "r.jsonl"
    out.write_text("\n".join([GOOD, json.dumps({"t": MAX_T, "path": SPEED, "value": 11.0})]))
    store = SignalStore()
    source = JsonlReplaySource(out, speed=0.01)  # eleven days at a hundredth of the pace
    source.start(store)
    deadline = time.monotonic() + 30
    while store.get(SPEED).value != 10.0 and time.monotonic() < deadline:
        time.sleep(0.01)
    source.stop()  # not an OverflowError in the thread, not a wait until the end
    assert store.get(SPEED).value == 10.0 and store.get(SPEED).status is Status.UNAVAILABLE


def test_cli_watch_says_what_was_skipped(tmp_path):
    out = tmp_path / "bad.jsonl"
    out.write_bytes(b"\n".join([GOOD.encode(), b"[" * 60_000, b"\xff", LAST.encode()]))
    result = cockpit("signals", "watch", SPEED, "--source", f"replay:{out}", "--replay-speed", "0")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert "lines: 2 replayed, 2 skipped (1 × not JSON, 1 × not UTF-8)" in result.stderr
    assert result.stdout.splitlines()[-1] == f"{SPEED} = 12.0 (AVAILABLE)"  # the line after the bad ones


def test_cli_record_then_watch_the_replay(tmp_path):
    out = tmp_path / "cli.jsonl"
    result = cockpit("signals", "record", "--out", str(out), "--duration", "1.5", "--speedup", "20")
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert any(r["path"] == "Vehicle.Speed" for r in rows)
    watched = cockpit("signals", "watch", "Vehicle.Speed", "--json", "--source", f"replay:{out}",
                      "--replay-speed", "0")
    assert watched.returncode == 0, watched.stderr
    speeds = [json.loads(line) for line in watched.stdout.splitlines()]
    recorded = [r["value"] for r in rows if r["path"] == "Vehicle.Speed" and r["status"] == "AVAILABLE"]
    assert [s["value"] for s in speeds if s["status"] == "AVAILABLE"][-1] == recorded[-1]


def test_cli_rejects_an_unknown_source():
    result = cockpit("signals", "watch", "--source", "warp-drive", "--duration", "1")
    assert result.returncode == 2 and "unknown source 'warp-drive'" in result.stderr
