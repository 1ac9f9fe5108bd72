"""The cockpit command, run as a user runs it: in a subprocess."""

import json
import subprocess
import sys

import pytest
from PySide6.QtGui import QImage

from .conftest import ROOT


def cockpit(*args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "cockpit.cli", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=timeout, env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"})


def test_help_explains_every_command():
    out = cockpit("--help").stdout
    for command in ("demo", "signals", "screenshot"):
        assert command in out


def test_signals_list_json_covers_the_catalogue():
    rows = [json.loads(line) for line in cockpit("signals", "list", "--json").stdout.splitlines()]
    assert len(rows) >= 60
    speed = next(r for r in rows if r["path"] == "Vehicle.Speed")
    assert (speed["datatype"], speed["unit"], speed["change"]) == ("float", "km/h", "continuous")


def test_signals_get_after_simulated_time_is_deterministic():
    a = json.loads(cockpit("signals", "get", "Vehicle.TraveledDistance", "--at", "300", "--json").stdout)
    b = json.loads(cockpit("signals", "get", "Vehicle.TraveledDistance", "--at", "300", "--json").stdout)
    assert a["status"] == "AVAILABLE" and a["value"] == b["value"] and a["value"] > 12_480_000


def test_signals_get_unknown_path_is_a_clear_error():
    result = cockpit("signals", "get", "Vehicle.Warp")
    assert result.returncode == 2 and "unknown signal 'Vehicle.Warp'" in result.stderr


def test_signals_watch_streams_json_lines():
    result = cockpit("signals", "watch", "Vehicle.Speed", "Vehicle.Powertrain", "--json", "--duration", "1.5",
                     "--speedup", "10")
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows, result.stderr
    assert {"path", "value", "status", "ts"} <= set(rows[0])
    assert all(r["path"].startswith(("Vehicle.Speed", "Vehicle.Powertrain")) for r in rows)
    assert len({r["value"] for r in rows if r["path"] == "Vehicle.Speed"}) > 3  # it is moving


@pytest.mark.parametrize("view, size", [("cluster", (1920, 720)), ("center", (1280, 800))])
def test_screenshot_writes_a_png_without_warnings(tmp_path, view, size):
    out = tmp_path / f"{view}.png"
    result = cockpit("screenshot", "--view", view, "--at", "200", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert "warning" not in result.stderr
    image = QImage(str(out))
    assert (image.width(), image.height()) == size


def test_watch_replays_a_candump_log_through_a_real_dbc_and_exits_at_its_end(tmp_path):
    import can
    import cantools

    from .conftest import DATA

    dbc = DATA / "tesla-model3.dbc"
    message = cantools.database.load_file(dbc, strict=False).get_message_by_frame_id(0x257)
    log = tmp_path / "drive.log"
    with can.Logger(str(log)) as writer:
        for i, kmh in enumerate([0, 30, 60]):
            data = {s.name: 0 for s in message.signals} | {"DI_vehicleSpeed": kmh}
            writer(can.Message(arbitration_id=0x257, data=message.encode(data, strict=False),
                               is_extended_id=False, timestamp=1_700_000_000 + i * 0.1))
    result = cockpit("signals", "watch", "Vehicle.Speed", "--json", "--dbc", str(dbc),
                     "--mapping", str(ROOT / "cockpit" / "assets" / "can" / "tesla-model3.yaml"), "--replay", str(log))
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["value"] for r in rows] == [0.0, 30.0, 60.0]
    assert [r["ts"] for r in rows] == pytest.approx([1_700_000_000, 1_700_000_000.1, 1_700_000_000.2])
