"""The minimal head-up display: loads without warnings, shows speed (or dashes) and lit warnings only."""

import pytest

from .screens import DRIVING, count_colour, differing, pixels, shot

TIRE_LOW = "Vehicle.Chassis.Axle.Row1.Wheel.Left.Tire.IsPressureLow"


@pytest.mark.parametrize("theme", ["dark", "light", "city-light", "grand-dark"])
def test_the_hud_is_light_on_black_in_every_theme(cockpits, qml_warnings, theme):
    car = cockpits({**DRIVING, "Vehicle.Speed": 88.0}, theme)
    image = shot(car, "hud")
    assert (image.width(), image.height()) == (800, 300)
    # an emissive display: black is no light; a light theme's page colour would glow over the road
    every = pixels(image)
    assert count_colour(image, "#000000") > 0.8 * len(every)
    hud = car.theme.group("color")["hud"]
    assert count_colour(image, hud["text"]) > 1500  # the bold figures, in the HUD's own light colour


def test_the_hud_shows_the_speed_and_dashes_without_it(cockpits, qml_warnings):
    slow = shot(cockpits({**DRIVING, "Vehicle.Speed": 30.0}), "hud")
    fast = shot(cockpits({**DRIVING, "Vehicle.Speed": 130.0}), "hud")
    lost = shot(cockpits({k: v for k, v in DRIVING.items() if k != "Vehicle.Speed"}), "hud")
    assert differing(slow, fast) > 2000
    assert differing(slow, lost) > 2000


def test_a_warning_shows_on_the_hud_only_while_lit(cockpits, qml_warnings):
    calm = cockpits(DRIVING)
    amber = calm.theme.group("color")["telltale"]["warning"]
    assert count_colour(shot(calm, "hud"), amber) == 0  # no ghosts: a HUD shows only what matters
    assert count_colour(shot(cockpits({**DRIVING, TIRE_LOW: True}), "hud"), amber) > 100
