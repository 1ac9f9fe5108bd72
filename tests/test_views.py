"""The QML views load with zero warnings and show what the vehicle state says (rendered pixels)."""

import itertools

import pytest
from PySide6.QtCore import QPointF
from PySide6.QtQuick import QQuickItem

from cockpit.app import Cockpit

from .screens import DRIVING, cockpit_with, count_colour, differing, shot

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
    amber = ok.theme.group("color")["telltale"]["warning"]
    before = count_colour(shot(ok, "cluster"), amber)
    low = count_colour(shot(cockpits({**DRIVING, TIRE_LOW: True}), "cluster"), amber)
    assert low > before + 100


def test_blue_is_used_only_for_the_high_beam(cockpits, qml_warnings):
    base = cockpits(DRIVING)
    blue = base.theme.group("color")["telltale"]["highBeam"]
    assert count_colour(shot(base, "cluster"), blue) == 0
    high = cockpits({**DRIVING, "Vehicle.Body.Lights.Beam.High.IsOn": True})
    assert count_colour(shot(high, "cluster"), blue) > 100


def test_switching_theme_repaints_without_restart(cockpits, qml_warnings):
    c = cockpits(DRIVING)
    dark = shot(c, "cluster")
    c.settings.setTheme("light")
    light = shot(c, "cluster")
    bg = c.theme.group("color")["background"]["base"]
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


class SteppedClock:
    """The vehicle's clock, moved by the test."""

    def __init__(self, t: float) -> None:
        self.t = t

    def __call__(self) -> float:
        return self.t


LEFT_ON = {**DRIVING, "Vehicle.Body.Lights.Beam.Low.IsOn": False,
           "Vehicle.Body.Lights.DirectionIndicator.Left.IsSignaling": True}


def left_arrow_lit(c: Cockpit) -> bool:
    green = c.theme.group("color")["telltale"]["on"]
    return count_colour(shot(c, "cluster").copy(0, 0, 640, 160), green) > 50


def test_turn_indicator_flashes_at_one_and_a_half_hertz_of_the_vehicles_clock(qapp, qml_warnings):
    clock = SteppedClock(100.0)
    c = cockpit_with(LEFT_ON, clock=clock)  # switched on at 100.0 s
    try:
        states = []
        for i in range(40):  # 2 s of the vehicle's clock, 50 ms apart, clear of the edges at k/3 s
            clock.t = 100.01 + i / 20
            c.cluster.refresh()
            states.append(left_arrow_lit(c))
    finally:
        c.close()
    runs = [len(list(g)) for _, g in itertools.groupby(states)]
    # lit the moment it is switched on, then 1.5 Hz: each lit or dark half lasts 1/3 s, 6 or 7 samples
    assert states[0] and runs == [7, 7, 6, 7, 7, 6], states


def test_a_still_picture_shows_an_indicator_that_is_on_lit_whenever_it_is_grabbed(cockpits, qtbot, qml_warnings):
    c = cockpits(LEFT_ON)  # a stopped vehicle clock
    for _ in range(4):
        assert left_arrow_lit(c)
        qtbot.wait(200)  # wall time passes; the picture's instant does not


def test_hazard_lights_flash_both_arrows_together(qapp, qml_warnings):
    clock = SteppedClock(5.0)
    c = cockpit_with({**DRIVING, "Vehicle.Body.Lights.DirectionIndicator.Left.IsSignaling": True}, clock=clock)
    try:
        clock.t = 5.5  # the left arrow is in its dark half
        c.cluster.refresh()
        assert not c.cluster.property("flashLit")
        c.signals.update("Vehicle.Body.Lights.Hazard.IsSignaling", True)
        c.bridge.flush()
        assert c.cluster.property("flashLit")  # hazard lights start lit, both arrows in step
        image = shot(c, "cluster")
        green = c.theme.group("color")["telltale"]["on"]
        left, right = image.copy(0, 0, 640, 160), image.copy(1280, 0, 640, 160)
        assert count_colour(left, green) > 50 and count_colour(right, green) > 50
    finally:
        c.close()


def scene_box(item: QQuickItem) -> tuple[float, float]:
    """An item's top and bottom in its window."""
    top = item.mapToScene(QPointF(0, 0)).y()
    return top, top + item.height()


@pytest.mark.parametrize("theme", ["dark", "light", "city-dark", "city-light"])
def test_the_home_page_fits_its_battery_and_climate_cards_in_every_theme(cockpits, qml_warnings, theme):
    c = cockpits(DRIVING, theme)
    shot(c, "center")
    window = c.windows["center"]
    caption, soc = window.findChild(QQuickItem, "batteryCaption"), window.findChild(QQuickItem, "soc")
    figure_top = scene_box(soc)[1] - soc.property("contentHeight")  # drawn from the bottom of its room
    assert figure_top >= scene_box(caption)[1]  # the figure does not run into the caption
    card = scene_box(window.findChild(QQuickItem, "climateCard"))
    for zone in ("driverStepper", "passengerStepper"):
        stepper = scene_box(window.findChild(QQuickItem, zone))
        assert card[0] < stepper[0] and stepper[1] <= card[1], zone  # the buttons stay on the card
