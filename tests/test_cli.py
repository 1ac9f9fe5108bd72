"""The cockpit command, run as a user runs it: in a subprocess."""

import json
import os
import subprocess
import sys
from pathlib import Path

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


# ----- numbers: one validator, the option and its range in the message -----

@pytest.mark.parametrize("args, option", [
    (["signals", "get", "Vehicle.Speed", "--at", "nan"], "--at"),
    (["signals", "get", "Vehicle.Speed", "--at", "inf"], "--at"),
    (["signals", "get", "Vehicle.Speed", "--at", "-5"], "--at"),
    (["signals", "get", "Vehicle.Speed", "--at", "1e9"], "--at"),
    (["signals", "get", "Vehicle.Speed", "--seed", "9" * 5000], "--seed"),
    (["signals", "get", "Vehicle.Speed", "--seed", "-1"], "--seed"),
    (["screenshot", "--out", "x.png", "--at", "nan"], "--at"),
    (["screenshot", "--out", "x.png", "--at", "1e9"], "--at"),
    (["signals", "watch", "--duration", "-1"], "--duration"),
    (["signals", "watch", "--duration", "inf"], "--duration"),
    (["signals", "record", "--out", "x.jsonl", "--duration", "-1"], "--duration"),
    (["signals", "watch", "--duration", "1", "--speedup", "0"], "--speedup"),
    (["signals", "watch", "--duration", "1", "--speedup", "-3"], "--speedup"),
    (["signals", "watch", "--duration", "1", "--speedup", "nan"], "--speedup"),
    (["signals", "watch", "--duration", "1", "--speedup", "inf"], "--speedup"),  # hung in the simulator thread
    (["signals", "watch", "--duration", "1", "--speedup", "1e300"], "--speedup"),
    (["demo", "--speedup", "1e-300"], "--speedup"),
    (["signals", "watch", "--replay-speed", "-1"], "--replay-speed"),
    (["signals", "watch", "--replay-speed", "nan"], "--replay-speed"),
    (["signals", "watch", "--replay-speed", "1e-300"], "--replay-speed"),  # a traceback (time_t overflow)
    (["voice", "say", "hi", "--rate", "0"], "--rate"),
])
def test_a_number_out_of_range_names_the_option_and_its_range(args, option):
    result = cockpit(*args)
    assert result.returncode == 2, result.stderr
    assert f"argument {option}: must be " in result.stderr and " from " in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


def test_the_number_validator_takes_its_range_and_zero_only_where_it_means_something():
    import argparse

    from cockpit.cli.common import REPLAY_SPEED, SEED, SIM_SECONDS

    assert SIM_SECONDS("0") == 0 and SIM_SECONDS("86400") == 86400 and REPLAY_SPEED("0") == 0
    assert SEED("4294967295") == 2**32 - 1
    for parse, text in ((SIM_SECONDS, "86400.5"), (SIM_SECONDS, "-0.1"), (SEED, "1.5"), (SEED, "2" * 40),
                        (REPLAY_SPEED, "0.001"), (SIM_SECONDS, "")):
        with pytest.raises(argparse.ArgumentTypeError):
            parse(text)


def test_a_long_simulation_shows_its_progress_and_help_says_the_bound():
    result = cockpit("signals", "get", "Vehicle.TraveledDistance", "--at", "3600", "--json")
    assert result.returncode == 0, result.stderr
    progress = [line for line in result.stderr.splitlines() if line.startswith("simulating: ")]
    assert progress[0] == "simulating: 360 of 3600 s (10%)" and len(progress) == 9, result.stderr
    assert json.loads(result.stdout)["status"] == "AVAILABLE"
    short = cockpit("signals", "get", "Vehicle.Speed", "--at", "1800")
    assert short.returncode == 0 and short.stderr == ""
    for command in (["signals", "get"], ["screenshot"]):
        assert "0 to 86400" in " ".join(cockpit(*command, "--help").stdout.split())


# ----- outputs: one validator for a file to write, one for a folder -----

def write_commands(target: str, data: Path) -> list[list[str]]:
    return [["screenshot", "--at", "1", "--out", target],
            ["signals", "record", "--duration", "0.1", "--out", target],
            ["voice", "say", "hi", "--out", target],
            ["profiles", "--data-dir", str(data), "export", "Nobody", target, "--force"]]


@pytest.fixture
def odd_places(tmp_path):
    """Places no file should be written to: a FIFO, a folder, a missing folder, under a file."""
    import os

    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    (tmp_path / "folder").mkdir()
    (tmp_path / "file.txt").write_text("keep me")
    return {str(fifo): "is a named pipe (FIFO), not a file", str(tmp_path / "folder"): "is a folder, not a file",
            str(tmp_path / "missing" / "x.out"): "does not exist",
            str(tmp_path / "file.txt" / "x.out"): "cannot write there"}


def test_a_file_to_write_is_never_a_fifo_a_folder_or_in_a_missing_folder(odd_places, tmp_path):
    for target, why in odd_places.items():
        for args in write_commands(target, tmp_path / "profiles"):
            result = cockpit(*args)
            assert result.returncode == 2 and why in result.stderr, (args, result.stderr)
            assert "Traceback" not in result.stderr
    assert (tmp_path / "fifo").is_fifo() and (tmp_path / "file.txt").read_text() == "keep me"
    assert not (tmp_path / "missing").exists()


def test_a_device_is_refused_as_a_file_to_write_before_anything_is_opened():
    # Checked on the validator alone: before it, `profiles export NAME /dev/null --force` replaced
    # /dev/null by a regular file (an atomic rename), which a test must never risk doing again.
    import argparse

    from cockpit.cli.common import output_file, output_file_or_stdout, output_folder

    for check in (output_file, output_file_or_stdout, output_folder):
        with pytest.raises(argparse.ArgumentTypeError, match="character device"):
            check("/dev/null")
    assert output_file_or_stdout("-") == "-"


def test_a_file_to_read_is_there_and_a_regular_file(odd_places, tmp_path):
    fifo, folder, long_name = str(tmp_path / "fifo"), str(tmp_path / "folder"), "x" * 5000
    for args, why in (
        (["kiosk", "check", "--kiosk-config", fifo], "is a named pipe (FIFO), not a file"),
        (["kiosk", "check", "--tour", folder], "is a folder, not a file"),
        (["themes", "check", fifo], "is a named pipe (FIFO), not a file or a folder"),
        (["themes", "check", long_name], "cannot read it (File name too long)"),
        (["voice", "recognize", fifo], "is a named pipe (FIFO), not a file"),
        (["voice", "recognize", long_name], "cannot read it (File name too long)"),
        (["voice", "install-model", "en-us", "--from", fifo], "is a named pipe (FIFO), not a file"),
        (["signals", "watch", "--dbc", fifo, "--mapping", fifo], "is a named pipe (FIFO), not a file"),
        (["signals", "watch", "--replay", str(tmp_path / "none.log")], "no such file"),
        (["demo", "--theme-dir", str(tmp_path / "file.txt")], "is a file, not a folder"),
        (["gallery", "--out", folder, "--theme-dir", long_name], "cannot read it (File name too long)"),
        (["screenshot", "--out", ""], "an empty path"),
        (["voice", "parse", "hi", "--language", long_name], "no sentences for language"),
    ):
        result = cockpit(*args)
        assert result.returncode == 2 and why in result.stderr, (args[:3], result.stderr[-500:])
        assert "Traceback" not in result.stderr


def test_a_picture_is_a_png_whatever_its_name_ends_with(tmp_path):
    result = cockpit("screenshot", "--view", "hud", "--at", "1", "--out", str(tmp_path / "shot"))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "shot").read_bytes().startswith(b"\x89PNG")


def test_an_argument_that_is_not_utf8_is_echoed_escaped_on_a_strict_terminal():
    import os

    result = subprocess.run([sys.executable, "-m", "cockpit.cli", "voice", "parse", os.fsdecode(b"caf\xe9")], cwd=ROOT,
                            capture_output=True, env={"PATH": "/usr/bin:/bin", "PYTHONIOENCODING": "utf-8:strict"},
                            timeout=60)
    assert result.returncode == 0, result.stderr.decode(errors="replace")
    assert b"heard:  caf\\udce9" in result.stdout


def test_a_folder_to_write_is_created_but_never_over_a_file(tmp_path):
    (tmp_path / "file.txt").write_text("keep me")
    refused = cockpit("gallery", "--out", str(tmp_path / "file.txt"), "--views", "hud")
    assert refused.returncode == 2 and "is a file, not a folder" in refused.stderr
    out = tmp_path / "new" / "gallery"
    made = cockpit("gallery", "--out", str(out), "--views", "hud", "--themes", "dark", "--states", "parked")
    assert made.returncode == 0, made.stderr
    assert (out / "index.html").is_file()


@pytest.mark.parametrize("args", [
    ["signals", "watch", "--source", "can:nosuchinterface:x", "--duration", "1"],
    ["signals", "record", "--source", "can:nosuchinterface:x", "--duration", "1", "--out", "OUT"],
    ["gateway", "--source", "can:nosuchinterface:x"],  # also hung: the gateway outlived the traceback
    ["signals", "watch", "--source", "zenoh", "--connect", "udp/999.1.1.1:1", "--insecure", "--duration", "1"],
])
def test_a_source_that_cannot_start_is_one_line(args, tmp_path):
    result = cockpit(*[str(tmp_path / "r.jsonl") if a == "OUT" else a for a in args])
    *before, last = result.stderr.splitlines()
    assert result.returncode == 2 and last.startswith("cockpit: cannot open"), result.stderr
    # --insecure says what it allows, every time
    assert before == (["WARNING cockpit.bus.config: INSECURE: plain Zenoh on udp/999.1.1.1:1: anyone who reaches it "
                       "can forge every value and request (use --secure DIR)"] if "--insecure" in args else [])


# ----- silent accepts: an unknown name fails and lists the known ones -----

@pytest.mark.parametrize("args, listed", [
    (["screenshot", "--out", "OUT", "--theme", "nope"], "choose from city-dark, city-light, dark, grand-dark, light"),
    (["screenshot", "--out", "OUT", "--theme", "../themes/dark"], "choose from city-dark"),
    (["screenshot", "--out", "OUT", "--view", "center", "--page", "nope"], "'settings', 'driver'"),
    (["demo", "--theme", "nope"], "choose from city-dark, city-light, dark, grand-dark, light"),
    (["cluster", "--theme", "nope"], "choose from city-dark, city-light, dark, grand-dark, light"),
    (["hud", "--theme", "nope", "--source", "sim"], "choose from city-dark, city-light, dark, grand-dark, light"),
    (["demo", "--kiosk", "--theme", "light"], "--theme: not used in kiosk mode"),
    (["demo", "--kiosk", "--views", "hud", "--cycle", "udds"], "--views, --cycle: not used in kiosk mode"),
])
def test_an_unknown_name_fails_and_lists_the_known_ones(args, listed, tmp_path):
    result = cockpit(*[str(tmp_path / "x.png") if a == "OUT" else a for a in args])
    assert result.returncode == 2 and listed in result.stderr, result.stderr
    assert not (tmp_path / "x.png").exists()


def test_the_page_names_are_the_center_screens():
    import re

    from cockpit.pages import CENTER_PAGES

    qml = (ROOT / "cockpit" / "qml" / "Cockpit" / "Center" / "CenterView.qml").read_text()
    names = re.search(r"property list<string> pageNames: \[([^]]*)]", qml).group(1)
    assert tuple(re.findall(r'"(\w+)"', names)) == CENTER_PAGES


# ----- signals watch and record: the end of the command is not news about the vehicle -----

def test_watch_and_record_end_without_a_fake_unavailable(tmp_path):
    watched = cockpit("signals", "watch", "Vehicle.Speed", "Vehicle.Body", "--json", "--duration", "0.5")
    rows = [json.loads(line) for line in watched.stdout.splitlines()]
    assert watched.returncode == 0 and rows, watched.stderr
    assert {r["status"] for r in rows} == {"AVAILABLE"}
    out = tmp_path / "drive.jsonl"
    recorded = cockpit("signals", "record", "--out", str(out), "--duration", "0.5")
    assert recorded.returncode == 0, recorded.stderr
    assert {json.loads(line)["status"] for line in out.read_text().splitlines()} == {"AVAILABLE"}


# ----- a display without its gateway says what it waits for -----

def test_a_display_alone_says_it_waits_for_a_gateway_and_where_then_that_it_came():
    import os
    import queue
    import threading

    from .zenoh_helpers import free_endpoint

    endpoint = free_endpoint()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    display = subprocess.Popen([sys.executable, "-m", "cockpit.cli", "cluster", "--connect", endpoint], cwd=ROOT,
                               env=env, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in display.stderr], daemon=True).start()
    gateway = None
    try:
        first = lines.get(timeout=60)
        assert first.startswith(f"cockpit cluster: waiting for a gateway at {endpoint} (none for "), first
        gateway = subprocess.Popen([sys.executable, "-m", "cockpit.bus.gateway", "--listen", endpoint], cwd=ROOT,
                                   env=env, stdout=subprocess.DEVNULL)
        assert lines.get(timeout=60).strip() == "cockpit cluster: gateway found"
    finally:
        for p in (display, gateway):
            if p is not None:
                p.terminate()
                p.wait(timeout=30)


# ----- the status words: the README's are the output's -----

def test_the_readme_names_the_statuses_the_output_prints():
    import re

    from cockpit.vehicle.store import Status

    readme = (ROOT / "README.md").read_text()
    table = readme[readme.index("| status | meaning |"):]
    table = table[:table.index("\n\n")]
    assert re.findall(r"^\| `(\w+)` \|", table, re.M) == [s.name for s in Status]
    plain = cockpit("signals", "get", "Vehicle.Speed", "--at", "5").stdout
    as_json = json.loads(cockpit("signals", "get", "Vehicle.Speed", "--at", "5", "--json").stdout)
    assert plain.rstrip().endswith("(AVAILABLE)") and as_json["status"] == "AVAILABLE"


@pytest.mark.parametrize("name, reason", [("", "name the recording"), ("nope.jsonl", "No such file or directory"),
                                          ("x" * 5000, "File name too long"), ("folder", "a folder, not a file"),
                                          ("pipe.jsonl", "a named pipe (FIFO), not a file")])
def test_a_replay_that_cannot_be_read_is_one_short_line_with_the_reason(tmp_path, name, reason):
    (tmp_path / "folder").mkdir()
    os.mkfifo(tmp_path / "pipe.jsonl")
    out = subprocess.run([sys.executable, "-m", "cockpit.cli", "signals", "watch", "--source", f"replay:{name}",
                          "--duration", "1"], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert out.returncode == 2 and out.stderr.count("\n") == 1 and reason in out.stderr, out.stderr
    assert len(out.stderr) < 200  # a 5,000-character name is not echoed whole
