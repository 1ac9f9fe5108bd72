"""``cockpit demo`` on a bare X server (Xvfb, no window manager): the windows sit side by side inside
the screen, scaled together when it is too small; with no display at all, one sentence, not Qt's abort."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

from cockpit.placement import Rect, side_by_side

from .kiosk_x11 import Xvfb, missing_tools

CLUSTER, CENTER, HUD = (1920, 720), (1280, 800), (800, 300)


def test_a_row_that_fits_keeps_the_design_size():
    scale, rects = side_by_side([CLUSTER, CENTER], Rect(0, 0, 3840, 1200))
    assert scale == 1 and rects == [Rect(0, 0, 1920, 720), Rect(1920, 0, 1280, 800)]


def test_a_row_too_wide_or_too_tall_shrinks_every_window_by_one_factor():
    scale, rects = side_by_side([CLUSTER, CENTER], Rect(0, 30, 1366, 738))  # a laptop, panel on top
    assert scale == pytest.approx(1366 / 3200)
    assert rects[0].x + rects[0].width == rects[1].x and rects[1].x + rects[1].width <= 1366
    assert all(r.y == 30 for r in rects)
    scale, rects = side_by_side([(800, 300)], Rect(0, 0, 1024, 150))  # the HUD on a strip
    assert scale == 0.5 and rects == [Rect(0, 0, 400, 150)]


def windows_on(x: Xvfb, titles: tuple[str, ...], timeout: float = 60) -> dict[str, dict]:
    """Each titled window's geometry once all are mapped and it has settled: the cluster shows first
    on its own and is placed again, with the others, when they have loaded (two-stage start)."""
    found: dict[str, dict] = {}
    before: dict[str, dict] | None = None
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for title in titles:
            ids = x.run("xdotool", "search", "--onlyvisible", "--name", title, check=False).split()
            if ids:
                found[title] = x.geometry(int(ids[0]))
        if len(found) == len(titles) and found == before:
            break
        before = dict(found)
        time.sleep(0.5)
    return found


@pytest.mark.skipif(bool(missing_tools()), reason=f"needs {', '.join(missing_tools())}")
# the default car (the family SUV) has three screens, 4,000 px wide together at their design sizes
@pytest.mark.parametrize("screen, scale", [("4096x1200", 1.0), ("1920x1080", 0.48), ("1366x768", 1366 / 4000)])
def test_the_cars_screens_do_not_overlap_and_fit_the_screen(tmp_path, screen, scale):
    x = Xvfb(screen)
    env = {**x.env(), "QT_QPA_PLATFORM": "xcb", "HOME": str(tmp_path)}
    proc = subprocess.Popen([sys.executable, "-m", "cockpit.cli", "demo", "--no-profiles"], env=env, cwd=tmp_path,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        wins = windows_on(x, ("Cockpit — Cluster", "Cockpit — Center", "Cockpit — HUD"))
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=30)
        x.stop()
    assert len(wins) == 3, err.decode(errors="replace")[-2000:]
    cluster, center, hud = wins["Cockpit — Cluster"], wins["Cockpit — Center"], wins["Cockpit — HUD"]
    width, height = map(int, screen.split("x"))
    for w, (design_w, design_h) in ((cluster, CLUSTER), (center, CENTER), (hud, HUD)):
        assert w["Absolute upper-left X"] >= 0 and w["Absolute upper-left Y"] >= 0
        assert w["Absolute upper-left X"] + w["Width"] <= width and w["Absolute upper-left Y"] + w["Height"] <= height
        assert w["Width"] == int(design_w * scale) and w["Height"] == int(design_h * scale)
    assert cluster["Absolute upper-left X"] + cluster["Width"] <= center["Absolute upper-left X"]
    assert center["Absolute upper-left X"] + center["Width"] <= hud["Absolute upper-left X"]


def run_cockpit(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "cockpit.cli", *args], env=env, capture_output=True, text=True,
                          timeout=60)


@pytest.mark.parametrize("command", [["demo"], ["cluster"], ["demo", "--kiosk"]])
@pytest.mark.parametrize("display", [None, ":987"])  # no display at all; one that nobody serves
def test_no_display_is_one_sentence_with_the_fix(command, display):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    if display:
        env["DISPLAY"] = display
    out = run_cockpit(env, *command)
    assert out.returncode == 2, out.stderr
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("cockpit: no screen"), out.stderr
    assert "QT_QPA_PLATFORM=offscreen" in lines[0] and "xvfb-run" in lines[0]
    if display:
        assert display in lines[0]
