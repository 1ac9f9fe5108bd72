"""``cockpit demo --kiosk`` on a real X server (Xvfb), driven by real input (xdotool / XTEST) and
checked with what X says (xwininfo, xprop, the XFixes cursor image) as well as the kiosk's own
status file: full screen and undecorated, no cursor, shortcuts and close requests ignored, the PIN,
the idle reset, two screens, systemd notifications and state across a restart.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from .kiosk_x11 import KioskProcess, NotifySocket, Xvfb, missing_tools

pytestmark = pytest.mark.skipif(bool(missing_tools()), reason=f"needs {', '.join(missing_tools())} "
                                "(scripts/debian-deps installs them)")

PIN = "2468"
HOLD_S = 1.0
IDLE_S = 10
# A short tour: step 2 changes what a reset must undo: the page, the driver (whose profile brings
# a theme and a temperature), a low tire.
TOUR = """
drive: {cycle: wltc, seed: 1, start_s: 1160}
length_s: 600
profiles:
  Alex: {theme: light, temperature: 24}
steps:
  - at: 0
    caption: "Kiosk test tour"
    page: home
  - at: 0.3
    caption: "Things a visitor could change"
    page: climate
    profile: Alex
    tire: {wheel: front-left, pressure_kpa: 170}
"""


def write_config(folder: Path, pin: str, **extra: object) -> Path:
    (folder / "tour.yaml").write_text(TOUR)
    config = {"pin": pin, "idle_reset_s": IDLE_S, "tour": "tour.yaml", "speedup": 1,
              "unlock": {"corner": "top-right", "hold_s": HOLD_S, "max_attempts": 3, "lockout_s": 2},
              "state_file": "state.json", "status_file": "status.json", **extra}
    (folder / "kiosk.yaml").write_text(json.dumps(config))
    return folder / "kiosk.yaml"


def private_env(folder: Path) -> dict[str, str]:
    """Nothing of the user's: profiles, voice models and state live in the test's folder."""
    home = folder / "home"
    home.mkdir(exist_ok=True)
    return {"HOME": str(home), "XDG_DATA_HOME": str(home / "data"), "XDG_STATE_HOME": str(home / "state"),
            "XDG_CONFIG_HOME": str(home / "config"), "XDG_CACHE_HOME": str(home / "cache")}


@pytest.fixture(scope="module")
def one_screen(tmp_path_factory):
    folder = tmp_path_factory.mktemp("kiosk-one")
    x = Xvfb("1920x1080")
    x.xdotool("mousemove", 960, 540)
    cursor_before = x.cursor_visible()  # the X server's own cursor: the check can see a cursor
    notify = NotifySocket(folder / "notify.sock")
    env = {**private_env(folder), "NOTIFY_SOCKET": str(notify.path), "WATCHDOG_USEC": "1000000"}
    kiosk = KioskProcess(x, write_config(folder, PIN), folder / "status.json", folder / "kiosk.log", env)
    try:
        # generous: a loaded machine takes a while to start Python, Qt and the QML (this catches a hang)
        kiosk.wait_for(lambda s: s["watchdog"]["ready"], timeout=60, what="the first frame")
        yield x, kiosk, notify, cursor_before
    finally:
        code = kiosk.stop()
        notify.close()
        x.stop()
    assert code == 0, kiosk.output()[-3000:]  # SIGTERM (systemctl stop) ends it cleanly


def window(status: dict, view: str = "center") -> dict:
    return next(w for w in status["windows"] if view in w["views"])


def long_press(x: Xvfb, where: list[int], seconds: float, screen: int = 0) -> None:
    x.xdotool("mousemove", "--screen", screen, *where, "mousedown", 1, "sleep", seconds, "mouseup", 1)


def test_one_fullscreen_undecorated_window_holds_both_views(one_screen):
    x, kiosk, _, _ = one_screen
    s = kiosk.status()
    assert len(s["windows"]) == 1
    w = s["windows"][0]
    assert w["views"] == ["cluster", "center"]
    assert w["frameless"] and w["fullScreen"] and w["visible"]
    geo = x.geometry(w["winId"])
    corner = (geo["Absolute upper-left X"], geo["Absolute upper-left Y"])
    assert corner == (0, 0) and (geo["Width"], geo["Height"]) == (1920, 1080)
    assert geo["Map State"] == "IsViewable"
    assert "_NET_WM_STATE_FULLSCREEN" in x.prop(w["winId"], "_NET_WM_STATE")
    # Motif hints: flags has "decorations" (2) and the decorations field is 0 — no title bar, no border
    motif = x.prop(w["winId"], "_MOTIF_WM_HINTS").split("=")[-1].replace(" ", "").split(",")
    assert int(motif[0], 0) & 2 and int(motif[2], 0) == 0
    assert s["qml_warnings"] == 0, kiosk.output()


def test_the_cursor_is_hidden(one_screen):
    x, kiosk, _, cursor_before = one_screen
    assert cursor_before, "XFixes should see the X server's default cursor before the kiosk starts"
    x.xdotool("mousemove", 700, 300)
    time.sleep(0.2)
    assert not x.cursor_visible()  # what X draws over the kiosk: nothing
    assert kiosk.status()["cursor"] == "BlankCursor"  # and Qt's side of it


def test_escape_alt_f4_and_close_requests_do_not_close_it(one_screen):
    x, kiosk, _, _ = one_screen
    wid = kiosk.status()["windows"][0]["winId"]
    before = kiosk.status()["swallowed_keys"]
    x.xdotool("windowfocus", "--sync", wid)
    for keys in ("Escape", "alt+F4", "ctrl+q", "ctrl+w", "alt+Tab", "super+d"):
        x.xdotool("key", "--clearmodifiers", keys)
    x.request_close(wid)  # a window manager's Alt+F4 / close button
    s = kiosk.wait_for(lambda s: s["swallowed_keys"] >= before + 6 and s["ignored_closes"] >= 1,
                       what="the shortcuts to be swallowed")
    time.sleep(0.3)
    assert kiosk.alive()
    assert x.geometry(wid)["Map State"] == "IsViewable"
    assert s["windows"][0]["visible"]


def test_a_short_press_in_the_corner_does_not_open_the_pin_pad(one_screen):
    x, kiosk, _, _ = one_screen
    corner = window(kiosk.status())["corner"]
    long_press(x, corner, 0.2)
    time.sleep(HOLD_S + 0.3)
    assert not kiosk.status()["pin_pad"]["open"]


def test_a_wrong_pin_does_not_close_it_and_the_pad_locks_after_three(one_screen):
    x, kiosk, _, _ = one_screen
    wid = kiosk.status()["windows"][0]["winId"]
    long_press(x, window(kiosk.status())["corner"], HOLD_S + 0.4)
    kiosk.wait_for(lambda s: s["pin_pad"]["open"], what="the PIN pad")
    x.xdotool("windowfocus", "--sync", wid)
    for attempt in range(1, 4):
        x.xdotool("type", "1111")
        kiosk.wait_for(lambda s: s["pin_pad"]["entered"] == 4, what="four digits")
        x.xdotool("key", "Return")
        s = kiosk.wait_for(lambda s, n=attempt: s["state"]["wrong_pins"] >= n, what=f"wrong PIN {attempt}")
        assert kiosk.alive()
    assert s["pin_pad"]["locked"] and "Try again" in s["pin_pad"]["message"]
    # while locked, even the right PIN does nothing
    x.xdotool("type", PIN)
    x.xdotool("key", "Return")
    time.sleep(0.5)
    assert kiosk.alive()
    assert kiosk.status()["pin_pad"]["locked"]


def test_a_visitor_pauses_the_tour_and_an_idle_reset_restores_the_defaults(one_screen):
    x, kiosk, _, _ = one_screen
    # the tour's second step changed the page, the driver (theme, temperature) and a tire; the
    # earlier tests' input took over from the tour; the pad is left open, as a visitor might leave it
    s = kiosk.wait_for(lambda s: s["tour"]["step"] >= 1 and s["page"] == "climate" and s["profile"] == "Alex"
                       and s["theme"] == "light" and s["tires_low"] and s["driver_temperature"] == 24.0,
                       what="the tour's second step")
    x.xdotool("mousemove", 300, 300, "click", 1)  # a visitor
    s = kiosk.wait_for(lambda s: s["mode"] == "visitor", what="visitor mode")
    resets = s["resets"]
    step = s["tour"]["step"]
    time.sleep(1)
    s = kiosk.status()
    assert s["mode"] == "visitor" and s["tour"]["step"] == step  # the tour waits
    assert s["page"] == "climate" and s["theme"] == "light" and s["profile"] == "Alex"
    s = kiosk.wait_for(lambda s: s["resets"] > resets, timeout=IDLE_S + 5, what="the idle reset")
    after = s["last_reset"]
    assert after["why"].startswith("no input")
    assert after["page"] == "home"
    assert after["theme"] == "dark"
    assert after["tires_low"] == []
    assert not after["pin_pad"]
    assert after["profile"] == "Guest"
    assert s["mode"] == "tour"
    # a fresh car: the 24 °C asked for before the reset is gone
    s = kiosk.wait_for(lambda s: "car" in s["last_reset"], what="the new car")
    assert s["last_reset"]["car"] == {"driver_temperature": 21.0, "tires_low": []}
    assert s["state"]["idle_resets"] >= 1 and s["state"]["visitor_sessions"] >= 1
    assert s["qml_warnings"] == 0, kiosk.output()


def test_systemd_hears_ready_after_the_first_frame_then_watchdog_pings(one_screen):
    _, kiosk, notify, _ = one_screen
    deadline = time.monotonic() + 3
    while time.monotonic() < deadline and sum(m == "WATCHDOG=1" for _, m in notify.messages) < 3:
        time.sleep(0.1)
    texts = [m for _, m in notify.messages]
    ready = next(i for i, m in enumerate(texts) if m.startswith("READY=1"))
    assert not any(m == "WATCHDOG=1" for m in texts[:ready])
    # WATCHDOG_USEC is 1 s: pings every half second keep coming (their interval: test_kiosk_parts)
    assert sum(m == "WATCHDOG=1" for m in texts) >= 3
    assert any(m.startswith("STATUS=") for m in texts)


def test_two_screens_the_right_pin_closes_it_and_state_survives_a_restart(tmp_path):
    x = Xvfb("1920x720", "1280x800")
    config = write_config(tmp_path, "1357", screens="auto")
    # a previous run left its counters and the tour at step 2 (index 1)
    (tmp_path / "state.json").write_text(json.dumps({"version": 1, "starts": 5, "tour_step": 1, "tour_loops": 7}))
    kiosk = KioskProcess(x, config, tmp_path / "status.json", tmp_path / "kiosk.log", private_env(tmp_path))
    try:
        s = kiosk.wait_for(lambda s: s["watchdog"]["ready"] and len(s["windows"]) == 2, what="two windows")
        assert s["state"]["starts"] == 6 and s["state"]["tour_loops"] == 7
        assert s["tour"]["step"] >= 1  # resumed where it was, not from the start
        cluster, center = window(s, "cluster"), window(s, "center")
        assert cluster["views"] == ["cluster"] and center["views"] == ["center"]
        assert cluster["screen"] != center["screen"] or cluster["screenGeometry"] != center["screenGeometry"]
        for w, size in ((cluster, (1920, 720)), (center, (1280, 800))):
            assert w["frameless"] and w["fullScreen"]
            geo = x.geometry(w["winId"])
            assert (geo["Width"], geo["Height"]) == size
            assert "_NET_WM_STATE_FULLSCREEN" in x.prop(w["winId"], "_NET_WM_STATE")
        long_press(x, center["corner"], HOLD_S + 0.4, screen=1)
        s = kiosk.wait_for(lambda s: s["pin_pad"]["open"] and s["pin_pad"]["keys"].get("ok"), what="the PIN pad")
        keys = s["pin_pad"]["keys"]
        for digit in "1357":
            x.xdotool("mousemove", "--screen", 1, *keys[digit], "click", 1)
        kiosk.wait_for(lambda s: s["pin_pad"]["entered"] == 4, what="four digits")
        x.xdotool("mousemove", "--screen", 1, *keys["ok"], "click", 1)
        code = kiosk.proc.wait(10)
        assert code == 0, kiosk.output()[-3000:]
        state = json.loads((tmp_path / "state.json").read_text())
        assert state["starts"] == 6 and state["wrong_pins"] == 0
        assert "qml: " not in kiosk.output()
    finally:
        kiosk.stop()
        x.stop()
