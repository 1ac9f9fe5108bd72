"""The QML views load with zero warnings and show what the vehicle state says (rendered pixels)."""

import time

import pytest

from cockpit.app import Cockpit

from .screens import DRIVING, count_colour, differing, shot

TIRE_LOW = "Vehicle.Chassis.Axle.Row1.Wheel.Left.Tire.IsPressureLow"


@pytest.mark.parametrize("view, size", [("cluster", (1920, 720)), ("center", (1280, 800))])
@pytest.mark.parametrize("theme", ["dark", "light"])
def test_views_load_without_warnings_at_their_default_size(cockpits, qml_warnings, view, size, theme):
    image = shot(cockpits(DRIVING, theme), view)
    assert (image.width(), image.height()) == size


@pytest.mark.parametrize("view", ["cluster", "center"])
def test_views_load_without_any_data(cockpits, qml_warnings, view):
    image = shot(cockpits({}), view)
    assert not image.isNull()


def test_speed_change_changes_the_cluster(cockpits, qml_warnings):
    still = shot(cockpits({**DRIVING, "Vehicle.Speed": 0.0}), "cluster")
    fast = shot(cockpits({**DRIVING, "Vehicle.Speed": 100.0}), "cluster")
    assert differing(still, fast) > 2000  # digits and needle, not a stray pixel


def test_missing_speed_is_not_shown_as_a_number(cockpits, qml_warnings):
    known = cockpits({**DRIVING, "Vehicle.Speed": 0.0})
    lost = {k: v for k, v in DRIVING.items() if k != "Vehicle.Speed"}
    missing = cockpits(lost)
    assert known.cluster.property("speedValid") and not missing.cluster.property("speedValid")
    assert differing(shot(known, "cluster"), shot(missing, "cluster")) > 500


def test_an_amber_telltale_appears_when_a_tire_is_low(cockpits, qml_warnings):
    ok = cockpits(DRIVING)
    amber = ok.theme.property("color")["telltale"]["warning"]
    before = count_colour(shot(ok, "cluster"), amber)
    low = count_colour(shot(cockpits({**DRIVING, TIRE_LOW: True}), "cluster"), amber)
    assert low > before + 100


def test_blue_is_used_only_for_the_high_beam(cockpits, qml_warnings):
    base = cockpits(DRIVING)
    blue = base.theme.property("color")["telltale"]["highBeam"]
    assert count_colour(shot(base, "cluster"), blue) == 0
    high = cockpits({**DRIVING, "Vehicle.Body.Lights.Beam.High.IsOn": True})
    assert count_colour(shot(high, "cluster"), blue) > 100


def test_switching_theme_repaints_without_restart(cockpits, qml_warnings):
    c = cockpits(DRIVING)
    dark = shot(c, "cluster")
    c.settings.setTheme("light")
    light = shot(c, "cluster")
    bg = c.theme.property("color")["background"]["base"]
    assert count_colour(light, bg) > light.width() * light.height() // 4
    assert differing(dark, light) > dark.width() * dark.height() // 4


def test_center_starts_after_the_clusters_first_frame(qapp, qtbot, qml_warnings):
    c = Cockpit()
    try:
        c.start(("cluster", "center"))
        assert list(c.windows) == ["cluster"]  # the center is not even loaded yet
        qtbot.waitUntil(lambda: "center" in c.windows, timeout=5000)
        qtbot.wait(300)  # more cluster frames must not load more center screens
        centers = [w for w in qapp.topLevelWindows() if w.title().endswith("Center") and w.isVisible()]
        assert len(centers) == 1
    finally:
        c.close()


def test_turn_indicator_flashes_at_about_one_and_a_half_hertz(cockpits, qtbot, qml_warnings):
    c = cockpits({**DRIVING, "Vehicle.Body.Lights.Beam.Low.IsOn": False,
                  "Vehicle.Body.Lights.DirectionIndicator.Left.IsSignaling": True})
    green = c.theme.property("color")["telltale"]["on"]
    states = []
    began = time.perf_counter()
    while time.perf_counter() - began < 2.5:
        states.append(count_colour(shot(c, "cluster").copy(0, 0, 640, 160), green) > 50)
        qtbot.wait(40)
    elapsed = time.perf_counter() - began
    flips = sum(a != b for a, b in zip(states, states[1:], strict=False))
    # 1.5 Hz is 3 flips a second; the band allows for a loaded machine's sampling
    assert 2.0 <= flips / elapsed <= 4.0, (flips, elapsed, states)
