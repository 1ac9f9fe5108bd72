"""Recording the store to JSON Lines and replaying it."""

import json
import time

import pytest

from cockpit.recorder import Recorder
from cockpit.sources.replay import JsonlReplaySource, RecordingError
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
    assert not replayed.rejections and source.skipped == []
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
    source = JsonlReplaySource(out, speed=0)
    assert [s.split(":")[1] for s in source.skipped] == ["2", "3", "4", "5"]
    store = SignalStore()
    source.start(store)
    assert source.finished.wait(5)
    assert store.get("Vehicle.Speed").value == 12.0 and store.rejections["Vehicle.Speed"] == 1


@pytest.mark.parametrize("content", [None, "", "garbage\n"])
def test_unusable_recordings_are_a_clear_error(tmp_path, content):
    f = tmp_path / "r.jsonl"
    if content is not None:
        f.write_text(content)
    with pytest.raises(RecordingError, match="r.jsonl"):
        JsonlReplaySource(f)


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
