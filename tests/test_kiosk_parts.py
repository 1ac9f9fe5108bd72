"""The kiosk's parts in one process (offscreen): PIN back-off, the state file, systemd
notifications from the GUI thread, the tour's car (held signals, restarts), the shortcut filter,
and a whole kiosk's reset and rendering."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import threading
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QGuiApplication, QImage, QKeyEvent
from PySide6.QtTest import QTest

from cockpit.files import write_atomically
from cockpit.kiosk.config import Unlock, load_config
from cockpit.kiosk.drive import HEALTHY_TIRES, HeldSignals, KioskDrive, tire_values
from cockpit.kiosk.lockdown import KeyGuard, PinGate, is_escape_shortcut
from cockpit.kiosk.state import FileWriter, KioskState, StateKeeper, read_state
from cockpit.kiosk.tour import Drive
from cockpit.kiosk.watchdog import Watchdog, notify, watchdog_interval_s
from cockpit.sources.simulator import SimulatorSource
from cockpit.vehicle.store import SignalStore, Status

FRONT_LEFT = "Vehicle.Chassis.Axle.Row1.Wheel.Left.Tire."
DRIVER_TEMP = "Vehicle.Cabin.HVAC.Station.Row1.Driver.Temperature"

# ----- PIN and state --------------------------------------------------------------------------------


class Clock:
    def __init__(self) -> None:
        self.t = 1_000_000.0

    def __call__(self) -> float:
        return self.t


@pytest.fixture
def writer():
    w = FileWriter()
    yield w
    w.close()


def test_wrong_pins_lock_the_pad_with_a_growing_back_off_that_survives_a_restart(tmp_path, writer):
    clock, file = Clock(), tmp_path / "state.json"
    gate = PinGate("4711", Unlock(max_attempts=3, lockout_s=30, max_lockout_s=100), StateKeeper(file, writer), clock)
    assert gate.check("1111").attempts_left == 2
    assert gate.check("2222").attempts_left == 1
    first = gate.check("3333")
    assert not first.ok and first.locked_s == 30
    assert gate.check("4711").locked_s > 0  # the right PIN waits too
    clock.t += 31
    for _ in range(3):
        result = gate.check("0000")
    assert result.locked_s == 60  # doubled
    writer.close()
    # a restart (or a pulled plug) does not clear the lock
    again = PinGate("4711", Unlock(max_attempts=3, lockout_s=30, max_lockout_s=100),
                    StateKeeper(file, FileWriter()), clock)
    assert again.locked_for() == pytest.approx(60)
    clock.t += 61
    assert again.check("4711").ok
    assert again.keeper.state.pin_failures == 0
    assert again.keeper.state.wrong_pins == 6  # tries while locked do not count


def test_the_state_file_is_replaced_whole_and_a_bad_one_is_set_aside(tmp_path, caplog):
    file = tmp_path / "kiosk" / "state.json"
    write_atomically(file, KioskState(starts=3, tour_step=4).to_json())
    assert read_state(file) == KioskState(starts=3, tour_step=4)
    assert [p.name for p in file.parent.iterdir()] == ["state.json"]  # no temporary left behind
    file.write_text('{"version": 1, "starts": "many"')
    assert read_state(file) == KioskState()
    assert (file.parent / "state.json.bad").exists() and "kept as state.json.bad" in caplog.text
    file.write_text(json.dumps({"version": 1, "starts": -2}))
    assert read_state(file) == KioskState()


def test_the_writer_thread_coalesces_and_writes_the_newest(tmp_path):
    w = FileWriter()
    file = tmp_path / "status.json"
    for i in range(200):
        w.write(file, json.dumps({"i": i}))
    w.close()
    assert json.loads(file.read_text()) == {"i": 199}
    assert w.written <= 200


# ----- systemd --------------------------------------------------------------------------------------


@pytest.fixture
def notify_socket(tmp_path):
    path = tmp_path / "notify"
    s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    s.bind(str(path))
    s.setblocking(False)
    yield path, s
    s.close()


def received(s: socket.socket) -> list[tuple[float, str]]:
    out = []
    while True:
        try:
            out.append((time.monotonic(), s.recv(4096).decode()))
        except BlockingIOError:
            return out


def test_notify_speaks_the_sd_notify_protocol_and_is_silent_without_systemd(notify_socket):
    path, s = notify_socket
    assert notify("STATUS=hello", {"NOTIFY_SOCKET": str(path)})
    assert received(s)[0][1] == "STATUS=hello"
    assert not notify("READY=1", {})
    assert watchdog_interval_s({"WATCHDOG_USEC": "4000000"}) == 2.0
    # systemd's main process is cage, which started us: we ping for it (READY=1 says MAINPID=us)
    assert watchdog_interval_s({"WATCHDOG_USEC": "4000000", "WATCHDOG_PID": str(os.getppid())}) == 2.0
    assert watchdog_interval_s({"WATCHDOG_USEC": "4000000", "WATCHDOG_PID": "999999999"}) is None  # another's
    assert watchdog_interval_s({}) is None


def test_watchdog_pings_come_from_the_gui_thread_and_stop_while_it_hangs(qtbot, notify_socket):
    path, s = notify_socket
    dog = Watchdog(environ={"NOTIFY_SOCKET": str(path), "WATCHDOG_USEC": "200000"})
    qtbot.wait(250)
    assert received(s) == []  # nothing before the first frame
    dog.ready("touring")
    qtbot.wait(450)
    first = received(s)
    assert first[0][1].startswith("READY=1\nMAINPID=") and "STATUS=touring" in first[0][1]
    assert sum(m == "WATCHDOG=1" for _, m in first) >= 3
    hang_start = time.monotonic()
    time.sleep(0.6)  # the GUI thread hangs
    hang_end = time.monotonic()
    qtbot.wait(50)
    during = [t for t, m in received(s) if m == "WATCHDOG=1"]
    # the socket queued at most the ping due when the hang ended: none was sent during it
    assert all(t >= hang_end for t in during) and len(during) <= 2
    assert hang_end - hang_start >= 0.6
    dog.stopping()
    assert received(s)[-1][1] == "STOPPING=1"


# ----- the tour's car -------------------------------------------------------------------------------


def test_held_signals_replace_the_simulators_and_never_go_stale():
    store = SignalStore()
    held = HeldSignals(store)
    held.hold(tire_values("front-left", 170))
    sim = SimulatorSource(seed=1)
    for _ in range(40):  # 20 simulated seconds: the pressure is republished every 5 s
        sim.step(held, 0.5)
        store.sweep()
    assert store.get(FRONT_LEFT + "Pressure").value == 170
    assert store.get(FRONT_LEFT + "Pressure").status is Status.AVAILABLE
    assert store.get(FRONT_LEFT + "IsPressureLow").value is True
    held.release()
    assert store.get(FRONT_LEFT + "IsPressureLow").value is False  # the simulator's own value is back
    assert 240 <= store.get(FRONT_LEFT + "Pressure").value <= 252


def test_a_hold_is_not_undone_by_a_simulator_write_in_flight():
    """The simulator's thread writes its own tire flag; meanwhile the GUI thread holds a healthy
    tire. Whatever the interleaving, the hold is what the store ends with."""
    low = FRONT_LEFT + "IsPressureLow"
    paused, go = threading.Event(), threading.Event()

    class SlowStore(SignalStore):  # the simulator's write stops on its way into the store
        def update_many(self, items, source_ts=None):  # noqa: ANN001
            items = list(items)
            if (low, True) in items:
                paused.set()
                go.wait(10)
            return super().update_many(items, source_ts)

    store = SlowStore()
    held = HeldSignals(store)
    writer = threading.Thread(target=held.update_many, args=([(low, True)],))  # not held yet: passes through
    writer.start()
    assert paused.wait(10)
    holder = threading.Thread(target=held.hold, args=({low: False},))
    holder.start()
    holder.join(0.5)  # done at once when the write in flight does not keep it out
    go.set()
    writer.join(10)
    holder.join(10)
    assert store.value(low) is False


def test_a_restart_is_a_fresh_car_without_a_gap(qtbot):
    store = SignalStore()
    statuses = []
    store.listen(lambda path, r: statuses.append(r.status) if path == "Vehicle.Speed" else None)
    drive = KioskDrive(Drive("wltc", 1, 1160.0), speedup=5.0)
    drive.start(store)
    try:
        assert store.get("Vehicle.Speed").value > 30  # the fast stretch the tour starts on
        assert store.value(FRONT_LEFT + "IsPressureLow") is False  # healthy tires are held
        store.request(DRIVER_TEMP, 24.0)
        qtbot.waitUntil(lambda: store.value(DRIVER_TEMP) == 24.0, timeout=3000)
        with qtbot.waitSignal(drive.restarted, timeout=5000):
            drive.restart()
        assert store.value(DRIVER_TEMP) == 21.0
        assert drive.restarts == 1
        assert Status.UNAVAILABLE not in statuses  # the views never saw the car go away
    finally:
        drive.stop()
    assert store.get("Vehicle.Speed").status is Status.UNAVAILABLE  # a real stop says so
    assert set(HEALTHY_TIRES) <= set(store.snapshot())


# ----- keys -----------------------------------------------------------------------------------------

K, M = Qt.Key, Qt.KeyboardModifier


@pytest.mark.parametrize("key, mods, swallowed", [
    (K.Key_Escape, M.NoModifier, True),
    (K.Key_F4, M.AltModifier, True),
    (K.Key_Q, M.ControlModifier, True),
    (K.Key_W, M.ControlModifier, True),
    (K.Key_Tab, M.AltModifier, True),
    (K.Key_F2, M.ControlModifier | M.AltModifier, True),
    (K.Key_D, M.MetaModifier, True),
    (K.Key_Super_L, M.NoModifier, True),
    (K.Key_5, M.NoModifier, False),  # PIN digits
    (K.Key_Return, M.NoModifier, False),
    (K.Key_Backspace, M.NoModifier, False),
    (K.Key_Q, M.NoModifier, False),
])
def test_shortcuts_that_close_or_switch_away_are_recognised(key, mods, swallowed):
    assert is_escape_shortcut(key, mods) is swallowed


def test_the_key_guard_swallows_escape_and_lets_digits_through(qtbot):
    from PySide6.QtGui import QWindow

    guard, window = KeyGuard(), QWindow()
    esc = QKeyEvent(QEvent.Type.KeyPress, K.Key_Escape, M.NoModifier)
    digit = QKeyEvent(QEvent.Type.KeyPress, K.Key_7, M.NoModifier, "7")
    assert guard.eventFilter(window, esc) and guard.swallowed == 1
    assert not guard.eventFilter(window, digit)


# ----- a whole kiosk, offscreen ----------------------------------------------------------------------


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def kiosk(qtbot, tmp_path, qml_warnings, clock, request):
    """A kiosk whose idle time and tour run on ``clock``, stepped by the test; of the variant the
    test's parameter names (default: the default car)."""
    from cockpit.app import Cockpit
    from cockpit.kiosk.app import Kiosk
    from cockpit.kiosk.demo_profiles import DemoProfiles
    from cockpit.kiosk.tour import load_tour
    from cockpit.variant import load_variant

    (tmp_path / "tour.yaml").write_text(json.dumps({
        "drive": {"start_s": 1160}, "length_s": 600, "profiles": {"Alex": {"theme": "light"}},
        "steps": [{"at": 0, "caption": "Welcome to the cockpit", "page": "home"},
                  {"at": 0.3, "tire": {"wheel": "front-left", "pressure_kpa": 170}},
                  {"at": 500, "caption": "later"}]}))
    (tmp_path / "kiosk.yaml").write_text(json.dumps({
        "pin": "9876", "idle_reset_s": 10, "tour": "tour.yaml", "state_file": "state.json"}))
    config = load_config(tmp_path / "kiosk.yaml")
    tour = load_tour(config.tour)
    drive = KioskDrive(tour.drive)
    profiles = DemoProfiles(tour.demo_drivers())
    cockpit = Cockpit(source=drive, profiles=profiles.service, variant=load_variant(getattr(request, "param", "suv")))
    screen = QGuiApplication.primaryScreen()
    k = Kiosk(config, tour, cockpit, drive, QGuiApplication.instance(), screens=[screen], demo=profiles,
              clock=clock)
    k.start()
    qtbot.waitUntil(lambda: k.watchdog.ready_sent, timeout=5000)
    yield k
    k.close()
    cockpit.close()
    profiles.close()


def grab(k) -> QImage:  # noqa: ANN001
    QGuiApplication.processEvents()
    return k.windows[0].grabWindow().convertToFormat(QImage.Format.Format_ARGB32)


def test_a_kiosk_composes_both_views_with_a_caption_and_resets_for_the_next_visitor(kiosk, qtbot):
    k = kiosk
    assert len(k.windows) == 1 and k.windows[0].property("place") == "cluster,center"
    # the window composed both views itself, from the root store: the page it shows is the tour's
    window = k.windows[0]
    assert window.findChild(QObject, "centerView") is not None and window.findChild(QObject, "speedometer")
    assert k.page == "home"
    assert k.store.property("caption") == "Welcome to the cockpit"
    assert QGuiApplication.overrideCursor().shape() == Qt.CursorShape.BlankCursor
    # a visitor takes over: another page, another driver, the PIN pad left open
    k._visitor_input()
    assert not k.touring and not k.player.running
    k.show_page("settings")
    profiles = k.cockpit.profiles
    qtbot.waitUntil(lambda: any(p["name"] == "Alex" for p in profiles.property("profiles")), timeout=5000)
    assert profiles.switch_by_name("Alex") == ""
    qtbot.waitUntil(lambda: profiles.property("activeName") == "Alex" and k.cockpit.theme.property("name") == "light",
                    timeout=5000)
    k.store.holdCorner("cluster,center")
    assert k.store.property("pinPadOpen")
    alex = profiles.property("activeId")
    profiles.eraseProfile(alex)  # what a visitor may do to a demo driver
    qtbot.waitUntil(lambda: not any(p["name"] == "Alex" for p in profiles.property("profiles")), timeout=5000)
    k.reset("test")
    assert k.page == "home" and k.touring
    qtbot.waitUntil(lambda: k.player.running, timeout=10000)  # with the new car
    assert k.cockpit.theme.property("name") == "dark"
    qtbot.waitUntil(lambda: any(p["name"] == "Alex" for p in profiles.property("profiles")), timeout=5000)
    assert profiles.property("activeName") == "Guest" and not profiles.property("valet")
    assert not k.store.property("pinPadOpen")
    assert k.keeper.state.idle_resets == 1 and k.keeper.state.visitor_sessions == 1


@pytest.mark.parametrize("kiosk", ["city"], indirect=True)
def test_a_city_cars_kiosk_shows_its_one_screen_with_the_cluster_in_it(kiosk, qtbot):
    k = kiosk
    assert len(k.windows) == 1 and k.windows[0].property("place") == "center"
    window = k.windows[0]
    assert window.findChild(QObject, "clusterPanel") is not None  # the cluster, in the center screen
    assert window.findChild(QObject, "speedometer") is None  # no cluster screen of its own
    k.show_page("climate")
    qtbot.waitUntil(lambda: k.page == "climate", timeout=2000)
    assert k.status()["voice"] is None  # the city car has no voice assistant


def test_the_idle_reset_comes_after_the_quiet_spell_and_the_tour_starts_again_with_the_new_car(
        kiosk, qtbot, clock, monkeypatch):
    k = kiosk
    clock.t += 0.5
    k.player.tick()  # the tour's second step lowers a tire
    assert k._tires_low() == [FRONT_LEFT + "IsPressureLow"]
    QTest.mouseClick(k.windows[0], Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(300, 300))
    assert not k.touring
    clock.t += 9.9
    k._tick()
    assert k.resets == 0 and "starts again in 1 s" in k.store.property("caption")
    # the new car takes a while to prepare: hold it back to see what the tour does meanwhile
    prepared = threading.Event()
    new_source = k.drive._new_source
    monkeypatch.setattr(k.drive, "_new_source", lambda offset: prepared.wait(10) and new_source(offset))
    clock.t += 0.1
    k._tick()
    assert k.resets == 1 and k.last_reset["why"] == "no input for 10 s"
    assert k.last_reset["tires_low"] == []
    clock.t += 0.5
    qtbot.wait(200)  # the tour's timer would have run its tire step by now, had it started
    assert not k.player.running and k._tires_low() == []
    with qtbot.waitSignal(k.drive.restarted, timeout=10000):
        prepared.set()
    assert k.last_reset["car"]["tires_low"] == [] and k.player.running
    clock.t += 0.5
    k.player.tick()
    assert k._tires_low() == [FRONT_LEFT + "IsPressureLow"]  # the tour goes on, with the new car


def test_a_new_car_that_cannot_be_made_does_not_stop_the_tour(kiosk, qtbot, monkeypatch):
    k = kiosk

    def broken(offset: float):
        raise RuntimeError("no drive cycle")

    monkeypatch.setattr(k.drive, "_new_source", broken)
    with qtbot.waitSignal(k.drive.restarted, timeout=10000):
        k.reset("test")
    assert k.player.running and k.drive.restarts == 0
    assert k.cockpit.signals.get("Vehicle.Speed").status is Status.AVAILABLE  # the old car goes on


def test_the_pin_pad_shows_dots_not_digits_and_a_wrong_pin_says_so(kiosk, qtbot):
    k = kiosk
    plain = grab(k)
    k.store.holdCorner("cluster,center")
    for d in (1, 2, 3):
        k.store.pinDigit(d)
    assert k.store.property("pinLength") == 3
    with_pad = grab(k)
    accent = k.cockpit.theme.group("color")["accent"]
    rgb = 0xFF000000 | int(accent.lstrip("#")[:6], 16)
    def accent_pixels(image: QImage) -> int:
        return memoryview(image.constBits()).cast("I").tolist().count(rgb)

    # three filled dots and the OK key are drawn in the accent colour
    assert accent_pixels(with_pad) > accent_pixels(plain) + 2000
    k.store.pinSubmit()
    assert k.store.property("pinMessage").startswith("Wrong PIN")
    assert not k.unlocked


def test_the_tours_spoken_command_goes_through_the_voice_assistant(qtbot, tmp_path, qml_warnings):
    """The bundled recording, fed to the real recognizer through the voice store, sets 22 °C."""
    from cockpit.app import Cockpit
    from cockpit.kiosk.app import Kiosk
    from cockpit.kiosk.tour import load_tour

    wav = Path(__file__).resolve().parents[1] / "cockpit" / "assets" / "kiosk" / "set-temperature-22.wav"
    (tmp_path / "tour.yaml").write_text(json.dumps({
        "drive": {"start_s": 1160}, "length_s": 600,
        "steps": [{"at": 0, "caption": "Listen", "voice": str(wav)}]}))
    (tmp_path / "kiosk.yaml").write_text(json.dumps({"pin": "9876", "tour": "tour.yaml", "state_file": "s.json"}))
    config = load_config(tmp_path / "kiosk.yaml")
    tour = load_tour(config.tour)
    drive = KioskDrive(tour.drive)
    cockpit = Cockpit(source=drive)
    k = Kiosk(config, tour, cockpit, drive, QGuiApplication.instance(), screens=[QGuiApplication.primaryScreen()])
    try:
        k.start()
        qtbot.waitUntil(lambda: k.watchdog.ready_sent, timeout=5000)
        qtbot.waitUntil(lambda: cockpit.signals.value(DRIVER_TEMP) == 22.0, timeout=40000)
    finally:
        k.close()
        cockpit.close()


# ----- the systemd unit -----------------------------------------------------------------------------


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze is not installed")
def test_the_unit_file_is_one_systemd_accepts_with_notify_and_a_watchdog(tmp_path):
    unit = (Path(__file__).resolve().parents[1] / "deploy" / "cockpit-kiosk.service").read_text()
    settings = dict(line.split("=", 1) for line in unit.splitlines() if "=" in line and not line.startswith("#"))
    assert settings["Type"] == "notify" and int(settings["WatchdogSec"]) > 0 and settings["Restart"] == "always"
    assert settings["NotifyAccess"] == "all"  # cage is the main process; the cockpit inside it notifies
    assert "cockpit demo --kiosk" in settings["ExecStart"]
    # verify checks that ExecStart's program exists: cage is for the stand, not for this machine
    copy = tmp_path / "cockpit-kiosk.service"
    copy.write_text(unit.replace("/usr/bin/cage", shutil.which("true")))
    out = subprocess.run(["systemd-analyze", "verify", str(copy)], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr


@pytest.mark.parametrize("content", [
    "[" * 100_000,  # was a RecursionError at the kiosk's start
    '{"version": 1, "starts": NaN}',  # int(nan) was a ValueError
    '{"version": 1, "starts": 1e400}',  # int(inf) was an OverflowError
    b'{"version": 1, "x": "\xff"}',
    " " * 100_000,
])
def test_a_state_file_that_cannot_be_read_is_set_aside(tmp_path, content, caplog):
    file = tmp_path / "state.json"
    file.write_bytes(content if isinstance(content, bytes) else content.encode())
    assert read_state(file) == KioskState()
    assert (tmp_path / "state.json.bad").exists() and "kept as state.json.bad" in caplog.text


def test_a_named_pipe_as_the_state_file_is_set_aside_not_waited_on(tmp_path):
    file = tmp_path / "state.json"
    os.mkfifo(file)  # reading it would wait for a writer: the kiosk would never start
    assert read_state(file) == KioskState()
    assert (tmp_path / "state.json.bad").exists() and not file.exists()
