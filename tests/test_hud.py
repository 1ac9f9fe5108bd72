"""The head-up display, rendered: light on black in every theme; speed (or dashes); lit warnings only;
the speed limit sign, and amber figures over it; adaptive cruise in green; a collision ahead in red;
the route's next maneuver as chevrons on the road, pointing its way, brighter as it nears, and none
without a route."""

import pytest

from cockpit.gallery import ROAD, lead, visual_items
from cockpit.sim.route_drive import plan

from .screens import DRIVING, count_colour, differing, pixels, shot

TIRE_LOW = "Vehicle.Chassis.Axle.Row1.Wheel.Left.Tire.IsPressureLow"
CRUISE = "Vehicle.ADAS.CruiseControl."
LIMIT = "Cockpit.ADAS.SpeedLimit"
FCW = "Cockpit.ADAS.ForwardCollision.Stage"
FRONT_WARNING = "Vehicle.ADAS.ObstacleDetection.Front.Center.IsWarning"
EBA = "Vehicle.ADAS.EBA.IsEngaged"
# On a three-lane road, nothing to warn about, cruise off (gallery.ROAD: limit 100)
CALM = {**DRIVING, **ROAD, "Vehicle.Speed": 88.0, CRUISE + "IsEnabled": False, CRUISE + "IsActive": False}
ACC = {**CALM, CRUISE + "IsEnabled": True, CRUISE + "IsActive": True, CRUISE + "SpeedSet": 110.0}


def find(car, name: str):  # noqa: ANN001, ANN201
    return next(i for i in visual_items(car.windows["hud"].contentItem()) if i.objectName() == name)


def hud_colour(car, name: str) -> str:  # noqa: ANN001
    return car.theme.group("color")["hud"][name]


@pytest.mark.parametrize("theme", ["dark", "light", "city-light", "grand-dark"])
def test_the_hud_is_light_on_black_in_every_theme(cockpits, qml_warnings, theme):
    car = cockpits({**DRIVING, "Vehicle.Speed": 88.0}, theme)
    image = shot(car, "hud")
    assert (image.width(), image.height()) == (800, 300)
    # an emissive display: black is no light; a light theme's page colour would glow over the road
    every = pixels(image)
    assert count_colour(image, "#000000") > 0.8 * len(every)
    assert count_colour(image, hud_colour(car, "text")) > 1500  # the bold figures, in the HUD's own light colour


def test_the_hud_shows_the_speed_and_dashes_without_it(cockpits, qml_warnings):
    slow = shot(cockpits({**DRIVING, "Vehicle.Speed": 30.0}), "hud")
    fast = shot(cockpits({**DRIVING, "Vehicle.Speed": 130.0}), "hud")
    lost = shot(cockpits({k: v for k, v in DRIVING.items() if k != "Vehicle.Speed"}), "hud")
    assert differing(slow, fast) > 2000
    assert differing(slow, lost) > 2000


@pytest.mark.parametrize("theme", ["dark", "light"])
def test_a_warning_shows_on_the_hud_only_while_lit(cockpits, qml_warnings, theme):
    calm = cockpits(DRIVING, theme)
    # the HUD's bright amber in every theme: a light theme's own amber is dark, dim on black
    amber = hud_colour(calm, "telltale")["warning"]
    assert theme == "dark" or amber != calm.theme.group("color")["telltale"]["warning"]
    assert count_colour(shot(calm, "hud"), amber) == 0  # no ghosts: a HUD shows only what matters
    assert count_colour(shot(cockpits({**DRIVING, TIRE_LOW: True}, theme), "hud"), amber) > 100
    # in the warning table's colour, as on the cluster: a low 12 V battery is amber, not red
    low_12v = shot(cockpits({**DRIVING, "Vehicle.LowVoltageBattery.CurrentVoltage": 11.3}, theme), "hud")
    assert count_colour(low_12v, amber) > 100
    assert count_colour(low_12v, hud_colour(calm, "telltale")["danger"]) == 0


# ----- assistance ------------------------------------------------------------------------------------


def test_the_speed_limit_sign_shows_the_limit_known_and_amber_figures_past_it(cockpits, qml_warnings):
    signed = cockpits(CALM)  # 88 in a 100
    ring, amber = signed.theme.group("color")["sign"]["ring"], hud_colour(signed, "caution")
    image = shot(signed, "hud")
    assert count_colour(image, ring) > 1000 and find(signed, "hudLimit").isVisible()
    assert count_colour(image, amber) == 0
    # no limit known (none received, or 0): no sign, and no guess
    for values in ({k: v for k, v in CALM.items() if k != LIMIT}, {**CALM, LIMIT: 0}):
        car = cockpits(values)
        assert count_colour(shot(car, "hud"), ring) == 0 and not find(car, "hudLimit").isVisible()
    # past the limit by more than a speedometer's tolerance: the figures turn amber
    within, past = cockpits({**CALM, "Vehicle.Speed": 102.0}), cockpits({**CALM, "Vehicle.Speed": 110.0})
    assert count_colour(shot(within, "hud"), amber) == 0
    assert count_colour(shot(past, "hud"), amber) > 2000


def test_adaptive_cruise_shows_its_set_speed_time_gap_and_the_car_it_follows_in_green(cockpits, qml_warnings):
    off = cockpits(CALM)
    green = hud_colour(off, "active")
    assert count_colour(shot(off, "hud"), green) == 0
    two = cockpits({**ACC, CRUISE + "AdaptiveIntervalSet": 2})
    four = cockpits({**ACC, CRUISE + "AdaptiveIntervalSet": 4})
    lit_two, lit_four = count_colour(shot(two, "hud"), green), count_colour(shot(four, "hud"), green)
    assert lit_two > 1000  # the symbol, "110" and two bars
    assert lit_four > lit_two + 300  # two bars more
    assert find(two, "hudSetSpeed").property("text") == "110"
    # following a car: the car past the bars
    following = cockpits({**ACC, CRUISE + "AdaptiveIntervalSet": 2, **lead(40.0, 100.0, 100.0)})
    assert count_colour(shot(following, "hud"), green) > lit_two + 200 and find(following, "hudLead").isVisible()
    assert not find(two, "hudLead").isVisible()
    # on but not holding the speed (the driver braked): grey, not green
    standby = cockpits({**ACC, CRUISE + "IsActive": False})
    assert count_colour(shot(standby, "hud"), green) == 0 and find(standby, "hudAcc").isVisible()
    # a car with warnings but no adaptive cruise (ADAS level 1) shows none of it
    find(two, "hudView").setProperty("adasLevel", 1)
    assert count_colour(shot(two, "hud"), green) == 0


def test_a_collision_ahead_is_one_red_word_and_urgent_adds_a_band(cockpits, qml_warnings):
    calm = cockpits(CALM)
    red = hud_colour(calm, "danger")
    assert count_colour(shot(calm, "hud"), red) == 0
    warning = cockpits({**CALM, FCW: "WARNING", FRONT_WARNING: True})
    urgent = cockpits({**CALM, FCW: "URGENT", FRONT_WARNING: True})
    braking = cockpits({**CALM, FCW: "URGENT", FRONT_WARNING: True, EBA: True})
    red_warning, red_urgent, red_braking = (count_colour(shot(c, "hud"), red) for c in (warning, urgent, braking))
    assert red_warning > 4000  # "Brake!", large
    assert red_urgent - red_warning >= 800 * 8 * 0.9  # the band across the top
    assert red_braking - red_urgent > 1000  # "Emergency braking" under it
    assert find(warning, "hudCollision").isVisible()
    # a car without assistance (ADAS level 0) warns of nothing
    find(braking, "hudView").setProperty("adasLevel", 0)
    assert count_colour(shot(braking, "hud"), red) == 0


def test_no_route_no_chevrons_not_even_under_adaptive_cruise(cockpits, qml_warnings):
    car = cockpits(ACC)
    shot(car, "hud")
    assert not find(car, "hudRoad").isVisible() and not find(car, "hudManeuver").isVisible()


# ----- the route's next maneuver on the road ----------------------------------------------------------


@pytest.fixture(scope="module")
def track():
    return plan(None, "Mannerheimintie", "Unioninkatu", seed=3)


@pytest.fixture
def guided(qapp, track):  # noqa: ANN001, ANN201
    """guided(seconds): a cockpit that far along ``track``, guided to its end; closed at teardown."""
    from .screens import guided as guided_cockpit

    made = []

    def make(seconds: float):  # noqa: ANN202
        made.append(guided_cockpit(track, "dark", seconds))
        return made[-1]

    yield make
    for car in made:
        car.close()


def chevron_pixels(car) -> list[tuple[int, int]]:  # noqa: ANN001
    """(x, lightness) of every pixel the chevrons paint: the picture with them, less the one without."""
    from PySide6.QtGui import QColor

    on = pixels(shot(car, "hud"))
    road = find(car, "hudRoad")
    assert road.isVisible()
    width = 800
    road.setProperty("visible", False)
    off = pixels(shot(car, "hud"))
    return [(i % width, QColor.fromRgba(a).lightness()) for i, (a, b) in enumerate(zip(on, off, strict=True))
            if a != b]


def mean(values) -> float:  # noqa: ANN001
    values = list(values)
    return sum(values) / len(values)


def test_the_chevrons_lie_on_the_road_pointing_the_way_of_the_turn(guided, qml_warnings):
    left = guided(60.0)
    assert left.navigation.property("maneuver") == "turn-left"
    right = guided(150.0)
    assert right.navigation.property("maneuver") == "turn-right"
    left_px, right_px = chevron_pixels(left), chevron_pixels(right)
    assert len(left_px) > 3000 and len(right_px) > 3000
    # bending the maneuver's way: the nearest lies across the middle, the rest on the turn's side
    def sides(px: list[tuple[int, int]]) -> tuple[int, int]:
        return sum(x < 400 for x, _ in px), sum(x >= 400 for x, _ in px)

    (left_of_left, right_of_left), (left_of_right, right_of_right) = sides(left_px), sides(right_px)
    assert left_of_left > 1.4 * right_of_left
    assert right_of_right > 1.4 * left_of_right


def test_the_chevrons_brighten_as_the_turn_nears_and_go_with_the_route(guided, qml_warnings):
    far, near = guided(60.0), guided(120.0)
    metres = far.navigation.property("maneuverMetres"), near.navigation.property("maneuverMetres")
    assert far.navigation.property("maneuver") == near.navigation.property("maneuver") == "turn-left"
    assert metres[0] > 200 > 100 > metres[1]
    assert mean(v for _, v in chevron_pixels(near)) > mean(v for _, v in chevron_pixels(far)) + 15
    near.navigation.cancel()
    near.bridge.flush()
    shot(near, "hud")
    assert not find(near, "hudRoad").isVisible() and not find(near, "hudManeuver").isVisible()
